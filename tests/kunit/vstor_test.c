// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite lumen_storvsc_vstor: the VSTOR packet builders and parsers
 * and the completion-to-midlayer mapping (lib/vstor_msg.c) in
 * kernel context. Named tables (tests/kunit/vstor_cases.h, shared with the
 * userspace tests) of host packets and SRB completions assert the exact
 * errno of each row; a second table asserts the result, residual, action
 * and sense length of each completion. Builders are checked field by
 * field in both layouts, and a built request goes round trip through a
 * completion made of it by hand, as a host answers.
 *
 * The module carries its own copy of the pure code and exports nothing.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <scsi/scsi.h>

#include "../../lib/vstor_msg.c"
#include "vstor_cases.h"

static void vstor_pkt_case_desc(const struct vstor_pkt_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vstor_pkt_case, vstor_pkt_cases, vstor_pkt_case_desc);

static void vstor_msg_parse_case_table(struct kunit *test)
{
	const struct vstor_pkt_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, vstor_case_run(c), c->err);
}

static void vstor_map_case_desc(const struct vstor_map_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vstor_map_case, vstor_map_cases, vstor_map_case_desc);

static void vstor_msg_map_result_table(struct kunit *test)
{
	const struct vstor_map_case *c = test->param_value;
	struct vstor_srb_result res;
	struct vstor_verdict v;

	vstor_map_case_res(c, &res);
	vstor_msg_map_result(&res, c->opcode, c->req, &v);
	KUNIT_EXPECT_EQ(test, v.result, c->result);
	KUNIT_EXPECT_EQ(test, v.resid, c->resid);
	KUNIT_EXPECT_EQ(test, v.action, c->action);
	KUNIT_EXPECT_EQ(test, v.sense_len, c->sense_len);
}

/* The pure mapping's host bytes are the kernel's. */
static void vstor_msg_host_bytes_match_kernel(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, VSTOR_HOST_OK, DID_OK);
	KUNIT_EXPECT_EQ(test, VSTOR_HOST_NO_CONNECT, DID_NO_CONNECT);
	KUNIT_EXPECT_EQ(test, VSTOR_HOST_BUS_BUSY, DID_BUS_BUSY);
	KUNIT_EXPECT_EQ(test, VSTOR_HOST_BAD_TARGET, DID_BAD_TARGET);
	KUNIT_EXPECT_EQ(test, VSTOR_HOST_ERROR, DID_ERROR);
	KUNIT_EXPECT_EQ(test, VSTOR_HOST_REQUEUE, DID_REQUEUE);
}

static void vstor_msg_versions_newest_first(struct kunit *test)
{
	static const u16 want[] = { 0x0602, 0x0600, 0x0501, 0x0402, 0x0200 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(want); i++) {
		KUNIT_EXPECT_EQ(test, vstor_msg_version(i), want[i]);
		KUNIT_EXPECT_TRUE(test, vstor_msg_version_known(want[i]));
	}
	KUNIT_EXPECT_EQ(test, vstor_msg_version(5), 0);
	KUNIT_EXPECT_FALSE(test, vstor_msg_version_known(0));
	KUNIT_EXPECT_FALSE(test, vstor_msg_version_known(0x0601));
	KUNIT_EXPECT_FALSE(test, vstor_msg_version_known(0x0300));
}

static void vstor_msg_size_delta_pre_win8(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vstor_msg_size_delta(0), 0);
	KUNIT_EXPECT_EQ(test, vstor_msg_size_delta(VSTOR_VERSION_2_0), 16);
	KUNIT_EXPECT_EQ(test, vstor_msg_size_delta(VSTOR_VERSION_4_2), 16);
	KUNIT_EXPECT_EQ(test, vstor_msg_size_delta(VSTOR_VERSION_5_1), 0);
	KUNIT_EXPECT_EQ(test, vstor_msg_pkt_size(0), 64);
	KUNIT_EXPECT_EQ(test, vstor_msg_pkt_size(VSTOR_VERSION_4_2), 48);
	KUNIT_EXPECT_EQ(test, vstor_msg_pkt_size(VSTOR_VERSION_6_2), 64);
	KUNIT_EXPECT_EQ(test, vstor_msg_sense_size(VSTOR_VERSION_2_0), 18);
	KUNIT_EXPECT_EQ(test, vstor_msg_sense_size(VSTOR_VERSION_6_0), 20);
}

