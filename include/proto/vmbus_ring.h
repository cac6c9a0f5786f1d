/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus ring buffers: the shared control page at the start of each ring and
 * the framing of the packets that travel through its data area (descriptor,
 * transfer-page and GPA-direct extensions, trailer). Wire layouts and
 * constants only.
 */
#ifndef _LUMEN_PROTO_VMBUS_RING_H
#define _LUMEN_PROTO_VMBUS_RING_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

/**
 * DOC: VMBus ring protocol
 *
 * An open channel has two rings in one GPADL: guest-to-host first, then
 * host-to-guest. Each ring is a whole number of 4 KiB pages: one control
 * page (&struct vmbus_ring_ctrl) followed by the data area, whose size is
 * the ring size minus %VMBUS_RING_CTRL_SIZE. Both indices are byte offsets
 * into the data area; the producer owns @write_index and @pending_send_sz,
 * the consumer owns @read_index and @interrupt_mask. The guest zeroes both
 * control pages before OPENCHANNEL.
 *
 * Indices are always multiples of 8 and smaller than the data size; a ring
 * showing anything else is corrupt. read == write means empty. A writer may
 * add a packet only if the free space is strictly larger than the packet, so
 * the ring never becomes completely full and read == write stays
 * unambiguous. Used bytes are write - read, or size - read + write after a
 * wrap; free bytes are size - used.
 *
 * A packet is a &struct vmbus_pkt_desc, an optional extension (transfer-page
 * or GPA-direct), the payload, zero padding to 8 bytes and an 8-byte
 * &struct vmbus_pkt_trailer. The descriptor's lengths count 8-byte units
 * (%VMBUS_PKT_SHIFT); the payload is bytes [offset8 * 8, len8 * 8) from the
 * descriptor and the trailer follows at len8 * 8. A packet may wrap from the
 * end of the data area to its start at any 8-byte boundary, so a reader of
 * a ring that is not mapped twice copies it in two pieces.
 *
 * Writer (the guest on the guest-to-host ring):
 *
 * 1. Check that free space > total packet size; else fail as busy, and
 *    optionally store the needed size in @pending_send_sz and wait.
 * 2. Copy descriptor, extension, payload, padding and trailer; the trailer
 *    holds the old write index. Never read back what was written.
 * 3. Full barrier, then publish the new @write_index.
 * 4. Full barrier. If the reader's @interrupt_mask is non-zero do not
 *    signal. Otherwise signal only if the ring was empty before this packet
 *    (old write index == current read index). Hyper-V throttles guests that
 *    signal at other times.
 *
 * Reader (the guest on the host-to-guest ring):
 *
 * 1. Optionally set @interrupt_mask to 1 while draining; full barrier.
 * 2. Read @write_index once (acquire), validate it, consume packets while
 *    advancing a private read index.
 * 3. Read barrier, then publish @read_index. If the ring's
 *    %VMBUS_RING_FEAT_PENDING_SEND_SZ bit is clear the writer polls: stop.
 * 4. Full barrier, read @pending_send_sz (P). With P == 0 nobody waits. With
 *    F = free bytes now and B = bytes consumed in this batch, signal only if
 *    F - B <= P and F > P (the writer moves from "not enough" to "enough";
 *    exactly P free still counts as not enough).
 * 5. Clear @interrupt_mask, full barrier, and look for data again to close
 *    the race with a writer that saw the mask set.
 *
 * %VMBUS_RING_FEAT_PENDING_SEND_SZ in @feature_bits: set by the guest on the
 * guest-to-host ring, it promises that the guest sets @pending_send_sz when
 * blocked there and signals the host when it frees enough space in the
 * host-to-guest ring; the host sets it on the host-to-guest ring with the
 * mirrored meaning. An endpoint without the bit polls a full ring and is
 * never signalled for space.
 *
 * Transaction ids: a %VMBUS_PKT_COMP packet carries the id of the packet it
 * completes. Hosts send completions only for packets with
 * %VMBUS_PKT_FLAG_COMPLETION_REQUESTED and a non-zero id; an incoming
 * packet with id 0 is unsolicited.
 */

