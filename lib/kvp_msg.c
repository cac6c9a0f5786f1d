// SPDX-License-Identifier: GPL-2.0
/*
 * KVP and VSS message bodies (pure code): parse what the host sends,
 * fill in the guest's answers, build the host's requests for hvsim, and
 * convert strings between UTF-16LE (wire) and UTF-8 (daemon). The caller
 * hands over a private copy of the body; nothing here touches shared
 * memory, takes a lock, allocates or logs.
 *
 * Built into hv_utils and hvsim, each its own copy exporting nothing (see
 * lib/README); KUnit, the userspace tests and the fuzzer #include it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <asm/byteorder.h>
#include <lumen/ic_kvp_msg.h>
#include <lumen/le.h>

static_assert(IC_KVP_KEY_UTF8_SIZE >= (IC_KVP_KEY_MAX / 2 - 1) * 3 + 1);
static_assert(IC_KVP_VALUE_UTF8_SIZE >= (IC_KVP_VALUE_MAX / 2 - 1) * 3 + 1);
static_assert(IC_KVP_ADAPTER_UTF8_SIZE >= (IC_KVP_ADAPTER_ID_LEN - 1) * 3 + 1);
static_assert(IC_KVP_IP_UTF8_SIZE >= (IC_KVP_IP_LIST_LEN - 1) * 3 + 1);
static_assert(IC_KVP_GW_UTF8_SIZE >= (IC_KVP_GATEWAY_LIST_LEN - 1) * 3 + 1);
static_assert(IC_KVP_ADAPTER_UTF8_SIZE <= IC_KVP_KEY_UTF8_SIZE);

/* Offsets of the value record inside a GET/SET and an ENUMERATE body. */
#define IC_KVP_REC_OFF		IC_KVP_BODY_OFFSET
#define IC_KVP_ENUM_REC_OFF	(IC_KVP_BODY_OFFSET + \
				 offsetof(struct ic_kvp_enumerate, value))
#define IC_KVP_IP_OFF(field)	(IC_KVP_IP_BODY_OFFSET + \
				 offsetof(struct ic_kvp_ip_info, field))

/**
 * ic_utf16_to_utf8() - decode a NUL-terminated UTF-16LE string
 * @src: the UTF-16LE bytes (any alignment).
 * @size: bytes of @src that may be read; must be even and hold a NUL
 *	unit, where the string ends.
 * @dst: UTF-8 output, NUL terminated.
 * @cap: bytes @dst holds, NUL included.
 * @out_len: set to the UTF-8 length without the NUL.
 *
 * Context: any context.
 * Return: 0; -EPROTO for an odd @size, no NUL or an unpaired surrogate;
 * -EMSGSIZE when @dst is too small.
 */
int ic_utf16_to_utf8(const void *src, size_t size, char *dst, size_t cap,
		     u32 *out_len)
{
	const u8 *s = src;
	size_t i, pos = 0, n;
	u32 cp, lo;

	if (size % 2)
		return -EPROTO;
	/* Malformed (no NUL) before too long, whatever the contents. */
	i = 0;
	while (i + 2 <= size && lumen_get_le16(s + i))
		i += 2;
	if (i + 2 > size)
		return -EPROTO;
	for (i = 0; i + 2 <= size; i += 2) {
		cp = lumen_get_le16(s + i);
		if (!cp) {
			if (pos >= cap)
				return -EMSGSIZE;
			dst[pos] = '\0';
			*out_len = pos;
			return 0;
		}
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return -EPROTO;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (size - i < 4)
				return -EPROTO;
			lo = lumen_get_le16(s + i + 2);
			if (lo < 0xdc00 || lo > 0xdfff)
				return -EPROTO;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			i += 2;
		}
		n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (cap < 1 || cap - 1 - pos < n)
			return -EMSGSIZE;
		switch (n) {
		case 1:
			dst[pos] = cp;
			break;
		case 2:
			dst[pos] = 0xc0 | (cp >> 6);
			dst[pos + 1] = 0x80 | (cp & 0x3f);
			break;
		case 3:
			dst[pos] = 0xe0 | (cp >> 12);
			dst[pos + 1] = 0x80 | ((cp >> 6) & 0x3f);
			dst[pos + 2] = 0x80 | (cp & 0x3f);
			break;
		default:
			dst[pos] = 0xf0 | (cp >> 18);
			dst[pos + 1] = 0x80 | ((cp >> 12) & 0x3f);
			dst[pos + 2] = 0x80 | ((cp >> 6) & 0x3f);
			dst[pos + 3] = 0x80 | (cp & 0x3f);
			break;
		}
		pos += n;
	}
	return -EPROTO;
}

