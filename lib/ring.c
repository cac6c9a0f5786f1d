// SPDX-License-Identifier: GPL-2.0
/*
 * VMBus ring buffer: producer and consumer sides of one ring, as pure code.
 * hv_vmbus uses it as the guest (producer of the guest-to-host ring,
 * consumer of the host-to-guest ring) and hvsim as the host (the mirror
 * roles); KUnit, the userspace tests and the fuzzer build it on plain
 * memory. The rules are those of the DOC section in <proto/vmbus_ring.h>.
 *
 * Built into hv_vmbus, hvsim and the VMBus benchmark, each its own copy
 * exporting nothing (see lib/README); KUnit, the userspace tests and the
 * fuzzer #include it.
 *
 * Barrier pairs (P = producer, C = consumer), named again at each site:
 *
 *  (1) P: packet bytes, virt_mb(), store write_index.
 *      C: load-acquire write_index, then read packet bytes.
 *  (2) C: read packet bytes, virt_mb(), store read_index.
 *      P: load-acquire read_index, then overwrite the freed bytes.
 *  (3) P: store write_index, virt_mb(), load interrupt_mask / read_index
 *         (the "was the ring empty" signal decision).
 *      C: store interrupt_mask = 0 (or read_index), virt_mb(), load
 *         write_index (lumen_ring_intr_unmask() / the next peek).
 *      Either the producer sees the consumer idle and signals, or the
 *      consumer sees the new packet.
 *  (4) P: store pending_send_sz, virt_mb(), retry the write (load
 *         read_index).
 *      C: store read_index, virt_mb(), load pending_send_sz.
 *      Either the producer sees the space, or the consumer sees that the
 *      producer waits and decides whether to signal.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/overflow.h>
#include <linux/kernel.h>
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <asm/byteorder.h>

#include <proto/vmbus_ring.h>
#include <lumen/ring.h>

#define LUMEN_RING_DESC_SIZE	((u32)sizeof(struct vmbus_pkt_desc))
#define LUMEN_RING_TRAILER_SIZE	((u32)sizeof(struct vmbus_pkt_trailer))

/* An index the other side wrote is usable only below size and 8-aligned. */
static bool lumen_ring_index_ok(const struct lumen_ring *r, u32 idx)
{
	return idx < r->size && !(idx & (VMBUS_PKT_ALIGN - 1));
}

/* Bytes from @from forward to @to; both are valid indices. */
static u32 lumen_ring_dist(const struct lumen_ring *r, u32 from, u32 to)
{
	return to >= from ? to - from : r->size - from + to;
}

/* @idx moved forward by @n <= size bytes, wrapped; never overflows. */
static u32 lumen_ring_fwd(const struct lumen_ring *r, u32 idx, u32 n)
{
	u32 room = r->size - idx;

	return n >= room ? n - room : idx + n;
}

/*
 * Copy @len < size bytes into the data area at @off, wrapping at the end:
 * in one piece when the area is mapped twice, else in two.
 */
static u32 lumen_ring_put(struct lumen_ring *r, u32 off, const void *src,
			  u32 len)
{
	u32 room = r->size - off;

	if (!len)
		return off;
	if (len <= room || r->double_mapped) {
		memcpy(r->data + off, src, len);
	} else {
		memcpy(r->data + off, src, room);
		memcpy(r->data, (const u8 *)src + room, len - room);
	}
	return lumen_ring_fwd(r, off, len);
}

/* Copy @len < size bytes out of the data area at @off, wrapping. */
static void lumen_ring_get(const struct lumen_ring *r, u32 off, void *dst,
			   u32 len)
{
	u32 room = r->size - off;

	if (!len)
		return;
	if (len <= room || r->double_mapped) {
		memcpy(dst, r->data + off, len);
	} else {
		memcpy(dst, r->data + off, room);
		memcpy((u8 *)dst + room, r->data, len - room);
	}
}

/**
 * lumen_ring_init() - set up one endpoint's view of a ring
 * @r: the view to initialise.
 * @ctrl: the ring's control page.
 * @data: the ring's data area (@size bytes; 2 * @size if @double_mapped).
 * @size: data area size in bytes: a multiple of 8, at least
 *	%LUMEN_RING_MIN_SIZE.
 * @double_mapped: @data is followed by a second mapping of the same pages.
 *
 * The private indices start at 0, as both shared indices do on a ring whose
 * control page was zeroed before the channel was opened. Shared memory is
 * neither read nor written.
 *
 * Context: any context.
 * Return: 0, or -EINVAL if @size is not a multiple of 8 or too small.
 */
