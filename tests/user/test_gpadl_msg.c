// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of lib/gpadl_msg.c: GPADL message construction (guest)
 * and assembly (host). Round trips build every message of a GPADL and feed
 * it to the assembler, across the header/body boundaries up to the largest
 * single-range GPADL; byte images pin the wire layout; named tables of
 * malformed inputs assert the exact errno and that nothing was written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "selftest.h"

#include "../../lib/gpadl_msg.c"
#include "../kunit/gpadl_cases.h"

/* PFN @i of GPADL @seed: distinct, and using all 64 bits. */
static u64 gt_pfn(u32 seed, u32 i)
{
	return ((u64)(seed | 0x80000000u) << 32) ^ ((u64)i * 0x9e3779b1u);
}

static u64 *gt_pfns(u32 seed, u32 n)
{
	u64 *p = calloc(n ? n : 1, sizeof(*p));
	u32 i;

	for (i = 0; p && i < n; i++)
		p[i] = gt_pfn(seed, i);
	return p;
}

static u32 gt_rd32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u16 gt_rd16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u64 gt_rd64(const u8 *p)
{
	return gt_rd32(p) | (u64)gt_rd32(p + 4) << 32;
}

static void gt_wr16(u8 *p, u16 v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void gt_wr32(u8 *p, u32 v)
{
	gt_wr16(p, v);
	gt_wr16(p + 2, v >> 16);
}

static void gt_wr64(u8 *p, u64 v)
{
	gt_wr32(p, v);
	gt_wr32(p + 4, v >> 32);
}

/* The test's own count: 1 header, then bodies of 28. */
static u32 gt_expected_count(u32 npfn)
{
	if (npfn <= GT_HDR_PFNS)
		return 1;
	return 1 + (npfn - GT_HDR_PFNS + GT_BODY_PFNS - 1) / GT_BODY_PFNS;
}

/*
 * Build every message of an (npfn, offset, count) GPADL, check each one's
 * wire fields, assemble them and compare the result with the input. @align
 * shifts the message buffer to prove alignment does not matter.
 */
static void gt_round_trip(struct selftest *t, u32 npfn, u32 off, u32 count,
			  unsigned int align)
{
	u8 raw[GT_BUF + 8], *buf = raw + align;
	u64 *pfns = gt_pfns(npfn, npfn);
	u64 *got = calloc(npfn + 1, sizeof(*got));
	struct vmbus_gpadl_desc d = {
		.relid = GT_RELID, .handle = GT_HANDLE + npfn, .pfns = pfns,
		.npfn = npfn, .byte_count = count, .byte_offset = off,
	};
	struct vmbus_gpadl_asm a;
	u32 cnt, i, sent = 0;
	int len, ret;

	ST_EXPECT(t, pfns && got);
	if (!pfns || !got)
		goto out;
	got[npfn] = 0x5a5a5a5a5a5a5a5aull;	/* guard past the end */

	cnt = vmbus_gpadl_msg_count(npfn);
	ST_EXPECT_EQ(t, cnt, gt_expected_count(npfn));

	for (i = 0; i < cnt; i++) {
		u32 n, j, first = sent;

		memset(raw, GT_FILL, sizeof(raw));
		len = vmbus_gpadl_msg_build(&d, i, buf, VMBUS_MSG_MAX_SIZE);
		ST_EXPECT(t, len > 0 && len <= (int)VMBUS_MSG_MAX_SIZE);
		if (len <= 0)
			break;
		/* Nothing past the message is written. */
		ST_EXPECT_EQ(t, buf[len], GT_FILL);

		if (i == 0) {
			n = npfn < GT_HDR_PFNS ? npfn : GT_HDR_PFNS;
			ST_EXPECT_EQ(t, len, 28 + 8 * n);
			ST_EXPECT_EQ(t, gt_rd32(buf + 0), VMBUS_MSG_GPADL_HEADER);
			ST_EXPECT_EQ(t, gt_rd32(buf + 4), 0);
			ST_EXPECT_EQ(t, gt_rd32(buf + 8), GT_RELID);
			ST_EXPECT_EQ(t, gt_rd32(buf + 12), GT_HANDLE + npfn);
			ST_EXPECT_EQ(t, gt_rd16(buf + 16), 8 + 8 * npfn);
			ST_EXPECT_EQ(t, gt_rd16(buf + 18), 1);
			ST_EXPECT_EQ(t, gt_rd32(buf + 20), count);
			ST_EXPECT_EQ(t, gt_rd32(buf + 24), off);
			for (j = 0; j < n; j++)
				ST_EXPECT_EQ(t, gt_rd64(buf + 28 + 8 * j),
					     pfns[j]);
			ret = vmbus_gpadl_asm_start(&a, buf, len, got, npfn);
		} else {
			n = npfn - sent < GT_BODY_PFNS ? npfn - sent :
							  GT_BODY_PFNS;
			ST_EXPECT_EQ(t, len, 16 + 8 * n);
			ST_EXPECT_EQ(t, gt_rd32(buf + 0), VMBUS_MSG_GPADL_BODY);
			ST_EXPECT_EQ(t, gt_rd32(buf + 4), 0);
			ST_EXPECT_EQ(t, gt_rd32(buf + 8), 0);
			ST_EXPECT_EQ(t, gt_rd32(buf + 12), GT_HANDLE + npfn);
			for (j = 0; j < n; j++)
				ST_EXPECT_EQ(t, gt_rd64(buf + 16 + 8 * j),
					     pfns[first + j]);
			ret = vmbus_gpadl_asm_add_body(&a, buf, len);
		}
		sent += n;
		ST_EXPECT_EQ(t, ret, i + 1 < cnt ? 1 : 0);
		ST_EXPECT_EQ(t, a.have, sent);
		if (ret < 0)
			break;
	}
	ST_EXPECT_EQ(t, sent, npfn);
	ST_EXPECT_EQ(t, a.have, npfn);
	ST_EXPECT_EQ(t, a.npfn, npfn);
	ST_EXPECT_EQ(t, a.relid, GT_RELID);
	ST_EXPECT_EQ(t, a.handle, GT_HANDLE + npfn);
	ST_EXPECT_EQ(t, a.byte_count, count);
	ST_EXPECT_EQ(t, a.byte_offset, off);
	ST_EXPECT(t, !memcmp(got, pfns, (size_t)npfn * sizeof(*got)));
	ST_EXPECT_EQ(t, got[npfn], 0x5a5a5a5a5a5a5a5aull);

	/* One past the last message is out of range. */
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_build(&d, cnt, buf, GT_BUF), -ERANGE);
	/* A further body is refused and changes nothing. */
	if (cnt > 1) {
		ST_EXPECT(t, vmbus_gpadl_msg_build(&d, 1, buf, GT_BUF) > 0);
		ST_EXPECT_EQ(t, vmbus_gpadl_asm_add_body(&a, buf, 24), -EMSGSIZE);
		ST_EXPECT_EQ(t, a.have, npfn);
	}
out:
	free(pfns);
	free(got);
}

