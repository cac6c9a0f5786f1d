// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen KVP (key-value pair exchange), guest side. The host's requests
 * arrive on the KVP IC channel; this file parses them (lib/kvp_msg.c)
 * and hands each one to the user-space daemon (tools/kvp/lumen-kvpd)
 * through /dev/lumen_kvp (ABI: include/uapi/linux/lumen_kvp.h), then
 * answers the host with the daemon's reply.
 *
 * One request at a time: the host never has two outstanding and the IC
 * framework refuses a second one while a deferred answer is pending. A
 * request goes IDLE -> QUEUED (waiting for read()) -> SENT (the daemon
 * has it) -> answered. It is answered %IC_STATUS_FAIL at once when no
 * daemon has the device open, and later when the daemon closes the device
 * or does not answer within %LUMEN_KVP_TIMEOUT.
 *
 * Locking: @lock (a spinlock, taken in softirq by the channel callback)
 * protects the state, the channel pointer and the request. @reply_mutex
 * serialises whoever answers a claimed request (daemon write(), the
 * timeout, release()) against the channel's removal, so that
 * lumen_ic_reply() never runs on a freed channel.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": kvp: " fmt

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <lumen/ic_kvp_msg.h>
#include <proto/guids.h>
#include <uapi/linux/lumen_kvp.h>
#include "ic.h"

static_assert(LUMEN_KVP_KEY_SIZE == IC_KVP_KEY_UTF8_SIZE);
static_assert(LUMEN_KVP_VALUE_SIZE == IC_KVP_VALUE_UTF8_SIZE);
static_assert(LUMEN_KVP_ADAPTER_SIZE == IC_KVP_ADAPTER_UTF8_SIZE);
static_assert(LUMEN_KVP_IP_LIST_SIZE == IC_KVP_IP_UTF8_SIZE);
static_assert(LUMEN_KVP_GW_LIST_SIZE == IC_KVP_GW_UTF8_SIZE);
static_assert(IC_KVP_POOL_AUTO_INTERNAL + 1 == LUMEN_KVP_POOL_COUNT);
static_assert(LUMEN_KVP_OP_GET_IP_INFO == IC_KVP_OP_GET_IP_INFO);
static_assert(LUMEN_KVP_OP_SET_IP_INFO == IC_KVP_OP_SET_IP_INFO);
/* The ABI's layout: no padding anywhere, the same for 32-bit daemons. */
static_assert(sizeof(struct lumen_kvp_ip) == 10756);
static_assert(offsetof(struct lumen_kvp_msg, key) == 32);
static_assert(offsetof(struct lumen_kvp_msg, ip) == 3872);
static_assert(sizeof(struct lumen_kvp_msg) == 14628);

/* How long the daemon gets to answer one request. */
#define LUMEN_KVP_TIMEOUT	(10 * HZ)
/* Largest body the framework hands over. */
#define LUMEN_KVP_BODY_MAX	(LUMEN_IC_BUF_SIZE - IC_HDR_SIZE)

enum lumen_kvp_state {
	LUMEN_KVP_IDLE,
	LUMEN_KVP_QUEUED,
	LUMEN_KVP_SENT,
};

/**
 * struct lumen_kvp - the KVP service (one channel, one daemon)
 * @lock: protects the fields below up to @req; softirq-safe.
 * @ic: the bound channel, NULL when none.
 * @daemon: the device is open.
 * @state: where the current request is.
 * @seq: number of the current request.
 * @msg: the current request as the daemon reads it.
 * @req: parse result of the current request.
 * @body: private copy of the current request body, answered in place:
 *	written by the channel callback when it queues a request (state
 *	IDLE), then touched only by whoever claims that request.
 * @body_len: bytes in @body, likewise.
 * @reply_mutex: held by whoever answers a claimed request and by remove.
 * @wq: daemon readers and pollers.
 * @timeout: answers FAIL when the daemon is too slow.
 * @requests: requests passed to the daemon.
 * @answered: daemon answers sent to the host.
 * @no_daemon: requests answered FAIL for want of a daemon.
 * @timeouts: requests answered FAIL after %LUMEN_KVP_TIMEOUT.
 * @daemon_gone: requests answered FAIL because the daemon closed the
 *	device while it held them.
 * @bad_writes: daemon answers refused.
 *
 * The counters are atomics, shown in /sys/class/misc/lumen_kvp/stats.
 */
