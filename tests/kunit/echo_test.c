// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite lumen_vmbus_echo: the VMBus core end to end against hvsim's
 * echo device, with no real driver. A test driver binds to the echo class,
 * then each case opens the channel and checks the round trips: in-band
 * packets from 1 byte up, 10,000 packets with their data, and GPA-direct
 * READ and FILL over 1 byte to 64 KiB, checked with CRC-32C; GPADLs up to
 * 16 MiB; polling; re-targeting; sub-channels; a monitored (MNF) channel;
 * rescind with packets in flight. Needs hv_vmbus
 * and hvsim (with an echo device) loaded first.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/atomic.h>
#include <linux/crc32.h>
#include <linux/delay.h>
#include <linux/umh.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include <lumen/vmbus.h>
#include <proto/echo.h>
#include <proto/vmbus_ring.h>

#define ECHO_RING	(256 * 1024)
#define ECHO_TIMEOUT	(10 * HZ)
#define ECHO_BUF	(LUMEN_ECHO_MAX_PACKET + 64)

#define ECHO_SUBS	4

static struct lumen_vmbus_device *echo_dev;
static struct lumen_vmbus_device *echo_dev2;
static bool echo_open_now;
static struct lumen_chan *echo_subs[ECHO_SUBS];
static atomic_t echo_nsubs = ATOMIC_INIT(0);
static DECLARE_COMPLETION(echo_probed2);
static DECLARE_COMPLETION(echo_removed2);
static DECLARE_COMPLETION(echo_probed);
static DECLARE_COMPLETION(echo_removed);
static DECLARE_WAIT_QUEUE_HEAD(echo_wq);

/* echo_probe() opens a second device's channel itself, and its result. */
static bool echo_open_in_probe;
static int echo_probe_open_ret;
static unsigned long echo_probe_open_jiffies;

static int echo_callback_cpu = -1;
static atomic_t echo_callbacks = ATOMIC_INIT(0);

static void echo_callback(void *ctx)
{
	WRITE_ONCE(echo_callback_cpu, smp_processor_id());
	atomic_inc(&echo_callbacks);
	wake_up(&echo_wq);
}

static int echo_probe(struct lumen_vmbus_device *dev,
		      const struct hv_vmbus_device_id *id)
{
	if (!echo_dev) {
		echo_dev = dev;
		complete(&echo_probed);
		return 0;
	}
	if (echo_dev2)
		return -EBUSY;
	if (READ_ONCE(echo_open_in_probe)) {
		unsigned long start = jiffies;

		/* Needs OPENCHANNEL_RESULT while a device work item runs. */
		echo_probe_open_ret = lumen_chan_open(dev->chan, ECHO_RING,
						      ECHO_RING, NULL, 0,
						      echo_callback, NULL);
		echo_probe_open_jiffies = jiffies - start;
	}
	echo_dev2 = dev;
	complete(&echo_probed2);
	return 0;
}

/* While set, the next sub-channel offered goes to echo_race_sub. */
static bool echo_racing;
static struct lumen_chan *echo_race_sub;

/* Sub-channels of the primary echo channel, as the host offers them. */
static void echo_sub_channel(struct lumen_chan *primary, struct lumen_chan *sub)
{
	int n = atomic_read(&echo_nsubs);

	if (READ_ONCE(echo_racing)) {
		/* Release: the test reads the handle after seeing it. */
		smp_store_release(&echo_race_sub, sub);
		wake_up(&echo_wq);
		return;
	}

	if (n < ECHO_SUBS) {
		echo_subs[n] = sub;
		/* Value-returning atomics are fully ordered: publishes subs[n]. */
		atomic_inc_return(&echo_nsubs);
	}
	wake_up(&echo_wq);
}

static void echo_remove(struct lumen_vmbus_device *dev)
{
	if (dev == echo_dev2) {
		lumen_chan_close(dev->chan);
		echo_dev2 = NULL;
		complete(&echo_removed2);
		return;
	}
	if (dev != echo_dev)
		return;
	/* Sub-channel handles go with the primary; close what is open. */
	while (atomic_read(&echo_nsubs))
		lumen_chan_close(echo_subs[atomic_dec_return(&echo_nsubs)]);
	/* The driver contract: the channel is closed when remove returns. */
	if (echo_open_now)
		lumen_chan_close(dev->chan);
	echo_open_now = false;
	echo_dev = NULL;
	complete(&echo_removed);
}

static const struct hv_vmbus_device_id echo_ids[] = {
	{ .guid = LUMEN_GUID_ECHO },
	{ },
};

static struct lumen_vmbus_driver echo_driver = {
	.name = "lumen_echo_test",
	.id_table = echo_ids,
	.probe = echo_probe,
	.remove = echo_remove,
	.sub_channel = echo_sub_channel,
};

