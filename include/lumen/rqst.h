/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-channel transaction-id table: maps the ids the guest puts in its
 * requests back to the guest's own cookies when the host's completions
 * arrive, so a host-supplied id is never used as a pointer. Pure code
 * (lib/rqst.c) linked into hv_storvsc, and used by the KUnit suite and the
 * userspace tests and fuzzer. No locks, no allocation, no logging; the
 * caller owns the memory.
 */
#ifndef _LUMEN_RQST_H
#define _LUMEN_RQST_H

#include <linux/types.h>

/**
 * DOC: Transaction-id table
 *
 * A completion packet carries the transaction id of the request it
 * completes (see the "VMBus ring protocol" DOC section of
 * <proto/vmbus_ring.h>).
 * The id is host data: it may be stale, duplicated or made up. A
 * &struct lumen_rqst_table hands out ids 1 .. @size (slot index + 1) and
 * stores a 64-bit cookie per outstanding request; the cookie is the
 * caller's (a pointer cast to u64, or a tag) and never leaves the guest.
 * Id 0 is never handed out: from the host it means an unsolicited message,
 * and the caller handles it before asking the table. Ids the caller
 * reserves for itself outside 1 .. @size (storvsc's init and reset ids) are
 * likewise recognised by the caller first; the table refuses them.
 *
 * Request path: lumen_rqst_get() allocates a slot for the cookie and
 * returns the id to write into the packet. If the packet is then not sent,
 * lumen_rqst_put() with that id gives the slot back.
 *
 * Completion path: lumen_rqst_put() with the id from the packet returns
 * the cookie and frees the slot, or refuses the id with -ERANGE (not an id
 * the table can have handed out) or -EALREADY (not outstanding: a stale or
 * duplicate completion). Callers that want to check the completion against
 * the request before consuming it (payload size, type) use
 * lumen_rqst_peek() first.
 *
 * Rescind and close: lumen_rqst_drain() fails every outstanding request.
 *
 * Freed slots go to the tail of a FIFO free list, so an id is reused only
 * after every other free id has been handed out: a late duplicate
 * completion is then far more likely to hit a free slot (-EALREADY) than a
 * new request that reused its id. Every operation is O(1) except
 * lumen_rqst_init() and lumen_rqst_drain(), which are O(@size).
 *
 * Locking: the table takes no locks. The caller serialises every call on
 * one table with the lock that protects it (the channel's lock, or the
 * single context that owns the channel); lumen_rqst_busy_count() may be
 * read without it as a racy statistic only.
 */

/* Largest table: ids up to 65535. */
#define LUMEN_RQST_MAX_SIZE	65535u

/* &struct lumen_rqst_slot.next of an outstanding request. */
#define LUMEN_RQST_BUSY		0xffffffffu
/* &struct lumen_rqst_slot.next of the last free slot; also "list empty". */
#define LUMEN_RQST_END		0xfffffffeu

/**
 * struct lumen_rqst_slot - one entry of a transaction-id table
 * @cookie: the caller's cookie while the slot is busy; stale otherwise.
 * @next: %LUMEN_RQST_BUSY while the slot is busy; otherwise the index of
 *	the next free slot, or %LUMEN_RQST_END for the last one.
 *
 * Private to the table code; callers only provide the memory.
 */
struct lumen_rqst_slot {
	u64 cookie;
	u32 next;
};

/**
 * struct lumen_rqst_table - transaction ids of one channel
 * @slots: caller-provided array of @size slots (lumen_rqst_slots_size()
 *	bytes); slot i holds id i + 1.
 * @size: number of slots, 1 .. %LUMEN_RQST_MAX_SIZE; 0 only after a failed
 *	lumen_rqst_init(), and then the table refuses every id.
 * @free_head: index of the first free slot (the next to hand out), or
 *	%LUMEN_RQST_END when every slot is busy.
 * @free_tail: index of the last free slot (freed slots are appended after
 *	it), or %LUMEN_RQST_END when every slot is busy.
 * @busy: number of busy slots, 0 .. @size.
 *
 * Protected by the caller's lock (see the DOC section); constant @slots and
 * @size after lumen_rqst_init(). The table lives in guest-private memory
 * and is never shared with the host.
 */
struct lumen_rqst_table {
	struct lumen_rqst_slot *slots;
	u32 size;
	u32 free_head;
	u32 free_tail;
	u32 busy;
};

/**
 * lumen_rqst_slots_size() - bytes of slot memory a table of @size ids needs
 * @size: number of ids the table will hand out.
 *
 * The caller allocates this many bytes (or an array of @size
 * &struct lumen_rqst_slot) and passes it to lumen_rqst_init(). The memory
 * needs no initialisation.
 *
 * Context: Any context.
 * Return: the size in bytes, or 0 when @size is 0 or above
 * %LUMEN_RQST_MAX_SIZE (lumen_rqst_init() would refuse it).
 */
static inline size_t lumen_rqst_slots_size(u32 size)
{
	if (!size || size > LUMEN_RQST_MAX_SIZE)
		return 0;
	return (size_t)size * sizeof(struct lumen_rqst_slot);
}

/**
 * typedef lumen_rqst_drain_fn - called for each request lumen_rqst_drain()
 *	fails
 * @ctx: the caller's context pointer, passed through.
 * @id: the id the request had; its slot is already free.
 * @cookie: the cookie stored with the request.
 */
typedef void (*lumen_rqst_drain_fn)(void *ctx, u64 id, u64 cookie);

int lumen_rqst_init(struct lumen_rqst_table *t, u32 size,
		    struct lumen_rqst_slot *slots);
int lumen_rqst_get(struct lumen_rqst_table *t, u64 cookie, u64 *id);
int lumen_rqst_put(struct lumen_rqst_table *t, u64 id, u64 *cookie);
int lumen_rqst_peek(const struct lumen_rqst_table *t, u64 id, u64 *cookie);
u32 lumen_rqst_busy_count(const struct lumen_rqst_table *t);
u32 lumen_rqst_drain(struct lumen_rqst_table *t, lumen_rqst_drain_fn fn,
		     void *ctx);

#endif
