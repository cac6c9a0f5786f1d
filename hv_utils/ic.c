// SPDX-License-Identifier: GPL-2.0
/*
 * The IC framework of hv_utils: one VMBus driver per service, channel
 * open/close, packet receive, IC version negotiation and replies (now or
 * deferred). See the DOC section in ic.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <proto/vmbus_ring.h>
#include "ic.h"

/**
 * struct lumen_ic - one bound IC channel
 * @svc: the service.
 * @vdev: the VMBus device.
 * @chan: its primary channel.
 * @priv: the service's data (lumen_ic_set_priv()).
 * @rx: receive buffer, %LUMEN_IC_BUF_SIZE bytes; touched only by the
 *	channel callback.
 * @tx: buffer lumen_ic_reply() builds deferred replies in; protected by
 *	@lock.
 * @lock: protects @open, @pending, @pending_hdr, @pending_tid, @tx and
 *	@stats; taken with interrupts off (lumen_ic_reply() runs in any
 *	context).
 * @open: the channel is open; replies may be sent.
 * @negotiated: a negotiation succeeded; written by the callback only.
 * @fw_ver: negotiated framework version (valid when @negotiated).
 * @msg_ver: negotiated message version (valid when @negotiated).
 * @pending: a deferred request waits for lumen_ic_reply().
 * @pending_hdr: its IC header, as received.
 * @pending_tid: its VMBus transaction id.
 * @stats: counters.
 * @dbg: its debugfs file, hv_utils/<device name>.
 * @open_work: opens the channel after probe (see lumen_ic_probe()).
 * @chan_opened: lumen_chan_open() succeeded; written by @open_work, read
 *	by remove after @open_work finished.
 */
struct lumen_ic {
	struct lumen_ic_service *svc;
	struct lumen_vmbus_device *vdev;
	struct lumen_chan *chan;
	void *priv;
	u8 *rx;
	u8 *tx;
	spinlock_t lock; /* guards what the kernel-doc says */
	bool open;
	bool negotiated;
	u32 fw_ver;
	u32 msg_ver;
	bool pending;
	u8 pending_hdr[IC_HDR_SIZE];
	u64 pending_tid;
	struct lumen_ic_stats stats;
	struct dentry *dbg;
	struct work_struct open_work;
	bool chan_opened;
};

/* hv_utils's debugfs directory; one file per bound channel. */
static struct dentry *lumen_ic_debugfs;

/* Send @len bytes of @buf as the reply to VMBus transaction @tid. */
static void lumen_ic_send_locked(struct lumen_ic *ic, const void *buf,
				 u32 len, u64 tid)
{
	int ret;

	lockdep_assert_held(&ic->lock);
	if (!ic->open)
		return;
	ret = lumen_chan_send(ic->chan, buf, len, tid, false);
	if (ret) {
		ic->stats.send_errors++;
		dev_err_ratelimited(&ic->vdev->dev, "%s: reply not sent: %d\n",
				    ic->svc->name, ret);
		return;
	}
	ic->stats.tx++;
}

static void lumen_ic_bad(struct lumen_ic *ic, int err, const char *what)
{
	unsigned long flags;

	spin_lock_irqsave(&ic->lock, flags);
	ic->stats.bad++;
	spin_unlock_irqrestore(&ic->lock, flags);
	dev_warn_ratelimited(&ic->vdev->dev, "%s: bad %s: %d\n",
			     ic->svc->name, what, err);
}

/* Answer the request in @pkt at once, in place, with @body_len bytes. */
static void lumen_ic_answer(struct lumen_ic *ic, u8 *pkt, u64 tid,
			    u32 status, u32 body_len)
{
	unsigned long flags;

	ic_msg_set_reply(pkt, status, body_len);
	spin_lock_irqsave(&ic->lock, flags);
	lumen_ic_send_locked(ic, pkt, IC_HDR_SIZE + body_len, tid);
	spin_unlock_irqrestore(&ic->lock, flags);
}