/* Wait for the next packet on @chan; returns 0 or the receive errno. */
static int echo_recv_on(struct lumen_chan *chan, void *buf,
			struct lumen_chan_pkt *pkt)
{
	int ret = -ENODATA;

	wait_event_timeout(echo_wq,
			   (ret = lumen_chan_recv(chan, buf, ECHO_BUF, pkt)) !=
			   -ENODATA, ECHO_TIMEOUT);
	lumen_chan_recv_done(chan);
	return ret == -ENODATA ? -ETIMEDOUT : ret;
}

static int echo_recv(void *buf, struct lumen_chan_pkt *pkt)
{
	return echo_recv_on(echo_dev->chan, buf, pkt);
}

static void echo_open(struct kunit *test)
{
	KUNIT_ASSERT_NOT_NULL(test, echo_dev);
	KUNIT_ASSERT_EQ(test, lumen_chan_open(echo_dev->chan, ECHO_RING,
					      ECHO_RING, NULL, 0,
					      echo_callback, NULL), 0);
	echo_open_now = true;
}

static void echo_close(void)
{
	echo_open_now = false;
	lumen_chan_close(echo_dev->chan);
}

/* Run a shell command in the guest, as a person at the console would. */
static int echo_shell(const char *cmd)
{
	char *argv[4], *envp[2];

	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = (char *)cmd;
	argv[3] = NULL;
	envp[0] = "PATH=/bin:/sbin";
	envp[1] = NULL;
	return call_usermodehelper(argv[0], argv, envp, UMH_WAIT_PROC);
}

/* Write @text to one of hvsim's debugfs control files. */
static int echo_hvsim_ctl(const char *file, const char *text)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "echo %s > /sys/kernel/debug/hvsim/%s",
		 text, file);
	return echo_shell(cmd);
}

/* Does hvsim's debugfs "stats" have the line @line? */
static bool echo_hvsim_stat(const char *line)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd),
		 "grep -qx '%s' /sys/kernel/debug/hvsim/stats", line);
	return !echo_shell(cmd);
}

static void chan_open_close_repeats(struct kunit *test)
{
	int i;

	KUNIT_ASSERT_NOT_NULL(test, echo_dev);
	for (i = 0; i < 5; i++) {
		KUNIT_ASSERT_EQ(test, lumen_chan_open(echo_dev->chan, ECHO_RING,
						      ECHO_RING, NULL, 0,
						      echo_callback, NULL), 0);
		KUNIT_EXPECT_EQ(test, lumen_chan_open(echo_dev->chan,
						      ECHO_RING, ECHO_RING,
						      NULL, 0, echo_callback,
						      NULL), -EBUSY);
		lumen_chan_close(echo_dev->chan);
	}
}

static void chan_send_inband_sizes(struct kunit *test)
{
	static const u32 sizes[] = { 1, 7, 8, 9, 64, 1000, 4000, 16384, 65536 };
	struct lumen_chan_pkt pkt;
	u8 *out, *in;
	unsigned int i;

	out = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, in);
	echo_open(test);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		get_random_bytes(out, sizes[i]);
		KUNIT_ASSERT_EQ(test, lumen_chan_send(echo_dev->chan, out,
						      sizes[i], i + 1, true), 0);
		KUNIT_ASSERT_EQ(test, echo_recv(in, &pkt), 0);
		KUNIT_EXPECT_EQ(test, pkt.type, VMBUS_PKT_COMP);
		KUNIT_EXPECT_EQ(test, pkt.trans_id, i + 1);
		KUNIT_ASSERT_GE(test, pkt.len, sizes[i]);
		KUNIT_EXPECT_MEMEQ(test, pkt.data, out, sizes[i]);
	}
	echo_close();
}

/* 10,000 packets, up to 32 in flight, every reply's data checked. */
static void chan_send_10000_checked(struct kunit *test)
{
	struct lumen_chan_pkt pkt;
	u32 sent = 0, got = 0, bad = 0;
	u8 *in, out[256];
	int ret;

	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, in);
	echo_open(test);
	while (got < 10000) {
		while (sent < 10000 && sent - got < 32) {
			u32 len = 1 + (sent % sizeof(out));

			memset(out, (u8)sent, len);
			ret = lumen_chan_send(echo_dev->chan, out, len,
					      sent + 1, true);
			if (ret == -EAGAIN)
				break;
			KUNIT_ASSERT_EQ(test, ret, 0);
			sent++;
		}
		KUNIT_ASSERT_EQ(test, echo_recv(in, &pkt), 0);
		if (pkt.trans_id != got + 1 ||
		    pkt.len < 1 + (got % sizeof(out)) ||
		    memchr_inv(pkt.data, (u8)got, 1 + (got % sizeof(out))))
			bad++;
		got++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	echo_close();
}

