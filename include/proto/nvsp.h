/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NVSP, the Network Virtual Service Protocol: the messages a synthetic NIC
 * driver exchanges with the Hyper-V network VSP over its VMBus channels,
 * versions 1 to 6.1. Wire layouts and constants only; the RNDIS messages
 * that NVSP carries live in rndis.h.
 */
#ifndef _LUMEN_PROTO_NVSP_H
#define _LUMEN_PROTO_NVSP_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

/**
 * DOC: NVSP bring-up, data path and teardown
 *
 * NVSP rides on the VMBus channel of the synthetic NIC (device class
 * "network"). Every NVSP message starts with a little-endian u32 type
 * (&struct nvsp_hdr); all fields are little-endian. Before 6.1 a message is
 * 28 bytes (4-byte type + 24-byte body); from 6.1 on it is 40 bytes (4 + 36).
 * A guest may always send 40-byte messages; a receiver must accept any
 * length that covers the fields it reads and ignore the rest. FreeBSD
 * reports that the host does not answer requests shorter than 32 bytes,
 * so requests are always sent full size and zero-padded.
 *
 * Bring-up, in order (guest = G, host = H):
 *
 * 1. G opens the primary channel.
 * 2. G sends NVSP_MSG_INIT with ver_min == ver_max == one candidate version,
 *    trying NVSP_VER_6_1, 6, 5, 4, 2, 1 in that order, as an in-band packet
 *    with completion requested. H answers with a VMBus completion packet
 *    whose payload is NVSP_MSG_INIT_COMPLETE; status NVSP_STATUS_SUCCESS
 *    ends the search. A confidential (isolated) guest accepts only 6.1.
 * 3. Version 2 or later: G sends NVSP_MSG_SEND_NDIS_CONFIG (MTU + 14 and the
 *    NVSP_CAP_* bits), in-band, no completion requested.
 * 4. G sends NVSP_MSG_SEND_NDIS_VERSION (NDIS 6.1 for NVSP <= 4, NDIS 6.30
 *    otherwise), in-band, no completion requested.
 * 5. G allocates the receive buffer, creates a GPADL for it and sends
 *    NVSP_MSG_SEND_RECV_BUF with id NVSP_RECV_BUF_ID (completion requested).
 *    H answers NVSP_MSG_SEND_RECV_BUF_COMPLETE. G checks: success, exactly
 *    one section at offset 0, sub-allocation size >= NVSP_SECTION_SIZE_MIN,
 *    size * count <= buffer size.
 * 6. G does the same with the send buffer (NVSP_MSG_SEND_SEND_BUF, id
 *    NVSP_SEND_BUF_ID); H answers NVSP_MSG_SEND_SEND_BUF_COMPLETE with the
 *    section size it chose (>= NVSP_SECTION_SIZE_MIN). The guest divides
 *    its send buffer into buffer size / section size sections.
 * 7. RNDIS initialisation and OID traffic follows inside
 *    NVSP_MSG_SEND_RNDIS_PKT messages (see rndis.h).
 * 8. Version 5 or later, when RSS offers >= 2 queues: G sends
 *    NVSP_MSG_SUBCHANNEL (op NVSP_SUBCHAN_OP_ALLOCATE, count = wanted - 1,
 *    completion requested); H answers with a completion carrying
 *    &struct nvsp_subchannel_complete (count <= requested) and then offers
 *    that many sub-channels, which G opens.
 *
 * The host may send, in-band and at any time after bring-up,
 * NVSP_MSG_SEND_INDIRECTION_TABLE (16 u32 sub-channel indexes that steer
 * transmit traffic) and NVSP_MSG_SEND_VF_ASSOCIATION. The guest does not
 * complete them. After a VF association with allocated == 1 the guest pairs
 * with the PCI VF of that serial number and sends NVSP_MSG_SWITCH_DATA_PATH
 * (NVSP_DATA_PATH_VF, completion requested, the completion payload may be
 * empty); NVSP_DATA_PATH_SYNTHETIC switches back.
 *
 * Transmit (G->H): NVSP_MSG_SEND_RNDIS_PKT with completion requested. When
 * the whole RNDIS message was copied into a send-buffer section, the packet
 * is in-band and carries the section index and the bytes used. Otherwise it
 * is a GPA-direct packet whose ranges hold the RNDIS message and frame, with
 * section index NVSP_SECTION_INVALID and size 0. A mixed form puts the
 * RNDIS header and PPIs in a section and the frame pages in GPA ranges.
 * H answers with a completion packet carrying
 * NVSP_MSG_SEND_RNDIS_PKT_COMPLETE; the section is free again only then.
 *
 * Receive (H->G): H sends a VMBus transfer-page packet with transfer-page
 * set id NVSP_RECV_BUF_ID whose payload is NVSP_MSG_SEND_RNDIS_PKT. Each
 * range (byte offset and count inside the receive buffer) holds one RNDIS
 * message. G answers each such packet, not each range, with one VMBus
 * completion packet (same transaction id) whose payload is
 * NVSP_MSG_SEND_RNDIS_PKT_COMPLETE with NVSP_STATUS_SUCCESS or
 * NVSP_STATUS_FAILURE. Until then H keeps those receive sections busy.
 * RNDIS control replies and status indications arrive the same way.
 *
 * Teardown: RNDIS packet filter 0 and RNDIS HALT; wait until every send is
 * completed and every receive completion is sent; NVSP_MSG_REVOKE_RECV_BUF
 * and NVSP_MSG_REVOKE_SEND_BUF (in-band, no completion requested). With a
 * VMBus protocol older than 4.0 the guest tears down each buffer GPADL right
 * after revoking it and closes the channel last; with 4.0 or later it closes
 * the channel(s) first and tears down the buffer GPADLs afterwards.
 */