int lumen_ring_init(struct lumen_ring *r, struct vmbus_ring_ctrl *ctrl,
		    void *data, u32 size, bool double_mapped)
{
	if (size < LUMEN_RING_MIN_SIZE || (size & (VMBUS_PKT_ALIGN - 1)))
		return -EINVAL;
	r->ctrl = ctrl;
	r->data = data;
	r->size = size;
	r->double_mapped = double_mapped;
	r->priv_write = 0;
	r->priv_read = 0;
	r->batch_start = 0;
	return 0;
}

/**
 * lumen_ring_write() - producer: add one packet to the ring
 * @r: the ring, seen by its producer.
 * @bufs: the packet's pieces, copied back to back; @bufs[0] starts with the
 *	caller's &struct vmbus_pkt_desc, whose lengths the ring does not check.
 * @nbufs: number of pieces.
 * @signal: set to true if the consumer must be signalled, else false.
 *
 * The packet is followed by zero padding to 8 bytes and the trailer holding
 * the packet's start offset. The consumer's read index is read once; the
 * shared write index is never read back. The new write index is published
 * after a full barrier, and @signal is true only if the consumer has not
 * masked interrupts and the ring was empty before this packet.
 *
 * Context: any context; the caller serialises the producer calls on @r.
 * Return: 0 on success;
 * -EINVAL if the pieces total less than a descriptor;
 * -EMSGSIZE if the packet could never fit in the ring;
 * -ERANGE if the consumer's read index is not a multiple of 8 below the
 * data size (corrupt ring);
 * -EAGAIN if the free space is not strictly larger than the packet with its
 * padding and trailer (retry later, see lumen_ring_set_pending_send()).
 */
int lumen_ring_write(struct lumen_ring *r, const struct lumen_ring_buf *bufs,
		     unsigned int nbufs, bool *signal)
{
	struct vmbus_pkt_trailer trailer = {};
	u8 tail[VMBUS_PKT_ALIGN + sizeof(trailer)] = {};
	u32 total = 0, pkt_len, ring_len, pad, rd, old, wr;
	unsigned int i;

	*signal = false;
	for (i = 0; i < nbufs; i++)
		if (check_add_overflow(total, bufs[i].len, &total))
			return -EMSGSIZE;
	if (total < LUMEN_RING_DESC_SIZE)
		return -EINVAL;
	/* total < size keeps the ALIGN() below size, so nothing overflows. */
	if (total >= r->size)
		return -EMSGSIZE;
	pkt_len = ALIGN(total, VMBUS_PKT_ALIGN);
	if (pkt_len >= r->size - LUMEN_RING_TRAILER_SIZE)
		return -EMSGSIZE;
	ring_len = pkt_len + LUMEN_RING_TRAILER_SIZE;

	/*
	 * Pair (2): the acquire orders our stores into the freed bytes after
	 * the consumer's reads of them (its virt_mb() before storing
	 * read_index).
	 */
	rd = le32_to_cpu(virt_load_acquire(&r->ctrl->read_index));
	if (!lumen_ring_index_ok(r, rd))
		return -ERANGE;
	old = r->priv_write;
	/* Free = size - used; it must stay > ring_len (never exactly full). */
	if (r->size - lumen_ring_dist(r, rd, old) <= ring_len)
		return -EAGAIN;

	wr = old;
	for (i = 0; i < nbufs; i++)
		wr = lumen_ring_put(r, wr, bufs[i].data, bufs[i].len);
	pad = pkt_len - total;
	trailer.start_offset = cpu_to_le32(old);
	memcpy(tail + pad, &trailer, sizeof(trailer));
	wr = lumen_ring_put(r, wr, tail, pad + LUMEN_RING_TRAILER_SIZE);

	/*
	 * Pair (1): the packet bytes before the new write index; the other
	 * side is the consumer's load-acquire of write_index in peek.
	 */
	virt_mb();
	WRITE_ONCE(r->ctrl->write_index, cpu_to_le32(wr));
	r->priv_write = wr;

	/*
	 * Pair (3): the write index store before the loads of interrupt_mask
	 * and read_index; the other side is the consumer's virt_mb() after
	 * storing interrupt_mask (lumen_ring_intr_unmask()) or read_index
	 * (lumen_ring_read_commit()).
	 */
	virt_mb();
	if (READ_ONCE(r->ctrl->interrupt_mask))
		return 0;
	/* interrupt_mask before read_index, as the consumer stores them. */
	virt_rmb();
	/*
	 * A second, fresh read: only compared, never used as an index. The
	 * first one may predate a consumer that has since caught up and gone
	 * idle, which only this read shows:
	 *
	 *   producer                      consumer
	 *   rd = read_index (stale)
	 *                                 drain to old; read_index = old
	 *                                 mask = 0; virt_mb()
	 *                                 write_index == old: sleep
	 *   write_index = wr; virt_mb()
	 *   mask == 0, read_index == old  -> signal (rd != old would not)
	 */
	*signal = le32_to_cpu(READ_ONCE(r->ctrl->read_index)) == old;
	return 0;
}