static void vstor_msg_build_init_packets_full_size(struct kunit *test)
{
	static const u32 ops[] = {
		VSTOR_OP_BEGIN_INIT, VSTOR_OP_END_INIT,
		VSTOR_OP_QUERY_PROPERTIES, VSTOR_OP_RESET_BUS,
		VSTOR_OP_RESET_LUN, VSTOR_OP_RESET_ADAPTER,
	};
	struct vstor_pkt pkt;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		memset(&pkt, 0xaa, sizeof(pkt));
		KUNIT_EXPECT_EQ(test, vstor_msg_build_simple(&pkt, ops[i]), 64);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.operation), ops[i]);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.flags),
				VSTOR_PKT_FLAG_COMPLETION);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.status), 0);
		KUNIT_EXPECT_TRUE(test, !memchr_inv(pkt.raw, 0,
						    sizeof(pkt.raw)));
	}
	KUNIT_EXPECT_EQ(test, vstor_msg_build_simple(&pkt, VSTOR_OP_EXECUTE_SRB),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, vstor_msg_build_simple(&pkt, 0), -EINVAL);

	KUNIT_EXPECT_EQ(test, vstor_msg_build_query_version(&pkt, 0x0600), 64);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.operation),
			VSTOR_OP_QUERY_VERSION);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(pkt.version.major_minor), 0x0600);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(pkt.version.revision), 0);
	KUNIT_EXPECT_EQ(test, vstor_msg_build_query_version(&pkt, 0x0700),
			-EPROTONOSUPPORT);

	KUNIT_EXPECT_EQ(test, vstor_msg_build_sub_channels(&pkt, 3), 64);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(pkt.sub_channel_count), 3);
	KUNIT_EXPECT_EQ(test, vstor_msg_build_sub_channels(&pkt, 0), -EINVAL);
}

static const struct vstor_srb_desc vstor_t_read10 = {
	.port = 3, .path_id = 0, .target_id = 1, .lun = 7, .cdb_len = 10,
	.data_dir = VSTOR_DIR_READ, .xfer_len = 65536, .timeout_sec = 60,
	.tagged = true,
	.cdb = { 0x28, 0, 0, 0, 0x10, 0, 0, 0, 0x80, 0 },
};

static void vstor_msg_build_srb_win8(struct kunit *test)
{
	struct vstor_pkt pkt;

	KUNIT_ASSERT_EQ(test, vstor_msg_build_srb(&pkt, VSTOR_VERSION_6_2,
						  &vstor_t_read10), 64);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.operation), VSTOR_OP_EXECUTE_SRB);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.flags), VSTOR_PKT_FLAG_COMPLETION);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(pkt.srb.length), 52);
	KUNIT_EXPECT_EQ(test, pkt.srb.port, 3);
	KUNIT_EXPECT_EQ(test, pkt.srb.target_id, 1);
	KUNIT_EXPECT_EQ(test, pkt.srb.lun, 7);
	KUNIT_EXPECT_EQ(test, pkt.srb.cdb_length, 10);
	KUNIT_EXPECT_EQ(test, pkt.srb.sense_len, 20);
	KUNIT_EXPECT_EQ(test, pkt.srb.data_dir, VSTOR_DIR_READ);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.srb.xfer_len), 65536);
	KUNIT_EXPECT_EQ(test, pkt.srb.cdb[0], 0x28);
	KUNIT_EXPECT_EQ(test, pkt.srb.cdb[8], 0x80);
	KUNIT_EXPECT_EQ(test, pkt.srb.queue_tag, VSTOR_QUEUE_TAG_UNTAGGED);
	KUNIT_EXPECT_EQ(test, pkt.srb.queue_action, VSTOR_QUEUE_ACTION_SIMPLE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.srb.srb_flags),
			VSTOR_SRB_FLAG_DATA_IN |
			VSTOR_SRB_FLAG_DISABLE_SYNC_XFER |
			VSTOR_SRB_FLAG_QUEUE_ACTION_ENABLE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.srb.timeout_sec), 60);
}

static void vstor_msg_build_srb_pre_win8(struct kunit *test)
{
	struct vstor_pkt pkt;

	KUNIT_ASSERT_EQ(test, vstor_msg_build_srb(&pkt, VSTOR_VERSION_4_2,
						  &vstor_t_read10), 48);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(pkt.srb.length), 36);
	KUNIT_EXPECT_EQ(test, pkt.srb.sense_len, 18);
	/* The win8 extension stays zero. */
	KUNIT_EXPECT_TRUE(test, !memchr_inv((u8 *)&pkt + 48, 0, 16));
}

