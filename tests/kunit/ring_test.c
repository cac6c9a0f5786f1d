// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite lumen_vmbus_ring: the VMBus ring (lib/ring.c) in kernel
 * context, with a producer view and a consumer view of one ring. The data
 * area is kmalloc'd to its exact size (KASAN catches a copy that runs off
 * the end instead of wrapping) or, for the double-mapped cases, one set of
 * pages vmap'd twice back to back as hv_vmbus maps a real ring. Tables of
 * malformed indices and descriptors assert the exact errno.
 *
 * The module carries its own copy of the pure code and exports nothing.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "../../lib/ring.c"
#include "ring_cases.h"

#define RING_T_PAGES	2
#define RING_T_SIZE	(RING_T_PAGES * PAGE_SIZE)
#define RING_T_BUF	1024

/**
 * struct ring_t - one ring in test memory, seen by both ends
 * @ctrl: control page.
 * @data: data area (first mapping).
 * @size: data area size.
 * @pages: backing pages when double-mapped, else NULL.
 * @dbl: @data is the same pages mapped twice back to back.
 * @prod: the producer's view.
 * @cons: the consumer's view.
 */
struct ring_t {
	struct vmbus_ring_ctrl *ctrl;
	u8 *data;
	u32 size;
	struct page *pages[RING_T_PAGES];
	bool dbl;
	struct lumen_ring prod;
	struct lumen_ring cons;
};

static void ring_t_exit(void *arg)
{
	struct ring_t *tr = arg;
	int i;

	if (!tr->dbl)
		return;
	if (tr->data)
		vunmap(tr->data);
	for (i = 0; i < RING_T_PAGES; i++)
		if (tr->pages[i])
			__free_page(tr->pages[i]);
}

static struct ring_t *ring_t_new(struct kunit *test, u32 size, bool dbl)
{
	struct page *map[2 * RING_T_PAGES];
	struct ring_t *tr;
	int i;

	tr = kunit_kzalloc(test, sizeof(*tr), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tr);
	tr->ctrl = kunit_kzalloc(test, sizeof(*tr->ctrl), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tr->ctrl);
	tr->size = size;
	tr->dbl = dbl;
	if (dbl) {
		KUNIT_ASSERT_EQ(test, size, (u32)RING_T_SIZE);
		KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, ring_t_exit,
								tr), 0);
		for (i = 0; i < RING_T_PAGES; i++) {
			tr->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
			KUNIT_ASSERT_NOT_NULL(test, tr->pages[i]);
			map[i] = tr->pages[i];
			map[i + RING_T_PAGES] = tr->pages[i];
		}
		tr->data = vmap(map, ARRAY_SIZE(map), VM_MAP, PAGE_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, tr->data);
	} else {
		tr->data = kunit_kzalloc(test, size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, tr->data);
	}
	KUNIT_ASSERT_EQ(test, lumen_ring_init(&tr->prod, tr->ctrl, tr->data,
					      size, dbl), 0);
	KUNIT_ASSERT_EQ(test, lumen_ring_init(&tr->cons, tr->ctrl, tr->data,
					      size, dbl), 0);
	return tr;
}

/* Put both shared and private indices at @idx: an empty ring there. */
static void ring_t_seek(struct ring_t *tr, u32 idx)
{
	tr->ctrl->write_index = cpu_to_le32(idx);
	tr->ctrl->read_index = cpu_to_le32(idx);
	tr->prod.priv_write = idx;
	tr->cons.priv_read = idx;
	tr->cons.batch_start = idx;
}

static u8 ring_t_byte(u64 seq, u32 k)
{
	return (u8)(seq * 31 + k * 7 + 1);
}

static void ring_t_desc(struct vmbus_pkt_desc *d, u16 type, u16 off8,
			u16 len8, u16 flags, u64 id)
{
	d->type = cpu_to_le16(type);
	d->offset8 = cpu_to_le16(off8);
	d->len8 = cpu_to_le16(len8);
	d->flags = cpu_to_le16(flags);
	d->trans_id = cpu_to_le64(id);
}

