// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the Lumen echo device, host side (protocol in
 * include/proto/echo.h). A test device of Lumen's own, offered by hvsim
 * like any Hyper-V device: inband packets come back as completions with
 * the same payload; GPA-direct packets make the host read or fill the
 * guest memory they describe and answer with a CRC-32C of the bytes.
 *
 * Runs in the channel's work item, on the private copy of each packet
 * that the ring code made: every range is checked before any guest byte
 * is read or written.
 */
#include <linux/crc32.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/string.h>

#include <lumen/ring.h>
#include <proto/echo.h>
#include <proto/tlfs.h>
#include <proto/vmbus_ring.h>
#include "hvsim.h"

/* What hvsim_echo_walk() does with the ranges. */
enum hvsim_echo_mode {
	HVSIM_ECHO_CHECK,
	HVSIM_ECHO_READ,
	HVSIM_ECHO_FILL,
};

/*
 * CRC-32C update. crc32c() lives in libcrc32c, which the test kernel does
 * not build; __crc32c_le() is the same CRC (Castagnoli, reflected) from
 * lib/crc32.c, present in every kernel with CONFIG_CRC32.
 */
static u32 hvsim_crc32c(u32 crc, const void *p, size_t len)
{
	return __crc32c_le(crc, p, len);
}

/* Read or fill @len bytes at @off in one guest page. */
static void hvsim_echo_page(struct page *page, u32 off, u32 len,
			    enum hvsim_echo_mode mode, u32 seed, u32 *k,
			    u32 *crc)
{
	u8 *va = kmap_local_page(page);
	u8 tmp[64];
	u32 i, n;

	if (mode == HVSIM_ECHO_READ) {
		*crc = hvsim_crc32c(*crc, va + off, len);
		*k += len;
	} else {
		while (len) {
			n = min_t(u32, len, sizeof(tmp));
			for (i = 0; i < n; i++)
				tmp[i] = LUMEN_ECHO_FILL_BYTE(seed, *k + i);
			memcpy(va + off, tmp, n);
			/* The CRC of what was written, not a re-read. */
			*crc = hvsim_crc32c(*crc, tmp, n);
			*k += n;
			off += n;
			len -= n;
		}
		flush_dcache_page(page);
	}
	kunmap_local(va);
}

/*
 * Walk @count GPA ranges packed in @area bytes at @ranges: check them
 * (each with a byte count, an offset below 4096 and its PFNs, each PFN
 * memory), or read / fill the bytes they describe. Returns a
 * LUMEN_ECHO_STATUS_*; *@k counts the bytes done.
 */
static u32 hvsim_echo_walk(const u8 *ranges, u32 area, u32 count,
			   enum hvsim_echo_mode mode, u32 seed, u32 *k,
			   u32 *crc)
{
	struct vmbus_pkt_gpa_range r;
	u32 pos = 0, i, j, len, off, npfn;
	__le64 raw;
	u64 pfn;

	for (i = 0; i < count; i++) {
		if (area - pos < sizeof(r))
			return LUMEN_ECHO_STATUS_BAD_RANGE;
		memcpy(&r, ranges + pos, sizeof(r));
		pos += sizeof(r);
		len = le32_to_cpu(r.byte_count);
		off = le32_to_cpu(r.byte_offset);
		if (!len || off >= TLFS_PAGE_SIZE)
			return LUMEN_ECHO_STATUS_BAD_RANGE;
		npfn = DIV_ROUND_UP((u64)off + len, TLFS_PAGE_SIZE);
		if ((area - pos) / sizeof(raw) < npfn)
			return LUMEN_ECHO_STATUS_BAD_RANGE;
		for (j = 0; j < npfn; j++) {
			memcpy(&raw, ranges + pos + j * sizeof(raw),
			       sizeof(raw));
			pfn = le64_to_cpu(raw);
			if (mode == HVSIM_ECHO_CHECK) {
				if (!pfn_valid(pfn))
					return LUMEN_ECHO_STATUS_BAD_RANGE;
			} else {
				hvsim_echo_page(pfn_to_page(pfn), off,
						min_t(u32, len,
						      TLFS_PAGE_SIZE - off),
						mode, seed, k, crc);
			}
			len -= min_t(u32, len, TLFS_PAGE_SIZE - off);
			off = 0;
		}
		pos += npfn * sizeof(raw);
	}
	return LUMEN_ECHO_STATUS_OK;
}

