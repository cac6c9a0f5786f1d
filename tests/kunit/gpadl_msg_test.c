// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite lumen_vmbus_gpadl: GPADL message construction and assembly
 * (lib/gpadl_msg.c) in kernel context. Round trips from one page to the
 * largest single-range GPADL build every message and assemble it again;
 * parameterised tables of malformed descriptors, headers and bodies assert
 * the exact errno and that a refused message changes nothing.
 *
 * The module carries its own copy of the pure code and exports nothing.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../lib/gpadl_msg.c"
#include "gpadl_cases.h"

static u64 gpadl_t_pfn(u32 seed, u32 i)
{
	return ((u64)(seed | 0x80000000u) << 32) ^ ((u64)i * 0x9e3779b1u);
}

static u16 gpadl_t_rd16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 gpadl_t_rd32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u64 gpadl_t_rd64(const u8 *p)
{
	return gpadl_t_rd32(p) | (u64)gpadl_t_rd32(p + 4) << 32;
}

static void gpadl_t_wr16(u8 *p, u16 v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void gpadl_t_wr32(u8 *p, u32 v)
{
	gpadl_t_wr16(p, v);
	gpadl_t_wr16(p + 2, v >> 16);
}

static void gpadl_t_wr64(u8 *p, u64 v)
{
	gpadl_t_wr32(p, v);
	gpadl_t_wr32(p + 4, v >> 32);
}

/**
 * struct gpadl_rt_case - one GPADL to build and assemble again
 * @name: row name shown in the KTAP output.
 * @npfn: PFNs in the range.
 * @off: byte offset in the first page.
 * @count: byte count of the range.
 * @msgs: messages it takes (header included).
 */
struct gpadl_rt_case {
	const char *name;
	u32 npfn;
	u32 off;
	u32 count;
	u32 msgs;
};

static const struct gpadl_rt_case gpadl_rt_cases[] = {
	{ "1_page", 1, 0, GT_PAGE, 1 },
	{ "26_pages_header_full", 26, 0, 26 * GT_PAGE, 1 },
	{ "27_pages_first_body", 27, 0, 27 * GT_PAGE, 2 },
	{ "54_pages_body_full", 54, 0, 54 * GT_PAGE, 2 },
	{ "55_pages_second_body", 55, 0, 55 * GT_PAGE, 3 },
	{ "256k", 64, 0, 64 * GT_PAGE, 3 },
	{ "1m", 256, 0, 256 * GT_PAGE, 10 },
	{ "16m", 4096, 0, 4096 * GT_PAGE, 147 },
	{ "8190_pages_max", GT_MAX, 0, GT_MAX * GT_PAGE, 293 },
	{ "offset_spills_to_2nd_page", 2, 1, GT_PAGE, 1 },
	{ "offset_last_byte_of_page", 1, GT_PAGE - 1, 1, 1 },
	{ "offset_partial_last_page", 27, 100, 26 * GT_PAGE, 2 },
	{ "offset_8190_pages", GT_MAX, 2048,
	  (GT_MAX - 1) * GT_PAGE, 293 },
};

static void gpadl_rt_desc(const struct gpadl_rt_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gpadl_rt, gpadl_rt_cases, gpadl_rt_desc);

static void vmbus_gpadl_msg_build_round_trip(struct kunit *test)
{
	const struct gpadl_rt_case *c = test->param_value;
	struct vmbus_gpadl_desc d = {
		.relid = GT_RELID, .handle = GT_HANDLE + c->npfn,
		.npfn = c->npfn, .byte_count = c->count, .byte_offset = c->off,
	};
	struct vmbus_gpadl_asm a;
	u32 i, j, n, sent = 0;
	u64 *pfns, *got;
	u8 *buf;
	int len, ret;

	pfns = kunit_kcalloc(test, c->npfn, sizeof(*pfns), GFP_KERNEL);
	got = kunit_kcalloc(test, c->npfn, sizeof(*got), GFP_KERNEL);
	buf = kunit_kzalloc(test, GT_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < c->npfn; i++)
		pfns[i] = gpadl_t_pfn(c->npfn, i);
	d.pfns = pfns;

	KUNIT_ASSERT_EQ(test, vmbus_gpadl_msg_count(c->npfn), c->msgs);
	for (i = 0; i < c->msgs; i++) {
		memset(buf, GT_FILL, GT_BUF);
		len = vmbus_gpadl_msg_build(&d, i, buf, VMBUS_MSG_MAX_SIZE);
		KUNIT_ASSERT_GT(test, len, 0);
		KUNIT_ASSERT_LE(test, len, (int)VMBUS_MSG_MAX_SIZE);
		KUNIT_EXPECT_EQ(test, buf[len], GT_FILL);
		if (i == 0) {
			n = min_t(u32, c->npfn, VMBUS_MSG_GPADL_HEADER_MAX_PFNS);
			KUNIT_EXPECT_EQ(test, len, 28 + 8 * n);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf),
					VMBUS_MSG_GPADL_HEADER);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf + 8), GT_RELID);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf + 12), d.handle);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd16(buf + 16),
					8 + 8 * c->npfn);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd16(buf + 18), 1);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf + 20), c->count);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf + 24), c->off);
			for (j = 0; j < n; j++)
				KUNIT_EXPECT_EQ(test, gpadl_t_rd64(buf + 28 + 8 * j),
						pfns[j]);
			ret = vmbus_gpadl_asm_start(&a, buf, len, got, c->npfn);
		} else {
			n = min_t(u32, c->npfn - sent,
				  VMBUS_MSG_GPADL_BODY_MAX_PFNS);
			KUNIT_EXPECT_EQ(test, len, 16 + 8 * n);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf),
					VMBUS_MSG_GPADL_BODY);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf + 8), 0);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf + 12), d.handle);
			for (j = 0; j < n; j++)
				KUNIT_EXPECT_EQ(test, gpadl_t_rd64(buf + 16 + 8 * j),
						pfns[sent + j]);
			ret = vmbus_gpadl_asm_add_body(&a, buf, len);
		}
		sent += n;
		KUNIT_ASSERT_EQ(test, ret, i + 1 < c->msgs ? 1 : 0);
		KUNIT_EXPECT_EQ(test, a.have, sent);
	}
	KUNIT_EXPECT_EQ(test, sent, c->npfn);
	KUNIT_EXPECT_EQ(test, a.npfn, c->npfn);
	KUNIT_EXPECT_EQ(test, a.relid, GT_RELID);
	KUNIT_EXPECT_EQ(test, a.handle, d.handle);
	KUNIT_EXPECT_EQ(test, a.byte_count, c->count);
	KUNIT_EXPECT_EQ(test, a.byte_offset, c->off);
	KUNIT_EXPECT_MEMEQ(test, got, pfns, c->npfn * sizeof(*got));
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_build(&d, c->msgs, buf,
						    GT_BUF), -ERANGE);
}

