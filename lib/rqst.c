// SPDX-License-Identifier: GPL-2.0
/*
 * Per-channel transaction-id table (see the DOC section in
 * <lumen/rqst.h>). Pure code: no locks, no allocation, no logging, no
 * global state; the caller provides the slot memory and holds the lock
 * that protects the table.
 *
 * The only host data this file sees is the id passed to lumen_rqst_put()
 * and lumen_rqst_peek(). It is range-checked against the table size before
 * it becomes an index, and the index is clamped with array_index_nospec()
 * so that a mispredicted check cannot load a cookie (a guest pointer the
 * caller is about to dereference) from outside the table.
 *
 * Built into hv_storvsc, its one user, exporting nothing (see lib/README);
 * KUnit, the userspace tests and the fuzzer #include it.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

#include <lumen/rqst.h>

#ifdef __KERNEL__
#include <linux/nospec.h>
#else
/* Userspace copies (tests, fuzzer) have no speculation to worry about. */
#define array_index_nospec(index, size)	((void)(size), (index))
#endif

/* The sentinels are never valid slot indices. */
static_assert(LUMEN_RQST_MAX_SIZE < LUMEN_RQST_END);
static_assert(LUMEN_RQST_END != LUMEN_RQST_BUSY);

/*
 * Index of the outstanding request with id @id, validated in a fixed
 * order: the id is one the table can have handed out (1 .. size), then its
 * slot is busy. Only a value that passed the range check is used to index.
 */
static int lumen_rqst_find(const struct lumen_rqst_table *t, u64 id, u32 *idx)
{
	u32 i;

	if (id == 0 || id > t->size)
		return -ERANGE;
	i = array_index_nospec((u32)(id - 1), t->size);
	if (t->slots[i].next != LUMEN_RQST_BUSY)
		return -EALREADY;
	*idx = i;
	return 0;
}

/* Give busy slot @i back: append it to the tail of the free list. */
static void lumen_rqst_free(struct lumen_rqst_table *t, u32 i)
{
	t->slots[i].cookie = 0;
	t->slots[i].next = LUMEN_RQST_END;
	if (t->free_tail == LUMEN_RQST_END)
		t->free_head = i;
	else
		t->slots[t->free_tail].next = i;
	t->free_tail = i;
	t->busy--;
}

/**
 * lumen_rqst_init() - set up an empty transaction-id table
 * @t: the table.
 * @size: number of ids to hand out (1 .. @size), at most
 *	%LUMEN_RQST_MAX_SIZE.
 * @slots: caller-provided array of @size slots, lumen_rqst_slots_size()
 *	bytes; its contents need no initialisation. It must stay valid, and
 *	be used by nothing else, until the table is no longer used.
 *
 * Every slot becomes free, on a free list in id order. The table keeps no
 * other reference and allocates nothing; freeing @slots after the last use
 * of @t is the caller's job.
 *
 * Context: Any context. The caller owns @t exclusively (nothing else can
 * reach it yet) or holds the lock that protects it.
 * Return: 0 on success. -EINVAL when @size is 0 or above
 * %LUMEN_RQST_MAX_SIZE, or @slots is NULL; @t is then an empty table of
 * size 0 that refuses every id and every allocation.
 */
int lumen_rqst_init(struct lumen_rqst_table *t, u32 size,
		    struct lumen_rqst_slot *slots)
{
	u32 i;

	t->slots = NULL;
	t->size = 0;
	t->free_head = LUMEN_RQST_END;
	t->free_tail = LUMEN_RQST_END;
	t->busy = 0;
	if (!size || size > LUMEN_RQST_MAX_SIZE || !slots)
		return -EINVAL;

	for (i = 0; i < size; i++) {
		slots[i].cookie = 0;
		slots[i].next = i + 1 < size ? i + 1 : LUMEN_RQST_END;
	}
	t->slots = slots;
	t->size = size;
	t->free_head = 0;
	t->free_tail = size - 1;
	return 0;
}

/**
 * lumen_rqst_get() - allocate a transaction id for a request
 * @t: the table.
 * @cookie: the caller's value to return with the completion (a pointer
 *	cast to u64, or a tag); any value, including 0.
 * @id: set to the id to write into the request packet, 1 .. @t->size;
 *	never 0. Untouched on failure.
 *
 * Takes the slot at the head of the free list in O(1). The id stays
 * outstanding until lumen_rqst_put() or lumen_rqst_drain() frees it.
 *
 * Context: Any context; the caller holds the lock that protects @t.
 * Return: 0 on success. -ENOSPC when every id is outstanding (the table is
 * unchanged).
 */
