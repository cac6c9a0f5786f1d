/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vmbus_chmsg_parse() case table, shared by the KUnit suite
 * (chmsg_test.c) and the userspace tests (tests/user/test_chmsg.c), which
 * include it after lib/chmsg.c. Every row names one message, the
 * arguments it is parsed with and the exact result expected.
 *
 * chmsg_cases_fill() builds the table: first a set of rows per type,
 * generated from the type's row in VMBUS_CHMSG_TABLE() (lengths, direction,
 * versions, and the relid where the type has one), then the hand-written
 * rows below for the per-type field checks, unknown types and the order
 * of the checks.
 */
#ifndef _LUMEN_TESTS_CHMSG_CASES_H
#define _LUMEN_TESTS_CHMSG_CASES_H

/* Room for the oversize rows (one byte past a SynIC payload). */
#define CHMSG_CASE_BUF_SIZE	256
#define CHMSG_CASE_NAME_SIZE	48

/**
 * struct chmsg_case - one message and the result vmbus_chmsg_parse() owes
 * @name: row name shown in the test output.
 * @type: type written in the header.
 * @len: length passed to the parser.
 * @dir: direction passed to the parser.
 * @version: version passed to the parser.
 * @off: offset of @val, 0 for none.
 * @size: bytes of @val written at @off (1, 2 or 4, little-endian).
 * @val: value written over the template.
 * @err: expected return value.
 *
 * The message starts as a valid template of @type at @len (see
 * chmsg_case_build()), then @val is written at @off.
 */
struct chmsg_case {
	char name[CHMSG_CASE_NAME_SIZE];
	u32 type;
	u16 len;
	u8 dir;
	u32 version;
	u16 off;
	u8 size;
	u32 val;
	int err;
};

#define H2G	VMBUS_CHMSG_DIR_H2G
#define G2H	VMBUS_CHMSG_DIR_G2H
#define V6_0	VMBUS_PROTO_V6_0

/* Offsets of the fields the hand-written rows change. */
#define OFFER_MONITOR	offsetof(struct vmbus_msg_offer_channel, monitor_id)
#define OFFER_RELID	offsetof(struct vmbus_msg_offer_channel, child_relid)
#define GH_BUFLEN	offsetof(struct vmbus_msg_gpadl_header, range_buflen)
#define GH_COUNT	offsetof(struct vmbus_msg_gpadl_header, range_count)
#define GH_RANGE	offsetof(struct vmbus_msg_gpadl_header, range)
#define VR_STATE	offsetof(struct vmbus_msg_version_response, conn_state)
#define MCR_STATE	offsetof(struct vmbus_msg_modify_connection_response, conn_state)

