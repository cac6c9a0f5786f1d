// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: IC framing on the host side: negotiation with Hyper-V's version
 * lists, host transaction ids, reply checks and a periodic tick, shared by
 * the IC device classes. See the DOC section in ic_host.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <lumen/ring.h>
#include <proto/vmbus_ring.h>
#include "hvsim.h"
#include "ic_host.h"

/* Framework versions Hyper-V offers, in its order (OpenVMM's list). */
static const u32 hvsim_ic_fw_versions[] = { IC_FW_VER_1_0, IC_FW_VER_3_0 };

static struct hvsim_ic *hvsim_ic_of(struct hvsim_dev *dev)
{
	return dev->priv;
}

static void hvsim_ic_tick_fn(struct work_struct *work)
{
	struct hvsim_ic *ic = container_of(to_delayed_work(work),
					   struct hvsim_ic, tick);
	unsigned long flags;

	if (hvsim_ic_ready(ic) && ic->desc->tick)
		ic->desc->tick(ic);
	spin_lock_irqsave(&ic->lock, flags);
	if (ic->state == HVSIM_IC_READY && ic->period_ms)
		mod_delayed_work(system_wq, &ic->tick,
				 msecs_to_jiffies(ic->period_ms));
	spin_unlock_irqrestore(&ic->lock, flags);
}

/**
 * hvsim_ic_create() - Set up the host side of a new IC device.
 * @dev: the device (its class's create hook).
 * @desc: the service.
 * @priv_size: bytes of service data to allocate after the state.
 *
 * Context: process context, hvsim_mutex held.
 * Return: 0 or -ENOMEM.
 */
int hvsim_ic_create(struct hvsim_dev *dev, const struct hvsim_ic_desc *desc,
		    size_t priv_size)
{
	struct hvsim_ic *ic;

	ic = kzalloc(struct_size(ic, priv, priv_size), GFP_KERNEL);
	if (!ic)
		return -ENOMEM;
	ic->dev = dev;
	ic->desc = desc;
	spin_lock_init(&ic->lock);
	ic->state = HVSIM_IC_CLOSED;
	ic->next_tid = 1;
	INIT_DELAYED_WORK(&ic->tick, hvsim_ic_tick_fn);
	dev->priv = ic;
	return 0;
}

/**
 * hvsim_ic_destroy() - Free what hvsim_ic_create() made.
 * @dev: the device; its channel is stopped.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_ic_destroy(struct hvsim_dev *dev)
{
	struct hvsim_ic *ic = hvsim_ic_of(dev);

	if (!ic)
		return;
	cancel_delayed_work_sync(&ic->tick);
	kfree(ic);
	dev->priv = NULL;
}

/**
 * hvsim_ic_create_single() - hvsim_ic_create() for a service that one
 *	debugfs control file drives: at most one device at a time.
 * @dev: the device (its class's create hook).
 * @desc: the service.
 * @slot: the service's pointer to its one device; set on success.
 *
 * Context: process context, hvsim_mutex held.
 * Return: 0, -EBUSY while another device of the service exists, -ENOMEM.
 */
int hvsim_ic_create_single(struct hvsim_dev *dev,
			   const struct hvsim_ic_desc *desc,
			   struct hvsim_ic **slot)
{
	int err;

	lockdep_assert_held(&hvsim_mutex);
	if (*slot)
		return -EBUSY;
	err = hvsim_ic_create(dev, desc, 0);
	if (!err)
		*slot = dev->priv;
	return err;
}

/**
 * hvsim_ic_destroy_single() - hvsim_ic_destroy() for a device made by
 *	hvsim_ic_create_single().
 * @dev: the device; its channel is stopped.
 * @slot: the service's pointer to its one device; cleared if it is @dev.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_ic_destroy_single(struct hvsim_dev *dev, struct hvsim_ic **slot)
{
	lockdep_assert_held(&hvsim_mutex);
	if (*slot == dev->priv)
		*slot = NULL;
	hvsim_ic_destroy(dev);
}

/*
 * Build and post one IC packet, the first @cut bytes of it if @cut is not
 * 0 (then no reply is awaited); the caller holds ic->lock.
 */
