// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the time sync IC, host side, as OpenVMM's hyperv_ic runs it:
 * right after negotiation one SYNC message gives the guest the host's
 * time, then a SAMPLE follows every 5 seconds. Messages carry IC header
 * flags 0; version 4.0 messages add the partition reference counter
 * (100 ns) at the moment the host read its clock.
 *
 * Each message is stamped with the host clock when the channel work puts
 * it into the ring (the class's stamp hook), as OpenVMM reads its clock
 * only once the ring has room.
 *
 * The host clock is independent of the guest's CLOCK_REALTIME, which the
 * guest steps: it is the real time when hvsim first created a time sync
 * device, advanced by the raw monotonic clock, plus a settable offset.
 * The simulated reference counter counts 100 ns units of the raw
 * monotonic clock from the same moment.
 *
 * debugfs hvsim/timesync/:
 * - sync_offset_s: write N to put the host clock N seconds ahead of real
 *   time (negative: behind) and send a SYNC at once; read the offset.
 * - sample: write anything to send a SAMPLE now.
 * - host_time_ns: read the host clock, ns since 1970.
 * - host_minus_real_ns: read the host clock minus the guest's
 *   CLOCK_REALTIME, both read together in the kernel (ns, signed).
 * - transit_ms: write N (0-10000) to stamp each message as if the host had
 *   read its clock N ms before the message reached the ring (a message
 *   held up in transit): the guest must add the time in transit, which
 *   it can do from version 4.0 on through the reference counter.
 * - stats: the IC counters, then syncs and samples sent.
 * Writes fail with ENOTCONN before negotiation and EBUSY while a message
 * is unanswered.
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <lumen/le.h>
#include <proto/guids.h>
#include <proto/vmbus_ring.h>
#include "hvsim.h"
#include "ic_host.h"

/* OpenVMM's sample period. */
#define HVSIM_TS_SAMPLE_MS	5000
/* Longest simulated transit, ms. */
#define HVSIM_TS_TRANSIT_MAX_MS	10000
/* Largest offset accepted: a century. */
#define HVSIM_TS_OFFSET_MAX_S	(100LL * 366 * 24 * 3600)

/* Message versions Hyper-V offers for time sync, oldest first. */
static const u32 hvsim_ts_versions[] = {
	IC_TS_VER_1_0, IC_TS_VER_3_0, IC_TS_VER_4_0
};

static struct hvsim_ic_stats hvsim_ts_stats;
static atomic64_t hvsim_ts_syncs;
static atomic64_t hvsim_ts_samples;
/* The negotiated time sync channel, or NULL; under hvsim_mutex. */
static struct hvsim_ic *hvsim_ts_cur;

/*
 * The host clock: set once (under hvsim_mutex) at the first create, read
 * locklessly afterwards; the offset is an atomic.
 */
static bool hvsim_ts_clock_set;
static u64 hvsim_ts_base_real;
static u64 hvsim_ts_base_raw;
static atomic64_t hvsim_ts_offset_ns;
/* debugfs transit_ms, read with READ_ONCE(). */
static u32 hvsim_ts_transit_ms;

/*
 * Host time now, ns since 1970, and the partition reference counter read
 * with it (the hypervisor's, which the guest reads too).
 */
static u64 hvsim_ts_now(u64 *ref)
{
	u64 raw = ktime_get_raw_ns() - hvsim_ts_base_raw;

	if (ref)
		*ref = hvsim_hv_ref_counter();
	return hvsim_ts_base_real + raw + atomic64_read(&hvsim_ts_offset_ns);
}

static int hvsim_ts_send(struct hvsim_ic *ic, u8 ts_flags)
{
	struct ic_timesync_info ts = { .flags = ts_flags };
	u8 body[sizeof(struct ic_timesync)];
	int len, ret;

	ts.parent_time = ic_time_from_unix_ns(hvsim_ts_now(&ts.ref_time));
	len = ic_timesync_build(body, sizeof(body), hvsim_ic_msg_ver(ic), &ts);
	if (len < 0)
		return len;
	ret = hvsim_ic_send(ic, 0, body, len);
	if (ret)
		return ret;
	atomic64_inc(ts_flags & IC_TS_FLAG_SYNC ? &hvsim_ts_syncs :
						  &hvsim_ts_samples);
	return 0;
}

static void hvsim_ts_ready(struct hvsim_ic *ic)
{
	int ret = hvsim_ts_send(ic, IC_TS_FLAG_SYNC);

	if (ret)
		pr_warn("hvsim: timesync: first SYNC not sent: %d\n", ret);
	hvsim_ic_set_period(ic, HVSIM_TS_SAMPLE_MS);
}

static void hvsim_ts_tick(struct hvsim_ic *ic)
{
	hvsim_ts_send(ic, IC_TS_FLAG_SAMPLE);
}

static void hvsim_ts_reply(struct hvsim_ic *ic, const struct ic_msg_info *info,
			   const u8 *body)
{
	if (info->status != IC_STATUS_OK)
		pr_warn_ratelimited("hvsim: timesync: guest answered %#x\n",
				    info->status);
}

static const struct hvsim_ic_desc hvsim_ts_desc = {
	.name = "timesync",
	.msg_type = IC_MSG_TIMESYNC,
	.msg_versions = hvsim_ts_versions,
	.msg_count = ARRAY_SIZE(hvsim_ts_versions),
	.stats = &hvsim_ts_stats,
	.ready = hvsim_ts_ready,
	.reply = hvsim_ts_reply,
	.tick = hvsim_ts_tick,
};

/*
 * The time message is about to go into the ring: stamp the host clock
 * (and the reference counter for 4.0) now, not when it was queued, so
 * the time the packet waited in hvsim does not count as transit.
 */
static void hvsim_ts_stamp(struct hvsim_dev *dev, u8 *pkt, u32 len)
{
	struct vmbus_pkt_desc d;
	struct ic_msg_info info;
	u64 ref, now;
	u32 off, transit;
	u8 *body;

	if (len < sizeof(d))
		return;
	memcpy(&d, pkt, sizeof(d));
	off = le16_to_cpu(d.offset8) * 8;
	if (off > len || ic_msg_parse(pkt + off, len - off, &info) ||
	    info.type != IC_MSG_TIMESYNC || info.body_len < 16)
		return;
	body = pkt + off + IC_BODY_OFFSET;
	now = hvsim_ts_now(&ref);
	/* Fault: the clock was read this long before the ring had room. */
	transit = min(READ_ONCE(hvsim_ts_transit_ms), HVSIM_TS_TRANSIT_MAX_MS);
	now -= (u64)transit * NSEC_PER_MSEC;
	ref -= min_t(u64, ref, (u64)transit * (NSEC_PER_MSEC / 100));
	now = ic_time_from_unix_ns(now);
	lumen_put_le64(body + offsetof(struct ic_timesync, parent_time), now);
	if (info.msg_ver >= IC_TS_VER_4_0)
		lumen_put_le64(body + offsetof(struct ic_timesync4, ref_time),
			       ref);
}

static int hvsim_ts_create(struct hvsim_dev *dev)
{
	if (!hvsim_ts_clock_set) {
		hvsim_ts_base_raw = ktime_get_raw_ns();
		hvsim_ts_base_real = ktime_get_real_ns();
		hvsim_ts_clock_set = true;
	}
	return hvsim_ic_create(dev, &hvsim_ts_desc, 0);
}

static void hvsim_ts_opened(struct hvsim_dev *dev)
{
	hvsim_ic_opened(dev);
	hvsim_ts_cur = dev->priv;
}

static void hvsim_ts_destroy(struct hvsim_dev *dev)
{
	if (hvsim_ts_cur == dev->priv)
		hvsim_ts_cur = NULL;
	hvsim_ic_destroy(dev);
}

static void hvsim_ts_closed(struct hvsim_dev *dev)
{
	if (hvsim_ts_cur == dev->priv)
		hvsim_ts_cur = NULL;
	hvsim_ic_closed(dev);
}

/* Send one message on the current channel from debugfs. */
static int hvsim_ts_send_now(u8 ts_flags)
{
	int ret;

	mutex_lock(&hvsim_mutex);
	ret = hvsim_ts_cur ? hvsim_ts_send(hvsim_ts_cur, ts_flags) : -ENOTCONN;
	mutex_unlock(&hvsim_mutex);
	return ret;
}

static ssize_t hvsim_ts_offset_write(struct file *file,
				     const char __user *ubuf, size_t len,
				     loff_t *ppos)
{
	s64 sec;
	int ret;

	ret = kstrtos64_from_user(ubuf, len, 0, &sec);
	if (ret)
		return ret;
	if (sec > HVSIM_TS_OFFSET_MAX_S || sec < -HVSIM_TS_OFFSET_MAX_S)
		return -ERANGE;
	atomic64_set(&hvsim_ts_offset_ns, sec * NSEC_PER_SEC);
	ret = hvsim_ts_send_now(IC_TS_FLAG_SYNC);
	return ret ? ret : len;
}

static ssize_t hvsim_ts_offset_read(struct file *file, char __user *ubuf,
				    size_t len, loff_t *ppos)
{
	char buf[32];
	int n;

	n = scnprintf(buf, sizeof(buf), "%lld\n",
		      atomic64_read(&hvsim_ts_offset_ns) / NSEC_PER_SEC);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations hvsim_ts_offset_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = hvsim_ts_offset_read,
	.write = hvsim_ts_offset_write,
};

static ssize_t hvsim_ts_sample_write(struct file *file,
				     const char __user *ubuf, size_t len,
				     loff_t *ppos)
{
	int ret = hvsim_ts_send_now(IC_TS_FLAG_SAMPLE);

	return ret ? ret : len;
}

static const struct file_operations hvsim_ts_sample_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hvsim_ts_sample_write,
};

