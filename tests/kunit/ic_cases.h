/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IC parser case table, shared by the KUnit suite (ic_test.c) and the
 * userspace tests (tests/user/test_ic.c), which include it after
 * lib/ic_msg.c. Every row names one input: which parser reads it,
 * the bytes (a valid template of that message, then at most one field
 * overwritten), the length passed and the exact result expected.
 */
#ifndef _LUMEN_TESTS_IC_CASES_H
#define _LUMEN_TESTS_IC_CASES_H

/* Room for the longest row (a header plus one byte past the largest body). */
#define IC_CASE_BUF_SIZE	(IC_MAX_PKT_SIZE + 8)
#define IC_CASE_NAME_SIZE	48

/* Which parser a row feeds (struct ic_case.parser). */
enum ic_case_parser {
	IC_CASE_HDR,		/* ic_msg_parse(): whole packet */
	IC_CASE_NEGOTIATE,	/* ic_negotiate_parse(): body */
	IC_CASE_NEG_REPLY,	/* ic_negotiate_parse_reply(): body */
	IC_CASE_HEARTBEAT,	/* ic_heartbeat_parse(): body */
	IC_CASE_SHUTDOWN,	/* ic_shutdown_parse(): body */
	IC_CASE_TIMESYNC,	/* ic_timesync_parse(): body, at @ver */
	IC_CASE_REPLY_HDR,	/* ic_msg_parse() + ic_msg_check_reply() */
};

/**
 * struct ic_case - one input and the result its parser owes
 * @name: row name shown in the test output.
 * @parser: one of enum ic_case_parser.
 * @ver: message version passed to ic_timesync_parse() (IC_VER()).
 * @len: length passed to the parser.
 * @off: offset of @val in the buffer, or -1 for none.
 * @size: bytes of @val written at @off (1, 2, 4 or 8, little-endian).
 * @val: value written over the template.
 * @err: expected return value.
 */
struct ic_case {
	char name[IC_CASE_NAME_SIZE];
	u8 parser;
	u32 ver;
	u32 len;
	int off;
	u8 size;
	u64 val;
	int err;
};

/* Offsets the rows change. */
#define ICC_NEG_F	offsetof(struct ic_negotiate, fw_count)
#define ICC_NEG_M	offsetof(struct ic_negotiate, msg_count)
#define ICC_SD_FLAGS	offsetof(struct ic_shutdown, flags)
#define ICC_TS_TIME	offsetof(struct ic_timesync, parent_time)
#define ICC_TS4_TIME	offsetof(struct ic_timesync4, parent_time)
#define ICC_HDR_FLAGS	offsetof(struct ic_hdr, flags)
#define ICC_HDR_SIZE	offsetof(struct ic_hdr, msg_size)
#define ICC_HDR_TID	offsetof(struct ic_hdr, trans_id)

/* A valid time sync time: 2024-01-01 00:00:00 UTC in 100 ns since 1601. */
#define ICC_TIME_2024	(IC_TS_EPOCH_DELTA + 1704067200ULL * 10000000ULL)

#define ICC_ROW(n, p, l, o, s, v, e)					\
	{ .name = n, .parser = IC_CASE_##p, .ver = 0, .len = l,		\
	  .off = o, .size = s, .val = v, .err = e }
#define ICC_TS(n, ver_, l, o, v, e)					\
	{ .name = n, .parser = IC_CASE_TIMESYNC, .ver = ver_, .len = l,	\
	  .off = o, .size = 8, .val = v, .err = e }

/*
 * The templates (see ic_case_build()): a NEGOTIATE body with F = 2 and
 * M = 2 (24 bytes), a reply body with F = M = 1 (16 bytes), bodies of
 * the full struct sizes, a reply header with %IC_FLAGS_REPLY and
 * msg_size 16, all with valid values.
 */
