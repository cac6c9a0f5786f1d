/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVP and VSS body case tables, shared by the KUnit suite (kvp_test.c)
 * and the userspace tests (tests/user/test_kvp.c), which include this
 * after lib/kvp_msg.c. Every row names one body and the exact
 * result its parser owes.
 *
 * A KVP row starts from a valid host request built by ic_kvp_build() with
 * key "Key" and value "Val" (a reply row: the same, answered by
 * ic_kvp_fill_value() or ic_kvp_fill_ip()), then optionally fills
 * @fill_len bytes at @fill_off with @fill, writes @val (@size bytes,
 * little-endian) at @off, and is parsed at @len bytes (0: the whole
 * record of its operation).
 */
#ifndef _LUMEN_TESTS_KVP_CASES_H
#define _LUMEN_TESTS_KVP_CASES_H

#define KVP_CASE_BUF_SIZE	8192

/**
 * struct kvp_case - one KVP body and the result ic_kvp_parse() owes
 * @name: row name shown in the test output.
 * @op: operation of the template.
 * @reply: parse as a reply (%IC_KVP_DIR_REPLY) of an answered template.
 * @len: bytes passed to the parser; 0 for ic_kvp_msg_size(@op).
 * @fill_off: offset of the filled area.
 * @fill_len: bytes filled, 0 for none.
 * @fill: the fill byte.
 * @off: offset of @val.
 * @size: bytes of @val written at @off (0: none, 1, 2 or 4).
 * @val: the value written.
 * @err: expected return value.
 */
struct kvp_case {
	const char *name;
	u8 op;
	bool reply;
	u32 len;
	u32 fill_off;
	u32 fill_len;
	u8 fill;
	u32 off;
	u8 size;
	u32 val;
	int err;
};

/* Offsets inside GET/SET, DELETE, ENUMERATE and IP bodies. */
#define KC_REC			IC_KVP_BODY_OFFSET
#define KC_TYPE			(KC_REC + offsetof(struct ic_kvp_value, type))
#define KC_KSIZE		(KC_REC + offsetof(struct ic_kvp_value, key_size))
#define KC_VSIZE		(KC_REC + offsetof(struct ic_kvp_value, value_size))
#define KC_KEY			(KC_REC + offsetof(struct ic_kvp_value, key))
#define KC_VAL			(KC_REC + offsetof(struct ic_kvp_value, value))
#define KC_DEL_KSIZE		KC_REC
#define KC_DEL_KEY		(KC_REC + offsetof(struct ic_kvp_delete, key))
#define KC_ENUM_INDEX		KC_REC
#define KC_ENUM_KSIZE		(KC_REC + offsetof(struct ic_kvp_enumerate, value) + \
				 offsetof(struct ic_kvp_value, key_size))
#define KC_IP(f)		(IC_KVP_IP_BODY_OFFSET + \
				 offsetof(struct ic_kvp_ip_info, f))

#define KC_GET		IC_KVP_OP_GET
#define KC_SET		IC_KVP_OP_SET
#define KC_DEL		IC_KVP_OP_DELETE
#define KC_ENUM		IC_KVP_OP_ENUMERATE
#define KC_GETIP	IC_KVP_OP_GET_IP_INFO
#define KC_SETIP	IC_KVP_OP_SET_IP_INFO