static void gt_round_trip_pages(struct selftest *t, u32 npfn)
{
	gt_round_trip(t, npfn, 0, npfn * GT_PAGE, 0);
}

SELFTEST(gpadl_round_trip_1_page)
{
	gt_round_trip_pages(t, 1);
}

SELFTEST(gpadl_round_trip_26_pages_header_full)
{
	gt_round_trip_pages(t, 26);
}

SELFTEST(gpadl_round_trip_27_pages_first_body)
{
	gt_round_trip_pages(t, 27);
}

SELFTEST(gpadl_round_trip_54_pages_body_full)
{
	gt_round_trip_pages(t, 54);
}

SELFTEST(gpadl_round_trip_55_pages_second_body)
{
	gt_round_trip_pages(t, 55);
}

SELFTEST(gpadl_round_trip_256k)
{
	gt_round_trip_pages(t, 64);
}

SELFTEST(gpadl_round_trip_1m)
{
	gt_round_trip_pages(t, 256);
}

SELFTEST(gpadl_round_trip_16m)
{
	gt_round_trip_pages(t, 4096);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(4096), 1 + 146);
}

SELFTEST(gpadl_round_trip_8190_pages_max)
{
	gt_round_trip_pages(t, GT_MAX);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(GT_MAX), 293);
}