/* An in-band packet with payload ring_t_byte(seq, 0 .. plen - 1). */
static int ring_t_send(struct kunit *test, struct lumen_ring *p, u64 seq,
		       u32 plen, bool *signal)
{
	struct vmbus_pkt_desc d;
	struct lumen_ring_buf b[2];
	u8 *payload;
	u32 k;
	int err;

	payload = kunit_kmalloc(test, max(plen, 1u), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, payload);
	for (k = 0; k < plen; k++)
		payload[k] = ring_t_byte(seq, k);
	ring_t_desc(&d, VMBUS_PKT_DATA_INBAND, 2, (16 + plen + 7) / 8,
		    VMBUS_PKT_FLAG_COMPLETION_REQUESTED, seq);
	b[0].data = &d;
	b[0].len = sizeof(d);
	b[1].data = payload;
	b[1].len = plen;
	err = lumen_ring_write(p, b, 2, signal);
	kunit_kfree(test, payload);
	return err;
}

static u32 ring_t_rand(u32 *seed)
{
	*seed = *seed * 1103515245 + 12345;
	return *seed >> 8;
}

/* Receive, check and step over the packet ring_t_send(seq, plen) wrote. */
static int ring_t_recv(struct kunit *test, struct lumen_ring *c, u64 seq,
		       u32 plen)
{
	struct lumen_ring_pkt pkt;
	u32 k, bad = 0;
	u8 *buf;
	int err;

	buf = kunit_kmalloc(test, RING_T_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	err = lumen_ring_peek(c, buf, RING_T_BUF, &pkt);
	if (err) {
		kunit_kfree(test, buf);
		return err;
	}
	KUNIT_EXPECT_EQ(test, pkt.type, VMBUS_PKT_DATA_INBAND);
	KUNIT_EXPECT_EQ(test, pkt.flags, VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	KUNIT_EXPECT_EQ(test, pkt.trans_id, seq);
	KUNIT_EXPECT_EQ(test, pkt.offset, 16);
	KUNIT_EXPECT_EQ(test, pkt.len, ALIGN(plen, 8));
	KUNIT_EXPECT_EQ(test, pkt.ring_len, 16 + ALIGN(plen, 8) + 8);
	for (k = 0; k < pkt.len && pkt.offset + k < RING_T_BUF; k++)
		if (buf[pkt.offset + k] != (k < plen ? ring_t_byte(seq, k) : 0))
			bad++;
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, lumen_ring_advance(c, &pkt), 0);
	kunit_kfree(test, buf);
	return 0;
}

/* Bad data area sizes for lumen_ring_init(). */
static const u32 ring_t_bad_sizes[] = { 0, 8, 24, 33, 36, 100, 0xffffffff };

static void ring_t_size_desc(const u32 *size, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "size_%u", *size);
}

KUNIT_ARRAY_PARAM(ring_t_bad_size, ring_t_bad_sizes, ring_t_size_desc);

static void lumen_ring_init_rejects_bad_size(struct kunit *test)
{
	const u32 *size = test->param_value;
	struct vmbus_ring_ctrl *ctrl = NULL;
	struct lumen_ring r;
	u8 data[8];

	KUNIT_EXPECT_EQ(test, lumen_ring_init(&r, ctrl, data, *size, false),
			-EINVAL);
}

static void lumen_ring_peek_empty_ring(struct kunit *test)
{
	struct ring_t *tr = ring_t_new(test, 256, false);
	struct lumen_ring_pkt pkt;
	u8 buf[32];

	KUNIT_EXPECT_EQ(test, lumen_ring_peek(&tr->cons, buf, sizeof(buf), &pkt),
			-ENODATA);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_read(&tr->cons), 0);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_write(&tr->prod), 256);
	KUNIT_EXPECT_FALSE(test, lumen_ring_intr_unmask(&tr->cons));
	KUNIT_EXPECT_FALSE(test, lumen_ring_read_commit(&tr->cons));
}

