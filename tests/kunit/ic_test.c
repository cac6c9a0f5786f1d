// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite lumen_ic_msg: the pure IC framing, negotiation and service
 * body code (lib/ic_msg.c) in kernel context. The shared case table
 * (ic_cases.h) runs row by row with the exact errno, each parse on a
 * kmalloc'd copy of exactly the row's length so KASAN reports a read past
 * it; then version choice, replies built in place, the host-side builders
 * against the guest parsers and the exact time conversion. This module
 * carries its own copy of the code and exports nothing.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../lib/ic_msg.c"
#include "ic_cases.h"

static void ic_case_desc(const struct ic_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ic_case, ic_cases, ic_case_desc);

static void ic_parse_case_table(struct kunit *test)
{
	const struct ic_case *c = test->param_value;
	u8 *buf, *copy;

	buf = kunit_kzalloc(test, IC_CASE_BUF_SIZE, GFP_KERNEL);
	copy = kunit_kmalloc(test, c->len ? c->len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, copy);
	ic_case_build(c, buf);
	memcpy(copy, buf, c->len);
	KUNIT_EXPECT_EQ(test, ic_case_run(c, copy), c->err);
}

/* Host lists and guest lists of the protocol, as u32 arrays. */
static const u32 ic_fw_guest[] = IC_FW_VERSIONS;
static const u32 ic_ts_guest[] = IC_TS_MSG_VERSIONS;
static const u32 ic_sd_guest[] = IC_SD_MSG_VERSIONS;

/* Parse a NEGOTIATE body built from @fw and @msg. */
static void ic_neg_from(struct kunit *test, u8 *buf, size_t cap,
			const u32 *fw, unsigned int nfw, const u32 *msg,
			unsigned int nmsg, struct ic_negotiate_info *neg)
{
	int len = ic_negotiate_build(buf, cap, fw, nfw, msg, nmsg);

	KUNIT_ASSERT_GT(test, len, 0);
	KUNIT_ASSERT_EQ(test, ic_negotiate_parse(buf, len, neg), 0);
}

static void ic_negotiate_pick_newest_common(struct kunit *test)
{
	static const u32 host_fw[] = { IC_FW_VER_1_0, IC_FW_VER_3_0 };
	static const u32 host_ts[] = {
		IC_TS_VER_1_0, IC_TS_VER_3_0, IC_TS_VER_4_0
	};
	struct ic_negotiate_info neg;
	u32 fw = 0, msg = 0;
	u8 buf[64];

	ic_neg_from(test, buf, sizeof(buf), host_fw, 2, host_ts, 3, &neg);
	KUNIT_EXPECT_EQ(test, ic_negotiate_version(&neg, 0), IC_FW_VER_1_0);
	KUNIT_EXPECT_EQ(test, ic_negotiate_version(&neg, 4), IC_TS_VER_4_0);
	KUNIT_EXPECT_EQ(test, ic_negotiate_version(&neg, 5), 0);
	KUNIT_ASSERT_EQ(test, ic_negotiate_pick(&neg, ic_fw_guest,
						ARRAY_SIZE(ic_fw_guest),
						ic_ts_guest,
						ARRAY_SIZE(ic_ts_guest), &fw,
						&msg), 0);
	KUNIT_EXPECT_EQ(test, fw, IC_FW_VER_3_0);
	KUNIT_EXPECT_EQ(test, msg, IC_TS_VER_4_0);
}

static void ic_negotiate_pick_older_host(struct kunit *test)
{
	static const u32 host_fw[] = { IC_FW_VER_1_0 };
	static const u32 host_sd[] = { IC_SD_VER_1_0, IC_SD_VER_3_0 };
	struct ic_negotiate_info neg;
	u32 fw = 0, msg = 0;
	u8 buf[64];

	ic_neg_from(test, buf, sizeof(buf), host_fw, 1, host_sd, 2, &neg);
	KUNIT_ASSERT_EQ(test, ic_negotiate_pick(&neg, ic_fw_guest,
						ARRAY_SIZE(ic_fw_guest),
						ic_sd_guest,
						ARRAY_SIZE(ic_sd_guest), &fw,
						&msg), 0);
	KUNIT_EXPECT_EQ(test, fw, IC_FW_VER_1_0);
	KUNIT_EXPECT_EQ(test, msg, IC_SD_VER_3_0);
}

