/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GPADL message construction (guest) and assembly (host): pure code shared
 * by hv_vmbus, hvsim, the KUnit suites and the userspace tests and fuzzers.
 * No locks, no allocation, no logging; the caller owns every buffer.
 */
#ifndef _LUMEN_GPADL_MSG_H
#define _LUMEN_GPADL_MSG_H

#include <linux/types.h>

/**
 * DOC: GPADL messages
 *
 * A GPADL is sent as one %VMBUS_MSG_GPADL_HEADER followed by zero or more
 * %VMBUS_MSG_GPADL_BODY messages (see the "VMBus GPADL creation and
 * teardown" section of <proto/vmbus_msg.h>). Lumen describes every GPADL
 * with exactly one range: Linux and FreeBSD guests always send one range,
 * so the assembler accepts nothing else. One range of at most
 * %VMBUS_MSG_GPADL_MAX_PFNS pages fits the 16-bit range-buffer length.
 *
 * Guest side: vmbus_gpadl_msg_count() says how many messages a GPADL takes
 * and vmbus_gpadl_msg_build() writes message @index (0 = header, then the
 * bodies in order) into a buffer of at least %VMBUS_MSG_MAX_SIZE bytes.
 *
 * Host side: vmbus_gpadl_asm_start() takes the header and
 * vmbus_gpadl_asm_add_body() each body, collecting the PFNs into an array
 * the caller supplies; both return 1 while PFNs are missing and 0 once the
 * GPADL is complete. Every check is made before anything is stored, so a
 * rejected message leaves the assembler as it was.
 */

/**
 * struct vmbus_gpadl_desc - a GPADL to send, guest side
 * @relid: relid of the channel the GPADL belongs to, written as is.
 * @handle: guest-chosen GPADL handle, unique on the connection.
 * @pfns: the @npfn page frame numbers (4 KiB pages), in range order.
 * @npfn: number of PFNs, 1 .. %VMBUS_MSG_GPADL_MAX_PFNS.
 * @byte_count: bytes the range describes; with @byte_offset it must span
 *	exactly @npfn pages.
 * @byte_offset: offset of the first byte in the first page, < 4096.
 */
struct vmbus_gpadl_desc {
	u32 relid;
	u32 handle;
	const u64 *pfns;
	u32 npfn;
	u32 byte_count;
	u32 byte_offset;
};

/**
 * struct vmbus_gpadl_asm - a GPADL being assembled from messages, host side
 * @relid: child relid from the GPADL_HEADER (not checked here).
 * @handle: GPADL handle from the GPADL_HEADER; bodies must carry it.
 * @byte_count: byte count of the range.
 * @byte_offset: byte offset of the range in its first page, < 4096.
 * @npfn: PFNs the header declared, <= @cap.
 * @have: PFNs received so far, <= @npfn; the GPADL is complete when equal.
 * @pfns: caller-supplied array receiving the PFNs in range order.
 * @cap: number of entries @pfns can hold.
 *
 * vmbus_gpadl_asm_start() fills every field; the assembler allocates
 * nothing and never writes @pfns beyond @npfn entries.
 */
struct vmbus_gpadl_asm {
	u32 relid;
	u32 handle;
	u32 byte_count;
	u32 byte_offset;
	u32 npfn;
	u32 have;
	u64 *pfns;
	u32 cap;
};

u32 vmbus_gpadl_msg_count(u32 npfn);
int vmbus_gpadl_msg_build(const struct vmbus_gpadl_desc *d, u32 index,
			  void *buf, size_t buflen);
int vmbus_gpadl_asm_start(struct vmbus_gpadl_asm *a, const void *msg,
			  size_t len, u64 *pfns, u32 cap);
int vmbus_gpadl_asm_add_body(struct vmbus_gpadl_asm *a, const void *msg,
			     size_t len);

#endif