/**
 * lumen_ring_set_pending_send() - producer: announce the space it waits for
 * @r: the ring, seen by its producer.
 * @bytes: free bytes needed (the failed packet's size with padding and
 *	trailer), or 0 when no longer waiting.
 *
 * Followed by a full barrier: after announcing, retry lumen_ring_write()
 * before sleeping, since the consumer may have freed the space just before
 * it could see the announcement. Only meaningful if this endpoint set
 * %VMBUS_RING_FEAT_PENDING_SEND_SZ in the ring's feature bits.
 *
 * Context: any context; the caller serialises the producer calls on @r.
 */
void lumen_ring_set_pending_send(struct lumen_ring *r, u32 bytes)
{
	WRITE_ONCE(r->ctrl->pending_send_sz, cpu_to_le32(bytes));
	/*
	 * Pair (4): pending_send_sz before the retry's load of read_index;
	 * the other side is the consumer's virt_mb() between storing
	 * read_index and loading pending_send_sz.
	 */
	virt_mb();
}

/**
 * lumen_ring_peek() - consumer: copy out and check the next packet
 * @r: the ring, seen by its consumer.
 * @buf: private buffer that receives the whole packet, descriptor first.
 * @buflen: size of @buf in bytes.
 * @out: filled with the packet's fields on success.
 *
 * The producer's write index is read once (acquire) and checked. The
 * descriptor is copied into @buf and checked there; only then is the rest
 * of the packet copied. Shared bytes are never read twice. The packet stays
 * on the ring until lumen_ring_advance().
 *
 * Context: any context; the caller serialises the consumer calls on @r.
 * Return: 0 and @out filled on success;
 * -ERANGE if the write index is not a multiple of 8 below the data size;
 * -ENODATA if the ring is empty;
 * -EPROTO if fewer bytes are published than the smallest packet, if the
 * descriptor has len8 < 2, offset8 < 2 or offset8 > len8, or if the
 * packet and its trailer are longer than the published bytes;
 * -EMSGSIZE if @buf cannot hold the descriptor or the packet.
 * On error @out is not written and the ring is not advanced.
 */
int lumen_ring_peek(struct lumen_ring *r, void *buf, u32 buflen,
		    struct lumen_ring_pkt *out)
{
	struct vmbus_pkt_desc desc;
	u32 rd = r->priv_read, wr, avail, len, offset;
	u16 len8, offset8;

	/*
	 * Pair (1): the acquire orders the packet reads below after the
	 * producer's virt_mb() that preceded its write_index store.
	 */
	wr = le32_to_cpu(virt_load_acquire(&r->ctrl->write_index));
	if (!lumen_ring_index_ok(r, wr))
		return -ERANGE;
	avail = lumen_ring_dist(r, rd, wr);
	if (!avail)
		return -ENODATA;
	if (avail < LUMEN_RING_DESC_SIZE + LUMEN_RING_TRAILER_SIZE)
		return -EPROTO;
	if (buflen < LUMEN_RING_DESC_SIZE)
		return -EMSGSIZE;