static void lumen_ic_negotiate(struct lumen_ic *ic, u8 *pkt, u64 tid,
			       const struct ic_msg_info *info)
{
	const struct lumen_ic_service *svc = ic->svc;
	struct ic_negotiate_info neg;
	u8 *body = pkt + IC_BODY_OFFSET;
	u32 cap = LUMEN_IC_BUF_SIZE - IC_BODY_OFFSET;
	u32 status = info->status;
	u32 fw = 0, msg = 0;
	bool found = false;
	int ret;

	ret = ic_negotiate_parse(body, info->body_len, &neg);
	if (ret) {
		lumen_ic_bad(ic, ret, "negotiation");
		status = IC_STATUS_FAIL;
	} else {
		found = !ic_negotiate_pick(&neg, svc->fw_versions,
					   svc->fw_count, svc->msg_versions,
					   svc->msg_count, &fw, &msg);
		if (!found)
			dev_warn_ratelimited(&ic->vdev->dev,
					     "%s: no common IC version\n",
					     svc->name);
	}
	ic_negotiate_build_reply(body, cap, found, fw, msg);
	/* A malformed request leaves an earlier negotiation standing. */
	if (!ret)
		ic->negotiated = found;
	if (found) {
		ic->fw_ver = fw;
		ic->msg_ver = msg;
		dev_info(&ic->vdev->dev, "%s: IC framework %u.%u, message %u.%u\n",
			 svc->name, IC_VER_MAJOR(fw), IC_VER_MINOR(fw),
			 IC_VER_MAJOR(msg), IC_VER_MINOR(msg));
	}
	lumen_ic_answer(ic, pkt, tid, status, IC_NEGOTIATE_REPLY_SIZE);
	if (found && svc->negotiated)
		svc->negotiated(ic);
}

static void lumen_ic_request(struct lumen_ic *ic, u8 *pkt, u64 tid,
			     const struct ic_msg_info *info)
{
	struct lumen_ic_req req = {
		.info = *info,
		.body = pkt + IC_BODY_OFFSET,
		.body_len = info->body_len,
		.body_cap = LUMEN_IC_BUF_SIZE - IC_BODY_OFFSET,
		.reply_len = info->body_len,
		.status = IC_STATUS_OK,
	};
	unsigned long flags;
	bool answered;
	int ret;

	spin_lock_irqsave(&ic->lock, flags);
	if (ic->pending) {
		ic->stats.busy++;
		spin_unlock_irqrestore(&ic->lock, flags);
		dev_warn_ratelimited(&ic->vdev->dev,
				     "%s: request while one is outstanding\n",
				     ic->svc->name);
		lumen_ic_answer(ic, pkt, tid, IC_STATUS_FAIL,
				info->body_len);
		return;
	}
	/* Saved first: the service may answer before its hook returns. */
	memcpy(ic->pending_hdr, pkt, IC_HDR_SIZE);
	ic->pending_tid = tid;
	ic->pending = true;
	spin_unlock_irqrestore(&ic->lock, flags);

	ret = ic->svc->message(ic, &req);
	if (ret == LUMEN_IC_DEFER)
		return;

	spin_lock_irqsave(&ic->lock, flags);
	answered = !ic->pending;
	ic->pending = false;
	spin_unlock_irqrestore(&ic->lock, flags);
	if (answered)
		return;
	if (ret < 0) {
		lumen_ic_bad(ic, ret, "message");
		lumen_ic_answer(ic, pkt, tid, IC_STATUS_FAIL,
				info->body_len);
		return;
	}
	if (req.reply_len > req.body_cap)
		req.reply_len = req.body_cap;
	lumen_ic_answer(ic, pkt, tid, req.status, req.reply_len);
}

