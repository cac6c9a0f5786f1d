// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace checks of include/proto/rndis.h: constants against the protocol
 * fact sheet (section 7) and byte images of RNDIS messages and NDIS objects
 * decoded through the wire structs.
 */
#include <string.h>
#include <proto/rndis.h>
#include "selftest.h"

static void put_le16(u8 *buf, size_t off, u16 v)
{
	buf[off] = v & 0xff;
	buf[off + 1] = (v >> 8) & 0xff;
}

static void put_le32(u8 *buf, size_t off, u32 v)
{
	put_le16(buf, off, v & 0xffff);
	put_le16(buf, off + 2, v >> 16);
}

SELFTEST(rndis_message_types_match_fact_sheet)
{
	ST_EXPECT_EQ(t, RNDIS_MT_PACKET, 0x00000001);
	ST_EXPECT_EQ(t, RNDIS_MT_INIT, 0x00000002);
	ST_EXPECT_EQ(t, RNDIS_MT_INIT_C, 0x80000002);
	ST_EXPECT_EQ(t, RNDIS_MT_HALT, 0x00000003);
	ST_EXPECT_EQ(t, RNDIS_MT_QUERY, 0x00000004);
	ST_EXPECT_EQ(t, RNDIS_MT_QUERY_C, 0x80000004);
	ST_EXPECT_EQ(t, RNDIS_MT_SET, 0x00000005);
	ST_EXPECT_EQ(t, RNDIS_MT_SET_C, 0x80000005);
	ST_EXPECT_EQ(t, RNDIS_MT_RESET, 0x00000006);
	ST_EXPECT_EQ(t, RNDIS_MT_RESET_C, 0x80000006);
	ST_EXPECT_EQ(t, RNDIS_MT_INDICATE_STATUS, 0x00000007);
	ST_EXPECT_EQ(t, RNDIS_MT_KEEPALIVE, 0x00000008);
	ST_EXPECT_EQ(t, RNDIS_MT_KEEPALIVE_C, 0x80000008);
	ST_EXPECT_EQ(t, RNDIS_MT_SET_EX, 0x00000009);
	ST_EXPECT_EQ(t, RNDIS_MT_SET_EX_C, 0x80000009);
	ST_EXPECT_EQ(t, RNDIS_MT_INIT_C, RNDIS_MT_INIT | RNDIS_MT_COMPLETION);
	ST_EXPECT_EQ(t, RNDIS_MT_KEEPALIVE_C,
		     RNDIS_MT_KEEPALIVE | RNDIS_MT_COMPLETION);
	ST_EXPECT_EQ(t, RNDIS_MT_VERSION_MAJOR, 1);
	ST_EXPECT_EQ(t, RNDIS_MT_VERSION_MINOR, 0);
	ST_EXPECT_EQ(t, RNDIS_MT_GUEST_MAX_XFER, 0x4000);
	ST_EXPECT_EQ(t, RNDIS_MT_DF_CONNECTIONLESS, 1);
	ST_EXPECT_EQ(t, RNDIS_MT_MEDIUM_802_3, 0);
	ST_EXPECT_EQ(t, RNDIS_MT_REQ_INFO_OFFSET, 20);
	ST_EXPECT_EQ(t, RNDIS_MT_INIT_C_MIN_LEN, 48);
}

SELFTEST(rndis_status_codes_match_fact_sheet)
{
	ST_EXPECT_EQ(t, RNDIS_ST_SUCCESS, 0x00000000);
	ST_EXPECT_EQ(t, RNDIS_ST_PENDING, 0x00000103);
	ST_EXPECT_EQ(t, RNDIS_ST_FAILURE, 0xc0000001);
	ST_EXPECT_EQ(t, RNDIS_ST_NOT_SUPPORTED, 0xc00000bb);
	ST_EXPECT_EQ(t, RNDIS_ST_INVALID_DATA, 0xc0010015);
	ST_EXPECT_EQ(t, RNDIS_ST_BUFFER_OVERFLOW, 0x80000005);
	ST_EXPECT_EQ(t, RNDIS_ST_RESOURCES, 0xc000009a);
	ST_EXPECT_EQ(t, RNDIS_ST_MEDIA_CONNECT, 0x4001000b);
	ST_EXPECT_EQ(t, RNDIS_ST_MEDIA_DISCONNECT, 0x4001000c);
	ST_EXPECT_EQ(t, RNDIS_ST_LINK_SPEED_CHANGE, 0x40010013);
	ST_EXPECT_EQ(t, RNDIS_ST_NETWORK_CHANGE, 0x40010018);
	ST_EXPECT_EQ(t, RNDIS_ST_TASK_OFFLOAD_CURRENT_CONFIG, 0x40020006);
}

