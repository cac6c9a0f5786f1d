// SPDX-License-Identifier: GPL-2.0
/*
 * VMBus channel-message table and parser (pure code). hv_vmbus parses the
 * messages the host posts, hvsim the ones the guest posts. The caller hands
 * over a private copy of the SynIC payload; nothing here touches shared
 * memory, takes a lock, allocates or logs.
 *
 * Built into hv_vmbus and hvsim, each its own copy exporting nothing (see
 * lib/README); KUnit, the userspace tests and the fuzzers #include it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <asm/byteorder.h>
#include <lumen/chmsg.h>

/* Fields in the order of struct vmbus_chmsg_info. */
#define VMBUS_CHMSG_ROW(type, name, stype, dir, min_len, version, max_len, \
			relid_off, flags)				\
	[type] = { #name, (dir), (min_len), (max_len), sizeof(stype),	\
		   (relid_off), (flags), (version) },

static const struct vmbus_chmsg_info vmbus_chmsg_table[VMBUS_MSG_COUNT] =
	VMBUS_CHMSG_TABLE(VMBUS_CHMSG_ROW);

/*
 * Build-time proof of each row against the wire headers: the union member
 * has the row's name and struct type; the minimum is the base struct; the
 * longest form lies between the base struct and one SynIC payload; the
 * relid lies inside the base struct; the direction and flags are known;
 * the version is one of the protocol's. Each argument appears once
 * (checkpatch's MACRO_ARG_REUSE), hence the unsigned range tricks.
 */
#define VMBUS_CHMSG_CHECK(type, name, stype, dir, min_len, version,	\
			  max_len, relid_off, flags) {			\
	static_assert(__builtin_types_compatible_p(stype,		\
		typeof(((union vmbus_chmsg_body *)NULL)[0].name)));	\
	static_assert((min_len) == sizeof(stype));			\
	static_assert((max_len) - sizeof(stype) <=			\
		      VMBUS_MSG_MAX_SIZE - sizeof(stype));		\
	static_assert((relid_off) + sizeof(__le32) <= sizeof(stype));	\
	static_assert((dir) - 1u <= VMBUS_CHMSG_DIR_H2G - 1u);		\
	static_assert(((flags) & ~VMBUS_CHMSG_F_UNCONNECTED) == 0);	\
	static_assert((u32)(version) - VMBUS_PROTO_V0_13 <=		\
		      VMBUS_PROTO_V6_0 - VMBUS_PROTO_V0_13);		\
}

static_assert(VMBUS_CHMSG_DIR_G2H == 1 && VMBUS_CHMSG_DIR_H2G == 2);

/* One row per type 1 .. VMBUS_MSG_COUNT - 1: count the rows. */
#define VMBUS_CHMSG_ONE(...)	1,
static_assert(sizeof((u8[])VMBUS_CHMSG_TABLE(VMBUS_CHMSG_ONE)) ==
	      VMBUS_MSG_COUNT - 1);
/* The body union holds any message. */
static_assert(sizeof(union vmbus_chmsg_body) == VMBUS_MSG_MAX_SIZE);

/* PFNs start after the fixed part of GPADL_HEADER and GPADL_BODY. */
#define VMBUS_CHMSG_GPADL_HEADER_FIXED	sizeof(struct vmbus_msg_gpadl_header)
#define VMBUS_CHMSG_GPADL_BODY_FIXED	sizeof(struct vmbus_msg_gpadl_body)
/* Range buffer bytes a GPADL_HEADER carries start at its range record. */
#define VMBUS_CHMSG_GPADL_RANGE_OFF	offsetof(struct vmbus_msg_gpadl_header, range)
/* Smallest range buffer: one range record with one PFN. */
#define VMBUS_CHMSG_GPADL_RANGE_MIN	(sizeof(struct vmbus_msg_gpa_range) + sizeof(__le64))

static u8 vmbus_chmsg_get8(const u8 *p, size_t off)
{
	return p[off];
}

static u16 vmbus_chmsg_get16(const u8 *p, size_t off)
{
	__le16 v;

	memcpy(&v, p + off, sizeof(v));
	return le16_to_cpu(v);
}

static u32 vmbus_chmsg_get32(const u8 *p, size_t off)
{
	__le32 v;

	memcpy(&v, p + off, sizeof(v));
	return le32_to_cpu(v);
}

