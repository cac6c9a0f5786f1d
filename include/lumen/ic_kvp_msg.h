/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVP and VSS message bodies: pure code (lib/kvp_msg.c) shared by
 * hv_utils, hvsim, the KUnit suite and the userspace tests and fuzzer.
 * No locks, no allocation, no logging; the caller owns every buffer.
 * Wire layouts are in <proto/ic.h>; the framing around these bodies is
 * <lumen/ic_msg.h>.
 */
#ifndef _LUMEN_IC_KVP_MSG_H
#define _LUMEN_IC_KVP_MSG_H

#include <linux/types.h>
#include <proto/ic.h>

/**
 * DOC: KVP and VSS body parsing
 *
 * Keys and string values travel as UTF-16LE; the parsers hand out UTF-8.
 * A UTF-16 string is accepted only when its size is even, within its
 * array and holds a NUL unit; the string ends at the first NUL. Surrogates
 * must pair. UTF-8 handed to a builder must be well formed (no overlong
 * forms, no surrogates, nothing above U+10FFFF). Each conversion is
 * bounded by both buffers. Every UTF-16 unit becomes at most 3 UTF-8
 * bytes (a surrogate pair, two units, becomes 4), so the UTF-8 sizes below
 * always suffice for a string that fits its wire array.
 *
 * Errors, as for the IC framing (see <lumen/ic_msg.h>): %-EPROTO
 * malformed (body too short for its operation, a size that is odd or
 * names no NUL, broken UTF-16 or UTF-8, an empty key); %-EMSGSIZE a size
 * beyond its wire array or a string too long for the destination;
 * %-EBADRQC an unknown operation or value type; %-ERANGE a pool number
 * out of range.
 *
 * Host requests are only as long as their operation needs, but the guest
 * answers in the same buffer, so a request must hold the whole record of
 * its operation (%IC_KVP_*_SIZE).
 */

/* UTF-8 sizes, bytes including the NUL (see the DOC above). */
#define IC_KVP_KEY_UTF8_SIZE		768	/* 255 units * 3 + NUL */
#define IC_KVP_VALUE_UTF8_SIZE		3072	/* 1023 units * 3 + NUL */
#define IC_KVP_ADAPTER_UTF8_SIZE	384	/* 127 units * 3 + NUL */
#define IC_KVP_IP_UTF8_SIZE		3072
#define IC_KVP_GW_UTF8_SIZE		1536

/* Body sizes each operation needs, bytes from the start of the body. */
#define IC_KVP_VALUE_MSG_SIZE	(IC_KVP_BODY_OFFSET + \
				 sizeof(struct ic_kvp_value))
#define IC_KVP_DELETE_MSG_SIZE	(IC_KVP_BODY_OFFSET + \
				 sizeof(struct ic_kvp_delete))
#define IC_KVP_ENUM_MSG_SIZE	(IC_KVP_BODY_OFFSET + \
				 sizeof(struct ic_kvp_enumerate))
#define IC_KVP_IP_MSG_SIZE	sizeof(struct ic_kvp_ip_msg)

/* Direction a KVP body is parsed in (ic_kvp_parse()). */
#define IC_KVP_DIR_REQUEST	0	/* host to guest */
#define IC_KVP_DIR_REPLY	1	/* guest to host, answered */

/**
 * struct ic_kvp_ip - IP configuration record, decoded to UTF-8
 * @addr_family: %IC_KVP_ADDR_* value.
 * @dhcp: non-zero when DHCP is enabled.
 * @addresses: addresses, ';' separated.
 * @subnets: subnets, ';' separated.
 * @gateways: gateways, ';' separated.
 * @dns: DNS servers, ';' separated.
 */
struct ic_kvp_ip {
	u8 addr_family;
	u8 dhcp;
	char addresses[IC_KVP_IP_UTF8_SIZE];
	char subnets[IC_KVP_IP_UTF8_SIZE];
	char gateways[IC_KVP_GW_UTF8_SIZE];
	char dns[IC_KVP_IP_UTF8_SIZE];
};

/**
 * struct ic_kvp_req - a parsed KVP body
 * @op: %IC_KVP_OP_* value.
 * @pool: %IC_KVP_POOL_* value.
 * @index: ENUMERATE: the index asked for.
 * @value_type: GET, SET, ENUMERATE: &ic_kvp_value.type as sent (requests
 *	other than SET: not checked).
 * @key_len: bytes in @key before the NUL.
 * @value_len: bytes in @value before the NUL.
 * @key: GET, SET, DELETE and (replies) ENUMERATE: the key; IP
 *	operations: the adapter id.
 * @value: SET requests and GET/ENUMERATE replies: the value; integer
 *	types are written as unsigned decimal.
 * @ip: replies to GET_IP_INFO and SET_IP_INFO requests: the record.
 *
 * Large (about 15 KiB): never on the kernel stack.
 */
struct ic_kvp_req {
	u8 op;
	u8 pool;
	u32 index;
	u32 value_type;
	u32 key_len;
	u32 value_len;
	char key[IC_KVP_KEY_UTF8_SIZE];
	char value[IC_KVP_VALUE_UTF8_SIZE];
	struct ic_kvp_ip ip;
};

/**
 * struct ic_vss_info - a parsed VSS body
 * @op: %IC_VSS_OP_* value.
 * @flags: &ic_vss.flags.
 */
struct ic_vss_info {
	u8 op;
	u32 flags;
};

/* UTF-16LE <-> UTF-8. */
int ic_utf16_to_utf8(const void *src, size_t size, char *dst, size_t cap,
		     u32 *out_len);
int ic_utf8_to_utf16(const char *src, size_t len, void *dst, size_t cap,
		     u32 *out_size);

/* KVP. */
size_t ic_kvp_msg_size(u8 op);
int ic_kvp_parse(const void *body, size_t len, int dir,
		 struct ic_kvp_req *req);
int ic_kvp_fill_value(void *body, size_t len, const char *key, size_t klen,
		      const char *value, size_t vlen);
int ic_kvp_fill_ip(void *body, size_t len, const struct ic_kvp_ip *ip);
int ic_kvp_build(void *body, size_t cap, u8 op, u8 pool, u32 index,
		 const char *key, const char *value);

/* VSS. */
int ic_vss_parse(const void *body, size_t len, struct ic_vss_info *vss);
int ic_vss_build(void *body, size_t cap, u8 op, size_t len);
void ic_vss_set_flags(void *body, u32 flags);

#endif /* _LUMEN_IC_KVP_MSG_H */
