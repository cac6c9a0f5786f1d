// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace checks of include/proto/nvsp.h: constants against the protocol
 * fact sheet (section 7) and byte images of host messages decoded through
 * the wire structs.
 */
#include <string.h>
#include <proto/nvsp.h>
#include "selftest.h"

static void put_le32(u8 *buf, size_t off, u32 v)
{
	buf[off] = v & 0xff;
	buf[off + 1] = (v >> 8) & 0xff;
	buf[off + 2] = (v >> 16) & 0xff;
	buf[off + 3] = (v >> 24) & 0xff;
}

SELFTEST(nvsp_versions_match_fact_sheet)
{
	ST_EXPECT_EQ(t, NVSP_VER_1, 0x00000002);
	ST_EXPECT_EQ(t, NVSP_VER_2, 0x00030002);
	ST_EXPECT_EQ(t, NVSP_VER_4, 0x00040000);
	ST_EXPECT_EQ(t, NVSP_VER_5, 0x00050000);
	ST_EXPECT_EQ(t, NVSP_VER_6, 0x00060000);
	ST_EXPECT_EQ(t, NVSP_VER_6_1, 0x00060001);
	ST_EXPECT(t, NVSP_VER_6_1 > NVSP_VER_6 && NVSP_VER_6 > NVSP_VER_5);
	ST_EXPECT(t, NVSP_VER_5 > NVSP_VER_4 && NVSP_VER_4 > NVSP_VER_2);
	ST_EXPECT(t, NVSP_VER_2 > NVSP_VER_1);
}

SELFTEST(nvsp_message_types_match_fact_sheet)
{
	ST_EXPECT_EQ(t, NVSP_MSG_INIT, 1);
	ST_EXPECT_EQ(t, NVSP_MSG_INIT_COMPLETE, 2);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_NDIS_VERSION, 100);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_RECV_BUF, 101);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_RECV_BUF_COMPLETE, 102);
	ST_EXPECT_EQ(t, NVSP_MSG_REVOKE_RECV_BUF, 103);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_SEND_BUF, 104);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_SEND_BUF_COMPLETE, 105);
	ST_EXPECT_EQ(t, NVSP_MSG_REVOKE_SEND_BUF, 106);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_RNDIS_PKT, 107);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_RNDIS_PKT_COMPLETE, 108);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_NDIS_CONFIG, 125);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_VF_ASSOCIATION, 128);
	ST_EXPECT_EQ(t, NVSP_MSG_SWITCH_DATA_PATH, 129);
	ST_EXPECT_EQ(t, NVSP_MSG_UPLINK_CONNECT_STATE, 130);
	ST_EXPECT_EQ(t, NVSP_MSG_OID_QUERY_EX, 131);
	ST_EXPECT_EQ(t, NVSP_MSG_OID_QUERY_EX_COMPLETE, 132);
	ST_EXPECT_EQ(t, NVSP_MSG_SUBCHANNEL, 133);
	ST_EXPECT_EQ(t, NVSP_MSG_SEND_INDIRECTION_TABLE, 134);
	ST_EXPECT_EQ(t, NVSP_MSG_PD_API, 135);
	ST_EXPECT_EQ(t, NVSP_MSG_PD_POST_BATCH, 136);
}

SELFTEST(nvsp_status_values_match_fact_sheet)
{
	ST_EXPECT_EQ(t, NVSP_STATUS_NONE, 0);
	ST_EXPECT_EQ(t, NVSP_STATUS_SUCCESS, 1);
	ST_EXPECT_EQ(t, NVSP_STATUS_FAILURE, 2);
	ST_EXPECT_EQ(t, NVSP_STATUS_PROTOCOL_TOO_NEW, 3);
	ST_EXPECT_EQ(t, NVSP_STATUS_PROTOCOL_TOO_OLD, 4);
	ST_EXPECT_EQ(t, NVSP_STATUS_INVALID_RNDIS_PKT, 5);
	ST_EXPECT_EQ(t, NVSP_STATUS_BUSY, 6);
	ST_EXPECT_EQ(t, NVSP_STATUS_PROTOCOL_UNSUPPORTED, 7);
}