static void lumen_ic_packet(struct lumen_ic *ic,
			    const struct lumen_chan_pkt *p)
{
	/* @p->data points into ic->rx, which the callback owns. */
	u8 *pkt = ic->rx + ((const u8 *)p->data - ic->rx);
	struct ic_msg_info info;
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&ic->lock, flags);
	ic->stats.rx++;
	spin_unlock_irqrestore(&ic->lock, flags);
	if (p->type != VMBUS_PKT_DATA_INBAND) {
		lumen_ic_bad(ic, -EBADRQC, "packet type");
		return;
	}
	ret = ic_msg_parse(pkt, p->len, &info);
	if (ret) {
		lumen_ic_bad(ic, ret, "header");
		return;
	}
	if (info.type == IC_MSG_NEGOTIATE) {
		lumen_ic_negotiate(ic, pkt, p->trans_id, &info);
		return;
	}
	if (!ic->negotiated) {
		lumen_ic_bad(ic, -EPROTO, "message before negotiation");
		lumen_ic_answer(ic, pkt, p->trans_id, IC_STATUS_FAIL,
				info.body_len);
		return;
	}
	lumen_ic_request(ic, pkt, p->trans_id, &info);
}

static void lumen_ic_callback(void *ctx)
{
	struct lumen_ic *ic = ctx;
	struct lumen_chan_pkt p;
	int ret;

	for (;;) {
		ret = lumen_chan_recv(ic->chan, ic->rx, LUMEN_IC_BUF_SIZE, &p);
		if (ret == -ENODATA)
			break;
		if (ret) {
			/* The ring is corrupt (or a packet beyond any IC size). */
			lumen_ic_bad(ic, ret, "receive");
			break;
		}
		lumen_ic_packet(ic, &p);
	}
	lumen_chan_recv_done(ic->chan);
}

/**
 * lumen_ic_reply() - Answer the request a service deferred.
 * @ic: the channel.
 * @status: reply status, one of %IC_STATUS_*.
 * @body: reply body, or NULL when @len is 0.
 * @len: body bytes, at most %LUMEN_IC_BUF_SIZE - %IC_HDR_SIZE.
 *
 * Sends the saved IC header with @status, %IC_FLAGS_REPLY and
 * &ic_hdr.msg_size = @len, followed by @body, with the request's VMBus
 * transaction id.
 *
 * Context: any context.
 * Return: 0 when sent (or the channel failed to take it, counted);
 * -ENOENT if no request is deferred; -EMSGSIZE if @len is too long;
 * -ENOTCONN if the channel is closed.
 */
int lumen_ic_reply(struct lumen_ic *ic, u32 status, const void *body,
		   u32 len)
{
	unsigned long flags;
	int ret = 0;

	if (len > LUMEN_IC_BUF_SIZE - IC_HDR_SIZE)
		return -EMSGSIZE;
	spin_lock_irqsave(&ic->lock, flags);
	if (!ic->open) {
		ret = -ENOTCONN;
	} else if (!ic->pending) {
		ret = -ENOENT;
	} else {
		ic->pending = false;
		memcpy(ic->tx, ic->pending_hdr, IC_HDR_SIZE);
		if (len)
			memcpy(ic->tx + IC_BODY_OFFSET, body, len);
		ic_msg_set_reply(ic->tx, status, len);
		lumen_ic_send_locked(ic, ic->tx, IC_HDR_SIZE + len,
				     ic->pending_tid);
	}
	spin_unlock_irqrestore(&ic->lock, flags);
	return ret;
}

/**
 * lumen_ic_set_priv() - Attach the service's data to a channel.
 * @ic: the channel.
 * @priv: the data.
 *
 * Context: the service's probe hook.
 */
void lumen_ic_set_priv(struct lumen_ic *ic, void *priv)
{
	ic->priv = priv;
}

/**
 * lumen_ic_priv() - The service's data of a channel.
 * @ic: the channel.
 *
 * Context: any context.
 * Return: what lumen_ic_set_priv() stored, or NULL.
 */
void *lumen_ic_priv(const struct lumen_ic *ic)
{
	return ic->priv;
}

/**
 * lumen_ic_dev() - The device of a channel, for logging.
 * @ic: the channel.
 *
 * Context: any context.
 * Return: the VMBus device's struct device.
 */
struct device *lumen_ic_dev(const struct lumen_ic *ic)
{
	return &ic->vdev->dev;
}

