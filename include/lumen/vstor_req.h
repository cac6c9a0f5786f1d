/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvsim: the VSTOR host's request parser (lib/vstor_req.c), shared by the
 * storage host, its KUnit suite and the userspace fuzzer.
 */
#ifndef _LUMEN_VSTOR_REQ_H
#define _LUMEN_VSTOR_REQ_H

#include <linux/types.h>
#include <lumen/ring.h>
#include <proto/vstor.h>

/**
 * struct hvsim_vstor_req - A guest request storvsp can parse.
 * @pkt: the VSTOR packet as the guest sent it, zero-padded to its full
 *	size (a pre-win8 guest sends a shorter one).
 * @op: its operation (VSTOR_OP_*), one a guest may send.
 * @rsize: the request's size past the VSTOR header, at most
 *	%VSTOR_SRB_SIZE: the completion has the same size.
 * @xfer: EXECUTE_SRB: the SRB's transfer length, else 0.
 * @data_off: EXECUTE_SRB with data: the byte offset of the data in its
 *	first page (below the page size).
 * @npfn: EXECUTE_SRB with data: the pages the transfer reaches; their
 *	frame numbers (little-endian u64s) are at @pfns.
 * @pfns: where those frame numbers are in the packet buffer given to
 *	hvsim_vstor_req_parse(), or NULL when there is no data.
 * @why: for a packet storvsp cannot parse, what is wrong with it.
 */
struct hvsim_vstor_req {
	struct vstor_pkt pkt;
	u32 op;
	u32 rsize;
	u32 xfer;
	u32 data_off;
	u32 npfn;
	const u8 *pfns;
	const char *why;
};

int hvsim_vstor_req_parse(const struct lumen_ring_pkt *pkt, const u8 *buf,
			  struct hvsim_vstor_req *req);

#endif