/**
 * vmbus_chmsg_info() - look up the table row of a message type
 * @type: message type, VMBUS_MSG_*.
 *
 * Context: any context.
 * Return: the row for @type, or NULL if @type is 0 or not below
 * %VMBUS_MSG_COUNT.
 */
const struct vmbus_chmsg_info *vmbus_chmsg_info(u32 type)
{
	/* Build time only: every row against the wire headers. */
	VMBUS_CHMSG_TABLE(VMBUS_CHMSG_CHECK)

	if (type == VMBUS_MSG_INVALID || type >= VMBUS_MSG_COUNT)
		return NULL;
	return &vmbus_chmsg_table[type];
}

/* GPADL_HEADER: range count, whole PFNs, a range buffer that holds them. */
static int vmbus_chmsg_check_gpadl_header(const u8 *p, size_t len)
{
	size_t carried = len - VMBUS_CHMSG_GPADL_RANGE_OFF;
	u16 buflen, count;

	buflen = vmbus_chmsg_get16(p, offsetof(struct vmbus_msg_gpadl_header,
					       range_buflen));
	count = vmbus_chmsg_get16(p, offsetof(struct vmbus_msg_gpadl_header,
					      range_count));
	if (!count)
		return -EPROTO;
	if ((len - VMBUS_CHMSG_GPADL_HEADER_FIXED) % sizeof(__le64))
		return -EPROTO;
	if (buflen < VMBUS_CHMSG_GPADL_RANGE_MIN)
		return -EPROTO;
	/* The message cannot carry more of the range buffer than it names. */
	if (carried > buflen)
		return -EPROTO;
	return 0;
}

/* OFFERCHANNEL: a monitor id in use must name a monitor bit. */
static int vmbus_chmsg_check_offer(const u8 *p)
{
	u8 mflags, id;

	mflags = vmbus_chmsg_get8(p, offsetof(struct vmbus_msg_offer_channel,
					      monitor_flags));
	id = vmbus_chmsg_get8(p, offsetof(struct vmbus_msg_offer_channel,
					  monitor_id));
	if ((mflags & VMBUS_MSG_OFFER_MONITOR_ALLOCATED) &&
	    id >= VMBUS_MSG_MONITOR_ID_LIMIT)
		return -ERANGE;
	return 0;
}

/* A connection state byte must be one of VMBUS_MSG_CONN_STATE_*. */
static int vmbus_chmsg_check_state(const u8 *p, size_t off)
{
	if (vmbus_chmsg_get8(p, off) > VMBUS_MSG_CONN_STATE_UNKNOWN_FAILURE)
		return -ERANGE;
	return 0;
}

/* Checks of the fields past the header; the length is at least min_len. */
static int vmbus_chmsg_check_fields(u32 type, const u8 *p, size_t len)
{
	switch (type) {
	case VMBUS_MSG_OFFERCHANNEL:
		return vmbus_chmsg_check_offer(p);
	case VMBUS_MSG_GPADL_HEADER:
		return vmbus_chmsg_check_gpadl_header(p, len);
	case VMBUS_MSG_GPADL_BODY:
		if (len == VMBUS_CHMSG_GPADL_BODY_FIXED ||
		    (len - VMBUS_CHMSG_GPADL_BODY_FIXED) % sizeof(__le64))
			return -EPROTO;
		return 0;
	case VMBUS_MSG_VERSION_RESPONSE:
		return vmbus_chmsg_check_state(p,
			offsetof(struct vmbus_msg_version_response, conn_state));
	case VMBUS_MSG_MODIFY_CONNECTION_RESPONSE:
		return vmbus_chmsg_check_state(p,
			offsetof(struct vmbus_msg_modify_connection_response,
				 conn_state));
	default:
		return 0;
	}
}