/* One GPA-direct op over @len bytes at @offset into a vmalloc buffer. */
static void echo_gpa(struct kunit *test, u32 op, u32 len, u32 offset)
{
	struct lumen_echo_gpa_req req = {
		.op = cpu_to_le32(op),
		.seed = cpu_to_le32(len + offset),
	};
	const struct lumen_echo_gpa_resp *resp;
	struct lumen_chan_range range;
	u32 npfn = DIV_ROUND_UP(offset + len, PAGE_SIZE), i;
	struct lumen_chan_pkt pkt;
	u64 pfns[17];
	u8 *buf, *in;

	KUNIT_ASSERT_LE(test, npfn, ARRAY_SIZE(pfns));
	buf = vmalloc(npfn * PAGE_SIZE);
	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, in);
	get_random_bytes(buf, npfn * PAGE_SIZE);
	for (i = 0; i < npfn; i++)
		pfns[i] = vmalloc_to_pfn(buf + i * PAGE_SIZE);
	range.len = len;
	range.offset = offset;
	range.npfn = npfn;
	range.pfns = pfns;

	KUNIT_ASSERT_EQ(test, lumen_chan_send_gpa(echo_dev->chan, &range, 1,
						  &req, sizeof(req), 7), 0);
	KUNIT_ASSERT_EQ(test, echo_recv(in, &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.type, VMBUS_PKT_COMP);
	KUNIT_EXPECT_EQ(test, pkt.trans_id, 7);
	KUNIT_ASSERT_GE(test, pkt.len, sizeof(*resp));
	resp = pkt.data;
	KUNIT_EXPECT_EQ(test, le32_to_cpu(resp->status), LUMEN_ECHO_STATUS_OK);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(resp->bytes), len);
	if (op == LUMEN_ECHO_OP_FILL)
		for (i = 0; i < len; i++)
			if (buf[offset + i] !=
			    LUMEN_ECHO_FILL_BYTE(len + offset, i)) {
				KUNIT_FAIL(test, "byte %u not filled", i);
				break;
			}
	KUNIT_EXPECT_EQ(test, le32_to_cpu(resp->crc32c),
			__crc32c_le(~0U, buf + offset, len) ^ ~0U);
	vfree(buf);
}

static void chan_send_gpa_read_sizes(struct kunit *test)
{
	echo_open(test);
	echo_gpa(test, LUMEN_ECHO_OP_READ, 1, 0);
	echo_gpa(test, LUMEN_ECHO_OP_READ, 512, 100);
	echo_gpa(test, LUMEN_ECHO_OP_READ, 4096, 0);
	echo_gpa(test, LUMEN_ECHO_OP_READ, 4097, 4000);
	echo_gpa(test, LUMEN_ECHO_OP_READ, 65536, 0);
	echo_gpa(test, LUMEN_ECHO_OP_READ, 65536, 8);
	echo_close();
}

static void chan_send_gpa_fill_sizes(struct kunit *test)
{
	echo_open(test);
	echo_gpa(test, LUMEN_ECHO_OP_FILL, 1, 0);
	echo_gpa(test, LUMEN_ECHO_OP_FILL, 3000, 2000);
	echo_gpa(test, LUMEN_ECHO_OP_FILL, 65536, 0);
	echo_close();
}

/* GPADLs of 1 page to 16 MiB: header plus up to 146 body messages. */
static void chan_gpadl_sizes(struct kunit *test)
{
	static const u32 pages[] = { 1, 26, 27, 54, 55, 256, 1024, 4096 };
	unsigned int i;
	u32 handle;
	void *buf;

	KUNIT_ASSERT_NOT_NULL(test, echo_dev);
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		buf = vzalloc(pages[i] * PAGE_SIZE);
		KUNIT_ASSERT_NOT_NULL(test, buf);
		KUNIT_EXPECT_EQ(test, lumen_chan_gpadl_create(echo_dev->chan,
							      buf,
							      pages[i] * PAGE_SIZE,
							      &handle), 0);
		lumen_chan_gpadl_teardown(echo_dev->chan, handle);
		vfree(buf);
	}
	KUNIT_EXPECT_EQ(test, lumen_chan_gpadl_create(echo_dev->chan, NULL, 0,
						      &handle), -EINVAL);
}

/*
 * A GPADL_BODY post fails part way (hvsim's post_fail refuses the first
 * body): the create fails with the post's -ENXIO, and the guest tears the
 * half-built GPADL down, so the host holds no unfinished GPADL; the next
 * create works.
 */
static void chan_gpadl_body_post_fails(struct kunit *test)
{
	u32 handle;
	void *buf;

	KUNIT_ASSERT_NOT_NULL(test, echo_dev);
	buf = vzalloc(54 * PAGE_SIZE);	/* the header and two bodies */
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("faults/post_fail", "'1 9'"), 0);
	KUNIT_EXPECT_EQ(test, lumen_chan_gpadl_create(echo_dev->chan, buf,
						      54 * PAGE_SIZE, &handle),
			-ENXIO);
	KUNIT_EXPECT_TRUE(test, echo_hvsim_stat("gpadls_assembling 0"));
	KUNIT_EXPECT_FALSE(test, echo_hvsim_stat("gpadls_abandoned 0"));
	KUNIT_ASSERT_EQ(test, lumen_chan_gpadl_create(echo_dev->chan, buf,
						      54 * PAGE_SIZE, &handle),
			0);
	lumen_chan_gpadl_teardown(echo_dev->chan, handle);
	vfree(buf);
}