static int hvsim_ic_post_locked(struct hvsim_ic *ic, u16 type, u8 flags,
				const void *body, u32 len, u32 cut, bool bad)
{
	struct ic_msg_info info = {
		.fw_ver = type == IC_MSG_NEGOTIATE ? 0 : ic->fw_ver,
		.msg_ver = type == IC_MSG_NEGOTIATE ? 0 : ic->msg_ver,
		.type = type,
		.status = IC_STATUS_OK,
		.trans_id = 0,
		.flags = flags,
	};
	u32 n, msg_len = IC_HDR_SIZE + len;
	u32 pkt_len = sizeof(struct vmbus_pkt_desc) + msg_len;
	u8 *msg, *pkt;
	int ret;

	lockdep_assert_held(&ic->lock);
	if (ic->pending) {
		if (time_before(jiffies, ic->pending_since +
				msecs_to_jiffies(HVSIM_IC_REPLY_TIMEOUT_MS)))
			return -EBUSY;
		/* Unanswered for too long: the request is lost. */
		atomic64_inc(&ic->desc->stats->timeouts);
		ic->pending = false;
	}
	if (len > IC_MAX_MSG_SIZE)
		return -EMSGSIZE;
	msg = kmalloc(msg_len, GFP_ATOMIC);
	pkt = kmalloc(pkt_len, GFP_ATOMIC);
	if (!msg || !pkt) {
		ret = -ENOMEM;
		goto out;
	}
	ret = ic_msg_build(msg, msg_len, &info, len);
	if (ret < 0)
		goto out;
	memcpy(msg + IC_BODY_OFFSET, body, len);
	/* Pipe-mode data: in-band, no completion asked (OpenVMM's pipe). */
	n = hvsim_pkt_inband(pkt, VMBUS_PKT_DATA_INBAND, 0, ic->next_tid, msg,
			     cut && cut < msg_len ? cut : msg_len);
	ret = hvsim_dev_post(ic->dev, pkt, n);
	if (ret || cut)
		goto out;
	ic->pending = true;
	ic->pending_bad = bad;
	ic->pending_tid = ic->next_tid++;
	ic->pending_type = type;
	ic->pending_since = jiffies;
out:
	kfree(pkt);
	kfree(msg);
	return ret;
}

/**
 * hvsim_ic_send() - Send a service request to the guest.
 * @ic: the channel, negotiated.
 * @flags: IC header flags (%IC_FLAG_*), as the service's host sets them.
 * @body: the body.
 * @len: its length, at most %IC_MAX_MSG_SIZE.
 *
 * Context: any context but hard irq.
 * Return: 0; -ENOTCONN before negotiation ended or after close; -EBUSY
 * while a request is outstanding (counted); -EMSGSIZE, -ENOMEM or the
 * post's errno.
 */
int hvsim_ic_send(struct hvsim_ic *ic, u8 flags, const void *body, u32 len)
{
	struct hvsim_ic_stats *st = ic->desc->stats;
	unsigned long irqflags;
	int ret;

	spin_lock_irqsave(&ic->lock, irqflags);
	if (ic->state != HVSIM_IC_READY)
		ret = -ENOTCONN;
	else
		ret = hvsim_ic_post_locked(ic, ic->desc->msg_type, flags, body,
					   len, 0, false);
	spin_unlock_irqrestore(&ic->lock, irqflags);
	if (ret == -EBUSY)
		atomic64_inc(&st->busy);
	else if (!ret)
		atomic64_inc(&st->sent);
	return ret;
}

/* Names of the HVSIM_IC_INJECT_* kinds, as debugfs takes them. */
static const char *const hvsim_ic_inject_names[HVSIM_IC_INJECT_KINDS] = {
	[HVSIM_IC_INJECT_SHORT] = "short",
	[HVSIM_IC_INJECT_UNKNOWN_TYPE] = "unknown_type",
	[HVSIM_IC_INJECT_BODY_SHORT] = "body_short",
	[HVSIM_IC_INJECT_NEG_OVERRUN] = "neg_overrun",
	[HVSIM_IC_INJECT_NEG_TOO_MANY] = "neg_too_many",
};

/**
 * hvsim_ic_inject_kind() - Look up an injection by name.
 * @name: "short", "unknown_type", "body_short", "neg_overrun" or
 *	"neg_too_many".
 *
 * Context: any context.
 * Return: the HVSIM_IC_INJECT_* kind, or -EINVAL.
 */
