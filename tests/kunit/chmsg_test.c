// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the VMBus channel-message table and parser
 * (lib/chmsg.c), in kernel context: the shared case table
 * (chmsg_cases.h, filled from the message table at suite init) row by row
 * with the exact errno, and decodes of good messages. Each parse reads a
 * kmalloc'd copy of exactly the message length, so KASAN reports any read
 * past it. This module carries its own copy of the parser and exports
 * nothing.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../lib/chmsg.c"
#include "chmsg_cases.h"

/* Parse a kmalloc'd copy of exactly @len bytes of @msg. */
static int chmsg_parse_exact(struct kunit *test, const u8 *msg, size_t len,
			     u32 dir, u32 version, struct vmbus_chmsg *out)
{
	u8 *copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, copy);
	memcpy(copy, msg, len);
	return vmbus_chmsg_parse(copy, len, dir, version, out);
}

static bool chmsg_tail_is_zero(const struct vmbus_chmsg *m)
{
	size_t i;

	for (i = m->len; i < sizeof(m->body); i++)
		if (m->body.raw[i])
			return false;
	return true;
}

static void chmsg_case_desc(struct chmsg_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(chmsg_case, chmsg_cases, chmsg_case_desc);

static void vmbus_chmsg_parse_case_table(struct kunit *test)
{
	const struct chmsg_case *c = test->param_value;
	struct vmbus_chmsg *out, *before;
	u8 *buf;

	buf = kunit_kzalloc(test, CHMSG_CASE_BUF_SIZE, GFP_KERNEL);
	out = kunit_kmalloc(test, sizeof(*out), GFP_KERNEL);
	before = kunit_kmalloc(test, sizeof(*before), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, before);

	chmsg_case_build(c, buf);
	memset(out, 0xa5, sizeof(*out));
	memcpy(before, out, sizeof(*out));
	KUNIT_ASSERT_EQ(test, chmsg_parse_exact(test, buf, c->len, c->dir,
						c->version, out), c->err);
	if (c->err) {
		/* A failed parse leaves @out alone. */
		KUNIT_EXPECT_MEMEQ(test, out, before, sizeof(*out));
		return;
	}
	KUNIT_EXPECT_EQ(test, out->type, c->type);
	KUNIT_EXPECT_EQ(test, out->len, c->len);
	KUNIT_EXPECT_MEMEQ(test, out->body.raw, buf, c->len);
	KUNIT_EXPECT_TRUE(test, chmsg_tail_is_zero(out));
}

/* Every type at its minimum (GPADL_BODY: plus one PFN), and one short. */
static void vmbus_chmsg_parse_min_len(struct kunit *test)
{
	struct vmbus_chmsg *out;
	u8 *buf;
	u32 type;

	buf = kunit_kzalloc(test, CHMSG_CASE_BUF_SIZE, GFP_KERNEL);
	out = kunit_kmalloc(test, sizeof(*out), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);

	for (type = 1; type < VMBUS_MSG_COUNT; type++) {
		const struct vmbus_chmsg_info *info = vmbus_chmsg_info(type);
		struct chmsg_case c = {
			.type = type, .dir = info->dir,
			.version = VMBUS_PROTO_V6_0,
		};

		c.len = info->min_len;
		if (type == VMBUS_MSG_GPADL_BODY)
			c.len += 8;
		chmsg_case_build(&c, buf);
		KUNIT_EXPECT_EQ_MSG(test, chmsg_parse_exact(test, buf, c.len,
							    c.dir, c.version,
							    out),
				    0, "%s", info->name);
		c.len--;
		chmsg_case_build(&c, buf);
		KUNIT_EXPECT_EQ_MSG(test, chmsg_parse_exact(test, buf, c.len,
							    c.dir, c.version,
							    out),
				    -EPROTO, "%s", info->name);
	}
}

static void put16(u8 *b, size_t off, u16 v)
{
	__le16 x = cpu_to_le16(v);

	memcpy(b + off, &x, sizeof(x));
}

static void put32(u8 *b, size_t off, u32 v)
{
	__le32 x = cpu_to_le32(v);

	memcpy(b + off, &x, sizeof(x));
}

static void put64(u8 *b, size_t off, u64 v)
{
	__le64 x = cpu_to_le64(v);

	memcpy(b + off, &x, sizeof(x));
}

/* An OFFERCHANNEL written from the fact sheet's offsets. */
static void vmbus_chmsg_parse_decodes_offer(struct kunit *test)
{
	const struct vmbus_msg_offer_channel *o;
	struct vmbus_chmsg *out;
	u8 *img;

	img = kunit_kzalloc(test, 196, GFP_KERNEL);
	out = kunit_kmalloc(test, sizeof(*out), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, img);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);

	put32(img, 0, 1);			/* OFFERCHANNEL */
	img[8] = 0x63;				/* interface type, byte 0 */
	img[39] = 0x2f;				/* instance, byte 15 */
	put16(img, 56, 0x2000);			/* flags: hv_sock */
	put32(img, 60, 0);			/* pipe mode: byte */
	img[64] = 1;				/* for guest accept */
	put32(img, 66, 1);			/* RS5 parameters */
	put16(img, 180, 2);			/* sub-channel index */
	put32(img, 184, 2047);			/* child relid */
	img[188] = 127;				/* monitor id */
	img[189] = 1;				/* monitor allocated */
	put32(img, 192, 0x12345);		/* connection id */

	memset(out, 0xff, sizeof(*out));
	KUNIT_ASSERT_EQ(test, chmsg_parse_exact(test, img, 196,
						VMBUS_CHMSG_DIR_H2G,
						VMBUS_PROTO_V5_0, out), 0);
	o = &out->body.offerchannel;
	KUNIT_EXPECT_EQ(test, out->type, VMBUS_MSG_OFFERCHANNEL);
	KUNIT_EXPECT_EQ(test, out->len, 196);
	KUNIT_EXPECT_EQ(test, out->relid, 2047);
	KUNIT_EXPECT_EQ(test, o->if_type.b[0], 0x63);
	KUNIT_EXPECT_EQ(test, o->if_instance.b[15], 0x2f);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(o->flags), VMBUS_MSG_OFFER_FLAG_HVSOCK);
	KUNIT_EXPECT_EQ(test, o->user.hvsock.for_guest_accept, 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(o->user.hvsock.params_version),
			VMBUS_MSG_HVSOCK_PARAMS_RS5);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(o->sub_channel_index), 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(o->child_relid), 2047);
	KUNIT_EXPECT_EQ(test, o->monitor_id, 127);
	KUNIT_EXPECT_EQ(test, o->monitor_flags, VMBUS_MSG_OFFER_MONITOR_ALLOCATED);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(o->connection_id), 0x12345);
	KUNIT_EXPECT_TRUE(test, chmsg_tail_is_zero(out));
}