/* NVSP protocol versions, as carried in &struct nvsp_init. */
#define NVSP_VER_1			0x00000002
#define NVSP_VER_2			0x00030002
#define NVSP_VER_4			0x00040000
#define NVSP_VER_5			0x00050000
#define NVSP_VER_6			0x00060000
#define NVSP_VER_6_1			0x00060001

/* Message types (&struct nvsp_hdr.type). */
#define NVSP_MSG_INIT				1
#define NVSP_MSG_INIT_COMPLETE			2
#define NVSP_MSG_SEND_NDIS_VERSION		100
#define NVSP_MSG_SEND_RECV_BUF			101
#define NVSP_MSG_SEND_RECV_BUF_COMPLETE		102
#define NVSP_MSG_REVOKE_RECV_BUF		103
#define NVSP_MSG_SEND_SEND_BUF			104
#define NVSP_MSG_SEND_SEND_BUF_COMPLETE		105
#define NVSP_MSG_REVOKE_SEND_BUF		106
#define NVSP_MSG_SEND_RNDIS_PKT			107
#define NVSP_MSG_SEND_RNDIS_PKT_COMPLETE	108
/* 109..124, 126 and 127: v2 chimney, VMQ and rx-buffer messages, unused. */
#define NVSP_MSG_SEND_NDIS_CONFIG		125	/* v2+ */
#define NVSP_MSG_SEND_VF_ASSOCIATION		128	/* v4+ */
#define NVSP_MSG_SWITCH_DATA_PATH		129	/* v4+ */
#define NVSP_MSG_UPLINK_CONNECT_STATE		130	/* v4+, deprecated */
#define NVSP_MSG_OID_QUERY_EX			131	/* v5+, unused */
#define NVSP_MSG_OID_QUERY_EX_COMPLETE		132	/* v5+, unused */
#define NVSP_MSG_SUBCHANNEL			133	/* v5+ */
#define NVSP_MSG_SEND_INDIRECTION_TABLE		134	/* v5+ */
#define NVSP_MSG_PD_API				135	/* v6+, unused */
#define NVSP_MSG_PD_POST_BATCH			136	/* v6+, unused */

/* Status values in completion messages. */
#define NVSP_STATUS_NONE			0
#define NVSP_STATUS_SUCCESS			1
#define NVSP_STATUS_FAILURE			2
#define NVSP_STATUS_PROTOCOL_TOO_NEW		3
#define NVSP_STATUS_PROTOCOL_TOO_OLD		4
#define NVSP_STATUS_INVALID_RNDIS_PKT		5
#define NVSP_STATUS_BUSY			6
#define NVSP_STATUS_PROTOCOL_UNSUPPORTED	7

