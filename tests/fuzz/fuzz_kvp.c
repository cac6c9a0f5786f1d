// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for lib/kvp_msg.c. The first input byte picks a
 * mode; the rest is the data, copied to a heap buffer of exactly its
 * length so ASan catches any read past it.
 *
 *   0: a KVP body as a host request (what hv_utils parses);
 *   1: a KVP body as a guest reply (what hvsim parses);
 *   2: a VSS body;
 *   3: UTF-16LE to UTF-8;
 *   4: UTF-8 to UTF-16LE.
 *
 * Invariants (abort() on violation):
 *   - a parse either fails with one of the documented errnos or yields
 *     NUL-terminated strings whose lengths match the *_len fields, and an
 *     operation and pool within range;
 *   - a request that parses as GET, SET or DELETE is rebuilt by
 *     ic_kvp_build() (as a string) and parses again to the same key (and
 *     the same value for SET);
 *   - a SET_IP_INFO request that parses has NUL-terminated lists and is
 *     rebuilt by ic_kvp_build() + ic_kvp_fill_ip() into a body that parses
 *     again to the same adapter, family, DHCP flag and lists;
 *   - a successful conversion converts back to the same bytes, and nothing
 *     is written past the output capacity.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/kvp_msg.c"

#include "fuzz_util.h"

static struct ic_kvp_req kf_req, kf_again;
static u8 kf_body[IC_KVP_IP_MSG_SIZE];

static void kf_check_err(int err)
{
	FZ_CHECK(err == 0 || err == -EPROTO || err == -EMSGSIZE ||
		 err == -EBADRQC || err == -ERANGE);
}

static void kf_check_req(const struct ic_kvp_req *r)
{
	FZ_CHECK(r->op <= IC_KVP_OP_SET_IP_INFO);
	FZ_CHECK(r->pool <= IC_KVP_POOL_AUTO_INTERNAL);
	FZ_CHECK(memchr(r->key, 0, sizeof(r->key)));
	FZ_CHECK(memchr(r->value, 0, sizeof(r->value)));
	FZ_CHECK(strlen(r->key) == r->key_len);
	FZ_CHECK(strlen(r->value) == r->value_len);
}

/* A parsed SET_IP_INFO request survives hvsim's builder unchanged. */
static void kf_set_ip(const struct ic_kvp_req *r)
{
	const struct ic_kvp_ip *ip = &r->ip;
	int n;

	FZ_CHECK(memchr(ip->addresses, 0, sizeof(ip->addresses)));
	FZ_CHECK(memchr(ip->subnets, 0, sizeof(ip->subnets)));
	FZ_CHECK(memchr(ip->gateways, 0, sizeof(ip->gateways)));
	FZ_CHECK(memchr(ip->dns, 0, sizeof(ip->dns)));
	/* An empty adapter id is legal on the wire but not to the builder. */
	if (!r->key_len)
		return;
	n = ic_kvp_build(kf_body, sizeof(kf_body), r->op, r->pool, 0, r->key,
			 NULL);
	FZ_CHECK(n == (int)IC_KVP_IP_MSG_SIZE);
	FZ_CHECK(ic_kvp_fill_ip(kf_body, n, ip) == 0);
	FZ_CHECK(ic_kvp_parse(kf_body, n, IC_KVP_DIR_REQUEST, &kf_again) == 0);
	FZ_CHECK(!strcmp(kf_again.key, r->key));
	FZ_CHECK(kf_again.ip.addr_family == ip->addr_family);
	FZ_CHECK(kf_again.ip.dhcp == ip->dhcp);
	FZ_CHECK(!strcmp(kf_again.ip.addresses, ip->addresses));
	FZ_CHECK(!strcmp(kf_again.ip.subnets, ip->subnets));
	FZ_CHECK(!strcmp(kf_again.ip.gateways, ip->gateways));
	FZ_CHECK(!strcmp(kf_again.ip.dns, ip->dns));
}

