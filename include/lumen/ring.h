/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus ring buffer: one direction of a channel, as pure code shared by the
 * guest (hv_vmbus) and the simulated host (hvsim). The wire layout is in
 * <proto/vmbus_ring.h>; this header is the API over it.
 */
#ifndef _LUMEN_RING_H
#define _LUMEN_RING_H

#include <linux/types.h>
#include <proto/vmbus_ring.h>

/**
 * DOC: Lumen ring API
 *
 * A &struct lumen_ring describes one ring (one direction) as seen by one
 * endpoint, which is either its producer or its consumer:
 *
 * ============== ===================== =====================
 * Ring           guest (hv_vmbus)      host (hvsim)
 * ============== ===================== =====================
 * guest-to-host  producer              consumer
 * host-to-guest  consumer              producer
 * ============== ===================== =====================
 *
 * Producer: lumen_ring_write() per packet; lumen_ring_set_pending_send()
 * when blocked on space (then retry the write before sleeping).
 *
 * Consumer: optionally lumen_ring_intr_mask(); then lumen_ring_peek() and
 * lumen_ring_advance() per packet until -ENODATA; lumen_ring_read_commit()
 * to publish the batch; lumen_ring_intr_unmask() and drain again if it
 * returns true.
 *
 * The ring code takes no locks, allocates nothing and logs nothing. The
 * caller serialises all producer calls on a ring against each other, and
 * all consumer calls against each other; one producer and one consumer
 * (possibly the other side of the VMBus) may run concurrently. Whatever
 * the other side writes into the control page or the data area is
 * untrusted: every shared index is read once, validated and only then
 * used, and packet bytes are copied out before they are checked.
 */

/* Smallest data area: one minimal packet (descriptor + trailer) + 8 free. */
#define LUMEN_RING_MIN_SIZE	32

/**
 * struct lumen_ring - one endpoint's view of one VMBus ring
 * @ctrl: the ring's control page. Shared with the other side; only the
 *	fields this endpoint's role owns are ever written.
 * @data: the ring's data area, @size bytes (2 * @size addressable when
 *	@double_mapped). Shared with the other side.
 * @size: data area size in bytes; a multiple of 8, at least
 *	%LUMEN_RING_MIN_SIZE. Private, constant after lumen_ring_init().
 * @double_mapped: the data area is mapped twice back to back, so a copy
 *	that crosses its end may run on into the second mapping. Private,
 *	constant after lumen_ring_init().
 * @priv_write: producer only, private: the write index this endpoint last
 *	published. The producer never reads the shared write index back.
 * @priv_read: consumer only, private: the read index just past the last
 *	packet consumed with lumen_ring_advance(), not yet necessarily
 *	published.
 * @batch_start: consumer only, private: the read index published by the
 *	last lumen_ring_read_commit() (start of the current batch).
 *
 * Nothing here is locked by the ring code: the caller serialises the
 * producer calls, and separately the consumer calls, on one ring. The
 * private indices are always multiples of 8 below @size.
 */
struct lumen_ring {
	struct vmbus_ring_ctrl *ctrl;
	u8 *data;
	u32 size;
	bool double_mapped;
	u32 priv_write;
	u32 priv_read;
	u32 batch_start;
};

/**
 * struct lumen_ring_buf - one piece of a packet to write
 * @data: bytes to copy into the ring.
 * @len: number of bytes at @data; may be 0 or any length, pieces are
 *	copied back to back without padding between them.
 */
struct lumen_ring_buf {
	const void *data;
	u32 len;
};

/**
 * struct lumen_ring_pkt - one packet returned by lumen_ring_peek()
 * @type: descriptor type, one of VMBUS_PKT_* (not checked by the ring).
 * @flags: descriptor flags, VMBUS_PKT_FLAG_* bits (not checked).
 * @trans_id: descriptor transaction id.
 * @offset: byte offset of the payload in the caller's buffer
 *	(offset8 * 8); the descriptor and any extension come before it.
 * @len: payload length in bytes ((len8 - offset8) * 8); @offset + @len is
 *	the number of bytes of the caller's buffer that were filled.
 * @ring_len: bytes the packet occupies on the ring, trailer included
 *	(len8 * 8 + 8); what lumen_ring_advance() skips.
 */
struct lumen_ring_pkt {
	u16 type;
	u16 flags;
	u64 trans_id;
	u32 offset;
	u32 len;
	u32 ring_len;
};

int lumen_ring_init(struct lumen_ring *r, struct vmbus_ring_ctrl *ctrl,
		    void *data, u32 size, bool double_mapped);

int lumen_ring_write(struct lumen_ring *r, const struct lumen_ring_buf *bufs,
		     unsigned int nbufs, bool *signal);
void lumen_ring_set_pending_send(struct lumen_ring *r, u32 bytes);

int lumen_ring_peek(struct lumen_ring *r, void *buf, u32 buflen,
		    struct lumen_ring_pkt *out);
int lumen_ring_advance(struct lumen_ring *r, const struct lumen_ring_pkt *pkt);
bool lumen_ring_read_commit(struct lumen_ring *r);
void lumen_ring_intr_mask(struct lumen_ring *r);
bool lumen_ring_intr_unmask(struct lumen_ring *r);
u64 lumen_ring_position(const struct lumen_ring *r);

u32 lumen_ring_bytes_to_read(const struct lumen_ring *r);
u32 lumen_ring_bytes_to_write(const struct lumen_ring *r);

#endif /* _LUMEN_RING_H */