static ssize_t hvsim_ts_time_read(struct file *file, char __user *ubuf,
				  size_t len, loff_t *ppos)
{
	char buf[32];
	int n;

	if (!READ_ONCE(hvsim_ts_clock_set))
		return -ENODATA;
	n = scnprintf(buf, sizeof(buf), "%llu\n", hvsim_ts_now(NULL));
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations hvsim_ts_time_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = hvsim_ts_time_read,
};

static ssize_t hvsim_ts_diff_read(struct file *file, char __user *ubuf,
				  size_t len, loff_t *ppos)
{
	char buf[32];
	u64 host, real;
	int n;

	if (!READ_ONCE(hvsim_ts_clock_set))
		return -ENODATA;
	host = hvsim_ts_now(NULL);
	real = ktime_get_real_ns();
	n = scnprintf(buf, sizeof(buf), "%lld\n", (s64)(host - real));
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations hvsim_ts_diff_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = hvsim_ts_diff_read,
};

static int hvsim_ts_stats_show(struct seq_file *m, void *unused)
{
	hvsim_ic_show_stats(m, &hvsim_ts_stats);
	seq_printf(m, "syncs: %lld\n", atomic64_read(&hvsim_ts_syncs));
	seq_printf(m, "samples: %lld\n", atomic64_read(&hvsim_ts_samples));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hvsim_ts_stats);

