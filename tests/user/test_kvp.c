// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of the KVP and VSS body code (lib/kvp_msg.c): the
 * shared case tables (tests/kunit/kvp_cases.h) with exact errnos, byte
 * images of a host SET written from the fact sheet (section 9.6), UTF-16
 * round trips and the answers the guest writes. Every parse runs on a
 * heap copy of exactly the parsed length, so ASan catches a read past it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "selftest.h"

#include "../../lib/kvp_msg.c"
#include "../kunit/kvp_cases.h"

static u32 get32(const u8 *b, size_t off)
{
	return b[off] | b[off + 1] << 8 | b[off + 2] << 16 |
	       (u32)b[off + 3] << 24;
}

static int tk_parse_copy(const u8 *buf, int len, int dir, struct ic_kvp_req *req)
{
	u8 *copy = malloc(len ? len : 1);
	int ret;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, buf, len);
	ret = ic_kvp_parse(copy, len, dir, req);
	free(copy);
	return ret;
}

SELFTEST(kvp_parse_table)
{
	struct ic_kvp_req *req = malloc(sizeof(*req));
	u8 *buf = malloc(KVP_CASE_BUF_SIZE);
	size_t i;
	int len, ret;

	ST_EXPECT(t, req && buf);
	for (i = 0; req && buf && i < ARRAY_SIZE(kvp_cases); i++) {
		const struct kvp_case *c = &kvp_cases[i];

		len = kvp_case_build(c, buf);
		ST_EXPECT(t, len >= 0);
		if (len < 0)
			continue;
		ret = tk_parse_copy(buf, len, c->reply ? IC_KVP_DIR_REPLY :
				    IC_KVP_DIR_REQUEST, req);
		if (ret != c->err)
			fprintf(stderr, "  row %s: %d, want %d\n", c->name, ret,
				c->err);
		ST_EXPECT_EQ(t, ret, c->err);
		if (!ret) {
			ST_EXPECT_EQ(t, strlen(req->key), req->key_len);
			ST_EXPECT_EQ(t, strlen(req->value), req->value_len);
		}
	}
	free(req);
	free(buf);
}

SELFTEST(kvp_utf8_table)
{
	u8 out[80];
	char back[80];
	u32 size, len;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(utf8_cases); i++) {
		const struct utf8_case *c = &utf8_cases[i];

		memset(out, 0xa5, sizeof(out));
		size = 0;
		ret = ic_utf8_to_utf16(c->s, c->len, out, c->cap, &size);
		if (ret != c->err)
			fprintf(stderr, "  row %s: %d, want %d\n", c->name, ret,
				c->err);
		ST_EXPECT_EQ(t, ret, c->err);
		ST_EXPECT_EQ(t, out[c->cap], 0xa5);
		if (ret)
			continue;
		ST_EXPECT_EQ(t, size, c->size);
		ST_EXPECT_EQ(t, ic_utf16_to_utf8(out, size, back, sizeof(back),
						 &len), 0);
		ST_EXPECT_EQ(t, len, c->len);
		ST_EXPECT_MEM(t, back, c->s, c->len);
	}
}

SELFTEST(kvp_vss_table)
{
	struct ic_vss_info info;
	size_t i;
	u8 *b;

	for (i = 0; i < ARRAY_SIZE(vss_cases); i++) {
		const struct vss_case *c = &vss_cases[i];

		b = calloc(1, c->len ? c->len : 1);
		ST_EXPECT(t, b);
		if (!b)
			continue;
		if (c->len)
			b[0] = c->op;
		ST_EXPECT_EQ(t, ic_vss_parse(b, c->len, &info), c->err);
		free(b);
	}
}

/*
 * A host SET of key "K" = "v" in the guest pool, written byte by byte from
 * the fact sheet: op 1, pool 1, 2 pad, type 1, key size 4, value size 4,
 * key[512], value[2048].
 */