/* Polling: no callbacks while polled, replies still arrive; unmask works. */
static void chan_polling_mode(struct kunit *test)
{
	struct lumen_chan_pkt pkt;
	u8 out[64], *in;
	int i, ret, before;

	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, in);
	echo_open(test);
	KUNIT_EXPECT_FALSE(test, lumen_chan_set_polling(echo_dev->chan, true));
	before = atomic_read(&echo_callbacks);
	memset(out, 0x11, sizeof(out));
	KUNIT_ASSERT_EQ(test, lumen_chan_send(echo_dev->chan, out, sizeof(out),
					      1, true), 0);
	for (i = 0, ret = -ENODATA; i < 1000 && ret == -ENODATA; i++) {
		usleep_range(2000, 3000);
		ret = lumen_chan_recv(echo_dev->chan, in, ECHO_BUF, &pkt);
	}
	KUNIT_ASSERT_EQ(test, ret, 0);
	lumen_chan_recv_done(echo_dev->chan);
	KUNIT_EXPECT_EQ(test, pkt.trans_id, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&echo_callbacks), before);

	/* A reply that lands while polled is reported when unmasking. */
	KUNIT_ASSERT_EQ(test, lumen_chan_send(echo_dev->chan, out, sizeof(out),
					      2, true), 0);
	msleep(200);
	KUNIT_EXPECT_TRUE(test, lumen_chan_set_polling(echo_dev->chan, false));
	KUNIT_ASSERT_EQ(test, echo_recv(in, &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.trans_id, 2);
	echo_close();
}

/*
 * A well-formed packet larger than the reader's buffer is bad host input
 * for that driver: the receive fails with -EMSGSIZE once, the channel is
 * broken (every later receive and send fails with -EIO), and nothing is
 * left for the channel's tasklet to retry forever.
 */
static void chan_recv_oversized_breaks_channel(struct kunit *test)
{
	struct lumen_chan_pkt pkt;
	u8 *out, *in;
	int i, ret;

	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	out = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, out);
	echo_open(test);
	KUNIT_EXPECT_FALSE(test, lumen_chan_set_polling(echo_dev->chan, true));
	KUNIT_ASSERT_EQ(test, lumen_chan_send(echo_dev->chan, out, 1024, 1,
					      true), 0);
	for (i = 0, ret = -ENODATA; i < 1000 && ret == -ENODATA; i++) {
		usleep_range(2000, 3000);
		ret = lumen_chan_recv(echo_dev->chan, in, 256, &pkt);
	}
	KUNIT_EXPECT_EQ(test, ret, -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, lumen_chan_recv(echo_dev->chan, in, ECHO_BUF,
					      &pkt), -EIO);
	KUNIT_EXPECT_EQ(test, lumen_chan_send(echo_dev->chan, out, 8, 2, true),
			-EIO);
	echo_close();
}

/* MODIFYCHANNEL through sysfs: callbacks follow the channel to each CPU. */
static void chan_retarget_cpu(struct kunit *test)
{
	struct lumen_chan_pkt pkt;
	unsigned int cpu;
	char cmd[160];
	u8 out[16], *in;

	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, in);
	echo_open(test);
	memset(out, 0x22, sizeof(out));
	for_each_online_cpu(cpu) {
		snprintf(cmd, sizeof(cmd),
			 "echo %u > /sys/bus/vmbus/devices/%s/target_cpu", cpu,
			 dev_name(&echo_dev->dev));
		KUNIT_ASSERT_EQ(test, echo_shell(cmd), 0);
		WRITE_ONCE(echo_callback_cpu, -1);
		KUNIT_ASSERT_EQ(test, lumen_chan_send(echo_dev->chan, out,
						      sizeof(out), cpu + 1,
						      true), 0);
		KUNIT_ASSERT_EQ(test, echo_recv(in, &pkt), 0);
		KUNIT_EXPECT_EQ(test, pkt.trans_id, cpu + 1);
		KUNIT_EXPECT_EQ(test, READ_ONCE(echo_callback_cpu), (int)cpu);
	}
	echo_close();
}

/* A shell command run in a thread of its own, and how it went. */
struct echo_job {
	char cmd[160];
	struct completion done;
	unsigned long took;
	int ret;
};

static int echo_job_fn(void *arg)
{
	struct echo_job *j = arg;
	unsigned long start = jiffies;

	j->ret = echo_shell(j->cmd);
	j->took = jiffies - start;
	kthread_complete_and_exit(&j->done, 0);
}

