/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RNDIS as spoken inside NVSP (nvsp.h) between a synthetic NIC driver and
 * the Hyper-V network VSP: RNDIS messages, status codes, the NDIS OIDs a
 * guest uses, per-packet info (PPI) records and the NDIS offload and RSS
 * objects. Wire layouts and constants only.
 */
#ifndef _LUMEN_PROTO_RNDIS_H
#define _LUMEN_PROTO_RNDIS_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

/**
 * DOC: RNDIS control flow
 *
 * Each RNDIS message starts with &struct rndis_hdr: a type (RNDIS_MT_*) and
 * the length of the whole message, header included. All fields are
 * little-endian. Every "offset" field of a message counts from the byte
 * right after the 8-byte header (RNDIS_MT_BODY_OFFSET), not from the start
 * of the message. The structs below include the header, so such an offset
 * o lands at message byte RNDIS_MT_BODY_OFFSET + o.
 *
 * The guest sends RNDIS messages in NVSP_MSG_SEND_RNDIS_PKT with channel
 * type NVSP_CHANNEL_CONTROL (everything but PACKET) or NVSP_CHANNEL_DATA
 * (PACKET). The host's RNDIS messages, control replies included, arrive as
 * ranges of receive-buffer transfer-page packets.
 *
 * Control requests carry a guest-chosen request id that the completion
 * echoes (RNDIS_MT_COMPLETION set in the type):
 *
 * 1. INIT -> INIT_C. The guest offers version 1.0 and a maximum transfer
 *    size; the host returns the most RNDIS messages it accepts in one NVSP
 *    packet and the alignment (1 << alignment factor) each must start at.
 * 2. QUERY -> QUERY_C for NDIS_OID_* values. The request may carry an input
 *    buffer (e.g. the object header of the capabilities being asked for);
 *    the reply holds the answer at its info offset.
 * 3. SET -> SET_C: packet filter, offload parameters, RSS parameters, MAC
 *    address (NDIS_OID_GEN_RNDIS_CONFIG_PARAMETER).
 * 4. KEEPALIVE -> KEEPALIVE_C and RESET -> RESET_C exist; a Linux-style
 *    guest does not start them.
 * 5. HALT ends the session; it has no reply.
 *
 * Order used at bring-up: INIT; query NDIS_OID_GEN_MAXIMUM_FRAME_SIZE and
 * NDIS_OID_802_3_PERMANENT_ADDRESS (optionally NDIS_OID_GEN_FRIENDLY_NAME);
 * query NDIS_OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES and set
 * NDIS_OID_TCP_OFFLOAD_PARAMETERS; query NDIS_OID_GEN_MEDIA_CONNECT_STATUS;
 * for NVSP >= 5 query NDIS_OID_GEN_LINK_SPEED and
 * NDIS_OID_GEN_RECEIVE_SCALE_CAPABILITIES, and after the sub-channels are
 * open set NDIS_OID_GEN_RECEIVE_SCALE_PARAMETERS twice (first with
 * NDIS_RSS_PARAM_DISABLE, then the real table); on interface up set the
 * packet filter (NDIS_PF_DIRECTED | NDIS_PF_ALL_MULTICAST |
 * NDIS_PF_BROADCAST), on interface down set it to 0.
 *
 * The host sends INDICATE_STATUS unsolicited: RNDIS_ST_MEDIA_CONNECT,
 * RNDIS_ST_MEDIA_DISCONNECT, RNDIS_ST_NETWORK_CHANGE, and
 * RNDIS_ST_LINK_SPEED_CHANGE with a u32 speed (100 bit/s units) as status
 * buffer. The guest does not answer indications.
 */

/**
 * DOC: RNDIS data path and per-packet info
 *
 * A frame travels in an RNDIS PACKET message (&struct rndis_pkt_msg). Its
 * data, OOB and PPI offsets count from RNDIS_MT_BODY_OFFSET. A guest builds
 * a transmit message as: header, 36-byte packet part, PPI records back to
 * back (PPI offset 36), then the frame (data offset 36 + PPI length);
 * message length = 8 + data offset + frame length. Several PACKET messages
 * may share one send section, each starting at the alignment INIT_C gave,
 * up to the max packets per message INIT_C gave.
 *
 * Each PPI record is a &struct rndis_ppi_hdr (size of the whole record,
 * type, offset of the data from the record start, normally 12) followed by
 * the data. The top bit of the type (NDIS_PPI_INTERNAL) selects a second,
 * Hyper-V internal type space. A receiver walks the records inside
 * [PPI offset, PPI offset + PPI length) and checks each size and data
 * offset against what is left before using it.
 *
 * Transmit PPIs a guest sends: NDIS_PPI_CSUM (checksum request),
 * NDIS_PPI_LSO (LSOv2 request; for IPv4 the guest zeroes the IP total
 * length and header checksum and seeds the TCP checksum with the
 * pseudo-header of length 0, for IPv6 it seeds the pseudo-header
 * likewise), NDIS_PPI_VLAN and NDIS_PPI_HASH_VALUE (flow hash).
 *
 * Receive PPIs the host sends: NDIS_PPI_CSUM (verdicts),
 * NDIS_PPI_VLAN, NDIS_PPI_HASH_VALUE (RSS hash), NDIS_PPI_HASH_INFO (hash
 * type) and, with RSC, NDIS_PPI_PKT_ID whose flags mark the fragments of
 * one coalesced packet spread over several RNDIS messages.
 *
 * The u32 data of the checksum, LSO and VLAN records is a bit field; the
 * NDIS_CSUM_*, NDIS_LSO_* and NDIS_VLAN_* macros give single bits as masks
 * and multi-bit fields as a shift and a mask applied after the shift:
 * value = (word >> SHIFT) & MASK.
 */

/* RNDIS message types (&struct rndis_hdr.type). */
#define RNDIS_MT_COMPLETION		0x80000000
#define RNDIS_MT_PACKET			0x00000001
#define RNDIS_MT_INIT			0x00000002
#define RNDIS_MT_INIT_C			0x80000002
#define RNDIS_MT_HALT			0x00000003
#define RNDIS_MT_QUERY			0x00000004
#define RNDIS_MT_QUERY_C		0x80000004
#define RNDIS_MT_SET			0x00000005
#define RNDIS_MT_SET_C			0x80000005
#define RNDIS_MT_RESET			0x00000006
#define RNDIS_MT_RESET_C		0x80000006
#define RNDIS_MT_INDICATE_STATUS	0x00000007
#define RNDIS_MT_KEEPALIVE		0x00000008
#define RNDIS_MT_KEEPALIVE_C		0x80000008
#define RNDIS_MT_SET_EX			0x00000009	/* unused by guests */
#define RNDIS_MT_SET_EX_C		0x80000009	/* unused by guests */

/* Where offset fields count from, and fixed sizes of message parts. */
#define RNDIS_MT_BODY_OFFSET		8
#define RNDIS_MT_PACKET_BODY_SIZE	36
#define RNDIS_MT_REQ_INFO_OFFSET	20	/* QUERY/SET info right after */

/* Values the guest sends in &struct rndis_init_req. */
#define RNDIS_MT_VERSION_MAJOR		1
#define RNDIS_MT_VERSION_MINOR		0
#define RNDIS_MT_GUEST_MAX_XFER		0x4000

