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
#include <linux/unaligned.h>
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

/*
 * Byte images below are written at the offsets of the fact sheet's tables,
 * not through the structs, and then read back through the structs: a field
 * at the wrong offset or of the wrong width fails here.
 */
static void *proto_image(struct kunit *test, size_t size)
{
	void *buf = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	return buf;
}

static void put16(void *buf, size_t off, u16 v)
{
	put_unaligned_le16(v, (u8 *)buf + off);
}

static void put32(void *buf, size_t off, u32 v)
{
	put_unaligned_le32(v, (u8 *)buf + off);
}

static void put64(void *buf, size_t off, u64 v)
{
	put_unaligned_le64(v, (u8 *)buf + off);
}

static void vmbus_offer_decodes_image(struct kunit *test)
{
	struct vmbus_msg_offer_channel *offer = proto_image(test, 196);
	guid_t scsi = LUMEN_GUID_SCSI;

	put32(offer, 0, VMBUS_MSG_OFFERCHANNEL);
	memcpy((u8 *)offer + 8, &scsi, sizeof(scsi));
	put16(offer, 56, 0x0001);		/* enumerate device interface */
	put16(offer, 180, 3);			/* sub-channel index */
	put32(offer, 184, 17);			/* child relid */
	*((u8 *)offer + 188) = 42;		/* monitor id */
	*((u8 *)offer + 189) = 1;		/* monitor allocated */
	put16(offer, 190, 1);			/* dedicated interrupt */
	put32(offer, 192, 0x2017);		/* connection id */

	KUNIT_EXPECT_EQ(test, le32_to_cpu(offer->hdr.type),
			VMBUS_MSG_OFFERCHANNEL);
	KUNIT_EXPECT_TRUE(test, guid_equal(&offer->if_type, &scsi));
	KUNIT_EXPECT_EQ(test, le16_to_cpu(offer->flags), 1);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(offer->sub_channel_index), 3);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(offer->child_relid), 17);
	KUNIT_EXPECT_EQ(test, offer->monitor_id, 42);
	KUNIT_EXPECT_EQ(test, offer->monitor_flags, 1);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(offer->interrupt_flags), 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(offer->connection_id), 0x2017);
}

static void vmbus_version_response_decodes_image(struct kunit *test)
{
	struct vmbus_msg_version_response *resp = proto_image(test, 16);

	put32(resp, 0, VMBUS_MSG_VERSION_RESPONSE);
	*((u8 *)resp + 8) = 1;			/* version supported */
	*((u8 *)resp + 9) = 0;			/* connection state: success */
	put32(resp, 12, 0x123);			/* message connection id */

	KUNIT_EXPECT_EQ(test, le32_to_cpu(resp->hdr.type), 15);
	KUNIT_EXPECT_EQ(test, resp->version_supported, 1);
	KUNIT_EXPECT_EQ(test, resp->conn_state, 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(resp->msg_conn_id), 0x123);
	KUNIT_EXPECT_EQ(test, VMBUS_PROTO_V5_3, 0x00050003);
}

static void vmbus_pkt_desc_decodes_image(struct kunit *test)
{
	struct vmbus_pkt_desc *desc = proto_image(test, 16);

	put16(desc, 0, VMBUS_PKT_COMP);
	put16(desc, 2, 2);			/* data at byte 16 */
	put16(desc, 4, 10);			/* 80 bytes in all */
	put16(desc, 6, VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	put64(desc, 8, 0xfffffffffffffffdULL);

	KUNIT_EXPECT_EQ(test, le16_to_cpu(desc->type), 0xb);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(desc->offset8) << VMBUS_PKT_SHIFT, 16);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(desc->len8) << VMBUS_PKT_SHIFT, 80);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(desc->flags), 1);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(desc->trans_id),
			0xfffffffffffffffdULL);
}

static void nvsp_init_complete_decodes_image(struct kunit *test)
{
	struct nvsp_init_complete *msg = proto_image(test, NVSP_MSG_SIZE_V6_1);

	put32(msg, 0, NVSP_MSG_INIT_COMPLETE);
	put32(msg, 4, 0);			/* negotiated (deprecated) */
	put32(msg, 8, 34);			/* max MDL chain length */
	put32(msg, 12, NVSP_STATUS_SUCCESS);

	KUNIT_EXPECT_EQ(test, le32_to_cpu(msg->hdr.type), 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(msg->max_mdl_chain), 34);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(msg->status), 1);
}