SELFTEST(rndis_oids_match_fact_sheet)
{
	ST_EXPECT_EQ(t, NDIS_OID_GEN_MAXIMUM_FRAME_SIZE, 0x00010106);
	ST_EXPECT_EQ(t, NDIS_OID_GEN_LINK_SPEED, 0x00010107);
	ST_EXPECT_EQ(t, NDIS_OID_GEN_CURRENT_PACKET_FILTER, 0x0001010e);
	ST_EXPECT_EQ(t, NDIS_OID_GEN_MEDIA_CONNECT_STATUS, 0x00010114);
	ST_EXPECT_EQ(t, NDIS_OID_GEN_RECEIVE_SCALE_CAPABILITIES, 0x00010203);
	ST_EXPECT_EQ(t, NDIS_OID_GEN_RECEIVE_SCALE_PARAMETERS, 0x00010204);
	ST_EXPECT_EQ(t, NDIS_OID_GEN_RNDIS_CONFIG_PARAMETER, 0x0001021b);
	ST_EXPECT_EQ(t, NDIS_OID_GEN_FRIENDLY_NAME, 0x00020216);
	ST_EXPECT_EQ(t, NDIS_OID_802_3_PERMANENT_ADDRESS, 0x01010101);
	ST_EXPECT_EQ(t, NDIS_OID_802_3_CURRENT_ADDRESS, 0x01010102);
	ST_EXPECT_EQ(t, NDIS_OID_802_3_MULTICAST_LIST, 0x01010103);
	ST_EXPECT_EQ(t, NDIS_OID_OFFLOAD_ENCAPSULATION, 0x0101010a);
	ST_EXPECT_EQ(t, NDIS_OID_TCP_OFFLOAD_PARAMETERS, 0xfc01020c);
	ST_EXPECT_EQ(t, NDIS_OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES, 0xfc01020d);

	ST_EXPECT_EQ(t, NDIS_PF_DIRECTED, 0x01);
	ST_EXPECT_EQ(t, NDIS_PF_MULTICAST, 0x02);
	ST_EXPECT_EQ(t, NDIS_PF_ALL_MULTICAST, 0x04);
	ST_EXPECT_EQ(t, NDIS_PF_BROADCAST, 0x08);
	ST_EXPECT_EQ(t, NDIS_PF_PROMISCUOUS, 0x20);
	/* the filter a Linux-style guest sets on open */
	ST_EXPECT_EQ(t, NDIS_PF_DIRECTED | NDIS_PF_ALL_MULTICAST |
		     NDIS_PF_BROADCAST, 0x0d);
	ST_EXPECT_EQ(t, NDIS_MEDIA_CONNECTED, 0);
	ST_EXPECT_EQ(t, NDIS_MEDIA_DISCONNECTED, 1);
	ST_EXPECT_EQ(t, NDIS_CONFIG_PARAM_STRING, 2);
}