/* Values in &struct rndis_init_cmplt. */
#define RNDIS_MT_DF_CONNECTIONLESS	0x00000001
#define RNDIS_MT_MEDIUM_802_3		0
#define RNDIS_MT_MAX_PKTS_DEFAULT	8	/* until INIT_C says otherwise */
#define RNDIS_MT_ALIGN_DEFAULT		8	/* until INIT_C says otherwise */
#define RNDIS_MT_INIT_C_MIN_LEN		48	/* up to af_list_offset */

/* RNDIS (NDIS) status codes: completions and INDICATE_STATUS. */
#define RNDIS_ST_SUCCESS		0x00000000
#define RNDIS_ST_PENDING		0x00000103
#define RNDIS_ST_BUFFER_OVERFLOW	0x80000005
#define RNDIS_ST_FAILURE		0xc0000001
#define RNDIS_ST_RESOURCES		0xc000009a
#define RNDIS_ST_NOT_SUPPORTED		0xc00000bb
#define RNDIS_ST_INVALID_DATA		0xc0010015

/* Status indications (&struct rndis_status_ind.status). */
#define RNDIS_ST_MEDIA_CONNECT		0x4001000b
#define RNDIS_ST_MEDIA_DISCONNECT	0x4001000c
#define RNDIS_ST_LINK_SPEED_CHANGE	0x40010013
#define RNDIS_ST_NETWORK_CHANGE		0x40010018
#define RNDIS_ST_TASK_OFFLOAD_CURRENT_CONFIG 0x40020006

/* NDIS OIDs used in QUERY and SET. */
#define NDIS_OID_GEN_MAXIMUM_FRAME_SIZE		0x00010106	/* query */
#define NDIS_OID_GEN_LINK_SPEED			0x00010107	/* query */
#define NDIS_OID_GEN_CURRENT_PACKET_FILTER	0x0001010e	/* set */
#define NDIS_OID_GEN_MEDIA_CONNECT_STATUS	0x00010114	/* query */
#define NDIS_OID_GEN_RECEIVE_SCALE_CAPABILITIES	0x00010203	/* query */
#define NDIS_OID_GEN_RECEIVE_SCALE_PARAMETERS	0x00010204	/* set */
#define NDIS_OID_GEN_RNDIS_CONFIG_PARAMETER	0x0001021b	/* set */
#define NDIS_OID_GEN_FRIENDLY_NAME		0x00020216	/* query */
#define NDIS_OID_802_3_PERMANENT_ADDRESS	0x01010101	/* query */
#define NDIS_OID_802_3_CURRENT_ADDRESS		0x01010102	/* unused */
#define NDIS_OID_802_3_MULTICAST_LIST		0x01010103	/* unused */
#define NDIS_OID_OFFLOAD_ENCAPSULATION		0x0101010a	/* unused */
#define NDIS_OID_TCP_OFFLOAD_CURRENT_CONFIG	0xfc01020b	/* unused */
#define NDIS_OID_TCP_OFFLOAD_PARAMETERS		0xfc01020c	/* set */
#define NDIS_OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES 0xfc01020d	/* query */

/* NDIS_OID_GEN_CURRENT_PACKET_FILTER bits. */
#define NDIS_PF_DIRECTED		0x00000001
#define NDIS_PF_MULTICAST		0x00000002
#define NDIS_PF_ALL_MULTICAST		0x00000004
#define NDIS_PF_BROADCAST		0x00000008
#define NDIS_PF_PROMISCUOUS		0x00000020

/* NDIS_OID_GEN_MEDIA_CONNECT_STATUS values. */
#define NDIS_MEDIA_CONNECTED		0
#define NDIS_MEDIA_DISCONNECTED		1

/*
 * NDIS_OID_GEN_RNDIS_CONFIG_PARAMETER parameter types. The guest sets its
 * MAC with the name "NetworkAddress" and the value as 12 hex digits, both
 * UTF-16LE, of type NDIS_CONFIG_PARAM_STRING.
 */
#define NDIS_CONFIG_PARAM_INTEGER	0
#define NDIS_CONFIG_PARAM_STRING	2

/* PPI types (&struct rndis_ppi_hdr.type). */
#define NDIS_PPI_INTERNAL		0x80000000
#define NDIS_PPI_TYPE_MASK		0x7fffffff
#define NDIS_PPI_CSUM			0
#define NDIS_PPI_IPSEC			1
#define NDIS_PPI_LSO			2
#define NDIS_PPI_CLASSIFY		3
#define NDIS_PPI_SG_LIST		5
#define NDIS_PPI_VLAN			6
#define NDIS_PPI_ORIGINAL		7
#define NDIS_PPI_HASH_VALUE		8	/* a.k.a. packet cancel id */
#define NDIS_PPI_HASH_INFO		9	/* a.k.a. original NBL */
#define NDIS_PPI_CACHED_NBL		10
#define NDIS_PPI_SHORT_PAD		11
#define NDIS_PPI_PKT_ID			(NDIS_PPI_INTERNAL | 1)

/* Data offset of a PPI record that carries no padding. */
#define NDIS_PPI_DATA_OFFSET		12

/* NDIS_PPI_PKT_ID data (&struct rndis_ppi_pkt_id). */
#define NDIS_PKT_ID_VERSION		1
#define NDIS_PKT_ID_SUBALLOC		0x01
#define NDIS_PKT_ID_FIRST_FRAG		0x02
#define NDIS_PKT_ID_LAST_FRAG		0x04

/* NDIS_PPI_CSUM, guest to host: what to compute. */
#define NDIS_CSUM_TX_IPV4		0x00000001
#define NDIS_CSUM_TX_IPV6		0x00000002
#define NDIS_CSUM_TX_TCP		0x00000004
#define NDIS_CSUM_TX_UDP		0x00000008
#define NDIS_CSUM_TX_IP_HDR		0x00000010
#define NDIS_CSUM_TX_THOFF_SHIFT	16	/* transport header offset */
#define NDIS_CSUM_TX_THOFF_MASK		0x3ff

/* NDIS_PPI_CSUM, host to guest: what was verified. */
#define NDIS_CSUM_RX_TCP_FAILED		0x00000001
#define NDIS_CSUM_RX_UDP_FAILED		0x00000002
#define NDIS_CSUM_RX_IP_FAILED		0x00000004
#define NDIS_CSUM_RX_TCP_OK		0x00000008
#define NDIS_CSUM_RX_UDP_OK		0x00000010
#define NDIS_CSUM_RX_IP_OK		0x00000020
#define NDIS_CSUM_RX_LOOPBACK		0x00000040
#define NDIS_CSUM_RX_TCP_VALUE_INVALID	0x00000080
#define NDIS_CSUM_RX_IP_VALUE_INVALID	0x00000100

/* NDIS_PPI_LSO, guest to host (LSOv2 request). */
#define NDIS_LSO_MSS_SHIFT		0
#define NDIS_LSO_MSS_MASK		0xfffff
#define NDIS_LSO_THOFF_SHIFT		20	/* TCP header offset */
#define NDIS_LSO_THOFF_MASK		0x3ff
#define NDIS_LSO_TYPE_V2		0x40000000
#define NDIS_LSO_IPV6			0x80000000	/* clear: IPv4 */

/* NDIS_PPI_VLAN (IEEE 802.1Q info). */
#define NDIS_VLAN_PRIO_SHIFT		0
#define NDIS_VLAN_PRIO_MASK		0x7
#define NDIS_VLAN_CFI			0x00000008
#define NDIS_VLAN_ID_SHIFT		4
#define NDIS_VLAN_ID_MASK		0xfff

