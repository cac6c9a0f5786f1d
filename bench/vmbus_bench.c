// SPDX-License-Identifier: GPL-2.0
/*
 * lumen_vmbus_bench: the VMBus core benchmark. Loaded in the VM after
 * hv_vmbus and hvsim; prints its figures to the kernel log and stays loaded
 * until removed. All figures come from the same boot:
 *
 *   echo round trips per second, 64 B, 1 KiB and 4 KiB in-band packets,
 *   through hv_vmbus and hvsim's echo device (one packet in flight);
 *   one-way ring throughput: 4 KiB packets written and read through the
 *   ring code on a 1 MiB double-mapped ring, in GB/s;
 *   the baseline: memcpy() of the same bytes, in GB/s;
 *   and the ratio of the two.
 *
 * A benchmark, not a test: it asserts nothing.
 */
#define pr_fmt(fmt) "lumen_bench: " fmt

#include <linux/completion.h>
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include <lumen/ring.h>
#include <lumen/vmbus.h>
#include <proto/echo.h>
#include <proto/vmbus_ring.h>

#define BENCH_RING_PAGES	256	/* 1 MiB data area */
#define BENCH_BYTES		(256ULL << 20)
#define BENCH_RT_SECONDS	2

static struct lumen_vmbus_device *bench_dev;
static DECLARE_COMPLETION(bench_probed);
static DECLARE_WAIT_QUEUE_HEAD(bench_wq);

static void bench_callback(void *ctx)
{
	wake_up(&bench_wq);
}

static int bench_probe(struct lumen_vmbus_device *dev,
		       const struct hv_vmbus_device_id *id)
{
	if (bench_dev)
		return -EBUSY;
	bench_dev = dev;
	complete(&bench_probed);
	return 0;
}

static void bench_remove(struct lumen_vmbus_device *dev)
{
	if (dev == bench_dev)
		bench_dev = NULL;
}

static const struct hv_vmbus_device_id bench_ids[] = {
	{ .guid = LUMEN_GUID_ECHO },
	{ },
};

static struct lumen_vmbus_driver bench_driver = {
	.name = "lumen_vmbus_bench",
	.id_table = bench_ids,
	.probe = bench_probe,
	.remove = bench_remove,
};

/* Wait up to a second for the next packet. */
static int bench_recv(struct lumen_chan *chan, void *buf,
		      struct lumen_chan_pkt *pkt)
{
	u32 len = LUMEN_ECHO_MAX_PACKET + 64;
	int ret = -ENODATA;

	wait_event_timeout(bench_wq,
			   (ret = lumen_chan_recv(chan, buf, len, pkt)) !=
			   -ENODATA, HZ);
	lumen_chan_recv_done(chan);
	return ret;
}

/* Echo round trips of @size bytes for about BENCH_RT_SECONDS. */
static u64 bench_round_trips(struct lumen_chan *chan, u32 size, void *buf)
{
	struct lumen_chan_pkt pkt;
	ktime_t start = ktime_get(), end;
	u64 n = 0, ns;
	int ret;

	memset(buf, 0x5a, size);
	do {
		ret = lumen_chan_send(chan, buf, size, n + 1, true);
		if (ret)
			break;
		ret = bench_recv(chan, buf, &pkt);
		if (ret)
			break;
		n++;
		end = ktime_get();
	} while (ktime_ms_delta(end, start) < BENCH_RT_SECONDS * 1000);
	if (ret)
		pr_err("round trip of %u bytes failed: %d\n", size, ret);
	ns = ktime_to_ns(ktime_sub(ktime_get(), start));
	return ns ? div64_u64(n * NSEC_PER_SEC, ns) : 0;
}

