// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the transaction-id table (lib/rqst.c) driven by a
 * sequence of get, put, peek and drain operations, with the ids of puts
 * and peeks chosen by the input as a hostile host would: outstanding ids,
 * stale ones, small numbers, values around the table size and raw 64-bit
 * garbage.
 *
 * An independent shadow model (which ids are outstanding, with which
 * cookie, and the FIFO order of the free ids) predicts every result, and
 * the harness abort()s when:
 *   - a get returns an id that is 0, out of range, already outstanding or
 *     not the one the FIFO free list must give, or fails while ids are
 *     free, or does not fail with -ENOSPC when none is;
 *   - a put or peek returns a cookie other than the one stored, accepts an
 *     id that is not outstanding, refuses an outstanding one, returns an
 *     errno other than -ERANGE (out of 1 .. size) / -EALREADY (in range,
 *     not outstanding), or writes the cookie on failure;
 *   - a drain skips or repeats an outstanding request, reports a wrong
 *     cookie, or leaves anything busy;
 *   - lumen_rqst_busy_count() differs from the model after any operation,
 *     or (at the end) the free list is not exactly the free slots.
 * The slot array is a buffer of exactly size slots (struct fz_buf), so
 * ASan catches any access outside it.
 *
 * Input layout:
 *   0      size selector: 0xfd -> 65536 (refused), 0xfe -> 0 (refused),
 *          0xff -> %LUMEN_RQST_MAX_SIZE, otherwise 1 + v (1 .. 253)
 *   ...    operations, one byte each (low 3 bits pick the operation),
 *          some followed by id operand bytes (see fz_id())
 *
 * A drain walks every slot, so on the %LUMEN_RQST_MAX_SIZE table only the
 * first FZ_BIG_DRAINS drains of an input run (later ones are skipped):
 * further drains there repeat the same walk, and would make such inputs
 * cost milliseconds each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/rqst.c"
#include "fuzz_util.h"

#define FZ_MAX		LUMEN_RQST_MAX_SIZE
#define FZ_UNTOUCHED	0x5a5a5a5a5a5a5a5aull
#define FZ_BIG_DRAINS	2

struct fz_in {
	const unsigned char *p;
	size_t left;
};

/* The shadow model: indexed by id (1 .. size); slot 0 unused. */
static bool fz_out[FZ_MAX + 1];
static u64 fz_cookie[FZ_MAX + 1];
/* The outstanding ids in no order (fz_busy of them); fz_pos[id] is where. */
static u32 fz_set[FZ_MAX];
static u32 fz_pos[FZ_MAX + 1];
/* Free ids in the order the table must hand them out (a ring of ids). */
static u32 fz_q[FZ_MAX];
static u32 fz_qhead, fz_qlen;
static u32 fz_size, fz_busy;
static u64 fz_last_freed;	/* most recently completed id, for stale puts */
static u32 fz_hwm;		/* highest id handed out since init */

FZ_BUF(fz_slots, FZ_MAX * sizeof(struct lumen_rqst_slot));

struct fz_drain {
	u32 calls;
	u64 last_id;
};

static noinline __no_sanitize_coverage
u64 fz_take(struct fz_in *in, unsigned int n)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < n && in->left; i++, in->left--)
		v |= (u64)*in->p++ << (8 * i);
	return v;
}

/* Index @k places after @i in the ring of fz_size ids, without a division. */
static u32 fz_q_at(u32 i, u32 k)
{
	return i + k < fz_size ? i + k : i + k - fz_size;
}

static void fz_q_push(u32 id)
{
	FZ_CHECK(fz_qlen < fz_size);
	fz_q[fz_q_at(fz_qhead, fz_qlen)] = id;
	fz_qlen++;
}

static u32 fz_q_pop(void)
{
	u32 id = fz_q[fz_qhead];

	fz_qhead = fz_q_at(fz_qhead, 1);
	fz_qlen--;
	return id;
}

/* Any outstanding id, picked by @k. */
static u64 fz_pick_outstanding(u32 k)
{
	if (!fz_busy)
		return 1;
	return fz_set[k % fz_busy];
}