/* Only exact matches count: 3.1 offered is not 3.0 wanted. */
static void ic_negotiate_pick_needs_exact_match(struct kunit *test)
{
	static const u32 host_fw[] = { IC_VER(3, 1), IC_VER(2, 0) };
	static const u32 host_ts[] = { IC_TS_VER_4_0 };
	static const u32 host_ts_odd[] = { IC_VER(4, 1), IC_VER(5, 0) };
	struct ic_negotiate_info neg;
	u32 fw = 7, msg = 7;
	u8 buf[64];

	ic_neg_from(test, buf, sizeof(buf), host_fw, 2, host_ts, 1, &neg);
	KUNIT_EXPECT_EQ(test, ic_negotiate_pick(&neg, ic_fw_guest,
						ARRAY_SIZE(ic_fw_guest),
						ic_ts_guest,
						ARRAY_SIZE(ic_ts_guest), &fw,
						&msg), -EPROTONOSUPPORT);
	ic_neg_from(test, buf, sizeof(buf), ic_fw_guest, 2, host_ts_odd, 2,
		    &neg);
	KUNIT_EXPECT_EQ(test, ic_negotiate_pick(&neg, ic_fw_guest,
						ARRAY_SIZE(ic_fw_guest),
						ic_ts_guest,
						ARRAY_SIZE(ic_ts_guest), &fw,
						&msg), -EPROTONOSUPPORT);
	/* Left alone on failure. */
	KUNIT_EXPECT_EQ(test, fw, 7);
	KUNIT_EXPECT_EQ(test, msg, 7);
}

/* A framework version in the message list does not count, and back. */
static void ic_negotiate_pick_lists_kept_apart(struct kunit *test)
{
	static const u32 host_fw[] = { IC_VER(9, 0) };
	static const u32 host_msg[] = { IC_FW_VER_3_0, IC_VER(9, 0) };
	struct ic_negotiate_info neg;
	u32 fw, msg;
	u8 buf[64];

	ic_neg_from(test, buf, sizeof(buf), host_fw, 1, host_msg, 2, &neg);
	KUNIT_EXPECT_EQ(test, ic_negotiate_pick(&neg, ic_fw_guest,
						ARRAY_SIZE(ic_fw_guest),
						ic_ts_guest,
						ARRAY_SIZE(ic_ts_guest), &fw,
						&msg), -EPROTONOSUPPORT);
}

/* The answer written in place and read back as the host reads it. */
static void ic_negotiate_reply_round_trip(struct kunit *test)
{
	u8 buf[IC_NEGOTIATE_REPLY_SIZE];
	u32 fw = 0, msg = 0;

	KUNIT_EXPECT_EQ(test, ic_negotiate_build_reply(buf, sizeof(buf) - 1,
						       true, 1, 1), -EMSGSIZE);
	KUNIT_ASSERT_EQ(test, ic_negotiate_build_reply(buf, sizeof(buf), true,
						       IC_FW_VER_3_0,
						       IC_TS_VER_4_0),
			IC_NEGOTIATE_REPLY_SIZE);
	/* F = 1, M = 1, then 3.0 and 4.0 as major, minor pairs. */
	KUNIT_EXPECT_EQ(test, buf[0], 1);
	KUNIT_EXPECT_EQ(test, buf[2], 1);
	KUNIT_EXPECT_EQ(test, buf[8], 3);
	KUNIT_EXPECT_EQ(test, buf[10], 0);
	KUNIT_EXPECT_EQ(test, buf[12], 4);
	KUNIT_ASSERT_EQ(test, ic_negotiate_parse_reply(buf, sizeof(buf), &fw,
						       &msg), 0);
	KUNIT_EXPECT_EQ(test, fw, IC_FW_VER_3_0);
	KUNIT_EXPECT_EQ(test, msg, IC_TS_VER_4_0);
	ic_negotiate_build_reply(buf, sizeof(buf), false, 0, 0);
	KUNIT_EXPECT_EQ(test, ic_negotiate_parse_reply(buf, sizeof(buf), &fw,
						       &msg),
			-EPROTONOSUPPORT);
}

