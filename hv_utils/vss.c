// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen VSS (volume shadow copy), guest side. The host asks the guest to
 * quiesce its file systems before a backup (FREEZE) and to resume them
 * afterwards (THAW). The user-space daemon (tools/vss/lumen-vssd) does
 * the work with FIFREEZE and FITHAW; it talks to this file through
 * /dev/lumen_vss (ABI: include/uapi/linux/lumen_vss.h).
 *
 * Nothing may stay frozen: before it freezes a file system the daemon
 * hands this file an open descriptor of it (LUMEN_VSS_IOC_HOLD), and the
 * kernel keeps a reference to that file. The kernel itself thaws every
 * held file system (as FITHAW does) when:
 *
 * - the daemon closes the device or dies (release(), which the kernel
 *   runs even for a killed process) while anything is held;
 * - the freeze lasts longer than the vss_freeze_timeout module parameter
 *   (a lost THAW);
 * - the daemon does not answer a FREEZE or THAW within
 *   %LUMEN_VSS_ANSWER_TIMEOUT (a stuck daemon);
 * - the daemon answers a FREEZE or THAW with a failure.
 *
 * Thawing a file system that is not frozen fails harmlessly, so these
 * paths do not need to know how far the daemon got.
 *
 * Locking: @lock (spinlock, softirq) protects the request state shared
 * with the channel callback. @mutex serialises everything that answers a
 * request or touches the held files (daemon calls, timers, release,
 * remove), so lumen_ic_reply() never runs on a removed channel.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": vss: " fmt

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <lumen/compat.h>
#include <lumen/ic_kvp_msg.h>
#include <proto/guids.h>
#include <uapi/linux/lumen_vss.h>
#include "ic.h"

/* The ABI's layout: eight __u32, the same for 32-bit daemons. */
static_assert(sizeof(struct lumen_vss_msg) == 32);

/* How long the daemon gets to answer FREEZE or THAW. */
#define LUMEN_VSS_ANSWER_TIMEOUT	(10 * HZ)
#define LUMEN_VSS_BODY_MAX		(LUMEN_IC_BUF_SIZE - IC_HDR_SIZE)

static unsigned int vss_freeze_timeout = 60;
module_param(vss_freeze_timeout, uint, 0644);
MODULE_PARM_DESC(vss_freeze_timeout,
		 "Seconds after which a VSS freeze is undone by the kernel (1-3600, default 60)");

enum lumen_vss_state {
	LUMEN_VSS_IDLE,
	LUMEN_VSS_QUEUED,
	LUMEN_VSS_SENT,
};

/**
 * struct lumen_vss - the VSS service (one channel, one daemon)
 * @lock: protects @ic, @daemon, @state, @seq, @msg; softirq-safe.
 * @ic: the bound channel, NULL when none.
 * @daemon: the device is open.
 * @state: where the current request is.
 * @seq: number of the current request.
 * @msg: the current request as the daemon reads it.
 * @mutex: see the locking note at the top; protects @held, @nheld and
 *	@frozen.
 * @body: private copy of the current request body: written by the
 *	channel callback when it queues a request (state IDLE), then read
 *	only by whoever claims that request.
 * @body_len: bytes in @body, likewise.
 * @held: files whose file systems the daemon freezes or froze.
 * @nheld: entries in @held.
 * @frozen: a FREEZE was answered OK and no THAW ended it yet.
 * @wq: daemon readers and pollers.
 * @answer_timeout: the daemon did not answer in time.
 * @thaw_timer: the freeze lasted too long.
 * @freezes: FREEZE requests the daemon answered OK.
 * @thaws: THAW requests the daemon answered OK.
 * @kernel_thaws: file systems the kernel thawed itself.
 * @expired: freezes ended by vss_freeze_timeout.
 * @timeouts: requests the daemon did not answer in time.
 * @daemon_gone: times the daemon closed the device with something held
 *	or a request outstanding.
 *
 * The counters are atomics, shown in /sys/class/misc/lumen_vss/stats.
 */