static const struct ic_case ic_cases[] = {
	/* Framing. */
	ICC_ROW("hdr_empty", HDR, 0, -1, 0, 0, -EPROTO),
	ICC_ROW("hdr_pipe_only", HDR, IC_PIPE_HDR_SIZE, -1, 0, 0, -EPROTO),
	ICC_ROW("hdr_one_short", HDR, IC_HDR_SIZE - 1, -1, 0, 0, -EPROTO),
	ICC_ROW("hdr_exact", HDR, IC_HDR_SIZE, -1, 0, 0, 0),
	ICC_ROW("hdr_largest_body", HDR, IC_MAX_PKT_SIZE, -1, 0, 0, 0),
	ICC_ROW("hdr_body_one_too_long", HDR, IC_MAX_PKT_SIZE + 1, -1, 0, 0,
		-EMSGSIZE),
	/* Negotiation: counts against the length, then their bounds. */
	ICC_ROW("neg_empty", NEGOTIATE, 0, -1, 0, 0, -EPROTO),
	ICC_ROW("neg_counts_cut", NEGOTIATE, 7, -1, 0, 0, -EPROTO),
	ICC_ROW("neg_ok", NEGOTIATE, 24, -1, 0, 0, 0),
	ICC_ROW("neg_last_version_cut", NEGOTIATE, 23, -1, 0, 0, -EPROTO),
	ICC_ROW("neg_no_versions", NEGOTIATE, 8, ICC_NEG_F, 4, 0, 0),
	ICC_ROW("neg_fw_count_overruns", NEGOTIATE, 24, ICC_NEG_F, 2, 3,
		-EPROTO),
	ICC_ROW("neg_msg_count_overruns", NEGOTIATE, 24, ICC_NEG_M, 2, 3,
		-EPROTO),
	ICC_ROW("neg_fw_count_100_short", NEGOTIATE, 24, ICC_NEG_F, 2, 100,
		-EPROTO),
	ICC_ROW("neg_fw_count_101", NEGOTIATE, 24, ICC_NEG_F, 2, 101, -ERANGE),
	ICC_ROW("neg_msg_count_101", NEGOTIATE, 24, ICC_NEG_M, 2, 101,
		-ERANGE),
	ICC_ROW("neg_fw_count_ffff", NEGOTIATE, 24, ICC_NEG_F, 2, 0xffff,
		-ERANGE),
	ICC_ROW("neg_msg_count_ffff", NEGOTIATE, 24, ICC_NEG_M, 2, 0xffff,
		-ERANGE),
	/* The guest's negotiation answer, as the host reads it. */
	ICC_ROW("negrep_ok", NEG_REPLY, 16, -1, 0, 0, 0),
	ICC_ROW("negrep_cut", NEG_REPLY, 15, -1, 0, 0, -EPROTO),
	ICC_ROW("negrep_none_found", NEG_REPLY, 16, ICC_NEG_F, 4, 0,
		-EPROTONOSUPPORT),
	ICC_ROW("negrep_two_fw", NEG_REPLY, 16, ICC_NEG_F, 2, 2, -EPROTO),
	ICC_ROW("negrep_no_msg", NEG_REPLY, 16, ICC_NEG_M, 2, 0, -EPROTO),
	ICC_ROW("negrep_count_101", NEG_REPLY, 16, ICC_NEG_M, 2, 101,
		-EPROTO),
	/* Heartbeat: the sequence number must be there. */
	ICC_ROW("hb_empty", HEARTBEAT, 0, -1, 0, 0, -EPROTO),
	ICC_ROW("hb_seq_cut", HEARTBEAT, IC_HEARTBEAT_MIN_SIZE - 1, -1, 0, 0,
		-EPROTO),
	ICC_ROW("hb_seq_only", HEARTBEAT, IC_HEARTBEAT_MIN_SIZE, -1, 0, 0, 0),
	ICC_ROW("hb_full", HEARTBEAT, sizeof(struct ic_heartbeat), -1, 0, 0, 0),
	/* Shutdown: the whole body, then the flags. */
	ICC_ROW("sd_empty", SHUTDOWN, 0, -1, 0, 0, -EPROTO),
	ICC_ROW("sd_message_cut", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE - 1, -1, 0, 0,
		-EPROTO),
	ICC_ROW("sd_poweroff", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE, ICC_SD_FLAGS, 4,
		0, 0),
	ICC_ROW("sd_poweroff_force", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE,
		ICC_SD_FLAGS, 4, 1, 0),
	ICC_ROW("sd_reboot", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE, ICC_SD_FLAGS, 4,
		2, 0),
	ICC_ROW("sd_reboot_force", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE,
		ICC_SD_FLAGS, 4, 3, 0),
	ICC_ROW("sd_hibernate", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE, ICC_SD_FLAGS,
		4, 4, 0),
	ICC_ROW("sd_hibernate_force", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE,
		ICC_SD_FLAGS, 4, 5, 0),
	ICC_ROW("sd_reboot_and_hibernate", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE,
		ICC_SD_FLAGS, 4, 6, -ERANGE),
	ICC_ROW("sd_unknown_bit3", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE,
		ICC_SD_FLAGS, 4, 8, -ERANGE),
	ICC_ROW("sd_unknown_bit31", SHUTDOWN, IC_SHUTDOWN_MIN_SIZE,
		ICC_SD_FLAGS, 4, 0x80000000, -ERANGE),
	/* Time sync: the layout follows the version, then the time range. */
	ICC_TS("ts3_empty", IC_TS_VER_3_0, 0, -1, 0, -EPROTO),
	ICC_TS("ts3_flags_cut", IC_TS_VER_3_0, IC_TIMESYNC_MIN_SIZE - 1, -1, 0,
	       -EPROTO),
	ICC_TS("ts3_min", IC_TS_VER_3_0, IC_TIMESYNC_MIN_SIZE, -1, 0, 0),
	ICC_TS("ts1_v4_size_is_short", IC_TS_VER_1_0, IC_TIMESYNC4_MIN_SIZE, -1,
	       0, -EPROTO),
	ICC_TS("ts4_empty", IC_TS_VER_4_0, 0, -1, 0, -EPROTO),
	ICC_TS("ts4_stratum_cut", IC_TS_VER_4_0, IC_TIMESYNC4_MIN_SIZE - 1, -1,
	       0, -EPROTO),
	ICC_TS("ts4_min", IC_TS_VER_4_0, IC_TIMESYNC4_MIN_SIZE, -1, 0, 0),
	ICC_TS("ts4_full", IC_TS_VER_4_0, sizeof(struct ic_timesync4), -1, 0,
	       0),
	ICC_TS("ts3_time_zero", IC_TS_VER_3_0, IC_TIMESYNC_MIN_SIZE,
	       ICC_TS_TIME, 0, -ERANGE),
	ICC_TS("ts3_time_before_1970", IC_TS_VER_3_0, IC_TIMESYNC_MIN_SIZE,
	       ICC_TS_TIME, IC_TS_EPOCH_DELTA - 1, -ERANGE),
	ICC_TS("ts3_time_1970", IC_TS_VER_3_0, IC_TIMESYNC_MIN_SIZE,
	       ICC_TS_TIME, IC_TS_EPOCH_DELTA, 0),
	ICC_TS("ts4_time_max", IC_TS_VER_4_0, IC_TIMESYNC4_MIN_SIZE,
	       ICC_TS4_TIME, ~0ULL, -ERANGE),
	ICC_TS("ts4_time_last_ns_fit", IC_TS_VER_4_0, IC_TIMESYNC4_MIN_SIZE,
	       ICC_TS4_TIME, IC_TS_EPOCH_DELTA + ~0ULL / 100, 0),
	ICC_TS("ts4_time_first_ns_overflow", IC_TS_VER_4_0,
	       IC_TIMESYNC4_MIN_SIZE, ICC_TS4_TIME,
	       IC_TS_EPOCH_DELTA + ~0ULL / 100 + 1, -ERANGE),
	/* Replies as the host checks them. */
	ICC_ROW("reply_ok", REPLY_HDR, IC_HDR_SIZE + 16, -1, 0, 0, 0),
	ICC_ROW("reply_request_flags", REPLY_HDR, IC_HDR_SIZE + 16,
		ICC_HDR_FLAGS, 1, IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
		-EPROTONOSUPPORT),
	ICC_ROW("reply_no_transaction_flag", REPLY_HDR, IC_HDR_SIZE + 16,
		ICC_HDR_FLAGS, 1, IC_FLAG_RESPONSE, -EPROTONOSUPPORT),
	ICC_ROW("reply_size_overruns", REPLY_HDR, IC_HDR_SIZE + 16,
		ICC_HDR_SIZE, 2, 17, -EPROTO),
	ICC_ROW("reply_cut_header", REPLY_HDR, IC_HDR_SIZE - 1, -1, 0, 0,
		-EPROTO),
};