/* Message sizes: type + body. */
#define NVSP_HDR_SIZE			4
#define NVSP_MSG_SIZE_V1		28	/* every version before 6.1 */
#define NVSP_MSG_SIZE_V6_1		40	/* 6.1 */
#define NVSP_MSG_BODY_MAX		36

/* NDIS version the guest announces with NVSP_MSG_SEND_NDIS_VERSION. */
#define NVSP_NDIS_VERSION_6_1		0x00060001	/* NVSP <= 4 */
#define NVSP_NDIS_VERSION_6_30		0x0006001e	/* NVSP >= 5 */
#define NVSP_NDIS_VERSION_MAJOR(v)	(((v) >> 16) & 0xffff)
#define NVSP_NDIS_VERSION_MINOR(v)	((v) & 0xffff)

/* Buffer ids: SEND_RECV_BUF/REVOKE_RECV_BUF and transfer-page set id. */
#define NVSP_RECV_BUF_ID		0xcafe
#define NVSP_SEND_BUF_ID		0x0000

/* Section index meaning "no send-buffer section used". */
#define NVSP_SECTION_INVALID		0xffffffff

/* Smallest receive sub-allocation or send section a guest accepts. */
#define NVSP_SECTION_SIZE_MIN		68

/* Largest buffers a host accepts. */
#define NVSP_RECV_BUF_SIZE_MAX		(31 * 1024 * 1024)
#define NVSP_RECV_BUF_SIZE_MAX_V2	(15 * 1024 * 1024)	/* NVSP <= 2 */
#define NVSP_SEND_BUF_SIZE_MAX		(15 * 1024 * 1024)

/* Most ranges one receive transfer-page packet may carry. */
#define NVSP_XFER_RANGES_MAX_NDIS5	64	/* NDIS < 6.0 */
#define NVSP_XFER_RANGES_MAX		375	/* NDIS >= 6.0 */
#define NVSP_XFER_RANGES_MAX_RSC	562	/* with RSC (6.1) */

/* RNDIS channel type in &struct nvsp_rndis_pkt. */
#define NVSP_CHANNEL_DATA		0
#define NVSP_CHANNEL_CONTROL		1

/* Capability bits (u64) in &struct nvsp_ndis_config. */
#define NVSP_CAP_VMQ			0x00000001
#define NVSP_CAP_CHIMNEY		0x00000002
#define NVSP_CAP_SRIOV			0x00000004
#define NVSP_CAP_IEEE8021Q		0x00000008
#define NVSP_CAP_CORRELATION_ID		0x00000010
#define NVSP_CAP_TEAMING		0x00000020
#define NVSP_CAP_VIRTUAL_SUBNET_ID	0x00000040
#define NVSP_CAP_RSC			0x00000080

/* Bytes the guest adds to its MTU in &struct nvsp_ndis_config.mtu. */
#define NVSP_NDIS_CONFIG_MTU_OVERHEAD	14

/* &struct nvsp_vf_association.allocated. */
#define NVSP_VF_NOT_ALLOCATED		0
#define NVSP_VF_ALLOCATED		1

/* &struct nvsp_switch_data_path.active_path. */
#define NVSP_DATA_PATH_SYNTHETIC	0
#define NVSP_DATA_PATH_VF		1

/* &struct nvsp_subchannel_req.op. */
#define NVSP_SUBCHAN_OP_NONE		0
#define NVSP_SUBCHAN_OP_ALLOCATE	1

/* Most sub-channels a guest asks for. */
#define NVSP_SUBCHAN_MAX		64

/*
 * Send indirection table: always 16 u32 entries. For NVSP <= 6 the host may
 * report a wrong offset; the table then starts at byte 40 of the message
 * when the message is long enough.
 */
#define NVSP_INDIRECTION_TABLE_ENTRIES	16
#define NVSP_INDIRECTION_TABLE_OFFSET_V6 40

/**
 * struct nvsp_hdr - type word at the start of every NVSP message
 * @type: message type, one of NVSP_MSG_*
 *
 * Direction: both.
 */