static const struct chmsg_case chmsg_hand_cases[] = {
	/* Unknown types, and the length checks that come first. */
	{ "type_0", 0, 16, H2G, V6_0, 0, 0, 0, -EBADRQC },
	{ "type_0_g2h", 0, 16, G2H, V6_0, 0, 0, 0, -EBADRQC },
	{ "type_30", 30, 16, H2G, V6_0, 0, 0, 0, -EBADRQC },
	{ "type_30_unconnected", 30, 16, G2H, 0, 0, 0, 0, -EBADRQC },
	{ "type_max", 0xffffffff, 16, H2G, V6_0, 0, 0, 0, -EBADRQC },
	{ "type_0_header_only", 0, 8, H2G, V6_0, 0, 0, 0, -EBADRQC },
	{ "type_0_short", 0, 7, H2G, V6_0, 0, 0, 0, -EPROTO },
	{ "type_30_oversize", 30, 241, H2G, V6_0, 0, 0, 0, -EMSGSIZE },
	{ "empty", VMBUS_MSG_UNLOAD, 0, G2H, V6_0, 0, 0, 0, -EPROTO },

	/* Direction values that are neither direction. */
	{ "dir_0", VMBUS_MSG_UNLOAD, 8, 0, V6_0, 0, 0, 0, -EPROTONOSUPPORT },
	{ "dir_3", VMBUS_MSG_UNLOAD, 8, 3, V6_0, 0, 0, 0, -EPROTONOSUPPORT },

	/* Order: direction, then length, then version, then relid. */
	{ "offerchannel_wrong_dir_truncated", VMBUS_MSG_OFFERCHANNEL, 100,
	  G2H, V6_0, 0, 0, 0, -EPROTONOSUPPORT },
	{ "offerchannel_truncated_too_old", VMBUS_MSG_OFFERCHANNEL, 100, H2G,
	  0x0000000c, 0, 0, 0, -EPROTO },
	{ "offerchannel_relid_0_unconnected", VMBUS_MSG_OFFERCHANNEL, 196, H2G,
	  0, OFFER_RELID, 4, 0, -EPROTONOSUPPORT },
	{ "modifychannel_response_relid_0_at_5_2",
	  VMBUS_MSG_MODIFYCHANNEL_RESPONSE, 16, H2G, VMBUS_PROTO_V5_2, 8, 4,
	  0, -EPROTONOSUPPORT },
	{ "gpadl_header_relid_0_partial_pfn", VMBUS_MSG_GPADL_HEADER, 32, G2H,
	  V6_0, 8, 4, 0, -ERANGE },

	/* Longer than the longest form: accepted, as guests accept it. */
	{ "offerchannel_240", VMBUS_MSG_OFFERCHANNEL, 240, H2G, V6_0, 0, 0, 0,
	  0 },
	{ "unload_240", VMBUS_MSG_UNLOAD, 240, G2H, V6_0, 0, 0, 0, 0 },

	/* OFFERCHANNEL: monitor id (byte 188) with its flags (byte 189). */
	{ "offerchannel_monitor_127", VMBUS_MSG_OFFERCHANNEL, 196, H2G, V6_0,
	  OFFER_MONITOR, 2, 0x017f, 0 },
	{ "offerchannel_monitor_128", VMBUS_MSG_OFFERCHANNEL, 196, H2G, V6_0,
	  OFFER_MONITOR, 2, 0x0180, -ERANGE },
	{ "offerchannel_monitor_255", VMBUS_MSG_OFFERCHANNEL, 196, H2G, V6_0,
	  OFFER_MONITOR, 2, 0x01ff, -ERANGE },
	{ "offerchannel_monitor_128_other_flags", VMBUS_MSG_OFFERCHANNEL, 196,
	  H2G, V6_0, OFFER_MONITOR, 2, 0xfe80, 0 },
	{ "offerchannel_monitor_200_unallocated", VMBUS_MSG_OFFERCHANNEL, 196,
	  H2G, V6_0, OFFER_MONITOR, 2, 0x00c8, 0 },

	/* GPADL_HEADER: the template has one range and a fitting buffer. */
	{ "gpadl_header_no_range", VMBUS_MSG_GPADL_HEADER, 36, G2H, V6_0,
	  GH_COUNT, 2, 0, -EPROTO },
	{ "gpadl_header_two_ranges", VMBUS_MSG_GPADL_HEADER, 36, G2H, V6_0,
	  GH_COUNT, 2, 2, 0 },
	{ "gpadl_header_one_pfn", VMBUS_MSG_GPADL_HEADER, 36, G2H, V6_0,
	  0, 0, 0, 0 },
	{ "gpadl_header_partial_pfn_32", VMBUS_MSG_GPADL_HEADER, 32, G2H, V6_0,
	  0, 0, 0, -EPROTO },
	{ "gpadl_header_partial_pfn_35", VMBUS_MSG_GPADL_HEADER, 35, G2H, V6_0,
	  0, 0, 0, -EPROTO },
	{ "gpadl_header_partial_pfn_240", VMBUS_MSG_GPADL_HEADER, 240, G2H,
	  V6_0, 0, 0, 0, -EPROTO },
	{ "gpadl_header_buflen_0", VMBUS_MSG_GPADL_HEADER, 28, G2H, V6_0,
	  GH_BUFLEN, 2, 0, -EPROTO },
	{ "gpadl_header_buflen_8", VMBUS_MSG_GPADL_HEADER, 28, G2H, V6_0,
	  GH_BUFLEN, 2, 8, -EPROTO },
	{ "gpadl_header_buflen_15", VMBUS_MSG_GPADL_HEADER, 28, G2H, V6_0,
	  GH_BUFLEN, 2, 15, -EPROTO },
	{ "gpadl_header_buflen_16", VMBUS_MSG_GPADL_HEADER, 28, G2H, V6_0,
	  GH_BUFLEN, 2, 16, 0 },
	{ "gpadl_header_buflen_max", VMBUS_MSG_GPADL_HEADER, 236, G2H, V6_0,
	  GH_BUFLEN, 2, 0xffff, 0 },
	{ "gpadl_header_carries_past_buflen", VMBUS_MSG_GPADL_HEADER, 44, G2H,
	  V6_0, GH_BUFLEN, 2, 16, -EPROTO },
	{ "gpadl_header_carries_all_of_buflen", VMBUS_MSG_GPADL_HEADER, 44,
	  G2H, V6_0, GH_BUFLEN, 2, 24, 0 },

	/* GPADL_BODY: one or more whole PFNs. */
	{ "gpadl_body_no_pfn", VMBUS_MSG_GPADL_BODY, 16, G2H, V6_0, 0, 0, 0,
	  -EPROTO },
	{ "gpadl_body_partial_pfn_20", VMBUS_MSG_GPADL_BODY, 20, G2H, V6_0,
	  0, 0, 0, -EPROTO },
	{ "gpadl_body_partial_pfn_236", VMBUS_MSG_GPADL_BODY, 236, G2H, V6_0,
	  0, 0, 0, -EPROTO },
	{ "gpadl_body_one_pfn", VMBUS_MSG_GPADL_BODY, 24, G2H, V6_0, 0, 0, 0,
	  0 },

	/* Connection states 0 .. 2. */
	{ "version_response_state_2", VMBUS_MSG_VERSION_RESPONSE, 16, H2G, 0,
	  VR_STATE, 1, 2, 0 },
	{ "version_response_state_3", VMBUS_MSG_VERSION_RESPONSE, 16, H2G, 0,
	  VR_STATE, 1, 3, -ERANGE },
	{ "version_response_state_255", VMBUS_MSG_VERSION_RESPONSE, 40, H2G,
	  V6_0, VR_STATE, 1, 255, -ERANGE },
	{ "version_response_20", VMBUS_MSG_VERSION_RESPONSE, 20, H2G, 0,
	  0, 0, 0, 0 },
	{ "modify_connection_response_state_1",
	  VMBUS_MSG_MODIFY_CONNECTION_RESPONSE, 9, H2G, V6_0, MCR_STATE, 1, 1,
	  0 },
	{ "modify_connection_response_state_3",
	  VMBUS_MSG_MODIFY_CONNECTION_RESPONSE, 9, H2G, V6_0, MCR_STATE, 1, 3,
	  -ERANGE },

	/* Forms between the base struct and the longest one. */
	{ "initiate_contact_40_unconnected", VMBUS_MSG_INITIATE_CONTACT, 40,
	  G2H, 0, 0, 0, 0, 0 },
	{ "tl_connect_request_40_at_4_0", VMBUS_MSG_TL_CONNECT_REQUEST, 40,
	  G2H, VMBUS_PROTO_V4_0, 0, 0, 0, 0 },
	{ "openchannel_148_at_5_3", VMBUS_MSG_OPENCHANNEL, 148, G2H,
	  VMBUS_PROTO_V5_3, 0, 0, 0, 0 },
	{ "unload_response_at_0_13", VMBUS_MSG_UNLOAD_RESPONSE, 8, H2G,
	  VMBUS_PROTO_V0_13, 0, 0, 0, -EPROTONOSUPPORT },
};