struct lumen_kvp {
	spinlock_t lock;	/* see above */
	struct lumen_ic *ic;
	bool daemon;
	enum lumen_kvp_state state;
	u32 seq;
	struct lumen_kvp_msg msg;
	struct ic_kvp_req req;
	u8 body[LUMEN_KVP_BODY_MAX];
	u32 body_len;
	struct mutex reply_mutex;	/* see above */
	wait_queue_head_t wq;
	struct delayed_work timeout;
	atomic64_t requests;
	atomic64_t answered;
	atomic64_t no_daemon;
	atomic64_t timeouts;
	atomic64_t daemon_gone;
	atomic64_t bad_writes;
};

static struct lumen_kvp *lumen_kvp;

/*
 * Claim the current request for answering: returns the channel (and
 * leaves the state IDLE) when there is one, else NULL. Caller holds
 * @reply_mutex and must then call lumen_ic_reply() on it.
 */
static struct lumen_ic *lumen_kvp_claim(struct lumen_kvp *kvp, bool any,
					u32 seq)
{
	struct lumen_ic *ic = NULL;

	lockdep_assert_held(&kvp->reply_mutex);
	spin_lock_bh(&kvp->lock);
	if (kvp->state != LUMEN_KVP_IDLE && kvp->ic &&
	    (any || (kvp->state == LUMEN_KVP_SENT && kvp->seq == seq))) {
		ic = kvp->ic;
		kvp->state = LUMEN_KVP_IDLE;
	}
	spin_unlock_bh(&kvp->lock);
	return ic;
}

/* Answer a claimed request with FAIL, body unchanged. */
static void lumen_kvp_fail(struct lumen_kvp *kvp, struct lumen_ic *ic)
{
	int err = lumen_ic_reply(ic, IC_STATUS_FAIL, kvp->body, kvp->body_len);

	if (err)
		pr_warn_ratelimited("reply failed: %d\n", err);
}

static void lumen_kvp_timeout(struct work_struct *work)
{
	struct lumen_kvp *kvp = container_of(to_delayed_work(work),
					     struct lumen_kvp, timeout);
	struct lumen_ic *ic;

	mutex_lock(&kvp->reply_mutex);
	ic = lumen_kvp_claim(kvp, true, 0);
	if (ic) {
		atomic64_inc(&kvp->timeouts);
		pr_warn_ratelimited("daemon did not answer request %u\n",
				    kvp->seq);
		lumen_kvp_fail(kvp, ic);
	}
	mutex_unlock(&kvp->reply_mutex);
}

/* Fill the daemon's view of the parsed request. Caller holds @lock. */
static void lumen_kvp_queue(struct lumen_kvp *kvp)
{
	struct lumen_kvp_msg *m = &kvp->msg;
	const struct ic_kvp_req *r = &kvp->req;

	memset(m, 0, sizeof(*m));
	m->version = LUMEN_KVP_ABI_VERSION;
	m->seq = ++kvp->seq;
	m->op = r->op;
	m->pool = r->pool;
	m->index = r->index;
	m->key_len = r->key_len;
	memcpy(m->key, r->key, r->key_len + 1);
	if (r->op == IC_KVP_OP_SET) {
		m->value_len = r->value_len;
		memcpy(m->value, r->value, r->value_len + 1);
	}
	if (r->op == IC_KVP_OP_SET_IP_INFO) {
		/* The parser NUL-terminated each string within its array. */
		m->ip.addr_family = r->ip.addr_family;
		m->ip.dhcp = r->ip.dhcp;
		strscpy(m->ip.addresses, r->ip.addresses,
			sizeof(m->ip.addresses));
		strscpy(m->ip.subnets, r->ip.subnets, sizeof(m->ip.subnets));
		strscpy(m->ip.gateways, r->ip.gateways, sizeof(m->ip.gateways));
		strscpy(m->ip.dns, r->ip.dns, sizeof(m->ip.dns));
	}
	kvp->state = LUMEN_KVP_QUEUED;
}

