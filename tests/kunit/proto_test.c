// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the wire headers, in kernel context: the GUID constants
 * against the kernel's own guid_parse(), and byte images written from the
 * protocol tables decoded through the structs with the le*_to_cpu()
 * accessors, as the drivers will read them. Building this file under W=1
 * and sparse also proves every header compiles in the kernel.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uuid.h>

#include <proto/guids.h>
#include <proto/ic.h>
#include <proto/nvsp.h>
#include <proto/rndis.h>
#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>
#include <proto/vmbus_ring.h>
#include <proto/vstor.h>

/**
 * struct proto_guid_case - One device-class GUID to check.
 * @name: row name shown in the KTAP output.
 * @text: the GUID's text form, as Hyper-V documents it.
 * @guid: the constant from guids.h.
 */
struct proto_guid_case {
	const char *name;
	const char *text;
	guid_t guid;
};

static const struct proto_guid_case proto_guid_cases[] = {
	{ "network", "f8615163-df3e-46c5-913f-f2d2f965ed0e", LUMEN_GUID_NETVSC },
	{ "scsi", "ba6163d9-04a1-4d29-b605-72e2ffb1dc7f", LUMEN_GUID_SCSI },
	{ "ide", "32412632-86cb-44a2-9b5c-50d1417354f5", LUMEN_GUID_IDE },
	{ "heartbeat", "57164f39-9115-4e78-ab55-382f3bd5422d",
	  LUMEN_GUID_IC_HEARTBEAT },
	{ "shutdown", "0e0b6031-5213-4934-818b-38d90ced39db",
	  LUMEN_GUID_IC_SHUTDOWN },
	{ "timesync", "9527e630-d0ae-497b-adce-e80ab0175caf",
	  LUMEN_GUID_IC_TIMESYNC },
	{ "kvp", "a9a0f4e7-5a45-4d96-b827-8a841e8c03e6", LUMEN_GUID_IC_KVP },
	{ "vss", "35fa2e29-ea23-4236-96ae-3a6ebacba440", LUMEN_GUID_IC_VSS },
	{ "fcopy", "34d14be3-dee4-41c8-9ae7-6b174977c192", LUMEN_GUID_IC_FCOPY },
	{ "balloon", "525074dc-8985-46e2-8057-a307dc18a502",
	  LUMEN_GUID_BALLOON },
	{ "vpci", "44c4f61d-4444-4400-9d52-802e27ede19f", LUMEN_GUID_VPCI },
};

static void proto_guid_desc(const struct proto_guid_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(proto_guid, proto_guid_cases, proto_guid_desc);

static void guid_parse_matches_constant(struct kunit *test)
{
	const struct proto_guid_case *c = test->param_value;
	guid_t parsed;

	KUNIT_ASSERT_EQ(test, guid_parse(c->text, &parsed), 0);
	KUNIT_EXPECT_TRUE(test, guid_equal(&parsed, &c->guid));
}

static void guid_network_wire_bytes(struct kunit *test)
{
	static const u8 wire[16] = {
		0x63, 0x51, 0x61, 0xf8, 0x3e, 0xdf, 0xc5, 0x46,
		0x91, 0x3f, 0xf2, 0xd2, 0xf9, 0x65, 0xed, 0x0e,
	};
	guid_t g = LUMEN_GUID_NETVSC;

	KUNIT_EXPECT_MEMEQ(test, &g, wire, sizeof(wire));
}

static struct kunit_case lumen_proto_guid_cases[] = {
	KUNIT_CASE_PARAM(guid_parse_matches_constant, proto_guid_gen_params),
	KUNIT_CASE(guid_network_wire_bytes),
	{}
};

static struct kunit_suite lumen_proto_guid_suite = {
	.name = "lumen_proto_guid",
	.test_cases = lumen_proto_guid_cases,
};

/* A SynIC message slot as the hypervisor writes it into SINT 2's slot. */
static void tlfs_message_decodes_slot(struct kunit *test)
{
	struct tlfs_message *msg;
	u8 *raw;

	msg = kunit_kzalloc(test, sizeof(*msg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, msg);
	raw = (u8 *)msg;
	raw[0] = 0x01;				/* type: VMBus message */
	raw[4] = 196;				/* payload size */
	raw[5] = 0x01;				/* message pending */
	raw[8] = 0x04; raw[9] = 0x00; raw[10] = 0x80;	/* port 0x800004 */
	raw[16] = 0x01;				/* payload: OFFERCHANNEL */

	KUNIT_EXPECT_EQ(test, le32_to_cpu(msg->header.message_type),
			TLFS_MSG_VMBUS);
	KUNIT_EXPECT_EQ(test, msg->header.payload_size, 196);
	KUNIT_EXPECT_TRUE(test, msg->header.flags & TLFS_MSG_FLAG_PENDING);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(msg->header.sender), 0x800004ULL);
	KUNIT_EXPECT_EQ(test, msg->payload[0], 1);
}

/* The fact sheet's control word for a fast HvCallSignalEvent. */
static void tlfs_hypercall_control_fields(struct kunit *test)
{
	u64 ctl = TLFS_HC_SIGNAL_EVENT | TLFS_HC_FAST;
	u64 rep = (u64)TLFS_HC_POST_MESSAGE | (3ULL << TLFS_HC_REP_COUNT_SHIFT) |
		  (2ULL << TLFS_HC_REP_START_SHIFT);

	KUNIT_EXPECT_EQ(test, ctl, 0x1005dULL);
	KUNIT_EXPECT_EQ(test, (rep & TLFS_HC_REP_COUNT_MASK) >>
			TLFS_HC_REP_COUNT_SHIFT, 3ULL);
	KUNIT_EXPECT_EQ(test, (rep & TLFS_HC_REP_START_MASK) >>
			TLFS_HC_REP_START_SHIFT, 2ULL);
	KUNIT_EXPECT_EQ(test, rep & TLFS_HC_RESERVED_MASK, 0ULL);
}

static struct kunit_case lumen_proto_tlfs_cases[] = {
	KUNIT_CASE(tlfs_message_decodes_slot),
	KUNIT_CASE(tlfs_hypercall_control_fields),
	{}
};

static struct kunit_suite lumen_proto_tlfs_suite = {
	.name = "lumen_proto_tlfs",
	.test_cases = lumen_proto_tlfs_cases,
};

kunit_test_suites(&lumen_proto_guid_suite, &lumen_proto_tlfs_suite);

MODULE_DESCRIPTION("KUnit tests for the Lumen wire headers");
MODULE_LICENSE("GPL");
