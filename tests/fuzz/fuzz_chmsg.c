// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the VMBus channel-message parser (lib/chmsg.c).
 *
 * Input: byte 0 picks the direction (low two bits, so the invalid values 0
 * and 3 are tried too), bytes 1..4 the negotiated version (little-endian,
 * 0 = not negotiated), the rest is the message. The message is parsed from
 * a heap copy of exactly its length, so ASan catches any read past it.
 *
 * On success the result must obey the table: a known type travelling in
 * the given direction, valid at the version, a length in [min_len, 240],
 * the relid rule, the message copied verbatim and nothing past its length.
 * On failure the errno must be one of the documented ones and the output
 * untouched. Any violation aborts.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/chmsg.c"

static void fuzz_chmsg_check_ok(const struct vmbus_chmsg *out, const u8 *msg,
				size_t len, u32 dir, u32 version)
{
	const struct vmbus_chmsg_info *info = vmbus_chmsg_info(out->type);
	__le32 raw_type, raw_relid;
	size_t i;

	memcpy(&raw_type, msg, sizeof(raw_type));
	if (!info || out->type != le32_to_cpu(raw_type))
		abort();
	if (out->len != len || len < info->min_len || len > VMBUS_MSG_MAX_SIZE)
		abort();
	if (info->dir != dir)
		abort();
	if (version ? version < info->version :
		      !(info->flags & VMBUS_CHMSG_F_UNCONNECTED))
		abort();
	if (info->relid_off) {
		memcpy(&raw_relid, msg + info->relid_off, sizeof(raw_relid));
		if (out->relid != le32_to_cpu(raw_relid) || !out->relid ||
		    out->relid >= VMBUS_MSG_RELID_LIMIT)
			abort();
	} else if (out->relid) {
		abort();
	}
	if (memcmp(out->body.raw, msg, len))
		abort();
	for (i = len; i < sizeof(out->body); i++)
		if (out->body.raw[i])
			abort();
	if (out->type == VMBUS_MSG_OFFERCHANNEL &&
	    (out->body.offerchannel.monitor_flags &
	     VMBUS_MSG_OFFER_MONITOR_ALLOCATED) &&
	    out->body.offerchannel.monitor_id >= VMBUS_MSG_MONITOR_ID_LIMIT)
		abort();
	if (out->type == VMBUS_MSG_GPADL_HEADER &&
	    (!out->body.gpadl_header.range_count || (len - 28) % 8 ||
	     le16_to_cpu(out->body.gpadl_header.range_buflen) < 16))
		abort();
	if (out->type == VMBUS_MSG_GPADL_BODY && (len < 24 || (len - 16) % 8))
		abort();
	if (out->type == VMBUS_MSG_VERSION_RESPONSE &&
	    out->body.version_response.conn_state > 2)
		abort();
}

int fuzz_one_input(const unsigned char *data, size_t size);

int fuzz_one_input(const unsigned char *data, size_t size)
{
	struct vmbus_chmsg out, before;
	u32 dir, version;
	size_t len;
	u8 *msg;
	int ret;

	if (size < 5)
		return 0;
	dir = data[0] & 3;
	version = data[1] | data[2] << 8 | data[3] << 16 | (u32)data[4] << 24;
	len = size - 5;
	msg = malloc(len ? len : 1);
	if (!msg)
		abort();
	memcpy(msg, data + 5, len);

	memset(&out, 0x5a, sizeof(out));
	before = out;
	ret = vmbus_chmsg_parse(msg, len, dir, version, &out);
	switch (ret) {
	case 0:
		fuzz_chmsg_check_ok(&out, msg, len, dir, version);
		break;
	case -EPROTO:
	case -EMSGSIZE:
	case -EBADRQC:
	case -EPROTONOSUPPORT:
	case -ERANGE:
		if (memcmp(&out, &before, sizeof(out)))
			abort();
		break;
	default:
		abort();
	}
	free(msg);
	return 0;
}