static const struct kvp_case kvp_cases[] = {
	/* Valid requests of every operation. */
	{ "get-ok", KC_GET, false, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "set-ok", KC_SET, false, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "delete-ok", KC_DEL, false, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "enum-ok", KC_ENUM, false, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "get-ip-info-ok", KC_GETIP, false, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "set-ip-info-ok", KC_SETIP, false, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "enum-index-max", KC_ENUM, false, 0, 0, 0, 0, KC_ENUM_INDEX, 4,
	  0xffffffff, 0 },
	{ "pool-auto-internal", KC_GET, false, 0, 0, 0, 0, 1, 1, 4, 0 },
	{ "set-u32", KC_SET, false, 0, 0, 0, 0, KC_TYPE, 4,
	  IC_KVP_TYPE_U32, 0 },
	{ "set-u64", KC_SET, false, 0, 0, 0, 0, KC_TYPE, 4,
	  IC_KVP_TYPE_U64, 0 },
	{ "set-u64-linux", KC_SET, false, 0, 0, 0, 0, KC_TYPE, 4,
	  IC_KVP_TYPE_U64_LINUX, 0 },
	{ "set-value-empty", KC_SET, false, 0, 0, 0, 0, KC_VSIZE, 4, 0, 0 },
	{ "longer-than-record", KC_GET, false, IC_KVP_VALUE_MSG_SIZE + 100,
	  0, 0, 0, 0, 0, 0, 0 },
	/* Framing. */
	{ "empty", KC_GET, false, 0xffffffff, 0, 0, 0, 0, 0, 0, -EPROTO },
	{ "one-byte", KC_GET, false, 1, 0, 0, 0, 0, 0, 0, -EPROTO },
	{ "op-6", KC_GET, false, 0, 0, 0, 0, 0, 1, 6, -EBADRQC },
	{ "op-255", KC_GET, false, 0, 0, 0, 0, 0, 1, 255, -EBADRQC },
	{ "op-checked-before-length", KC_GET, false, 2, 0, 0, 0, 0, 1, 9,
	  -EBADRQC },
	{ "pool-5", KC_GET, false, 0, 0, 0, 0, 1, 1, 5, -ERANGE },
	{ "pool-255", KC_SET, false, 0, 0, 0, 0, 1, 1, 255, -ERANGE },
	{ "get-truncated", KC_GET, false, IC_KVP_VALUE_MSG_SIZE - 1, 0, 0, 0,
	  0, 0, 0, -EPROTO },
	{ "set-header-only", KC_SET, false, IC_KVP_BODY_OFFSET, 0, 0, 0, 0, 0,
	  0, -EPROTO },
	{ "delete-truncated", KC_DEL, false, IC_KVP_DELETE_MSG_SIZE - 1, 0, 0,
	  0, 0, 0, 0, -EPROTO },
	{ "enum-truncated", KC_ENUM, false, IC_KVP_ENUM_MSG_SIZE - 1, 0, 0, 0,
	  0, 0, 0, -EPROTO },
	{ "ip-info-truncated", KC_GETIP, false, IC_KVP_IP_MSG_SIZE - 1, 0, 0,
	  0, 0, 0, 0, -EPROTO },
	/* Keys. */
	{ "key-size-0", KC_GET, false, 0, 0, 0, 0, KC_KSIZE, 4, 0, -EPROTO },
	{ "key-size-1", KC_GET, false, 0, 0, 0, 0, KC_KSIZE, 4, 1, -EPROTO },
	{ "key-size-odd", KC_SET, false, 0, 0, 0, 0, KC_KSIZE, 4, 7, -EPROTO },
	{ "key-size-514", KC_GET, false, 0, 0, 0, 0, KC_KSIZE, 4, 514,
	  -EMSGSIZE },
	{ "key-size-huge", KC_SET, false, 0, 0, 0, 0, KC_KSIZE, 4, 0xffffffff,
	  -EMSGSIZE },
	{ "key-size-before-nul", KC_GET, false, 0, 0, 0, 0, KC_KSIZE, 4, 6,
	  -EPROTO },
	{ "key-size-max-no-nul", KC_SET, false, 0, KC_KEY, IC_KVP_KEY_MAX,
	  'A', KC_KSIZE, 4, IC_KVP_KEY_MAX, -EPROTO },
	{ "key-empty", KC_GET, false, 0, 0, 0, 0, KC_KEY, 2, 0, -EPROTO },
	{ "key-lone-low-surrogate", KC_GET, false, 0, 0, 0, 0, KC_KEY, 2,
	  0xdc00, -EPROTO },
	{ "key-high-surrogate-unpaired", KC_SET, false, 0, 0, 0, 0, KC_KEY, 2,
	  0xd800, -EPROTO },
	{ "key-surrogate-pair", KC_GET, false, 0, 0, 0, 0, KC_KEY, 4,
	  0xdc00d800, 0 },
	{ "delete-key-size-huge", KC_DEL, false, 0, 0, 0, 0, KC_DEL_KSIZE, 4,
	  0x80000000, -EMSGSIZE },
	{ "delete-key-no-nul", KC_DEL, false, 0, KC_DEL_KEY, IC_KVP_KEY_MAX,
	  'B', KC_DEL_KSIZE, 4, IC_KVP_KEY_MAX, -EPROTO },
	{ "ip-adapter-no-nul", KC_GETIP, false, 0, KC_IP(adapter_id),
	  IC_KVP_ADAPTER_ID_LEN * 2, 'C', 0, 0, 0, -EPROTO },
	/* Values. */
	{ "value-size-2050", KC_SET, false, 0, 0, 0, 0, KC_VSIZE, 4, 2050,
	  -EMSGSIZE },
	{ "value-size-odd", KC_SET, false, 0, 0, 0, 0, KC_VSIZE, 4, 5,
	  -EPROTO },
	{ "value-no-nul", KC_SET, false, 0, 0, 0, 0, KC_VSIZE, 4, 6, -EPROTO },
	{ "value-max-no-nul", KC_SET, false, 0, KC_VAL, IC_KVP_VALUE_MAX, 'D',
	  KC_VSIZE, 4, IC_KVP_VALUE_MAX, -EPROTO },
	{ "value-type-3", KC_SET, false, 0, 0, 0, 0, KC_TYPE, 4, 3,
	  -EBADRQC },
	{ "value-u32-short", KC_SET, false, 0, KC_TYPE, 1,
	  IC_KVP_TYPE_U32, KC_VSIZE, 4, 2, -EPROTO },
	{ "value-u64-short", KC_SET, false, 0, KC_TYPE, 1,
	  IC_KVP_TYPE_U64, KC_VSIZE, 4, 6, -EPROTO },
	{ "value-size-huge-u32", KC_SET, false, 0, KC_TYPE, 1,
	  IC_KVP_TYPE_U32, KC_VSIZE, 4, 0xfffffff0, -EMSGSIZE },
	/* SET_IP_INFO requests: the template carries kvp_case_ip. */
	{ "set-ip-addresses-no-nul", KC_SETIP, false, 0, KC_IP(addresses),
	  IC_KVP_IP_LIST_LEN * 2, 'E', 0, 0, 0, -EPROTO },
	{ "set-ip-truncated", KC_SETIP, false, IC_KVP_IP_MSG_SIZE - 1, 0, 0,
	  0, 0, 0, 0, -EPROTO },
	{ "set-ip-header-only", KC_SETIP, false, IC_KVP_IP_BODY_OFFSET, 0, 0,
	  0, 0, 0, 0, -EPROTO },
	{ "set-ip-pool-5", KC_SETIP, false, 0, 0, 0, 0, 1, 1, 5, -ERANGE },
	{ "set-ip-adapter-no-nul", KC_SETIP, false, 0, KC_IP(adapter_id),
	  IC_KVP_ADAPTER_ID_LEN * 2, 'H', 0, 0, 0, -EPROTO },
	{ "set-ip-adapter-lone-surrogate", KC_SETIP, false, 0, 0, 0, 0,
	  KC_IP(adapter_id), 2, 0xdfff, -EPROTO },
	{ "set-ip-subnets-no-nul", KC_SETIP, false, 0, KC_IP(subnets),
	  IC_KVP_IP_LIST_LEN * 2, 'I', 0, 0, 0, -EPROTO },
	{ "set-ip-gateways-no-nul", KC_SETIP, false, 0, KC_IP(gateways),
	  IC_KVP_GATEWAY_LIST_LEN * 2, 'J', 0, 0, 0, -EPROTO },
	{ "set-ip-dns-no-nul", KC_SETIP, false, 0, KC_IP(dns),
	  IC_KVP_IP_LIST_LEN * 2, 'K', 0, 0, 0, -EPROTO },
	{ "set-ip-dns-high-surrogate-unpaired", KC_SETIP, false, 0, 0, 0, 0,
	  KC_IP(dns), 2, 0xd800, -EPROTO },
	{ "set-ip-addresses-pair-cut-by-nul", KC_SETIP, false, 0, 0, 0, 0,
	  KC_IP(addresses), 4, 0x0000d83d, -EPROTO },
	/* Family and DHCP are the daemon's to judge: the parser passes them. */
	{ "set-ip-dhcp-2", KC_SETIP, false, 0, 0, 0, 0, KC_IP(dhcp), 1, 2, 0 },
	{ "set-ip-family-0x80", KC_SETIP, false, 0, 0, 0, 0,
	  KC_IP(addr_family), 1, 0x80, 0 },
	/* Replies, as hvsim parses them. */
	{ "reply-get-ok", KC_GET, true, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "reply-enum-ok", KC_ENUM, true, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "reply-ip-ok", KC_GETIP, true, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "reply-enum-key-size-0", KC_ENUM, true, 0, 0, 0, 0, KC_ENUM_KSIZE, 4,
	  0, -EPROTO },
	{ "reply-get-value-no-nul", KC_GET, true, 0, 0, 0, 0, KC_VSIZE, 4, 2,
	  -EPROTO },
	{ "reply-ip-dns-no-nul", KC_GETIP, true, 0, KC_IP(dns),
	  IC_KVP_IP_LIST_LEN * 2, 'F', 0, 0, 0, -EPROTO },
	{ "reply-ip-gateways-no-nul", KC_GETIP, true, 0, KC_IP(gateways),
	  IC_KVP_GATEWAY_LIST_LEN * 2, 'G', 0, 0, 0, -EPROTO },
};