/* The model's side of a get: @id becomes outstanding with @cookie. */
static void fz_model_get(u32 id, u64 cookie)
{
	fz_out[id] = true;
	fz_cookie[id] = cookie;
	if (id > fz_hwm)
		fz_hwm = id;
	fz_pos[id] = fz_busy;
	fz_set[fz_busy++] = id;
}

/* The model's side of a completion: @id is free again, last in line. */
static void fz_model_put(u32 id)
{
	u32 last = fz_set[--fz_busy];

	fz_set[fz_pos[id]] = last;
	fz_pos[last] = fz_pos[id];
	fz_out[id] = false;
	fz_q_push(id);
}

/* An id as a host might send it, chosen by the input. */
static u64 fz_id(struct fz_in *in)
{
	u64 mode = fz_take(in, 1);

	switch (mode % 8) {
	case 0:
	case 1:
	case 2:
		return fz_pick_outstanding(fz_take(in, 2));
	case 3:
		return fz_last_freed;
	case 4:
		return fz_take(in, 1);			/* 0 .. 255 */
	case 5:
		return (u64)fz_size + fz_take(in, 1) % 5 - 2;	/* size +- 2 */
	case 6:
		/* Truncates to an in-range id when cast to 32 bits. */
		return (fz_take(in, 4) | 1) << 32 |
		       (1 + (mode >> 3) % (fz_size ? fz_size : 1));
	default:
		return fz_take(in, 8);			/* raw */
	}
}

static int fz_expect_err(u64 id)
{
	if (id == 0 || id > fz_size)
		return -ERANGE;
	return fz_out[id] ? 0 : -EALREADY;
}

static void fz_drain_cb(void *ctx, u64 id, u64 cookie)
{
	struct fz_drain *d = ctx;

	FZ_CHECK(id >= 1 && id <= fz_size);
	FZ_CHECK(id > d->last_id);
	FZ_CHECK(fz_out[id]);
	FZ_CHECK(cookie == fz_cookie[id]);
	fz_model_put(id);
	d->last_id = id;
	d->calls++;
}

/*
 * The free list walked from its head is exactly the model's queue, so the
 * free slots are exactly the ids the model has free; the others are busy.
 */
static noinline __no_sanitize_coverage
void fz_check_free_list(const struct lumen_rqst_table *t)
{
	u32 i, n = 0, idx = t->free_head, last = LUMEN_RQST_END, q = fz_qhead;
	u32 bad = 0;

	/*
	 * Ids are handed out from the head and freed to the tail, so the ids
	 * never handed out (fz_hwm + 1 .. size) still lead the list in id
	 * order, as in the model's queue: slot i links to slot i + 1. Checked
	 * without the walk's dependent loads, as they are most of a large
	 * table.
	 */
	if (fz_hwm < fz_size) {
		FZ_CHECK(n < fz_qlen && idx == fz_hwm);
		for (i = fz_hwm; i + 1 < fz_size; i++)
			bad |= t->slots[i].next ^ (i + 1);
		FZ_CHECK(!bad);
		n = fz_size - fz_hwm;
		q = fz_q_at(q, n);
		last = fz_size - 1;
		idx = t->slots[last].next;
	}
	/*
	 * fz_q holds ids 1 .. size, so idx + 1 == fz_q[q] also proves idx is
	 * in range, and a BUSY link fails the next round's comparison.
	 */
	while (idx != LUMEN_RQST_END) {
		FZ_CHECK(n < fz_qlen && idx + 1 == fz_q[q]);
		last = idx;
		idx = t->slots[idx].next;
		q = fz_q_at(q, 1);
		n++;
	}
	FZ_CHECK(n == fz_qlen);
	FZ_CHECK(t->free_tail == last);
	for (i = 0; i < fz_busy; i++)
		FZ_CHECK(t->slots[fz_set[i] - 1].next == LUMEN_RQST_BUSY);
}

/* A fresh model of a table of @size ids: all free, in id order. */
static noinline __no_sanitize_coverage void fz_model_init(u32 size)
{
	static u32 ids[FZ_MAX];	/* 1 .. FZ_MAX, filled once */
	u32 i;

	if (!ids[0])
		for (i = 0; i < FZ_MAX; i++)
			ids[i] = i + 1;
	fz_size = size;
	fz_busy = 0;
	fz_qhead = 0;
	fz_qlen = size;
	fz_last_freed = 0;
	fz_hwm = 0;
	memset(fz_out, 0, (size + 1) * sizeof(fz_out[0]));
	memcpy(fz_q, ids, size * sizeof(fz_q[0]));
}