struct nvsp_hdr {
	__le32 type;
};

static_assert(sizeof(struct nvsp_hdr) == NVSP_HDR_SIZE);
static_assert(offsetof(struct nvsp_hdr, type) == 0);

/**
 * struct nvsp_msg - a whole NVSP message of the 6.1 size
 * @hdr: message type, one of NVSP_MSG_*
 * @body: message-specific part; read it through the per-message structs
 *
 * Direction: both. A guest sends this size for every version; messages
 * from a pre-6.1 host may be only NVSP_MSG_SIZE_V1 bytes long.
 */
struct nvsp_msg {
	struct nvsp_hdr hdr;
	u8 body[NVSP_MSG_BODY_MAX];
};

static_assert(sizeof(struct nvsp_msg) == NVSP_MSG_SIZE_V6_1);
static_assert(offsetof(struct nvsp_msg, body) == 4);

/**
 * struct nvsp_init - NVSP_MSG_INIT: propose a protocol version
 * @hdr: NVSP_MSG_INIT
 * @ver_min: lowest acceptable version, one of NVSP_VER_*
 * @ver_max: highest acceptable version, one of NVSP_VER_*; guests send the
 *	same value in both fields and step down on failure
 *
 * Direction: guest to host, completion requested.
 */
struct nvsp_init {
	struct nvsp_hdr hdr;
	__le32 ver_min;
	__le32 ver_max;
};

static_assert(sizeof(struct nvsp_init) == 12);
static_assert(offsetof(struct nvsp_init, ver_min) == 4);
static_assert(offsetof(struct nvsp_init, ver_max) == 8);

/**
 * struct nvsp_init_complete - NVSP_MSG_INIT_COMPLETE: version verdict
 * @hdr: NVSP_MSG_INIT_COMPLETE
 * @ver_negotiated: negotiated version (deprecated, do not rely on it)
 * @max_mdl_chain: longest MDL chain the host handles (informational)
 * @status: one of NVSP_STATUS_*; NVSP_STATUS_SUCCESS accepts the version
 *
 * Direction: host to guest, payload of the completion of &struct nvsp_init.
 */
struct nvsp_init_complete {
	struct nvsp_hdr hdr;
	__le32 ver_negotiated;
	__le32 max_mdl_chain;
	__le32 status;
};

static_assert(sizeof(struct nvsp_init_complete) == 16);
static_assert(offsetof(struct nvsp_init_complete, ver_negotiated) == 4);
static_assert(offsetof(struct nvsp_init_complete, max_mdl_chain) == 8);
static_assert(offsetof(struct nvsp_init_complete, status) == 12);

/**
 * struct nvsp_ndis_version - NVSP_MSG_SEND_NDIS_VERSION
 * @hdr: NVSP_MSG_SEND_NDIS_VERSION
 * @major: NDIS major version, NVSP_NDIS_VERSION_MAJOR() of an
 *	NVSP_NDIS_VERSION_* value
 * @minor: NDIS minor version, NVSP_NDIS_VERSION_MINOR() of the same value
 *
 * Direction: guest to host, no completion.
 */
struct nvsp_ndis_version {
	struct nvsp_hdr hdr;
	__le32 major;
	__le32 minor;
};

static_assert(sizeof(struct nvsp_ndis_version) == 12);
static_assert(offsetof(struct nvsp_ndis_version, major) == 4);
static_assert(offsetof(struct nvsp_ndis_version, minor) == 8);

/**
 * struct nvsp_send_recv_buf - NVSP_MSG_SEND_RECV_BUF: hand over the rx buffer
 * @hdr: NVSP_MSG_SEND_RECV_BUF
 * @gpadl: GPADL handle of the receive buffer
 * @id: buffer id, NVSP_RECV_BUF_ID; the host uses it as transfer-page set id
 * @reserved: zero
 *
 * Direction: guest to host, completion requested.
 */
struct nvsp_send_recv_buf {
	struct nvsp_hdr hdr;
	__le32 gpadl;
	__le16 id;
	__le16 reserved;
};