int hvsim_ic_inject_kind(const char *name)
{
	int i = match_string(hvsim_ic_inject_names, HVSIM_IC_INJECT_KINDS,
			     name);

	return i < 0 ? -EINVAL : i;
}

/**
 * hvsim_ic_inject() - Send a malformed request, as a hostile host would.
 * @ic: the channel, negotiated.
 * @kind: one of HVSIM_IC_INJECT_*.
 *
 * The reply to it (none for %HVSIM_IC_INJECT_SHORT) must carry
 * %IC_STATUS_FAIL; it is counted in &hvsim_ic_stats.refused, anything
 * else in &hvsim_ic_stats.bad_replies.
 *
 * Context: any context but hard irq.
 * Return: 0; -EINVAL for an unknown @kind; as hvsim_ic_send().
 */
int hvsim_ic_inject(struct hvsim_ic *ic, unsigned int kind)
{
	static const u8 flags = IC_FLAG_TRANSACTION | IC_FLAG_REQUEST;
	struct hvsim_ic_stats *st = ic->desc->stats;
	struct ic_negotiate neg = {};
	u8 body[sizeof(neg) + 2 * sizeof(struct ic_ver)] = {};
	unsigned long irqflags;
	u16 type = IC_MSG_NEGOTIATE;
	u32 len = sizeof(body), cut = 0;
	int ret;

	switch (kind) {
	case HVSIM_IC_INJECT_SHORT:
		type = ic->desc->msg_type;
		cut = IC_HDR_SIZE - 8;
		break;
	case HVSIM_IC_INJECT_UNKNOWN_TYPE:
		type = IC_MSG_VM_SESSION + 1;
		break;
	case HVSIM_IC_INJECT_BODY_SHORT:
		type = ic->desc->msg_type;
		len = 4;
		break;
	case HVSIM_IC_INJECT_NEG_OVERRUN:
		neg.fw_count = cpu_to_le16(50);
		neg.msg_count = cpu_to_le16(50);
		break;
	case HVSIM_IC_INJECT_NEG_TOO_MANY:
		neg.fw_count = cpu_to_le16(IC_NEGOTIATE_MAX_VERSIONS + 1);
		neg.msg_count = cpu_to_le16(1);
		break;
	default:
		return -EINVAL;
	}
	memcpy(body, &neg, sizeof(neg));
	spin_lock_irqsave(&ic->lock, irqflags);
	if (ic->state != HVSIM_IC_READY)
		ret = -ENOTCONN;
	else
		ret = hvsim_ic_post_locked(ic, type, flags, body, len, cut,
					   true);
	spin_unlock_irqrestore(&ic->lock, irqflags);
	if (!ret)
		atomic64_inc(&st->injected);
	else if (ret == -EBUSY)
		atomic64_inc(&st->busy);
	return ret;
}

/**
 * hvsim_ic_opened() - The guest opened the channel: start negotiating.
 * @dev: the device.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_ic_opened(struct hvsim_dev *dev)
{
	struct hvsim_ic *ic = hvsim_ic_of(dev);
	const struct hvsim_ic_desc *desc = ic->desc;
	u8 body[sizeof(struct ic_negotiate) +
		(ARRAY_SIZE(hvsim_ic_fw_versions) + 8) * sizeof(struct ic_ver)];
	unsigned long flags;
	int len, ret;

	len = ic_negotiate_build(body, sizeof(body), hvsim_ic_fw_versions,
				 ARRAY_SIZE(hvsim_ic_fw_versions),
				 desc->msg_versions, desc->msg_count);
	if (len < 0) {
		pr_err("%s: negotiate message not built: %d\n", desc->name, len);
		return;
	}
	spin_lock_irqsave(&ic->lock, flags);
	ic->pending = false;
	ic->state = HVSIM_IC_NEGOTIATING;
	/* Hyper-V's negotiation request: transaction + request. */
	ret = hvsim_ic_post_locked(ic, IC_MSG_NEGOTIATE,
				   IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
				   body, len, 0, false);
	if (ret)
		ic->state = HVSIM_IC_FAILED;
	spin_unlock_irqrestore(&ic->lock, flags);
	if (ret)
		pr_err("%s: negotiate not sent: %d\n", desc->name, ret);
}