int lumen_rqst_get(struct lumen_rqst_table *t, u64 cookie, u64 *id)
{
	struct lumen_rqst_slot *s;
	u32 i = t->free_head;

	if (i == LUMEN_RQST_END)
		return -ENOSPC;
	s = &t->slots[i];
	t->free_head = s->next;
	if (t->free_head == LUMEN_RQST_END)
		t->free_tail = LUMEN_RQST_END;
	s->next = LUMEN_RQST_BUSY;
	s->cookie = cookie;
	t->busy++;
	*id = (u64)i + 1;
	return 0;
}

/**
 * lumen_rqst_put() - complete a request by id and free the id
 * @t: the table.
 * @id: the transaction id, typically from a completion packet (host data:
 *	any value is safe).
 * @cookie: set to the cookie stored by lumen_rqst_get(); may be NULL when
 *	the caller does not need it. Untouched on failure.
 *
 * On success the slot goes to the tail of the free list in O(1), so the id
 * is reused as late as possible. A refused id changes nothing.
 *
 * Context: Any context; the caller holds the lock that protects @t.
 * Return: 0 on success. -ERANGE when @id is outside 1 .. @t->size (id 0,
 * an id reserved by the caller, or garbage). -EALREADY when @id is in range
 * but not outstanding (a stale or duplicate completion).
 */
int lumen_rqst_put(struct lumen_rqst_table *t, u64 id, u64 *cookie)
{
	u32 i;
	int ret;

	ret = lumen_rqst_find(t, id, &i);
	if (ret)
		return ret;
	if (cookie)
		*cookie = t->slots[i].cookie;
	lumen_rqst_free(t, i);
	return 0;
}

/**
 * lumen_rqst_peek() - look up an outstanding request without freeing it
 * @t: the table.
 * @id: the transaction id (host data: any value is safe).
 * @cookie: set to the cookie stored by lumen_rqst_get(); may be NULL to
 *	only validate @id. Untouched on failure.
 *
 * Lets the caller check a completion against its request (size, type,
 * payload) before consuming the id with lumen_rqst_put().
 *
 * Context: Any context; the caller holds the lock that protects @t.
 * Return: 0 when @id is outstanding. -ERANGE when @id is outside
 * 1 .. @t->size. -EALREADY when @id is in range but not outstanding.
 */
int lumen_rqst_peek(const struct lumen_rqst_table *t, u64 id, u64 *cookie)
{
	u32 i;
	int ret;

	ret = lumen_rqst_find(t, id, &i);
	if (ret)
		return ret;
	if (cookie)
		*cookie = t->slots[i].cookie;
	return 0;
}

/**
 * lumen_rqst_busy_count() - number of outstanding requests
 * @t: the table.
 *
 * Context: Any context. Exact under the lock that protects @t; without it
 * only a racy statistic.
 * Return: the number of ids handed out and not yet freed, 0 .. @t->size.
 */
u32 lumen_rqst_busy_count(const struct lumen_rqst_table *t)
{
	return t->busy;
}

/**
 * lumen_rqst_drain() - fail every outstanding request
 * @t: the table.
 * @fn: called once per outstanding request, in id order, with @ctx, the
 *	id and its cookie, after the slot has been freed; may be NULL to
 *	only free the slots. It runs under the caller's lock and must not
 *	call lumen_rqst_get() on @t (the drain could fail the new request
 *	too, or miss it); it may put or peek other ids.
 * @ctx: passed to @fn unchanged.
 *
 * Used when the channel is rescinded or closed and no completion will
 * come: afterwards the table is empty and every id is free again.
 *
 * Context: Any context @fn allows; the caller holds the lock that protects
 * @t. O(@t->size).
 * Return: the number of requests failed (slots this call freed).
 */
u32 lumen_rqst_drain(struct lumen_rqst_table *t, lumen_rqst_drain_fn fn,
		     void *ctx)
{
	u32 i, n = 0;

	for (i = 0; i < t->size; i++) {
		u64 cookie;

		if (t->slots[i].next != LUMEN_RQST_BUSY)
			continue;
		cookie = t->slots[i].cookie;
		lumen_rqst_free(t, i);
		n++;
		if (fn)
			fn(ctx, (u64)i + 1, cookie);
	}
	return n;
}