SELFTEST(rndis_ppi_constants_match_fact_sheet)
{
	ST_EXPECT_EQ(t, sizeof(struct rndis_ppi_hdr), 12);
	ST_EXPECT_EQ(t, NDIS_PPI_CSUM, 0);
	ST_EXPECT_EQ(t, NDIS_PPI_IPSEC, 1);
	ST_EXPECT_EQ(t, NDIS_PPI_LSO, 2);
	ST_EXPECT_EQ(t, NDIS_PPI_CLASSIFY, 3);
	ST_EXPECT_EQ(t, NDIS_PPI_SG_LIST, 5);
	ST_EXPECT_EQ(t, NDIS_PPI_VLAN, 6);
	ST_EXPECT_EQ(t, NDIS_PPI_ORIGINAL, 7);
	ST_EXPECT_EQ(t, NDIS_PPI_HASH_VALUE, 8);
	ST_EXPECT_EQ(t, NDIS_PPI_HASH_INFO, 9);
	ST_EXPECT_EQ(t, NDIS_PPI_CACHED_NBL, 10);
	ST_EXPECT_EQ(t, NDIS_PPI_SHORT_PAD, 11);
	ST_EXPECT_EQ(t, NDIS_PPI_PKT_ID, 0x80000001);
	ST_EXPECT_EQ(t, NDIS_PPI_PKT_ID & NDIS_PPI_TYPE_MASK, 1);
	ST_EXPECT_EQ(t, NDIS_PKT_ID_SUBALLOC, 1u << 0);
	ST_EXPECT_EQ(t, NDIS_PKT_ID_FIRST_FRAG, 1u << 1);
	ST_EXPECT_EQ(t, NDIS_PKT_ID_LAST_FRAG, 1u << 2);
}

SELFTEST(rndis_ppi_bit_layouts_match_fact_sheet)
{
	u32 w;

	/* checksum TX: IPv4 + TCP, transport header at 34 (bits 25:16) */
	w = NDIS_CSUM_TX_IPV4 | NDIS_CSUM_TX_TCP |
	    (34u << NDIS_CSUM_TX_THOFF_SHIFT);
	ST_EXPECT_EQ(t, w, 0x00220005);
	ST_EXPECT_EQ(t, NDIS_CSUM_TX_IPV6, 1u << 1);
	ST_EXPECT_EQ(t, NDIS_CSUM_TX_UDP, 1u << 3);
	ST_EXPECT_EQ(t, NDIS_CSUM_TX_IP_HDR, 1u << 4);
	ST_EXPECT_EQ(t, NDIS_CSUM_TX_THOFF_MASK << NDIS_CSUM_TX_THOFF_SHIFT,
		     0x03ff0000);

	/* checksum RX verdict bits 0..8 */
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_TCP_FAILED, 1u << 0);
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_UDP_FAILED, 1u << 1);
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_IP_FAILED, 1u << 2);
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_TCP_OK, 1u << 3);
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_UDP_OK, 1u << 4);
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_IP_OK, 1u << 5);
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_LOOPBACK, 1u << 6);
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_TCP_VALUE_INVALID, 1u << 7);
	ST_EXPECT_EQ(t, NDIS_CSUM_RX_IP_VALUE_INVALID, 1u << 8);

	/* LSOv2 IPv6, MSS 1440, TCP header at 54 */
	w = NDIS_LSO_TYPE_V2 | NDIS_LSO_IPV6 |
	    (54u << NDIS_LSO_THOFF_SHIFT) | (1440u << NDIS_LSO_MSS_SHIFT);
	ST_EXPECT_EQ(t, w, 0xc36005a0);
	ST_EXPECT_EQ(t, (w >> NDIS_LSO_MSS_SHIFT) & NDIS_LSO_MSS_MASK, 1440);
	ST_EXPECT_EQ(t, (w >> NDIS_LSO_THOFF_SHIFT) & NDIS_LSO_THOFF_MASK, 54);

	/* 802.1Q: priority 5, DEI set, VLAN 100 */
	w = 0x0000064d;
	ST_EXPECT_EQ(t, (w >> NDIS_VLAN_PRIO_SHIFT) & NDIS_VLAN_PRIO_MASK, 5);
	ST_EXPECT(t, w & NDIS_VLAN_CFI);
	ST_EXPECT_EQ(t, (w >> NDIS_VLAN_ID_SHIFT) & NDIS_VLAN_ID_MASK, 100);
}