/* A GPADL_HEADER carrying two PFNs of a three-page range. */
static void vmbus_chmsg_parse_decodes_gpadl_header(struct kunit *test)
{
	const struct vmbus_msg_gpadl_header *g;
	struct vmbus_chmsg *out;
	u8 *img;
	__le64 pfn;

	img = kunit_kzalloc(test, 44, GFP_KERNEL);
	out = kunit_kmalloc(test, sizeof(*out), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, img);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);

	put32(img, 0, 8);			/* GPADL_HEADER */
	put32(img, 8, 3);			/* child relid */
	put32(img, 12, 0xe1e11);		/* handle */
	put16(img, 16, 8 + 3 * 8);		/* range buffer: 3 PFNs */
	put16(img, 18, 1);			/* one range */
	put32(img, 20, 3 * 4096);		/* byte count */
	put64(img, 28, 0xabc00);
	put64(img, 36, 0xabc01);

	KUNIT_ASSERT_EQ(test, chmsg_parse_exact(test, img, 44,
						VMBUS_CHMSG_DIR_G2H,
						VMBUS_PROTO_V5_3, out), 0);
	g = &out->body.gpadl_header;
	KUNIT_EXPECT_EQ(test, out->relid, 3);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g->gpadl), 0xe1e11);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(g->range_buflen), 32);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g->range.byte_count), 3 * 4096);
	memcpy(&pfn, out->body.raw + 36, sizeof(pfn));
	KUNIT_EXPECT_EQ(test, le64_to_cpu(pfn), 0xabc01);
	KUNIT_EXPECT_TRUE(test, chmsg_tail_is_zero(out));
}