static int lumen_kvp_message(struct lumen_ic *ic, struct lumen_ic_req *req)
{
	struct lumen_kvp *kvp = lumen_ic_priv(ic);
	u32 len = req->body_len;
	int err, ret = LUMEN_IC_REPLY;

	if (req->info.type != IC_MSG_KVP)
		return -EBADRQC;
	spin_lock(&kvp->lock);
	err = ic_kvp_parse(req->body, len, IC_KVP_DIR_REQUEST, &kvp->req);
	if (err) {
		ret = err;
	} else if (!kvp->daemon || kvp->state != LUMEN_KVP_IDLE ||
		   len > sizeof(kvp->body)) {
		atomic64_inc(&kvp->no_daemon);
		req->status = IC_STATUS_FAIL;
	} else {
		memcpy(kvp->body, req->body, len);
		kvp->body_len = len;
		lumen_kvp_queue(kvp);
		atomic64_inc(&kvp->requests);
		mod_delayed_work(system_wq, &kvp->timeout, LUMEN_KVP_TIMEOUT);
		ret = LUMEN_IC_DEFER;
	}
	spin_unlock(&kvp->lock);
	if (ret == LUMEN_IC_DEFER)
		wake_up_interruptible(&kvp->wq);
	return ret;
}

static int lumen_kvp_probe(struct lumen_ic *ic)
{
	struct lumen_kvp *kvp = lumen_kvp;
	int err = 0;

	spin_lock_bh(&kvp->lock);
	if (kvp->ic)
		err = -EBUSY;
	else
		kvp->ic = ic;
	spin_unlock_bh(&kvp->lock);
	if (!err)
		lumen_ic_set_priv(ic, kvp);
	return err;
}

static void lumen_kvp_remove(struct lumen_ic *ic)
{
	struct lumen_kvp *kvp = lumen_ic_priv(ic);

	mutex_lock(&kvp->reply_mutex);
	spin_lock_bh(&kvp->lock);
	kvp->ic = NULL;
	kvp->state = LUMEN_KVP_IDLE;
	spin_unlock_bh(&kvp->lock);
	mutex_unlock(&kvp->reply_mutex);
	cancel_delayed_work_sync(&kvp->timeout);
}

/* Per open file: the daemon's read and write buffers. */
struct lumen_kvp_file {
	struct lumen_kvp_msg rd;
	struct lumen_kvp_msg wr;
};

static int lumen_kvp_open(struct inode *inode, struct file *file)
{
	struct lumen_kvp *kvp = lumen_kvp;
	struct lumen_kvp_file *f;
	int err = 0;

	f = kvzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	spin_lock_bh(&kvp->lock);
	if (kvp->daemon)
		err = -EBUSY;
	else
		kvp->daemon = true;
	spin_unlock_bh(&kvp->lock);
	if (err) {
		kvfree(f);
		return err;
	}
	file->private_data = f;
	return nonseekable_open(inode, file);
}

static int lumen_kvp_release(struct inode *inode, struct file *file)
{
	struct lumen_kvp *kvp = lumen_kvp;
	struct lumen_ic *ic;

	mutex_lock(&kvp->reply_mutex);
	spin_lock_bh(&kvp->lock);
	kvp->daemon = false;
	spin_unlock_bh(&kvp->lock);
	/* A request the daemon took with it is answered now. */
	ic = lumen_kvp_claim(kvp, true, 0);
	if (ic) {
		atomic64_inc(&kvp->daemon_gone);
		lumen_kvp_fail(kvp, ic);
	}
	mutex_unlock(&kvp->reply_mutex);
	kvfree(file->private_data);
	return 0;
}

static bool lumen_kvp_queued(struct lumen_kvp *kvp)
{
	bool queued;

	spin_lock_bh(&kvp->lock);
	queued = kvp->state == LUMEN_KVP_QUEUED;
	spin_unlock_bh(&kvp->lock);
	return queued;
}

static ssize_t lumen_kvp_read(struct file *file, char __user *buf,
			      size_t len, loff_t *ppos)
{
	struct lumen_kvp *kvp = lumen_kvp;
	struct lumen_kvp_file *f = file->private_data;
	bool got = false;
	int err;

	if (len != sizeof(f->rd))
		return -EINVAL;
	while (!got) {
		if (!(file->f_flags & O_NONBLOCK)) {
			err = wait_event_interruptible(kvp->wq,
						       lumen_kvp_queued(kvp));
			if (err)
				return err;
		}
		spin_lock_bh(&kvp->lock);
		if (kvp->state == LUMEN_KVP_QUEUED) {
			f->rd = kvp->msg;
			kvp->state = LUMEN_KVP_SENT;
			got = true;
		}
		spin_unlock_bh(&kvp->lock);
		if (!got && (file->f_flags & O_NONBLOCK))
			return -EAGAIN;
	}
	if (copy_to_user(buf, &f->rd, sizeof(f->rd)))
		return -EFAULT;
	return sizeof(f->rd);
}

