// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite lumen_ic_kvp: the KVP and VSS body code (lib/kvp_msg.c)
 * in kernel context. The shared tables (kvp_cases.h) give named bad rows
 * with their exact errno; every parse runs on a heap copy of exactly the
 * parsed length, so KASAN sees a read past it. Round trips check the
 * UTF-16LE <-> UTF-8 conversion, the limits of the answers the guest
 * writes and the decimal form of integer values.
 *
 * The module carries its own copy of the pure code and exports nothing.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../lib/kvp_msg.c"
#include "kvp_cases.h"

static void kvp_case_desc(const struct kvp_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kvp_parse, kvp_cases, kvp_case_desc);

static void ic_kvp_parse_table(struct kunit *test)
{
	const struct kvp_case *c = test->param_value;
	struct ic_kvp_req *req;
	u8 *buf, *copy;
	int len;

	buf = kunit_kmalloc(test, KVP_CASE_BUF_SIZE, GFP_KERNEL);
	req = kunit_kmalloc(test, sizeof(*req), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, req);
	len = kvp_case_build(c, buf);
	KUNIT_ASSERT_GE(test, len, 0);
	copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, buf, len);
	KUNIT_EXPECT_EQ(test, ic_kvp_parse(copy, len, c->reply ?
					   IC_KVP_DIR_REPLY :
					   IC_KVP_DIR_REQUEST, req), c->err);
	if (c->err)
		return;
	KUNIT_EXPECT_EQ(test, req->op, c->op);
	KUNIT_EXPECT_EQ(test, strlen(req->key), req->key_len);
	KUNIT_EXPECT_EQ(test, strlen(req->value), req->value_len);
}

static void utf8_case_desc(const struct utf8_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(utf8, utf8_cases, utf8_case_desc);

static void ic_utf8_to_utf16_table(struct kunit *test)
{
	const struct utf8_case *c = test->param_value;
	u8 *out = kunit_kzalloc(test, c->cap + 1, GFP_KERNEL);
	char *back = kunit_kzalloc(test, 64, GFP_KERNEL);
	u32 size = 0, len = 0;

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, back);
	out[c->cap] = 0xa5;
	KUNIT_EXPECT_EQ(test, ic_utf8_to_utf16(c->s, c->len, out, c->cap,
					       &size), c->err);
	/* Nothing past the capacity. */
	KUNIT_EXPECT_EQ(test, out[c->cap], 0xa5);
	if (c->err)
		return;
	KUNIT_EXPECT_EQ(test, size, c->size);
	KUNIT_EXPECT_EQ(test, ic_utf16_to_utf8(out, size, back, 64, &len), 0);
	KUNIT_EXPECT_EQ(test, len, c->len);
	KUNIT_EXPECT_MEMEQ(test, back, c->s, c->len);
}

static void vss_case_desc(const struct vss_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vss, vss_cases, vss_case_desc);

static void ic_vss_parse_table(struct kunit *test)
{
	const struct vss_case *c = test->param_value;
	u8 *body = kunit_kzalloc(test, c->len ? c->len : 1, GFP_KERNEL);
	struct ic_vss_info info;

	KUNIT_ASSERT_NOT_NULL(test, body);
	if (c->len)
		body[0] = c->op;
	KUNIT_EXPECT_EQ(test, ic_vss_parse(body, c->len, &info), c->err);
	if (!c->err)
		KUNIT_EXPECT_EQ(test, info.op, c->op);
}

/* UTF-16 that fits a UTF-8 buffer only with its NUL. */
static void ic_utf16_to_utf8_bounds(struct kunit *test)
{
	static const u8 abc[] = { 'a', 0, 'b', 0, 'c', 0, 0, 0 };
	char out[4];
	u32 len;

	KUNIT_EXPECT_EQ(test, ic_utf16_to_utf8(abc, sizeof(abc), out, 3, &len),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, ic_utf16_to_utf8(abc, sizeof(abc), out, 4, &len),
			0);
	KUNIT_EXPECT_EQ(test, len, 3);
	KUNIT_EXPECT_STREQ(test, out, "abc");
	KUNIT_EXPECT_EQ(test, ic_utf16_to_utf8(abc, 6, out, 4, &len), -EPROTO);
	KUNIT_EXPECT_EQ(test, ic_utf16_to_utf8(abc, 7, out, 4, &len), -EPROTO);
}