static void bench_echo(void)
{
	static const u32 sizes[] = { 64, 1024, 4000 };
	struct lumen_chan *chan;
	unsigned int i;
	void *buf;

	if (!wait_for_completion_timeout(&bench_probed, 5 * HZ) || !bench_dev) {
		pr_err("no echo device: is hvsim loaded?\n");
		return;
	}
	chan = bench_dev->chan;
	buf = kmalloc(LUMEN_ECHO_MAX_PACKET + 64, GFP_KERNEL);
	if (!buf)
		return;
	if (lumen_chan_open(chan, 256 * 1024, 256 * 1024, NULL, 0,
			    bench_callback, NULL)) {
		pr_err("echo channel did not open\n");
		kfree(buf);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		pr_info("echo_round_trips_per_s size=%u value=%llu\n", sizes[i],
			bench_round_trips(chan, sizes[i], buf));
	lumen_chan_close(chan);
	kfree(buf);
}

/* GB/s with two decimals, as "G.GG". */
static void bench_gbps(char *out, size_t len, u64 bytes, u64 ns)
{
	u64 centi = ns ? div64_u64(bytes * 100, ns) : 0;

	snprintf(out, len, "%llu.%02llu", centi / 100, centi % 100);
}

static void bench_ring(void)
{
	struct page **pages, **twice;
	struct lumen_ring prod, cons;
	struct vmbus_ring_ctrl *ctrl;
	struct vmbus_pkt_desc desc = {
		.type = cpu_to_le16(VMBUS_PKT_DATA_INBAND),
		.offset8 = cpu_to_le16(2),
		.len8 = cpu_to_le16((16 + 4096) / 8),
	};
	struct lumen_ring_buf bufs[2];
	struct lumen_ring_pkt pkt;
	u64 moved = 0, ring_ns, copy_ns;
	char ring_s[24], copy_s[24];
	void *data = NULL, *src, *dst;
	unsigned int i;
	ktime_t t;
	bool sig;

	pages = kcalloc(BENCH_RING_PAGES, sizeof(*pages), GFP_KERNEL);
	twice = kcalloc(2 * BENCH_RING_PAGES, sizeof(*twice), GFP_KERNEL);
	ctrl = (void *)get_zeroed_page(GFP_KERNEL);
	src = kmalloc(4096, GFP_KERNEL);
	dst = kmalloc(4096 + 64, GFP_KERNEL);
	if (!pages || !twice || !ctrl || !src || !dst)
		goto out;
	for (i = 0; i < BENCH_RING_PAGES; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i])
			goto out;
	}
	for (i = 0; i < 2 * BENCH_RING_PAGES; i++)
		twice[i] = pages[i % BENCH_RING_PAGES];
	data = vmap(twice, 2 * BENCH_RING_PAGES, VM_MAP, PAGE_KERNEL);
	if (!data)
		goto out;
	if (lumen_ring_init(&prod, ctrl, data, BENCH_RING_PAGES * PAGE_SIZE,
			    true) ||
	    lumen_ring_init(&cons, ctrl, data, BENCH_RING_PAGES * PAGE_SIZE,
			    true))
		goto out;
	memset(src, 0xa5, 4096);
	bufs[0].data = &desc;
	bufs[0].len = sizeof(desc);
	bufs[1].data = src;
	bufs[1].len = 4096;

	t = ktime_get();
	while (moved < BENCH_BYTES) {
		/* Fill up to 128 packets, then drain them: one-way flow. */
		for (i = 0; i < 128 && !lumen_ring_write(&prod, bufs, 2, &sig);
		     i++)
			;
		while (!lumen_ring_peek(&cons, dst, 4096 + 64, &pkt)) {
			lumen_ring_advance(&cons, &pkt);
			moved += pkt.len;
		}
		lumen_ring_read_commit(&cons);
	}
	ring_ns = ktime_to_ns(ktime_sub(ktime_get(), t));

	t = ktime_get();
	for (i = 0; i < BENCH_BYTES / 4096; i++) {
		memcpy(dst, src, 4096);
		barrier();
	}
	copy_ns = ktime_to_ns(ktime_sub(ktime_get(), t));

	bench_gbps(ring_s, sizeof(ring_s), moved, ring_ns);
	bench_gbps(copy_s, sizeof(copy_s), BENCH_BYTES, copy_ns);
	pr_info("ring_one_way_gbps size=4096 value=%s\n", ring_s);
	pr_info("memcpy_gbps size=4096 value=%s\n", copy_s);
	pr_info("ring_vs_memcpy_percent size=4096 value=%llu\n",
		ring_ns ? div64_u64(moved * 100 * copy_ns,
				    BENCH_BYTES * ring_ns) : 0);
out:
	if (data)
		vunmap(data);
	for (i = 0; pages && i < BENCH_RING_PAGES; i++)
		if (pages[i])
			__free_page(pages[i]);
	kfree(pages);
	kfree(twice);
	free_page((unsigned long)ctrl);
	kfree(src);
	kfree(dst);
}

static int __init bench_init(void)
{
	int ret = lumen_vmbus_driver_register(&bench_driver);

	if (ret)
		return ret;
	bench_echo();
	bench_ring();
	pr_info("done\n");
	return 0;
}
module_init(bench_init);

static void __exit bench_exit(void)
{
	lumen_vmbus_driver_unregister(&bench_driver);
}
module_exit(bench_exit);

MODULE_DESCRIPTION("Lumen VMBus benchmark (echo round trips, ring throughput)");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(LUMEN);