/**
 * hvsim_ic_closed() - The channel stopped: stop the tick, forget state.
 * @dev: the device.
 *
 * Context: process context, hvsim_mutex held; waits for the tick, which
 * never takes hvsim_mutex.
 */
void hvsim_ic_closed(struct hvsim_dev *dev)
{
	struct hvsim_ic *ic = hvsim_ic_of(dev);
	unsigned long flags;

	spin_lock_irqsave(&ic->lock, flags);
	ic->state = HVSIM_IC_CLOSED;
	ic->pending = false;
	ic->period_ms = 0;
	spin_unlock_irqrestore(&ic->lock, flags);
	cancel_delayed_work_sync(&ic->tick);
}

/**
 * hvsim_ic_set_period() - Start, change or stop the periodic tick.
 * @ic: the channel.
 * @period_ms: period; 0 stops it. Takes effect only while negotiated.
 *
 * Context: any context but hard irq.
 */
void hvsim_ic_set_period(struct hvsim_ic *ic, unsigned int period_ms)
{
	unsigned long flags;

	spin_lock_irqsave(&ic->lock, flags);
	ic->period_ms = period_ms;
	if (ic->state == HVSIM_IC_READY && period_ms)
		mod_delayed_work(system_wq, &ic->tick,
				 msecs_to_jiffies(period_ms));
	spin_unlock_irqrestore(&ic->lock, flags);
}

/**
 * hvsim_ic_msg_ver() - The negotiated message version.
 * @ic: the channel.
 *
 * Context: any context.
 * Return: IC_VER() packed; 0 unless negotiated.
 */
u32 hvsim_ic_msg_ver(struct hvsim_ic *ic)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&ic->lock, flags);
	v = ic->state == HVSIM_IC_READY ? ic->msg_ver : 0;
	spin_unlock_irqrestore(&ic->lock, flags);
	return v;
}

/**
 * hvsim_ic_ready() - Whether the channel is negotiated.
 * @ic: the channel.
 *
 * Context: any context.
 * Return: true once versions are agreed and until the channel closes.
 */
bool hvsim_ic_ready(struct hvsim_ic *ic)
{
	return READ_ONCE(ic->state) == HVSIM_IC_READY;
}

static bool hvsim_ic_offered(const u32 *list, unsigned int n, u32 ver)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (list[i] == ver)
			return true;
	return false;
}

/* The guest's answer to NEGOTIATE; @ic->lock held. */
static int hvsim_ic_negotiated(struct hvsim_ic *ic, const u8 *body, u32 len)
{
	const struct hvsim_ic_desc *desc = ic->desc;
	u32 fw, msg;
	int ret;

	ret = ic_negotiate_parse_reply(body, len, &fw, &msg);
	if (!ret && (!hvsim_ic_offered(hvsim_ic_fw_versions,
				       ARRAY_SIZE(hvsim_ic_fw_versions), fw) ||
		     !hvsim_ic_offered(desc->msg_versions, desc->msg_count,
				       msg)))
		ret = -EPROTONOSUPPORT;
	if (ret) {
		ic->state = HVSIM_IC_FAILED;
		atomic64_inc(&desc->stats->negotiate_failed);
		return ret;
	}
	ic->fw_ver = fw;
	ic->msg_ver = msg;
	ic->state = HVSIM_IC_READY;
	desc->stats->fw_ver = fw;
	desc->stats->msg_ver = msg;
	atomic64_inc(&desc->stats->negotiated);
	return 0;
}

/**
 * hvsim_ic_packet() - Handle a guest-to-host packet on an IC channel.
 * @dev: the device.
 * @pkt: the packet, past the ring checks.
 * @buf: the packet, descriptor first.
 * @reply: unused: IC replies are never answered.
 *
 * Checks the reply against the outstanding request, finishes negotiation
 * or hands the reply to the service.
 *
 * Context: the channel's work item.
 * Return: 0 (no packet back).
 */