/* The IP record every reply template answers with. */
static const struct ic_kvp_ip kvp_case_ip = {
	.addr_family = IC_KVP_ADDR_BOTH,
	.dhcp = 1,
	.addresses = "192.0.2.1;2001:db8::1",
	.subnets = "255.255.255.0;64",
	.gateways = "192.0.2.254",
	.dns = "192.0.2.53",
};

/*
 * Build row @c into @buf (KVP_CASE_BUF_SIZE bytes); returns the length to
 * parse, or a negative errno if the template could not be built.
 */
static int kvp_case_build(const struct kvp_case *c, u8 *buf)
{
	int len, err = 0;
	u32 i;

	memset(buf, 0x5a, KVP_CASE_BUF_SIZE);
	len = ic_kvp_build(buf, KVP_CASE_BUF_SIZE, c->op, IC_KVP_POOL_EXTERNAL,
			   0, "Key", "Val");
	if (len < 0)
		return len;
	if (c->reply || c->op == IC_KVP_OP_SET_IP_INFO) {
		if (c->op == IC_KVP_OP_GET_IP_INFO ||
		    c->op == IC_KVP_OP_SET_IP_INFO)
			err = ic_kvp_fill_ip(buf, len, &kvp_case_ip);
		else
			err = ic_kvp_fill_value(buf, len, "Name", 4, "Data", 4);
		if (err)
			return err;
	}
	if (c->fill_len)
		memset(buf + c->fill_off, c->fill, c->fill_len);
	for (i = 0; i < c->size; i++)
		buf[c->off + i] = c->val >> (8 * i);
	if (c->len == 0xffffffff)
		return 0;
	return c->len ? (int)c->len : len;
}