SELFTEST(kvp_set_wire_image)
{
	u8 *img = calloc(1, IC_KVP_VALUE_MSG_SIZE);
	u8 *built = calloc(1, IC_KVP_VALUE_MSG_SIZE);
	struct ic_kvp_req *req = malloc(sizeof(*req));

	ST_EXPECT(t, img && built && req);
	if (!img || !built || !req)
		goto out;
	ST_EXPECT_EQ(t, IC_KVP_VALUE_MSG_SIZE, 2576);
	ST_EXPECT_EQ(t, IC_KVP_ENUM_MSG_SIZE, 2580);
	ST_EXPECT_EQ(t, IC_KVP_DELETE_MSG_SIZE, 520);
	ST_EXPECT_EQ(t, IC_KVP_IP_MSG_SIZE, 7428);
	img[0] = 1;
	img[1] = 1;
	put32(img, 4, 1);
	put32(img, 8, 4);
	put32(img, 12, 4);
	img[16] = 'K';
	img[528] = 'v';
	ST_EXPECT_EQ(t, ic_kvp_build(built, IC_KVP_VALUE_MSG_SIZE, 1, 1, 0, "K",
				     "v"), IC_KVP_VALUE_MSG_SIZE);
	ST_EXPECT_MEM(t, built, img, IC_KVP_VALUE_MSG_SIZE);
	ST_EXPECT_EQ(t, ic_kvp_parse(img, IC_KVP_VALUE_MSG_SIZE,
				     IC_KVP_DIR_REQUEST, req), 0);
	ST_EXPECT(t, !strcmp(req->key, "K") && !strcmp(req->value, "v"));
	ST_EXPECT_EQ(t, req->op, 1);
	ST_EXPECT_EQ(t, req->pool, 1);
out:
	free(img);
	free(built);
	free(req);
}

/* The guest's GET_IP_INFO answer, decoded again as hvsim does. */
SELFTEST(kvp_ip_info_round_trip)
{
	u8 *b = calloc(1, IC_KVP_IP_MSG_SIZE);
	struct ic_kvp_req *req = malloc(sizeof(*req));

	ST_EXPECT(t, b && req);
	if (!b || !req)
		goto out;
	ST_EXPECT_EQ(t, ic_kvp_build(b, IC_KVP_IP_MSG_SIZE,
				     IC_KVP_OP_GET_IP_INFO, 0, 0,
				     "00:15:5D:00:00:01", NULL),
		     IC_KVP_IP_MSG_SIZE);
	ST_EXPECT_EQ(t, ic_kvp_parse(b, IC_KVP_IP_MSG_SIZE, IC_KVP_DIR_REQUEST,
				     req), 0);
	ST_EXPECT(t, !strcmp(req->key, "00:15:5D:00:00:01"));
	ST_EXPECT_EQ(t, ic_kvp_fill_ip(b, IC_KVP_IP_MSG_SIZE, &kvp_case_ip), 0);
	/* addresses start at body offset 2 + 258 = 260, UTF-16LE. */
	ST_EXPECT_EQ(t, b[260], '1');
	ST_EXPECT_EQ(t, b[261], 0);
	ST_EXPECT_EQ(t, b[2 + 256], IC_KVP_ADDR_BOTH);
	ST_EXPECT_EQ(t, ic_kvp_parse(b, IC_KVP_IP_MSG_SIZE, IC_KVP_DIR_REPLY,
				     req), 0);
	ST_EXPECT(t, !strcmp(req->ip.addresses, kvp_case_ip.addresses));
	ST_EXPECT(t, !strcmp(req->ip.subnets, kvp_case_ip.subnets));
	ST_EXPECT(t, !strcmp(req->ip.gateways, kvp_case_ip.gateways));
	ST_EXPECT(t, !strcmp(req->ip.dns, kvp_case_ip.dns));
	ST_EXPECT_EQ(t, req->ip.dhcp, 1);
out:
	free(b);
	free(req);
}