/* Decode one code point at @s (@len bytes left); 0 or -EPROTO. */
static int ic_utf8_decode(const u8 *s, size_t len, u32 *cp, size_t *used)
{
	u32 c = s[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		*used = 1;
		return 0;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return -EPROTO;
	}
	if (len < n)
		return -EPROTO;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -EPROTO;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -EPROTO;
	*cp = c;
	*used = n;
	return 0;
}

/**
 * ic_utf8_to_utf16() - encode UTF-8 as NUL-terminated UTF-16LE
 * @src: UTF-8 bytes, no NUL among them.
 * @len: bytes in @src.
 * @dst: UTF-16LE output (any alignment), NUL unit appended.
 * @cap: bytes @dst holds, NUL included.
 * @out_size: set to the bytes written, NUL included (the wire size).
 *
 * Context: any context.
 * Return: 0; -EPROTO for malformed UTF-8 or an embedded NUL; -EMSGSIZE
 * when @dst is too small.
 */
int ic_utf8_to_utf16(const char *src, size_t len, void *dst, size_t cap,
		     u32 *out_size)
{
	const u8 *s = (const u8 *)src;
	size_t i = 0, pos = 0, used;
	u8 *d = dst;
	u32 cp;
	int err;

	while (i < len) {
		if (!s[i])
			return -EPROTO;
		err = ic_utf8_decode(s + i, len - i, &cp, &used);
		if (err)
			return err;
		i += used;
		if (cp >= 0x10000) {
			if (cap < 2 || cap - 2 - pos < 4)
				return -EMSGSIZE;
			cp -= 0x10000;
			lumen_put_le16(d + pos, 0xd800 | (cp >> 10));
			lumen_put_le16(d + pos + 2, 0xdc00 | (cp & 0x3ff));
			pos += 4;
		} else {
			if (cap < 2 || cap - 2 - pos < 2)
				return -EMSGSIZE;
			lumen_put_le16(d + pos, cp);
			pos += 2;
		}
	}
	if (cap < 2 || cap - 2 < pos)
		return -EMSGSIZE;
	lumen_put_le16(d + pos, 0);
	*out_size = pos + 2;
	return 0;
}

/**
 * ic_kvp_msg_size() - body bytes a KVP operation needs
 * @op: %IC_KVP_OP_* value.
 *
 * Context: any context.
 * Return: the size of the body of @op (from its &struct ic_kvp_hdr to the
 * end of its record), or 0 for an unknown operation.
 */
size_t ic_kvp_msg_size(u8 op)
{
	switch (op) {
	case IC_KVP_OP_GET:
	case IC_KVP_OP_SET:
		return IC_KVP_VALUE_MSG_SIZE;
	case IC_KVP_OP_DELETE:
		return IC_KVP_DELETE_MSG_SIZE;
	case IC_KVP_OP_ENUMERATE:
		return IC_KVP_ENUM_MSG_SIZE;
	case IC_KVP_OP_GET_IP_INFO:
	case IC_KVP_OP_SET_IP_INFO:
		return IC_KVP_IP_MSG_SIZE;
	default:
		return 0;
	}
}

/* A key: its wire size, then @max bytes of UTF-16LE at @p. */
static int ic_kvp_key(u32 size, const u8 *p, size_t max, char *dst,
		      size_t cap, u32 *len)
{
	int err;

	if (size > max)
		return -EMSGSIZE;
	if (size < 2)
		return -EPROTO;
	err = ic_utf16_to_utf8(p, size, dst, cap, len);
	if (!err && !*len)
		return -EPROTO;
	return err;
}