/**
 * struct utf8_case - one UTF-8 string and what ic_utf8_to_utf16() owes
 * @name: row name.
 * @s: the bytes.
 * @len: bytes of @s passed.
 * @cap: output capacity in bytes.
 * @err: expected return value.
 * @size: expected output size (NUL included) on success.
 */
struct utf8_case {
	const char *name;
	const char *s;
	u32 len;
	u32 cap;
	int err;
	u32 size;
};

static const struct utf8_case utf8_cases[] = {
	{ "ascii", "abc", 3, 64, 0, 8 },
	{ "empty", "", 0, 64, 0, 2 },
	{ "two-byte", "\xc3\xa9", 2, 64, 0, 4 },
	{ "three-byte", "\xe2\x9c\x93", 3, 64, 0, 4 },
	{ "four-byte-pair", "\xf0\x9f\x98\x80", 4, 64, 0, 6 },
	{ "exact-fit", "ab", 2, 6, 0, 6 },
	{ "no-room-for-nul", "abc", 3, 6, -EMSGSIZE, 0 },
	{ "no-room-for-pair", "\xf0\x9f\x98\x80", 4, 4, -EMSGSIZE, 0 },
	{ "cap-0", "", 0, 0, -EMSGSIZE, 0 },
	{ "overlong-2", "\xc0\xaf", 2, 64, -EPROTO, 0 },
	{ "overlong-3", "\xe0\x80\xaf", 3, 64, -EPROTO, 0 },
	{ "overlong-4", "\xf0\x80\x80\xaf", 4, 64, -EPROTO, 0 },
	{ "surrogate", "\xed\xa0\x80", 3, 64, -EPROTO, 0 },
	{ "above-10ffff", "\xf4\x90\x80\x80", 4, 64, -EPROTO, 0 },
	{ "lead-f5", "\xf5\x80\x80\x80", 4, 64, -EPROTO, 0 },
	{ "lone-continuation", "\x80", 1, 64, -EPROTO, 0 },
	{ "truncated-3", "\xe2\x9c", 2, 64, -EPROTO, 0 },
	{ "bad-continuation", "\xe2\x28\xa1", 3, 64, -EPROTO, 0 },
	{ "embedded-nul", "a\0b", 3, 64, -EPROTO, 0 },
};

/**
 * struct vss_case - one VSS body and what ic_vss_parse() owes
 * @name: row name.
 * @op: operation byte.
 * @len: body length.
 * @err: expected return value.
 */
struct vss_case {
	const char *name;
	u8 op;
	u32 len;
	int err;
};

static const struct vss_case vss_cases[] = {
	{ "freeze", IC_VSS_OP_FREEZE, IC_VSS_MIN_SIZE, 0 },
	{ "freeze-6300", IC_VSS_OP_FREEZE, 6300, 0 },
	{ "thaw", IC_VSS_OP_THAW, IC_VSS_MIN_SIZE, 0 },
	{ "query-cluster", IC_VSS_OP_QUERY_CLUSTER_INFO, IC_VSS_MIN_SIZE, 0 },
	{ "op-9", 9, IC_VSS_MIN_SIZE, -EBADRQC },
	{ "op-255", 255, IC_VSS_MIN_SIZE, -EBADRQC },
	{ "empty", IC_VSS_OP_FREEZE, 0, -EPROTO },
	{ "one-short", IC_VSS_OP_THAW, IC_VSS_MIN_SIZE - 1, -EPROTO },
	{ "length-before-op", 200, 4, -EPROTO },
};

#endif /* _LUMEN_TESTS_KVP_CASES_H */