static void echo_job_start(struct kunit *test, struct echo_job *j)
{
	init_completion(&j->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(echo_job_fn, j,
						    "echo_job")));
}

/*
 * A re-target waits for MODIFYCHANNEL_RESPONSE while a CPU hotplug writer
 * queues and the host offers a device before it answers (the reorder
 * fault holds the response until after the offer). The offer must not
 * wait for the hotplug lock behind the re-target, or the response waits
 * behind the offer until the re-target times out: it completes at once,
 * and CPU 1, which it claimed, refuses to go offline meanwhile.
 */
static void chan_retarget_beside_hotplug_and_offer(struct kunit *test)
{
	struct echo_job *move, *down;
	char relid[16];

	KUNIT_ASSERT_GE(test, num_online_cpus(), 2U);
	move = kunit_kzalloc(test, sizeof(*move), GFP_KERNEL);
	down = kunit_kzalloc(test, sizeof(*down), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, move);
	KUNIT_ASSERT_NOT_NULL(test, down);
	echo_open(test);
	snprintf(move->cmd, sizeof(move->cmd),
		 "echo 0 > /sys/bus/vmbus/devices/%s/target_cpu",
		 dev_name(&echo_dev->dev));
	KUNIT_ASSERT_EQ(test, echo_shell(move->cmd), 0);
	/* MODIFYCHANNEL_RESPONSE (24) goes out after the next message. */
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("faults/reorder", "24"), 0);
	snprintf(move->cmd, sizeof(move->cmd),
		 "echo 1 > /sys/bus/vmbus/devices/%s/target_cpu",
		 dev_name(&echo_dev->dev));
	echo_job_start(test, move);
	msleep(500);
	snprintf(down->cmd, sizeof(down->cmd),
		 "echo 0 > /sys/devices/system/cpu/cpu1/online");
	echo_job_start(test, down);
	msleep(500);
	reinit_completion(&echo_probed2);
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("add_device", "echo"), 0);

	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&move->done,
							    60 * HZ));
	KUNIT_EXPECT_EQ(test, move->ret, 0);
	KUNIT_EXPECT_LT(test, move->took, 10UL * HZ);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&down->done,
							    60 * HZ));
	KUNIT_EXPECT_NE(test, down->ret, 0);
	KUNIT_EXPECT_TRUE(test, cpu_online(1));
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&echo_probed2,
							    ECHO_TIMEOUT));
	if (!cpu_online(1))
		echo_shell("echo 1 > /sys/devices/system/cpu/cpu1/online");
	if (echo_dev2) {
		reinit_completion(&echo_removed2);
		snprintf(relid, sizeof(relid), "%u",
			 lumen_chan_relid(echo_dev2->chan));
		echo_hvsim_ctl("rescind", relid);
		wait_for_completion_timeout(&echo_removed2, ECHO_TIMEOUT);
	}
	echo_close();
}

/* One in-band round trip of @len bytes on @chan, data checked. */
static void echo_round_trip(struct kunit *test, struct lumen_chan *chan,
			    u32 len, u64 id)
{
	struct lumen_chan_pkt pkt;
	u8 *out, *in;

	out = kunit_kmalloc(test, len, GFP_KERNEL);
	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, in);
	get_random_bytes(out, len);
	KUNIT_ASSERT_EQ(test, lumen_chan_send(chan, out, len, id, true), 0);
	KUNIT_ASSERT_EQ(test, echo_recv_on(chan, in, &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.trans_id, id);
	KUNIT_ASSERT_GE(test, pkt.len, len);
	KUNIT_EXPECT_MEMEQ(test, pkt.data, out, len);
}

/*
 * The 16-bit len8 field bounds every packet at 524,280 bytes: a longer
 * in-band or GPA-direct packet is refused with -EMSGSIZE before anything
 * reaches the ring (the rings here are large enough to take it), and the
 * channel still carries round trips afterwards.
 */
static void chan_send_len8_limit(struct kunit *test)
{
	const u32 max = U16_MAX * 8;
	const u32 gpa_desc = sizeof(struct vmbus_pkt_gpa_direct) +
			     sizeof(struct vmbus_pkt_gpa_range) + sizeof(u64);
	struct lumen_chan_range range = { .len = 1, .npfn = 1 };
	u64 pfn;
	u8 *big;

	KUNIT_ASSERT_NOT_NULL(test, echo_dev);
	big = vzalloc(max);
	KUNIT_ASSERT_NOT_NULL(test, big);
	pfn = vmalloc_to_pfn(big);
	range.pfns = &pfn;
	KUNIT_ASSERT_EQ(test, lumen_chan_open(echo_dev->chan, SZ_1M, SZ_1M,
					      NULL, 0, echo_callback, NULL), 0);
	echo_open_now = true;
	KUNIT_EXPECT_EQ(test, lumen_chan_send(echo_dev->chan, big,
					      max - sizeof(struct vmbus_pkt_desc) + 1,
					      1, true), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, lumen_chan_send_gpa(echo_dev->chan, &range, 1,
						  big, max - gpa_desc + 1, 2),
			-EMSGSIZE);
	echo_round_trip(test, echo_dev->chan, 64, 3);
	echo_close();
	vfree(big);
}

