// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: what storvsp parses of a guest's request before it acts on it
 * (protocol facts section 8, OpenVMM's storvsp). Pure: no locks, no
 * allocation, no logging; built into hvsim, exporting nothing (see
 * lib/README), #included by its KUnit suite and by the userspace fuzzer
 * (tests/fuzz/fuzz_hvsim_vstor.c).
 *
 * storvsp stops the channel for good on:
 * - a packet that is neither in-band nor GPA-direct, or does not ask for
 *   a completion;
 * - a VSTOR packet shorter than its header, or shorter than its
 *   operation's field (QUERY_PROTOCOL_VERSION, CREATE_SUB_CHANNELS);
 * - an operation a guest does not send;
 * - an SRB with data in an in-band packet, more than one GPA range, a
 *   range offset past its first page, fewer frame numbers than the range
 *   covers, or a range shorter than the transfer length.
 * Whether the pages are guest memory is the caller's to check; only the
 * pages the transfer length reaches are used.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <lumen/le.h>
#include <proto/tlfs.h>
#include <proto/vmbus_ring.h>
#include <lumen/vstor_req.h>

/* An SRB's data: the GPA-direct range, checked against the transfer. */
static int hvsim_vstor_req_data(const struct lumen_ring_pkt *pkt,
				const u8 *buf, struct hvsim_vstor_req *req)
{
	struct vmbus_pkt_gpa_range r;
	u32 area, count, off, bytes;
	u64 npfn;

	if (pkt->type != VMBUS_PKT_DATA_GPA_DIRECT) {
		if (!req->xfer)
			return 0;
		req->why = "data in an in-band packet";
		return -EPROTO;
	}
	req->why = "bad data range";
	if (pkt->offset < sizeof(struct vmbus_pkt_gpa_direct) + sizeof(r))
		return -EPROTO;
	count = lumen_get_le32(buf + offsetof(struct vmbus_pkt_gpa_direct,
					      range_count));
	if (count != 1)
		return -EPROTO;
	area = pkt->offset - sizeof(struct vmbus_pkt_gpa_direct) - sizeof(r);
	memcpy(&r, buf + sizeof(struct vmbus_pkt_gpa_direct), sizeof(r));
	off = le32_to_cpu(r.byte_offset);
	bytes = le32_to_cpu(r.byte_count);
	if (off >= TLFS_PAGE_SIZE || req->xfer > bytes)
		return -EPROTO;
	npfn = DIV_ROUND_UP((u64)off + bytes, TLFS_PAGE_SIZE);
	if (area / sizeof(u64) < npfn)
		return -EPROTO;
	if (req->xfer) {
		req->data_off = off;
		req->npfn = DIV_ROUND_UP((u64)off + req->xfer, TLFS_PAGE_SIZE);
		req->pfns = buf + sizeof(struct vmbus_pkt_gpa_direct) +
			    sizeof(r);
	}
	req->why = NULL;
	return 0;
}

/**
 * hvsim_vstor_req_parse() - Parse a guest's VSTOR request as storvsp does.
 * @pkt: the packet, as the ring reader described it.
 * @buf: the packet's private copy, descriptor first: @pkt->offset +
 *	@pkt->len bytes.
 * @req: filled with the request.
 *
 * Context: any context.
 * Return: 0, or -EPROTO for a packet storvsp cannot parse (@req->why
 * says why); the channel must then stop.
 */
int hvsim_vstor_req_parse(const struct lumen_ring_pkt *pkt, const u8 *buf,
			  struct hvsim_vstor_req *req)
{
	memset(req, 0, sizeof(*req));
	if (pkt->type != VMBUS_PKT_DATA_INBAND &&
	    pkt->type != VMBUS_PKT_DATA_GPA_DIRECT) {
		req->why = "not a data packet";
		return -EPROTO;
	}
	if (!(pkt->flags & VMBUS_PKT_FLAG_COMPLETION_REQUESTED)) {
		req->why = "no completion requested";
		return -EPROTO;
	}
	if (pkt->len < VSTOR_PKT_HDR_SIZE) {
		req->why = "short packet";
		return -EPROTO;
	}
	/* What the guest sent, zero-padded; its size sets the reply's. */
	memcpy(&req->pkt, buf + pkt->offset,
	       min_t(u32, pkt->len, sizeof(req->pkt)));
	req->rsize = min_t(u32, pkt->len - VSTOR_PKT_HDR_SIZE, VSTOR_SRB_SIZE);
	req->op = le32_to_cpu(req->pkt.operation);
	switch (req->op) {
	case VSTOR_OP_QUERY_VERSION:
		if (req->rsize >= sizeof(req->pkt.version))
			return 0;
		req->why = "short version query";
		return -EPROTO;
	case VSTOR_OP_CREATE_SUB_CHANNELS:
		if (req->rsize >= sizeof(req->pkt.sub_channel_count))
			return 0;
		req->why = "short sub-channel request";
		return -EPROTO;
	case VSTOR_OP_EXECUTE_SRB:
		req->xfer = le32_to_cpu(req->pkt.srb.xfer_len);
		return hvsim_vstor_req_data(pkt, buf, req);
	case VSTOR_OP_BEGIN_INIT:
	case VSTOR_OP_END_INIT:
	case VSTOR_OP_QUERY_PROPERTIES:
	case VSTOR_OP_RESET_LUN:
	case VSTOR_OP_RESET_BUS:
	case VSTOR_OP_RESET_ADAPTER:
		return 0;
	default:
		req->why = "unknown operation";
		return -EPROTO;
	}
}