/* A request turned into its reply: only status, sizes and flags change. */
static void ic_msg_set_reply_in_place(struct kunit *test)
{
	struct ic_msg_info h = {
		.fw_ver = IC_FW_VER_3_0,
		.msg_ver = IC_HB_VER_3_0,
		.type = IC_MSG_HEARTBEAT,
		.trans_id = 9,
		.flags = IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
	};
	struct ic_msg_info got;
	u8 pkt[IC_HDR_SIZE + 16], before[IC_HDR_SIZE + 16];

	KUNIT_ASSERT_EQ(test, ic_msg_build(pkt, sizeof(pkt), &h, 16),
			IC_HDR_SIZE + 16);
	/* Pipe header: data, 20 + 16 bytes follow it. */
	KUNIT_EXPECT_EQ(test, pkt[0], IC_PIPE_TYPE_DATA);
	KUNIT_EXPECT_EQ(test, pkt[4], 36);
	memcpy(before, pkt, sizeof(pkt));
	ic_msg_set_reply(pkt, IC_STATUS_FAIL, 8);
	KUNIT_ASSERT_EQ(test, ic_msg_parse(pkt, IC_HDR_SIZE + 8, &got), 0);
	KUNIT_EXPECT_EQ(test, got.status, IC_STATUS_FAIL);
	KUNIT_EXPECT_EQ(test, got.flags, IC_FLAGS_REPLY);
	KUNIT_EXPECT_EQ(test, got.msg_size, 8);
	KUNIT_EXPECT_EQ(test, got.trans_id, 9);
	KUNIT_EXPECT_EQ(test, got.type, IC_MSG_HEARTBEAT);
	KUNIT_EXPECT_EQ(test, got.fw_ver, IC_FW_VER_3_0);
	KUNIT_EXPECT_EQ(test, got.msg_ver, IC_HB_VER_3_0);
	KUNIT_EXPECT_EQ(test, ic_msg_check_reply(&got), 0);
	KUNIT_EXPECT_EQ(test, pkt[4], 28);
	/* Versions, type and reserved bytes untouched. */
	KUNIT_EXPECT_MEMEQ(test, pkt + 8, before + 8, 10);
	KUNIT_EXPECT_MEMEQ(test, pkt + 24, before + 24, 1);
	KUNIT_EXPECT_MEMEQ(test, pkt + 26, before + 26, 2);
	KUNIT_EXPECT_EQ(test, ic_msg_build(pkt, sizeof(pkt), &h, 17),
			-EMSGSIZE);
}

static void ic_heartbeat_seq_round_trip(struct kunit *test)
{
	u8 body[sizeof(struct ic_heartbeat)];
	u64 seq = 0;

	KUNIT_ASSERT_EQ(test, ic_heartbeat_build(body, sizeof(body),
						 0x0123456789abcdefULL),
			(int)sizeof(body));
	KUNIT_EXPECT_EQ(test, body[0], 0xef);
	KUNIT_EXPECT_EQ(test, body[7], 0x01);
	KUNIT_ASSERT_EQ(test, ic_heartbeat_parse(body, 8, &seq), 0);
	KUNIT_EXPECT_EQ(test, seq, 0x0123456789abcdefULL);
	ic_heartbeat_set_seq(body, seq + 1);
	KUNIT_ASSERT_EQ(test, ic_heartbeat_parse(body, 8, &seq), 0);
	KUNIT_EXPECT_EQ(test, seq, 0x0123456789abcdf0ULL);
	KUNIT_EXPECT_EQ(test, ic_heartbeat_build(body, 15, 1), -EMSGSIZE);
}