static_assert(sizeof(struct nvsp_send_recv_buf) == 12);
static_assert(offsetof(struct nvsp_send_recv_buf, gpadl) == 4);
static_assert(offsetof(struct nvsp_send_recv_buf, id) == 8);

/**
 * struct nvsp_recv_section - how the host carves up the receive buffer
 * @offset: byte offset of the section in the receive buffer (0)
 * @sub_alloc_size: size of each sub-allocation (one RNDIS message at most)
 * @sub_alloc_count: number of sub-allocations in the section
 * @end_offset: byte offset just past the section
 *
 * Direction: host to guest, inside &struct nvsp_send_recv_buf_complete.
 */
struct nvsp_recv_section {
	__le32 offset;
	__le32 sub_alloc_size;
	__le32 sub_alloc_count;
	__le32 end_offset;
};

static_assert(sizeof(struct nvsp_recv_section) == 16);
static_assert(offsetof(struct nvsp_recv_section, offset) == 0);
static_assert(offsetof(struct nvsp_recv_section, sub_alloc_size) == 4);
static_assert(offsetof(struct nvsp_recv_section, sub_alloc_count) == 8);
static_assert(offsetof(struct nvsp_recv_section, end_offset) == 12);

/**
 * struct nvsp_send_recv_buf_complete - NVSP_MSG_SEND_RECV_BUF_COMPLETE
 * @hdr: NVSP_MSG_SEND_RECV_BUF_COMPLETE
 * @status: one of NVSP_STATUS_*
 * @section_count: number of sections that follow; Hyper-V sends 1 and a
 *	guest rejects anything else
 * @section: the first (only) section
 *
 * Direction: host to guest, payload of the completion of
 * &struct nvsp_send_recv_buf.
 */
struct nvsp_send_recv_buf_complete {
	struct nvsp_hdr hdr;
	__le32 status;
	__le32 section_count;
	struct nvsp_recv_section section;
};

static_assert(sizeof(struct nvsp_send_recv_buf_complete) == NVSP_MSG_SIZE_V1);
static_assert(offsetof(struct nvsp_send_recv_buf_complete, status) == 4);
static_assert(offsetof(struct nvsp_send_recv_buf_complete, section_count) == 8);
static_assert(offsetof(struct nvsp_send_recv_buf_complete, section) == 12);

/**
 * struct nvsp_revoke_recv_buf - NVSP_MSG_REVOKE_RECV_BUF
 * @hdr: NVSP_MSG_REVOKE_RECV_BUF
 * @id: buffer id given in &struct nvsp_send_recv_buf (NVSP_RECV_BUF_ID)
 * @reserved: zero
 *
 * Direction: guest to host, no completion. The host stops using the
 * receive buffer; the GPADL is torn down separately.
 */
struct nvsp_revoke_recv_buf {
	struct nvsp_hdr hdr;
	__le16 id;
	__le16 reserved;
};

static_assert(sizeof(struct nvsp_revoke_recv_buf) == 8);
static_assert(offsetof(struct nvsp_revoke_recv_buf, id) == 4);

/**
 * struct nvsp_send_send_buf - NVSP_MSG_SEND_SEND_BUF: hand over the tx buffer
 * @hdr: NVSP_MSG_SEND_SEND_BUF
 * @gpadl: GPADL handle of the send buffer
 * @id: buffer id, NVSP_SEND_BUF_ID
 * @reserved: zero
 *
 * Direction: guest to host, completion requested.
 */
struct nvsp_send_send_buf {
	struct nvsp_hdr hdr;
	__le32 gpadl;
	__le16 id;
	__le16 reserved;
};

static_assert(sizeof(struct nvsp_send_send_buf) == 12);
static_assert(offsetof(struct nvsp_send_send_buf, gpadl) == 4);
static_assert(offsetof(struct nvsp_send_send_buf, id) == 8);

/**
 * struct nvsp_send_send_buf_complete - NVSP_MSG_SEND_SEND_BUF_COMPLETE
 * @hdr: NVSP_MSG_SEND_SEND_BUF_COMPLETE
 * @status: one of NVSP_STATUS_*
 * @section_size: send section size chosen by the host; section n starts at
 *	byte n * @section_size of the send buffer
 *
 * Direction: host to guest, payload of the completion of
 * &struct nvsp_send_send_buf.
 */