/* NDIS object header types (&struct ndis_obj_hdr.type). */
#define NDIS_OBJ_TYPE_DEFAULT		0x80	/* offload parameters */
#define NDIS_OBJ_TYPE_RSS_CAPS		0x88
#define NDIS_OBJ_TYPE_RSS_PARAMS	0x89
#define NDIS_OBJ_TYPE_OFFLOAD		0xa7	/* offload capabilities */

/* Offload capabilities object: revision and size asked for, by NVSP. */
#define NDIS_OFFLOAD_CAPS_REV_1		1	/* NVSP < 4 */
#define NDIS_OFFLOAD_CAPS_SIZE_REV_1	112
#define NDIS_OFFLOAD_CAPS_REV_2		2	/* NVSP 4 */
#define NDIS_OFFLOAD_CAPS_SIZE_REV_2	144
#define NDIS_OFFLOAD_CAPS_REV_3		3	/* NVSP >= 5 */
#define NDIS_OFFLOAD_CAPS_SIZE_REV_3	156

/* Encapsulation bits in offload capabilities. */
#define NDIS_OFFLOAD_ENC_NULL		0x00000001
#define NDIS_OFFLOAD_ENC_802_3		0x00000002
#define NDIS_OFFLOAD_ENC_802_3_PQ	0x00000004
#define NDIS_OFFLOAD_ENC_802_3_PQ_OOB	0x00000008
#define NDIS_OFFLOAD_ENC_RFC1483	0x00000010

/* Checksum capability bits (&struct ndis_offload_csum *_flags). */
#define NDIS_CSUM_CAP_IP_OPTIONS	0x00000001	/* v6: ext headers */
#define NDIS_CSUM_CAP_TCP_OPTIONS	0x00000004
#define NDIS_CSUM_CAP_TCP		0x00000010
#define NDIS_CSUM_CAP_UDP		0x00000040
#define NDIS_CSUM_CAP_IPV4_HDR		0x00000100

/* LSOv2 IPv6 option bits (&struct ndis_offload_lsov2.ipv6_options). */
#define NDIS_LSOV2_OPT_IPV6_EXT_HDRS	0x00000001
#define NDIS_LSOV2_OPT_TCP_OPTIONS	0x00000004

/* Offload parameters object (&struct ndis_offload_cfg). */
#define NDIS_OFFLOAD_CFG_REV_3		3
#define NDIS_OFFLOAD_CFG_SIZE		28
#define NDIS_OFFLOAD_CFG_SIZE_NVSP4	22	/* NVSP <= 4; UDP fields 0 */

/* Values of the u8 fields of &struct ndis_offload_cfg. */
#define NDIS_OFFLOAD_CFG_NO_CHANGE	0
#define NDIS_OFFLOAD_CFG_CSUM_OFF	1	/* TX and RX disabled */
#define NDIS_OFFLOAD_CFG_CSUM_TX	2	/* TX only */
#define NDIS_OFFLOAD_CFG_CSUM_RX	3	/* RX only */
#define NDIS_OFFLOAD_CFG_CSUM_TX_RX	4	/* TX and RX enabled */
#define NDIS_OFFLOAD_CFG_LSO_OFF	1
#define NDIS_OFFLOAD_CFG_LSO_ON		2
#define NDIS_OFFLOAD_CFG_RSC_OFF	1
#define NDIS_OFFLOAD_CFG_RSC_ON		2

/* RSS capabilities object (&struct ndis_rss_capabilities). */
#define NDIS_RSS_CAPABILITIES_REV_2	2
#define NDIS_RSS_CAPABILITIES_SIZE	18

/* &struct ndis_rss_capabilities.flags. */
#define NDIS_RSS_CAPS_FLAG_HASH_TCP_IPV4	0x00000100
#define NDIS_RSS_CAPS_FLAG_HASH_TCP_IPV6	0x00000200
#define NDIS_RSS_CAPS_FLAG_HASH_TCP_IPV6_EX	0x00000400
#define NDIS_RSS_CAPS_FLAG_MSI			0x01000000
#define NDIS_RSS_CAPS_FLAG_CLASSIFY_ISR		0x02000000
#define NDIS_RSS_CAPS_FLAG_CLASSIFY_DPC		0x04000000
#define NDIS_RSS_CAPS_FLAG_USING_MSIX		0x08000000
#define NDIS_RSS_CAPS_FLAG_ON_PORTS		0x10000000
#define NDIS_RSS_CAPS_FLAG_SUPPORTS_MSIX	0x20000000

/* RSS parameters object (&struct ndis_rss_parameters). */
#define NDIS_RSS_PARAMETERS_REV_2	2
#define NDIS_RSS_PARAMETERS_SIZE	40

/* &struct ndis_rss_parameters.flags. */
#define NDIS_RSS_PARAM_BASE_CPU_UNCHANGED	0x0001
#define NDIS_RSS_PARAM_HASH_INFO_UNCHANGED	0x0002
#define NDIS_RSS_PARAM_TABLE_UNCHANGED		0x0004
#define NDIS_RSS_PARAM_KEY_UNCHANGED		0x0008
#define NDIS_RSS_PARAM_DISABLE			0x0010

/* &struct ndis_rss_parameters.hash_info and NDIS_PPI_HASH_INFO data. */
#define NDIS_RSS_HASH_FUNC_MASK		0x000000ff
#define NDIS_RSS_HASH_FUNC_TOEPLITZ	0x00000001
#define NDIS_RSS_HASH_TYPE_MASK		0x00ffff00
#define NDIS_RSS_HASH_IPV4		0x00000100
#define NDIS_RSS_HASH_TCP_IPV4		0x00000200
#define NDIS_RSS_HASH_IPV6		0x00000400
#define NDIS_RSS_HASH_IPV6_EX		0x00000800
#define NDIS_RSS_HASH_TCP_IPV6		0x00001000
#define NDIS_RSS_HASH_TCP_IPV6_EX	0x00002000

/* Indirection table entries (u32 each) and Toeplitz key size. */
#define NDIS_RSS_TABLE_ENTRIES_DEFAULT	128
#define NDIS_RSS_TABLE_ENTRIES_MAX	256
#define NDIS_RSS_KEY_SIZE_TOEPLITZ	40

/**
 * struct rndis_hdr - header of every RNDIS message
 * @type: message type, one of RNDIS_MT_*
 * @len: length of the whole message in bytes, this header included
 *
 * Direction: both.
 */
struct rndis_hdr {
	__le32 type;
	__le32 len;
};

static_assert(sizeof(struct rndis_hdr) == RNDIS_MT_BODY_OFFSET);
static_assert(offsetof(struct rndis_hdr, type) == 0);
static_assert(offsetof(struct rndis_hdr, len) == 4);

/**
 * struct rndis_pkt_msg - RNDIS_MT_PACKET: one frame with its PPIs
 * @hdr: RNDIS_MT_PACKET and the message length
 * @data_offset: offset of the frame, from the end of @hdr
 * @data_len: frame length in bytes
 * @oob_offset: offset of the OOB data, from the end of @hdr (0 if none)
 * @oob_len: OOB data length (0)
 * @oob_count: number of OOB elements (0)
 * @ppi_offset: offset of the first PPI record, from the end of @hdr
 * @ppi_len: total length of the PPI records
 * @vc_handle: virtual-circuit handle, 0 (connectionless)
 * @reserved: zero
 *
 * Direction: both (guest transmit, host receive).
 */
