// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite lumen_vmbus_rqst: the per-channel transaction-id table
 * (lib/rqst.c) in kernel context. The slot array is kmalloc'd to its
 * exact size, so KASAN catches any access outside it. Cookies are real
 * kernel pointers cast to u64, as hv_vmbus stores them. A parameterised
 * table of bad ids (0, size + 1, 2^64 - 1, ids that truncate to valid
 * ones, stale and duplicate completions) asserts the exact errno and that
 * a refused id changes nothing.
 *
 * The module carries its own copy of the pure code and exports nothing.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../lib/rqst.c"

#define RQST_T_SIZE		352	/* storvsc's depth for 128 KiB rings */
#define RQST_T_UNTOUCHED	0x5a5a5a5a5a5a5a5aull

/* A table of @size slots in exactly-sized test memory. */
static struct lumen_rqst_table *rqst_t_new(struct kunit *test, u32 size)
{
	struct lumen_rqst_table *t;
	struct lumen_rqst_slot *slots;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	slots = kunit_kmalloc(test, lumen_rqst_slots_size(size), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, slots);
	/* Garbage: lumen_rqst_init() must not depend on the contents. */
	memset(slots, 0xff, lumen_rqst_slots_size(size));
	KUNIT_ASSERT_EQ(test, lumen_rqst_init(t, size, slots), 0);
	return t;
}

/**
 * struct rqst_init_case - a table lumen_rqst_init() refuses
 * @name: row name shown in the KTAP output.
 * @size: size passed.
 * @null_slots: pass a NULL slot array.
 */
struct rqst_init_case {
	const char *name;
	u32 size;
	bool null_slots;
};

static const struct rqst_init_case rqst_init_cases[] = {
	{ "size_0", 0, false },
	{ "size_65536", LUMEN_RQST_MAX_SIZE + 1, false },
	{ "size_u32_max", U32_MAX, false },
	{ "slots_null", 4, true },
};

static void rqst_init_desc(const struct rqst_init_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rqst_init, rqst_init_cases, rqst_init_desc);

static void lumen_rqst_init_rejects(struct kunit *test)
{
	const struct rqst_init_case *c = test->param_value;
	struct lumen_rqst_slot slots[4];
	struct lumen_rqst_table t;
	u64 id = RQST_T_UNTOUCHED, cookie = RQST_T_UNTOUCHED;

	memset(&t, 0xa5, sizeof(t));
	KUNIT_EXPECT_EQ(test, lumen_rqst_init(&t, c->size,
					      c->null_slots ? NULL : slots),
			-EINVAL);
	/* The failed table is empty and refuses everything. */
	KUNIT_EXPECT_EQ(test, t.size, 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(&t), 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_get(&t, 1, &id), -ENOSPC);
	KUNIT_EXPECT_EQ(test, id, RQST_T_UNTOUCHED);
	KUNIT_EXPECT_EQ(test, lumen_rqst_put(&t, 1, &cookie), -ERANGE);
	KUNIT_EXPECT_EQ(test, lumen_rqst_peek(&t, 1, &cookie), -ERANGE);
	KUNIT_EXPECT_EQ(test, cookie, RQST_T_UNTOUCHED);
	KUNIT_EXPECT_EQ(test, lumen_rqst_drain(&t, NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_slots_size(c->size),
			c->null_slots ? sizeof(slots) : 0);
}

/* Ids 1 .. size in order, then -ENOSPC; each cookie comes back. */
static void lumen_rqst_get_fills_to_full(struct kunit *test)
{
	struct lumen_rqst_table *t = rqst_t_new(test, RQST_T_SIZE);
	u64 *reqs, id, cookie;
	u32 i;

	/* One real object per request: its address is the cookie. */
	reqs = kunit_kcalloc(test, RQST_T_SIZE, sizeof(*reqs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, reqs);
	for (i = 0; i < RQST_T_SIZE; i++) {
		id = 0;
		KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, (u64)(uintptr_t)&reqs[i],
						     &id), 0);
		KUNIT_EXPECT_EQ(test, id, (u64)i + 1);
	}
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(t), RQST_T_SIZE);
	id = RQST_T_UNTOUCHED;
	KUNIT_EXPECT_EQ(test, lumen_rqst_get(t, 0, &id), -ENOSPC);
	KUNIT_EXPECT_EQ(test, id, RQST_T_UNTOUCHED);
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(t), RQST_T_SIZE);

	/* Complete them in reverse: every cookie is its request again. */
	for (i = RQST_T_SIZE; i > 0; i--) {
		cookie = 0;
		KUNIT_ASSERT_EQ(test, lumen_rqst_put(t, i, &cookie), 0);
		KUNIT_EXPECT_PTR_EQ(test, (u64 *)(uintptr_t)cookie,
				    &reqs[i - 1]);
	}
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(t), 0);
}

