// SPDX-License-Identifier: GPL-2.0
/*
 * Checks include/proto/vmbus_ring.h against the fact sheet (section 4):
 * packet type and flag values, the control page layout and the framing of
 * in-band, GPA-direct and transfer-page packets, decoded from byte images
 * written at the fact sheet's offsets.
 */
#include <string.h>
#include <proto/vmbus_ring.h>
#include "selftest.h"

SELFTEST(vmbus_ring_pkt_constants_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VMBUS_PKT_INVALID, 0x0);
	ST_EXPECT_EQ(t, VMBUS_PKT_SYNCH, 0x1);
	ST_EXPECT_EQ(t, VMBUS_PKT_ADD_XFER_PAGESET, 0x2);
	ST_EXPECT_EQ(t, VMBUS_PKT_RM_XFER_PAGESET, 0x3);
	ST_EXPECT_EQ(t, VMBUS_PKT_ESTABLISH_GPADL, 0x4);
	ST_EXPECT_EQ(t, VMBUS_PKT_TEARDOWN_GPADL, 0x5);
	ST_EXPECT_EQ(t, VMBUS_PKT_DATA_INBAND, 0x6);
	ST_EXPECT_EQ(t, VMBUS_PKT_DATA_XFER_PAGES, 0x7);
	ST_EXPECT_EQ(t, VMBUS_PKT_DATA_GPADL, 0x8);
	ST_EXPECT_EQ(t, VMBUS_PKT_DATA_GPA_DIRECT, 0x9);
	ST_EXPECT_EQ(t, VMBUS_PKT_CANCEL_REQUEST, 0xA);
	ST_EXPECT_EQ(t, VMBUS_PKT_COMP, 0xB);
	ST_EXPECT_EQ(t, VMBUS_PKT_DATA_ADDITIONAL_PKT, 0xC);
	ST_EXPECT_EQ(t, VMBUS_PKT_ADDITIONAL_DATA, 0xD);
	ST_EXPECT_EQ(t, VMBUS_PKT_FLAG_COMPLETION_REQUESTED, 1);
	ST_EXPECT_EQ(t, 1 << VMBUS_PKT_SHIFT, 8);
	ST_EXPECT_EQ(t, VMBUS_PKT_ALIGN, 8);
	ST_EXPECT_EQ(t, VMBUS_PKT_MIN_OFFSET8, 2);
	ST_EXPECT_EQ(t, VMBUS_PKT_MAX_PAGE_RANGES, 32);
	ST_EXPECT_EQ(t, VMBUS_PKT_MPB_MAX_PFNS, 32);
	ST_EXPECT_EQ(t, VMBUS_RING_FEAT_PENDING_SEND_SZ, 1);
	ST_EXPECT_EQ(t, VMBUS_RING_DATA_OFFSET, 4096);
}

SELFTEST(vmbus_ring_sizes_match_fact_sheet)
{
	ST_EXPECT_EQ(t, sizeof(struct vmbus_ring_ctrl), 4096);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_pkt_desc), 16);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_pkt_trailer), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_pkt_xfer_pages), 24);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_pkt_xfer_range), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_pkt_gpa_direct), 24);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_pkt_gpa_range), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_pkt_page_range), 16);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_pkt_mpb_range), 8 + 32 * 8);
}

SELFTEST(vmbus_ring_ctrl_page_decodes_fact_sheet_image)
{
	static u8 img[4096];
	static struct vmbus_ring_ctrl c;

	/* Fill reserved space with a pattern no field may pick up. */
	memset(img, 0xee, sizeof(img));
	put32(img, 0, 0x1f8);		/* write index */
	put32(img, 4, 0x0c0);		/* read index */
	put32(img, 8, 1);		/* interrupt mask */
	put32(img, 12, 0x200);		/* pending send size */
	put32(img, 64, 1);		/* feature bits */
	memcpy(&c, img, sizeof(c));

	ST_EXPECT_EQ(t, c.write_index, 0x1f8);
	ST_EXPECT_EQ(t, c.read_index, 0x0c0);
	ST_EXPECT_EQ(t, c.interrupt_mask, 1);
	ST_EXPECT_EQ(t, c.pending_send_sz, 0x200);
	ST_EXPECT_EQ(t, c.feature_bits & VMBUS_RING_FEAT_PENDING_SEND_SZ,
		     VMBUS_RING_FEAT_PENDING_SEND_SZ);
	ST_EXPECT_EQ(t, c.reserved1[0], 0xee);
	ST_EXPECT_EQ(t, c.reserved1[47], 0xee);
	ST_EXPECT_EQ(t, c.reserved2[0], 0xee);
	ST_EXPECT_EQ(t, c.reserved2[4027], 0xee);
}