/* Generated rows: the kinds every type gets, and those of relid types. */
enum chmsg_kind {
	CHMSG_AT_MIN,
	CHMSG_AT_MAX,
	CHMSG_TRUNCATED,
	CHMSG_OVERSIZE,
	CHMSG_WRONG_DIR,
	CHMSG_FIRST_VERSION,
	CHMSG_TOO_OLD,
	CHMSG_UNCONNECTED,
	CHMSG_KINDS,
};

static const char * const chmsg_kind_names[CHMSG_KINDS] = {
	"at_min", "at_max", "truncated", "oversize", "wrong_dir",
	"first_version", "too_old", "unconnected",
};

/* Relid values written into every relid-bearing type, and the result. */
static const struct {
	const char *name;
	u32 relid;
	int err;
} chmsg_relid_kinds[] = {
	{ "relid_0", 0, -ERANGE },
	{ "relid_1", 1, 0 },
	{ "relid_2047", VMBUS_MSG_RELID_LIMIT - 1, 0 },
	{ "relid_2048", VMBUS_MSG_RELID_LIMIT, -ERANGE },
	{ "relid_max", 0xffffffff, -ERANGE },
};

/* Types with a relid: checked by chmsg_cases_fill() against the table. */
#define CHMSG_RELID_TYPES	14