static __poll_t lumen_kvp_poll(struct file *file, poll_table *wait)
{
	struct lumen_kvp *kvp = lumen_kvp;

	poll_wait(file, &kvp->wq, wait);
	return lumen_kvp_queued(kvp) ? EPOLLIN | EPOLLRDNORM : 0;
}

/* A NUL-terminated string of exactly @len bytes in @s (@cap bytes). */
static bool lumen_kvp_str_ok(const char *s, size_t cap, u32 len)
{
	return len < cap && strnlen(s, cap) == len;
}

/* Check a daemon answer before it may touch the request. */
static int lumen_kvp_check(const struct lumen_kvp_msg *m)
{
	const struct lumen_kvp_ip *ip = &m->ip;

	if (m->version != LUMEN_KVP_ABI_VERSION ||
	    m->status > LUMEN_KVP_STATUS_INVALID)
		return -EINVAL;
	if (m->status != LUMEN_KVP_STATUS_OK)
		return 0;
	if (!lumen_kvp_str_ok(m->key, sizeof(m->key), m->key_len) ||
	    !lumen_kvp_str_ok(m->value, sizeof(m->value), m->value_len))
		return -EINVAL;
	if (m->op == LUMEN_KVP_OP_GET_IP_INFO &&
	    (!memchr(ip->addresses, 0, sizeof(ip->addresses)) ||
	     !memchr(ip->subnets, 0, sizeof(ip->subnets)) ||
	     !memchr(ip->gateways, 0, sizeof(ip->gateways)) ||
	     !memchr(ip->dns, 0, sizeof(ip->dns))))
		return -EINVAL;
	return 0;
}

/* The IC status and reply body for the daemon's answer @m. */
static u32 lumen_kvp_answer(struct lumen_kvp *kvp, const struct lumen_kvp_msg *m)
{
	struct ic_kvp_ip *ip = &kvp->req.ip;
	int err = 0;

	switch (m->status) {
	case LUMEN_KVP_STATUS_OK:
		break;
	case LUMEN_KVP_STATUS_NOT_FOUND:
		return m->op == LUMEN_KVP_OP_ENUMERATE ?
			IC_STATUS_NO_MORE_ITEMS : IC_STATUS_FAIL;
	case LUMEN_KVP_STATUS_NO_SPACE:
		return IC_STATUS_DISK_FULL;
	case LUMEN_KVP_STATUS_INVALID:
		return IC_STATUS_INVALID_ARG;
	default:
		return IC_STATUS_FAIL;
	}
	switch (m->op) {
	case LUMEN_KVP_OP_GET:
		err = ic_kvp_fill_value(kvp->body, kvp->body_len, NULL, 0,
					m->value, m->value_len);
		break;
	case LUMEN_KVP_OP_ENUMERATE:
		err = ic_kvp_fill_value(kvp->body, kvp->body_len, m->key,
					m->key_len, m->value, m->value_len);
		break;
	case LUMEN_KVP_OP_GET_IP_INFO:
		ip->addr_family = m->ip.addr_family;
		ip->dhcp = m->ip.dhcp;
		strscpy(ip->addresses, m->ip.addresses, sizeof(ip->addresses));
		strscpy(ip->subnets, m->ip.subnets, sizeof(ip->subnets));
		strscpy(ip->gateways, m->ip.gateways, sizeof(ip->gateways));
		strscpy(ip->dns, m->ip.dns, sizeof(ip->dns));
		err = ic_kvp_fill_ip(kvp->body, kvp->body_len, ip);
		break;
	default:
		break;
	}
	if (err) {
		pr_warn_ratelimited("answer to request %u does not fit: %d\n",
				    m->seq, err);
		return IC_STATUS_FAIL;
	}
	return IC_STATUS_OK;
}

