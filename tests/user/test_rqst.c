// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of lib/rqst.c: the per-channel transaction-id table.
 * Fill to full and beyond, put/get cycles checked against a shadow model
 * (ids never 0, in range and unique among the outstanding ones, cookies
 * returned as stored), FIFO reuse, and a named table of bad ids (0,
 * size + 1, 2^64 - 1, values that truncate to valid ids, stale and
 * duplicate completions) asserting the exact errno and that a refused id
 * changes nothing. Drain fails every outstanding request exactly once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include "selftest.h"

#include "../../lib/rqst.c"

#define RT_UNTOUCHED	0x5a5a5a5a5a5a5a5aull

/* Cookie stored for id-independent request number @n: all 64 bits used. */
static u64 rt_cookie(u32 n)
{
	return 0xc0ffee0000000000ull ^ ((u64)n * 0x9e3779b97f4a7c15ull);
}

SELFTEST(rqst_slots_size)
{
	ST_EXPECT_EQ(t, lumen_rqst_slots_size(0), 0);
	ST_EXPECT_EQ(t, lumen_rqst_slots_size(1), sizeof(struct lumen_rqst_slot));
	ST_EXPECT_EQ(t, lumen_rqst_slots_size(352),
		     352 * sizeof(struct lumen_rqst_slot));
	ST_EXPECT_EQ(t, lumen_rqst_slots_size(LUMEN_RQST_MAX_SIZE),
		     (size_t)LUMEN_RQST_MAX_SIZE * sizeof(struct lumen_rqst_slot));
	ST_EXPECT_EQ(t, lumen_rqst_slots_size(LUMEN_RQST_MAX_SIZE + 1), 0);
	ST_EXPECT_EQ(t, lumen_rqst_slots_size(0xffffffffu), 0);
}

static const struct {
	const char *name;
	u32 size;
	int null_slots;
} rt_init_bad[] = {
	{ "size_0", 0, 0 },
	{ "size_65536", LUMEN_RQST_MAX_SIZE + 1, 0 },
	{ "size_u32_max", 0xffffffffu, 0 },
	{ "slots_null", 4, 1 },
};

SELFTEST(rqst_init_rejects)
{
	struct lumen_rqst_slot slots[4];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rt_init_bad); i++) {
		struct lumen_rqst_table tab;
		u64 id = RT_UNTOUCHED, c = RT_UNTOUCHED;
		int ret;

		memset(&tab, 0xa5, sizeof(tab));
		ret = lumen_rqst_init(&tab, rt_init_bad[i].size,
				      rt_init_bad[i].null_slots ? NULL : slots);
		if (ret != -EINVAL)
			fprintf(stderr, "  row %s\n", rt_init_bad[i].name);
		ST_EXPECT_EQ(t, ret, -EINVAL);
		/* The failed table is empty and refuses everything. */
		ST_EXPECT_EQ(t, tab.size, 0);
		ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), 0);
		ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 1, &id), -ENOSPC);
		ST_EXPECT_EQ(t, id, RT_UNTOUCHED);
		ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 1, &c), -ERANGE);
		ST_EXPECT_EQ(t, lumen_rqst_peek(&tab, 1, &c), -ERANGE);
		ST_EXPECT_EQ(t, c, RT_UNTOUCHED);
		ST_EXPECT_EQ(t, lumen_rqst_drain(&tab, NULL, NULL), 0);
	}
}

/* Fill a table of @size to full: ids 1 .. size in order, then -ENOSPC. */
static void rt_fill(struct selftest *t, u32 size)
{
	struct lumen_rqst_slot *slots = malloc(lumen_rqst_slots_size(size));
	struct lumen_rqst_table tab;
	u64 id, c;
	u32 i;

	ST_EXPECT(t, slots);
	if (!slots)
		return;
	/* Garbage slot memory: init must not depend on its contents. */
	memset(slots, 0xff, lumen_rqst_slots_size(size));
	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, size, slots), 0);
	for (i = 0; i < size; i++) {
		id = 0;
		ST_EXPECT_EQ(t, lumen_rqst_get(&tab, rt_cookie(i), &id), 0);
		ST_EXPECT_EQ(t, id, (u64)i + 1);
	}
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), size);
	id = RT_UNTOUCHED;
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 7, &id), -ENOSPC);
	ST_EXPECT_EQ(t, id, RT_UNTOUCHED);
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), size);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, (u64)size + 1, &c), -ERANGE);

	/* Free the last id: it is the only one to come back. */
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, size, &c), 0);
	ST_EXPECT_EQ(t, c, rt_cookie(size - 1));
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 42, &id), 0);
	ST_EXPECT_EQ(t, id, size);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 43, &id), -ENOSPC);

	/* Every cookie is still the one stored with its id. */
	for (i = 0; i + 1 < size; i++) {
		c = 0;
		ST_EXPECT_EQ(t, lumen_rqst_put(&tab, (u64)i + 1, &c), 0);
		ST_EXPECT_EQ(t, c, rt_cookie(i));
	}
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, size, &c), 0);
	ST_EXPECT_EQ(t, c, 42);
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), 0);
	free(slots);
}