struct nvsp_send_send_buf_complete {
	struct nvsp_hdr hdr;
	__le32 status;
	__le32 section_size;
};

static_assert(sizeof(struct nvsp_send_send_buf_complete) == 12);
static_assert(offsetof(struct nvsp_send_send_buf_complete, status) == 4);
static_assert(offsetof(struct nvsp_send_send_buf_complete, section_size) == 8);

/**
 * struct nvsp_revoke_send_buf - NVSP_MSG_REVOKE_SEND_BUF
 * @hdr: NVSP_MSG_REVOKE_SEND_BUF
 * @id: buffer id given in &struct nvsp_send_send_buf (NVSP_SEND_BUF_ID)
 * @reserved: zero
 *
 * Direction: guest to host, no completion.
 */
struct nvsp_revoke_send_buf {
	struct nvsp_hdr hdr;
	__le16 id;
	__le16 reserved;
};

static_assert(sizeof(struct nvsp_revoke_send_buf) == 8);
static_assert(offsetof(struct nvsp_revoke_send_buf, id) == 4);

/**
 * struct nvsp_rndis_pkt - NVSP_MSG_SEND_RNDIS_PKT: one or more RNDIS messages
 * @hdr: NVSP_MSG_SEND_RNDIS_PKT
 * @channel_type: NVSP_CHANNEL_DATA for RNDIS PACKET messages,
 *	NVSP_CHANNEL_CONTROL for everything else
 * @section_index: send-buffer section holding the RNDIS data, or
 *	NVSP_SECTION_INVALID; meaningless host to guest
 * @section_size: bytes used in that section, 0 when none
 *
 * Direction: both. Guest to host it is an in-band or GPA-direct packet
 * with completion requested; host to guest it is the payload of a
 * transfer-page packet whose ranges hold the RNDIS messages.
 */
struct nvsp_rndis_pkt {
	struct nvsp_hdr hdr;
	__le32 channel_type;
	__le32 section_index;
	__le32 section_size;
};

static_assert(sizeof(struct nvsp_rndis_pkt) == 16);
static_assert(offsetof(struct nvsp_rndis_pkt, channel_type) == 4);
static_assert(offsetof(struct nvsp_rndis_pkt, section_index) == 8);
static_assert(offsetof(struct nvsp_rndis_pkt, section_size) == 12);

/**
 * struct nvsp_rndis_pkt_complete - NVSP_MSG_SEND_RNDIS_PKT_COMPLETE
 * @hdr: NVSP_MSG_SEND_RNDIS_PKT_COMPLETE
 * @status: NVSP_STATUS_SUCCESS or NVSP_STATUS_FAILURE (one of NVSP_STATUS_*)
 *
 * Direction: both, payload of the completion of a &struct nvsp_rndis_pkt.
 * A guest sends exactly these 8 bytes for each receive packet.
 */
struct nvsp_rndis_pkt_complete {
	struct nvsp_hdr hdr;
	__le32 status;
};

static_assert(sizeof(struct nvsp_rndis_pkt_complete) == 8);
static_assert(offsetof(struct nvsp_rndis_pkt_complete, status) == 4);

/**
 * struct nvsp_ndis_config - NVSP_MSG_SEND_NDIS_CONFIG (v2+)
 * @hdr: NVSP_MSG_SEND_NDIS_CONFIG
 * @mtu: guest MTU plus NVSP_NDIS_CONFIG_MTU_OVERHEAD (Ethernet header)
 * @reserved: zero
 * @caps: NVSP_CAP_* bits the guest supports
 *
 * Direction: guest to host, no completion. @caps sits at an offset that is
 * not a multiple of 8, hence the packing.
 */
struct nvsp_ndis_config {
	struct nvsp_hdr hdr;
	__le32 mtu;
	__le32 reserved;
	__le64 caps;
} __packed;

static_assert(sizeof(struct nvsp_ndis_config) == 20);
static_assert(offsetof(struct nvsp_ndis_config, mtu) == 4);
static_assert(offsetof(struct nvsp_ndis_config, reserved) == 8);
static_assert(offsetof(struct nvsp_ndis_config, caps) == 12);