SELFTEST(gpadl_round_trip_byte_offset)
{
	/* Offset pushes a full page count onto one more page. */
	gt_round_trip(t, 2, 1, GT_PAGE, 0);
	/* Last byte of the first page only. */
	gt_round_trip(t, 1, GT_PAGE - 1, 1, 0);
	/* Partial first and last pages, header full. */
	gt_round_trip(t, 26, 100, 26 * GT_PAGE - 100, 0);
	/* Partial last page, one body. */
	gt_round_trip(t, 27, 0, 26 * GT_PAGE + 1, 0);
	/* Largest GPADL starting mid-page. */
	gt_round_trip(t, GT_MAX, 2048, (GT_MAX - 1) * GT_PAGE, 0);
	/* Offset and count span exactly the pages with no slack. */
	gt_round_trip(t, 55, 4000, 55 * GT_PAGE - 4000, 0);
}

SELFTEST(gpadl_round_trip_unaligned_buffer)
{
	gt_round_trip(t, 60, 0, 60 * GT_PAGE, 1);
	gt_round_trip(t, 60, 12, 59 * GT_PAGE, 3);
}

SELFTEST(gpadl_msg_count_limits)
{
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(0), 0);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(1), 1);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(26), 1);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(27), 2);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(54), 2);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(55), 3);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(8190), 293);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(8191), 0);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_count(0xffffffffu), 0);
}

/* Byte images written from the protocol table (facts 3.5). */
SELFTEST(gpadl_build_wire_image)
{
	static const u8 hdr1[36] = {
		0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* type 8 */
		0x44, 0x33, 0x22, 0x11,				/* relid */
		0x10, 0x1e, 0x0e, 0x00,				/* handle */
		0x10, 0x00,					/* buflen 16 */
		0x01, 0x00,					/* 1 range */
		0xff, 0x0f, 0x00, 0x00,				/* 4095 bytes */
		0x01, 0x00, 0x00, 0x00,				/* offset 1 */
		0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* pfn */
	};
	static const u8 body27[24] = {
		0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* type 9 */
		0x00, 0x00, 0x00, 0x00,				/* msg no */
		0x10, 0x1e, 0x0e, 0x00,				/* handle */
		0x1a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* pfn 26 */
	};
	u64 one = 0x0102030405060708ull, pfns[27];
	struct vmbus_gpadl_desc d = {
		.relid = 0x11223344, .handle = 0xe1e10, .pfns = &one,
		.npfn = 1, .byte_count = 4095, .byte_offset = 1,
	};
	u8 buf[GT_BUF];
	u32 i;

	memset(buf, GT_FILL, sizeof(buf));
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_build(&d, 0, buf, sizeof(buf)), 36);
	ST_EXPECT_MEM(t, buf, hdr1, sizeof(hdr1));

	for (i = 0; i < 27; i++)
		pfns[i] = i;
	d.pfns = pfns;
	d.npfn = 27;
	d.byte_count = 27 * GT_PAGE;
	d.byte_offset = 0;
	memset(buf, GT_FILL, sizeof(buf));
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_build(&d, 0, buf, sizeof(buf)), 236);
	ST_EXPECT_EQ(t, gt_rd16(buf + 16), 8 + 27 * 8);
	ST_EXPECT_EQ(t, gt_rd64(buf + 228), 25);
	ST_EXPECT_EQ(t, buf[236], GT_FILL);
	memset(buf, GT_FILL, sizeof(buf));
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_build(&d, 1, buf, sizeof(buf)), 24);
	ST_EXPECT_MEM(t, buf, body27, sizeof(body27));
	ST_EXPECT_EQ(t, buf[24], GT_FILL);
}

SELFTEST(gpadl_build_exact_buflen)
{
	u64 *pfns = gt_pfns(1, 60);
	struct vmbus_gpadl_desc d = {
		.handle = 1, .pfns = pfns, .npfn = 60,
		.byte_count = 60 * GT_PAGE,
	};
	u8 buf[GT_BUF];

	/* 28 + 26 * 8 = 236, 16 + 28 * 8 = 240, 16 + 6 * 8 = 64. */
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_build(&d, 0, buf, 236), 236);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_build(&d, 1, buf, 240), 240);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_build(&d, 2, buf, 64), 64);
	ST_EXPECT_EQ(t, vmbus_gpadl_msg_build(&d, 2, buf, 63), -EMSGSIZE);
	free(pfns);
}