/* Ring geometry: the control page, then the data area. */
#define VMBUS_RING_PAGE_SIZE		4096
#define VMBUS_RING_CTRL_SIZE		4096
#define VMBUS_RING_DATA_OFFSET		4096

/* vmbus_ring_ctrl.feature_bits */
#define VMBUS_RING_FEAT_PENDING_SEND_SZ	0x00000001

/* Packet lengths and offsets are counted in 8-byte units. */
#define VMBUS_PKT_SHIFT			3
#define VMBUS_PKT_ALIGN			8

/* Packet types (struct vmbus_pkt_desc.type). */
#define VMBUS_PKT_INVALID		0x0
#define VMBUS_PKT_SYNCH			0x1
#define VMBUS_PKT_ADD_XFER_PAGESET	0x2
#define VMBUS_PKT_RM_XFER_PAGESET	0x3
#define VMBUS_PKT_ESTABLISH_GPADL	0x4
#define VMBUS_PKT_TEARDOWN_GPADL	0x5
#define VMBUS_PKT_DATA_INBAND		0x6
#define VMBUS_PKT_DATA_XFER_PAGES	0x7
#define VMBUS_PKT_DATA_GPADL		0x8
#define VMBUS_PKT_DATA_GPA_DIRECT	0x9
#define VMBUS_PKT_CANCEL_REQUEST	0xa
#define VMBUS_PKT_COMP			0xb
#define VMBUS_PKT_DATA_ADDITIONAL_PKT	0xc
#define VMBUS_PKT_ADDITIONAL_DATA	0xd

/* Packet flags (struct vmbus_pkt_desc.flags); no other bit is defined. */
#define VMBUS_PKT_FLAG_COMPLETION_REQUESTED	0x0001

/* Smallest data offset: the descriptor itself, in 8-byte units. */
#define VMBUS_PKT_MIN_OFFSET8		2

/* Guest policy (Linux): most ranges / PFNs in the fixed GPA-direct forms. */
#define VMBUS_PKT_MAX_PAGE_RANGES	32
#define VMBUS_PKT_MPB_MAX_PFNS		32

/**
 * struct vmbus_ring_ctrl - control page at the start of each ring (shared
 *	by both ends)
 * @write_index: byte offset in the data area where the next packet goes;
 *	written by the ring's producer.
 * @read_index: byte offset in the data area of the next unread packet;
 *	written by the ring's consumer.
 * @interrupt_mask: non-zero while the consumer drains and wants no signal;
 *	written by the consumer.
 * @pending_send_sz: bytes the blocked producer waits for, 0 when not
 *	waiting; written by the producer.
 * @reserved1: reserved.
 * @feature_bits: VMBUS_RING_FEAT_* bits of the endpoint that owns this
 *	direction (see the DOC section).
 * @reserved2: reserved up to the end of the page; the data area starts at
 *	%VMBUS_RING_DATA_OFFSET.
 */
struct vmbus_ring_ctrl {
	__le32 write_index;
	__le32 read_index;
	__le32 interrupt_mask;
	__le32 pending_send_sz;
	u8 reserved1[48];
	__le32 feature_bits;
	u8 reserved2[4028];
};

static_assert(sizeof(struct vmbus_ring_ctrl) == VMBUS_RING_CTRL_SIZE);
static_assert(offsetof(struct vmbus_ring_ctrl, write_index) == 0);
static_assert(offsetof(struct vmbus_ring_ctrl, read_index) == 4);
static_assert(offsetof(struct vmbus_ring_ctrl, interrupt_mask) == 8);
static_assert(offsetof(struct vmbus_ring_ctrl, pending_send_sz) == 12);
static_assert(offsetof(struct vmbus_ring_ctrl, reserved1) == 16);
static_assert(offsetof(struct vmbus_ring_ctrl, feature_bits) == 64);
static_assert(offsetof(struct vmbus_ring_ctrl, reserved2) == 68);