SELFTEST(rqst_get_fill_to_full)
{
	rt_fill(t, 1);
	rt_fill(t, 2);
	rt_fill(t, 352);
	rt_fill(t, LUMEN_RQST_MAX_SIZE);
}

SELFTEST(rqst_get_cookie_any_value)
{
	struct lumen_rqst_slot slots[3];
	struct lumen_rqst_table tab;
	u64 id[3], c;

	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, 3, slots), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 0, &id[0]), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, ~0ull, &id[1]), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, (u64)(uintptr_t)&tab, &id[2]), 0);
	ST_EXPECT_EQ(t, lumen_rqst_peek(&tab, id[0], &c), 0);
	ST_EXPECT_EQ(t, c, 0);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, id[1], &c), 0);
	ST_EXPECT_EQ(t, c, ~0ull);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, id[2], &c), 0);
	ST_EXPECT(t, (struct lumen_rqst_table *)(uintptr_t)c == &tab);
}

/*
 * Long put/get cycles on a small table against a shadow model: every id
 * handed out is non-zero, in range and not outstanding already; every
 * completion returns the cookie its get stored; busy_count matches.
 */
SELFTEST(rqst_put_get_cycles)
{
	enum { N = 16, OPS = 200000 };
	struct lumen_rqst_slot slots[N];
	struct lumen_rqst_table tab;
	u64 shadow[N + 1];
	bool out[N + 1] = { false };
	u32 busy = 0, seq = 0, rng = 12345, op, bad = 0;

	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, N, slots), 0);
	for (op = 0; op < OPS; op++) {
		u64 id, c;
		int ret;

		rng = rng * 1103515245u + 12345u;
		if ((rng >> 16) % 3) {
			ret = lumen_rqst_get(&tab, rt_cookie(seq), &id);
			if (busy == N) {
				bad += ret != -ENOSPC;
				continue;
			}
			if (ret || id == 0 || id > N || out[id]) {
				bad++;
				continue;
			}
			out[id] = true;
			shadow[id] = rt_cookie(seq++);
			busy++;
		} else {
			id = 1 + (rng >> 20) % N;
			c = RT_UNTOUCHED;
			ret = lumen_rqst_put(&tab, id, &c);
			if (out[id]) {
				bad += ret != 0 || c != shadow[id];
				out[id] = false;
				busy--;
			} else {
				bad += ret != -EALREADY || c != RT_UNTOUCHED;
			}
		}
		bad += lumen_rqst_busy_count(&tab) != busy;
	}
	ST_EXPECT_EQ(t, bad, 0);
	ST_EXPECT(t, seq > OPS / 4);
}

/* FIFO: a freed id comes back only after every other free id. */
SELFTEST(rqst_put_reuses_id_last)
{
	struct lumen_rqst_slot slots[4];
	struct lumen_rqst_table tab;
	u64 id, c;

	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, 4, slots), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 10, &id), 0);
	ST_EXPECT_EQ(t, id, 1);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 1, &c), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 20, &id), 0);
	ST_EXPECT_EQ(t, id, 2);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 30, &id), 0);
	ST_EXPECT_EQ(t, id, 3);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 40, &id), 0);
	ST_EXPECT_EQ(t, id, 4);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 50, &id), 0);
	ST_EXPECT_EQ(t, id, 1);
	/* Free 3 then 2: they come back in that order. */
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 3, &c), 0);
	ST_EXPECT_EQ(t, c, 30);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 2, &c), 0);
	ST_EXPECT_EQ(t, c, 20);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 60, &id), 0);
	ST_EXPECT_EQ(t, id, 3);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 70, &id), 0);
	ST_EXPECT_EQ(t, id, 2);
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), 4);
}

/*
 * Bad ids on a table of 4 where ids 1 and 2 are outstanding, 3 was
 * completed already and 4 was never handed out.
 */