/**
 * struct nvsp_vf_association - NVSP_MSG_SEND_VF_ASSOCIATION (v4+)
 * @hdr: NVSP_MSG_SEND_VF_ASSOCIATION
 * @allocated: NVSP_VF_ALLOCATED when a VF is present, NVSP_VF_NOT_ALLOCATED
 *	when it went away
 * @serial: serial number of the PCI VF to pair with (valid when allocated)
 *
 * Direction: host to guest, in-band; the guest sends no completion.
 */
struct nvsp_vf_association {
	struct nvsp_hdr hdr;
	__le32 allocated;
	__le32 serial;
};

static_assert(sizeof(struct nvsp_vf_association) == 12);
static_assert(offsetof(struct nvsp_vf_association, allocated) == 4);
static_assert(offsetof(struct nvsp_vf_association, serial) == 8);

/**
 * struct nvsp_switch_data_path - NVSP_MSG_SWITCH_DATA_PATH (v4+)
 * @hdr: NVSP_MSG_SWITCH_DATA_PATH
 * @active_path: NVSP_DATA_PATH_SYNTHETIC or NVSP_DATA_PATH_VF
 *
 * Direction: guest to host with completion requested (the completion
 * payload may be empty); a host may also send it.
 */
struct nvsp_switch_data_path {
	struct nvsp_hdr hdr;
	__le32 active_path;
};

static_assert(sizeof(struct nvsp_switch_data_path) == 8);
static_assert(offsetof(struct nvsp_switch_data_path, active_path) == 4);

/**
 * struct nvsp_subchannel_req - NVSP_MSG_SUBCHANNEL request (v5+)
 * @hdr: NVSP_MSG_SUBCHANNEL
 * @op: NVSP_SUBCHAN_OP_ALLOCATE
 * @count: number of sub-channels wanted (queues - 1)
 *
 * Direction: guest to host, completion requested.
 */
struct nvsp_subchannel_req {
	struct nvsp_hdr hdr;
	__le32 op;
	__le32 count;
};

static_assert(sizeof(struct nvsp_subchannel_req) == 12);
static_assert(offsetof(struct nvsp_subchannel_req, op) == 4);
static_assert(offsetof(struct nvsp_subchannel_req, count) == 8);

/**
 * struct nvsp_subchannel_complete - NVSP_MSG_SUBCHANNEL completion (v5+)
 * @hdr: NVSP_MSG_SUBCHANNEL
 * @status: one of NVSP_STATUS_*
 * @count: sub-channels actually allocated; must not exceed the request
 *
 * Direction: host to guest, payload of the completion of
 * &struct nvsp_subchannel_req. The host then offers @count sub-channels.
 */
struct nvsp_subchannel_complete {
	struct nvsp_hdr hdr;
	__le32 status;
	__le32 count;
};

static_assert(sizeof(struct nvsp_subchannel_complete) == 12);
static_assert(offsetof(struct nvsp_subchannel_complete, status) == 4);
static_assert(offsetof(struct nvsp_subchannel_complete, count) == 8);

/**
 * struct nvsp_indirection_table - NVSP_MSG_SEND_INDIRECTION_TABLE (v5+)
 * @hdr: NVSP_MSG_SEND_INDIRECTION_TABLE
 * @count: number of u32 entries, must be NVSP_INDIRECTION_TABLE_ENTRIES
 * @offset: byte offset of the table from the start of the NVSP message;
 *	for NVSP <= 6 see NVSP_INDIRECTION_TABLE_OFFSET_V6. Check
 *	offset + 4 * count <= message length before reading.
 *
 * Direction: host to guest, in-band; the guest sends no completion. Each
 * table entry is a channel index (0 = primary) for transmit steering.
 */
struct nvsp_indirection_table {
	struct nvsp_hdr hdr;
	__le32 count;
	__le32 offset;
};

static_assert(sizeof(struct nvsp_indirection_table) == 12);
static_assert(offsetof(struct nvsp_indirection_table, count) == 4);
static_assert(offsetof(struct nvsp_indirection_table, offset) == 8);

#endif /* _LUMEN_PROTO_NVSP_H */