SELFTEST(rndis_offload_and_rss_constants_match_fact_sheet)
{
	ST_EXPECT_EQ(t, NDIS_OBJ_TYPE_DEFAULT, 0x80);
	ST_EXPECT_EQ(t, NDIS_OBJ_TYPE_RSS_CAPS, 0x88);
	ST_EXPECT_EQ(t, NDIS_OBJ_TYPE_RSS_PARAMS, 0x89);
	ST_EXPECT_EQ(t, NDIS_OBJ_TYPE_OFFLOAD, 0xa7);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CAPS_SIZE_REV_1, 112);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CAPS_SIZE_REV_2, 144);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CAPS_SIZE_REV_3, 156);
	ST_EXPECT_EQ(t, sizeof(struct ndis_offload_caps), 156);
	ST_EXPECT_EQ(t, sizeof(struct ndis_offload_cfg), 28);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_SIZE_NVSP4, 22);
	ST_EXPECT_EQ(t, sizeof(struct ndis_rss_capabilities), 18);
	ST_EXPECT_EQ(t, sizeof(struct ndis_rss_parameters), 40);
	ST_EXPECT_EQ(t, NDIS_RSS_KEY_SIZE_TOEPLITZ, 40);
	ST_EXPECT_EQ(t, NDIS_RSS_TABLE_ENTRIES_DEFAULT, 128);
	ST_EXPECT_EQ(t, NDIS_RSS_TABLE_ENTRIES_MAX, 256);

	ST_EXPECT_EQ(t, NDIS_CSUM_CAP_IP_OPTIONS, 0x001);
	ST_EXPECT_EQ(t, NDIS_CSUM_CAP_TCP_OPTIONS, 0x004);
	ST_EXPECT_EQ(t, NDIS_CSUM_CAP_TCP, 0x010);
	ST_EXPECT_EQ(t, NDIS_CSUM_CAP_UDP, 0x040);
	ST_EXPECT_EQ(t, NDIS_CSUM_CAP_IPV4_HDR, 0x100);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_ENC_802_3, 0x2);
	ST_EXPECT_EQ(t, NDIS_LSOV2_OPT_IPV6_EXT_HDRS, 0x1);
	ST_EXPECT_EQ(t, NDIS_LSOV2_OPT_TCP_OPTIONS, 0x4);

	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_NO_CHANGE, 0);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_CSUM_OFF, 1);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_CSUM_TX, 2);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_CSUM_RX, 3);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_CSUM_TX_RX, 4);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_LSO_OFF, 1);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_LSO_ON, 2);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_RSC_OFF, 1);
	ST_EXPECT_EQ(t, NDIS_OFFLOAD_CFG_RSC_ON, 2);

	ST_EXPECT_EQ(t, NDIS_RSS_PARAM_DISABLE, 0x10);
	ST_EXPECT_EQ(t, NDIS_RSS_PARAM_BASE_CPU_UNCHANGED |
		     NDIS_RSS_PARAM_HASH_INFO_UNCHANGED |
		     NDIS_RSS_PARAM_TABLE_UNCHANGED |
		     NDIS_RSS_PARAM_KEY_UNCHANGED, 0x0f);
	ST_EXPECT_EQ(t, NDIS_RSS_HASH_FUNC_TOEPLITZ | NDIS_RSS_HASH_IPV4 |
		     NDIS_RSS_HASH_TCP_IPV4 | NDIS_RSS_HASH_IPV6 |
		     NDIS_RSS_HASH_TCP_IPV6, 0x1701);
}