	/* Copy, then validate the private copy. */
	lumen_ring_get(r, rd, buf, LUMEN_RING_DESC_SIZE);
	memcpy(&desc, buf, sizeof(desc));
	len8 = le16_to_cpu(desc.len8);
	offset8 = le16_to_cpu(desc.offset8);
	if (len8 < VMBUS_PKT_MIN_OFFSET8 || offset8 < VMBUS_PKT_MIN_OFFSET8 ||
	    offset8 > len8)
		return -EPROTO;
	/* At most 0xffff << 3: neither this nor + 8 overflows a u32. */
	len = (u32)len8 << VMBUS_PKT_SHIFT;
	offset = (u32)offset8 << VMBUS_PKT_SHIFT;
	if (len + LUMEN_RING_TRAILER_SIZE > avail)
		return -EPROTO;
	if (len > buflen)
		return -EMSGSIZE;

	lumen_ring_get(r, lumen_ring_fwd(r, rd, LUMEN_RING_DESC_SIZE),
		       (u8 *)buf + LUMEN_RING_DESC_SIZE,
		       len - LUMEN_RING_DESC_SIZE);

	out->type = le16_to_cpu(desc.type);
	out->flags = le16_to_cpu(desc.flags);
	out->trans_id = le64_to_cpu(desc.trans_id);
	out->offset = offset;
	out->len = len - offset;
	out->ring_len = len + LUMEN_RING_TRAILER_SIZE;
	return 0;
}

/**
 * lumen_ring_advance() - consumer: step over the packet last peeked
 * @r: the ring, seen by its consumer.
 * @pkt: the packet lumen_ring_peek() returned.
 *
 * Moves the private read index past the packet and its trailer. Nothing is
 * published until lumen_ring_read_commit().
 *
 * Context: any context; the caller serialises the consumer calls on @r.
 * Return: 0, or -EINVAL if @pkt->ring_len cannot be a packet of this ring
 * (not a multiple of 8, shorter than a descriptor and trailer, or not
 * below the data size); the index is then left alone.
 */
int lumen_ring_advance(struct lumen_ring *r, const struct lumen_ring_pkt *pkt)
{
	u32 n = pkt->ring_len;

	if (n < LUMEN_RING_DESC_SIZE + LUMEN_RING_TRAILER_SIZE ||
	    (n & (VMBUS_PKT_ALIGN - 1)) || n >= r->size)
		return -EINVAL;
	r->priv_read = lumen_ring_fwd(r, r->priv_read, n);
	return 0;
}

/**
 * lumen_ring_read_commit() - consumer: publish the read index
 * @r: the ring, seen by its consumer.
 *
 * Publishes the private read index after a full barrier, which ends the
 * current batch. Then, if the ring's %VMBUS_RING_FEAT_PENDING_SEND_SZ bit
 * is set and the producer waits for P = pending_send_sz bytes, decides
 * whether to wake it: with F the free bytes now and B the bytes consumed
 * since the previous commit, signal only if F - B <= P (the producer did
 * not have enough before) and F > P (it has now; exactly P is not enough,
 * as the ring may never become completely full).
 *
 * Context: any context; the caller serialises the consumer calls on @r.
 * Return: true if the producer must be signalled, else false (also when
 * the write index is corrupt; the next peek reports that).
 */
bool lumen_ring_read_commit(struct lumen_ring *r)
{
	u32 rd = r->priv_read, consumed, pending, wr, free;

	consumed = lumen_ring_dist(r, r->batch_start, rd);
	r->batch_start = rd;

	/*
	 * Pair (2): our reads of the consumed packets before the read index
	 * store; the other side is the producer's load-acquire of read_index.
	 */
	virt_mb();
	WRITE_ONCE(r->ctrl->read_index, cpu_to_le32(rd));

	if (!(le32_to_cpu(READ_ONCE(r->ctrl->feature_bits)) &
	      VMBUS_RING_FEAT_PENDING_SEND_SZ))
		return false;
	/*
	 * Pair (4): the read index store before the pending_send_sz load; the
	 * other side is the producer's virt_mb() after storing
	 * pending_send_sz.
	 */
	virt_mb();
	pending = le32_to_cpu(READ_ONCE(r->ctrl->pending_send_sz));
	if (!pending)
		return false;
	/* pending_send_sz before write_index, as the producer stores them. */
	virt_rmb();
	wr = le32_to_cpu(READ_ONCE(r->ctrl->write_index));
	if (!lumen_ring_index_ok(r, wr))
		return false;
	free = r->size - lumen_ring_dist(r, rd, wr);
	/* F - B <= P without underflow: F <= P + B, in 64 bits. */
	return free > pending && (u64)free <= (u64)pending + consumed;
}