static void hvsim_ts_debugfs(struct dentry *dir)
{
	debugfs_create_file("sync_offset_s", 0644, dir, NULL,
			    &hvsim_ts_offset_fops);
	debugfs_create_file("sample", 0200, dir, NULL, &hvsim_ts_sample_fops);
	debugfs_create_file("host_time_ns", 0444, dir, NULL,
			    &hvsim_ts_time_fops);
	debugfs_create_file("host_minus_real_ns", 0444, dir, NULL,
			    &hvsim_ts_diff_fops);
	debugfs_create_u32("transit_ms", 0600, dir, &hvsim_ts_transit_ms);
	debugfs_create_file("stats", 0444, dir, NULL, &hvsim_ts_stats_fops);
}

/* The time sync IC class. */
const struct hvsim_dev_class hvsim_timesync_class = {
	.name = "timesync",
	.class_id = LUMEN_GUID_IC_TIMESYNC,
	.offer_flags = VMBUS_MSG_OFFER_FLAG_NAMED_PIPE,
	.max_packet = HVSIM_IC_MAX_PACKET,
	.packet = hvsim_ic_packet,
	.create = hvsim_ts_create,
	.destroy = hvsim_ts_destroy,
	.opened = hvsim_ts_opened,
	.closed = hvsim_ts_closed,
	.stamp = hvsim_ts_stamp,
	.debugfs = hvsim_ts_debugfs,
};