SELFTEST(rndis_init_cmplt_decodes)
{
	u8 img[52];
	struct rndis_init_cmplt m;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 0x80000002);	/* type */
	put_le32(img, 4, 52);		/* length */
	put_le32(img, 8, 0x2a);		/* request id */
	put_le32(img, 12, 0);		/* status */
	put_le32(img, 16, 1);		/* major */
	put_le32(img, 20, 0);		/* minor */
	put_le32(img, 24, 1);		/* device flags: connectionless */
	put_le32(img, 28, 0);		/* medium 802.3 */
	put_le32(img, 32, 8);		/* max packets per message */
	put_le32(img, 36, 0x10000);	/* max transfer size */
	put_le32(img, 40, 3);		/* alignment factor */
	put_le32(img, 44, 0);
	put_le32(img, 48, 0);

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, RNDIS_MT_INIT_C);
	ST_EXPECT_EQ(t, m.hdr.len, sizeof(m));
	ST_EXPECT_EQ(t, m.req_id, 0x2a);
	ST_EXPECT_EQ(t, m.status, RNDIS_ST_SUCCESS);
	ST_EXPECT_EQ(t, m.ver_major, RNDIS_MT_VERSION_MAJOR);
	ST_EXPECT_EQ(t, m.ver_minor, RNDIS_MT_VERSION_MINOR);
	ST_EXPECT_EQ(t, m.dev_flags, RNDIS_MT_DF_CONNECTIONLESS);
	ST_EXPECT_EQ(t, m.medium, RNDIS_MT_MEDIUM_802_3);
	ST_EXPECT_EQ(t, m.max_pkts_per_msg, 8);
	ST_EXPECT_EQ(t, m.max_xfer_size, 0x10000);
	ST_EXPECT_EQ(t, 1u << m.align_shift, 8);
	ST_EXPECT_EQ(t, m.af_list_size, 0);
}

SELFTEST(rndis_query_cmplt_decodes_info_offset)
{
	/* QUERY_C for the MAC: value right after the 16-byte body */
	u8 img[24 + 8];
	static const u8 mac[6] = { 0x00, 0x15, 0x5d, 0x01, 0x02, 0x03 };
	struct rndis_query_cmplt m;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 0x80000004);
	put_le32(img, 4, 30);
	put_le32(img, 8, 7);
	put_le32(img, 12, 0);
	put_le32(img, 16, 6);
	put_le32(img, 20, 16);
	memcpy(img + 24, mac, sizeof(mac));

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, RNDIS_MT_QUERY_C);
	ST_EXPECT_EQ(t, m.req_id, 7);
	ST_EXPECT_EQ(t, m.info_len, 6);
	ST_EXPECT_EQ(t, RNDIS_MT_BODY_OFFSET + m.info_offset, sizeof(m));
	ST_EXPECT_MEM(t, img + RNDIS_MT_BODY_OFFSET + m.info_offset, mac, 6);
}

SELFTEST(rndis_status_ind_decodes_link_speed)
{
	u8 img[20 + 4];
	struct rndis_status_ind m;
	u32 speed;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 7);
	put_le32(img, 4, sizeof(img));
	put_le32(img, 8, 0x40010013);
	put_le32(img, 12, 4);
	put_le32(img, 16, 12);
	put_le32(img, 20, 100000000);	/* 10 Gbit/s in 100 bit/s units */

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, RNDIS_MT_INDICATE_STATUS);
	ST_EXPECT_EQ(t, m.status, RNDIS_ST_LINK_SPEED_CHANGE);
	ST_EXPECT_EQ(t, m.status_len, 4);
	memcpy(&speed, img + RNDIS_MT_BODY_OFFSET + m.status_offset, 4);
	ST_EXPECT_EQ(t, speed / 10000, 10000);
}