struct rndis_pkt_msg {
	struct rndis_hdr hdr;
	__le32 data_offset;
	__le32 data_len;
	__le32 oob_offset;
	__le32 oob_len;
	__le32 oob_count;
	__le32 ppi_offset;
	__le32 ppi_len;
	__le32 vc_handle;
	__le32 reserved;
};

static_assert(sizeof(struct rndis_pkt_msg) ==
	      RNDIS_MT_BODY_OFFSET + RNDIS_MT_PACKET_BODY_SIZE);
static_assert(offsetof(struct rndis_pkt_msg, data_offset) == 8);
static_assert(offsetof(struct rndis_pkt_msg, data_len) == 12);
static_assert(offsetof(struct rndis_pkt_msg, oob_offset) == 16);
static_assert(offsetof(struct rndis_pkt_msg, oob_len) == 20);
static_assert(offsetof(struct rndis_pkt_msg, oob_count) == 24);
static_assert(offsetof(struct rndis_pkt_msg, ppi_offset) == 28);
static_assert(offsetof(struct rndis_pkt_msg, ppi_len) == 32);
static_assert(offsetof(struct rndis_pkt_msg, vc_handle) == 36);
static_assert(offsetof(struct rndis_pkt_msg, reserved) == 40);

/**
 * struct rndis_init_req - RNDIS_MT_INIT: start the RNDIS session
 * @hdr: RNDIS_MT_INIT and the message length (24)
 * @req_id: request id echoed by the completion
 * @ver_major: RNDIS_MT_VERSION_MAJOR
 * @ver_minor: RNDIS_MT_VERSION_MINOR
 * @max_xfer_size: largest message the guest accepts (RNDIS_MT_GUEST_MAX_XFER)
 *
 * Direction: guest to host.
 */
struct rndis_init_req {
	struct rndis_hdr hdr;
	__le32 req_id;
	__le32 ver_major;
	__le32 ver_minor;
	__le32 max_xfer_size;
};

static_assert(sizeof(struct rndis_init_req) == 24);
static_assert(offsetof(struct rndis_init_req, req_id) == 8);
static_assert(offsetof(struct rndis_init_req, ver_major) == 12);
static_assert(offsetof(struct rndis_init_req, ver_minor) == 16);
static_assert(offsetof(struct rndis_init_req, max_xfer_size) == 20);

/**
 * struct rndis_init_cmplt - RNDIS_MT_INIT_C: the device's parameters
 * @hdr: RNDIS_MT_INIT_C and the message length
 * @req_id: request id of the INIT
 * @status: one of RNDIS_ST_*
 * @ver_major: RNDIS major version of the device
 * @ver_minor: RNDIS minor version of the device
 * @dev_flags: RNDIS_MT_DF_CONNECTIONLESS
 * @medium: RNDIS_MT_MEDIUM_802_3
 * @max_pkts_per_msg: most RNDIS messages one NVSP packet may carry
 * @max_xfer_size: largest message the device accepts
 * @align_shift: each batched message starts at a multiple of
 *	1 << @align_shift bytes
 * @af_list_offset: address-family list offset (connection-oriented only)
 * @af_list_size: address-family list size (connection-oriented only)
 *
 * Direction: host to guest. FreeBSD accepts a reply that ends before
 * @af_list_size (RNDIS_MT_INIT_C_MIN_LEN bytes); a parser should too.
 */
struct rndis_init_cmplt {
	struct rndis_hdr hdr;
	__le32 req_id;
	__le32 status;
	__le32 ver_major;
	__le32 ver_minor;
	__le32 dev_flags;
	__le32 medium;
	__le32 max_pkts_per_msg;
	__le32 max_xfer_size;
	__le32 align_shift;
	__le32 af_list_offset;
	__le32 af_list_size;
};

static_assert(sizeof(struct rndis_init_cmplt) == 52);
static_assert(offsetof(struct rndis_init_cmplt, req_id) == 8);
static_assert(offsetof(struct rndis_init_cmplt, status) == 12);
static_assert(offsetof(struct rndis_init_cmplt, ver_major) == 16);
static_assert(offsetof(struct rndis_init_cmplt, ver_minor) == 20);
static_assert(offsetof(struct rndis_init_cmplt, dev_flags) == 24);
static_assert(offsetof(struct rndis_init_cmplt, medium) == 28);
static_assert(offsetof(struct rndis_init_cmplt, max_pkts_per_msg) == 32);
static_assert(offsetof(struct rndis_init_cmplt, max_xfer_size) == 36);
static_assert(offsetof(struct rndis_init_cmplt, align_shift) == 40);
static_assert(offsetof(struct rndis_init_cmplt, af_list_offset) == 44);
static_assert(offsetof(struct rndis_init_cmplt, af_list_size) ==
	      RNDIS_MT_INIT_C_MIN_LEN);

/**
 * struct rndis_halt_req - RNDIS_MT_HALT: end the RNDIS session
 * @hdr: RNDIS_MT_HALT and the message length (12)
 * @req_id: request id (no completion follows)
 *
 * Direction: guest to host.
 */
struct rndis_halt_req {
	struct rndis_hdr hdr;
	__le32 req_id;
};

static_assert(sizeof(struct rndis_halt_req) == 12);
static_assert(offsetof(struct rndis_halt_req, req_id) == 8);

/**
 * struct rndis_query_req - RNDIS_MT_QUERY: read an OID
 * @hdr: RNDIS_MT_QUERY and the message length (28 + @info_len)
 * @req_id: request id echoed by the completion
 * @oid: object asked for, one of NDIS_OID_*
 * @info_len: length of the input buffer (0 for most OIDs)
 * @info_offset: offset of the input buffer from the end of @hdr
 *	(RNDIS_MT_REQ_INFO_OFFSET: right after this struct)
 * @dev_vc_handle: 0
 *
 * Direction: guest to host.
 */
struct rndis_query_req {
	struct rndis_hdr hdr;
	__le32 req_id;
	__le32 oid;
	__le32 info_len;
	__le32 info_offset;
	__le32 dev_vc_handle;
};

static_assert(sizeof(struct rndis_query_req) ==
	      RNDIS_MT_BODY_OFFSET + RNDIS_MT_REQ_INFO_OFFSET);
static_assert(offsetof(struct rndis_query_req, req_id) == 8);
static_assert(offsetof(struct rndis_query_req, oid) == 12);
static_assert(offsetof(struct rndis_query_req, info_len) == 16);
static_assert(offsetof(struct rndis_query_req, info_offset) == 20);
static_assert(offsetof(struct rndis_query_req, dev_vc_handle) == 24);

/**
 * struct rndis_query_cmplt - RNDIS_MT_QUERY_C: the value of an OID
 * @hdr: RNDIS_MT_QUERY_C and the message length
 * @req_id: request id of the QUERY
 * @status: one of RNDIS_ST_*
 * @info_len: length of the returned value
 * @info_offset: offset of the value from the end of @hdr
 *
 * Direction: host to guest.
 */
struct rndis_query_cmplt {
	struct rndis_hdr hdr;
	__le32 req_id;
	__le32 status;
	__le32 info_len;
	__le32 info_offset;
};

static_assert(sizeof(struct rndis_query_cmplt) == 24);
static_assert(offsetof(struct rndis_query_cmplt, req_id) == 8);
static_assert(offsetof(struct rndis_query_cmplt, status) == 12);
static_assert(offsetof(struct rndis_query_cmplt, info_len) == 16);
static_assert(offsetof(struct rndis_query_cmplt, info_offset) == 20);

