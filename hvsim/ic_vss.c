// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the VSS (backup) IC, host side. Offered as Hyper-V offers it
 * (pipe mode; negotiation by ic_host.c with framework 1.0/3.0 and the
 * host's VSS message versions); requests are built by lib/kvp_msg.c.
 * A FREEZE carries %HVSIM_VSS_FREEZE_LEN body bytes, about the size of
 * Hyper-V's (operation header plus volume data), so the guest's receive
 * path sees a large message.
 *
 * debugfs hvsim/vss/:
 *   ctl    write a command, which waits for the guest's answer (or
 *          %HVSIM_VSS_WAIT), then read the result:
 *            freeze   thaw   check (CHECK_HOT_BACKUP)   dminfo
 *            backup_complete   op N (any operation number)
 *            bad trunc   (a body shorter than its header)
 *          Result: "op=N status=0x%08x flags=0x%x", or "error=<errno>".
 *   stats  the IC counters.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": vss: " fmt

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <lumen/ic_kvp_msg.h>
#include <proto/guids.h>
#include <proto/vmbus_msg.h>
#include "hvsim.h"
#include "ic_host.h"

/* Longer than the guest's own answer timeout (10 s). */
#define HVSIM_VSS_WAIT		(15 * HZ)
/* FREEZE body size, about Hyper-V's 6.3 KB. */
#define HVSIM_VSS_FREEZE_LEN	6304
#define HVSIM_VSS_CMD_SIZE	64

/* VSS message versions Hyper-V offers, oldest first (OpenVMM's list). */
static const u32 hvsim_vss_versions[] = {
	IC_VSS_VER_4_0, IC_VSS_VER_5_0, IC_VSS_VER_6_0, IC_VSS_VER_7_0,
};

/**
 * struct hvsim_vss - the host's VSS controls (one VSS device at a time)
 * @cmd_lock: serialises ctl writes; protects @body and @out.
 * @ic: the VSS device's IC state, NULL when none (hvsim_mutex).
 * @res_lock: protects @waiting, @status, @err and @res.
 * @waiting: a ctl write waits for an answer.
 * @status: IC status of the answer.
 * @err: ic_vss_parse() result on the answer.
 * @res: the decoded answer.
 * @done: completed by the answer.
 * @body: the request being sent.
 * @out: result text.
 */
struct hvsim_vss {
	struct mutex cmd_lock;	/* see above */
	struct hvsim_ic *ic;
	spinlock_t res_lock;	/* see above */
	bool waiting;
	u32 status;
	int err;
	struct ic_vss_info res;
	struct completion done;
	u8 body[HVSIM_VSS_FREEZE_LEN];
	char out[128];
};

static struct hvsim_vss hvsim_vss_ctl = {
	.cmd_lock = __MUTEX_INITIALIZER(hvsim_vss_ctl.cmd_lock),
	.res_lock = __SPIN_LOCK_UNLOCKED(hvsim_vss_ctl.res_lock),
	.done = COMPLETION_INITIALIZER(hvsim_vss_ctl.done),
};

static struct hvsim_ic_stats hvsim_vss_stats;

static void hvsim_vss_reply(struct hvsim_ic *ic, const struct ic_msg_info *info,
			    const u8 *body)
{
	struct hvsim_vss *v = &hvsim_vss_ctl;

	spin_lock(&v->res_lock);
	if (v->waiting) {
		v->status = info->status;
		v->err = ic_vss_parse(body, info->msg_size, &v->res);
		v->waiting = false;
		complete(&v->done);
	}
	spin_unlock(&v->res_lock);
}

static const struct hvsim_ic_desc hvsim_vss_desc = {
	.name = "vss",
	.msg_type = IC_MSG_VSS,
	.msg_versions = hvsim_vss_versions,
	.msg_count = ARRAY_SIZE(hvsim_vss_versions),
	.stats = &hvsim_vss_stats,
	.reply = hvsim_vss_reply,
};

/* Send operation @op in a body of @len bytes; result into @v->out. */
static int hvsim_vss_exchange(struct hvsim_vss *v, u8 op, u32 len)
{
	int err;

	lockdep_assert_held(&v->cmd_lock);
	memset(v->body, 0, len);
	v->body[offsetof(struct ic_vss, operation)] = op;
	reinit_completion(&v->done);
	spin_lock(&v->res_lock);
	v->waiting = true;
	spin_unlock(&v->res_lock);
	mutex_lock(&hvsim_mutex);
	err = v->ic ? hvsim_ic_send(v->ic, IC_FLAG_TRANSACTION |
				    IC_FLAG_REQUEST, v->body, len) : -ENODEV;
	mutex_unlock(&hvsim_mutex);
	if (!err && !wait_for_completion_timeout(&v->done, HVSIM_VSS_WAIT))
		err = -ETIMEDOUT;
	spin_lock(&v->res_lock);
	v->waiting = false;
	spin_unlock(&v->res_lock);
	if (err)
		snprintf(v->out, sizeof(v->out), "op=%u error=%d\n", op, err);
	else if (v->err)
		snprintf(v->out, sizeof(v->out),
			 "op=%u status=0x%08x parse_error=%d\n", op, v->status,
			 v->err);
	else
		snprintf(v->out, sizeof(v->out),
			 "op=%u status=0x%08x flags=0x%x\n", op, v->status,
			 v->res.flags);
	return err;
}