SELFTEST(rndis_pkt_msg_decodes_with_ppi)
{
	/*
	 * PACKET: 8 header + 36 body, one 16-byte checksum PPI at body
	 * offset 36, then a 14-byte frame at body offset 52.
	 */
	u8 img[8 + 36 + 16 + 14];
	struct rndis_pkt_msg m;
	struct rndis_ppi_hdr ppi;
	u32 csum;
	size_t ppi_at, i;

	memset(img, 0, sizeof(img));
	put_le32(img, 0, 1);		/* PACKET */
	put_le32(img, 4, sizeof(img));
	put_le32(img, 8, 52);		/* data offset */
	put_le32(img, 12, 14);		/* data length */
	put_le32(img, 28, 36);		/* PPI offset */
	put_le32(img, 32, 16);		/* PPI length */
	put_le32(img, 44, 16);		/* PPI: size */
	put_le32(img, 48, 0);		/* PPI: type checksum */
	put_le32(img, 52, 12);		/* PPI: data offset */
	put_le32(img, 56, 0x00000028);	/* RX: TCP ok, IP ok */
	for (i = 0; i < 14; i++)
		img[60 + i] = 0xa0 + i;

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, RNDIS_MT_PACKET);
	ST_EXPECT_EQ(t, m.hdr.len, sizeof(img));
	ST_EXPECT_EQ(t, m.ppi_offset, RNDIS_MT_PACKET_BODY_SIZE);
	ST_EXPECT_EQ(t, m.ppi_len, 16);
	ST_EXPECT_EQ(t, m.data_offset, m.ppi_offset + m.ppi_len);
	ST_EXPECT_EQ(t, m.data_len, 14);
	ST_EXPECT_EQ(t, m.oob_offset, 0);
	ST_EXPECT_EQ(t, m.oob_count, 0);
	ST_EXPECT_EQ(t, RNDIS_MT_BODY_OFFSET + m.data_offset + m.data_len,
		     m.hdr.len);
	ST_EXPECT_EQ(t, img[RNDIS_MT_BODY_OFFSET + m.data_offset], 0xa0);

	ppi_at = RNDIS_MT_BODY_OFFSET + m.ppi_offset;
	memcpy(&ppi, img + ppi_at, sizeof(ppi));
	ST_EXPECT_EQ(t, ppi.size, 16);
	ST_EXPECT_EQ(t, ppi.type & NDIS_PPI_TYPE_MASK, NDIS_PPI_CSUM);
	ST_EXPECT_EQ(t, ppi.type & NDIS_PPI_INTERNAL, 0);
	ST_EXPECT_EQ(t, ppi.data_offset, NDIS_PPI_DATA_OFFSET);
	memcpy(&csum, img + ppi_at + ppi.data_offset, sizeof(csum));
	ST_EXPECT(t, csum & NDIS_CSUM_RX_TCP_OK);
	ST_EXPECT(t, csum & NDIS_CSUM_RX_IP_OK);
	ST_EXPECT(t, !(csum & NDIS_CSUM_RX_TCP_FAILED));
}

SELFTEST(rndis_ppi_pkt_id_decodes)
{
	static const u8 img[16] = {
		0x10, 0x00, 0x00, 0x00,		/* size 16 */
		0x01, 0x00, 0x00, 0x80,		/* internal type 1 */
		0x0c, 0x00, 0x00, 0x00,		/* data offset 12 */
		0x01, 0x03, 0x34, 0x12,		/* v1, suballoc|first, 0x1234 */
	};
	struct rndis_ppi_hdr ppi;
	struct rndis_ppi_pkt_id id;

	memcpy(&ppi, img, sizeof(ppi));
	memcpy(&id, img + ppi.data_offset, sizeof(id));
	ST_EXPECT_EQ(t, ppi.type, NDIS_PPI_PKT_ID);
	ST_EXPECT_EQ(t, id.version, NDIS_PKT_ID_VERSION);
	ST_EXPECT_EQ(t, id.flags, NDIS_PKT_ID_SUBALLOC | NDIS_PKT_ID_FIRST_FRAG);
	ST_EXPECT_EQ(t, id.pkt_id, 0x1234);
}

