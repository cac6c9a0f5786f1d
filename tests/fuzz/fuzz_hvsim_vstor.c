// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: hvsim's VSTOR request parser (lib/vstor_req.c),
 * what the simulated storvsp accepts from a guest, fed packets a guest
 * could write to the ring.
 *
 * Input layout:
 *   0      VMBus packet type: bit 0 picks GPA-direct, else in-band; bit 1
 *          set: another type from byte 1 instead
 *   1      that type (bit 1 of byte 0), or ignored
 *   2      VMBus packet flags (bit 0: completion requested)
 *   3..4   data offset past the descriptor, little-endian, clamped to the
 *          bytes present (GPA-direct: the range header and frame numbers
 *          live there)
 *   5..    the rest: descriptor area, then the VSTOR packet
 *
 * The harness abort()s when hvsim_vstor_req_parse():
 *   - accepts a packet that is not in-band or GPA-direct, or that does
 *     not ask for a completion, or a VSTOR packet shorter than its header;
 *   - accepts an operation a guest does not send, or a version query or
 *     sub-channel request shorter than its field;
 *   - returns a copy that differs from the input or is not zero-padded,
 *     or a reply size above the SRB size or the bytes sent;
 *   - accepts an SRB whose data lies outside the descriptor area: frame
 *     numbers past the packet's data offset, an offset past the first
 *     page, or pages that do not cover the transfer; or data in an
 *     in-band packet;
 *   - fails without saying why, or says why and succeeds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/vstor_req.c"

#include "fuzz_util.h"

#define FZ_HDR	5

static bool fz_guest_op(u32 op)
{
	switch (op) {
	case VSTOR_OP_QUERY_VERSION:
	case VSTOR_OP_CREATE_SUB_CHANNELS:
	case VSTOR_OP_EXECUTE_SRB:
	case VSTOR_OP_BEGIN_INIT:
	case VSTOR_OP_END_INIT:
	case VSTOR_OP_QUERY_PROPERTIES:
	case VSTOR_OP_RESET_LUN:
	case VSTOR_OP_RESET_BUS:
	case VSTOR_OP_RESET_ADAPTER:
		return true;
	default:
		return false;
	}
}

int fuzz_one_input(const u8 *data, size_t size)
{
	struct lumen_ring_pkt pkt = {};
	struct hvsim_vstor_req req;
	const u8 *buf;
	u32 n, off, i;
	u8 *copy;
	int ret;

	if (size < FZ_HDR)
		return 0;
	n = size - FZ_HDR;
	pkt.type = data[0] & 2 ? data[1] :
		   data[0] & 1 ? VMBUS_PKT_DATA_GPA_DIRECT :
				 VMBUS_PKT_DATA_INBAND;
	pkt.flags = data[2];
	off = lumen_get_le16(data + 3);
	pkt.offset = off > n ? n : off;
	pkt.len = n - pkt.offset;
	/* A private heap copy, exactly as long: ASan sees any overread. */
	copy = malloc(n ? n : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + FZ_HDR, n);
	buf = copy;

	ret = hvsim_vstor_req_parse(&pkt, buf, &req);
	FZ_CHECK(ret == 0 || ret == -EPROTO);
	FZ_CHECK(!ret == !req.why);
	if (ret) {
		free(copy);
		return 0;
	}
	FZ_CHECK(pkt.type == VMBUS_PKT_DATA_INBAND ||
		 pkt.type == VMBUS_PKT_DATA_GPA_DIRECT);
	FZ_CHECK(pkt.flags & VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	FZ_CHECK(pkt.len >= VSTOR_PKT_HDR_SIZE);
	FZ_CHECK(fz_guest_op(req.op));
	FZ_CHECK(req.op == le32_to_cpu(req.pkt.operation));
	FZ_CHECK(req.rsize <= VSTOR_SRB_SIZE);
	FZ_CHECK(req.rsize == pkt.len - VSTOR_PKT_HDR_SIZE ||
		 req.rsize == VSTOR_SRB_SIZE);
	/* The copy: the bytes sent, then zeros. */
	for (i = 0; i < sizeof(req.pkt); i++)
		FZ_CHECK(((const u8 *)&req.pkt)[i] ==
			 (i < pkt.len ? buf[pkt.offset + i] : 0));
	if (req.op == VSTOR_OP_QUERY_VERSION)
		FZ_CHECK(req.rsize >= sizeof(req.pkt.version));
	if (req.op == VSTOR_OP_CREATE_SUB_CHANNELS)
		FZ_CHECK(req.rsize >= sizeof(req.pkt.sub_channel_count));
	if (req.op != VSTOR_OP_EXECUTE_SRB) {
		FZ_CHECK(!req.xfer && !req.npfn && !req.pfns);
		free(copy);
		return 0;
	}
	FZ_CHECK(req.xfer == le32_to_cpu(req.pkt.srb.xfer_len));
	if (!req.xfer) {
		FZ_CHECK(!req.npfn && !req.pfns);
		free(copy);
		return 0;
	}
	FZ_CHECK(pkt.type == VMBUS_PKT_DATA_GPA_DIRECT);
	FZ_CHECK(req.data_off < TLFS_PAGE_SIZE);
	FZ_CHECK((u64)req.npfn * TLFS_PAGE_SIZE >= (u64)req.data_off + req.xfer);
	FZ_CHECK(req.pfns >= buf && req.pfns <= buf + pkt.offset);
	FZ_CHECK(req.npfn <= (u32)(buf + pkt.offset - req.pfns) / sizeof(u64));
	/* Every frame number it hands out is readable (ASan checks). */
	for (i = 0; i < req.npfn; i++)
		(void)lumen_get_le64(req.pfns + (size_t)i * sizeof(u64));
	free(copy);
	return 0;
}