/*
 * Sub-channels on request: offered with the primary's GUIDs, delivered to
 * the driver's sub_channel callback, each opened and echoing on its own.
 */
static void chan_subchannel_echo(struct kunit *test)
{
	char cmd[32];
	int i, n;

	echo_open(test);
	snprintf(cmd, sizeof(cmd), "'%u 2'", lumen_chan_relid(echo_dev->chan));
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("subchannels", cmd), 0);
	wait_event_timeout(echo_wq, atomic_read(&echo_nsubs) >= 2,
			   ECHO_TIMEOUT);
	n = atomic_read(&echo_nsubs);
	KUNIT_ASSERT_EQ(test, n, 2);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_NE(test, lumen_chan_relid(echo_subs[i]),
				lumen_chan_relid(echo_dev->chan));
		KUNIT_ASSERT_EQ(test, lumen_chan_open(echo_subs[i], ECHO_RING,
						      ECHO_RING, NULL, 0,
						      echo_callback, NULL), 0);
	}
	for (i = 0; i < n; i++) {
		char path[160];

		snprintf(path, sizeof(path),
			 "test -r /sys/bus/vmbus/devices/%s/channels/%u/sub_index",
			 dev_name(&echo_dev->dev), lumen_chan_relid(echo_subs[i]));
		KUNIT_EXPECT_EQ(test, echo_shell(path), 0);
		echo_round_trip(test, echo_subs[i], 100 + i, 10 + i);
	}
	echo_round_trip(test, echo_dev->chan, 64, 1);
	for (i = 0; i < n; i++)
		lumen_chan_close(echo_subs[i]);
	echo_close();
}

static bool echo_stalled;

/*
 * The host stops draining (hvsim's stall fault): the guest's ring fills and
 * sends fail with -EAGAIN. Once the host resumes, every request is
 * answered in order, although the replies overrun the host's ring: the
 * host waits on pending_send_sz and the guest's reads signal it.
 */
static void chan_stall_fills_ring(struct kunit *test)
{
	struct lumen_chan_pkt pkt;
	u32 n = 0, got;
	char relid[16];
	u8 *out, *in;
	int ret;

	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	out = kunit_kzalloc(test, 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, out);
	echo_open(test);
	snprintf(relid, sizeof(relid), "%u", lumen_chan_relid(echo_dev->chan));
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("faults/stall", relid), 0);
	echo_stalled = true;
	while ((ret = lumen_chan_send(echo_dev->chan, out, 512, n + 1,
				      true)) == 0)
		n++;
	KUNIT_EXPECT_EQ(test, ret, -EAGAIN);
	KUNIT_EXPECT_GT(test, n, 100);

	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("faults/stall", "0"), 0);
	echo_stalled = false;
	for (got = 0; got < n; got++)
		if (echo_recv(in, &pkt) || pkt.trans_id != got + 1)
			break;
	KUNIT_EXPECT_EQ(test, got, n);
	echo_close();
}

/*
 * Rescind races: senders and the receive callback inside a sub-channel
 * while the host rescinds it and the core closes it by itself (the driver
 * keeps the handle). Each round opens a fresh sub-channel, starts
 * ECHO_RACE_SENDERS threads that send until the channel is closed, and
 * has the host rescind it under them; the callback drains the replies.
 * Under KASAN a sender or callback that touched freed ring pages reports;
 * each sender must end on -ENOTCONN (closed) and never on anything else.
 */
#define ECHO_RACE_ROUNDS	150
#define ECHO_RACE_SENDERS	2
#define ECHO_RACE_RING		(4 * PAGE_SIZE)

struct echo_racer {
	struct lumen_chan *chan;
	struct completion done;
	u64 sent;
	int last;
};

static u8 echo_race_rx[ECHO_BUF];

/* The sub-channel's callback: drain every reply (one tasklet at a time). */
static void echo_race_callback(void *ctx)
{
	struct lumen_chan *chan = ctx;
	struct lumen_chan_pkt pkt;

	while (!lumen_chan_recv(chan, echo_race_rx, sizeof(echo_race_rx),
				&pkt))
		;
	lumen_chan_recv_done(chan);
}

static int echo_race_sender(void *arg)
{
	unsigned long deadline = jiffies + 2 * ECHO_TIMEOUT;
	struct echo_racer *r = arg;
	u8 out[128];
	int ret;

	memset(out, 0x5a, sizeof(out));
	do {
		ret = lumen_chan_send(r->chan, out, sizeof(out), r->sent + 1,
				      true);
		if (!ret)
			r->sent++;
		cond_resched();
	} while ((!ret || ret == -EAGAIN || ret == -ENODEV) &&
		 time_before(jiffies, deadline));
	r->last = ret;
	kthread_complete_and_exit(&r->done, 0);
}