/**
 * vmbus_chmsg_parse() - validate one channel message and copy it out
 * @buf: the message, header first: the caller's private copy of a SynIC
 *	message payload, never shared memory.
 * @len: payload length in bytes.
 * @dir: direction the message travelled, %VMBUS_CHMSG_DIR_H2G when the
 *	guest parses what the host sent, %VMBUS_CHMSG_DIR_G2H when the host
 *	(hvsim) parses what the guest sent. Any other value matches no type.
 * @version: negotiated protocol version (VMBUS_PROTO_*), or 0 while none
 *	is: then only INITIATE_CONTACT, VERSION_RESPONSE, UNLOAD and
 *	UNLOAD_RESPONSE are accepted.
 * @out: filled on success only: type, length, relid, and the message in
 *	@out->body, zero past @len.
 *
 * Checks, in this order: the length against the header and the SynIC
 * payload size, the type, the direction, the length against the type's
 * minimum, the version, the relid (when the type has one), then the
 * type's own fields: the monitor id of an offer with a monitor allocated,
 * the range count, PFN alignment and range buffer length of a
 * GPADL_HEADER, the PFN alignment of a GPADL_BODY, the connection state of
 * VERSION_RESPONSE and MODIFY_CONNECTION_RESPONSE. Feature flags of 6.0
 * messages (types 25 to 29, OPENCHANNEL2) are the caller's to check.
 * Reads nothing at or past @buf + @len.
 *
 * Context: any context.
 * Return: 0 on success;
 * -EPROTO if @len is below the 8-byte header or the type's minimum, or the
 * fields are inconsistent (GPADL_HEADER with no range, a partial PFN, a
 * range buffer shorter than one PFN or than what the message carries;
 * GPADL_BODY without PFNs or with a partial one);
 * -EMSGSIZE if @len exceeds %VMBUS_MSG_MAX_SIZE;
 * -EBADRQC if the type is 0 or not below %VMBUS_MSG_COUNT;
 * -EPROTONOSUPPORT if the type travels the other way, or is not valid at
 * @version;
 * -ERANGE if the relid is 0 or not below %VMBUS_MSG_RELID_LIMIT, an
 * allocated monitor id is not below %VMBUS_MSG_MONITOR_ID_LIMIT, or a
 * connection state is unknown.
 */
int vmbus_chmsg_parse(const void *buf, size_t len, u32 dir, u32 version,
		      struct vmbus_chmsg *out)
{
	const struct vmbus_chmsg_info *info;
	const u8 *p = buf;
	u32 type, relid = 0;
	int ret;

	if (len < sizeof(struct vmbus_msg_hdr))
		return -EPROTO;
	if (len > VMBUS_MSG_MAX_SIZE)
		return -EMSGSIZE;
	type = vmbus_chmsg_get32(p, offsetof(struct vmbus_msg_hdr, type));
	info = vmbus_chmsg_info(type);
	if (!info)
		return -EBADRQC;
	if (info->dir != dir)
		return -EPROTONOSUPPORT;
	if (len < info->min_len)
		return -EPROTO;
	if (version ? version < info->version :
		      !(info->flags & VMBUS_CHMSG_F_UNCONNECTED))
		return -EPROTONOSUPPORT;
	if (info->relid_off) {
		relid = vmbus_chmsg_get32(p, info->relid_off);
		if (!relid || relid >= VMBUS_MSG_RELID_LIMIT)
			return -ERANGE;
	}
	ret = vmbus_chmsg_check_fields(type, p, len);
	if (ret)
		return ret;

	memset(&out->body, 0, sizeof(out->body));
	memcpy(&out->body, buf, min(len, sizeof(out->body)));
	out->type = type;
	out->len = len;
	out->relid = relid;
	return 0;
}

/**
 * vmbus_chmsg_init() - start encoding a channel message
 * @buf: where the message is built.
 * @buflen: size of @buf in bytes.
 * @type: message type, VMBUS_MSG_*.
 *
 * Zeroes the base struct of @type (&struct vmbus_chmsg_info.size bytes)
 * and writes its header. The caller fills the fields, and for
 * longer forms or GPADL PFNs extends the message itself.
 *
 * Context: any context.
 * Return: the size written, or 0 if @type is unknown or @buflen is smaller
 * than the base struct (@buf is then untouched).
 */
size_t vmbus_chmsg_init(void *buf, size_t buflen, u32 type)
{
	const struct vmbus_chmsg_info *info = vmbus_chmsg_info(type);
	struct vmbus_msg_hdr hdr = { .type = cpu_to_le32(type) };

	if (!info || buflen < info->size)
		return 0;
	memset(buf, 0, info->size);
	memcpy(buf, &hdr, sizeof(hdr));
	return info->size;
}