/**
 * lumen_ic_msg_ver() - The negotiated message version.
 * @ic: the channel.
 *
 * Context: the channel's hooks (negotiated, message).
 * Return: IC_VER() packed; 0 before a negotiation succeeded.
 */
u32 lumen_ic_msg_ver(const struct lumen_ic *ic)
{
	return ic->negotiated ? ic->msg_ver : 0;
}

/**
 * lumen_ic_fw_ver() - The negotiated framework version.
 * @ic: the channel.
 *
 * Context: the channel's hooks (negotiated, message).
 * Return: IC_VER() packed; 0 before a negotiation succeeded.
 */
u32 lumen_ic_fw_ver(const struct lumen_ic *ic)
{
	return ic->negotiated ? ic->fw_ver : 0;
}

/**
 * lumen_ic_stats() - Read a channel's counters.
 * @ic: the channel.
 * @st: the counters, copied.
 *
 * Context: any context.
 */
void lumen_ic_stats(struct lumen_ic *ic, struct lumen_ic_stats *st)
{
	unsigned long flags;

	spin_lock_irqsave(&ic->lock, flags);
	*st = ic->stats;
	spin_unlock_irqrestore(&ic->lock, flags);
}

static int lumen_ic_stats_show(struct seq_file *m, void *unused)
{
	struct lumen_ic *ic = m->private;
	struct lumen_ic_stats st;
	u32 fw = lumen_ic_fw_ver(ic), msg = lumen_ic_msg_ver(ic);

	lumen_ic_stats(ic, &st);
	seq_printf(m, "service: %s\n", ic->svc->name);
	seq_printf(m, "framework: %u.%u\n", IC_VER_MAJOR(fw), IC_VER_MINOR(fw));
	seq_printf(m, "message: %u.%u\n", IC_VER_MAJOR(msg), IC_VER_MINOR(msg));
	seq_printf(m, "rx: %llu\n", st.rx);
	seq_printf(m, "tx: %llu\n", st.tx);
	seq_printf(m, "bad: %llu\n", st.bad);
	seq_printf(m, "busy: %llu\n", st.busy);
	seq_printf(m, "send_errors: %llu\n", st.send_errors);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lumen_ic_stats);

/**
 * lumen_ic_init() - Set up what the framework shares between services.
 *
 * Creates the debugfs directory hv_utils/, with one file per bound IC
 * channel (named after its device) showing its versions and counters.
 *
 * Context: module init.
 */
void lumen_ic_init(void)
{
	lumen_ic_debugfs = debugfs_create_dir("hv_utils", NULL);
}

/**
 * lumen_ic_exit() - Undo lumen_ic_init().
 *
 * Context: module exit, after every service was unregistered.
 */
void lumen_ic_exit(void)
{
	debugfs_remove(lumen_ic_debugfs);
}

static void lumen_ic_open_fn(struct work_struct *work)
{
	struct lumen_ic *ic = container_of(work, struct lumen_ic, open_work);
	unsigned long flags;
	int ret;

	/* Replies may go out as soon as the first packet arrives. */
	spin_lock_irqsave(&ic->lock, flags);
	ic->open = true;
	spin_unlock_irqrestore(&ic->lock, flags);
	ret = lumen_chan_open(ic->chan, LUMEN_IC_RING_SIZE, LUMEN_IC_RING_SIZE,
			      NULL, 0, lumen_ic_callback, ic);
	if (!ret) {
		ic->chan_opened = true;
		return;
	}
	spin_lock_irqsave(&ic->lock, flags);
	ic->open = false;
	spin_unlock_irqrestore(&ic->lock, flags);
	dev_err(&ic->vdev->dev, "%s: channel open failed: %d\n",
		ic->svc->name, ret);
}

/*
 * The channel is opened from a work item, not from probe: probe runs on
 * hv_vmbus's ordered device workqueue, where an open waiting on a slow or
 * silent host would hold up every device added after this one.
 */
