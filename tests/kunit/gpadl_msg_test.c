// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite lumen_vmbus_gpadl: GPADL message construction and assembly
 * (vmbus/gpadl_msg.c) in kernel context. Round trips from one page to the
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

#define LUMEN_PURE_NO_EXPORT
#include "../../vmbus/gpadl_msg.c"

#define GPADL_T_PAGE	4096u
#define GPADL_T_MAX	VMBUS_MSG_GPADL_MAX_PFNS
#define GPADL_T_HANDLE	0x000e1e10u
#define GPADL_T_RELID	0x2au
#define GPADL_T_BUF	256	/* room for the oversize rows */
#define GPADL_T_FILL	0xa5

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
	{ "1_page", 1, 0, GPADL_T_PAGE, 1 },
	{ "26_pages_header_full", 26, 0, 26 * GPADL_T_PAGE, 1 },
	{ "27_pages_first_body", 27, 0, 27 * GPADL_T_PAGE, 2 },
	{ "54_pages_body_full", 54, 0, 54 * GPADL_T_PAGE, 2 },
	{ "55_pages_second_body", 55, 0, 55 * GPADL_T_PAGE, 3 },
	{ "256k", 64, 0, 64 * GPADL_T_PAGE, 3 },
	{ "1m", 256, 0, 256 * GPADL_T_PAGE, 10 },
	{ "16m", 4096, 0, 4096 * GPADL_T_PAGE, 147 },
	{ "8190_pages_max", GPADL_T_MAX, 0, GPADL_T_MAX * GPADL_T_PAGE, 293 },
	{ "offset_spills_to_2nd_page", 2, 1, GPADL_T_PAGE, 1 },
	{ "offset_last_byte_of_page", 1, GPADL_T_PAGE - 1, 1, 1 },
	{ "offset_partial_last_page", 27, 100, 26 * GPADL_T_PAGE, 2 },
	{ "offset_8190_pages", GPADL_T_MAX, 2048,
	  (GPADL_T_MAX - 1) * GPADL_T_PAGE, 293 },
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
		.relid = GPADL_T_RELID, .handle = GPADL_T_HANDLE + c->npfn,
		.npfn = c->npfn, .byte_count = c->count, .byte_offset = c->off,
	};
	struct vmbus_gpadl_asm a;
	u32 i, j, n, sent = 0;
	u64 *pfns, *got;
	u8 *buf;
	int len, ret;

	pfns = kunit_kcalloc(test, c->npfn, sizeof(*pfns), GFP_KERNEL);
	got = kunit_kcalloc(test, c->npfn, sizeof(*got), GFP_KERNEL);
	buf = kunit_kzalloc(test, GPADL_T_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < c->npfn; i++)
		pfns[i] = gpadl_t_pfn(c->npfn, i);
	d.pfns = pfns;

	KUNIT_ASSERT_EQ(test, vmbus_gpadl_msg_count(c->npfn), c->msgs);
	for (i = 0; i < c->msgs; i++) {
		memset(buf, GPADL_T_FILL, GPADL_T_BUF);
		len = vmbus_gpadl_msg_build(&d, i, buf, VMBUS_MSG_MAX_SIZE);
		KUNIT_ASSERT_GT(test, len, 0);
		KUNIT_ASSERT_LE(test, len, (int)VMBUS_MSG_MAX_SIZE);
		KUNIT_EXPECT_EQ(test, buf[len], GPADL_T_FILL);
		if (i == 0) {
			n = min_t(u32, c->npfn, VMBUS_MSG_GPADL_HEADER_MAX_PFNS);
			KUNIT_EXPECT_EQ(test, len, 28 + 8 * n);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf),
					VMBUS_MSG_GPADL_HEADER);
			KUNIT_EXPECT_EQ(test, gpadl_t_rd32(buf + 8), GPADL_T_RELID);
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
	KUNIT_EXPECT_EQ(test, a.relid, GPADL_T_RELID);
	KUNIT_EXPECT_EQ(test, a.handle, d.handle);
	KUNIT_EXPECT_EQ(test, a.byte_count, c->count);
	KUNIT_EXPECT_EQ(test, a.byte_offset, c->off);
	KUNIT_EXPECT_MEMEQ(test, got, pfns, c->npfn * sizeof(*got));
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_build(&d, c->msgs, buf,
						    GPADL_T_BUF), -ERANGE);
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

/**
 * struct gpadl_build_case - a descriptor vmbus_gpadl_msg_build() refuses
 * @name: row name shown in the KTAP output.
 * @npfn: PFN count.
 * @off: byte offset.
 * @count: byte count.
 * @index: message index.
 * @buflen: buffer length passed.
 * @err: errno expected.
 */
