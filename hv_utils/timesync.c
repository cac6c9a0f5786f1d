// SPDX-License-Identifier: GPL-2.0
/*
 * Time sync IC service and its PTP clock.
 *
 * Every time message updates the host-time sample: the host's UTC time,
 * converted exactly from 100 ns units since 1601, paired with the guest's
 * raw monotonic clock at the moment it arrived. With message version 4.0
 * the host also says when it read its clock, in partition reference
 * counter units; when the transport can read that counter
 * (lumen_vmbus_ref_counter(): the kernel's reader on Hyper-V, the
 * simulated partition's under hvsim) the sample is moved forward by the
 * time the message spent in transit.
 *
 * - SYNC (sent after boot and restore): step the clock to host time.
 * - SAMPLE: kept for the PTP clock, which chrony reads ("refclock PHC
 *   /dev/ptpN") and steers the clock from gently. A module cannot slew the
 *   clock itself (adjtimex is not exported), so the service only steps on
 *   a sample when the guest is off by more than timesync_step_ms (5 s by
 *   default; 0 never), the case where slewing would take hours.
 *
 * The PTP clock's gettime64 returns the last sample plus the raw
 * monotonic time elapsed since, -EAGAIN before the first sample and
 * -ESTALE once the last one is older than 600 s.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/ptp_clock_kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <proto/guids.h>
#include <lumen/transport.h>
#include "ic.h"

static unsigned int timesync_step_ms = 5000;
module_param(timesync_step_ms, uint, 0644);
MODULE_PARM_DESC(timesync_step_ms,
		 "Step the clock on a time sample off by more than this (ms; 0: never)");

static const u32 timesync_fw_versions[] = IC_FW_VERSIONS;
static const u32 timesync_msg_versions[] = IC_TS_MSG_VERSIONS;

static_assert(ARRAY_SIZE(timesync_fw_versions) == IC_FW_VERSION_COUNT);
static_assert(ARRAY_SIZE(timesync_msg_versions) == IC_TS_MSG_VERSION_COUNT);

/* A sample older than this is stale (the in-box driver's limit). */
#define TIMESYNC_STALE_NS	(600ULL * NSEC_PER_SEC)

/**
 * struct timesync - state of one time sync channel
 * @ic: the channel.
 * @lock: protects @host_ns, @raw_ns and @have; interrupts off (the PTP
 *	read may come from any context).
 * @host_ns: host UTC time of the last sample, ns since 1970.
 * @raw_ns: ktime_get_raw_ns() when it arrived.
 * @have: a sample was taken.
 * @step_work: steps the clock (process context).
 * @ptp_info: the PTP clock's operations.
 * @ptp: the PTP clock, or NULL without PTP support.
 */
struct timesync {
	struct lumen_ic *ic;
	spinlock_t lock; /* guards what the kernel-doc says */
	u64 host_ns;
	u64 raw_ns;
	bool have;
	struct work_struct step_work;
	struct ptp_clock_info ptp_info;
	struct ptp_clock *ptp;
};

/* Host time now, ns since 1970. */
static int timesync_host_now(struct timesync *ts, u64 *ns)
{
	unsigned long flags;
	u64 elapsed;
	int ret = 0;

	spin_lock_irqsave(&ts->lock, flags);
	if (!ts->have) {
		ret = -EAGAIN;
	} else {
		elapsed = ktime_get_raw_ns() - ts->raw_ns;
		if (elapsed > TIMESYNC_STALE_NS)
			ret = -ESTALE;
		*ns = ts->host_ns + elapsed;
	}
	spin_unlock_irqrestore(&ts->lock, flags);
	return ret;
}

static void timesync_step_fn(struct work_struct *work)
{
	struct timesync *ts = container_of(work, struct timesync, step_work);
	struct timespec64 now;
	u64 ns;
	int ret;

	if (timesync_host_now(ts, &ns))
		return;
	now = ns_to_timespec64(ns);
	ret = do_settimeofday64(&now);
	if (ret) {
		dev_err_ratelimited(lumen_ic_dev(ts->ic),
				    "cannot set the clock: %d\n", ret);
		return;
	}
	dev_info(lumen_ic_dev(ts->ic), "clock set to host time %lld.%09ld\n",
		 (long long)now.tv_sec, now.tv_nsec);
}

static int timesync_ptp_gettime(struct ptp_clock_info *info,
				struct timespec64 *t)
{
	struct timesync *ts = container_of(info, struct timesync, ptp_info);
	u64 ns;
	int ret;

	ret = timesync_host_now(ts, &ns);
	if (ret == -EAGAIN)
		return ret;
	/* Stale: still the best estimate, as the in-box driver reports. */
	*t = ns_to_timespec64(ns);
	return ret;
}

static int timesync_ptp_settime(struct ptp_clock_info *info,
				const struct timespec64 *t)
{
	return -EOPNOTSUPP;
}