struct lumen_vss {
	spinlock_t lock;	/* see above */
	struct lumen_ic *ic;
	bool daemon;
	enum lumen_vss_state state;
	u32 seq;
	struct lumen_vss_msg msg;
	struct mutex mutex;	/* see above */
	u8 body[LUMEN_VSS_BODY_MAX];
	u32 body_len;
	struct file *held[LUMEN_VSS_HOLD_MAX];
	u32 nheld;
	bool frozen;
	wait_queue_head_t wq;
	struct delayed_work answer_timeout;
	struct delayed_work thaw_timer;
	atomic64_t freezes;
	atomic64_t thaws;
	atomic64_t kernel_thaws;
	atomic64_t expired;
	atomic64_t timeouts;
	atomic64_t daemon_gone;
};

static struct lumen_vss *lumen_vss;

/* Thaw (unless @drop_only) and let go every held file system. */
static void lumen_vss_release_held(struct lumen_vss *vss, bool drop_only)
{
	struct super_block *sb;
	u32 i;
	int err;

	lockdep_assert_held(&vss->mutex);
	for (i = 0; i < vss->nheld; i++) {
		if (!drop_only) {
			sb = file_inode(vss->held[i])->i_sb;
			err = lumen_thaw_user_super(sb);
			if (!err) {
				atomic64_inc(&vss->kernel_thaws);
				pr_info("thawed %s\n", sb->s_id);
			}
		}
		fput(vss->held[i]);
		vss->held[i] = NULL;
	}
	vss->nheld = 0;
	vss->frozen = false;
}

/* Claim the current request (any, or the one the daemon has as @seq). */
static struct lumen_ic *lumen_vss_claim(struct lumen_vss *vss, bool any,
					u32 seq, u32 *op)
{
	struct lumen_ic *ic = NULL;

	lockdep_assert_held(&vss->mutex);
	spin_lock_bh(&vss->lock);
	if (vss->state != LUMEN_VSS_IDLE && vss->ic &&
	    (any || (vss->state == LUMEN_VSS_SENT && vss->seq == seq))) {
		ic = vss->ic;
		*op = vss->msg.op;
		vss->state = LUMEN_VSS_IDLE;
	}
	spin_unlock_bh(&vss->lock);
	return ic;
}

static void lumen_vss_reply(struct lumen_vss *vss, struct lumen_ic *ic,
			    u32 status)
{
	int err = lumen_ic_reply(ic, status, vss->body, vss->body_len);

	if (err)
		pr_warn_ratelimited("reply failed: %d\n", err);
}

/*
 * End a claimed request whose daemon failed, vanished or was too slow:
 * the kernel thaws everything held. A THAW is then done; a FREEZE failed.
 */
static void lumen_vss_abort(struct lumen_vss *vss, struct lumen_ic *ic,
			    u32 op)
{
	lumen_vss_release_held(vss, false);
	lumen_vss_reply(vss, ic, op == LUMEN_VSS_OP_THAW ? IC_STATUS_OK :
							  IC_STATUS_FAIL);
}

static void lumen_vss_answer_timeout(struct work_struct *work)
{
	struct lumen_vss *vss = container_of(to_delayed_work(work),
					     struct lumen_vss, answer_timeout);
	struct lumen_ic *ic;
	u32 op;

	mutex_lock(&vss->mutex);
	ic = lumen_vss_claim(vss, true, 0, &op);
	if (ic) {
		atomic64_inc(&vss->timeouts);
		pr_warn("daemon did not answer request %u, thawing\n", vss->seq);
		lumen_vss_abort(vss, ic, op);
	}
	mutex_unlock(&vss->mutex);
}

static void lumen_vss_thaw_timer(struct work_struct *work)
{
	struct lumen_vss *vss = container_of(to_delayed_work(work),
					     struct lumen_vss, thaw_timer);

	mutex_lock(&vss->mutex);
	if (vss->frozen) {
		atomic64_inc(&vss->expired);
		pr_warn("freeze lasted %u s, thawing\n", vss->msg.timeout_s);
		lumen_vss_release_held(vss, false);
	}
	mutex_unlock(&vss->mutex);
}