/* A freed id comes back only after every other free id (FIFO). */
static void lumen_rqst_put_reuses_id_last(struct kunit *test)
{
	struct lumen_rqst_table *t = rqst_t_new(test, 3);
	u64 id, cookie;

	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 10, &id), 0);
	KUNIT_EXPECT_EQ(test, id, 1);
	KUNIT_ASSERT_EQ(test, lumen_rqst_put(t, 1, &cookie), 0);
	KUNIT_EXPECT_EQ(test, cookie, 10);
	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 20, &id), 0);
	KUNIT_EXPECT_EQ(test, id, 2);
	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 30, &id), 0);
	KUNIT_EXPECT_EQ(test, id, 3);
	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 40, &id), 0);
	KUNIT_EXPECT_EQ(test, id, 1);
	/* The late duplicate of the first completion now hits request 40. */
	KUNIT_EXPECT_EQ(test, lumen_rqst_peek(t, 1, &cookie), 0);
	KUNIT_EXPECT_EQ(test, cookie, 40);
}

/**
 * struct rqst_bad_id_case - an id lumen_rqst_put() and lumen_rqst_peek()
 *	refuse
 * @name: row name shown in the KTAP output.
 * @id: the id, as a host completion could carry it.
 * @err: errno expected.
 *
 * The table has 4 ids: 1 and 2 outstanding, 3 completed already, 4 never
 * handed out.
 */
struct rqst_bad_id_case {
	const char *name;
	u64 id;
	int err;
};

static const struct rqst_bad_id_case rqst_bad_id_cases[] = {
	{ "id_0_unsolicited", 0, -ERANGE },
	{ "id_size_plus_1", 5, -ERANGE },
	{ "id_u32_max", U32_MAX, -ERANGE },
	{ "id_2p32", 1ull << 32, -ERANGE },
	{ "id_2p32_plus_1_truncates_to_1", (1ull << 32) + 1, -ERANGE },
	{ "id_2p63_plus_2", (1ull << 63) + 2, -ERANGE },
	{ "id_storvsc_reset", 0xfffffffffffffffcull, -ERANGE },
	{ "id_storvsc_init", 0xfffffffffffffffdull, -ERANGE },
	{ "id_u64_max", U64_MAX, -ERANGE },
	{ "id_stale_completed", 3, -EALREADY },
	{ "id_never_handed_out", 4, -EALREADY },
};

static void rqst_bad_id_desc(const struct rqst_bad_id_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rqst_bad_id, rqst_bad_id_cases, rqst_bad_id_desc);

static void lumen_rqst_put_rejects_bad_id(struct kunit *test)
{
	const struct rqst_bad_id_case *c = test->param_value;
	struct lumen_rqst_table *t = rqst_t_new(test, 4);
	struct lumen_rqst_slot saved[4];
	struct lumen_rqst_table tsaved;
	u64 id, cookie;

	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 0x111, &id), 0);
	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 0x222, &id), 0);
	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 0x333, &id), 0);
	KUNIT_ASSERT_EQ(test, lumen_rqst_put(t, 3, NULL), 0);
	memcpy(saved, t->slots, sizeof(saved));
	tsaved = *t;

	cookie = RQST_T_UNTOUCHED;
	KUNIT_EXPECT_EQ(test, lumen_rqst_put(t, c->id, &cookie), c->err);
	KUNIT_EXPECT_EQ(test, cookie, RQST_T_UNTOUCHED);
	KUNIT_EXPECT_EQ(test, lumen_rqst_peek(t, c->id, &cookie), c->err);
	KUNIT_EXPECT_EQ(test, cookie, RQST_T_UNTOUCHED);
	KUNIT_EXPECT_EQ(test, lumen_rqst_put(t, c->id, NULL), c->err);
	KUNIT_EXPECT_MEMEQ(test, t->slots, saved, sizeof(saved));
	KUNIT_EXPECT_MEMEQ(test, t, &tsaved, sizeof(tsaved));

	/* The outstanding requests are intact. */
	KUNIT_EXPECT_EQ(test, lumen_rqst_put(t, 1, &cookie), 0);
	KUNIT_EXPECT_EQ(test, cookie, 0x111);
	KUNIT_EXPECT_EQ(test, lumen_rqst_put(t, 2, &cookie), 0);
	KUNIT_EXPECT_EQ(test, cookie, 0x222);
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(t), 0);
}

/* A duplicate completion is refused and leaves the free list whole. */
static void lumen_rqst_put_double(struct kunit *test)
{
	struct lumen_rqst_table *t = rqst_t_new(test, 8);
	u64 id, first, cookie = RQST_T_UNTOUCHED;
	u32 i;

	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 99, &first), 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_put(t, first, NULL), 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_put(t, first, &cookie), -EALREADY);
	KUNIT_EXPECT_EQ(test, cookie, RQST_T_UNTOUCHED);
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(t), 0);
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ(test, lumen_rqst_get(t, i, &id), 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_get(t, 8, &id), -ENOSPC);
}