static void ring_t_round_trip(struct kunit *test, bool dbl)
{
	static const u8 ext[8] = { 0xca, 0xfe, 1 };
	static const u8 body[13] = "hello, vmbus";
	struct ring_t *tr = ring_t_new(test, RING_T_SIZE, dbl);
	struct vmbus_pkt_desc d;
	struct lumen_ring_buf b[3] = {
		{ &d, sizeof(d) }, { ext, sizeof(ext) }, { body, sizeof(body) },
	};
	struct vmbus_pkt_trailer trl;
	struct lumen_ring_pkt pkt;
	bool signal;
	u8 buf[64];

	/* Start 24 bytes before the end: descriptor, extension and body wrap. */
	ring_t_seek(tr, tr->size - 24);
	ring_t_desc(&d, VMBUS_PKT_DATA_XFER_PAGES, 3, 5, 0, 0x1122334455667788ULL);
	KUNIT_ASSERT_EQ(test, lumen_ring_write(&tr->prod, b, 3, &signal), 0);
	KUNIT_EXPECT_TRUE(test, signal);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(tr->ctrl->write_index), 24);
	KUNIT_EXPECT_MEMEQ(test, tr->data + tr->size - 24, &d, 16);
	KUNIT_EXPECT_MEMEQ(test, tr->data + tr->size - 8, ext, 8);
	KUNIT_EXPECT_MEMEQ(test, tr->data, body, 13);
	memcpy(&trl, tr->data + 16, sizeof(trl));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(trl.reserved), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(trl.start_offset), tr->size - 24);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_read(&tr->cons), 48);

	KUNIT_ASSERT_EQ(test, lumen_ring_peek(&tr->cons, buf, sizeof(buf), &pkt),
			0);
	KUNIT_EXPECT_EQ(test, pkt.type, VMBUS_PKT_DATA_XFER_PAGES);
	KUNIT_EXPECT_EQ(test, pkt.trans_id, 0x1122334455667788ULL);
	KUNIT_EXPECT_EQ(test, pkt.offset, 24);
	KUNIT_EXPECT_EQ(test, pkt.len, 16);
	KUNIT_EXPECT_EQ(test, pkt.ring_len, 48);
	KUNIT_EXPECT_MEMEQ(test, buf, &d, 16);
	KUNIT_EXPECT_MEMEQ(test, buf + 16, ext, 8);
	KUNIT_EXPECT_MEMEQ(test, buf + 24, body, 13);
	KUNIT_EXPECT_EQ(test, lumen_ring_advance(&tr->cons, &pkt), 0);
	KUNIT_EXPECT_EQ(test, tr->cons.priv_read, 24);
	KUNIT_EXPECT_EQ(test, lumen_ring_peek(&tr->cons, buf, sizeof(buf), &pkt),
			-ENODATA);
	KUNIT_EXPECT_FALSE(test, lumen_ring_read_commit(&tr->cons));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(tr->ctrl->read_index), 24);
}

static void lumen_ring_write_round_trip_wraps(struct kunit *test)
{
	ring_t_round_trip(test, false);
}

static void lumen_ring_write_round_trip_double_mapped(struct kunit *test)
{
	ring_t_round_trip(test, true);
}

/* A packet starting at every 8-byte boundary of the last 96 bytes. */
static void ring_t_wrap(struct kunit *test, bool dbl)
{
	struct ring_t *tr = ring_t_new(test, RING_T_SIZE, dbl);
	u32 start, plen, k, bad = 0;
	u64 seq = 0;

	for (start = tr->size - 96; start < tr->size; start += 8) {
		for (plen = 0; plen <= 104; plen += 5) {
			u32 ring_len = 16 + ALIGN(plen, 8) + 8;
			u32 end = (start + ring_len) % tr->size;
			bool signal;

			ring_t_seek(tr, start);
			memset(tr->data, 0xee, tr->size);
			seq++;
			KUNIT_ASSERT_EQ(test, ring_t_send(test, &tr->prod, seq, plen,
							  &signal), 0);
			KUNIT_EXPECT_TRUE(test, signal);
			KUNIT_EXPECT_EQ(test, le32_to_cpu(tr->ctrl->write_index),
					end);
			for (k = 0; k < plen; k++)
				if (tr->data[(start + 16 + k) % tr->size] !=
				    ring_t_byte(seq, k))
					bad++;
			for (k = ring_len; k < tr->size; k++)
				if (tr->data[(start + k) % tr->size] != 0xee)
					bad++;
			if (dbl && memcmp(tr->data, tr->data + tr->size,
					  tr->size))
				bad++;
			KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, seq,
							  plen), 0);
			KUNIT_EXPECT_EQ(test, tr->cons.priv_read, end);
		}
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

static void lumen_ring_peek_wraps_at_every_boundary(struct kunit *test)
{
	ring_t_wrap(test, false);
}

static void lumen_ring_peek_wraps_double_mapped(struct kunit *test)
{
	ring_t_wrap(test, true);
}