static int lumen_vss_message(struct lumen_ic *ic, struct lumen_ic_req *req)
{
	struct lumen_vss *vss = lumen_ic_priv(ic);
	u32 len = req->body_len;
	struct ic_vss_info info;
	int err, ret = LUMEN_IC_REPLY;
	u32 op;

	if (req->info.type != IC_MSG_VSS)
		return -EBADRQC;
	err = ic_vss_parse(req->body, len, &info);
	if (err)
		return err;
	spin_lock(&vss->lock);
	switch (info.op) {
	case IC_VSS_OP_CHECK_HOT_BACKUP:
		if (vss->daemon)
			ic_vss_set_flags(req->body, IC_VSS_HBU_NO_AUTO_RECOVERY);
		else
			req->status = IC_STATUS_FAIL;
		break;
	case IC_VSS_OP_GET_DM_INFO:
		ic_vss_set_flags(req->body, 0);
		break;
	case IC_VSS_OP_BACKUP_COMPLETE:
		break;
	case IC_VSS_OP_FREEZE:
	case IC_VSS_OP_THAW:
		op = info.op == IC_VSS_OP_FREEZE ? LUMEN_VSS_OP_FREEZE :
						   LUMEN_VSS_OP_THAW;
		if (!vss->daemon || vss->state != LUMEN_VSS_IDLE ||
		    len > sizeof(vss->body)) {
			/*
			 * No daemon: nothing of ours is frozen (release()
			 * thawed it), so a THAW is done and a FREEZE fails.
			 */
			if (op == LUMEN_VSS_OP_FREEZE)
				req->status = IC_STATUS_FAIL;
			break;
		}
		/* The answer echoes the whole request body, as Linux does. */
		memcpy(vss->body, req->body, len);
		vss->body_len = len;
		memset(&vss->msg, 0, sizeof(vss->msg));
		vss->msg.version = LUMEN_VSS_ABI_VERSION;
		vss->msg.seq = ++vss->seq;
		vss->msg.op = op;
		vss->msg.timeout_s = clamp(READ_ONCE(vss_freeze_timeout), 1U,
					   3600U);
		vss->state = LUMEN_VSS_QUEUED;
		mod_delayed_work(system_wq, &vss->answer_timeout,
				 LUMEN_VSS_ANSWER_TIMEOUT);
		ret = LUMEN_IC_DEFER;
		break;
	default:
		req->status = IC_STATUS_NOT_SUPPORTED;
		break;
	}
	spin_unlock(&vss->lock);
	if (ret == LUMEN_IC_DEFER)
		wake_up_interruptible(&vss->wq);
	return ret;
}

static int lumen_vss_probe(struct lumen_ic *ic)
{
	struct lumen_vss *vss = lumen_vss;
	int err = 0;

	spin_lock_bh(&vss->lock);
	if (vss->ic)
		err = -EBUSY;
	else
		vss->ic = ic;
	spin_unlock_bh(&vss->lock);
	if (!err)
		lumen_ic_set_priv(ic, vss);
	return err;
}

static void lumen_vss_remove(struct lumen_ic *ic)
{
	struct lumen_vss *vss = lumen_ic_priv(ic);

	mutex_lock(&vss->mutex);
	spin_lock_bh(&vss->lock);
	vss->ic = NULL;
	vss->state = LUMEN_VSS_IDLE;
	spin_unlock_bh(&vss->lock);
	mutex_unlock(&vss->mutex);
	cancel_delayed_work_sync(&vss->answer_timeout);
}

static int lumen_vss_open(struct inode *inode, struct file *file)
{
	struct lumen_vss *vss = lumen_vss;
	int err = 0;

	spin_lock_bh(&vss->lock);
	if (vss->daemon)
		err = -EBUSY;
	else
		vss->daemon = true;
	spin_unlock_bh(&vss->lock);
	if (err)
		return err;
	return nonseekable_open(inode, file);
}

static int lumen_vss_release(struct inode *inode, struct file *file)
{
	struct lumen_vss *vss = lumen_vss;
	struct lumen_ic *ic;
	u32 op;

	mutex_lock(&vss->mutex);
	spin_lock_bh(&vss->lock);
	vss->daemon = false;
	spin_unlock_bh(&vss->lock);
	ic = lumen_vss_claim(vss, true, 0, &op);
	if (ic || vss->nheld)
		atomic64_inc(&vss->daemon_gone);
	if (ic)
		lumen_vss_abort(vss, ic, op);
	else
		lumen_vss_release_held(vss, false);
	mutex_unlock(&vss->mutex);
	cancel_delayed_work(&vss->thaw_timer);
	return 0;
}