struct gpadl_build_case {
	const char *name;
	u32 npfn;
	u32 off;
	u32 count;
	u32 index;
	u32 buflen;
	int err;
};

static const struct gpadl_build_case gpadl_build_cases[] = {
	{ "zero_pfns", 0, 0, 0, 0, GPADL_T_BUF, -EINVAL },
	{ "8191_pfns", 8191, 0, 8191 * GPADL_T_PAGE, 0, GPADL_T_BUF, -EMSGSIZE },
	{ "u32_max_pfns", U32_MAX, 0, U32_MAX, 0, GPADL_T_BUF, -EMSGSIZE },
	{ "offset_4096", 1, 4096, 1, 0, GPADL_T_BUF, -ERANGE },
	{ "offset_4096_span_matches", 2, 4096, 1, 0, GPADL_T_BUF, -ERANGE },
	{ "count_zero", 1, 0, 0, 0, GPADL_T_BUF, -ERANGE },
	{ "count_one_page_short", 2, 0, GPADL_T_PAGE, 0, GPADL_T_BUF, -ERANGE },
	{ "count_one_byte_long", 1, 0, GPADL_T_PAGE + 1, 0, GPADL_T_BUF,
	  -ERANGE },
	{ "count_u32_max", GPADL_T_MAX, 4095, U32_MAX, 0, GPADL_T_BUF, -ERANGE },
	{ "index_1_header_only", 26, 0, 26 * GPADL_T_PAGE, 1, GPADL_T_BUF,
	  -ERANGE },
	{ "index_past_last_body", 27, 0, 27 * GPADL_T_PAGE, 2, GPADL_T_BUF,
	  -ERANGE },
	{ "buflen_zero", 1, 0, GPADL_T_PAGE, 0, 0, -EMSGSIZE },
	{ "buflen_header_one_pfn_short", 26, 0, 26 * GPADL_T_PAGE, 0,
	  28 + 25 * 8, -EMSGSIZE },
	{ "buflen_body_one_pfn_short", 54, 0, 54 * GPADL_T_PAGE, 1, 16 + 27 * 8,
	  -EMSGSIZE },
};

static void gpadl_build_desc(const struct gpadl_build_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gpadl_build, gpadl_build_cases, gpadl_build_desc);

static void vmbus_gpadl_msg_build_rejects(struct kunit *test)
{
	const struct gpadl_build_case *c = test->param_value;
	struct vmbus_gpadl_desc d = {
		.relid = 1, .handle = 2, .npfn = c->npfn,
		.byte_count = c->count, .byte_offset = c->off,
	};
	u8 *buf, *fill;
	u64 *pfns;

	/* Only valid descriptors read PFNs; give the largest one anyway. */
	pfns = kunit_kcalloc(test, GPADL_T_MAX, sizeof(*pfns), GFP_KERNEL);
	buf = kunit_kmalloc(test, GPADL_T_BUF, GFP_KERNEL);
	fill = kunit_kmalloc(test, GPADL_T_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, fill);
	d.pfns = pfns;
	memset(buf, GPADL_T_FILL, GPADL_T_BUF);
	memset(fill, GPADL_T_FILL, GPADL_T_BUF);

	KUNIT_EXPECT_EQ(test, vmbus_gpadl_msg_build(&d, c->index, buf,
						    c->buflen), c->err);
	KUNIT_EXPECT_MEMEQ(test, buf, fill, GPADL_T_BUF);
}

/**
 * struct gpadl_hdr_case - a GPADL_HEADER vmbus_gpadl_asm_start() refuses
 * @name: row name shown in the KTAP output.
 * @type: message type written.
 * @rbuflen: range buffer length written.
 * @rcount: range count written.
 * @count: byte count written.
 * @off: byte offset written.
 * @n: PFNs carried in the message.
 * @adj: added to the message length 28 + 8 * @n.
 * @cap: PFN array capacity passed.
 * @err: errno expected.
 */
struct gpadl_hdr_case {
	const char *name;
	u32 type;
	u16 rbuflen;
	u16 rcount;
	u32 count;
	u32 off;
	u32 n;
	int adj;
	u32 cap;
	int err;
};