static ssize_t lumen_kvp_write(struct file *file, const char __user *buf,
			       size_t len, loff_t *ppos)
{
	struct lumen_kvp *kvp = lumen_kvp;
	struct lumen_kvp_file *f = file->private_data;
	struct lumen_ic *ic;
	u32 status;
	int err;

	if (len != sizeof(f->wr))
		return -EINVAL;
	if (copy_from_user(&f->wr, buf, sizeof(f->wr)))
		return -EFAULT;
	err = lumen_kvp_check(&f->wr);
	if (err) {
		atomic64_inc(&kvp->bad_writes);
		return err;
	}
	mutex_lock(&kvp->reply_mutex);
	ic = lumen_kvp_claim(kvp, false, f->wr.seq);
	if (!ic) {
		mutex_unlock(&kvp->reply_mutex);
		return -ESRCH;
	}
	/* The op is the request's, never the daemon's. */
	f->wr.op = kvp->msg.op;
	status = lumen_kvp_answer(kvp, &f->wr);
	err = lumen_ic_reply(ic, status, kvp->body, kvp->body_len);
	mutex_unlock(&kvp->reply_mutex);
	atomic64_inc(&kvp->answered);
	cancel_delayed_work(&kvp->timeout);
	if (err)
		pr_warn_ratelimited("reply failed: %d\n", err);
	return sizeof(f->wr);
}

static const struct file_operations lumen_kvp_fops = {
	.owner = THIS_MODULE,
	.open = lumen_kvp_open,
	.release = lumen_kvp_release,
	.read = lumen_kvp_read,
	.write = lumen_kvp_write,
	.poll = lumen_kvp_poll,
};

static ssize_t stats_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct lumen_kvp *kvp = lumen_kvp;

	return sysfs_emit(buf,
			  "requests: %lld\nanswered: %lld\nno_daemon: %lld\ntimeouts: %lld\ndaemon_gone: %lld\nbad_writes: %lld\n",
			  atomic64_read(&kvp->requests),
			  atomic64_read(&kvp->answered),
			  atomic64_read(&kvp->no_daemon),
			  atomic64_read(&kvp->timeouts),
			  atomic64_read(&kvp->daemon_gone),
			  atomic64_read(&kvp->bad_writes));
}
static DEVICE_ATTR_RO(stats);

static struct attribute *lumen_kvp_attrs[] = {
	&dev_attr_stats.attr,
	NULL
};
ATTRIBUTE_GROUPS(lumen_kvp);

static struct miscdevice lumen_kvp_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lumen_kvp",
	.fops = &lumen_kvp_fops,
	.mode = 0600,
	.groups = lumen_kvp_groups,
};

/* Service init: the state and /dev/lumen_kvp, before the driver. */
static int lumen_kvp_init(void)
{
	struct lumen_kvp *kvp;
	int err;

	kvp = kvzalloc(sizeof(*kvp), GFP_KERNEL);
	if (!kvp)
		return -ENOMEM;
	spin_lock_init(&kvp->lock);
	mutex_init(&kvp->reply_mutex);
	init_waitqueue_head(&kvp->wq);
	INIT_DELAYED_WORK(&kvp->timeout, lumen_kvp_timeout);
	lumen_kvp = kvp;
	err = misc_register(&lumen_kvp_misc);
	if (err) {
		lumen_kvp = NULL;
		kvfree(kvp);
	}
	return err;
}

/* Service exit: no channel is bound; the device is closed. */
static void lumen_kvp_exit(void)
{
	misc_deregister(&lumen_kvp_misc);
	cancel_delayed_work_sync(&lumen_kvp->timeout);
	kvfree(lumen_kvp);
	lumen_kvp = NULL;
}

static const u32 lumen_kvp_fw[] = IC_FW_VERSIONS;
static const u32 lumen_kvp_ver[] = IC_KVP_MSG_VERSIONS;

/* The KVP IC service. */
struct lumen_ic_service lumen_ic_kvp = {
	.name = "kvp",
	.class_id = LUMEN_GUID_IC_KVP,
	.fw_versions = lumen_kvp_fw,
	.fw_count = ARRAY_SIZE(lumen_kvp_fw),
	.msg_versions = lumen_kvp_ver,
	.msg_count = ARRAY_SIZE(lumen_kvp_ver),
	.probe = lumen_kvp_probe,
	.remove = lumen_kvp_remove,
	.message = lumen_kvp_message,
	.init = lumen_kvp_init,
	.exit = lumen_kvp_exit,
};