static void lumen_ring_write_refuses_exactly_full(struct kunit *test)
{
	struct ring_t *tr = ring_t_new(test, 64, false);
	bool signal;

	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 1, 40, &signal), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 1, 0, &signal), 0);
	/* Free 40 == 16 + 16 + 8: refused; 32 fits and leaves 8. */
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 2, 16, &signal), -EAGAIN);
	KUNIT_EXPECT_FALSE(test, signal);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 2, 8, &signal), 0);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_write(&tr->prod), 8);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 1, 0), 0);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 3, 0, &signal), -EAGAIN);
	lumen_ring_read_commit(&tr->cons);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 3, 0, &signal), 0);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 2, 8), 0);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 3, 0), 0);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 4, 0), -ENODATA);
}

static void ring_t_interleave(struct kunit *test, bool dbl)
{
	struct ring_t *tr = ring_t_new(test, RING_T_SIZE, dbl);
	u32 *lens, seed = 0x1234567, burst, i, rounds = 0;
	u64 sent = 0, got = 0;
	bool signal;

	lens = kunit_kcalloc(test, 1024, sizeof(*lens), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, lens);
	tr->ctrl->feature_bits = cpu_to_le32(VMBUS_RING_FEAT_PENDING_SEND_SZ);
	while (got < 1500 && ++rounds < 100000) {
		burst = ring_t_rand(&seed) % 16;
		for (i = 0; i < burst && sent < 1500; i++) {
			u32 plen = ring_t_rand(&seed) % 700;

			if (ring_t_send(test, &tr->prod, sent, plen, &signal))
				break;
			lens[sent % 1024] = plen;
			sent++;
		}
		burst = ring_t_rand(&seed) % 16;
		for (i = 0; i < burst && got < sent; i++) {
			if (ring_t_recv(test, &tr->cons, got, lens[got % 1024]))
				break;
			got++;
		}
		if (ring_t_rand(&seed) % 3 == 0 || i == 0)
			lumen_ring_read_commit(&tr->cons);
	}
	KUNIT_EXPECT_EQ(test, got, 1500);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, got, 0), -ENODATA);
}

static void lumen_ring_write_interleaves_many(struct kunit *test)
{
	ring_t_interleave(test, false);
}

static void lumen_ring_write_interleaves_double_mapped(struct kunit *test)
{
	ring_t_interleave(test, true);
}

static void lumen_ring_write_signals_empty_to_non_empty(struct kunit *test)
{
	struct ring_t *tr = ring_t_new(test, 1024, false);
	bool signal;

	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 1, 8, &signal), 0);
	KUNIT_EXPECT_TRUE(test, signal);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 2, 8, &signal), 0);
	KUNIT_EXPECT_FALSE(test, signal);
	/* Consumed but not published: not empty for the producer. */
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 1, 8), 0);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 2, 8), 0);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 3, 8, &signal), 0);
	KUNIT_EXPECT_FALSE(test, signal);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 3, 8), 0);
	lumen_ring_read_commit(&tr->cons);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 4, 8, &signal), 0);
	KUNIT_EXPECT_TRUE(test, signal);
}

static void lumen_ring_intr_unmask_sees_masked_packet(struct kunit *test)
{
	struct ring_t *tr = ring_t_new(test, 1024, false);
	bool signal;

	lumen_ring_intr_mask(&tr->cons);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(tr->ctrl->interrupt_mask), 1);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 1, 8, &signal), 0);
	KUNIT_EXPECT_FALSE(test, signal);
	KUNIT_EXPECT_TRUE(test, lumen_ring_intr_unmask(&tr->cons));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(tr->ctrl->interrupt_mask), 0);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 1, 8), 0);
	lumen_ring_read_commit(&tr->cons);
	KUNIT_EXPECT_FALSE(test, lumen_ring_intr_unmask(&tr->cons));
}

static void ring_t_pend_desc(const struct ring_t_pend *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ring_t_pend, ring_t_pend_cases, ring_t_pend_desc);

static void lumen_ring_read_commit_pending_send(struct kunit *test)
{
	const struct ring_t_pend *c = test->param_value;
	struct ring_t *tr = ring_t_new(test, 4096, false);

	/* Published read index 0, consumed up to b, used = w - b. */
	tr->ctrl->write_index = cpu_to_le32((c->b + 4096 - c->f) % 4096);
	tr->cons.priv_read = c->b;
	tr->ctrl->feature_bits = cpu_to_le32(c->feat);
	tr->ctrl->pending_send_sz = cpu_to_le32(c->p);
	KUNIT_EXPECT_EQ(test, lumen_ring_read_commit(&tr->cons), c->signal);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(tr->ctrl->read_index), c->b);
	KUNIT_EXPECT_EQ(test, tr->cons.batch_start, c->b);
	KUNIT_EXPECT_FALSE(test, lumen_ring_read_commit(&tr->cons));
}