static int hvsim_vss_command(struct hvsim_vss *v, const char *cmd)
{
	int len;
	u32 op;

	if (!strcmp(cmd, "freeze")) {
		op = IC_VSS_OP_FREEZE;
		len = HVSIM_VSS_FREEZE_LEN;
	} else if (!strcmp(cmd, "thaw")) {
		op = IC_VSS_OP_THAW;
		len = IC_VSS_MIN_SIZE;
	} else if (!strcmp(cmd, "check")) {
		op = IC_VSS_OP_CHECK_HOT_BACKUP;
		len = IC_VSS_MIN_SIZE;
	} else if (!strcmp(cmd, "dminfo")) {
		op = IC_VSS_OP_GET_DM_INFO;
		len = IC_VSS_MIN_SIZE;
	} else if (!strcmp(cmd, "backup_complete")) {
		op = IC_VSS_OP_BACKUP_COMPLETE;
		len = IC_VSS_MIN_SIZE;
	} else if (!strncmp(cmd, "op ", 3)) {
		if (kstrtou32(cmd + 3, 0, &op) || op > U8_MAX)
			return -EINVAL;
		len = IC_VSS_MIN_SIZE;
	} else if (!strcmp(cmd, "bad trunc")) {
		op = IC_VSS_OP_FREEZE;
		len = IC_VSS_MIN_SIZE - 4;
	} else {
		return -EINVAL;
	}
	hvsim_vss_exchange(v, op, len);
	return 0;
}

static ssize_t hvsim_vss_ctl_write(struct file *file, const char __user *ubuf,
				   size_t len, loff_t *ppos)
{
	struct hvsim_vss *v = &hvsim_vss_ctl;
	char cmd[HVSIM_VSS_CMD_SIZE];
	int err;

	if (len >= sizeof(cmd))
		return -EMSGSIZE;
	if (copy_from_user(cmd, ubuf, len))
		return -EFAULT;
	cmd[len] = '\0';
	mutex_lock(&v->cmd_lock);
	v->out[0] = '\0';
	err = hvsim_vss_command(v, strim(cmd));
	mutex_unlock(&v->cmd_lock);
	return err ? err : len;
}

static int hvsim_vss_ctl_show(struct seq_file *m, void *unused)
{
	struct hvsim_vss *v = &hvsim_vss_ctl;

	mutex_lock(&v->cmd_lock);
	seq_puts(m, v->out);
	mutex_unlock(&v->cmd_lock);
	return 0;
}

static int hvsim_vss_ctl_open(struct inode *inode, struct file *file)
{
	return single_open(file, hvsim_vss_ctl_show, NULL);
}

static const struct file_operations hvsim_vss_ctl_fops = {
	.owner = THIS_MODULE,
	.open = hvsim_vss_ctl_open,
	.read = seq_read,
	.write = hvsim_vss_ctl_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static void hvsim_vss_debugfs(struct dentry *dir)
{
	debugfs_create_file("ctl", 0600, dir, NULL, &hvsim_vss_ctl_fops);
	hvsim_ic_debugfs_stats(dir, &hvsim_vss_stats);
}

/* One VSS device at a time: the ctl file drives it. */
static int hvsim_vss_create(struct hvsim_dev *dev)
{
	return hvsim_ic_create_single(dev, &hvsim_vss_desc,
				      &hvsim_vss_ctl.ic);
}

static void hvsim_vss_destroy(struct hvsim_dev *dev)
{
	hvsim_ic_destroy_single(dev, &hvsim_vss_ctl.ic);
}

/* The VSS IC device class. */
const struct hvsim_dev_class hvsim_vss_class = {
	.name = "vss",
	.class_id = LUMEN_GUID_IC_VSS,
	.offer_flags = VMBUS_MSG_OFFER_FLAG_NAMED_PIPE,
	.max_packet = HVSIM_IC_MAX_PACKET,
	.packet = hvsim_ic_packet,
	.create = hvsim_vss_create,
	.destroy = hvsim_vss_destroy,
	.opened = hvsim_ic_opened,
	.closed = hvsim_ic_closed,
	.debugfs = hvsim_vss_debugfs,
};