static void vmbus_gpadl_msg_count_limits(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_count(0), 0);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_count(26), 1);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_count(27), 2);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_count(8190), 293);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_count(8191), 0);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_count(U32_MAX), 0);
}

/* GPADL_HEADER byte image written from the protocol table. */
static void vmbus_gpadl_msg_build_wire_image(struct kunit *test)
{
	static const u8 image[36] = {
		0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* type 8 */
		0x44, 0x33, 0x22, 0x11,				/* relid */
		0x10, 0x1e, 0x0e, 0x00,				/* handle */
		0x10, 0x00,					/* buflen 16 */
		0x01, 0x00,					/* 1 range */
		0xff, 0x0f, 0x00, 0x00,				/* 4095 bytes */
		0x01, 0x00, 0x00, 0x00,				/* offset 1 */
		0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* pfn */
	};
	u64 pfn = 0x0102030405060708ull;
	struct vmbus_gpadl_desc d = {
		.relid = 0x11223344, .handle = 0xe1e10, .pfns = &pfn,
		.npfn = 1, .byte_count = 4095, .byte_offset = 1,
	};
	u8 buf[64];

	KUNIT_ASSERT_EQ(test, vmbus_gpadl_msg_build(&d, 0, buf, sizeof(buf)), 36);
	KUNIT_EXPECT_MEMEQ(test, buf, image, sizeof(image));
}

static void gpadl_build_desc(const struct gt_build_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gpadl_build, gt_build_cases, gpadl_build_desc);

static void vmbus_gpadl_msg_build_rejects(struct kunit *test)
{
	const struct gt_build_case *c = test->param_value;
	struct vmbus_gpadl_desc d = {
		.relid = 1, .handle = 2, .npfn = c->npfn,
		.byte_count = c->count, .byte_offset = c->off,
	};
	u8 *buf, *fill;
	u64 *pfns;

	/* Only valid descriptors read PFNs; give the largest one anyway. */
	pfns = kunit_kcalloc(test, GT_MAX, sizeof(*pfns), GFP_KERNEL);
	buf = kunit_kmalloc(test, GT_BUF, GFP_KERNEL);
	fill = kunit_kmalloc(test, GT_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, fill);
	d.pfns = pfns;
	memset(buf, GT_FILL, GT_BUF);
	memset(fill, GT_FILL, GT_BUF);

	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_build(&d, c->index, buf,
						    c->buflen), c->err);
	KUNIT_EXPECT_MEMEQ(test, buf, fill, GT_BUF);
}

static void gpadl_hdr_desc(const struct gt_header_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gpadl_hdr, gt_header_cases, gpadl_hdr_desc);

/* GPADL_HEADER image of a row; returns the message length. */
static size_t gpadl_t_header(u8 *buf, u32 type, u16 rbuflen, u16 rcount,
			     u32 count, u32 off, u32 n, int adj)
{
	u32 i;

	memset(buf, 0, GT_BUF);
	gpadl_t_wr32(buf, type);
	gpadl_t_wr32(buf + 8, GT_RELID);
	gpadl_t_wr32(buf + 12, GT_HANDLE);
	gpadl_t_wr16(buf + 16, rbuflen);
	gpadl_t_wr16(buf + 18, rcount);
	gpadl_t_wr32(buf + 20, count);
	gpadl_t_wr32(buf + 24, off);
	for (i = 0; i < n && 36 + 8 * i <= GT_BUF; i++)
		gpadl_t_wr64(buf + 28 + 8 * i, gpadl_t_pfn(0, i));
	return 28 + 8 * n + adj;
}