static void lumen_ring_read_commit_corrupt_write_index(struct kunit *test)
{
	struct ring_t *tr = ring_t_new(test, 4096, false);

	tr->cons.priv_read = 304;
	tr->ctrl->write_index = cpu_to_le32(5);
	tr->ctrl->feature_bits = cpu_to_le32(RING_T_FEAT);
	tr->ctrl->pending_send_sz = cpu_to_le32(200);
	KUNIT_EXPECT_FALSE(test, lumen_ring_read_commit(&tr->cons));
}

static void lumen_ring_set_pending_send_wakes_producer(struct kunit *test)
{
	struct ring_t *tr = ring_t_new(test, 128, false);
	bool signal;

	tr->ctrl->feature_bits = cpu_to_le32(RING_T_FEAT);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 1, 40, &signal), 0);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 2, 16, &signal), 0);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 3, 40, &signal), -EAGAIN);
	lumen_ring_set_pending_send(&tr->prod, 64);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(tr->ctrl->pending_send_sz), 64);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 1, 40), 0);
	KUNIT_EXPECT_TRUE(test, lumen_ring_read_commit(&tr->cons));
	lumen_ring_set_pending_send(&tr->prod, 0);
	KUNIT_EXPECT_EQ(test, ring_t_send(test, &tr->prod, 3, 40, &signal), 0);
	KUNIT_EXPECT_EQ(test, ring_t_recv(test, &tr->cons, 2, 16), 0);
	KUNIT_EXPECT_FALSE(test, lumen_ring_read_commit(&tr->cons));
}

static void ring_t_peek_desc(const struct ring_t_peek *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ring_t_peek, ring_t_peek_cases, ring_t_peek_desc);

static void lumen_ring_peek_rejects_malformed(struct kunit *test)
{
	const struct ring_t_peek *c = test->param_value;
	struct ring_t *tr = ring_t_new(test, 256, false);
	struct lumen_ring_pkt pkt;
	struct vmbus_pkt_desc d;
	u8 *buf;

	memset(tr->data, 0x5a, tr->size);
	ring_t_desc(&d, VMBUS_PKT_COMP, c->off8, c->len8, 0, 42);
	memcpy(tr->data, &d, sizeof(d));
	tr->ctrl->write_index = cpu_to_le32(c->wr);
	/* Exact-size buffer: KASAN catches an overrun. */
	buf = kunit_kmalloc(test, max(c->buflen, 1u), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(&pkt, 0xa5, sizeof(pkt));
	KUNIT_EXPECT_EQ(test, lumen_ring_peek(&tr->cons, buf, c->buflen, &pkt),
			c->err);
	if (!c->err) {
		KUNIT_EXPECT_EQ(test, pkt.offset, c->off8 * 8u);
		KUNIT_EXPECT_EQ(test, pkt.offset + pkt.len, c->len8 * 8u);
		KUNIT_EXPECT_EQ(test, pkt.ring_len, c->len8 * 8u + 8);
		KUNIT_EXPECT_EQ(test, pkt.trans_id, 42);
	} else {
		KUNIT_EXPECT_EQ(test, pkt.ring_len, 0xa5a5a5a5);
	}
	KUNIT_EXPECT_EQ(test, tr->cons.priv_read, 0);
}

static void ring_t_write_desc(const struct ring_t_write *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ring_t_write, ring_t_write_cases, ring_t_write_desc);

static void lumen_ring_write_rejects_bad(struct kunit *test)
{
	const struct ring_t_write *c = test->param_value;
	struct ring_t *tr = ring_t_new(test, 256, false);
	u8 *piece = kunit_kzalloc(test, 256, GFP_KERNEL);
	struct lumen_ring_buf b[2];
	bool signal = true;
	int err;

	KUNIT_ASSERT_NOT_NULL(test, piece);
	/* Huge lengths point nowhere: they must be refused before a copy. */
	b[0].data = c->len0 <= 256 ? piece : NULL;
	b[0].len = c->len0;
	b[1].data = c->len1 <= 256 ? piece : NULL;
	b[1].len = c->len1;
	tr->ctrl->read_index = cpu_to_le32(c->rd);
	err = lumen_ring_write(&tr->prod, b, c->nbufs, &signal);
	KUNIT_EXPECT_EQ(test, err, c->err);
	if (err) {
		KUNIT_EXPECT_FALSE(test, signal);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(tr->ctrl->write_index), 0);
		KUNIT_EXPECT_EQ(test, tr->prod.priv_write, 0);
	}
}