/**
 * lumen_ring_intr_mask() - consumer: ask the producer not to signal
 * @r: the ring, seen by its consumer.
 *
 * Sets interrupt_mask while the consumer drains, then a full barrier.
 *
 * Context: any context; the caller serialises the consumer calls on @r.
 */
void lumen_ring_intr_mask(struct lumen_ring *r)
{
	WRITE_ONCE(r->ctrl->interrupt_mask, cpu_to_le32(1));
	/*
	 * Orders the mask before the drain's loads of write_index; the other
	 * side is the producer's virt_mb() before loading interrupt_mask.
	 */
	virt_mb();
}

/**
 * lumen_ring_intr_unmask() - consumer: allow signals again and re-check
 * @r: the ring, seen by its consumer.
 *
 * Clears interrupt_mask, issues a full barrier and looks at the write index
 * once more: a producer that published a packet while the mask was still
 * set did not signal, so the consumer must drain again.
 *
 * Context: any context; the caller serialises the consumer calls on @r.
 * Return: true if the write index differs from the private read index
 * (data pending, or a corrupt index that the next peek reports), false if
 * the ring is empty.
 */
bool lumen_ring_intr_unmask(struct lumen_ring *r)
{
	WRITE_ONCE(r->ctrl->interrupt_mask, 0);
	/*
	 * Pair (3): the mask store before the write_index load; the other
	 * side is the producer's virt_mb() between storing write_index and
	 * loading interrupt_mask.
	 */
	virt_mb();
	return le32_to_cpu(READ_ONCE(r->ctrl->write_index)) != r->priv_read;
}

/**
 * lumen_ring_position() - where both sides of a receive ring stand
 * @r: the consumer's ring.
 *
 * The producer's write_index (read once, only compared) and the
 * consumer's private read index in one value: equal values taken before
 * and after a reader ran mean that nothing arrived and nothing was read.
 *
 * Context: the consumer.
 * Return: an opaque position, only to compare with another one.
 */
u64 lumen_ring_position(const struct lumen_ring *r)
{
	return (u64)le32_to_cpu(READ_ONCE(r->ctrl->write_index)) << 32 |
	       r->priv_read;
}

/**
 * lumen_ring_bytes_to_read() - bytes published and not yet consumed
 * @r: the ring, seen by either endpoint.
 *
 * Computed from the shared indices, each read once; for sysfs and
 * debugging, not for flow control.
 *
 * Context: any context.
 * Return: the used bytes, or 0 if either index is corrupt.
 */
u32 lumen_ring_bytes_to_read(const struct lumen_ring *r)
{
	u32 wr = le32_to_cpu(READ_ONCE(r->ctrl->write_index));
	u32 rd = le32_to_cpu(READ_ONCE(r->ctrl->read_index));

	if (!lumen_ring_index_ok(r, wr) || !lumen_ring_index_ok(r, rd))
		return 0;
	return lumen_ring_dist(r, rd, wr);
}

/**
 * lumen_ring_bytes_to_write() - free bytes according to the shared indices
 * @r: the ring, seen by either endpoint.
 *
 * Computed from the shared indices, each read once; for sysfs and
 * debugging. A packet fits only if this is strictly larger than it.
 *
 * Context: any context.
 * Return: the free bytes, or 0 if either index is corrupt.
 */
u32 lumen_ring_bytes_to_write(const struct lumen_ring *r)
{
	u32 wr = le32_to_cpu(READ_ONCE(r->ctrl->write_index));
	u32 rd = le32_to_cpu(READ_ONCE(r->ctrl->read_index));

	if (!lumen_ring_index_ok(r, wr) || !lumen_ring_index_ok(r, rd))
		return 0;
	return r->size - lumen_ring_dist(r, rd, wr);
}