static const struct {
	const char *name;
	u64 id;
	int err;
} rt_bad_ids[] = {
	{ "id_0_unsolicited", 0, -ERANGE },
	{ "id_size_plus_1", 5, -ERANGE },
	{ "id_u32_max", 0xffffffffull, -ERANGE },
	{ "id_2p32", 1ull << 32, -ERANGE },
	{ "id_2p32_plus_1_truncates_to_1", (1ull << 32) + 1, -ERANGE },
	{ "id_2p63_plus_2", (1ull << 63) + 2, -ERANGE },
	{ "id_storvsc_reset", 0xfffffffffffffffcull, -ERANGE },
	{ "id_storvsc_init", 0xfffffffffffffffdull, -ERANGE },
	{ "id_u64_max", ~0ull, -ERANGE },
	{ "id_stale_completed", 3, -EALREADY },
	{ "id_never_handed_out", 4, -EALREADY },
};

static void rt_bad_setup(struct selftest *t, struct lumen_rqst_table *tab,
			 struct lumen_rqst_slot *slots)
{
	u64 id, c;

	ST_EXPECT_EQ(t, lumen_rqst_init(tab, 4, slots), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(tab, 0x111, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(tab, 0x222, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(tab, 0x333, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_put(tab, 3, &c), 0);
}

SELFTEST(rqst_put_rejects_bad_ids)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rt_bad_ids); i++) {
		struct lumen_rqst_slot slots[4], saved[4];
		struct lumen_rqst_table tab, tsaved;
		u64 c = RT_UNTOUCHED;
		int ret;

		rt_bad_setup(t, &tab, slots);
		memcpy(saved, slots, sizeof(saved));
		tsaved = tab;
		ret = lumen_rqst_put(&tab, rt_bad_ids[i].id, &c);
		if (ret != rt_bad_ids[i].err)
			fprintf(stderr, "  row %s\n", rt_bad_ids[i].name);
		ST_EXPECT_EQ(t, ret, rt_bad_ids[i].err);
		ST_EXPECT_EQ(t, c, RT_UNTOUCHED);
		ST_EXPECT_MEM(t, slots, saved, sizeof(saved));
		ST_EXPECT_MEM(t, &tab, &tsaved, sizeof(tab));

		ret = lumen_rqst_peek(&tab, rt_bad_ids[i].id, &c);
		ST_EXPECT_EQ(t, ret, rt_bad_ids[i].err);
		ST_EXPECT_EQ(t, c, RT_UNTOUCHED);
		ST_EXPECT_EQ(t, lumen_rqst_put(&tab, rt_bad_ids[i].id, NULL),
			     rt_bad_ids[i].err);
		ST_EXPECT_MEM(t, slots, saved, sizeof(saved));

		/* The outstanding requests are intact. */
		ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 1, &c), 0);
		ST_EXPECT_EQ(t, c, 0x111);
		ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 2, &c), 0);
		ST_EXPECT_EQ(t, c, 0x222);
	}
}

SELFTEST(rqst_put_double)
{
	struct lumen_rqst_slot slots[8];
	struct lumen_rqst_table tab;
	u64 id, c = RT_UNTOUCHED;

	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, 8, slots), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 99, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, id, NULL), 0);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, id, &c), -EALREADY);
	ST_EXPECT_EQ(t, c, RT_UNTOUCHED);
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), 0);
	/* The double put did not corrupt the free list: all 8 come out. */
	for (c = 0; c < 8; c++)
		ST_EXPECT_EQ(t, lumen_rqst_get(&tab, c, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 8, &id), -ENOSPC);
}

/* With one slot, reuse is immediate: a stale id hits the new request. */
SELFTEST(rqst_put_size_1)
{
	struct lumen_rqst_slot slot;
	struct lumen_rqst_table tab;
	u64 id, c;

	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, 1, &slot), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 5, &id), 0);
	ST_EXPECT_EQ(t, id, 1);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 6, &id), -ENOSPC);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 2, &c), -ERANGE);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 1, &c), 0);
	ST_EXPECT_EQ(t, c, 5);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 1, &c), -EALREADY);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 7, &id), 0);
	ST_EXPECT_EQ(t, id, 1);
	ST_EXPECT_EQ(t, lumen_rqst_peek(&tab, 1, &c), 0);
	ST_EXPECT_EQ(t, c, 7);
}

SELFTEST(rqst_peek_keeps_slot)
{
	struct lumen_rqst_slot slots[2];
	struct lumen_rqst_table tab;
	u64 id, c = 0;

	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, 2, slots), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 0xabc, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_peek(&tab, id, &c), 0);
	ST_EXPECT_EQ(t, c, 0xabc);
	ST_EXPECT_EQ(t, lumen_rqst_peek(&tab, id, NULL), 0);
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), 1);
	c = 0;
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, id, &c), 0);
	ST_EXPECT_EQ(t, c, 0xabc);
	ST_EXPECT_EQ(t, lumen_rqst_peek(&tab, id, &c), -EALREADY);
}