SELFTEST(rndis_offload_caps_decodes)
{
	u8 img[156];
	struct ndis_offload_caps c;

	memset(img, 0, sizeof(img));
	img[0] = 0xa7;			/* type */
	img[1] = 3;			/* revision */
	put_le16(img, 2, 156);		/* size */
	put_le32(img, 4, 0x2);		/* IPv4 TX encap 802.3 */
	put_le32(img, 8, 0x155);	/* IPv4 TX csum flags */
	put_le32(img, 16, 0x155);	/* IPv4 RX csum flags */
	put_le32(img, 24, 0x15);	/* IPv6 TX flags */
	put_le32(img, 40, 0x10000);	/* LSOv1 max size */
	put_le32(img, 80, 0x2);		/* LSOv2 IPv4 encap */
	put_le32(img, 84, 62780);	/* LSOv2 IPv4 max size */
	put_le32(img, 88, 2);		/* LSOv2 IPv4 min segments */
	put_le32(img, 92, 0x2);		/* LSOv2 IPv6 encap */
	put_le32(img, 96, 62780);	/* LSOv2 IPv6 max size */
	put_le32(img, 100, 2);		/* LSOv2 IPv6 min segments */
	put_le32(img, 104, 0x5);	/* LSOv2 IPv6 options */
	put_le32(img, 108, 0xdead);	/* flags */
	put_le32(img, 112, 0x2);	/* IPsec v2 encap */
	img[144] = 1;			/* RSC IPv4 */
	img[145] = 1;			/* RSC IPv6 */
	put_le32(img, 148, 0x11);	/* GRE flags */
	put_le32(img, 152, 0x40);	/* GRE max header */

	memcpy(&c, img, sizeof(c));
	ST_EXPECT_EQ(t, c.hdr.type, NDIS_OBJ_TYPE_OFFLOAD);
	ST_EXPECT_EQ(t, c.hdr.revision, NDIS_OFFLOAD_CAPS_REV_3);
	ST_EXPECT_EQ(t, c.hdr.size, NDIS_OFFLOAD_CAPS_SIZE_REV_3);
	ST_EXPECT_EQ(t, c.csum.ipv4_tx_encap, NDIS_OFFLOAD_ENC_802_3);
	ST_EXPECT(t, c.csum.ipv4_tx_flags & NDIS_CSUM_CAP_TCP);
	ST_EXPECT(t, c.csum.ipv4_tx_flags & NDIS_CSUM_CAP_UDP);
	ST_EXPECT(t, c.csum.ipv4_tx_flags & NDIS_CSUM_CAP_IPV4_HDR);
	ST_EXPECT_EQ(t, c.csum.ipv4_rx_flags, 0x155);
	ST_EXPECT_EQ(t, c.csum.ipv6_tx_flags, NDIS_CSUM_CAP_IP_OPTIONS |
		     NDIS_CSUM_CAP_TCP_OPTIONS | NDIS_CSUM_CAP_TCP);
	ST_EXPECT_EQ(t, c.lsov1.max_size, 0x10000);
	ST_EXPECT_EQ(t, c.lsov2.ipv4_encap, NDIS_OFFLOAD_ENC_802_3);
	ST_EXPECT_EQ(t, c.lsov2.ipv4_max_size, 62780);
	ST_EXPECT_EQ(t, c.lsov2.ipv4_min_segs, 2);
	ST_EXPECT_EQ(t, c.lsov2.ipv6_encap, NDIS_OFFLOAD_ENC_802_3);
	ST_EXPECT_EQ(t, c.lsov2.ipv6_max_size, 62780);
	ST_EXPECT_EQ(t, c.lsov2.ipv6_min_segs, 2);
	ST_EXPECT_EQ(t, c.lsov2.ipv6_options, NDIS_LSOV2_OPT_IPV6_EXT_HDRS |
		     NDIS_LSOV2_OPT_TCP_OPTIONS);
	ST_EXPECT_EQ(t, c.flags, 0xdead);
	ST_EXPECT_EQ(t, c.ipsecv2.encap, 0x2);
	ST_EXPECT_EQ(t, c.rsc.ipv4, 1);
	ST_EXPECT_EQ(t, c.rsc.ipv6, 1);
	ST_EXPECT_EQ(t, c.gre.flags, 0x11);
	ST_EXPECT_EQ(t, c.gre.max_header, 0x40);
}