#define CHMSG_CASE_COUNT						\
	((VMBUS_MSG_COUNT - 1) * CHMSG_KINDS +				\
	 CHMSG_RELID_TYPES * ARRAY_SIZE(chmsg_relid_kinds) +		\
	 ARRAY_SIZE(chmsg_hand_cases))

/* The whole table, filled by chmsg_cases_fill(). */
static struct chmsg_case chmsg_cases[CHMSG_CASE_COUNT];

/* Row @kind of the type described by @info. */
static void chmsg_case_gen(struct chmsg_case *c, u32 type,
			   const struct vmbus_chmsg_info *info,
			   enum chmsg_kind kind)
{
	snprintf(c->name, sizeof(c->name), "%s_%s", info->name,
		 chmsg_kind_names[kind]);
	c->type = type;
	c->len = info->max_len;
	c->dir = info->dir;
	c->version = VMBUS_PROTO_V6_0;
	c->off = 0;
	c->size = 0;
	c->val = 0;
	c->err = 0;
	switch (kind) {
	case CHMSG_AT_MIN:
		c->len = info->min_len;
		/* A GPADL_BODY needs a PFN past its fixed part. */
		if (type == VMBUS_MSG_GPADL_BODY)
			c->err = -EPROTO;
		break;
	case CHMSG_AT_MAX:
		break;
	case CHMSG_TRUNCATED:
		c->len = info->min_len - 1;
		c->err = -EPROTO;
		break;
	case CHMSG_OVERSIZE:
		c->len = VMBUS_MSG_MAX_SIZE + 1;
		c->err = -EMSGSIZE;
		break;
	case CHMSG_WRONG_DIR:
		c->dir = VMBUS_CHMSG_DIR_G2H + VMBUS_CHMSG_DIR_H2G - info->dir;
		c->err = -EPROTONOSUPPORT;
		break;
	case CHMSG_FIRST_VERSION:
		c->version = info->version;
		break;
	case CHMSG_TOO_OLD:
		c->version = info->version - 1;
		c->err = -EPROTONOSUPPORT;
		break;
	case CHMSG_UNCONNECTED:
		c->version = 0;
		if (!(info->flags & VMBUS_CHMSG_F_UNCONNECTED))
			c->err = -EPROTONOSUPPORT;
		break;
	default:
		break;
	}
}