SELFTEST(gpadl_build_malformed)
{
	static u64 pfns[8191];
	u8 buf[GT_BUF], fill[GT_BUF];
	size_t i;

	memset(fill, GT_FILL, sizeof(fill));
	for (i = 0; i < ARRAY_SIZE(gt_build_cases); i++) {
		const struct gt_build_case *c = &gt_build_cases[i];
		struct vmbus_gpadl_desc d = {
			.relid = 1, .handle = 2, .pfns = pfns, .npfn = c->npfn,
			.byte_count = c->count, .byte_offset = c->off,
		};
		int ret;

		memset(buf, GT_FILL, sizeof(buf));
		ret = vmbus_gpadl_msg_build(&d, c->index, buf, c->buflen);
		if (ret != c->err)
			fprintf(stderr, "  row %s: got %d, want %d\n", c->name,
				ret, c->err);
		ST_EXPECT_EQ(t, ret, c->err);
		/* A refused build writes nothing. */
		ST_EXPECT_MEM(t, buf, fill, sizeof(buf));
	}
}

/*
 * Hand-made GPADL_HEADER image: every field from the row, @n PFNs, then the
 * length adjusted by @adj. Returns the message length.
 */
static size_t gt_header_image(u8 *buf, u32 type, u16 rbuflen, u16 rcount,
			      u32 count, u32 off, u32 n, int adj)
{
	u32 i;

	memset(buf, 0, GT_BUF);
	gt_wr32(buf + 0, type);
	gt_wr32(buf + 8, GT_RELID);
	gt_wr32(buf + 12, GT_HANDLE);
	gt_wr16(buf + 16, rbuflen);
	gt_wr16(buf + 18, rcount);
	gt_wr32(buf + 20, count);
	gt_wr32(buf + 24, off);
	for (i = 0; i < n && 28 + 8 * i + 8 <= GT_BUF; i++)
		gt_wr64(buf + 28 + 8 * i, gt_pfn(0, i));
	return (size_t)((long)(28 + 8 * n) + adj);
}

SELFTEST(gpadl_asm_start_malformed)
{
	static u64 got[GT_MAX + 1], fill[GT_MAX + 1];
	struct vmbus_gpadl_asm a, before;
	u8 buf[GT_BUF];
	size_t i, len;

	memset(fill, GT_FILL, sizeof(fill));
	for (i = 0; i < ARRAY_SIZE(gt_header_cases); i++) {
		const struct gt_header_case *c = &gt_header_cases[i];
		int ret;

		len = gt_header_image(buf, c->type, c->rbuflen, c->rcount,
				      c->count, c->off, c->n, c->adj);
		memset(&a, 0x5a, sizeof(a));
		before = a;
		memset(got, GT_FILL, sizeof(got));
		ret = vmbus_gpadl_asm_start(&a, buf, len, got, c->cap);
		if (ret != c->err)
			fprintf(stderr, "  row %s: got %d, want %d\n", c->name,
				ret, c->err);
		ST_EXPECT_EQ(t, ret, c->err);
		/* A refused header leaves the assembler and array alone. */
		ST_EXPECT_MEM(t, &a, &before, sizeof(a));
		ST_EXPECT_MEM(t, got, fill, sizeof(got));
	}
}

/* The same images, made valid, are accepted: the table tests one fault. */
SELFTEST(gpadl_asm_start_valid_images)
{
	static u64 got[GT_MAX];
	struct vmbus_gpadl_asm a;
	u8 buf[GT_BUF];
	size_t len;

	len = gt_header_image(buf, VMBUS_MSG_GPADL_HEADER, 16, 1, GT_PAGE, 0, 1,
			      0);
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_start(&a, buf, len, got, 1), 0);
	ST_EXPECT_EQ(t, got[0], gt_pfn(0, 0));
	/* A header may carry fewer PFNs than fit. */
	len = gt_header_image(buf, VMBUS_MSG_GPADL_HEADER, 248, 1, 30 * GT_PAGE,
			      0, 0, 0);
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_start(&a, buf, len, got, 30), 1);
	ST_EXPECT_EQ(t, a.have, 0);
	ST_EXPECT_EQ(t, a.npfn, 30);
	/* Largest GPADL, last byte of its first page to the end. */
	len = gt_header_image(buf, VMBUS_MSG_GPADL_HEADER, 0xfff8, 1,
			      GT_MAX * GT_PAGE - 4095, 4095, 26, 0);
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_start(&a, buf, len, got, GT_MAX), 1);
	ST_EXPECT_EQ(t, a.npfn, GT_MAX);
	ST_EXPECT_EQ(t, a.have, 26);
	ST_EXPECT_EQ(t, a.cap, GT_MAX);
}