SELFTEST(rndis_offload_cfg_encodes)
{
	struct ndis_offload_cfg p;
	const u8 *b = (const u8 *)&p;

	memset(&p, 0, sizeof(p));
	p.hdr.type = NDIS_OBJ_TYPE_DEFAULT;
	p.hdr.revision = NDIS_OFFLOAD_CFG_REV_3;
	p.hdr.size = NDIS_OFFLOAD_CFG_SIZE;
	p.ipv4_csum = NDIS_OFFLOAD_CFG_CSUM_OFF;
	p.tcp4_csum = NDIS_OFFLOAD_CFG_CSUM_TX_RX;
	p.udp6_csum = NDIS_OFFLOAD_CFG_CSUM_TX_RX;
	p.lsov2_ipv4 = NDIS_OFFLOAD_CFG_LSO_ON;
	p.lsov2_ipv6 = NDIS_OFFLOAD_CFG_LSO_ON;
	p.rsc_ipv4 = NDIS_OFFLOAD_CFG_RSC_ON;
	p.rsc_ipv6 = NDIS_OFFLOAD_CFG_RSC_OFF;

	ST_EXPECT_EQ(t, b[0], 0x80);
	ST_EXPECT_EQ(t, b[1], 3);
	ST_EXPECT_EQ(t, b[2], 28);
	ST_EXPECT_EQ(t, b[4], 1);
	ST_EXPECT_EQ(t, b[5], 4);
	ST_EXPECT_EQ(t, b[8], 4);
	ST_EXPECT_EQ(t, b[11], 2);
	ST_EXPECT_EQ(t, b[12], 2);
	ST_EXPECT_EQ(t, b[22], 2);
	ST_EXPECT_EQ(t, b[23], 1);
}

SELFTEST(rndis_rss_capabilities_decodes)
{
	static const u8 img[18] = {
		0x88, 0x02, 0x12, 0x00,		/* header: type, rev 2, 18 */
		0x00, 0x01, 0x00, 0x01,		/* flags */
		0x08, 0x00, 0x00, 0x00,		/* interrupt messages */
		0x08, 0x00, 0x00, 0x00,		/* receive queues */
		0x80, 0x00,			/* table entries */
	};
	struct ndis_rss_capabilities c;

	memcpy(&c, img, sizeof(c));
	ST_EXPECT_EQ(t, c.hdr.type, NDIS_OBJ_TYPE_RSS_CAPS);
	ST_EXPECT_EQ(t, c.hdr.revision, NDIS_RSS_CAPABILITIES_REV_2);
	ST_EXPECT_EQ(t, c.hdr.size, NDIS_RSS_CAPABILITIES_SIZE);
	ST_EXPECT_EQ(t, c.flags, NDIS_RSS_CAPS_FLAG_MSI |
		     NDIS_RSS_CAPS_FLAG_HASH_TCP_IPV4);
	ST_EXPECT_EQ(t, c.msi_count, 8);
	ST_EXPECT_EQ(t, c.rx_queue_count, 8);
	ST_EXPECT_EQ(t, c.table_entries, NDIS_RSS_TABLE_ENTRIES_DEFAULT);
}

SELFTEST(rndis_rss_parameters_encodes)
{
	struct ndis_rss_parameters p;
	const u8 *b = (const u8 *)&p;
	u16 table = 4 * NDIS_RSS_TABLE_ENTRIES_DEFAULT;

	memset(&p, 0, sizeof(p));
	p.hdr.type = NDIS_OBJ_TYPE_RSS_PARAMS;
	p.hdr.revision = NDIS_RSS_PARAMETERS_REV_2;
	p.hdr.size = NDIS_RSS_PARAMETERS_SIZE;
	p.flags = NDIS_RSS_PARAM_DISABLE;
	p.hash_info = NDIS_RSS_HASH_FUNC_TOEPLITZ | NDIS_RSS_HASH_TCP_IPV4;
	p.table_size = table;
	p.table_offset = sizeof(p);
	p.key_size = NDIS_RSS_KEY_SIZE_TOEPLITZ;
	p.key_offset = sizeof(p) + table;

	ST_EXPECT_EQ(t, b[0], 0x89);
	ST_EXPECT_EQ(t, b[2], 40);
	ST_EXPECT_EQ(t, b[4], 0x10);
	ST_EXPECT_EQ(t, b[8], 0x01);
	ST_EXPECT_EQ(t, b[9], 0x02);
	ST_EXPECT_EQ(t, b[12] | (b[13] << 8), 512);
	ST_EXPECT_EQ(t, b[16], 40);
	ST_EXPECT_EQ(t, b[20], 40);
	ST_EXPECT_EQ(t, b[24] | (b[25] << 8), 552);
}