struct rt_drain_log {
	u32 n;
	u64 id[8];
	u64 cookie[8];
	struct lumen_rqst_table *tab;
	u64 put_id;	/* put this id from the first callback, if non-zero */
	int put_ret;
};

static void rt_drain_cb(void *ctx, u64 id, u64 cookie)
{
	struct rt_drain_log *log = ctx;

	if (log->n < 8) {
		log->id[log->n] = id;
		log->cookie[log->n] = cookie;
		/* The slot is free already when the callback runs. */
		if (lumen_rqst_peek(log->tab, id, NULL) != -EALREADY)
			log->cookie[log->n] = RT_UNTOUCHED;
	}
	if (log->n++ == 0 && log->put_id)
		log->put_ret = lumen_rqst_put(log->tab, log->put_id, NULL);
}

SELFTEST(rqst_drain_fails_outstanding)
{
	struct lumen_rqst_slot slots[8];
	struct lumen_rqst_table tab;
	struct rt_drain_log log = { .tab = &tab };
	u64 id, c;
	u32 i;

	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, 8, slots), 0);
	ST_EXPECT_EQ(t, lumen_rqst_drain(&tab, rt_drain_cb, &log), 0);
	ST_EXPECT_EQ(t, log.n, 0);

	for (i = 0; i < 6; i++)
		ST_EXPECT_EQ(t, lumen_rqst_get(&tab, rt_cookie(i), &id), 0);
	/* Complete 2 and 5: ids 1, 3, 4, 6 stay outstanding. */
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 2, &c), 0);
	ST_EXPECT_EQ(t, lumen_rqst_put(&tab, 5, &c), 0);
	ST_EXPECT_EQ(t, lumen_rqst_drain(&tab, rt_drain_cb, &log), 4);
	ST_EXPECT_EQ(t, log.n, 4);
	ST_EXPECT_EQ(t, log.id[0], 1);
	ST_EXPECT_EQ(t, log.cookie[0], rt_cookie(0));
	ST_EXPECT_EQ(t, log.id[1], 3);
	ST_EXPECT_EQ(t, log.cookie[1], rt_cookie(2));
	ST_EXPECT_EQ(t, log.id[2], 4);
	ST_EXPECT_EQ(t, log.cookie[2], rt_cookie(3));
	ST_EXPECT_EQ(t, log.id[3], 6);
	ST_EXPECT_EQ(t, log.cookie[3], rt_cookie(5));
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), 0);
	for (i = 1; i <= 8; i++)
		ST_EXPECT_EQ(t, lumen_rqst_put(&tab, i, &c), -EALREADY);

	/* Every id is usable again, each exactly once. */
	for (i = 0; i < 8; i++)
		ST_EXPECT_EQ(t, lumen_rqst_get(&tab, i, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 8, &id), -ENOSPC);
	ST_EXPECT_EQ(t, lumen_rqst_drain(&tab, NULL, NULL), 8);
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), 0);
	ST_EXPECT_EQ(t, lumen_rqst_drain(&tab, NULL, NULL), 0);
}

/* The callback may complete a later id itself; the drain then skips it. */
SELFTEST(rqst_drain_callback_puts)
{
	struct lumen_rqst_slot slots[4];
	struct lumen_rqst_table tab;
	struct rt_drain_log log = { .tab = &tab, .put_id = 3 };
	u64 id;
	u32 i;

	ST_EXPECT_EQ(t, lumen_rqst_init(&tab, 4, slots), 0);
	for (i = 0; i < 4; i++)
		ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 100 + i, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_drain(&tab, rt_drain_cb, &log), 3);
	ST_EXPECT_EQ(t, log.put_ret, 0);
	ST_EXPECT_EQ(t, log.n, 3);
	ST_EXPECT_EQ(t, log.id[0], 1);
	ST_EXPECT_EQ(t, log.id[1], 2);
	ST_EXPECT_EQ(t, log.id[2], 4);
	ST_EXPECT_EQ(t, log.cookie[2], 103);
	ST_EXPECT_EQ(t, lumen_rqst_busy_count(&tab), 0);
	for (i = 0; i < 4; i++)
		ST_EXPECT_EQ(t, lumen_rqst_get(&tab, i, &id), 0);
	ST_EXPECT_EQ(t, lumen_rqst_get(&tab, 4, &id), -ENOSPC);
}