static int timesync_ptp_adjfine(struct ptp_clock_info *info, long ppm)
{
	return -EOPNOTSUPP;
}

static int timesync_ptp_adjtime(struct ptp_clock_info *info, s64 delta)
{
	return -EOPNOTSUPP;
}

static int timesync_ptp_enable(struct ptp_clock_info *info,
			       struct ptp_clock_request *rq, int on)
{
	return -EOPNOTSUPP;
}

static const struct ptp_clock_info timesync_ptp_template = {
	.owner = THIS_MODULE,
	.name = "hyperv",
	.gettime64 = timesync_ptp_gettime,
	.settime64 = timesync_ptp_settime,
	.adjfine = timesync_ptp_adjfine,
	.adjtime = timesync_ptp_adjtime,
	.enable = timesync_ptp_enable,
};

/* Whether the guest clock is off from @host_ns by more than the limit. */
static bool timesync_far_off(u64 host_ns)
{
	u64 guest = ktime_get_real_ns();
	u64 diff = host_ns > guest ? host_ns - guest : guest - host_ns;
	unsigned int limit_ms = READ_ONCE(timesync_step_ms);

	return limit_ms && diff > (u64)limit_ms * NSEC_PER_MSEC;
}

static int timesync_message(struct lumen_ic *ic, struct lumen_ic_req *req)
{
	struct timesync *ts = lumen_ic_priv(ic);
	struct ic_timesync_info info;
	unsigned long flags;
	u64 sec, host_ns, raw, ref_now;
	u32 nsec;
	int ret;

	if (req->info.type != IC_MSG_TIMESYNC)
		return -EBADRQC;
	ret = ic_timesync_parse(req->body, req->body_len, lumen_ic_msg_ver(ic),
				&info);
	if (ret)
		return ret;
	/* Cannot fail: ic_timesync_parse() checked the range. */
	ret = ic_time_to_unix(info.parent_time, &sec, &nsec);
	if (ret)
		return ret;
	raw = ktime_get_raw_ns();
	host_ns = sec * NSEC_PER_SEC + nsec;
	if (info.v4 && !lumen_vmbus_ref_counter(&ref_now) &&
	    ref_now >= info.ref_time &&
	    ref_now - info.ref_time <= TIMESYNC_STALE_NS / 100)
		host_ns += (ref_now - info.ref_time) * 100;

	if (info.flags & (IC_TS_FLAG_SYNC | IC_TS_FLAG_SAMPLE)) {
		spin_lock_irqsave(&ts->lock, flags);
		ts->host_ns = host_ns;
		ts->raw_ns = raw;
		ts->have = true;
		spin_unlock_irqrestore(&ts->lock, flags);
	}
	if (info.flags & IC_TS_FLAG_SYNC) {
		schedule_work(&ts->step_work);
	} else if (info.flags & IC_TS_FLAG_SAMPLE) {
		if (timesync_far_off(host_ns))
			schedule_work(&ts->step_work);
	}
	return LUMEN_IC_REPLY;
}

static int timesync_probe(struct lumen_ic *ic)
{
	struct timesync *ts;

	ts = kzalloc(sizeof(*ts), GFP_KERNEL);
	if (!ts)
		return -ENOMEM;
	ts->ic = ic;
	spin_lock_init(&ts->lock);
	INIT_WORK(&ts->step_work, timesync_step_fn);
	ts->ptp_info = timesync_ptp_template;
	/* NULL without PTP support: time sync still steps the clock. */
	ts->ptp = ptp_clock_register(&ts->ptp_info, lumen_ic_dev(ic));
	if (IS_ERR(ts->ptp)) {
		dev_err(lumen_ic_dev(ic), "cannot register the PTP clock: %ld\n",
			PTR_ERR(ts->ptp));
		ts->ptp = NULL;
	}
	if (ts->ptp)
		dev_info(lumen_ic_dev(ic), "PTP clock /dev/ptp%d\n",
			 ptp_clock_index(ts->ptp));
	lumen_ic_set_priv(ic, ts);
	return 0;
}

static void timesync_remove(struct lumen_ic *ic)
{
	struct timesync *ts = lumen_ic_priv(ic);

	/* The channel is closed: nothing schedules the work any more. */
	cancel_work_sync(&ts->step_work);
	if (ts->ptp)
		ptp_clock_unregister(ts->ptp);
	kfree(ts);
}

struct lumen_ic_service lumen_ic_timesync = {
	.name = "timesync",
	.class_id = LUMEN_GUID_IC_TIMESYNC,
	.fw_versions = timesync_fw_versions,
	.fw_count = ARRAY_SIZE(timesync_fw_versions),
	.msg_versions = timesync_msg_versions,
	.msg_count = ARRAY_SIZE(timesync_msg_versions),
	.probe = timesync_probe,
	.remove = timesync_remove,
	.message = timesync_message,
};