static const struct gpadl_hdr_case gpadl_hdr_cases[] = {
	{ "empty_message", VMBUS_MSG_GPADL_HEADER, 16, 1, GPADL_T_PAGE, 0, 0,
	  -28, GPADL_T_MAX, -EPROTO },
	{ "truncated_header", VMBUS_MSG_GPADL_HEADER, 16, 1, GPADL_T_PAGE, 0, 0,
	  -1, GPADL_T_MAX, -EPROTO },
	{ "truncated_pfn", VMBUS_MSG_GPADL_HEADER, 16, 1, GPADL_T_PAGE, 0, 1,
	  -4, GPADL_T_MAX, -EPROTO },
	{ "longer_than_240", VMBUS_MSG_GPADL_HEADER, 488, 1, 60 * GPADL_T_PAGE,
	  0, 26, 8, GPADL_T_MAX, -EMSGSIZE },
	{ "type_gpadl_body", VMBUS_MSG_GPADL_BODY, 16, 1, GPADL_T_PAGE, 0, 1, 0,
	  GPADL_T_MAX, -EBADRQC },
	{ "range_count_0", VMBUS_MSG_GPADL_HEADER, 16, 0, GPADL_T_PAGE, 0, 1, 0,
	  GPADL_T_MAX, -EPROTONOSUPPORT },
	{ "range_count_2", VMBUS_MSG_GPADL_HEADER, 32, 2, GPADL_T_PAGE, 0, 2, 0,
	  GPADL_T_MAX, -EPROTONOSUPPORT },
	{ "rangebuflen_8", VMBUS_MSG_GPADL_HEADER, 8, 1, 0, 0, 0, 0,
	  GPADL_T_MAX, -EPROTO },
	{ "rangebuflen_20_not_multiple_of_8", VMBUS_MSG_GPADL_HEADER, 20, 1,
	  GPADL_T_PAGE, 0, 1, 0, GPADL_T_MAX, -EPROTO },
	{ "offset_4096", VMBUS_MSG_GPADL_HEADER, 16, 1, 1, 4096, 1, 0,
	  GPADL_T_MAX, -ERANGE },
	{ "offset_4096_span_matches", VMBUS_MSG_GPADL_HEADER, 24, 1, 1, 4096, 2,
	  0, GPADL_T_MAX, -ERANGE },
	{ "byte_count_zero", VMBUS_MSG_GPADL_HEADER, 16, 1, 0, 0, 1, 0,
	  GPADL_T_MAX, -EPROTO },
	{ "byte_count_one_page_short", VMBUS_MSG_GPADL_HEADER, 24, 1,
	  GPADL_T_PAGE, 0, 2, 0, GPADL_T_MAX, -EPROTO },
	{ "byte_count_u32_max", VMBUS_MSG_GPADL_HEADER, 0xfff8, 1, U32_MAX,
	  4095, 26, 0, GPADL_T_MAX, -EPROTO },
	{ "more_pfns_than_declared", VMBUS_MSG_GPADL_HEADER, 16, 1,
	  GPADL_T_PAGE, 0, 2, 0, GPADL_T_MAX, -EPROTO },
	{ "capacity_one_short", VMBUS_MSG_GPADL_HEADER, 0xfff8, 1,
	  GPADL_T_MAX * GPADL_T_PAGE, 0, 26, 0, GPADL_T_MAX - 1, -EMSGSIZE },
	{ "capacity_zero", VMBUS_MSG_GPADL_HEADER, 16, 1, GPADL_T_PAGE, 0, 1, 0,
	  0, -EMSGSIZE },
};

static void gpadl_hdr_desc(const struct gpadl_hdr_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gpadl_hdr, gpadl_hdr_cases, gpadl_hdr_desc);

/* GPADL_HEADER image of a row; returns the message length. */
static size_t gpadl_t_header(u8 *buf, u32 type, u16 rbuflen, u16 rcount,
			     u32 count, u32 off, u32 n, int adj)
{
	u32 i;

	memset(buf, 0, GPADL_T_BUF);
	gpadl_t_wr32(buf, type);
	gpadl_t_wr32(buf + 8, GPADL_T_RELID);
	gpadl_t_wr32(buf + 12, GPADL_T_HANDLE);
	gpadl_t_wr16(buf + 16, rbuflen);
	gpadl_t_wr16(buf + 18, rcount);
	gpadl_t_wr32(buf + 20, count);
	gpadl_t_wr32(buf + 24, off);
	for (i = 0; i < n && 36 + 8 * i <= GPADL_T_BUF; i++)
		gpadl_t_wr64(buf + 28 + 8 * i, gpadl_t_pfn(0, i));
	return 28 + 8 * n + adj;
}

static void vmbus_gpadl_asm_start_rejects(struct kunit *test)
{
	const struct gpadl_hdr_case *c = test->param_value;
	struct vmbus_gpadl_asm a, before;
	u64 *got, *fill;
	size_t len;
	u8 *buf;

	buf = kunit_kmalloc(test, GPADL_T_BUF, GFP_KERNEL);
	got = kunit_kmalloc_array(test, GPADL_T_MAX, sizeof(*got), GFP_KERNEL);
	fill = kunit_kmalloc_array(test, GPADL_T_MAX, sizeof(*fill),
				   GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_NOT_NULL(test, fill);
	memset(got, GPADL_T_FILL, GPADL_T_MAX * sizeof(*got));
	memset(fill, GPADL_T_FILL, GPADL_T_MAX * sizeof(*fill));
	memset(&a, 0x5a, sizeof(a));
	before = a;

	len = gpadl_t_header(buf, c->type, c->rbuflen, c->rcount, c->count,
			     c->off, c->n, c->adj);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_asm_start(&a, buf, len, got, c->cap),
			c->err);
	KUNIT_EXPECT_MEMEQ(test, &a, &before, sizeof(a));
	KUNIT_EXPECT_MEMEQ(test, got, fill, GPADL_T_MAX * sizeof(*got));
}