SELFTEST(nvsp_misc_constants_match_fact_sheet)
{
	ST_EXPECT_EQ(t, NVSP_RECV_BUF_ID, 0xcafe);
	ST_EXPECT_EQ(t, NVSP_SEND_BUF_ID, 0);
	ST_EXPECT_EQ(t, NVSP_SECTION_INVALID, 0xffffffffu);
	ST_EXPECT_EQ(t, NVSP_SECTION_SIZE_MIN, 68);
	ST_EXPECT_EQ(t, NVSP_CHANNEL_DATA, 0);
	ST_EXPECT_EQ(t, NVSP_CHANNEL_CONTROL, 1);
	ST_EXPECT_EQ(t, NVSP_DATA_PATH_SYNTHETIC, 0);
	ST_EXPECT_EQ(t, NVSP_DATA_PATH_VF, 1);
	ST_EXPECT_EQ(t, NVSP_VF_ALLOCATED, 1);
	ST_EXPECT_EQ(t, NVSP_SUBCHAN_OP_ALLOCATE, 1);
	ST_EXPECT_EQ(t, NVSP_SUBCHAN_MAX, 64);
	ST_EXPECT_EQ(t, NVSP_INDIRECTION_TABLE_ENTRIES, 16);
	ST_EXPECT_EQ(t, NVSP_INDIRECTION_TABLE_OFFSET_V6, 40);
	ST_EXPECT_EQ(t, NVSP_RECV_BUF_SIZE_MAX, 31u << 20);
	ST_EXPECT_EQ(t, NVSP_RECV_BUF_SIZE_MAX_V2, 15u << 20);
	ST_EXPECT_EQ(t, NVSP_SEND_BUF_SIZE_MAX, 15u << 20);
	ST_EXPECT_EQ(t, NVSP_XFER_RANGES_MAX_NDIS5, 64);
	ST_EXPECT_EQ(t, NVSP_XFER_RANGES_MAX, 375);
	ST_EXPECT_EQ(t, NVSP_XFER_RANGES_MAX_RSC, 562);

	/* NDIS config capability bits 0..7 */
	ST_EXPECT_EQ(t, NVSP_CAP_VMQ, 1u << 0);
	ST_EXPECT_EQ(t, NVSP_CAP_CHIMNEY, 1u << 1);
	ST_EXPECT_EQ(t, NVSP_CAP_SRIOV, 1u << 2);
	ST_EXPECT_EQ(t, NVSP_CAP_IEEE8021Q, 1u << 3);
	ST_EXPECT_EQ(t, NVSP_CAP_CORRELATION_ID, 1u << 4);
	ST_EXPECT_EQ(t, NVSP_CAP_TEAMING, 1u << 5);
	ST_EXPECT_EQ(t, NVSP_CAP_VIRTUAL_SUBNET_ID, 1u << 6);
	ST_EXPECT_EQ(t, NVSP_CAP_RSC, 1u << 7);
	ST_EXPECT_EQ(t, NVSP_NDIS_CONFIG_MTU_OVERHEAD, 14);

	/* NDIS version: 6.1 for NVSP <= 4, 6.30 afterwards */
	ST_EXPECT_EQ(t, NVSP_NDIS_VERSION_MAJOR(NVSP_NDIS_VERSION_6_1), 6);
	ST_EXPECT_EQ(t, NVSP_NDIS_VERSION_MINOR(NVSP_NDIS_VERSION_6_1), 1);
	ST_EXPECT_EQ(t, NVSP_NDIS_VERSION_MAJOR(NVSP_NDIS_VERSION_6_30), 6);
	ST_EXPECT_EQ(t, NVSP_NDIS_VERSION_MINOR(NVSP_NDIS_VERSION_6_30), 30);
}