#undef ICC_ROW
#undef ICC_TS

/* Write @size bytes of @v little-endian at @p. */
static inline void ic_case_put(u8 *p, u8 size, u64 v)
{
	u8 i;

	for (i = 0; i < size; i++)
		p[i] = (u8)(v >> (8 * i));
}

/*
 * Fill @buf (IC_CASE_BUF_SIZE bytes) with the row's template, then its
 * overwrite.
 */
static inline void ic_case_build(const struct ic_case *c, u8 *buf)
{
	static const u32 fw[] = { IC_FW_VER_1_0, IC_FW_VER_3_0 };
	static const u32 msg[] = { IC_HB_VER_1_0, IC_HB_VER_3_0 };
	struct ic_timesync_info ts = {
		.parent_time = ICC_TIME_2024,
		.flags = IC_TS_FLAG_SYNC,
	};
	struct ic_msg_info h = {
		.fw_ver = IC_FW_VER_3_0,
		.msg_ver = IC_HB_VER_3_0,
		.type = IC_MSG_HEARTBEAT,
		.flags = IC_FLAGS_REPLY,
	};

	memset(buf, 0, IC_CASE_BUF_SIZE);
	switch (c->parser) {
	case IC_CASE_HDR:
	case IC_CASE_REPLY_HDR:
		ic_msg_build(buf, IC_CASE_BUF_SIZE, &h, 16);
		break;
	case IC_CASE_NEGOTIATE:
		ic_negotiate_build(buf, IC_CASE_BUF_SIZE, fw, 2, msg, 2);
		break;
	case IC_CASE_NEG_REPLY:
		ic_negotiate_build_reply(buf, IC_CASE_BUF_SIZE, true,
					 IC_FW_VER_3_0, IC_HB_VER_3_0);
		break;
	case IC_CASE_HEARTBEAT:
		ic_heartbeat_build(buf, IC_CASE_BUF_SIZE, 41);
		break;
	case IC_CASE_SHUTDOWN:
		ic_shutdown_build(buf, IC_CASE_BUF_SIZE, 0x80000000, 30, 0);
		break;
	case IC_CASE_TIMESYNC:
		ic_timesync_build(buf, IC_CASE_BUF_SIZE, c->ver, &ts);
		break;
	}
	if (c->off >= 0)
		ic_case_put(buf + c->off, c->size, c->val);
}