/**
 * struct rndis_set_req - RNDIS_MT_SET: write an OID
 * @hdr: RNDIS_MT_SET and the message length (28 + @info_len)
 * @req_id: request id echoed by the completion
 * @oid: object to set, one of NDIS_OID_*
 * @info_len: length of the value
 * @info_offset: offset of the value from the end of @hdr
 *	(RNDIS_MT_REQ_INFO_OFFSET: right after this struct)
 * @dev_vc_handle: 0
 *
 * Direction: guest to host.
 */
struct rndis_set_req {
	struct rndis_hdr hdr;
	__le32 req_id;
	__le32 oid;
	__le32 info_len;
	__le32 info_offset;
	__le32 dev_vc_handle;
};

static_assert(sizeof(struct rndis_set_req) ==
	      RNDIS_MT_BODY_OFFSET + RNDIS_MT_REQ_INFO_OFFSET);
static_assert(offsetof(struct rndis_set_req, req_id) == 8);
static_assert(offsetof(struct rndis_set_req, oid) == 12);
static_assert(offsetof(struct rndis_set_req, info_len) == 16);
static_assert(offsetof(struct rndis_set_req, info_offset) == 20);
static_assert(offsetof(struct rndis_set_req, dev_vc_handle) == 24);

/**
 * struct rndis_set_cmplt - RNDIS_MT_SET_C: verdict on a SET
 * @hdr: RNDIS_MT_SET_C and the message length (16)
 * @req_id: request id of the SET
 * @status: one of RNDIS_ST_*
 *
 * Direction: host to guest.
 */
struct rndis_set_cmplt {
	struct rndis_hdr hdr;
	__le32 req_id;
	__le32 status;
};

static_assert(sizeof(struct rndis_set_cmplt) == 16);
static_assert(offsetof(struct rndis_set_cmplt, req_id) == 8);
static_assert(offsetof(struct rndis_set_cmplt, status) == 12);

/**
 * struct rndis_reset_req - RNDIS_MT_RESET: soft-reset the device
 * @hdr: RNDIS_MT_RESET and the message length (12)
 * @reserved: zero
 *
 * Direction: guest to host.
 */
struct rndis_reset_req {
	struct rndis_hdr hdr;
	__le32 reserved;
};

static_assert(sizeof(struct rndis_reset_req) == 12);
static_assert(offsetof(struct rndis_reset_req, reserved) == 8);

/**
 * struct rndis_reset_cmplt - RNDIS_MT_RESET_C: reset done
 * @hdr: RNDIS_MT_RESET_C and the message length (16)
 * @status: one of RNDIS_ST_*
 * @addressing_reset: non-zero when the guest must restore its multicast
 *	list and packet filter
 *
 * Direction: host to guest. Carries no request id.
 */
struct rndis_reset_cmplt {
	struct rndis_hdr hdr;
	__le32 status;
	__le32 addressing_reset;
};

static_assert(sizeof(struct rndis_reset_cmplt) == 16);
static_assert(offsetof(struct rndis_reset_cmplt, status) == 8);
static_assert(offsetof(struct rndis_reset_cmplt, addressing_reset) == 12);

/**
 * struct rndis_status_ind - RNDIS_MT_INDICATE_STATUS: device event
 * @hdr: RNDIS_MT_INDICATE_STATUS and the message length
 * @status: event, one of RNDIS_ST_* (RNDIS_ST_MEDIA_CONNECT, ...)
 * @status_len: length of the status buffer
 * @status_offset: offset of the status buffer from the end of @hdr
 *	(at least 12, i.e. past this struct, when @status_len != 0)
 *
 * Direction: host to guest, unsolicited, no reply.
 */
struct rndis_status_ind {
	struct rndis_hdr hdr;
	__le32 status;
	__le32 status_len;
	__le32 status_offset;
};

static_assert(sizeof(struct rndis_status_ind) == 20);
static_assert(offsetof(struct rndis_status_ind, status) == 8);
static_assert(offsetof(struct rndis_status_ind, status_len) == 12);
static_assert(offsetof(struct rndis_status_ind, status_offset) == 16);

/**
 * struct rndis_keepalive_req - RNDIS_MT_KEEPALIVE: liveness probe
 * @hdr: RNDIS_MT_KEEPALIVE and the message length (12)
 * @req_id: request id echoed by the completion
 *
 * Direction: both (either side may probe; the other completes).
 */
struct rndis_keepalive_req {
	struct rndis_hdr hdr;
	__le32 req_id;
};

static_assert(sizeof(struct rndis_keepalive_req) == 12);
static_assert(offsetof(struct rndis_keepalive_req, req_id) == 8);

/**
 * struct rndis_keepalive_cmplt - RNDIS_MT_KEEPALIVE_C: probe answer
 * @hdr: RNDIS_MT_KEEPALIVE_C and the message length (16)
 * @req_id: request id of the KEEPALIVE
 * @status: one of RNDIS_ST_*
 *
 * Direction: both.
 */
struct rndis_keepalive_cmplt {
	struct rndis_hdr hdr;
	__le32 req_id;
	__le32 status;
};

static_assert(sizeof(struct rndis_keepalive_cmplt) == 16);
static_assert(offsetof(struct rndis_keepalive_cmplt, req_id) == 8);
static_assert(offsetof(struct rndis_keepalive_cmplt, status) == 12);

/**
 * struct rndis_ppi_hdr - header of one per-packet-info record
 * @size: size of the whole record, this header included
 * @type: PPI type, one of NDIS_PPI_* (NDIS_PPI_INTERNAL marks the
 *	Hyper-V internal type space)
 * @data_offset: offset of the data from the start of the record
 *	(NDIS_PPI_DATA_OFFSET); must be below @size
 *
 * Direction: both, inside &struct rndis_pkt_msg.
 */
struct rndis_ppi_hdr {
	__le32 size;
	__le32 type;
	__le32 data_offset;
};

static_assert(sizeof(struct rndis_ppi_hdr) == NDIS_PPI_DATA_OFFSET);
static_assert(offsetof(struct rndis_ppi_hdr, size) == 0);
static_assert(offsetof(struct rndis_ppi_hdr, type) == 4);
static_assert(offsetof(struct rndis_ppi_hdr, data_offset) == 8);

/**
 * struct rndis_ppi_pkt_id - data of an NDIS_PPI_PKT_ID record (RSC)
 * @version: NDIS_PKT_ID_VERSION
 * @flags: NDIS_PKT_ID_SUBALLOC, NDIS_PKT_ID_FIRST_FRAG, NDIS_PKT_ID_LAST_FRAG
 * @pkt_id: id shared by the fragments of one coalesced packet
 *
 * Direction: host to guest.
 */
struct rndis_ppi_pkt_id {
	u8 version;
	u8 flags;
	__le16 pkt_id;
};

static_assert(sizeof(struct rndis_ppi_pkt_id) == 4);
static_assert(offsetof(struct rndis_ppi_pkt_id, version) == 0);
static_assert(offsetof(struct rndis_ppi_pkt_id, flags) == 1);
static_assert(offsetof(struct rndis_ppi_pkt_id, pkt_id) == 2);

/**
 * struct rndis_config_param - value of NDIS_OID_GEN_RNDIS_CONFIG_PARAMETER
 * @name_offset: offset of the UTF-16LE name from the start of this struct
 * @name_len: name length in bytes
 * @type: NDIS_CONFIG_PARAM_INTEGER or NDIS_CONFIG_PARAM_STRING
 * @value_offset: offset of the value from the start of this struct
 * @value_len: value length in bytes
 *
 * Direction: guest to host, as the info buffer of &struct rndis_set_req.
 */