static bool lumen_vss_queued(struct lumen_vss *vss)
{
	bool queued;

	spin_lock_bh(&vss->lock);
	queued = vss->state == LUMEN_VSS_QUEUED;
	spin_unlock_bh(&vss->lock);
	return queued;
}

static ssize_t lumen_vss_read(struct file *file, char __user *buf,
			      size_t len, loff_t *ppos)
{
	struct lumen_vss *vss = lumen_vss;
	struct lumen_vss_msg msg;
	bool got = false;
	int err;

	if (len != sizeof(msg))
		return -EINVAL;
	while (!got) {
		if (!(file->f_flags & O_NONBLOCK)) {
			err = wait_event_interruptible(vss->wq,
						       lumen_vss_queued(vss));
			if (err)
				return err;
		}
		spin_lock_bh(&vss->lock);
		if (vss->state == LUMEN_VSS_QUEUED) {
			msg = vss->msg;
			vss->state = LUMEN_VSS_SENT;
			got = true;
		}
		spin_unlock_bh(&vss->lock);
		if (!got && (file->f_flags & O_NONBLOCK))
			return -EAGAIN;
	}
	if (copy_to_user(buf, &msg, sizeof(msg)))
		return -EFAULT;
	return sizeof(msg);
}

static __poll_t lumen_vss_poll(struct file *file, poll_table *wait)
{
	struct lumen_vss *vss = lumen_vss;

	poll_wait(file, &vss->wq, wait);
	return lumen_vss_queued(vss) ? EPOLLIN | EPOLLRDNORM : 0;
}

static ssize_t lumen_vss_write(struct file *file, const char __user *buf,
			       size_t len, loff_t *ppos)
{
	struct lumen_vss *vss = lumen_vss;
	struct lumen_vss_msg msg;
	struct lumen_ic *ic;
	unsigned long delay;
	u32 op;

	if (len != sizeof(msg))
		return -EINVAL;
	if (copy_from_user(&msg, buf, sizeof(msg)))
		return -EFAULT;
	if (msg.version != LUMEN_VSS_ABI_VERSION ||
	    msg.status > LUMEN_VSS_STATUS_FAIL)
		return -EINVAL;
	mutex_lock(&vss->mutex);
	ic = lumen_vss_claim(vss, false, msg.seq, &op);
	if (!ic) {
		mutex_unlock(&vss->mutex);
		return -ESRCH;
	}
	if (msg.status != LUMEN_VSS_STATUS_OK) {
		lumen_vss_abort(vss, ic, op);
	} else if (op == LUMEN_VSS_OP_FREEZE) {
		atomic64_inc(&vss->freezes);
		vss->frozen = true;
		delay = (unsigned long)vss->msg.timeout_s * HZ;
		mod_delayed_work(system_wq, &vss->thaw_timer, delay);
		lumen_vss_reply(vss, ic, IC_STATUS_OK);
	} else {
		atomic64_inc(&vss->thaws);
		lumen_vss_release_held(vss, true);
		lumen_vss_reply(vss, ic, IC_STATUS_OK);
	}
	mutex_unlock(&vss->mutex);
	cancel_delayed_work(&vss->answer_timeout);
	return sizeof(msg);
}

/* LUMEN_VSS_IOC_HOLD: keep the file system of descriptor @fd. */
static long lumen_vss_hold(struct lumen_vss *vss, int fd)
{
	struct file *f;
	bool freezing;
	long ret = 0;
	u32 i;

	f = fget(fd);
	if (!f)
		return -EBADF;
	mutex_lock(&vss->mutex);
	spin_lock_bh(&vss->lock);
	freezing = vss->state == LUMEN_VSS_SENT &&
		   vss->msg.op == LUMEN_VSS_OP_FREEZE;
	spin_unlock_bh(&vss->lock);
	if (!freezing) {
		ret = -EINVAL;
		goto out;
	}
	for (i = 0; i < vss->nheld; i++)
		if (file_inode(vss->held[i])->i_sb == file_inode(f)->i_sb)
			goto out;
	if (vss->nheld == LUMEN_VSS_HOLD_MAX) {
		ret = -EBUSY;
		goto out;
	}
	vss->held[vss->nheld++] = f;
	f = NULL;
out:
	mutex_unlock(&vss->mutex);
	if (f)
		fput(f);
	return ret;
}