/* Unsigned decimal into @dst (at least 21 bytes). */
static u32 ic_kvp_decimal(u64 v, char *dst)
{
	char tmp[20];
	u32 n = 0, i;

	do {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		dst[i] = tmp[n - 1 - i];
	dst[n] = '\0';
	return n;
}

/* The value of the record at @rec, converted to UTF-8 in @req. */
static int ic_kvp_value(const u8 *rec, struct ic_kvp_req *req)
{
	const u8 *val = rec + offsetof(struct ic_kvp_value, value);
	u32 size = lumen_get_le32(rec + offsetof(struct ic_kvp_value,
						 value_size));

	req->value_type = lumen_get_le32(rec);
	if (size > IC_KVP_VALUE_MAX)
		return -EMSGSIZE;
	switch (req->value_type) {
	case IC_KVP_TYPE_STRING:
	case IC_KVP_TYPE_EXPAND_STRING:
		if (!size)
			return 0;
		return ic_utf16_to_utf8(val, size, req->value,
					sizeof(req->value), &req->value_len);
	case IC_KVP_TYPE_U32:
		if (size < sizeof(__le32))
			return -EPROTO;
		req->value_len = ic_kvp_decimal(lumen_get_le32(val), req->value);
		return 0;
	case IC_KVP_TYPE_U64:
	case IC_KVP_TYPE_U64_LINUX:
		if (size < sizeof(__le64))
			return -EPROTO;
		req->value_len = ic_kvp_decimal(lumen_get_le64(val), req->value);
		return 0;
	default:
		return -EBADRQC;
	}
}

/* The key (and, if @value, the value) of the record at @rec. */
static int ic_kvp_record(const u8 *rec, bool value, struct ic_kvp_req *req)
{
	u32 size = lumen_get_le32(rec + offsetof(struct ic_kvp_value, key_size));
	int err;

	req->value_type = lumen_get_le32(rec);
	err = ic_kvp_key(size, rec + offsetof(struct ic_kvp_value, key),
			 IC_KVP_KEY_MAX, req->key, sizeof(req->key),
			 &req->key_len);
	if (err || !value)
		return err;
	return ic_kvp_value(rec, req);
}

/* A UTF-16 array of @units at @p that must hold a NUL, as UTF-8. */
static int ic_kvp_str(const u8 *p, size_t units, char *dst, size_t cap)
{
	u32 len;

	return ic_utf16_to_utf8(p, units * 2, dst, cap, &len);
}

/*
 * The four string lists of an IP record: where each sits on the wire
 * (UTF-16LE, its length in characters) and in &struct ic_kvp_ip (UTF-8).
 */
static const struct {
	u32 wire_off;
	u32 wire_len;
	size_t ip_off;
	size_t ip_size;
} ic_kvp_ip_lists[] = {
	{ IC_KVP_IP_OFF(addresses), IC_KVP_IP_LIST_LEN,
	  offsetof(struct ic_kvp_ip, addresses),
	  sizeof_field(struct ic_kvp_ip, addresses) },
	{ IC_KVP_IP_OFF(subnets), IC_KVP_IP_LIST_LEN,
	  offsetof(struct ic_kvp_ip, subnets),
	  sizeof_field(struct ic_kvp_ip, subnets) },
	{ IC_KVP_IP_OFF(gateways), IC_KVP_GATEWAY_LIST_LEN,
	  offsetof(struct ic_kvp_ip, gateways),
	  sizeof_field(struct ic_kvp_ip, gateways) },
	{ IC_KVP_IP_OFF(dns), IC_KVP_IP_LIST_LEN,
	  offsetof(struct ic_kvp_ip, dns),
	  sizeof_field(struct ic_kvp_ip, dns) },
};

static int ic_kvp_ip(const u8 *body, struct ic_kvp_ip *ip)
{
	unsigned int i;
	int err = 0;

	ip->addr_family = body[IC_KVP_IP_OFF(addr_family)];
	ip->dhcp = body[IC_KVP_IP_OFF(dhcp)];
	for (i = 0; i < ARRAY_SIZE(ic_kvp_ip_lists) && !err; i++)
		err = ic_kvp_str(body + ic_kvp_ip_lists[i].wire_off,
				 ic_kvp_ip_lists[i].wire_len,
				 (char *)ip + ic_kvp_ip_lists[i].ip_off,
				 ic_kvp_ip_lists[i].ip_size);
	return err;
}

/**
 * ic_kvp_parse() - parse a KVP body
 * @body: the body (after the IC header), a private copy.
 * @len: body bytes present in the packet.
 * @dir: %IC_KVP_DIR_REQUEST for a host request (what the guest parses),
 *	%IC_KVP_DIR_REPLY for the guest's answer (what hvsim parses).
 * @req: filled with the decoded fields.
 *
 * Requests: GET and DELETE yield the key; SET the key and value (integer
 * types as decimal); ENUMERATE the index; GET_IP_INFO the adapter id in
 * &ic_kvp_req.key; SET_IP_INFO the adapter id and the record. Replies
 * also yield the value of GET, the key and value of ENUMERATE and the
 * record of GET_IP_INFO.
 *
 * Context: any context.
 * Return: 0, or -EPROTO, -EMSGSIZE, -EBADRQC, -ERANGE as in the DOC of
 * <lumen/ic_kvp_msg.h>.
 */
int ic_kvp_parse(const void *body, size_t len, int dir,
		 struct ic_kvp_req *req)
{
	const u8 *b = body;
	bool reply = dir == IC_KVP_DIR_REPLY;
	size_t need;

	req->key[0] = '\0';
	req->value[0] = '\0';
	req->key_len = 0;
	req->value_len = 0;
	req->index = 0;
	req->value_type = 0;
	req->ip.addr_family = 0;
	req->ip.dhcp = 0;
	req->ip.addresses[0] = '\0';
	req->ip.subnets[0] = '\0';
	req->ip.gateways[0] = '\0';
	req->ip.dns[0] = '\0';
	if (len < IC_KVP_IP_BODY_OFFSET)
		return -EPROTO;
	req->op = b[0];
	req->pool = b[1];
	need = ic_kvp_msg_size(req->op);
	if (!need)
		return -EBADRQC;
	if (req->pool > IC_KVP_POOL_AUTO_INTERNAL)
		return -ERANGE;
	if (len < need)
		return -EPROTO;
	switch (req->op) {
	case IC_KVP_OP_GET:
		return ic_kvp_record(b + IC_KVP_REC_OFF, reply, req);
	case IC_KVP_OP_SET:
		return ic_kvp_record(b + IC_KVP_REC_OFF, true, req);
	case IC_KVP_OP_DELETE:
		return ic_kvp_key(lumen_get_le32(b + IC_KVP_REC_OFF),
				  b + IC_KVP_REC_OFF +
				  offsetof(struct ic_kvp_delete, key),
				  IC_KVP_KEY_MAX, req->key, sizeof(req->key),
				  &req->key_len);
	case IC_KVP_OP_ENUMERATE:
		req->index = lumen_get_le32(b + IC_KVP_REC_OFF);
		if (!reply)
			return 0;
		return ic_kvp_record(b + IC_KVP_ENUM_REC_OFF, true, req);
	default:
		if (ic_utf16_to_utf8(b + IC_KVP_IP_OFF(adapter_id),
				     IC_KVP_ADAPTER_ID_LEN * 2, req->key,
				     IC_KVP_ADAPTER_UTF8_SIZE, &req->key_len))
			return -EPROTO;
		if (!reply && req->op == IC_KVP_OP_GET_IP_INFO)
			return 0;
		return ic_kvp_ip(b, &req->ip);
	}
}

/**
 * ic_kvp_fill_value() - write the guest's answer to GET or ENUMERATE
 * @body: the request body, a private copy, answered in place.
 * @len: bytes in @body, at least ic_kvp_msg_size() of its operation.
 * @key: ENUMERATE: the key at the index (UTF-8); NULL keeps the key.
 * @klen: bytes in @key.
 * @value: the value (UTF-8), stored as a string (%IC_KVP_TYPE_STRING).
 * @vlen: bytes in @value.
 *
 * Context: any context.
 * Return: 0; -EPROTO for a short body or malformed UTF-8; -EBADRQC when
 * the body is not GET or ENUMERATE; -EMSGSIZE for a key or value that
 * does not fit its wire array. On error the record may be partly written.
 */
int ic_kvp_fill_value(void *body, size_t len, const char *key, size_t klen,
		      const char *value, size_t vlen)
{
	u8 *b = body, *rec;
	u32 size;
	int err;

	if (len < IC_KVP_IP_BODY_OFFSET)
		return -EPROTO;
	if (b[0] == IC_KVP_OP_GET)
		rec = b + IC_KVP_REC_OFF;
	else if (b[0] == IC_KVP_OP_ENUMERATE)
		rec = b + IC_KVP_ENUM_REC_OFF;
	else
		return -EBADRQC;
	if (len < ic_kvp_msg_size(b[0]))
		return -EPROTO;
	if (key) {
		err = ic_utf8_to_utf16(key, klen,
				       rec + offsetof(struct ic_kvp_value, key),
				       IC_KVP_KEY_MAX, &size);
		if (err)
			return err;
		lumen_put_le32(rec + offsetof(struct ic_kvp_value, key_size),
			       size);
	}
	err = ic_utf8_to_utf16(value, vlen,
			       rec + offsetof(struct ic_kvp_value, value),
			       IC_KVP_VALUE_MAX, &size);
	if (err)
		return err;
	lumen_put_le32(rec + offsetof(struct ic_kvp_value, value_size), size);
	lumen_put_le32(rec, IC_KVP_TYPE_STRING);
	return 0;
}

/* One UTF-8 string into a UTF-16 array of @units, the rest zeroed. */
static int ic_kvp_put_str(u8 *p, size_t units, const char *s, size_t scap)
{
	u32 size;
	int err;

	err = ic_utf8_to_utf16(s, strnlen(s, scap), p, units * 2, &size);
	if (err)
		return err;
	memset(p + size, 0, units * 2 - size);
	return 0;
}

/**
 * ic_kvp_fill_ip() - write an IP configuration record into a body
 * @body: a GET_IP_INFO or SET_IP_INFO body, a private copy, written in
 *	place (the guest's answer, or hvsim's SET_IP_INFO request).
 * @len: bytes in @body, at least %IC_KVP_IP_MSG_SIZE.
 * @ip: the record; its strings NUL terminated within their arrays. The
 *	adapter id in @body is kept.
 *
 * Context: any context.
 * Return: 0; -EPROTO for a short body or malformed UTF-8; -EBADRQC for
 * another operation; -EMSGSIZE for a list too long for its wire array.
 */
int ic_kvp_fill_ip(void *body, size_t len, const struct ic_kvp_ip *ip)
{
	unsigned int i;
	u8 *b = body;
	int err = 0;

	if (len < IC_KVP_IP_BODY_OFFSET)
		return -EPROTO;
	if (b[0] != IC_KVP_OP_GET_IP_INFO && b[0] != IC_KVP_OP_SET_IP_INFO)
		return -EBADRQC;
	if (len < IC_KVP_IP_MSG_SIZE)
		return -EPROTO;
	b[IC_KVP_IP_OFF(addr_family)] = ip->addr_family;
	b[IC_KVP_IP_OFF(dhcp)] = ip->dhcp;
	for (i = 0; i < ARRAY_SIZE(ic_kvp_ip_lists) && !err; i++)
		err = ic_kvp_put_str(b + ic_kvp_ip_lists[i].wire_off,
				     ic_kvp_ip_lists[i].wire_len,
				     (const char *)ip + ic_kvp_ip_lists[i].ip_off,
				     ic_kvp_ip_lists[i].ip_size);
	return err;
}

/**
 * ic_kvp_build() - build a host KVP request body (hvsim)
 * @body: output buffer.
 * @cap: bytes @body holds.
 * @op: %IC_KVP_OP_* value.
 * @pool: %IC_KVP_POOL_* value.
 * @index: ENUMERATE: the index asked for.
 * @key: GET, SET, DELETE: the key (UTF-8, NUL terminated); IP
 *	operations: the adapter id; else unused (may be NULL).
 * @value: SET: the value (UTF-8, NUL terminated), sent as a string.
 *
 * The body is zeroed first, then filled as Hyper-V sends it: the whole
 * record of the operation, sizes counting the UTF-16 NUL.
 *
 * Context: any context.
 * Return: the body size, or -EBADRQC (unknown @op), -ERANGE (@pool),
 * -EMSGSIZE (@cap too small, a string too long), -EPROTO (malformed
 * UTF-8, an empty or missing key).
 */
int ic_kvp_build(void *body, size_t cap, u8 op, u8 pool, u32 index,
		 const char *key, const char *value)
{
	size_t need = ic_kvp_msg_size(op);
	u8 *b = body, *rec = b + IC_KVP_REC_OFF;
	u32 size;
	int err = 0;

	if (!need)
		return -EBADRQC;
	if (pool > IC_KVP_POOL_AUTO_INTERNAL)
		return -ERANGE;
	if (cap < need)
		return -EMSGSIZE;
	memset(b, 0, need);
	b[0] = op;
	b[1] = pool;
	if (op != IC_KVP_OP_ENUMERATE && (!key || !*key))
		return -EPROTO;
	switch (op) {
	case IC_KVP_OP_GET:
	case IC_KVP_OP_SET:
		err = ic_utf8_to_utf16(key, strnlen(key, IC_KVP_KEY_UTF8_SIZE),
				       rec + offsetof(struct ic_kvp_value, key),
				       IC_KVP_KEY_MAX, &size);
		if (err)
			return err;
		lumen_put_le32(rec + offsetof(struct ic_kvp_value, key_size),
			       size);
		lumen_put_le32(rec, IC_KVP_TYPE_STRING);
		if (op == IC_KVP_OP_GET)
			break;
		if (!value)
			return -EPROTO;
		err = ic_utf8_to_utf16(value,
				       strnlen(value, IC_KVP_VALUE_UTF8_SIZE),
				       rec + offsetof(struct ic_kvp_value, value),
				       IC_KVP_VALUE_MAX, &size);
		if (err)
			return err;
		lumen_put_le32(rec + offsetof(struct ic_kvp_value, value_size),
			       size);
		break;
	case IC_KVP_OP_DELETE:
		err = ic_utf8_to_utf16(key, strnlen(key, IC_KVP_KEY_UTF8_SIZE),
				       rec + offsetof(struct ic_kvp_delete, key),
				       IC_KVP_KEY_MAX, &size);
		if (err)
			return err;
		lumen_put_le32(rec, size);
		break;
	case IC_KVP_OP_ENUMERATE:
		lumen_put_le32(rec, index);
		break;
	default:
		err = ic_utf8_to_utf16(key,
				       strnlen(key, IC_KVP_ADAPTER_UTF8_SIZE),
				       b + IC_KVP_IP_OFF(adapter_id),
				       IC_KVP_ADAPTER_ID_LEN * 2, &size);
		if (err)
			return err;
		break;
	}
	return need;
}

/**
 * ic_vss_parse() - parse a VSS body
 * @body: the body (after the IC header), a private copy.
 * @len: body bytes present in the packet.
 * @vss: filled with the operation and flags.
 *
 * Context: any context.
 * Return: 0; -EPROTO for a body shorter than %IC_VSS_MIN_SIZE; -EBADRQC
 * for an operation past %IC_VSS_OP_QUERY_CLUSTER_INFO.
 */
int ic_vss_parse(const void *body, size_t len, struct ic_vss_info *vss)
{
	const u8 *b = body;

	if (len < IC_VSS_MIN_SIZE)
		return -EPROTO;
	vss->op = b[offsetof(struct ic_vss, operation)];
	vss->flags = lumen_get_le32(b + offsetof(struct ic_vss, flags));
	if (vss->op > IC_VSS_OP_QUERY_CLUSTER_INFO)
		return -EBADRQC;
	return 0;
}

/**
 * ic_vss_build() - build a host VSS request body (hvsim)
 * @body: output buffer, zeroed over @len bytes.
 * @cap: bytes @body holds.
 * @op: %IC_VSS_OP_* value.
 * @len: body size to send: at least %IC_VSS_MIN_SIZE; Hyper-V's FREEZE
 *	carries about 6.3 KB of volume data after &struct ic_vss.
 *
 * Context: any context.
 * Return: @len, or -EPROTO (@len too small), -EMSGSIZE (@cap or
 * %IC_MAX_MSG_SIZE exceeded), -EBADRQC (unknown @op).
 */
int ic_vss_build(void *body, size_t cap, u8 op, size_t len)
{
	u8 *b = body;

	if (op > IC_VSS_OP_QUERY_CLUSTER_INFO)
		return -EBADRQC;
	if (len < IC_VSS_MIN_SIZE)
		return -EPROTO;
	if (len > cap || len > IC_MAX_MSG_SIZE)
		return -EMSGSIZE;
	memset(b, 0, len);
	b[offsetof(struct ic_vss, operation)] = op;
	return len;
}

/**
 * ic_vss_set_flags() - write &ic_vss.flags of a VSS body
 * @body: a body of at least %IC_VSS_MIN_SIZE bytes (checked by
 *	ic_vss_parse()).
 * @flags: the flags (CHECK_HOT_BACKUP answer: %IC_VSS_HBU_*).
 *
 * Context: any context.
 */
void ic_vss_set_flags(void *body, u32 flags)
{
	lumen_put_le32((u8 *)body + offsetof(struct ic_vss, flags), flags);
}