/**
 * struct vmbus_pkt_desc - descriptor that starts every ring packet (both
 *	directions)
 * @type: packet type, one of VMBUS_PKT_* (%VMBUS_PKT_INVALID ..
 *	%VMBUS_PKT_ADDITIONAL_DATA).
 * @offset8: start of the payload from the descriptor, in 8-byte units,
 *	>= %VMBUS_PKT_MIN_OFFSET8.
 * @len8: packet length from the descriptor, in 8-byte units, without the
 *	trailer; >= @offset8.
 * @flags: VMBUS_PKT_FLAG_* bits.
 * @trans_id: transaction id; echoed by the %VMBUS_PKT_COMP packet that
 *	completes this one.
 */
struct vmbus_pkt_desc {
	__le16 type;
	__le16 offset8;
	__le16 len8;
	__le16 flags;
	__le64 trans_id;
};

static_assert(sizeof(struct vmbus_pkt_desc) == 16);
static_assert(offsetof(struct vmbus_pkt_desc, type) == 0);
static_assert(offsetof(struct vmbus_pkt_desc, offset8) == 2);
static_assert(offsetof(struct vmbus_pkt_desc, len8) == 4);
static_assert(offsetof(struct vmbus_pkt_desc, flags) == 6);
static_assert(offsetof(struct vmbus_pkt_desc, trans_id) == 8);
static_assert(sizeof(struct vmbus_pkt_desc) >> VMBUS_PKT_SHIFT == VMBUS_PKT_MIN_OFFSET8);

/**
 * struct vmbus_pkt_trailer - 8 bytes after every packet (both directions)
 * @reserved: low half of the 64-bit trailer, 0.
 * @start_offset: high half: the producer's write index where this packet
 *	started. Readers skip the trailer.
 */
struct vmbus_pkt_trailer {
	__le32 reserved;
	__le32 start_offset;
};

static_assert(sizeof(struct vmbus_pkt_trailer) == 8);
static_assert(offsetof(struct vmbus_pkt_trailer, reserved) == 0);
static_assert(offsetof(struct vmbus_pkt_trailer, start_offset) == 4);

/**
 * struct vmbus_pkt_xfer_range - one range of a transfer-page packet
 * @byte_count: bytes in the range.
 * @byte_offset: offset of the range inside the transfer page set.
 */
struct vmbus_pkt_xfer_range {
	__le32 byte_count;
	__le32 byte_offset;
};

static_assert(sizeof(struct vmbus_pkt_xfer_range) == 8);
static_assert(offsetof(struct vmbus_pkt_xfer_range, byte_count) == 0);
static_assert(offsetof(struct vmbus_pkt_xfer_range, byte_offset) == 4);

/**
 * struct vmbus_pkt_xfer_pages - header of a %VMBUS_PKT_DATA_XFER_PAGES
 *	packet (host to guest; netvsc receive)
 * @desc: descriptor, type %VMBUS_PKT_DATA_XFER_PAGES.
 * @xfer_set_id: transfer page set id (the GPADL-backed buffer it names).
 * @sender_owns_set: non-zero if the sender owns the set.
 * @reserved: reserved; may hold garbage.
 * @range_count: number of entries in @ranges.
 * @ranges: the ranges; the payload follows at @desc.offset8 * 8.
 */
struct vmbus_pkt_xfer_pages {
	struct vmbus_pkt_desc desc;
	__le16 xfer_set_id;
	u8 sender_owns_set;
	u8 reserved;
	__le32 range_count;
	struct vmbus_pkt_xfer_range ranges[];
};

static_assert(sizeof(struct vmbus_pkt_xfer_pages) == 24);
static_assert(offsetof(struct vmbus_pkt_xfer_pages, xfer_set_id) == 16);
static_assert(offsetof(struct vmbus_pkt_xfer_pages, sender_owns_set) == 18);
static_assert(offsetof(struct vmbus_pkt_xfer_pages, reserved) == 19);
static_assert(offsetof(struct vmbus_pkt_xfer_pages, range_count) == 20);
static_assert(offsetof(struct vmbus_pkt_xfer_pages, ranges) == 24);