static void ic_shutdown_actions(struct kunit *test)
{
	struct ic_shutdown_info sd;
	u8 *body = kunit_kzalloc(test, IC_SHUTDOWN_MIN_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, body);
	ic_shutdown_build(body, IC_SHUTDOWN_MIN_SIZE, 0x80000000, 30,
			  IC_SHUTDOWN_RESTART | IC_SHUTDOWN_FORCE);
	KUNIT_ASSERT_EQ(test, ic_shutdown_parse(body, IC_SHUTDOWN_MIN_SIZE,
						&sd), 0);
	KUNIT_EXPECT_EQ(test, sd.reason, 0x80000000);
	KUNIT_EXPECT_EQ(test, sd.timeout_sec, 30);
	KUNIT_EXPECT_TRUE(test, sd.force);
	KUNIT_EXPECT_EQ(test, sd.action, IC_SHUTDOWN_ACT_REBOOT);
	ic_shutdown_build(body, IC_SHUTDOWN_MIN_SIZE, 0, 0, 0);
	KUNIT_ASSERT_EQ(test, ic_shutdown_parse(body, IC_SHUTDOWN_MIN_SIZE,
						&sd), 0);
	KUNIT_EXPECT_FALSE(test, sd.force);
	KUNIT_EXPECT_EQ(test, sd.action, IC_SHUTDOWN_ACT_POWEROFF);
	ic_shutdown_build(body, IC_SHUTDOWN_MIN_SIZE, 0, 0,
			  IC_SHUTDOWN_HIBERNATE);
	KUNIT_ASSERT_EQ(test, ic_shutdown_parse(body, IC_SHUTDOWN_MIN_SIZE,
						&sd), 0);
	KUNIT_EXPECT_EQ(test, sd.action, IC_SHUTDOWN_ACT_HIBERNATE);
}

/* Both layouts, built by the host code and read by the guest code. */
static void ic_timesync_layouts(struct kunit *test)
{
	struct ic_timesync_info in = {
		.parent_time = ICC_TIME_2024 + 1234567,
		.ref_time = 0x1122334455667788ULL,
		.round_trip = 77,
		.flags = IC_TS_FLAG_SAMPLE,
		.leap = 1,
		.stratum = 2,
	};
	struct ic_timesync_info out;
	u8 body[32];

	KUNIT_ASSERT_EQ(test, ic_timesync_build(body, sizeof(body),
						IC_TS_VER_4_0, &in), 24);
	/* Flags at byte 16 from 4.0 on. */
	KUNIT_EXPECT_EQ(test, body[16], IC_TS_FLAG_SAMPLE);
	KUNIT_ASSERT_EQ(test, ic_timesync_parse(body, 24, IC_TS_VER_4_0, &out),
			0);
	KUNIT_EXPECT_TRUE(test, out.v4);
	KUNIT_EXPECT_EQ(test, out.parent_time, in.parent_time);
	KUNIT_EXPECT_EQ(test, out.ref_time, in.ref_time);
	KUNIT_EXPECT_EQ(test, out.flags, IC_TS_FLAG_SAMPLE);
	KUNIT_EXPECT_EQ(test, out.leap, 1);
	KUNIT_EXPECT_EQ(test, out.stratum, 2);
	KUNIT_EXPECT_EQ(test, out.round_trip, 0);

	KUNIT_ASSERT_EQ(test, ic_timesync_build(body, sizeof(body),
						IC_TS_VER_3_0, &in), 28);
	/* Flags at byte 24 before 4.0. */
	KUNIT_EXPECT_EQ(test, body[24], IC_TS_FLAG_SAMPLE);
	KUNIT_ASSERT_EQ(test, ic_timesync_parse(body, 28, IC_TS_VER_3_0, &out),
			0);
	KUNIT_EXPECT_FALSE(test, out.v4);
	KUNIT_EXPECT_EQ(test, out.parent_time, in.parent_time);
	KUNIT_EXPECT_EQ(test, out.round_trip, 77);
	KUNIT_EXPECT_EQ(test, out.ref_time, 0);
	KUNIT_EXPECT_EQ(test, ic_timesync_build(body, 27, IC_TS_VER_3_0, &in),
			-EMSGSIZE);
}