static long lumen_vss_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	if (cmd != LUMEN_VSS_IOC_HOLD)
		return -ENOTTY;
	if (arg > INT_MAX)
		return -EBADF;
	return lumen_vss_hold(lumen_vss, (int)arg);
}

static const struct file_operations lumen_vss_fops = {
	.owner = THIS_MODULE,
	.open = lumen_vss_open,
	.release = lumen_vss_release,
	.read = lumen_vss_read,
	.write = lumen_vss_write,
	.poll = lumen_vss_poll,
	.unlocked_ioctl = lumen_vss_ioctl,
	.compat_ioctl = lumen_vss_ioctl,
};

static ssize_t stats_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct lumen_vss *vss = lumen_vss;

	return sysfs_emit(buf,
			  "freezes: %lld\nthaws: %lld\nkernel_thaws: %lld\nexpired: %lld\ntimeouts: %lld\ndaemon_gone: %lld\n",
			  atomic64_read(&vss->freezes),
			  atomic64_read(&vss->thaws),
			  atomic64_read(&vss->kernel_thaws),
			  atomic64_read(&vss->expired),
			  atomic64_read(&vss->timeouts),
			  atomic64_read(&vss->daemon_gone));
}
static DEVICE_ATTR_RO(stats);

static struct attribute *lumen_vss_attrs[] = {
	&dev_attr_stats.attr,
	NULL
};
ATTRIBUTE_GROUPS(lumen_vss);

static struct miscdevice lumen_vss_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lumen_vss",
	.fops = &lumen_vss_fops,
	.mode = 0600,
	.groups = lumen_vss_groups,
};

/* Service init: the state and /dev/lumen_vss, before the driver. */
static int lumen_vss_init(void)
{
	struct lumen_vss *vss;
	int err;

	vss = kvzalloc(sizeof(*vss), GFP_KERNEL);
	if (!vss)
		return -ENOMEM;
	spin_lock_init(&vss->lock);
	mutex_init(&vss->mutex);
	init_waitqueue_head(&vss->wq);
	INIT_DELAYED_WORK(&vss->answer_timeout, lumen_vss_answer_timeout);
	INIT_DELAYED_WORK(&vss->thaw_timer, lumen_vss_thaw_timer);
	lumen_vss = vss;
	err = misc_register(&lumen_vss_misc);
	if (err) {
		lumen_vss = NULL;
		kvfree(vss);
	}
	return err;
}

/* Service exit: no channel is bound; the device is closed. */
static void lumen_vss_exit(void)
{
	misc_deregister(&lumen_vss_misc);
	cancel_delayed_work_sync(&lumen_vss->answer_timeout);
	cancel_delayed_work_sync(&lumen_vss->thaw_timer);
	kvfree(lumen_vss);
	lumen_vss = NULL;
}

static const u32 lumen_vss_fw[] = IC_FW_VERSIONS_V3_ONLY;
static const u32 lumen_vss_ver[] = IC_VSS_MSG_VERSIONS;

/* The VSS IC service. */
struct lumen_ic_service lumen_ic_vss = {
	.name = "vss",
	.class_id = LUMEN_GUID_IC_VSS,
	.fw_versions = lumen_vss_fw,
	.fw_count = ARRAY_SIZE(lumen_vss_fw),
	.msg_versions = lumen_vss_ver,
	.msg_count = ARRAY_SIZE(lumen_vss_ver),
	.probe = lumen_vss_probe,
	.remove = lumen_vss_remove,
	.message = lumen_vss_message,
	.init = lumen_vss_init,
	.exit = lumen_vss_exit,
};
