/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lumen echo device: a test device that hvsim (Lumen's simulated Hyper-V
 * host) offers so that the guest's VMBus channel code can be exercised end
 * to end. It is NOT a Hyper-V device and no real host offers it. Wire
 * layouts and constants only.
 */
#ifndef _LUMEN_PROTO_ECHO_H
#define _LUMEN_PROTO_ECHO_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/uuid.h>

/**
 * DOC: Lumen echo device
 *
 * The echo device is an ordinary VMBus channel (one ring pair, no
 * sub-channels, no monitor id) with the class GUID %LUMEN_GUID_ECHO and a
 * random instance GUID per device. After OPENCHANNEL the guest sends
 * packets on its guest-to-host ring and the host answers on the
 * host-to-guest ring:
 *
 * - %VMBUS_PKT_DATA_INBAND: if %VMBUS_PKT_FLAG_COMPLETION_REQUESTED is set
 *   and the transaction id is not 0, the host answers with a
 *   %VMBUS_PKT_COMP packet carrying the same transaction id and the same
 *   payload (all len8 * 8 - offset8 * 8 bytes, padding included).
 * - %VMBUS_PKT_DATA_GPA_DIRECT: the GPA ranges (&struct vmbus_pkt_gpa_range,
 *   back to back after &struct vmbus_pkt_gpa_direct) name guest memory; the
 *   payload is a &struct lumen_echo_gpa_req. %LUMEN_ECHO_OP_READ reads every
 *   byte the ranges describe, in range order; %LUMEN_ECHO_OP_FILL writes
 *   LUMEN_ECHO_FILL_BYTE(seed, k) to the k-th described byte (k counts from
 *   0 across all ranges). Either way the completion carries a
 *   &struct lumen_echo_gpa_resp with the CRC-32C of the bytes read or
 *   written. A range must have a non-zero byte count, a byte offset below
 *   4096 and exactly ceil((offset + count) / 4096) PFNs, each naming guest
 *   memory; the ranges are all checked before any byte is touched.
 * - %VMBUS_PKT_DATA_XFER_PAGES is not served: a completion with
 *   %LUMEN_ECHO_STATUS_BAD_TYPE if one was requested.
 * - %VMBUS_PKT_COMP from the guest (the device never asks for one) is
 *   counted as a bad packet and never answered.
 *
 * Every error completion carries a &struct lumen_echo_gpa_resp with a
 * non-zero status, zero bytes and a zero CRC. A packet without
 * %VMBUS_PKT_FLAG_COMPLETION_REQUESTED, or with transaction id 0, gets no
 * answer at all, as on Hyper-V.
 *
 * Ring-level errors are the host's, not the device's, and behave as on a
 * Hyper-V host: a packet of a type no host accepts (anything but
 * %VMBUS_PKT_DATA_INBAND, %VMBUS_PKT_DATA_XFER_PAGES,
 * %VMBUS_PKT_DATA_GPA_DIRECT and %VMBUS_PKT_COMP), a descriptor flag other
 * than %VMBUS_PKT_FLAG_COMPLETION_REQUESTED, a GPA-direct packet with no
 * range or a data offset inside its header, a corrupt ring index or packet
 * length, or a packet longer than %LUMEN_ECHO_MAX_PACKET stops the channel
 * for good: the host reads and writes nothing more until it is closed.
 */

/*
 * Lumen echo test device class (Lumen's own, not Hyper-V's):
 * bf540ecf-acb3-4187-9878-f4d307853dba
 */
#define LUMEN_GUID_ECHO							\
	GUID_INIT(0xbf540ecf, 0xacb3, 0x4187, 0x98, 0x78,		\
		  0xf4, 0xd3, 0x07, 0x85, 0x3d, 0xba)

/* Longest packet (descriptor to end of payload, len8 * 8) the host takes. */
#define LUMEN_ECHO_MAX_PACKET		(64 * 1024 + 64)

/* struct lumen_echo_gpa_req.op */
#define LUMEN_ECHO_OP_READ		1
#define LUMEN_ECHO_OP_FILL		2

/* struct lumen_echo_gpa_resp.status */
#define LUMEN_ECHO_STATUS_OK		0	/* done */
#define LUMEN_ECHO_STATUS_BAD_TYPE	1	/* packet type not served */
#define LUMEN_ECHO_STATUS_BAD_OP	2	/* unknown op */
#define LUMEN_ECHO_STATUS_BAD_REQUEST	3	/* payload shorter than the request */
#define LUMEN_ECHO_STATUS_BAD_RANGE	4	/* malformed range or PFN not memory */

/*
 * Byte @k (counted from 0 across all ranges) that %LUMEN_ECHO_OP_FILL
 * writes for seed @seed: bits 31:24 of (seed + k) * 0x9e3779b1, in u32
 * arithmetic.
 */
#define LUMEN_ECHO_FILL_BYTE(seed, k)					\
	((u8)((((u32)(seed) + (u32)(k)) * 0x9e3779b1U) >> 24))

/**
 * struct lumen_echo_gpa_req - payload of a GPA-direct echo packet
 * @op: %LUMEN_ECHO_OP_READ or %LUMEN_ECHO_OP_FILL.
 * @seed: %LUMEN_ECHO_OP_FILL: seed of the pattern (LUMEN_ECHO_FILL_BYTE());
 *	ignored by %LUMEN_ECHO_OP_READ.
 *
 * The payload may be longer (padding to 8 bytes); the rest is ignored.
 */
struct lumen_echo_gpa_req {
	__le32 op;
	__le32 seed;
};

static_assert(sizeof(struct lumen_echo_gpa_req) == 8);
static_assert(offsetof(struct lumen_echo_gpa_req, op) == 0);
static_assert(offsetof(struct lumen_echo_gpa_req, seed) == 4);

/**
 * struct lumen_echo_gpa_resp - payload of an echo completion that is not an
 *	inband echo
 * @status: LUMEN_ECHO_STATUS_*.
 * @bytes: bytes read or written (the sum of the ranges' byte counts); 0 on
 *	error.
 * @crc32c: standard CRC-32C (Castagnoli, reflected, initial value and final
 *	xor 0xffffffff; "123456789" gives 0xe3069283) of those bytes in order;
 *	0 on error.
 *
 * On the ring the payload is padded to 16 bytes with zeros.
 */
struct lumen_echo_gpa_resp {
	__le32 status;
	__le32 bytes;
	__le32 crc32c;
};

static_assert(sizeof(struct lumen_echo_gpa_resp) == 12);
static_assert(offsetof(struct lumen_echo_gpa_resp, status) == 0);
static_assert(offsetof(struct lumen_echo_gpa_resp, bytes) == 4);
static_assert(offsetof(struct lumen_echo_gpa_resp, crc32c) == 8);

#endif /* _LUMEN_PROTO_ECHO_H */