struct rndis_config_param {
	__le32 name_offset;
	__le32 name_len;
	__le32 type;
	__le32 value_offset;
	__le32 value_len;
};

static_assert(sizeof(struct rndis_config_param) == 20);
static_assert(offsetof(struct rndis_config_param, name_offset) == 0);
static_assert(offsetof(struct rndis_config_param, name_len) == 4);
static_assert(offsetof(struct rndis_config_param, type) == 8);
static_assert(offsetof(struct rndis_config_param, value_offset) == 12);
static_assert(offsetof(struct rndis_config_param, value_len) == 16);

/**
 * struct ndis_obj_hdr - header of every NDIS object
 * @type: object type, one of NDIS_OBJ_TYPE_*
 * @revision: object revision (type specific)
 * @size: object size in bytes, this header included
 *
 * Direction: both.
 */
struct ndis_obj_hdr {
	u8 type;
	u8 revision;
	__le16 size;
};

static_assert(sizeof(struct ndis_obj_hdr) == 4);
static_assert(offsetof(struct ndis_obj_hdr, type) == 0);
static_assert(offsetof(struct ndis_obj_hdr, revision) == 1);
static_assert(offsetof(struct ndis_obj_hdr, size) == 2);

/**
 * struct ndis_offload_csum - checksum part of the offload capabilities
 * @ipv4_tx_encap: NDIS_OFFLOAD_ENC_* bits for IPv4 transmit
 * @ipv4_tx_flags: NDIS_CSUM_CAP_* bits for IPv4 transmit
 * @ipv4_rx_encap: NDIS_OFFLOAD_ENC_* bits for IPv4 receive
 * @ipv4_rx_flags: NDIS_CSUM_CAP_* bits for IPv4 receive
 * @ipv6_tx_encap: NDIS_OFFLOAD_ENC_* bits for IPv6 transmit
 * @ipv6_tx_flags: NDIS_CSUM_CAP_* bits for IPv6 transmit
 * @ipv6_rx_encap: NDIS_OFFLOAD_ENC_* bits for IPv6 receive
 * @ipv6_rx_flags: NDIS_CSUM_CAP_* bits for IPv6 receive
 *
 * Direction: host to guest.
 */
struct ndis_offload_csum {
	__le32 ipv4_tx_encap;
	__le32 ipv4_tx_flags;
	__le32 ipv4_rx_encap;
	__le32 ipv4_rx_flags;
	__le32 ipv6_tx_encap;
	__le32 ipv6_tx_flags;
	__le32 ipv6_rx_encap;
	__le32 ipv6_rx_flags;
};

static_assert(sizeof(struct ndis_offload_csum) == 32);
static_assert(offsetof(struct ndis_offload_csum, ipv4_tx_encap) == 0);
static_assert(offsetof(struct ndis_offload_csum, ipv4_tx_flags) == 4);
static_assert(offsetof(struct ndis_offload_csum, ipv4_rx_encap) == 8);
static_assert(offsetof(struct ndis_offload_csum, ipv4_rx_flags) == 12);
static_assert(offsetof(struct ndis_offload_csum, ipv6_tx_encap) == 16);
static_assert(offsetof(struct ndis_offload_csum, ipv6_tx_flags) == 20);
static_assert(offsetof(struct ndis_offload_csum, ipv6_rx_encap) == 24);
static_assert(offsetof(struct ndis_offload_csum, ipv6_rx_flags) == 28);

/**
 * struct ndis_offload_lsov1 - LSOv1 part of the offload capabilities
 * @encap: NDIS_OFFLOAD_ENC_* bits
 * @max_size: largest offloaded send
 * @min_segs: fewest segments per offloaded send
 * @options: option bits
 *
 * Direction: host to guest.
 */
struct ndis_offload_lsov1 {
	__le32 encap;
	__le32 max_size;
	__le32 min_segs;
	__le32 options;
};

static_assert(sizeof(struct ndis_offload_lsov1) == 16);
static_assert(offsetof(struct ndis_offload_lsov1, encap) == 0);
static_assert(offsetof(struct ndis_offload_lsov1, max_size) == 4);
static_assert(offsetof(struct ndis_offload_lsov1, min_segs) == 8);
static_assert(offsetof(struct ndis_offload_lsov1, options) == 12);

/**
 * struct ndis_offload_ipsecv1 - IPsec v1 part of the offload capabilities
 * @encap: NDIS_OFFLOAD_ENC_* bits
 * @ah_esp: AH/ESP support bits
 * @transport_tunnel: transport/tunnel support bits
 * @ipv4_options: IPv4 option support bits
 * @flags: general flags
 * @ipv4_ah: IPv4 AH support bits
 * @ipv4_esp: IPv4 ESP support bits
 *
 * Direction: host to guest. Unused by Linux-style guests.
 */
struct ndis_offload_ipsecv1 {
	__le32 encap;
	__le32 ah_esp;
	__le32 transport_tunnel;
	__le32 ipv4_options;
	__le32 flags;
	__le32 ipv4_ah;
	__le32 ipv4_esp;
};

static_assert(sizeof(struct ndis_offload_ipsecv1) == 28);
static_assert(offsetof(struct ndis_offload_ipsecv1, encap) == 0);
static_assert(offsetof(struct ndis_offload_ipsecv1, ipv4_esp) == 24);

/**
 * struct ndis_offload_lsov2 - LSOv2 part of the offload capabilities
 * @ipv4_encap: NDIS_OFFLOAD_ENC_* bits for IPv4
 * @ipv4_max_size: largest offloaded IPv4 send
 * @ipv4_min_segs: fewest segments per offloaded IPv4 send
 * @ipv6_encap: NDIS_OFFLOAD_ENC_* bits for IPv6
 * @ipv6_max_size: largest offloaded IPv6 send
 * @ipv6_min_segs: fewest segments per offloaded IPv6 send
 * @ipv6_options: NDIS_LSOV2_OPT_* bits
 *
 * Direction: host to guest.
 */
struct ndis_offload_lsov2 {
	__le32 ipv4_encap;
	__le32 ipv4_max_size;
	__le32 ipv4_min_segs;
	__le32 ipv6_encap;
	__le32 ipv6_max_size;
	__le32 ipv6_min_segs;
	__le32 ipv6_options;
};

static_assert(sizeof(struct ndis_offload_lsov2) == 28);
static_assert(offsetof(struct ndis_offload_lsov2, ipv4_encap) == 0);
static_assert(offsetof(struct ndis_offload_lsov2, ipv4_max_size) == 4);
static_assert(offsetof(struct ndis_offload_lsov2, ipv4_min_segs) == 8);
static_assert(offsetof(struct ndis_offload_lsov2, ipv6_encap) == 12);
static_assert(offsetof(struct ndis_offload_lsov2, ipv6_max_size) == 16);
static_assert(offsetof(struct ndis_offload_lsov2, ipv6_min_segs) == 20);
static_assert(offsetof(struct ndis_offload_lsov2, ipv6_options) == 24);