u32 hvsim_ic_packet(struct hvsim_dev *dev, const struct lumen_ring_pkt *pkt,
		    const u8 *buf, u8 *reply)
{
	struct hvsim_ic *ic = hvsim_ic_of(dev);
	const struct hvsim_ic_desc *desc = ic->desc;
	const u8 *data = buf + pkt->offset;
	struct ic_msg_info info;
	unsigned long flags;
	bool negotiation = false;
	int ret;

	if (pkt->type != VMBUS_PKT_DATA_INBAND) {
		ret = -EBADRQC;
		goto bad;
	}
	ret = ic_msg_parse(data, pkt->len, &info);
	if (!ret)
		ret = ic_msg_check_reply(&info);
	if (!ret && info.trans_id)
		ret = -EPROTO;
	if (ret)
		goto bad;

	spin_lock_irqsave(&ic->lock, flags);
	if (!ic->pending || pkt->trans_id != ic->pending_tid ||
	    info.type != ic->pending_type) {
		spin_unlock_irqrestore(&ic->lock, flags);
		ret = -EBADRQC;
		goto bad;
	}
	ic->pending = false;
	if (ic->pending_bad) {
		spin_unlock_irqrestore(&ic->lock, flags);
		if (info.status != IC_STATUS_FAIL) {
			ret = -EPROTO;
			goto bad;
		}
		atomic64_inc(&desc->stats->refused);
		return 0;
	}
	if (info.type == IC_MSG_NEGOTIATE) {
		negotiation = true;
		ret = hvsim_ic_negotiated(ic, data + IC_BODY_OFFSET,
					  info.msg_size);
	}
	spin_unlock_irqrestore(&ic->lock, flags);

	if (negotiation) {
		if (ret) {
			pr_warn_ratelimited("%s: negotiation failed: %d\n",
					    desc->name, ret);
			return 0;
		}
		if (desc->ready)
			desc->ready(ic);
		return 0;
	}
	desc->stats->last_status = info.status;
	atomic64_inc(&desc->stats->answered);
	if (desc->reply)
		desc->reply(ic, &info, data + IC_BODY_OFFSET);
	return 0;

bad:
	hvsim_count(&dev->bad_pkts);
	atomic64_inc(&desc->stats->bad_replies);
	pr_warn_ratelimited("%s: bad reply from the guest: %d\n", desc->name,
			    ret);
	return 0;
}

/**
 * hvsim_ic_show_stats() - Print an IC class's common counters.
 * @m: the seq_file.
 * @st: the counters.
 *
 * Context: process context.
 */
void hvsim_ic_show_stats(struct seq_file *m, const struct hvsim_ic_stats *st)
{
	seq_printf(m, "negotiated: %lld\n", atomic64_read(&st->negotiated));
	seq_printf(m, "negotiate_failed: %lld\n",
		   atomic64_read(&st->negotiate_failed));
	seq_printf(m, "framework: %u.%u\n", IC_VER_MAJOR(st->fw_ver),
		   IC_VER_MINOR(st->fw_ver));
	seq_printf(m, "message: %u.%u\n", IC_VER_MAJOR(st->msg_ver),
		   IC_VER_MINOR(st->msg_ver));
	seq_printf(m, "sent: %lld\n", atomic64_read(&st->sent));
	seq_printf(m, "answered: %lld\n", atomic64_read(&st->answered));
	seq_printf(m, "bad_replies: %lld\n", atomic64_read(&st->bad_replies));
	seq_printf(m, "busy: %lld\n", atomic64_read(&st->busy));
	seq_printf(m, "timeouts: %lld\n", atomic64_read(&st->timeouts));
	seq_printf(m, "injected: %lld\n", atomic64_read(&st->injected));
	seq_printf(m, "refused: %lld\n", atomic64_read(&st->refused));
	seq_printf(m, "last_status: 0x%08x\n", st->last_status);
}

static int hvsim_ic_stats_show(struct seq_file *m, void *unused)
{
	hvsim_ic_show_stats(m, m->private);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hvsim_ic_stats);

/**
 * hvsim_ic_debugfs_stats() - Create a class's "stats" file.
 * @dir: the class's debugfs directory.
 * @st: its counters, printed by hvsim_ic_show_stats(); they outlive @dir.
 *
 * For a class with nothing to add to the common counters.
 *
 * Context: process context (the class's debugfs hook).
 */
void hvsim_ic_debugfs_stats(struct dentry *dir, struct hvsim_ic_stats *st)
{
	debugfs_create_file("stats", 0444, dir, st, &hvsim_ic_stats_fops);
}