/* The model's side of a drain without callback: frees in id order. */
static noinline __no_sanitize_coverage void fz_model_drain(void)
{
	u32 id;

	for (id = 1; id <= fz_size; id++)
		if (fz_out[id])
			fz_model_put(id);
}

int fuzz_one_input(const unsigned char *data, size_t size);

int fuzz_one_input(const unsigned char *data, size_t size)
{
	struct fz_in in = { data, size };
	struct lumen_rqst_slot *slots;
	struct lumen_rqst_table t;
	u64 sel, seq = 0;
	u32 i, asked, drains = 0;
	int ret;

	sel = fz_take(&in, 1);
	if (sel == 0xfd)
		asked = FZ_MAX + 1;
	else if (sel == 0xfe)
		asked = 0;
	else if (sel == 0xff)
		asked = FZ_MAX;
	else
		asked = 1 + sel;
	/* Exactly the slots asked for (one if none), so ASan sees overruns. */
	slots = fz_buf_get(&fz_slots, (asked && asked <= FZ_MAX ? asked : 1) *
			   sizeof(*slots));

	ret = lumen_rqst_init(&t, asked, asked <= FZ_MAX ? slots : NULL);
	fz_model_init(asked && asked <= FZ_MAX ? asked : 0);
	FZ_CHECK(ret == (fz_size ? 0 : -EINVAL));
	FZ_CHECK(t.size == fz_size);

	while (in.left) {
		u64 op = fz_take(&in, 1), id, c = FZ_UNTOUCHED;
		struct fz_drain d = { 0, 0 };

		switch (op % 8) {
		case 0:
		case 1:
		case 2:
			/* Cookies: unique per get, spread over all 64 bits. */
			c = (++seq * 0x9e3779b97f4a7c15ull) ^ op;
			id = FZ_UNTOUCHED;
			ret = lumen_rqst_get(&t, c, &id);
			if (!fz_qlen) {
				FZ_CHECK(ret == -ENOSPC);
				FZ_CHECK(id == FZ_UNTOUCHED);
				break;
			}
			FZ_CHECK(ret == 0);
			FZ_CHECK(id != 0 && id <= fz_size);
			FZ_CHECK(!fz_out[id]);
			FZ_CHECK(id == fz_q_pop());
			fz_model_get(id, c);
			break;
		case 3:
		case 4:
		case 5:
			id = fz_id(&in);
			ret = lumen_rqst_put(&t, id, op & 0x80 ? NULL : &c);
			FZ_CHECK(ret == fz_expect_err(id));
			if (ret) {
				FZ_CHECK(c == FZ_UNTOUCHED);
				break;
			}
			FZ_CHECK(op & 0x80 || c == fz_cookie[id]);
			fz_model_put(id);
			fz_last_freed = id;
			break;
		case 6:
			id = fz_id(&in);
			ret = lumen_rqst_peek(&t, id, &c);
			FZ_CHECK(ret == fz_expect_err(id));
			FZ_CHECK(ret ? c == FZ_UNTOUCHED : c == fz_cookie[id]);
			break;
		default:
			/* Drain rarely, so the table gets to fill up. */
			if (op >> 5 || (fz_size == FZ_MAX &&
					++drains > FZ_BIG_DRAINS))
				break;
			i = fz_busy;
			if (op & 8) {
				FZ_CHECK(lumen_rqst_drain(&t, fz_drain_cb, &d) == i);
				FZ_CHECK(d.calls == i);
			} else {
				FZ_CHECK(lumen_rqst_drain(&t, NULL, NULL) == i);
				fz_model_drain();
			}
			FZ_CHECK(fz_busy == 0);
			break;
		}
		FZ_CHECK(lumen_rqst_busy_count(&t) == fz_busy);
		FZ_CHECK(fz_busy + fz_qlen == fz_size);
	}

	fz_check_free_list(&t);
	return 0;
}