/**
 * struct ndis_offload_ipsecv2 - IPsec v2 part of the offload capabilities
 * @encap: NDIS_OFFLOAD_ENC_* bits
 * @ipv6: IPv6 supported (boolean byte)
 * @ipv4_options: IPv4 options supported
 * @ipv6_ext_hdrs: IPv6 non-IPsec extension headers supported
 * @ah: AH supported
 * @esp: ESP supported
 * @ah_esp: combined AH+ESP supported
 * @transport: transport mode supported
 * @tunnel: tunnel mode supported
 * @transport_tunnel: combined transport+tunnel supported
 * @lso: LSO of IPsec packets supported
 * @ext_seq: extended sequence numbers supported
 * @reserved: padding, zero
 * @udp_esp: UDP-encapsulated ESP bits
 * @auth_algos: authentication algorithm bits
 * @crypto_algos: encryption algorithm bits
 * @sa_capacity: security associations the device can hold
 *
 * Direction: host to guest, NDIS 6.1+. Unused by Linux-style guests.
 */
struct ndis_offload_ipsecv2 {
	__le32 encap;
	u8 ipv6;
	u8 ipv4_options;
	u8 ipv6_ext_hdrs;
	u8 ah;
	u8 esp;
	u8 ah_esp;
	u8 transport;
	u8 tunnel;
	u8 transport_tunnel;
	u8 lso;
	u8 ext_seq;
	u8 reserved;
	__le32 udp_esp;
	__le32 auth_algos;
	__le32 crypto_algos;
	__le32 sa_capacity;
};

static_assert(sizeof(struct ndis_offload_ipsecv2) == 32);
static_assert(offsetof(struct ndis_offload_ipsecv2, encap) == 0);
static_assert(offsetof(struct ndis_offload_ipsecv2, ipv6) == 4);
static_assert(offsetof(struct ndis_offload_ipsecv2, ext_seq) == 14);
static_assert(offsetof(struct ndis_offload_ipsecv2, udp_esp) == 16);
static_assert(offsetof(struct ndis_offload_ipsecv2, sa_capacity) == 28);

/**
 * struct ndis_offload_rsc - RSC part of the offload capabilities
 * @ipv4: non-zero when receive segment coalescing works for IPv4
 * @ipv6: non-zero when receive segment coalescing works for IPv6
 * @reserved: padding, zero
 *
 * Direction: host to guest, NDIS 6.30+.
 */
struct ndis_offload_rsc {
	u8 ipv4;
	u8 ipv6;
	__le16 reserved;
};

static_assert(sizeof(struct ndis_offload_rsc) == 4);
static_assert(offsetof(struct ndis_offload_rsc, ipv4) == 0);
static_assert(offsetof(struct ndis_offload_rsc, ipv6) == 1);

/**
 * struct ndis_offload_encap - GRE encapsulation part of the capabilities
 * @flags: encapsulated-offload flags
 * @max_header: largest encapsulation header handled
 *
 * Direction: host to guest, NDIS 6.30+.
 */
struct ndis_offload_encap {
	__le32 flags;
	__le32 max_header;
};

static_assert(sizeof(struct ndis_offload_encap) == 8);
static_assert(offsetof(struct ndis_offload_encap, flags) == 0);
static_assert(offsetof(struct ndis_offload_encap, max_header) == 4);

/**
 * struct ndis_offload_caps - value of NDIS_OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES
 * @hdr: NDIS_OBJ_TYPE_OFFLOAD, an NDIS_OFFLOAD_CAPS_REV_* revision and the
 *	matching NDIS_OFFLOAD_CAPS_SIZE_REV_* size
 * @csum: checksum offload
 * @lsov1: large send offload v1
 * @ipsecv1: IPsec offload v1
 * @lsov2: large send offload v2
 * @flags: general flags
 * @ipsecv2: IPsec offload v2 (revision >= 2)
 * @rsc: receive segment coalescing (revision >= 3)
 * @gre: GRE encapsulation (revision >= 3)
 *
 * Direction: the guest sends the header alone as the QUERY input buffer;
 * the host returns the object. A guest accepts type NDIS_OBJ_TYPE_OFFLOAD,
 * revision >= 1 and NDIS_OFFLOAD_CAPS_SIZE_REV_1 <= size <= bytes returned,
 * and treats the parts beyond the returned size as absent.
 */
struct ndis_offload_caps {
	struct ndis_obj_hdr hdr;
	struct ndis_offload_csum csum;
	struct ndis_offload_lsov1 lsov1;
	struct ndis_offload_ipsecv1 ipsecv1;
	struct ndis_offload_lsov2 lsov2;
	__le32 flags;
	struct ndis_offload_ipsecv2 ipsecv2;
	struct ndis_offload_rsc rsc;
	struct ndis_offload_encap gre;
};

static_assert(sizeof(struct ndis_offload_caps) == NDIS_OFFLOAD_CAPS_SIZE_REV_3);
static_assert(offsetof(struct ndis_offload_caps, hdr) == 0);
static_assert(offsetof(struct ndis_offload_caps, csum) == 4);
static_assert(offsetof(struct ndis_offload_caps, lsov1) == 36);
static_assert(offsetof(struct ndis_offload_caps, ipsecv1) == 52);
static_assert(offsetof(struct ndis_offload_caps, lsov2) == 80);
static_assert(offsetof(struct ndis_offload_caps, flags) == 108);
static_assert(offsetof(struct ndis_offload_caps, ipsecv2) ==
	      NDIS_OFFLOAD_CAPS_SIZE_REV_1);
static_assert(offsetof(struct ndis_offload_caps, rsc) ==
	      NDIS_OFFLOAD_CAPS_SIZE_REV_2);
static_assert(offsetof(struct ndis_offload_caps, gre) == 148);

/**
 * struct ndis_offload_cfg - value of NDIS_OID_TCP_OFFLOAD_PARAMETERS
 * @hdr: NDIS_OBJ_TYPE_DEFAULT, NDIS_OFFLOAD_CFG_REV_3 and
 *	NDIS_OFFLOAD_CFG_SIZE (NDIS_OFFLOAD_CFG_SIZE_NVSP4 for NVSP <= 4)
 * @ipv4_csum: IPv4 header checksum, NDIS_OFFLOAD_CFG_CSUM_*
 * @tcp4_csum: TCP over IPv4 checksum, NDIS_OFFLOAD_CFG_CSUM_*
 * @udp4_csum: UDP over IPv4 checksum, NDIS_OFFLOAD_CFG_CSUM_* (0 for NVSP <= 4)
 * @tcp6_csum: TCP over IPv6 checksum, NDIS_OFFLOAD_CFG_CSUM_*
 * @udp6_csum: UDP over IPv6 checksum, NDIS_OFFLOAD_CFG_CSUM_* (0 for NVSP <= 4)
 * @lsov1: LSOv1, NDIS_OFFLOAD_CFG_LSO_*
 * @ipsecv1: IPsec v1 (NDIS_OFFLOAD_CFG_NO_CHANGE)
 * @lsov2_ipv4: LSOv2 for IPv4, NDIS_OFFLOAD_CFG_LSO_*
 * @lsov2_ipv6: LSOv2 for IPv6, NDIS_OFFLOAD_CFG_LSO_*
 * @tcp_conn_ipv4: TCP connection offload for IPv4 (0)
 * @tcp_conn_ipv6: TCP connection offload for IPv6 (0)
 * @reserved1: padding, zero
 * @flags: zero
 * @ipsecv2: IPsec v2 (0)
 * @ipsecv2_ipv4: IPsec v2 for IPv4 (0)
 * @rsc_ipv4: RSC for IPv4, NDIS_OFFLOAD_CFG_RSC_*
 * @rsc_ipv6: RSC for IPv6, NDIS_OFFLOAD_CFG_RSC_*
 * @encap_offload: encapsulated packet task offload (0)
 * @encap_types: encapsulation types (0)
 * @reserved2: padding, zero
 *
 * Direction: guest to host, as the info buffer of &struct rndis_set_req.
 * Every field left at NDIS_OFFLOAD_CFG_NO_CHANGE keeps the host's setting.
 */