static void vmbus_gpadl_asm_start_rejects(struct kunit *test)
{
	const struct gt_header_case *c = test->param_value;
	struct vmbus_gpadl_asm a, before;
	u64 *got, *fill;
	size_t len;
	u8 *buf;

	buf = kunit_kmalloc(test, GT_BUF, GFP_KERNEL);
	got = kunit_kmalloc_array(test, GT_MAX, sizeof(*got), GFP_KERNEL);
	fill = kunit_kmalloc_array(test, GT_MAX, sizeof(*fill),
				   GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_NOT_NULL(test, fill);
	memset(got, GT_FILL, GT_MAX * sizeof(*got));
	memset(fill, GT_FILL, GT_MAX * sizeof(*fill));
	memset(&a, 0x5a, sizeof(a));
	before = a;

	len = gpadl_t_header(buf, c->type, c->rbuflen, c->rcount, c->count,
			     c->off, c->n, c->adj);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_asm_start(&a, buf, len, got, c->cap),
			c->err);
	KUNIT_EXPECT_MEMEQ(test, &a, &before, sizeof(a));
	KUNIT_EXPECT_MEMEQ(test, got, fill, GT_MAX * sizeof(*got));
}

static void gpadl_body_desc(const struct gt_body_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gpadl_body, gt_body_cases, gpadl_body_desc);

/* GPADL_BODY image of a row; returns the message length. */
static size_t gpadl_t_body(u8 *buf, u32 type, u32 handle, u32 first, u32 n,
			   int adj)
{
	u32 i;

	memset(buf, 0, GT_BUF);
	gpadl_t_wr32(buf, type);
	gpadl_t_wr32(buf + 12, handle);
	for (i = 0; i < n && 24 + 8 * i <= GT_BUF; i++)
		gpadl_t_wr64(buf + 16 + 8 * i, gpadl_t_pfn(0, first + i));
	return 16 + 8 * n + adj;
}

static void vmbus_gpadl_asm_add_body_rejects(struct kunit *test)
{
	const struct gt_body_case *c = test->param_value;
	const size_t asz = 31 * sizeof(u64);
	struct vmbus_gpadl_asm a, before;
	u64 *got, *saved;
	size_t len;
	u8 *buf;

	buf = kunit_kmalloc(test, GT_BUF, GFP_KERNEL);
	got = kunit_kmalloc(test, asz, GFP_KERNEL);
	saved = kunit_kmalloc(test, asz, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_NOT_NULL(test, saved);
	memset(got, GT_FILL, asz);
	len = gpadl_t_header(buf, VMBUS_MSG_GPADL_HEADER, 248, 1,
			     30 * GT_PAGE, 0, 26, 0);
	KUNIT_ASSERT_EQ(test, vmbus_gpadl_asm_start(&a, buf, len, got, 30), 1);
	before = a;
	memcpy(saved, got, asz);

	len = gpadl_t_body(buf, c->type, c->handle, 26, c->n, c->adj);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_asm_add_body(&a, buf, len), c->err);
	KUNIT_EXPECT_MEMEQ(test, &a, &before, sizeof(a));
	KUNIT_EXPECT_MEMEQ(test, got, saved, asz);

	/* Still usable: the right body completes the GPADL. */
	len = gpadl_t_body(buf, VMBUS_MSG_GPADL_BODY, GT_HANDLE, 26, 4, 0);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_asm_add_body(&a, buf, len), 0);
	KUNIT_EXPECT_EQ(test, a.have, 30);
	KUNIT_EXPECT_EQ(test, got[29], gpadl_t_pfn(0, 29));
	KUNIT_EXPECT_EQ(test, got[30], saved[30]);
	/* And a body after completion is refused. */
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_asm_add_body(&a, buf, len), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, a.have, 30);
}

static struct kunit_case lumen_vmbus_gpadl_cases[] = {
	KUNIT_CASE_PARAM(vmbus_gpadl_msg_build_round_trip, gpadl_rt_gen_params),
	KUNIT_CASE(vmbus_gpadl_msg_count_limits),
	KUNIT_CASE(vmbus_gpadl_msg_build_wire_image),
	KUNIT_CASE_PARAM(vmbus_gpadl_msg_build_rejects, gpadl_build_gen_params),
	KUNIT_CASE_PARAM(vmbus_gpadl_asm_start_rejects, gpadl_hdr_gen_params),
	KUNIT_CASE_PARAM(vmbus_gpadl_asm_add_body_rejects,
			 gpadl_body_gen_params),
	{}
};

static struct kunit_suite lumen_vmbus_gpadl_suite = {
	.name = "lumen_vmbus_gpadl",
	.test_cases = lumen_vmbus_gpadl_cases,
};

kunit_test_suites(&lumen_vmbus_gpadl_suite);

MODULE_DESCRIPTION("KUnit tests for Lumen GPADL message construction and assembly");
MODULE_LICENSE("GPL");