/* A SET built as the host sends it parses back to the same strings. */
static void ic_kvp_set_round_trip(struct kunit *test)
{
	static const char key[] = "Ключ 😀";
	static const char val[] = "värde ✓ \xf0\x9f\x98\x80";
	struct ic_kvp_req *req = kunit_kzalloc(test, sizeof(*req), GFP_KERNEL);
	u8 *body = kunit_kzalloc(test, IC_KVP_VALUE_MSG_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, req);
	KUNIT_ASSERT_NOT_NULL(test, body);
	KUNIT_ASSERT_EQ(test, ic_kvp_build(body, IC_KVP_VALUE_MSG_SIZE,
					   IC_KVP_OP_SET, IC_KVP_POOL_GUEST, 0,
					   key, val), IC_KVP_VALUE_MSG_SIZE);
	KUNIT_ASSERT_EQ(test, ic_kvp_parse(body, IC_KVP_VALUE_MSG_SIZE,
					   IC_KVP_DIR_REQUEST, req), 0);
	KUNIT_EXPECT_EQ(test, req->pool, IC_KVP_POOL_GUEST);
	KUNIT_EXPECT_STREQ(test, req->key, key);
	KUNIT_EXPECT_STREQ(test, req->value, val);
	KUNIT_EXPECT_EQ(test, req->value_type, IC_KVP_TYPE_STRING);
}

/* Integer values become unsigned decimal, at their extremes too. */
static void ic_kvp_integer_values(struct kunit *test)
{
	struct ic_kvp_req *req = kunit_kzalloc(test, sizeof(*req), GFP_KERNEL);
	u8 *body = kunit_kzalloc(test, IC_KVP_VALUE_MSG_SIZE, GFP_KERNEL);
	u8 *rec;

	KUNIT_ASSERT_NOT_NULL(test, req);
	KUNIT_ASSERT_NOT_NULL(test, body);
	rec = body + IC_KVP_BODY_OFFSET;
	KUNIT_ASSERT_GT(test, ic_kvp_build(body, IC_KVP_VALUE_MSG_SIZE,
					   IC_KVP_OP_SET, 0, 0, "N", "x"), 0);
	lumen_put_le32(rec, IC_KVP_TYPE_U32);
	lumen_put_le32(rec + offsetof(struct ic_kvp_value, value_size), 4);
	lumen_put_le32(rec + offsetof(struct ic_kvp_value, value), 0xffffffff);
	KUNIT_ASSERT_EQ(test, ic_kvp_parse(body, IC_KVP_VALUE_MSG_SIZE,
					   IC_KVP_DIR_REQUEST, req), 0);
	KUNIT_EXPECT_STREQ(test, req->value, "4294967295");
	lumen_put_le32(rec, IC_KVP_TYPE_U64);
	lumen_put_le32(rec + offsetof(struct ic_kvp_value, value_size), 8);
	memset(rec + offsetof(struct ic_kvp_value, value), 0xff, 8);
	KUNIT_ASSERT_EQ(test, ic_kvp_parse(body, IC_KVP_VALUE_MSG_SIZE,
					   IC_KVP_DIR_REQUEST, req), 0);
	KUNIT_EXPECT_STREQ(test, req->value, "18446744073709551615");
	memset(rec + offsetof(struct ic_kvp_value, value), 0, 8);
	KUNIT_ASSERT_EQ(test, ic_kvp_parse(body, IC_KVP_VALUE_MSG_SIZE,
					   IC_KVP_DIR_REQUEST, req), 0);
	KUNIT_EXPECT_STREQ(test, req->value, "0");
}