struct ndis_offload_cfg {
	struct ndis_obj_hdr hdr;
	u8 ipv4_csum;
	u8 tcp4_csum;
	u8 udp4_csum;
	u8 tcp6_csum;
	u8 udp6_csum;
	u8 lsov1;
	u8 ipsecv1;
	u8 lsov2_ipv4;
	u8 lsov2_ipv6;
	u8 tcp_conn_ipv4;
	u8 tcp_conn_ipv6;
	u8 reserved1;
	__le32 flags;
	u8 ipsecv2;
	u8 ipsecv2_ipv4;
	u8 rsc_ipv4;
	u8 rsc_ipv6;
	u8 encap_offload;
	u8 encap_types;
	__le16 reserved2;
};

static_assert(sizeof(struct ndis_offload_cfg) == NDIS_OFFLOAD_CFG_SIZE);
static_assert(offsetof(struct ndis_offload_cfg, hdr) == 0);
static_assert(offsetof(struct ndis_offload_cfg, ipv4_csum) == 4);
static_assert(offsetof(struct ndis_offload_cfg, tcp4_csum) == 5);
static_assert(offsetof(struct ndis_offload_cfg, udp4_csum) == 6);
static_assert(offsetof(struct ndis_offload_cfg, tcp6_csum) == 7);
static_assert(offsetof(struct ndis_offload_cfg, udp6_csum) == 8);
static_assert(offsetof(struct ndis_offload_cfg, lsov1) == 9);
static_assert(offsetof(struct ndis_offload_cfg, ipsecv1) == 10);
static_assert(offsetof(struct ndis_offload_cfg, lsov2_ipv4) == 11);
static_assert(offsetof(struct ndis_offload_cfg, lsov2_ipv6) == 12);
static_assert(offsetof(struct ndis_offload_cfg, tcp_conn_ipv4) == 13);
static_assert(offsetof(struct ndis_offload_cfg, tcp_conn_ipv6) == 14);
static_assert(offsetof(struct ndis_offload_cfg, flags) == 16);
static_assert(offsetof(struct ndis_offload_cfg, ipsecv2) == 20);
static_assert(offsetof(struct ndis_offload_cfg, ipsecv2_ipv4) == 21);
static_assert(offsetof(struct ndis_offload_cfg, rsc_ipv4) ==
	      NDIS_OFFLOAD_CFG_SIZE_NVSP4);
static_assert(offsetof(struct ndis_offload_cfg, rsc_ipv6) == 23);
static_assert(offsetof(struct ndis_offload_cfg, encap_offload) == 24);
static_assert(offsetof(struct ndis_offload_cfg, encap_types) == 25);

/**
 * struct ndis_rss_capabilities - value of NDIS_OID_GEN_RECEIVE_SCALE_CAPABILITIES
 * @hdr: NDIS_OBJ_TYPE_RSS_CAPS, NDIS_RSS_CAPABILITIES_REV_2 and
 *	NDIS_RSS_CAPABILITIES_SIZE
 * @flags: NDIS_RSS_CAPS_FLAG_* bits
 * @msi_count: number of interrupt messages
 * @rx_queue_count: number of receive queues; vRSS needs at least 2
 * @table_entries: indirection table entries supported; 0 or more than
 *	NDIS_RSS_TABLE_ENTRIES_MAX means NDIS_RSS_TABLE_ENTRIES_DEFAULT
 *
 * Direction: the guest sends the header alone as the QUERY input buffer;
 * the host returns the object. 18 bytes, hence the packing. A revision 1
 * object (NDIS 6.0) ends before @table_entries, at 16 bytes.
 */
struct ndis_rss_capabilities {
	struct ndis_obj_hdr hdr;
	__le32 flags;
	__le32 msi_count;
	__le32 rx_queue_count;
	__le16 table_entries;
} __packed;

static_assert(sizeof(struct ndis_rss_capabilities) == NDIS_RSS_CAPABILITIES_SIZE);
static_assert(offsetof(struct ndis_rss_capabilities, hdr) == 0);
static_assert(offsetof(struct ndis_rss_capabilities, flags) == 4);
static_assert(offsetof(struct ndis_rss_capabilities, msi_count) == 8);
static_assert(offsetof(struct ndis_rss_capabilities, rx_queue_count) == 12);
static_assert(offsetof(struct ndis_rss_capabilities, table_entries) == 16);

/**
 * struct ndis_rss_parameters - value of NDIS_OID_GEN_RECEIVE_SCALE_PARAMETERS
 * @hdr: NDIS_OBJ_TYPE_RSS_PARAMS, NDIS_RSS_PARAMETERS_REV_2 and
 *	NDIS_RSS_PARAMETERS_SIZE
 * @flags: NDIS_RSS_PARAM_* bits
 * @base_cpu: base CPU number (0, unused)
 * @hash_info: NDIS_RSS_HASH_FUNC_TOEPLITZ | NDIS_RSS_HASH_* types
 * @table_size: indirection table size in bytes (4 * entries)
 * @reserved1: padding, zero
 * @table_offset: offset of the u32 table from the start of this object
 *	(NDIS_RSS_PARAMETERS_SIZE)
 * @key_size: hash key size in bytes (NDIS_RSS_KEY_SIZE_TOEPLITZ)
 * @reserved2: padding, zero
 * @key_offset: offset of the key from the start of this object
 *	(@table_offset + @table_size)
 * @cpu_masks_offset: processor masks offset (0)
 * @cpu_mask_count: number of processor masks (0)
 * @cpu_mask_entry_size: size of one processor mask (0)
 *
 * Direction: guest to host, as the info buffer of &struct rndis_set_req,
 * followed by the table and the key. Each table entry is a channel index.
 */
struct ndis_rss_parameters {
	struct ndis_obj_hdr hdr;
	__le16 flags;
	__le16 base_cpu;
	__le32 hash_info;
	__le16 table_size;
	__le16 reserved1;
	__le32 table_offset;
	__le16 key_size;
	__le16 reserved2;
	__le32 key_offset;
	__le32 cpu_masks_offset;
	__le32 cpu_mask_count;
	__le32 cpu_mask_entry_size;
};

static_assert(sizeof(struct ndis_rss_parameters) == NDIS_RSS_PARAMETERS_SIZE);
static_assert(offsetof(struct ndis_rss_parameters, hdr) == 0);
static_assert(offsetof(struct ndis_rss_parameters, flags) == 4);
static_assert(offsetof(struct ndis_rss_parameters, base_cpu) == 6);
static_assert(offsetof(struct ndis_rss_parameters, hash_info) == 8);
static_assert(offsetof(struct ndis_rss_parameters, table_size) == 12);
static_assert(offsetof(struct ndis_rss_parameters, table_offset) == 16);
static_assert(offsetof(struct ndis_rss_parameters, key_size) == 20);
static_assert(offsetof(struct ndis_rss_parameters, key_offset) == 24);
static_assert(offsetof(struct ndis_rss_parameters, cpu_masks_offset) == 28);
static_assert(offsetof(struct ndis_rss_parameters, cpu_mask_count) == 32);
static_assert(offsetof(struct ndis_rss_parameters, cpu_mask_entry_size) == 36);

#endif /* _LUMEN_PROTO_RNDIS_H */