static void vstor_msg_build_srb_rejects(struct kunit *test)
{
	struct vstor_srb_desc d = vstor_t_read10;
	struct vstor_pkt pkt;

	KUNIT_EXPECT_EQ(test, vstor_msg_build_srb(&pkt, 0, &d),
			-EPROTONOSUPPORT);
	d.cdb_len = 0;
	KUNIT_EXPECT_EQ(test, vstor_msg_build_srb(&pkt, 0x0602, &d), -EINVAL);
	d.cdb_len = 17;
	KUNIT_EXPECT_EQ(test, vstor_msg_build_srb(&pkt, 0x0602, &d), -EINVAL);
	d.cdb_len = 10;
	d.data_dir = VSTOR_DIR_NONE;
	KUNIT_EXPECT_EQ(test, vstor_msg_build_srb(&pkt, 0x0602, &d), -EINVAL);
	d.data_dir = VSTOR_DIR_WRITE;
	d.xfer_len = 0;
	KUNIT_EXPECT_EQ(test, vstor_msg_build_srb(&pkt, 0x0602, &d), -EINVAL);
	d.data_dir = 3;
	KUNIT_EXPECT_EQ(test, vstor_msg_build_srb(&pkt, 0x0602, &d), -EINVAL);
	d.data_dir = VSTOR_DIR_NONE;
	KUNIT_EXPECT_EQ(test, vstor_msg_build_srb(&pkt, 0x0602, &d), 64);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt.srb.srb_flags) &
			(VSTOR_SRB_FLAG_DATA_IN | VSTOR_SRB_FLAG_DATA_OUT), 0);
}

static void vstor_msg_sub_channel_count_rule(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vstor_msg_sub_channel_count(1, 8, 0), 0);
	KUNIT_EXPECT_EQ(test, vstor_msg_sub_channel_count(2, 8, 0), 1);
	KUNIT_EXPECT_EQ(test, vstor_msg_sub_channel_count(16, 8, 0), 8);
	KUNIT_EXPECT_EQ(test, vstor_msg_sub_channel_count(16, 8, 3), 3);
	KUNIT_EXPECT_EQ(test, vstor_msg_sub_channel_count(0, 8, 0), 0);
	KUNIT_EXPECT_EQ(test, vstor_msg_sub_channel_count(64, 0, 0), 0);
}

/*
 * Guest request -> the completion a host makes of it, built here by hand
 * (the request echoed with operation COMPLETE_IO and the reply fields
 * filled) -> guest parse and mapping.
 */