/* The guest's answers fit their wire arrays or fail with -EMSGSIZE. */
static void ic_kvp_fill_limits(struct kunit *test)
{
	char *s = kunit_kmalloc(test, 1100, GFP_KERNEL);
	u8 *body = kunit_kzalloc(test, IC_KVP_ENUM_MSG_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, body);
	memset(s, 'x', 1100);
	KUNIT_ASSERT_GT(test, ic_kvp_build(body, IC_KVP_ENUM_MSG_SIZE,
					   IC_KVP_OP_ENUMERATE, 0, 0, NULL,
					   NULL), 0);
	KUNIT_EXPECT_EQ(test, ic_kvp_fill_value(body, IC_KVP_ENUM_MSG_SIZE, s,
						255, s, 1023), 0);
	KUNIT_EXPECT_EQ(test, lumen_get_le32(body + IC_KVP_ENUM_REC_OFF +
					   offsetof(struct ic_kvp_value,
						    value_size)),
			IC_KVP_VALUE_MAX);
	KUNIT_EXPECT_EQ(test, ic_kvp_fill_value(body, IC_KVP_ENUM_MSG_SIZE, s,
						256, s, 1), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, ic_kvp_fill_value(body, IC_KVP_ENUM_MSG_SIZE, s,
						1, s, 1024), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, ic_kvp_fill_value(body, IC_KVP_ENUM_MSG_SIZE - 1,
						s, 1, s, 1), -EPROTO);
	KUNIT_EXPECT_EQ(test, ic_kvp_fill_value(body, IC_KVP_ENUM_MSG_SIZE, s,
						1, "\xff", 1), -EPROTO);
	body[0] = IC_KVP_OP_SET;
	KUNIT_EXPECT_EQ(test, ic_kvp_fill_value(body, IC_KVP_ENUM_MSG_SIZE, s,
						1, s, 1), -EBADRQC);
	KUNIT_EXPECT_EQ(test, ic_kvp_fill_ip(body, IC_KVP_ENUM_MSG_SIZE,
					     &kvp_case_ip), -EBADRQC);
}

/* Builders refuse what Hyper-V could not send. */
static void ic_kvp_build_rejects(struct kunit *test)
{
	u8 *body = kunit_kzalloc(test, IC_KVP_IP_MSG_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, body);
	KUNIT_EXPECT_EQ(test, ic_kvp_build(body, IC_KVP_IP_MSG_SIZE, 6, 0, 0,
					   "k", NULL), -EBADRQC);
	KUNIT_EXPECT_EQ(test, ic_kvp_build(body, IC_KVP_IP_MSG_SIZE,
					   IC_KVP_OP_GET, 5, 0, "k", NULL),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, ic_kvp_build(body, IC_KVP_VALUE_MSG_SIZE - 1,
					   IC_KVP_OP_GET, 0, 0, "k", NULL),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, ic_kvp_build(body, IC_KVP_IP_MSG_SIZE,
					   IC_KVP_OP_GET, 0, 0, NULL, NULL),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, ic_kvp_build(body, IC_KVP_IP_MSG_SIZE,
					   IC_KVP_OP_SET, 0, 0, "k", NULL),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, ic_vss_build(body, IC_KVP_IP_MSG_SIZE,
					   IC_VSS_OP_FREEZE, 11), -EPROTO);
	KUNIT_EXPECT_EQ(test, ic_vss_build(body, 100, IC_VSS_OP_FREEZE, 101),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, ic_vss_build(body, 100, 9, 12), -EBADRQC);
	KUNIT_EXPECT_EQ(test, ic_vss_build(body, 100, IC_VSS_OP_THAW, 12), 12);
	ic_vss_set_flags(body, IC_VSS_HBU_NO_AUTO_RECOVERY);
	KUNIT_EXPECT_EQ(test, lumen_get_le32(body + 8),
			IC_VSS_HBU_NO_AUTO_RECOVERY);
}

static struct kunit_case lumen_ic_kvp_cases[] = {
	KUNIT_CASE_PARAM(ic_kvp_parse_table, kvp_parse_gen_params),
	KUNIT_CASE_PARAM(ic_utf8_to_utf16_table, utf8_gen_params),
	KUNIT_CASE_PARAM(ic_vss_parse_table, vss_gen_params),
	KUNIT_CASE(ic_utf16_to_utf8_bounds),
	KUNIT_CASE(ic_kvp_set_round_trip),
	KUNIT_CASE(ic_kvp_integer_values),
	KUNIT_CASE(ic_kvp_fill_limits),
	KUNIT_CASE(ic_kvp_build_rejects),
	{}
};

static struct kunit_suite lumen_ic_kvp_suite = {
	.name = "lumen_ic_kvp",
	.test_cases = lumen_ic_kvp_cases,
};

kunit_test_suites(&lumen_ic_kvp_suite);

MODULE_DESCRIPTION("KUnit tests for Lumen KVP and VSS message bodies");
MODULE_LICENSE("GPL");