/* The short VERSION_RESPONSE reads as the 6.0 forms with zeros. */
static void vmbus_chmsg_parse_zeroes_tail(struct kunit *test)
{
	struct vmbus_chmsg *out;
	u8 img[16] = { 0 };

	out = kunit_kmalloc(test, sizeof(*out), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);
	put32(img, 0, 15);			/* VERSION_RESPONSE */
	img[8] = 1;				/* supported */
	put32(img, 12, 0x10);			/* message connection id */
	memset(out, 0xff, sizeof(*out));
	KUNIT_ASSERT_EQ(test, chmsg_parse_exact(test, img, sizeof(img),
						VMBUS_CHMSG_DIR_H2G, 0, out),
			0);
	KUNIT_EXPECT_EQ(test, out->body.version_response.version_supported, 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out->body.version_response.msg_conn_id),
			0x10);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out->body.version_response2.feature_flags),
			0);
	KUNIT_EXPECT_TRUE(test, chmsg_tail_is_zero(out));
}

static void vmbus_chmsg_info_unknown_type(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, vmbus_chmsg_info(0));
	KUNIT_EXPECT_NULL(test, vmbus_chmsg_info(VMBUS_MSG_COUNT));
	KUNIT_EXPECT_NULL(test, vmbus_chmsg_info(0xffffffff));
	KUNIT_EXPECT_NOT_NULL(test, vmbus_chmsg_info(VMBUS_MSG_RESUME));
}

static void vmbus_chmsg_init_writes_header(struct kunit *test)
{
	u8 buf[CHMSG_CASE_BUF_SIZE];
	struct vmbus_chmsg *out;
	size_t n;

	out = kunit_kmalloc(test, sizeof(*out), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);
	memset(buf, 0xa5, sizeof(buf));
	n = vmbus_chmsg_init(buf, sizeof(buf), VMBUS_MSG_OPENCHANNEL);
	KUNIT_ASSERT_EQ(test, n, sizeof(struct vmbus_msg_open_channel));
	KUNIT_EXPECT_EQ(test, buf[0], VMBUS_MSG_OPENCHANNEL);
	KUNIT_EXPECT_EQ(test, buf[n - 1], 0);
	KUNIT_EXPECT_EQ(test, buf[n], 0xa5);
	put32(buf, 8, 9);			/* child relid */
	KUNIT_EXPECT_EQ(test, chmsg_parse_exact(test, buf, n,
						VMBUS_CHMSG_DIR_G2H,
						VMBUS_PROTO_V4_0, out), 0);
	KUNIT_EXPECT_EQ(test, out->relid, 9);

	KUNIT_EXPECT_EQ(test, vmbus_chmsg_init(buf, n - 1, VMBUS_MSG_OPENCHANNEL),
			0);
	KUNIT_EXPECT_EQ(test, vmbus_chmsg_init(buf, sizeof(buf), 0), 0);
	KUNIT_EXPECT_EQ(test, vmbus_chmsg_init(buf, sizeof(buf), 30), 0);
}

static struct kunit_case lumen_vmbus_chmsg_cases[] = {
	KUNIT_CASE_PARAM(vmbus_chmsg_parse_case_table, chmsg_case_gen_params),
	KUNIT_CASE(vmbus_chmsg_parse_min_len),
	KUNIT_CASE(vmbus_chmsg_parse_decodes_offer),
	KUNIT_CASE(vmbus_chmsg_parse_decodes_gpadl_header),
	KUNIT_CASE(vmbus_chmsg_parse_zeroes_tail),
	KUNIT_CASE(vmbus_chmsg_info_unknown_type),
	KUNIT_CASE(vmbus_chmsg_init_writes_header),
	{}
};

static int lumen_vmbus_chmsg_suite_init(struct kunit_suite *suite)
{
	return chmsg_cases_fill();
}

static struct kunit_suite lumen_vmbus_chmsg_suite = {
	.name = "lumen_vmbus_chmsg",
	.suite_init = lumen_vmbus_chmsg_suite_init,
	.test_cases = lumen_vmbus_chmsg_cases,
};

kunit_test_suite(lumen_vmbus_chmsg_suite);

MODULE_DESCRIPTION("KUnit tests for the Lumen VMBus channel-message parser");
MODULE_LICENSE("GPL");