/**
 * struct vmbus_pkt_gpa_range - one range of a GPA-direct packet
 * @byte_count: bytes in the range.
 * @byte_offset: offset of the first byte in the first page, < 4096.
 * @pfn: ceil((@byte_offset + @byte_count) / 4096) page frame numbers.
 */
struct vmbus_pkt_gpa_range {
	__le32 byte_count;
	__le32 byte_offset;
	__le64 pfn[];
};

static_assert(sizeof(struct vmbus_pkt_gpa_range) == 8);
static_assert(offsetof(struct vmbus_pkt_gpa_range, byte_count) == 0);
static_assert(offsetof(struct vmbus_pkt_gpa_range, byte_offset) == 4);
static_assert(offsetof(struct vmbus_pkt_gpa_range, pfn) == 8);

/**
 * struct vmbus_pkt_gpa_direct - header of a %VMBUS_PKT_DATA_GPA_DIRECT
 *	packet (guest to host; netvsc send, storvsc I/O)
 * @desc: descriptor, type %VMBUS_PKT_DATA_GPA_DIRECT; Linux always sets
 *	%VMBUS_PKT_FLAG_COMPLETION_REQUESTED.
 * @reserved: 0 when sent; may hold garbage when received.
 * @range_count: number of ranges that follow back to back (non-zero).
 *
 * The ranges (&struct vmbus_pkt_gpa_range, &struct vmbus_pkt_page_range or
 * &struct vmbus_pkt_mpb_range) start at offset 24; the payload starts at
 * @desc.offset8 * 8 = 24 + size of all ranges.
 */
struct vmbus_pkt_gpa_direct {
	struct vmbus_pkt_desc desc;
	__le32 reserved;
	__le32 range_count;
};

static_assert(sizeof(struct vmbus_pkt_gpa_direct) == 24);
static_assert(offsetof(struct vmbus_pkt_gpa_direct, reserved) == 16);
static_assert(offsetof(struct vmbus_pkt_gpa_direct, range_count) == 20);

/**
 * struct vmbus_pkt_page_range - GPA-direct range covering one page
 *	("page buffer" form, up to %VMBUS_PKT_MAX_PAGE_RANGES per packet)
 * @byte_count: bytes used in the page.
 * @byte_offset: offset of the first byte in the page.
 * @pfn: page frame number.
 */
struct vmbus_pkt_page_range {
	__le32 byte_count;
	__le32 byte_offset;
	__le64 pfn;
};

static_assert(sizeof(struct vmbus_pkt_page_range) == 16);
static_assert(offsetof(struct vmbus_pkt_page_range, byte_count) == 0);
static_assert(offsetof(struct vmbus_pkt_page_range, byte_offset) == 4);
static_assert(offsetof(struct vmbus_pkt_page_range, pfn) == 8);

/**
 * struct vmbus_pkt_mpb_range - GPA-direct range with a fixed PFN array
 *	("multi-page buffer" form)
 * @byte_count: bytes in the range.
 * @byte_offset: offset of the first byte in the first page.
 * @pfn: page frame numbers; only the first
 *	ceil((@byte_offset + @byte_count) / 4096) are used.
 *
 * On the wire only the used PFNs are sent: the range occupies 8 + 8 * used
 * bytes, not sizeof(struct vmbus_pkt_mpb_range).
 */
struct vmbus_pkt_mpb_range {
	__le32 byte_count;
	__le32 byte_offset;
	__le64 pfn[VMBUS_PKT_MPB_MAX_PFNS];
};

static_assert(sizeof(struct vmbus_pkt_mpb_range) == 264);
static_assert(offsetof(struct vmbus_pkt_mpb_range, byte_count) == 0);
static_assert(offsetof(struct vmbus_pkt_mpb_range, byte_offset) == 4);
static_assert(offsetof(struct vmbus_pkt_mpb_range, pfn) == 8);

#endif /* _LUMEN_PROTO_VMBUS_RING_H */