SELFTEST(nvsp_message_sizes_match_fact_sheet)
{
	ST_EXPECT_EQ(t, NVSP_MSG_SIZE_V1, 28);
	ST_EXPECT_EQ(t, NVSP_MSG_SIZE_V6_1, 40);
	ST_EXPECT_EQ(t, sizeof(struct nvsp_hdr), 4);
	ST_EXPECT_EQ(t, sizeof(struct nvsp_msg), 40);
	ST_EXPECT_EQ(t, sizeof(((struct nvsp_msg *)0)->body), 36);
	/* every message fits the pre-6.1 size */
	ST_EXPECT(t, sizeof(struct nvsp_init) <= NVSP_MSG_SIZE_V1);
	ST_EXPECT(t, sizeof(struct nvsp_init_complete) <= NVSP_MSG_SIZE_V1);
	ST_EXPECT(t, sizeof(struct nvsp_ndis_config) <= NVSP_MSG_SIZE_V1);
	ST_EXPECT(t, sizeof(struct nvsp_rndis_pkt) <= NVSP_MSG_SIZE_V1);
	ST_EXPECT_EQ(t, sizeof(struct nvsp_send_recv_buf_complete), 28);
	ST_EXPECT_EQ(t, sizeof(struct nvsp_rndis_pkt_complete), 8);
}

SELFTEST(nvsp_init_complete_decodes)
{
	/* type 2; body: version (deprecated), max MDL chain, status */
	static const u8 img[NVSP_MSG_SIZE_V6_1] = {
		0x02, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x06, 0x00,
		0x22, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00,
	};
	struct nvsp_init_complete m;

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, NVSP_MSG_INIT_COMPLETE);
	ST_EXPECT_EQ(t, m.ver_negotiated, NVSP_VER_6_1);
	ST_EXPECT_EQ(t, m.max_mdl_chain, 0x22);
	ST_EXPECT_EQ(t, m.status, NVSP_STATUS_SUCCESS);
}

SELFTEST(nvsp_init_encodes)
{
	struct nvsp_msg msg;
	struct nvsp_init init = {
		.hdr.type = NVSP_MSG_INIT,
		.ver_min = NVSP_VER_5,
		.ver_max = NVSP_VER_5,
	};
	static const u8 want[12] = {
		0x01, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x05, 0x00,
		0x00, 0x00, 0x05, 0x00,
	};

	memset(&msg, 0, sizeof(msg));
	memcpy(&msg, &init, sizeof(init));
	ST_EXPECT_MEM(t, &msg, want, sizeof(want));
	ST_EXPECT_EQ(t, msg.body[sizeof(msg.body) - 1], 0);
}

SELFTEST(nvsp_recv_buf_complete_decodes_section)
{
	u8 img[NVSP_MSG_SIZE_V1];
	struct nvsp_send_recv_buf_complete m;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 102);		/* type */
	put_le32(img, 4, 1);		/* status: success */
	put_le32(img, 8, 1);		/* section count */
	put_le32(img, 12, 0);		/* section offset */
	put_le32(img, 16, 1728);	/* sub-allocation size */
	put_le32(img, 20, 9709);	/* sub-allocation count */
	put_le32(img, 24, 1728 * 9709);	/* end offset */

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, NVSP_MSG_SEND_RECV_BUF_COMPLETE);
	ST_EXPECT_EQ(t, m.status, NVSP_STATUS_SUCCESS);
	ST_EXPECT_EQ(t, m.section_count, 1);
	ST_EXPECT_EQ(t, m.section.offset, 0);
	ST_EXPECT_EQ(t, m.section.sub_alloc_size, 1728);
	ST_EXPECT_EQ(t, m.section.sub_alloc_count, 9709);
	ST_EXPECT_EQ(t, m.section.end_offset, 0x00ffffc0);
}

SELFTEST(nvsp_send_buf_complete_decodes)
{
	u8 img[NVSP_MSG_SIZE_V1];
	struct nvsp_send_send_buf_complete m;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 105);
	put_le32(img, 4, 1);
	put_le32(img, 8, 6144);

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, NVSP_MSG_SEND_SEND_BUF_COMPLETE);
	ST_EXPECT_EQ(t, m.status, NVSP_STATUS_SUCCESS);
	ST_EXPECT_EQ(t, m.section_size, 6144);
}