/* ring_len values lumen_ring_advance() must refuse on a 256-byte ring. */
static const u32 ring_t_bad_advances[] = {
	0, 8, 16, 20, 36, 256, 264, 0xfffffff8,
};

static void ring_t_advance_desc(const u32 *len, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "ring_len_%u", *len);
}

KUNIT_ARRAY_PARAM(ring_t_bad_advance, ring_t_bad_advances, ring_t_advance_desc);

static void lumen_ring_advance_rejects_bad_length(struct kunit *test)
{
	struct ring_t *tr = ring_t_new(test, 256, false);
	struct lumen_ring_pkt pkt = { .ring_len = *(const u32 *)test->param_value };

	ring_t_seek(tr, 200);
	KUNIT_EXPECT_EQ(test, lumen_ring_advance(&tr->cons, &pkt), -EINVAL);
	KUNIT_EXPECT_EQ(test, tr->cons.priv_read, 200);
	pkt.ring_len = 248;
	KUNIT_EXPECT_EQ(test, lumen_ring_advance(&tr->cons, &pkt), 0);
	KUNIT_EXPECT_EQ(test, tr->cons.priv_read, 192);
}

static void lumen_ring_bytes_to_read_corrupt_indices(struct kunit *test)
{
	struct ring_t *tr = ring_t_new(test, 256, false);

	tr->ctrl->write_index = cpu_to_le32(16);
	tr->ctrl->read_index = cpu_to_le32(200);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_read(&tr->cons), 72);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_write(&tr->prod), 184);
	tr->ctrl->write_index = cpu_to_le32(256);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_read(&tr->cons), 0);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_write(&tr->prod), 0);
	tr->ctrl->write_index = cpu_to_le32(16);
	tr->ctrl->read_index = cpu_to_le32(201);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_read(&tr->cons), 0);
	KUNIT_EXPECT_EQ(test, lumen_ring_bytes_to_write(&tr->prod), 0);
}

static struct kunit_case lumen_vmbus_ring_cases[] = {
	KUNIT_CASE_PARAM(lumen_ring_init_rejects_bad_size,
			 ring_t_bad_size_gen_params),
	KUNIT_CASE(lumen_ring_peek_empty_ring),
	KUNIT_CASE(lumen_ring_write_round_trip_wraps),
	KUNIT_CASE(lumen_ring_write_round_trip_double_mapped),
	KUNIT_CASE(lumen_ring_peek_wraps_at_every_boundary),
	KUNIT_CASE(lumen_ring_peek_wraps_double_mapped),
	KUNIT_CASE(lumen_ring_write_refuses_exactly_full),
	KUNIT_CASE(lumen_ring_write_interleaves_many),
	KUNIT_CASE(lumen_ring_write_interleaves_double_mapped),
	KUNIT_CASE(lumen_ring_write_signals_empty_to_non_empty),
	KUNIT_CASE(lumen_ring_intr_unmask_sees_masked_packet),
	KUNIT_CASE_PARAM(lumen_ring_read_commit_pending_send,
			 ring_t_pend_gen_params),
	KUNIT_CASE(lumen_ring_read_commit_corrupt_write_index),
	KUNIT_CASE(lumen_ring_set_pending_send_wakes_producer),
	KUNIT_CASE_PARAM(lumen_ring_peek_rejects_malformed,
			 ring_t_peek_gen_params),
	KUNIT_CASE_PARAM(lumen_ring_write_rejects_bad, ring_t_write_gen_params),
	KUNIT_CASE_PARAM(lumen_ring_advance_rejects_bad_length,
			 ring_t_bad_advance_gen_params),
	KUNIT_CASE(lumen_ring_bytes_to_read_corrupt_indices),
	{}
};

static struct kunit_suite lumen_vmbus_ring_suite = {
	.name = "lumen_vmbus_ring",
	.test_cases = lumen_vmbus_ring_cases,
};

kunit_test_suite(lumen_vmbus_ring_suite);

MODULE_DESCRIPTION("KUnit tests for the Lumen VMBus ring");
MODULE_LICENSE("GPL");