SELFTEST(vmbus_ring_inband_packet_and_trailer_decode)
{
	/* In-band packet, 12-byte payload padded to 16, then the trailer. */
	static const u8 img[40] = {
		0x06, 0x00, 0x02, 0x00, 0x04, 0x00, 0x01, 0x00,
		0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
		0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8,
		0xa9, 0xaa, 0xab, 0xac, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x40, 0x12, 0x00, 0x00,
	};
	struct vmbus_pkt_desc d;
	struct vmbus_pkt_trailer tr;
	u64 raw_trailer;

	memcpy(&d, img, sizeof(d));
	ST_EXPECT_EQ(t, d.type, VMBUS_PKT_DATA_INBAND);
	ST_EXPECT_EQ(t, d.offset8, 2);
	ST_EXPECT_EQ(t, d.len8, 4);
	ST_EXPECT_EQ(t, d.flags, VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	ST_EXPECT_EQ(t, d.trans_id, 0x1122334455667788ULL);
	ST_EXPECT_EQ(t, img[d.offset8 << VMBUS_PKT_SHIFT], 0xa1);

	memcpy(&tr, img + (d.len8 << VMBUS_PKT_SHIFT), sizeof(tr));
	ST_EXPECT_EQ(t, tr.reserved, 0);
	ST_EXPECT_EQ(t, tr.start_offset, 0x1240);
	/* The start offset is the high half of the 64-bit trailer. */
	memcpy(&raw_trailer, img + 32, sizeof(raw_trailer));
	ST_EXPECT_EQ(t, raw_trailer >> 32, tr.start_offset);
}

SELFTEST(vmbus_ring_gpa_direct_packet_decodes_fact_sheet_image)
{
	union {
		struct vmbus_pkt_gpa_direct h;
		u8 raw[128];
		u64 align;
	} p;
	const struct vmbus_pkt_gpa_range *r;

	/* One range: 5000 bytes at offset 0x100 -> two PFNs; 16-byte payload. */
	memset(&p, 0, sizeof(p));
	put16(p.raw, 0, 0x9);
	put16(p.raw, 2, (24 + 8 + 2 * 8) / 8);
	put16(p.raw, 4, (24 + 8 + 2 * 8 + 16) / 8);
	put16(p.raw, 6, 0x0001);
	put64(p.raw, 8, 42);
	put32(p.raw, 16, 0);		/* reserved */
	put32(p.raw, 20, 1);		/* range count */
	put32(p.raw, 24, 5000);		/* byte count */
	put32(p.raw, 28, 0x100);	/* byte offset */
	put64(p.raw, 32, 0xabc);
	put64(p.raw, 40, 0xabd);
	p.raw[48] = 0x5a;		/* payload */

	ST_EXPECT_EQ(t, p.h.desc.type, VMBUS_PKT_DATA_GPA_DIRECT);
	ST_EXPECT_EQ(t, p.h.desc.offset8, 6);
	ST_EXPECT_EQ(t, p.h.desc.len8, 8);
	ST_EXPECT_EQ(t, p.h.desc.flags, VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	ST_EXPECT_EQ(t, p.h.desc.trans_id, 42);
	ST_EXPECT_EQ(t, p.h.reserved, 0);
	ST_EXPECT_EQ(t, p.h.range_count, 1);

	r = (const struct vmbus_pkt_gpa_range *)(p.raw + sizeof(p.h));
	ST_EXPECT_EQ(t, r->byte_count, 5000);
	ST_EXPECT_EQ(t, r->byte_offset, 0x100);
	ST_EXPECT_EQ(t, r->pfn[0], 0xabc);
	ST_EXPECT_EQ(t, r->pfn[1], 0xabd);
	ST_EXPECT_EQ(t, p.raw[p.h.desc.offset8 << VMBUS_PKT_SHIFT], 0x5a);
}

SELFTEST(vmbus_ring_page_buffer_and_mpb_forms_decode)
{
	union {
		struct vmbus_pkt_gpa_direct h;
		u8 raw[128];
		u64 align;
	} p;
	const struct vmbus_pkt_page_range *pr;
	const struct vmbus_pkt_mpb_range *mpb;

	/* Page-buffer form: two one-page ranges of 16 bytes each. */
	memset(&p, 0, sizeof(p));
	put16(p.raw, 0, 0x9);
	put32(p.raw, 20, 2);
	put32(p.raw, 24, 100);
	put32(p.raw, 28, 4000);
	put64(p.raw, 32, 0x1234);
	put32(p.raw, 40, 4096);
	put32(p.raw, 44, 0);
	put64(p.raw, 48, 0x1235);
	pr = (const struct vmbus_pkt_page_range *)(p.raw + 24);
	ST_EXPECT_EQ(t, p.h.range_count, 2);
	ST_EXPECT_EQ(t, pr[0].byte_count, 100);
	ST_EXPECT_EQ(t, pr[0].byte_offset, 4000);
	ST_EXPECT_EQ(t, pr[0].pfn, 0x1234);
	ST_EXPECT_EQ(t, pr[1].byte_count, 4096);
	ST_EXPECT_EQ(t, pr[1].pfn, 0x1235);

	/* Multi-page form: one range, PFNs at offset 32 onwards. */
	memset(&p, 0, sizeof(p));
	put32(p.raw, 20, 1);
	put32(p.raw, 24, 3 * 4096);
	put32(p.raw, 28, 0);
	put64(p.raw, 32, 0x7000);
	put64(p.raw, 40, 0x7001);
	put64(p.raw, 48, 0x9000);
	mpb = (const struct vmbus_pkt_mpb_range *)(p.raw + 24);
	ST_EXPECT_EQ(t, mpb->byte_count, 12288);
	ST_EXPECT_EQ(t, mpb->pfn[0], 0x7000);
	ST_EXPECT_EQ(t, mpb->pfn[2], 0x9000);
}

SELFTEST(vmbus_ring_xfer_pages_packet_decodes_fact_sheet_image)
{
	union {
		struct vmbus_pkt_xfer_pages h;
		u8 raw[64];
		u64 align;
	} p;

	memset(&p, 0, sizeof(p));
	put16(p.raw, 0, 0x7);
	put16(p.raw, 2, (24 + 2 * 8) / 8);
	put16(p.raw, 4, (24 + 2 * 8 + 8) / 8);
	put16(p.raw, 6, 0x0001);
	put64(p.raw, 8, 0);
	put16(p.raw, 16, 0xcafe);	/* transfer page set id */
	p.raw[18] = 0;			/* sender owns set */
	p.raw[19] = 0x5c;		/* reserved, may be garbage */
	put32(p.raw, 20, 2);		/* range count */
	put32(p.raw, 24, 1514);
	put32(p.raw, 28, 0);
	put32(p.raw, 32, 60);
	put32(p.raw, 36, 6144);

	ST_EXPECT_EQ(t, p.h.desc.type, VMBUS_PKT_DATA_XFER_PAGES);
	ST_EXPECT_EQ(t, p.h.desc.offset8, 5);
	ST_EXPECT_EQ(t, p.h.xfer_set_id, 0xcafe);
	ST_EXPECT_EQ(t, p.h.sender_owns_set, 0);
	ST_EXPECT_EQ(t, p.h.reserved, 0x5c);
	ST_EXPECT_EQ(t, p.h.range_count, 2);
	ST_EXPECT_EQ(t, p.h.ranges[0].byte_count, 1514);
	ST_EXPECT_EQ(t, p.h.ranges[0].byte_offset, 0);
	ST_EXPECT_EQ(t, p.h.ranges[1].byte_count, 60);
	ST_EXPECT_EQ(t, p.h.ranges[1].byte_offset, 6144);
}