static void kf_kvp(const u8 *data, size_t len, int dir)
{
	int err, n;

	err = ic_kvp_parse(data, len, dir, &kf_req);
	kf_check_err(err);
	if (err)
		return;
	kf_check_req(&kf_req);
	if (dir == IC_KVP_DIR_REQUEST && kf_req.op == IC_KVP_OP_SET_IP_INFO) {
		kf_set_ip(&kf_req);
		return;
	}
	if (dir != IC_KVP_DIR_REQUEST || kf_req.op > IC_KVP_OP_DELETE)
		return;
	n = ic_kvp_build(kf_body, sizeof(kf_body), kf_req.op, kf_req.pool, 0,
			 kf_req.key, kf_req.value);
	FZ_CHECK(n == (int)ic_kvp_msg_size(kf_req.op));
	FZ_CHECK(ic_kvp_parse(kf_body, n, dir, &kf_again) == 0);
	FZ_CHECK(!strcmp(kf_again.key, kf_req.key));
	if (kf_req.op == IC_KVP_OP_SET)
		FZ_CHECK(!strcmp(kf_again.value, kf_req.value));
}

static void kf_vss(const u8 *data, size_t len)
{
	struct ic_vss_info info;
	int err = ic_vss_parse(data, len, &info);

	FZ_CHECK(err == 0 || err == -EPROTO || err == -EBADRQC);
	FZ_CHECK(err != 0 || (len >= IC_VSS_MIN_SIZE &&
			      info.op <= IC_VSS_OP_QUERY_CLUSTER_INFO));
}

static void kf_utf16(const u8 *data, size_t len)
{
	static char out[4096 + 1];
	static u8 back[8192 + 2];
	size_t cap = len ? data[0] * 16u : 0;
	u32 n, size;
	int err;

	if (cap > sizeof(out) - 1)
		cap = sizeof(out) - 1;
	out[cap] = 0x5a;
	err = ic_utf16_to_utf8(data, len, out, cap, &n);
	FZ_CHECK(err == 0 || err == -EPROTO || err == -EMSGSIZE);
	FZ_CHECK(out[cap] == 0x5a);
	if (err)
		return;
	FZ_CHECK(n < cap && strlen(out) == n);
	FZ_CHECK(ic_utf8_to_utf16(out, n, back, sizeof(back), &size) == 0);
	FZ_CHECK(size <= len && !memcmp(back, data, size));
}

static void kf_utf8(const u8 *data, size_t len)
{
	static u8 out[8192 + 1];
	static char back[16384];
	size_t cap = len ? data[0] * 32u : 0;
	u32 n, size;
	int err;

	if (cap > sizeof(out) - 1)
		cap = sizeof(out) - 1;
	out[cap] = 0x5a;
	err = ic_utf8_to_utf16((const char *)data, len, out, cap, &size);
	FZ_CHECK(err == 0 || err == -EPROTO || err == -EMSGSIZE);
	FZ_CHECK(out[cap] == 0x5a);
	if (err)
		return;
	FZ_CHECK(size <= cap && size % 2 == 0);
	FZ_CHECK(ic_utf16_to_utf8(out, size, back, sizeof(back), &n) == 0);
	FZ_CHECK(n == len && !memcmp(back, data, len));
}

int fuzz_one_input(const u8 *data, size_t size)
{
	u8 *copy;
	size_t len;

	if (!size)
		return 0;
	len = size - 1;
	copy = malloc(len ? len : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, len);
	switch (data[0] % 5) {
	case 0:
		kf_kvp(copy, len, IC_KVP_DIR_REQUEST);
		break;
	case 1:
		kf_kvp(copy, len, IC_KVP_DIR_REPLY);
		break;
	case 2:
		kf_vss(copy, len);
		break;
	case 3:
		kf_utf16(copy, len);
		break;
	default:
		kf_utf8(copy, len);
		break;
	}
	free(copy);
	return 0;
}