SELFTEST(nvsp_send_recv_buf_encodes_id)
{
	struct nvsp_send_recv_buf m = {
		.hdr.type = NVSP_MSG_SEND_RECV_BUF,
		.gpadl = 0x11223344,
		.id = NVSP_RECV_BUF_ID,
	};
	const u8 *b = (const u8 *)&m;

	ST_EXPECT_EQ(t, b[0], 101);
	ST_EXPECT_EQ(t, b[4], 0x44);
	ST_EXPECT_EQ(t, b[7], 0x11);
	ST_EXPECT_EQ(t, b[8], 0xfe);
	ST_EXPECT_EQ(t, b[9], 0xca);
}

SELFTEST(nvsp_ndis_config_encodes_caps_at_offset_12)
{
	struct nvsp_ndis_config m;
	const u8 *b = (const u8 *)&m;

	memset(&m, 0, sizeof(m));
	m.hdr.type = NVSP_MSG_SEND_NDIS_CONFIG;
	m.mtu = 1500 + NVSP_NDIS_CONFIG_MTU_OVERHEAD;
	m.caps = NVSP_CAP_IEEE8021Q | NVSP_CAP_SRIOV | NVSP_CAP_TEAMING |
		 NVSP_CAP_RSC;

	ST_EXPECT_EQ(t, b[0], 125);
	ST_EXPECT_EQ(t, b[4] | (b[5] << 8), 1514);
	ST_EXPECT_EQ(t, b[12], 0xac);
	ST_EXPECT_EQ(t, b[13] | b[14] | b[15] | b[16], 0);
	ST_EXPECT_EQ(t, b[17] | b[18] | b[19], 0);
}

SELFTEST(nvsp_rndis_pkt_decodes_receive)
{
	u8 img[NVSP_MSG_SIZE_V6_1];
	struct nvsp_rndis_pkt m;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 107);
	put_le32(img, 4, 0);		/* data channel */
	put_le32(img, 8, 0xffffffff);	/* no section */
	put_le32(img, 12, 0);

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, NVSP_MSG_SEND_RNDIS_PKT);
	ST_EXPECT_EQ(t, m.channel_type, NVSP_CHANNEL_DATA);
	ST_EXPECT_EQ(t, m.section_index, NVSP_SECTION_INVALID);
	ST_EXPECT_EQ(t, m.section_size, 0);
}

SELFTEST(nvsp_subchannel_complete_decodes)
{
	u8 img[NVSP_MSG_SIZE_V6_1];
	struct nvsp_subchannel_complete m;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 133);
	put_le32(img, 4, 1);
	put_le32(img, 8, 7);

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, NVSP_MSG_SUBCHANNEL);
	ST_EXPECT_EQ(t, m.status, NVSP_STATUS_SUCCESS);
	ST_EXPECT_EQ(t, m.count, 7);
}

SELFTEST(nvsp_vf_association_decodes)
{
	u8 img[NVSP_MSG_SIZE_V1];
	struct nvsp_vf_association m;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 128);
	put_le32(img, 4, 1);
	put_le32(img, 8, 0x1234);

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, NVSP_MSG_SEND_VF_ASSOCIATION);
	ST_EXPECT_EQ(t, m.allocated, NVSP_VF_ALLOCATED);
	ST_EXPECT_EQ(t, m.serial, 0x1234);
}

SELFTEST(nvsp_indirection_table_decodes)
{
	/* header + count + offset, table at byte 12 as OpenVMM places it */
	u8 img[12 + 4 * NVSP_INDIRECTION_TABLE_ENTRIES];
	struct nvsp_indirection_table m;
	u32 entry;
	unsigned int i;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 134);
	put_le32(img, 4, 16);
	put_le32(img, 8, 12);
	for (i = 0; i < NVSP_INDIRECTION_TABLE_ENTRIES; i++)
		put_le32(img, 12 + 4 * i, i % 4);

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, NVSP_MSG_SEND_INDIRECTION_TABLE);
	ST_EXPECT_EQ(t, m.count, NVSP_INDIRECTION_TABLE_ENTRIES);
	ST_EXPECT_EQ(t, m.offset, sizeof(m));
	ST_EXPECT(t, m.offset + 4 * m.count <= sizeof(img));
	memcpy(&entry, img + m.offset + 4 * 5, sizeof(entry));
	ST_EXPECT_EQ(t, entry, 1);
}