/* hvsim's SET_IP_INFO request, decoded as the guest does. */
SELFTEST(kvp_set_ip_info_request)
{
	u8 *b = calloc(1, IC_KVP_IP_MSG_SIZE);
	struct ic_kvp_req *req = malloc(sizeof(*req));

	ST_EXPECT(t, b && req);
	if (!b || !req)
		goto out;
	ST_EXPECT_EQ(t, ic_kvp_build(b, IC_KVP_IP_MSG_SIZE,
				     IC_KVP_OP_SET_IP_INFO, 0, 0,
				     "00:15:5D:00:00:02", NULL),
		     IC_KVP_IP_MSG_SIZE);
	ST_EXPECT_EQ(t, ic_kvp_fill_ip(b, IC_KVP_IP_MSG_SIZE, &kvp_case_ip), 0);
	ST_EXPECT_EQ(t, b[0], IC_KVP_OP_SET_IP_INFO);
	ST_EXPECT_EQ(t, b[2 + 257], 1);
	ST_EXPECT_EQ(t, ic_kvp_parse(b, IC_KVP_IP_MSG_SIZE, IC_KVP_DIR_REQUEST,
				     req), 0);
	ST_EXPECT_EQ(t, req->op, IC_KVP_OP_SET_IP_INFO);
	ST_EXPECT(t, !strcmp(req->key, "00:15:5D:00:00:02"));
	ST_EXPECT_EQ(t, req->ip.addr_family, IC_KVP_ADDR_BOTH);
	ST_EXPECT_EQ(t, req->ip.dhcp, 1);
	ST_EXPECT(t, !strcmp(req->ip.addresses, kvp_case_ip.addresses));
	ST_EXPECT(t, !strcmp(req->ip.subnets, kvp_case_ip.subnets));
	ST_EXPECT(t, !strcmp(req->ip.gateways, kvp_case_ip.gateways));
	ST_EXPECT(t, !strcmp(req->ip.dns, kvp_case_ip.dns));
	/* Cut one byte short: the record is not whole. */
	ST_EXPECT_EQ(t, ic_kvp_parse(b, IC_KVP_IP_MSG_SIZE - 1,
				     IC_KVP_DIR_REQUEST, req), -EPROTO);
out:
	free(b);
	free(req);
}

/* ENUMERATE answered by the guest: key and value at the record. */
SELFTEST(kvp_enum_answer)
{
	u8 *b = calloc(1, IC_KVP_ENUM_MSG_SIZE);
	struct ic_kvp_req *req = malloc(sizeof(*req));

	ST_EXPECT(t, b && req);
	if (!b || !req)
		goto out;
	ST_EXPECT_EQ(t, ic_kvp_build(b, IC_KVP_ENUM_MSG_SIZE,
				     IC_KVP_OP_ENUMERATE, 2, 7, NULL, NULL),
		     IC_KVP_ENUM_MSG_SIZE);
	ST_EXPECT_EQ(t, get32(b, 4), 7);
	ST_EXPECT_EQ(t, ic_kvp_fill_value(b, IC_KVP_ENUM_MSG_SIZE, "OSName", 6,
					  "Debian \xe2\x9c\x93", 10), 0);
	ST_EXPECT_EQ(t, get32(b, 8), IC_KVP_TYPE_STRING);
	ST_EXPECT_EQ(t, get32(b, 12), 14);
	ST_EXPECT_EQ(t, get32(b, 16), 18);
	ST_EXPECT_EQ(t, b[20], 'O');
	ST_EXPECT_EQ(t, ic_kvp_parse(b, IC_KVP_ENUM_MSG_SIZE, IC_KVP_DIR_REPLY,
				     req), 0);
	ST_EXPECT(t, !strcmp(req->key, "OSName"));
	ST_EXPECT(t, !strcmp(req->value, "Debian \xe2\x9c\x93"));
	ST_EXPECT_EQ(t, req->index, 7);
out:
	free(b);
	free(req);
}