static int lumen_ic_probe(struct lumen_vmbus_device *vdev,
			  const struct hv_vmbus_device_id *id)
{
	struct lumen_vmbus_driver *drv =
		container_of(vdev->dev.driver, struct lumen_vmbus_driver,
			     driver);
	struct lumen_ic_service *svc =
		container_of(drv, struct lumen_ic_service, drv);
	struct lumen_ic *ic;
	int ret;

	ic = kzalloc(sizeof(*ic), GFP_KERNEL);
	if (!ic)
		return -ENOMEM;
	ic->rx = kzalloc(LUMEN_IC_BUF_SIZE, GFP_KERNEL);
	ic->tx = kzalloc(LUMEN_IC_BUF_SIZE, GFP_KERNEL);
	if (!ic->rx || !ic->tx) {
		ret = -ENOMEM;
		goto out_free;
	}
	ic->svc = svc;
	ic->vdev = vdev;
	ic->chan = vdev->chan;
	spin_lock_init(&ic->lock);
	INIT_WORK(&ic->open_work, lumen_ic_open_fn);
	dev_set_drvdata(&vdev->dev, ic);

	if (svc->probe) {
		ret = svc->probe(ic);
		if (ret)
			goto out_free;
	}
	ic->dbg = debugfs_create_file(dev_name(&vdev->dev), 0444,
				      lumen_ic_debugfs, ic,
				      &lumen_ic_stats_fops);
	schedule_work(&ic->open_work);
	return 0;

out_free:
	dev_set_drvdata(&vdev->dev, NULL);
	kfree(ic->tx);
	kfree(ic->rx);
	kfree(ic);
	return ret;
}

static void lumen_ic_remove(struct lumen_vmbus_device *vdev)
{
	struct lumen_ic *ic = dev_get_drvdata(&vdev->dev);
	unsigned long flags;

	debugfs_remove(ic->dbg);
	/* A rescind makes a pending open fail at once. */
	flush_work(&ic->open_work);
	/*
	 * No reply is sent from here on (a daemon's late answer, the reply
	 * timeout): lumen_ic_send_locked() tests @open under the lock.
	 */
	spin_lock_irqsave(&ic->lock, flags);
	ic->open = false;
	ic->pending = false;
	spin_unlock_irqrestore(&ic->lock, flags);
	/* No callback runs once the channel is closed. */
	if (ic->chan_opened)
		lumen_chan_close(ic->chan);
	if (ic->svc->remove)
		ic->svc->remove(ic);
	dev_set_drvdata(&vdev->dev, NULL);
	kfree(ic->tx);
	kfree(ic->rx);
	kfree(ic);
}

/**
 * lumen_ic_service_register() - Register an IC service's VMBus driver.
 * @svc: the service; lives until lumen_ic_service_unregister().
 *
 * Context: process context, may sleep (devices may be probed at once).
 * Return: 0, -EINVAL for a service without a message hook or version
 * lists, or the errno of &lumen_ic_service.init or of the driver
 * registration.
 */
int lumen_ic_service_register(struct lumen_ic_service *svc)
{
	int ret;

	if (!svc->message || !svc->fw_count || !svc->msg_count)
		return -EINVAL;
	memset(svc->ids, 0, sizeof(svc->ids));
	svc->ids[0].guid = svc->class_id;
	memset(&svc->drv, 0, sizeof(svc->drv));
	svc->drv.name = svc->name;
	svc->drv.id_table = svc->ids;
	svc->drv.probe = lumen_ic_probe;
	svc->drv.remove = lumen_ic_remove;
	if (svc->init) {
		ret = svc->init();
		if (ret)
			return ret;
	}
	ret = lumen_vmbus_driver_register(&svc->drv);
	if (ret && svc->exit)
		svc->exit();
	return ret;
}

/**
 * lumen_ic_service_unregister() - Unregister an IC service.
 * @svc: a registered service. Its devices are removed first.
 *
 * Context: process context, may sleep.
 */
void lumen_ic_service_unregister(struct lumen_ic_service *svc)
{
	lumen_vmbus_driver_unregister(&svc->drv);
	if (svc->exit)
		svc->exit();
}