/**
 * struct gpadl_body_case - a GPADL_BODY vmbus_gpadl_asm_add_body() refuses
 * @name: row name shown in the KTAP output.
 * @type: message type written.
 * @handle: GPADL handle written.
 * @n: PFNs carried in the message.
 * @adj: added to the message length 16 + 8 * @n.
 * @err: errno expected.
 *
 * Each body follows a 30-PFN header that carried 26 PFNs (4 missing).
 */
struct gpadl_body_case {
	const char *name;
	u32 type;
	u32 handle;
	u32 n;
	int adj;
	int err;
};

static const struct gpadl_body_case gpadl_body_cases[] = {
	{ "truncated_header", VMBUS_MSG_GPADL_BODY, GPADL_T_HANDLE, 0, -1,
	  -EPROTO },
	{ "zero_pfns", VMBUS_MSG_GPADL_BODY, GPADL_T_HANDLE, 0, 0, -EPROTO },
	{ "length_not_multiple_of_8", VMBUS_MSG_GPADL_BODY, GPADL_T_HANDLE, 1,
	  3, -EPROTO },
	{ "longer_than_240", VMBUS_MSG_GPADL_BODY, GPADL_T_HANDLE, 28, 8,
	  -EMSGSIZE },
	{ "type_gpadl_header", VMBUS_MSG_GPADL_HEADER, GPADL_T_HANDLE, 1, 0,
	  -EBADRQC },
	{ "wrong_handle", VMBUS_MSG_GPADL_BODY, GPADL_T_HANDLE + 1, 1, 0,
	  -EINVAL },
	{ "overflows_remaining_by_1", VMBUS_MSG_GPADL_BODY, GPADL_T_HANDLE, 5,
	  0, -EMSGSIZE },
	{ "overflows_remaining_full_body", VMBUS_MSG_GPADL_BODY, GPADL_T_HANDLE,
	  28, 0, -EMSGSIZE },
};

static void gpadl_body_desc(const struct gpadl_body_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gpadl_body, gpadl_body_cases, gpadl_body_desc);

/* GPADL_BODY image of a row; returns the message length. */
static size_t gpadl_t_body(u8 *buf, u32 type, u32 handle, u32 first, u32 n,
			   int adj)
{
	u32 i;

	memset(buf, 0, GPADL_T_BUF);
	gpadl_t_wr32(buf, type);
	gpadl_t_wr32(buf + 12, handle);
	for (i = 0; i < n && 24 + 8 * i <= GPADL_T_BUF; i++)
		gpadl_t_wr64(buf + 16 + 8 * i, gpadl_t_pfn(0, first + i));
	return 16 + 8 * n + adj;
}

static void vmbus_gpadl_asm_add_body_rejects(struct kunit *test)
{
	const struct gpadl_body_case *c = test->param_value;
	const size_t asz = 31 * sizeof(u64);
	struct vmbus_gpadl_asm a, before;
	u64 *got, *saved;
	size_t len;
	u8 *buf;

	buf = kunit_kmalloc(test, GPADL_T_BUF, GFP_KERNEL);
	got = kunit_kmalloc(test, asz, GFP_KERNEL);
	saved = kunit_kmalloc(test, asz, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_ASSERT_NOT_NULL(test, saved);
	memset(got, GPADL_T_FILL, asz);
	len = gpadl_t_header(buf, VMBUS_MSG_GPADL_HEADER, 248, 1,
			     30 * GPADL_T_PAGE, 0, 26, 0);
	KUNIT_ASSERT_EQ(test, vmbus_gpadl_asm_start(&a, buf, len, got, 30), 1);
	before = a;
	memcpy(saved, got, asz);

	len = gpadl_t_body(buf, c->type, c->handle, 26, c->n, c->adj);
	KUNIT_EXPECT_EQ(test, vmbus_gpadl_asm_add_body(&a, buf, len), c->err);
	KUNIT_EXPECT_MEMEQ(test, &a, &before, sizeof(a));
	KUNIT_EXPECT_MEMEQ(test, got, saved, asz);

	/* Still usable: the right body completes the GPADL. */
	len = gpadl_t_body(buf, VMBUS_MSG_GPADL_BODY, GPADL_T_HANDLE, 26, 4, 0);
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