/* Hand-made GPADL_BODY image. Returns the message length. */
static size_t gt_body_image(u8 *buf, u32 type, u32 handle, u32 first, u32 n,
			    int adj)
{
	u32 i;

	memset(buf, 0, GT_BUF);
	gt_wr32(buf + 0, type);
	gt_wr32(buf + 8, 0x77);		/* message number: ignored */
	gt_wr32(buf + 12, handle);
	for (i = 0; i < n && 16 + 8 * i + 8 <= GT_BUF; i++)
		gt_wr64(buf + 16 + 8 * i, gt_pfn(0, first + i));
	return (size_t)((long)(16 + 8 * n) + adj);
}

static int gt_start_30(struct vmbus_gpadl_asm *a, u64 *got, u32 cap)
{
	u8 buf[GT_BUF];
	size_t len = gt_header_image(buf, VMBUS_MSG_GPADL_HEADER, 248, 1,
				     30 * GT_PAGE, 0, 26, 0);

	return vmbus_gpadl_asm_start(a, buf, len, got, cap);
}

SELFTEST(gpadl_asm_add_body_malformed)
{
	u64 got[31], saved[31];
	struct vmbus_gpadl_asm a, before;
	u8 buf[GT_BUF];
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(gt_body_cases); i++) {
		const struct gt_body_case *c = &gt_body_cases[i];
		int ret;

		memset(got, GT_FILL, sizeof(got));
		ST_EXPECT_EQ(t, gt_start_30(&a, got, 30), 1);
		before = a;
		memcpy(saved, got, sizeof(got));
		len = gt_body_image(buf, c->type, c->handle, 26, c->n, c->adj);
		ret = vmbus_gpadl_asm_add_body(&a, buf, len);
		if (ret != c->err)
			fprintf(stderr, "  row %s: got %d, want %d\n", c->name,
				ret, c->err);
		ST_EXPECT_EQ(t, ret, c->err);
		ST_EXPECT_MEM(t, &a, &before, sizeof(a));
		ST_EXPECT_MEM(t, got, saved, sizeof(got));

		/* The assembler is still usable: the right body completes. */
		len = gt_body_image(buf, VMBUS_MSG_GPADL_BODY, GT_HANDLE, 26, 4,
				    0);
		ST_EXPECT_EQ(t, vmbus_gpadl_asm_add_body(&a, buf, len), 0);
		ST_EXPECT_EQ(t, a.have, 30);
		ST_EXPECT_EQ(t, got[29], gt_pfn(0, 29));
		ST_EXPECT_EQ(t, got[30], saved[30]);
	}
}

SELFTEST(gpadl_asm_add_body_state)
{
	struct vmbus_gpadl_asm a;
	u64 got[30];
	u8 buf[GT_BUF];
	size_t len;

	/* Never started (zeroed): nothing is missing. */
	memset(&a, 0, sizeof(a));
	len = gt_body_image(buf, VMBUS_MSG_GPADL_BODY, 0, 0, 1, 0);
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_add_body(&a, buf, len), -EMSGSIZE);
	ST_EXPECT_EQ(t, a.have, 0);

	/* Bodies of one PFN at a time, then one too many. */
	ST_EXPECT_EQ(t, gt_start_30(&a, got, 30), 1);
	len = gt_body_image(buf, VMBUS_MSG_GPADL_BODY, GT_HANDLE, 26, 1, 0);
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_add_body(&a, buf, len), 1);
	len = gt_body_image(buf, VMBUS_MSG_GPADL_BODY, GT_HANDLE, 27, 2, 0);
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_add_body(&a, buf, len), 1);
	len = gt_body_image(buf, VMBUS_MSG_GPADL_BODY, GT_HANDLE, 29, 1, 0);
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_add_body(&a, buf, len), 0);
	ST_EXPECT_EQ(t, a.have, 30);
	ST_EXPECT_EQ(t, got[27], gt_pfn(0, 27));
	ST_EXPECT_EQ(t, got[29], gt_pfn(0, 29));
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_add_body(&a, buf, len), -EMSGSIZE);
	ST_EXPECT_EQ(t, a.have, 30);

	/* A corrupted assembler (npfn beyond cap) is refused. */
	ST_EXPECT_EQ(t, gt_start_30(&a, got, 30), 1);
	a.cap = 20;
	ST_EXPECT_EQ(t, vmbus_gpadl_asm_add_body(&a, buf, len), -EMSGSIZE);
	ST_EXPECT_EQ(t, a.have, 26);
}