/**
 * chmsg_cases_fill() - build chmsg_cases[]
 *
 * Context: any context; call once before reading chmsg_cases[].
 * Return: 0, or -EINVAL if the table has a different number of relid
 * types than %CHMSG_RELID_TYPES (the row count would not match).
 */
static int chmsg_cases_fill(void)
{
	size_t n = 0, i;
	u32 type;
	int kind;

	for (type = 1; type < VMBUS_MSG_COUNT; type++) {
		const struct vmbus_chmsg_info *info = vmbus_chmsg_info(type);

		for (kind = 0; kind < CHMSG_KINDS; kind++)
			chmsg_case_gen(&chmsg_cases[n++], type, info, kind);
		if (!info->relid_off)
			continue;
		if (n + ARRAY_SIZE(chmsg_relid_kinds) +
		    ARRAY_SIZE(chmsg_hand_cases) > ARRAY_SIZE(chmsg_cases))
			return -EINVAL;
		for (i = 0; i < ARRAY_SIZE(chmsg_relid_kinds); i++) {
			struct chmsg_case *c = &chmsg_cases[n++];

			chmsg_case_gen(c, type, info, CHMSG_AT_MAX);
			snprintf(c->name, sizeof(c->name), "%s_%s", info->name,
				 chmsg_relid_kinds[i].name);
			c->off = info->relid_off;
			c->size = 4;
			c->val = chmsg_relid_kinds[i].relid;
			c->err = chmsg_relid_kinds[i].err;
		}
	}
	if (n + ARRAY_SIZE(chmsg_hand_cases) != ARRAY_SIZE(chmsg_cases))
		return -EINVAL;
	memcpy(&chmsg_cases[n], chmsg_hand_cases, sizeof(chmsg_hand_cases));
	return 0;
}

static void chmsg_case_put(u8 *buf, size_t off, u8 size, u32 val)
{
	__le16 v16 = cpu_to_le16(val);
	__le32 v32 = cpu_to_le32(val);

	if (size == 1)
		buf[off] = val;
	else if (size == 2)
		memcpy(buf + off, &v16, sizeof(v16));
	else if (size == 4)
		memcpy(buf + off, &v32, sizeof(v32));
}

/**
 * chmsg_case_build() - write a case's message
 * @c: the case.
 * @buf: %CHMSG_CASE_BUF_SIZE bytes.
 *
 * The template is the base struct of @c->type from vmbus_chmsg_init() (the
 * header alone for an unknown type), zero up to @c->len, with relid 1
 * where the type has one. A GPADL_HEADER gets one range and a range
 * buffer exactly as long as what the message carries (at least one PFN).
 * Then @c->val is written at @c->off.
 *
 * Context: any context.
 */
static void chmsg_case_build(const struct chmsg_case *c, u8 *buf)
{
	const struct vmbus_chmsg_info *info = vmbus_chmsg_info(c->type);
	size_t carried;

	memset(buf, 0, CHMSG_CASE_BUF_SIZE);
	vmbus_chmsg_init(buf, CHMSG_CASE_BUF_SIZE, c->type);
	chmsg_case_put(buf, 0, 4, c->type);
	if (info && info->relid_off)
		chmsg_case_put(buf, info->relid_off, 4, 1);
	if (c->type == VMBUS_MSG_GPADL_HEADER) {
		carried = c->len > GH_RANGE ? c->len - GH_RANGE : 0;
		chmsg_case_put(buf, GH_BUFLEN, 2, max_t(size_t, carried, 16));
		chmsg_case_put(buf, GH_COUNT, 2, 1);
	}
	if (c->off)
		chmsg_case_put(buf, c->off, c->size, c->val);
}

#undef H2G
#undef G2H
#undef V6_0
#undef OFFER_MONITOR
#undef OFFER_RELID
#undef GH_BUFLEN
#undef GH_COUNT
#undef GH_RANGE
#undef VR_STATE
#undef MCR_STATE

#endif /* _LUMEN_TESTS_CHMSG_CASES_H */