/* 100 ns units since 1601 to Unix time: exact, both ways. */
static void ic_time_conversion_exact(struct kunit *test)
{
	u64 sec = 1, hv;
	u32 nsec = 1;

	KUNIT_ASSERT_EQ(test, ic_time_to_unix(IC_TS_EPOCH_DELTA, &sec, &nsec),
			0);
	KUNIT_EXPECT_EQ(test, sec, 0);
	KUNIT_EXPECT_EQ(test, nsec, 0);
	KUNIT_ASSERT_EQ(test, ic_time_to_unix(IC_TS_EPOCH_DELTA + 1, &sec,
					      &nsec), 0);
	KUNIT_EXPECT_EQ(test, sec, 0);
	KUNIT_EXPECT_EQ(test, nsec, 100);
	/* 2024-01-01 00:00:00.9999999 UTC */
	KUNIT_ASSERT_EQ(test, ic_time_to_unix(ICC_TIME_2024 + 9999999, &sec,
					      &nsec), 0);
	KUNIT_EXPECT_EQ(test, sec, 1704067200);
	KUNIT_EXPECT_EQ(test, nsec, 999999900);
	KUNIT_EXPECT_EQ(test, ic_time_to_unix(IC_TS_EPOCH_DELTA - 1, &sec,
					      &nsec), -ERANGE);
	KUNIT_EXPECT_EQ(test, ic_time_to_unix(U64_MAX, &sec, &nsec), -ERANGE);

	hv = ic_time_from_unix_ns(1704067200ULL * 1000000000ULL + 999999999);
	KUNIT_EXPECT_EQ(test, hv, ICC_TIME_2024 + 9999999);
	KUNIT_EXPECT_EQ(test, ic_time_from_unix_ns(0), IC_TS_EPOCH_DELTA);
	KUNIT_EXPECT_EQ(test, ic_time_from_unix_ns(U64_MAX),
			IC_TS_EPOCH_DELTA + U64_MAX / 100);
}

static struct kunit_case ic_msg_test_cases[] = {
	KUNIT_CASE_PARAM(ic_parse_case_table, ic_case_gen_params),
	KUNIT_CASE(ic_negotiate_pick_newest_common),
	KUNIT_CASE(ic_negotiate_pick_older_host),
	KUNIT_CASE(ic_negotiate_pick_needs_exact_match),
	KUNIT_CASE(ic_negotiate_pick_lists_kept_apart),
	KUNIT_CASE(ic_negotiate_reply_round_trip),
	KUNIT_CASE(ic_msg_set_reply_in_place),
	KUNIT_CASE(ic_heartbeat_seq_round_trip),
	KUNIT_CASE(ic_shutdown_actions),
	KUNIT_CASE(ic_timesync_layouts),
	KUNIT_CASE(ic_time_conversion_exact),
	{}
};

static struct kunit_suite ic_msg_test_suite = {
	.name = "lumen_ic_msg",
	.test_cases = ic_msg_test_cases,
};

kunit_test_suite(ic_msg_test_suite);

MODULE_DESCRIPTION("KUnit tests for the Lumen IC message code");
MODULE_LICENSE("GPL");