/* A GPA-direct request; fills @resp on success. */
static u32 hvsim_echo_gpa(const struct lumen_ring_pkt *pkt, const u8 *buf,
			  struct lumen_echo_gpa_resp *resp)
{
	const struct vmbus_pkt_gpa_direct *h = (const void *)buf;
	u32 area = pkt->offset - sizeof(*h), count, op, seed, status;
	u32 crc = ~0U, bytes = 0;
	struct lumen_echo_gpa_req req;

	/* The ring checks guarantee offset >= sizeof(*h) and a range. */
	count = le32_to_cpu(h->range_count);
	if (pkt->len < sizeof(req))
		return LUMEN_ECHO_STATUS_BAD_REQUEST;
	memcpy(&req, buf + pkt->offset, sizeof(req));
	op = le32_to_cpu(req.op);
	seed = le32_to_cpu(req.seed);
	if (op != LUMEN_ECHO_OP_READ && op != LUMEN_ECHO_OP_FILL)
		return LUMEN_ECHO_STATUS_BAD_OP;
	status = hvsim_echo_walk(buf + sizeof(*h), area, count,
				 HVSIM_ECHO_CHECK, seed, &bytes, &crc);
	if (status)
		return status;
	hvsim_echo_walk(buf + sizeof(*h), area, count,
			op == LUMEN_ECHO_OP_READ ? HVSIM_ECHO_READ :
						   HVSIM_ECHO_FILL,
			seed, &bytes, &crc);
	resp->status = cpu_to_le32(LUMEN_ECHO_STATUS_OK);
	resp->bytes = cpu_to_le32(bytes);
	resp->crc32c = cpu_to_le32(~crc);
	return LUMEN_ECHO_STATUS_OK;
}

static u32 hvsim_echo_packet(struct hvsim_dev *dev,
			     const struct lumen_ring_pkt *pkt, const u8 *buf,
			     u8 *reply)
{
	/* Hyper-V answers only requests with a completion asked and an id. */
	bool want = (pkt->flags & VMBUS_PKT_FLAG_COMPLETION_REQUESTED) &&
		    pkt->trans_id;
	struct lumen_echo_gpa_resp resp = {};
	u32 status;

	switch (pkt->type) {
	case VMBUS_PKT_DATA_INBAND:
		if (!want)
			return 0;
		/* The payload fits: the reply is the packet minus extension. */
		return hvsim_pkt_inband(reply, VMBUS_PKT_COMP, 0,
					pkt->trans_id, buf + pkt->offset,
					pkt->len);
	case VMBUS_PKT_DATA_GPA_DIRECT:
		status = hvsim_echo_gpa(pkt, buf, &resp);
		break;
	case VMBUS_PKT_COMP:
		/* The echo device never asks for a completion. */
		hvsim_count(&dev->bad_pkts);
		return 0;
	default:
		status = LUMEN_ECHO_STATUS_BAD_TYPE;
		break;
	}
	if (status) {
		hvsim_count(&dev->bad_pkts);
		memset(&resp, 0, sizeof(resp));
		resp.status = cpu_to_le32(status);
	}
	if (!want)
		return 0;
	return hvsim_pkt_inband(reply, VMBUS_PKT_COMP, 0, pkt->trans_id, &resp,
				sizeof(resp));
}

/* The echo device class (include/proto/echo.h). */
const struct hvsim_dev_class hvsim_echo_class = {
	.name = "echo",
	.class_id = LUMEN_GUID_ECHO,
	.offer_flags = 0,
	.max_packet = LUMEN_ECHO_MAX_PACKET,
	.packet = hvsim_echo_packet,
};
