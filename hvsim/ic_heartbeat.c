// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the heartbeat IC, host side. Once versions are agreed the host
 * sends a heartbeat every interval_ms (1 s by default; Hyper-V sends one
 * every few seconds) with its next sequence number and expects the guest
 * to answer with that number plus one.
 *
 * debugfs hvsim/heartbeat/:
 * - stats: the IC counters, then the heartbeat ones: last_seq (the last
 *   correct answer), seq_errors (answers with another number) and
 *   successive (correct answers in a row).
 * - interval_ms: the period, read at each heartbeat (10 .. 60000).
 * - inject: write "short", "unknown_type", "body_short", "neg_overrun" or
 *   "neg_too_many" to send one malformed request (hvsim_ic_inject());
 *   the stats count the guest's refusals.
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <proto/guids.h>
#include "hvsim.h"
#include "ic_host.h"

#define HVSIM_HB_INTERVAL_MIN	10
#define HVSIM_HB_INTERVAL_MAX	60000

/* Message versions Hyper-V offers for heartbeat, oldest first. */
static const u32 hvsim_hb_versions[] = { IC_HB_VER_1_0, IC_HB_VER_3_0 };

static struct hvsim_ic_stats hvsim_hb_stats;
static atomic64_t hvsim_hb_last_seq;
static atomic64_t hvsim_hb_seq_errors;
static atomic64_t hvsim_hb_successive;
static u32 hvsim_hb_interval_ms = 1000;
/* The open heartbeat channel, or NULL; under hvsim_mutex. */
static struct hvsim_ic *hvsim_hb_cur;

/**
 * struct hvsim_hb - heartbeat host state of one channel
 * @next_seq: sequence number of the next heartbeat.
 * @expect: the answer expected to the outstanding one.
 */
struct hvsim_hb {
	atomic64_t next_seq;
	atomic64_t expect;
};

static struct hvsim_hb *hvsim_hb_of(struct hvsim_ic *ic)
{
	return (struct hvsim_hb *)ic->priv;
}

static unsigned int hvsim_hb_interval(void)
{
	return clamp_t(u32, READ_ONCE(hvsim_hb_interval_ms),
		       HVSIM_HB_INTERVAL_MIN, HVSIM_HB_INTERVAL_MAX);
}

static void hvsim_hb_tick(struct hvsim_ic *ic)
{
	struct hvsim_hb *hb = hvsim_hb_of(ic);
	u8 body[sizeof(struct ic_heartbeat)];
	u64 seq = atomic64_read(&hb->next_seq);
	int len;

	hvsim_ic_set_period(ic, hvsim_hb_interval());
	len = ic_heartbeat_build(body, sizeof(body), seq);
	if (len < 0)
		return;
	atomic64_set(&hb->expect, seq + 1);
	if (!hvsim_ic_send(ic, IC_FLAG_TRANSACTION | IC_FLAG_REQUEST, body, len))
		atomic64_inc(&hb->next_seq);
}

static void hvsim_hb_ready(struct hvsim_ic *ic)
{
	hvsim_ic_set_period(ic, hvsim_hb_interval());
}

static void hvsim_hb_reply(struct hvsim_ic *ic, const struct ic_msg_info *info,
			   const u8 *body)
{
	struct hvsim_hb *hb = hvsim_hb_of(ic);
	u64 seq;

	if (info->status != IC_STATUS_OK ||
	    ic_heartbeat_parse(body, info->msg_size, &seq) ||
	    seq != (u64)atomic64_read(&hb->expect)) {
		atomic64_inc(&hvsim_hb_seq_errors);
		atomic64_set(&hvsim_hb_successive, 0);
		pr_warn_ratelimited("hvsim: heartbeat: wrong answer (status %#x)\n",
				    info->status);
		return;
	}
	atomic64_set(&hvsim_hb_last_seq, seq);
	atomic64_inc(&hvsim_hb_successive);
}

static const struct hvsim_ic_desc hvsim_hb_desc = {
	.name = "heartbeat",
	.msg_type = IC_MSG_HEARTBEAT,
	.msg_versions = hvsim_hb_versions,
	.msg_count = ARRAY_SIZE(hvsim_hb_versions),
	.stats = &hvsim_hb_stats,
	.ready = hvsim_hb_ready,
	.reply = hvsim_hb_reply,
	.tick = hvsim_hb_tick,
};

static int hvsim_hb_create(struct hvsim_dev *dev)
{
	return hvsim_ic_create(dev, &hvsim_hb_desc, sizeof(struct hvsim_hb));
}

static void hvsim_hb_opened(struct hvsim_dev *dev)
{
	hvsim_ic_opened(dev);
	hvsim_hb_cur = dev->priv;
}

static void hvsim_hb_destroy(struct hvsim_dev *dev)
{
	if (hvsim_hb_cur == dev->priv)
		hvsim_hb_cur = NULL;
	hvsim_ic_destroy(dev);
}

static void hvsim_hb_closed(struct hvsim_dev *dev)
{
	if (hvsim_hb_cur == dev->priv)
		hvsim_hb_cur = NULL;
	hvsim_ic_closed(dev);
}

static ssize_t hvsim_hb_inject_write(struct file *file,
				     const char __user *ubuf, size_t len,
				     loff_t *ppos)
{
	char buf[32];
	int kind, ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	kind = hvsim_ic_inject_kind(strim(buf));
	if (kind < 0)
		return kind;
	mutex_lock(&hvsim_mutex);
	ret = hvsim_hb_cur ? hvsim_ic_inject(hvsim_hb_cur, kind) : -ENOTCONN;
	mutex_unlock(&hvsim_mutex);
	return ret ? ret : len;
}

static const struct file_operations hvsim_hb_inject_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hvsim_hb_inject_write,
};

static int hvsim_hb_stats_show(struct seq_file *m, void *unused)
{
	hvsim_ic_show_stats(m, &hvsim_hb_stats);
	seq_printf(m, "last_seq: %lld\n", atomic64_read(&hvsim_hb_last_seq));
	seq_printf(m, "seq_errors: %lld\n",
		   atomic64_read(&hvsim_hb_seq_errors));
	seq_printf(m, "successive: %lld\n",
		   atomic64_read(&hvsim_hb_successive));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hvsim_hb_stats);

static void hvsim_hb_debugfs(struct dentry *dir)
{
	debugfs_create_file("stats", 0444, dir, NULL, &hvsim_hb_stats_fops);
	debugfs_create_u32("interval_ms", 0644, dir, &hvsim_hb_interval_ms);
	debugfs_create_file("inject", 0200, dir, NULL, &hvsim_hb_inject_fops);
}

/* The heartbeat IC class. */
const struct hvsim_dev_class hvsim_heartbeat_class = {
	.name = "heartbeat",
	.class_id = LUMEN_GUID_IC_HEARTBEAT,
	.offer_flags = VMBUS_MSG_OFFER_FLAG_NAMED_PIPE,
	.max_packet = HVSIM_IC_MAX_PACKET,
	.packet = hvsim_ic_packet,
	.create = hvsim_hb_create,
	.destroy = hvsim_hb_destroy,
	.opened = hvsim_hb_opened,
	.closed = hvsim_hb_closed,
	.debugfs = hvsim_hb_debugfs,
};
