// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of lib/vstor_msg.c: the named packet and mapping
 * tables shared with the KUnit suite (tests/kunit/vstor_cases.h), each
 * row reported on failure, plus the builders in both layouts and a round
 * trip of a built request through a completion made of it by hand, as a
 * host answers.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include "selftest.h"

#include "../../lib/vstor_msg.c"
#include "../kunit/vstor_cases.h"

SELFTEST(vstor_pkt_case_table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vstor_pkt_cases); i++) {
		const struct vstor_pkt_case *c = &vstor_pkt_cases[i];
		int ret = vstor_case_run(c);

		if (ret != c->err)
			fprintf(stderr, "  row %s: got %d, want %d\n", c->name,
				ret, c->err);
		ST_EXPECT_EQ(t, ret, c->err);
	}
}

SELFTEST(vstor_map_case_table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vstor_map_cases); i++) {
		const struct vstor_map_case *c = &vstor_map_cases[i];
		struct vstor_srb_result res;
		struct vstor_verdict v;
		int ok;

		vstor_map_case_res(c, &res);
		vstor_msg_map_result(&res, c->opcode, c->req, &v);
		ok = v.result == c->result && v.resid == c->resid &&
		     v.action == c->action && v.sense_len == c->sense_len;
		if (!ok)
			fprintf(stderr,
				"  row %s: result %#x resid %u action %u sense %u\n",
				c->name, v.result, v.resid, v.action,
				v.sense_len);
		ST_EXPECT(t, ok);
	}
}

SELFTEST(vstor_versions_and_sizes)
{
	ST_EXPECT_EQ(t, vstor_msg_version(0), 0x0602);
	ST_EXPECT_EQ(t, vstor_msg_version(1), 0x0600);
	ST_EXPECT_EQ(t, vstor_msg_version(2), 0x0501);
	ST_EXPECT_EQ(t, vstor_msg_version(3), 0x0402);
	ST_EXPECT_EQ(t, vstor_msg_version(4), 0x0200);
	ST_EXPECT_EQ(t, vstor_msg_version(5), 0);
	ST_EXPECT_EQ(t, vstor_msg_pkt_size(0), 64);
	ST_EXPECT_EQ(t, vstor_msg_pkt_size(0x0200), 48);
	ST_EXPECT_EQ(t, vstor_msg_pkt_size(0x0501), 64);
	ST_EXPECT_EQ(t, vstor_msg_size_delta(0x0402), 16);
	ST_EXPECT_EQ(t, vstor_msg_sense_size(0x0402), 18);
	ST_EXPECT_EQ(t, vstor_msg_sense_size(0x0602), 20);
}

SELFTEST(vstor_build_srb_layouts)
{
	struct vstor_srb_desc d = {
		.port = 1, .target_id = 1, .lun = 2, .cdb_len = 6,
		.data_dir = VSTOR_DIR_WRITE, .xfer_len = 512,
		.timeout_sec = 30, .cdb = { 0x0a, 0, 0, 1, 1, 0 },
	};
	u8 img[VSTOR_PKT_SIZE];
	struct vstor_pkt pkt;

	ST_EXPECT_EQ(t, vstor_msg_build_srb(&pkt, 0x0600, &d), 64);
	memcpy(img, &pkt, sizeof(img));
	/* Byte offsets from the fact sheet, independent of the structs. */
	ST_EXPECT_EQ(t, img[0], VSTOR_OP_EXECUTE_SRB);
	ST_EXPECT_EQ(t, img[4], 1);
	ST_EXPECT_EQ(t, img[12], 0x34);
	ST_EXPECT_EQ(t, img[18], 1);
	ST_EXPECT_EQ(t, img[19], 2);
	ST_EXPECT_EQ(t, img[20], 6);
	ST_EXPECT_EQ(t, img[21], 20);
	ST_EXPECT_EQ(t, img[22], VSTOR_DIR_WRITE);
	ST_EXPECT_EQ(t, img[24] | img[25] << 8, 512);
	ST_EXPECT_EQ(t, img[28], 0x0a);
	ST_EXPECT_EQ(t, img[52], VSTOR_SRB_FLAG_DATA_OUT |
		     VSTOR_SRB_FLAG_DISABLE_SYNC_XFER);
	ST_EXPECT_EQ(t, img[56], 30);

	ST_EXPECT_EQ(t, vstor_msg_build_srb(&pkt, 0x0200, &d), 48);
	memcpy(img, &pkt, sizeof(img));
	ST_EXPECT_EQ(t, img[12], 0x24);
	ST_EXPECT_EQ(t, img[21], 18);
	ST_EXPECT_EQ(t, img[52], 0);
	ST_EXPECT_EQ(t, img[56], 0);

	d.cdb_len = 17;
	ST_EXPECT_EQ(t, vstor_msg_build_srb(&pkt, 0x0600, &d), -EINVAL);
	d.cdb_len = 6;
	ST_EXPECT_EQ(t, vstor_msg_build_srb(&pkt, 0x0601, &d),
		     -EPROTONOSUPPORT);
}

SELFTEST(vstor_round_trip)
{
	static const u8 sense[18] = {
		0x70, 0, 6, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x2a, 9,
	};
	struct vstor_srb_desc d = {
		.cdb_len = 10, .data_dir = VSTOR_DIR_READ, .xfer_len = 8192,
		.cdb = { 0x28 },
	};
	struct vstor_pkt req, reply, got;
	struct vstor_srb_result res;
	struct vstor_verdict v;
	int len;

	len = vstor_msg_build_srb(&req, 0x0602, &d);
	ST_EXPECT_EQ(t, len, 64);
	ST_EXPECT_EQ(t, vstor_msg_parse_host(&req, len, 64, &got),
		     -EPROTONOSUPPORT);

	/* The host's reply: the request echoed, reply fields filled. */
	reply = req;
	reply.operation = cpu_to_le32(VSTOR_OP_COMPLETE_IO);
	reply.flags = 0;
	reply.status = cpu_to_le32(VSTOR_NT_SUCCESS);
	reply.srb.srb_status = VSTOR_SRB_ERROR | VSTOR_SRB_AUTOSENSE_VALID;
	reply.srb.scsi_status = VSTOR_SAM_CHECK_CONDITION;
	reply.srb.xfer_len = 0;
	reply.srb.sense_len = sizeof(sense);
	memset(reply.srb.sense, 0, sizeof(reply.srb.sense));
	memcpy(reply.srb.sense, sense, sizeof(sense));
	ST_EXPECT_EQ(t, vstor_msg_parse_host(&reply, len, 64, &got), 0);
	ST_EXPECT_EQ(t, vstor_msg_parse_srb_completion(&got, 0x0602, 0x28,
						       8192, &res), 0);
	ST_EXPECT_EQ(t, res.sense_len, 18);
	ST_EXPECT(t, !memcmp(res.sense, sense, sizeof(sense)));
	vstor_msg_map_result(&res, 0x28, 8192, &v);
	ST_EXPECT_EQ(t, v.result, VSTOR_RESULT(VSTOR_HOST_REQUEUE, 2));
	ST_EXPECT_EQ(t, v.action, VSTOR_ACTION_RESCAN);
	ST_EXPECT_EQ(t, v.resid, 8192);

	/* Sense longer than the field. */
	reply.srb.sense_len = VSTOR_SENSE_SIZE + 1;
	ST_EXPECT_EQ(t, vstor_msg_parse_host(&reply, len, 64, &got), 0);
	ST_EXPECT_EQ(t, vstor_msg_parse_srb_completion(&got, 0x0602, 0x28,
						       8192, &res),
		     -EMSGSIZE);
}