static void chan_rescind_races_senders(struct kunit *test)
{
	struct echo_racer *racers;
	char cmd[32], relid[16];
	struct lumen_chan *sub;
	unsigned int round, i;
	u64 sent = 0;

	racers = kunit_kcalloc(test, ECHO_RACE_SENDERS, sizeof(*racers),
			       GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, racers);
	echo_open(test);
	snprintf(cmd, sizeof(cmd), "'%u 1'", lumen_chan_relid(echo_dev->chan));
	WRITE_ONCE(echo_racing, true);
	for (round = 0; round < ECHO_RACE_ROUNDS; round++) {
		WRITE_ONCE(echo_race_sub, NULL);
		KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("subchannels", cmd), 0);
		/* Acquire: pairs with the release in echo_sub_channel(). */
		wait_event_timeout(echo_wq, smp_load_acquire(&echo_race_sub),
				   ECHO_TIMEOUT);
		/* Acquire: as above. */
		sub = smp_load_acquire(&echo_race_sub);
		KUNIT_ASSERT_NOT_NULL(test, sub);
		KUNIT_ASSERT_EQ(test, lumen_chan_open(sub, ECHO_RACE_RING,
						      ECHO_RACE_RING, NULL, 0,
						      echo_race_callback, sub),
				0);
		for (i = 0; i < ECHO_RACE_SENDERS; i++) {
			struct task_struct *t;

			racers[i].chan = sub;
			racers[i].sent = 0;
			racers[i].last = 0;
			init_completion(&racers[i].done);
			t = kthread_run(echo_race_sender, &racers[i],
					"echo_race/%u", i);
			KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		}
		/* Vary where in the senders' loop the rescind lands. */
		usleep_range(100 * (round % 8), 100 * (round % 8) + 100);
		snprintf(relid, sizeof(relid), "%u", lumen_chan_relid(sub));
		KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("rescind", relid), 0);
		for (i = 0; i < ECHO_RACE_SENDERS; i++) {
			unsigned long left;

			left = wait_for_completion_timeout(&racers[i].done,
							   3 * ECHO_TIMEOUT);
			KUNIT_ASSERT_NE(test, left, 0);
			KUNIT_EXPECT_EQ(test, racers[i].last, -ENOTCONN);
			sent += racers[i].sent;
		}
		KUNIT_EXPECT_TRUE(test, lumen_chan_rescinded(sub));
	}
	WRITE_ONCE(echo_racing, false);
	KUNIT_EXPECT_GT(test, sent, (u64)ECHO_RACE_ROUNDS);
	echo_close();
}

/* A monitored (MNF) channel: the guest signals through monitor page 2. */
static void chan_mnf_echo(struct kunit *test)
{
	char cmd[160], relid[16];

	reinit_completion(&echo_probed2);
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("add_device", "'echo mnf'"), 0);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&echo_probed2,
							    ECHO_TIMEOUT));
	snprintf(cmd, sizeof(cmd),
		 "grep -qvx none /sys/bus/vmbus/devices/%s/monitor_id",
		 dev_name(&echo_dev2->dev));
	KUNIT_EXPECT_EQ(test, echo_shell(cmd), 0);
	KUNIT_ASSERT_EQ(test, lumen_chan_open(echo_dev2->chan, ECHO_RING,
					      ECHO_RING, NULL, 0,
					      echo_callback, NULL), 0);
	echo_round_trip(test, echo_dev2->chan, 200, 5);
	echo_round_trip(test, echo_dev2->chan, 4000, 6);

	reinit_completion(&echo_removed2);
	snprintf(relid, sizeof(relid), "%u", lumen_chan_relid(echo_dev2->chan));
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("rescind", relid), 0);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&echo_removed2,
							    ECHO_TIMEOUT));
}

/*
 * A driver whose probe opens its channel, for a device hot-added while the
 * driver is loaded: probe runs on the device workqueue, the open's
 * OPENCHANNEL_RESULT arrives on the message workqueue, so the open
 * succeeds at once instead of timing out.
 */
static void chan_probe_opens_channel(struct kunit *test)
{
	char relid[16];

	reinit_completion(&echo_probed2);
	WRITE_ONCE(echo_open_in_probe, true);
	echo_probe_open_ret = -EINPROGRESS;
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("add_device", "echo"), 0);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&echo_probed2,
							    ECHO_TIMEOUT));
	WRITE_ONCE(echo_open_in_probe, false);
	KUNIT_ASSERT_EQ(test, echo_probe_open_ret, 0);
	KUNIT_EXPECT_LT(test, echo_probe_open_jiffies, (unsigned long)HZ);
	echo_round_trip(test, echo_dev2->chan, 300, 7);

	reinit_completion(&echo_removed2);
	snprintf(relid, sizeof(relid), "%u", lumen_chan_relid(echo_dev2->chan));
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("rescind", relid), 0);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&echo_removed2,
							    ECHO_TIMEOUT));
}