/* Run the row's parser on @buf (at least c->len bytes). */
static inline int ic_case_run(const struct ic_case *c, const u8 *buf)
{
	struct ic_negotiate_info neg;
	struct ic_timesync_info ts;
	struct ic_shutdown_info sd;
	struct ic_msg_info info;
	u32 fw, msg;
	u64 seq;
	int ret;

	switch (c->parser) {
	case IC_CASE_HDR:
		return ic_msg_parse(buf, c->len, &info);
	case IC_CASE_REPLY_HDR:
		ret = ic_msg_parse(buf, c->len, &info);
		return ret ? ret : ic_msg_check_reply(&info);
	case IC_CASE_NEGOTIATE:
		return ic_negotiate_parse(buf, c->len, &neg);
	case IC_CASE_NEG_REPLY:
		return ic_negotiate_parse_reply(buf, c->len, &fw, &msg);
	case IC_CASE_HEARTBEAT:
		return ic_heartbeat_parse(buf, c->len, &seq);
	case IC_CASE_SHUTDOWN:
		return ic_shutdown_parse(buf, c->len, &sd);
	case IC_CASE_TIMESYNC:
		return ic_timesync_parse(buf, c->len, c->ver, &ts);
	}
	return -EINVAL;
}

#endif /* _LUMEN_TESTS_IC_CASES_H */