static void lumen_rqst_peek_keeps_slot(struct kunit *test)
{
	struct lumen_rqst_table *t = rqst_t_new(test, 2);
	u64 id, cookie = 0;

	KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 0xabc, &id), 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_peek(t, id, &cookie), 0);
	KUNIT_EXPECT_EQ(test, cookie, 0xabc);
	KUNIT_EXPECT_EQ(test, lumen_rqst_peek(t, id, NULL), 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(t), 1);
	cookie = 0;
	KUNIT_EXPECT_EQ(test, lumen_rqst_put(t, id, &cookie), 0);
	KUNIT_EXPECT_EQ(test, cookie, 0xabc);
	KUNIT_EXPECT_EQ(test, lumen_rqst_peek(t, id, &cookie), -EALREADY);
}

/**
 * struct rqst_t_drain - what the drain callback saw
 * @test: the running test.
 * @t: the table being drained.
 * @n: callbacks so far.
 * @id: ids passed, in call order.
 * @cookie: cookies passed, in call order.
 */
struct rqst_t_drain {
	struct kunit *test;
	struct lumen_rqst_table *t;
	u32 n;
	u64 id[8];
	u64 cookie[8];
};

static void rqst_t_drain_cb(void *ctx, u64 id, u64 cookie)
{
	struct rqst_t_drain *d = ctx;

	/* The slot is free already when the callback runs. */
	KUNIT_EXPECT_EQ(d->test, lumen_rqst_peek(d->t, id, NULL), -EALREADY);
	if (d->n < ARRAY_SIZE(d->id)) {
		d->id[d->n] = id;
		d->cookie[d->n] = cookie;
	}
	d->n++;
}

static void lumen_rqst_drain_fails_outstanding(struct kunit *test)
{
	struct lumen_rqst_table *t = rqst_t_new(test, 8);
	struct rqst_t_drain d = { .test = test, .t = t };
	u64 id;
	u32 i;

	KUNIT_EXPECT_EQ(test, lumen_rqst_drain(t, rqst_t_drain_cb, &d), 0);
	KUNIT_EXPECT_EQ(test, d.n, 0);
	for (i = 0; i < 6; i++)
		KUNIT_ASSERT_EQ(test, lumen_rqst_get(t, 0x100 + i, &id), 0);
	/* Complete 2 and 5: ids 1, 3, 4, 6 stay outstanding. */
	KUNIT_ASSERT_EQ(test, lumen_rqst_put(t, 2, NULL), 0);
	KUNIT_ASSERT_EQ(test, lumen_rqst_put(t, 5, NULL), 0);

	KUNIT_EXPECT_EQ(test, lumen_rqst_drain(t, rqst_t_drain_cb, &d), 4);
	KUNIT_ASSERT_EQ(test, d.n, 4);
	KUNIT_EXPECT_EQ(test, d.id[0], 1);
	KUNIT_EXPECT_EQ(test, d.cookie[0], 0x100);
	KUNIT_EXPECT_EQ(test, d.id[1], 3);
	KUNIT_EXPECT_EQ(test, d.cookie[1], 0x102);
	KUNIT_EXPECT_EQ(test, d.id[2], 4);
	KUNIT_EXPECT_EQ(test, d.cookie[2], 0x103);
	KUNIT_EXPECT_EQ(test, d.id[3], 6);
	KUNIT_EXPECT_EQ(test, d.cookie[3], 0x105);
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(t), 0);
	for (i = 1; i <= 8; i++)
		KUNIT_EXPECT_EQ(test, lumen_rqst_put(t, i, NULL), -EALREADY);

	/* Every id is usable again, each exactly once. */
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ(test, lumen_rqst_get(t, i, &id), 0);
	KUNIT_EXPECT_EQ(test, lumen_rqst_get(t, 8, &id), -ENOSPC);
	KUNIT_EXPECT_EQ(test, lumen_rqst_drain(t, NULL, NULL), 8);
	KUNIT_EXPECT_EQ(test, lumen_rqst_busy_count(t), 0);
}

static struct kunit_case lumen_vmbus_rqst_cases[] = {
	KUNIT_CASE_PARAM(lumen_rqst_init_rejects, rqst_init_gen_params),
	KUNIT_CASE(lumen_rqst_get_fills_to_full),
	KUNIT_CASE(lumen_rqst_put_reuses_id_last),
	KUNIT_CASE_PARAM(lumen_rqst_put_rejects_bad_id,
			 rqst_bad_id_gen_params),
	KUNIT_CASE(lumen_rqst_put_double),
	KUNIT_CASE(lumen_rqst_peek_keeps_slot),
	KUNIT_CASE(lumen_rqst_drain_fails_outstanding),
	{}
};

static struct kunit_suite lumen_vmbus_rqst_suite = {
	.name = "lumen_vmbus_rqst",
	.test_cases = lumen_vmbus_rqst_cases,
};

kunit_test_suites(&lumen_vmbus_rqst_suite);

MODULE_DESCRIPTION("KUnit tests for the Lumen transaction-id table");
MODULE_LICENSE("GPL");