/*
 * Rescind while open with packets in flight: the host stops, the device is
 * removed (its driver closes the channel, nothing is sent for it), and a
 * device hot-added afterwards works. Runs last: it replaces the device.
 */
static void chan_rescind_while_busy(struct kunit *test)
{
	struct lumen_chan_pkt pkt;
	char relid[16];
	u8 *out, *in;
	u32 n = 0;

	in = kunit_kmalloc(test, ECHO_BUF, GFP_KERNEL);
	out = kunit_kmalloc(test, 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, out);
	echo_open(test);
	memset(out, 0x3c, 512);
	while (n < 100000 &&
	       !lumen_chan_send(echo_dev->chan, out, 512, n + 1, true))
		n++;
	KUNIT_EXPECT_GT(test, n, 0);

	reinit_completion(&echo_removed);
	reinit_completion(&echo_probed);
	snprintf(relid, sizeof(relid), "%u", lumen_chan_relid(echo_dev->chan));
	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("rescind", relid), 0);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&echo_removed,
							    ECHO_TIMEOUT));
	KUNIT_EXPECT_NULL(test, echo_dev);

	KUNIT_ASSERT_EQ(test, echo_hvsim_ctl("add_device", "echo"), 0);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&echo_probed,
							    ECHO_TIMEOUT));
	echo_open(test);
	KUNIT_ASSERT_EQ(test, lumen_chan_send(echo_dev->chan, out, 8, 1, true),
			0);
	KUNIT_ASSERT_EQ(test, echo_recv(in, &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.trans_id, 1);
	echo_close();
}

/* After every case, even one that stopped at an assertion: close all. */
static void lumen_echo_case_exit(struct kunit *test)
{
	int i;

	if (echo_stalled)
		echo_hvsim_ctl("faults/stall", "0");
	echo_stalled = false;
	WRITE_ONCE(echo_racing, false);
	echo_hvsim_ctl("faults/post_fail", "0");
	echo_hvsim_ctl("faults/reorder", "0");
	for (i = 0; i < atomic_read(&echo_nsubs); i++)
		lumen_chan_close(echo_subs[i]);
	if (echo_dev2)
		lumen_chan_close(echo_dev2->chan);
	if (echo_dev && echo_open_now)
		echo_close();
}

static int lumen_echo_suite_init(struct kunit_suite *suite)
{
	int ret = lumen_vmbus_driver_register(&echo_driver);

	if (ret)
		return ret;
	if (!wait_for_completion_timeout(&echo_probed, 5 * HZ)) {
		lumen_vmbus_driver_unregister(&echo_driver);
		return -ENODEV;
	}
	return 0;
}

static void lumen_echo_suite_exit(struct kunit_suite *suite)
{
	lumen_vmbus_driver_unregister(&echo_driver);
}

static struct kunit_case lumen_vmbus_echo_cases[] = {
	KUNIT_CASE(chan_open_close_repeats),
	KUNIT_CASE(chan_send_inband_sizes),
	KUNIT_CASE_SLOW(chan_send_10000_checked),
	KUNIT_CASE(chan_send_gpa_read_sizes),
	KUNIT_CASE(chan_send_gpa_fill_sizes),
	KUNIT_CASE(chan_send_len8_limit),
	KUNIT_CASE(chan_gpadl_sizes),
	KUNIT_CASE(chan_gpadl_body_post_fails),
	KUNIT_CASE(chan_polling_mode),
	KUNIT_CASE(chan_recv_oversized_breaks_channel),
	KUNIT_CASE(chan_retarget_cpu),
	KUNIT_CASE_SLOW(chan_retarget_beside_hotplug_and_offer),
	KUNIT_CASE(chan_subchannel_echo),
	KUNIT_CASE(chan_stall_fills_ring),
	KUNIT_CASE_SLOW(chan_rescind_races_senders),
	KUNIT_CASE(chan_mnf_echo),
	KUNIT_CASE(chan_probe_opens_channel),
	KUNIT_CASE(chan_rescind_while_busy),
	{}
};

static struct kunit_suite lumen_vmbus_echo_suite = {
	.name = "lumen_vmbus_echo",
	.suite_init = lumen_echo_suite_init,
	.suite_exit = lumen_echo_suite_exit,
	.exit = lumen_echo_case_exit,
	.test_cases = lumen_vmbus_echo_cases,
};

kunit_test_suite(lumen_vmbus_echo_suite);

MODULE_DESCRIPTION("KUnit: VMBus channels end to end against hvsim's echo device");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(LUMEN);