static void vstor_completion_decodes_sense(struct kunit *test)
{
	struct vstor_pkt *pkt = proto_image(test, 64);
	static const u8 sense[] = { 0x70, 0, 0x05, 0, 0, 0, 0, 10,
				    0, 0, 0, 0, 0x20, 0x00 };

	put32(pkt, 0, VSTOR_OP_COMPLETE_IO);
	put32(pkt, 8, 0);			/* NT status success */
	put16(pkt, 12, 0x34);			/* request length (win8) */
	*((u8 *)pkt + 14) = 0x84;		/* SRB error + autosense */
	*((u8 *)pkt + 15) = 0x02;		/* CHECK CONDITION */
	*((u8 *)pkt + 21) = sizeof(sense);	/* sense length */
	put32(pkt, 24, 512);			/* bytes moved */
	memcpy((u8 *)pkt + 28, sense, sizeof(sense));

	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt->operation), 1);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(pkt->srb.length), VSTOR_SRB_SIZE);
	KUNIT_EXPECT_EQ(test, VSTOR_SRB_CODE(pkt->srb.srb_status),
			VSTOR_SRB_ERROR);
	KUNIT_EXPECT_TRUE(test, pkt->srb.srb_status & VSTOR_SRB_AUTOSENSE_VALID);
	KUNIT_EXPECT_EQ(test, pkt->srb.scsi_status, 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(pkt->srb.xfer_len), 512);
	KUNIT_EXPECT_MEMEQ(test, pkt->srb.sense, sense, sizeof(sense));
}

static void ic_negotiate_decodes_image(struct kunit *test)
{
	u8 *buf = proto_image(test, 28 + 8 + 4 * 4);
	struct ic_hdr *hdr = (struct ic_hdr *)buf;
	struct ic_negotiate *neg = (struct ic_negotiate *)(buf + 28);

	put32(buf, 0, 1);			/* pipe: data */
	put16(buf, 8, 3);			/* framework 3.0 */
	put16(buf, 12, IC_MSG_NEGOTIATE);
	put16(buf, 14, 3);			/* message 3.0 */
	put16(buf, 18, 8 + 4 * 4);		/* body size */
	buf[24] = 7;				/* IC transaction id */
	buf[25] = IC_FLAG_TRANSACTION | IC_FLAG_REQUEST;
	put16(buf, 28, 2);			/* two framework versions */
	put16(buf, 30, 2);			/* two message versions */
	put16(buf, 36, 3);			/* fw 3.0 */
	put16(buf, 40, 1);			/* fw 1.0 */
	put16(buf, 44, 4);			/* msg 4.0 */
	put16(buf, 48, 3);			/* msg 3.0 */

	KUNIT_EXPECT_EQ(test, le16_to_cpu(hdr->fw_ver.major), 3);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(hdr->msg_type), IC_MSG_NEGOTIATE);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(hdr->msg_size), 24);
	KUNIT_EXPECT_EQ(test, hdr->trans_id, 7);
	KUNIT_EXPECT_EQ(test, hdr->flags, 3);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(neg->fw_count), 2);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(neg->msg_count), 2);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(neg->versions[1].major), 1);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(neg->versions[2].major), 4);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(neg->versions[3].major), 3);
}

static struct kunit_case lumen_proto_wire_cases[] = {
	KUNIT_CASE(vmbus_offer_decodes_image),
	KUNIT_CASE(vmbus_version_response_decodes_image),
	KUNIT_CASE(vmbus_pkt_desc_decodes_image),
	KUNIT_CASE(nvsp_init_complete_decodes_image),
	KUNIT_CASE(vstor_completion_decodes_sense),
	KUNIT_CASE(ic_negotiate_decodes_image),
	{}
};

static struct kunit_suite lumen_proto_wire_suite = {
	.name = "lumen_proto_wire",
	.test_cases = lumen_proto_wire_cases,
};

kunit_test_suites(&lumen_proto_guid_suite, &lumen_proto_tlfs_suite,
		  &lumen_proto_wire_suite);

MODULE_DESCRIPTION("KUnit tests for the Lumen wire headers");
MODULE_LICENSE("GPL");