static void vstor_msg_round_trip(struct kunit *test)
{
	struct vstor_chan_props props = {
		.max_sub_channels = cpu_to_le16(7),
		.flags = cpu_to_le32(VSTOR_CHAN_PROP_MULTI_CHANNEL),
		.max_transfer_bytes = cpu_to_le32(0x40000),
	};
	struct vstor_pkt req, reply, got;
	struct vstor_srb_result res;
	struct vstor_verdict v;
	int len, ret;

	len = vstor_msg_build_srb(&req, VSTOR_VERSION_6_2, &vstor_t_read10);
	KUNIT_ASSERT_EQ(test, len, 64);
	/* A guest request is never accepted as host input. */
	KUNIT_EXPECT_EQ(test, vstor_msg_parse_host(&req, len, 64, &got),
			-EPROTONOSUPPORT);

	reply = req;
	reply.operation = cpu_to_le32(VSTOR_OP_COMPLETE_IO);
	reply.flags = 0;
	reply.status = cpu_to_le32(VSTOR_NT_SUCCESS);
	reply.srb.srb_status = VSTOR_SRB_DATA_OVERRUN;
	reply.srb.scsi_status = VSTOR_SAM_GOOD;
	reply.srb.xfer_len = cpu_to_le32(4096);
	reply.srb.sense_len = 0;
	KUNIT_ASSERT_EQ(test, vstor_msg_parse_host(&reply, len, 64, &got), 0);
	ret = vstor_msg_parse_srb_completion(&got, VSTOR_VERSION_6_2, 0x28,
					     65536, &res);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, res.xfer_len, 4096);
	KUNIT_EXPECT_EQ(test, res.sense_len, 0);
	vstor_msg_map_result(&res, 0x28, 65536, &v);
	KUNIT_EXPECT_EQ(test, v.result, 0);
	KUNIT_EXPECT_EQ(test, v.resid, 65536 - 4096);

	/* One byte more than the request asked for. */
	reply.srb.xfer_len = cpu_to_le32(65537);
	KUNIT_ASSERT_EQ(test, vstor_msg_parse_host(&reply, len, 64, &got), 0);
	ret = vstor_msg_parse_srb_completion(&got, VSTOR_VERSION_6_2, 0x28,
					     65536, &res);
	KUNIT_EXPECT_EQ(test, ret, -ERANGE);

	/* The QUERY_PROPERTIES reply. */
	memset(&reply, 0, sizeof(reply));
	reply.operation = cpu_to_le32(VSTOR_OP_COMPLETE_IO);
	reply.status = cpu_to_le32(VSTOR_NT_SUCCESS);
	reply.props = props;
	KUNIT_ASSERT_EQ(test, vstor_msg_parse_host(&reply, 64, 64, &got), 0);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(got.props.max_sub_channels), 7);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(got.props.flags),
			VSTOR_CHAN_PROP_MULTI_CHANNEL);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(got.props.max_transfer_bytes),
			0x40000);

	/* A bus rescan notification at 4.2: 48 bytes, no completion flag. */
	memset(&reply, 0, sizeof(reply));
	reply.operation = cpu_to_le32(VSTOR_OP_ENUMERATE_BUS);
	len = vstor_msg_pkt_size(VSTOR_VERSION_4_2);
	KUNIT_EXPECT_EQ(test, len, 48);
	KUNIT_ASSERT_EQ(test, vstor_msg_parse_host(&reply, len, len, &got), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(got.operation),
			VSTOR_OP_ENUMERATE_BUS);
	KUNIT_EXPECT_TRUE(test, !memchr_inv((u8 *)&got + 48, 0, 16));

	/* A refused version query: the reply echoes the version asked for. */
	KUNIT_ASSERT_EQ(test, vstor_msg_build_query_version(&req,
							    VSTOR_VERSION_5_1),
			64);
	reply = req;
	reply.operation = cpu_to_le32(VSTOR_OP_COMPLETE_IO);
	reply.flags = 0;
	reply.status = cpu_to_le32(VSTOR_NT_REVISION_MISMATCH);
	KUNIT_ASSERT_EQ(test, vstor_msg_parse_host(&reply, 64, 64, &got), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(got.status),
			VSTOR_NT_REVISION_MISMATCH);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(got.version.major_minor), 0x0501);
}

/* A refused packet leaves no half-parsed output the caller could use. */
static void vstor_msg_parse_zero_pads_short(struct kunit *test)
{
	__le32 op = cpu_to_le32(VSTOR_OP_COMPLETE_IO);
	struct vstor_pkt out;
	u8 buf[48];

	memset(buf, 0x11, sizeof(buf));
	memcpy(buf, &op, sizeof(op));
	memset(&out, 0xff, sizeof(out));
	KUNIT_ASSERT_EQ(test, vstor_msg_parse_host(buf, 48, 48, &out), 0);
	KUNIT_EXPECT_TRUE(test, !memchr_inv((u8 *)&out + 48, 0, 16));
}

static struct kunit_case lumen_storvsc_vstor_cases[] = {
	KUNIT_CASE_PARAM(vstor_msg_parse_case_table,
			 vstor_pkt_case_gen_params),
	KUNIT_CASE_PARAM(vstor_msg_map_result_table,
			 vstor_map_case_gen_params),
	KUNIT_CASE(vstor_msg_host_bytes_match_kernel),
	KUNIT_CASE(vstor_msg_versions_newest_first),
	KUNIT_CASE(vstor_msg_size_delta_pre_win8),
	KUNIT_CASE(vstor_msg_build_init_packets_full_size),
	KUNIT_CASE(vstor_msg_build_srb_win8),
	KUNIT_CASE(vstor_msg_build_srb_pre_win8),
	KUNIT_CASE(vstor_msg_build_srb_rejects),
	KUNIT_CASE(vstor_msg_sub_channel_count_rule),
	KUNIT_CASE(vstor_msg_round_trip),
	KUNIT_CASE(vstor_msg_parse_zero_pads_short),
	{}
};

static struct kunit_suite lumen_storvsc_vstor_suite = {
	.name = "lumen_storvsc_vstor",
	.test_cases = lumen_storvsc_vstor_cases,
};

kunit_test_suite(lumen_storvsc_vstor_suite);

MODULE_DESCRIPTION("KUnit tests for the Lumen VSTOR packet helpers");
MODULE_LICENSE("GPL");
