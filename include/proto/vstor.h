/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VSTOR: the Hyper-V synthetic SCSI protocol carried on storvsc channels.
 * Packet layouts, protocol versions, operations, SCSI request block (SRB)
 * status codes and flags, and the NT status values hosts put in replies.
 * Wire layouts and constants only.
 */
#ifndef _LUMEN_PROTO_VSTOR_H
#define _LUMEN_PROTO_VSTOR_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

/**
 * DOC: VSTOR initialisation and I/O
 *
 * Every VSTOR message is one &struct vstor_pkt carried as the payload of a
 * VMBus packet. Requests from the guest set %VSTOR_PKT_FLAG_COMPLETION in
 * &vstor_pkt.flags and ask the ring for a completion; the host answers
 * each one with a VMBus completion packet whose payload is a vstor_pkt with
 * operation %VSTOR_OP_COMPLETE_IO and an NT status (%VSTOR_NT_*) in
 * &vstor_pkt.status. The VMBus transaction id of a completion is the id of
 * the request it answers.
 *
 * Initialisation, on the primary channel right after it is opened (each
 * step waits for its completion before the next is sent):
 *
 * 1. %VSTOR_OP_BEGIN_INIT; status must be %VSTOR_NT_SUCCESS.
 * 2. %VSTOR_OP_QUERY_VERSION with &vstor_proto_ver.major_minor set to the
 *    best version the guest speaks and revision 0. A host that does not
 *    speak it answers %VSTOR_NT_REVISION_MISMATCH (or another failure) and
 *    the guest retries with the next lower version: 6.2, 6.0, 5.1, then
 *    (only for a guest that supports the pre-win8 layout) 4.2 and 2.0.
 *    Hosts do not all accept 6.2 (OpenVMM's storvsp stops at 6.0), so the
 *    fallback is needed in practice.
 * 3. %VSTOR_OP_QUERY_PROPERTIES; the reply carries &struct vstor_chan_props
 *    (sub-channel limit, %VSTOR_CHAN_PROP_MULTI_CHANNEL, largest transfer).
 * 4. Fibre Channel controllers only: %VSTOR_OP_FC_HBA_DATA; the reply
 *    carries &struct vstor_fc_wwn.
 * 5. %VSTOR_OP_END_INIT; status must be %VSTOR_NT_SUCCESS.
 * 6. If the host set %VSTOR_CHAN_PROP_MULTI_CHANNEL (never for IDE):
 *    %VSTOR_OP_CREATE_SUB_CHANNELS with &vstor_pkt.sub_channel_count no
 *    larger than &vstor_chan_props.max_sub_channels. After a successful
 *    completion the host offers that many sub-channels, which are opened
 *    like the primary channel.
 *
 * A host may refuse a step sent out of order with
 * %VSTOR_NT_INVALID_DEVICE_STATE.
 *
 * Packet size: before version 5.1 the SCSI request was 36 bytes
 * (%VSTOR_SRB_SIZE_PRE_WIN8) and the packet 48 (%VSTOR_PKT_SIZE_PRE_WIN8);
 * from 5.1 on they are 52 and 64, the 16 extra bytes (%VSTOR_WIN8_EXT_SIZE)
 * being the queue tag/action, SRB flags, timeout and sort key at the end.
 * A guest that speaks the old versions sends short packets once a pre-5.1
 * version was agreed. Current Linux sends every packet, including the init
 * packets sent before any version is agreed, at the full 64 bytes, and
 * hosts accept that (OpenVMM notes that Linux depends on it); older Linux
 * and FreeBSD sent 48-byte init packets. Sending full-size init packets is
 * the safe choice for a guest that only speaks 5.1 and later.
 *
 * I/O: the guest sends %VSTOR_OP_EXECUTE_SRB with a &struct vstor_scsi_req.
 * With data it travels in a GPA-direct (multi-page) packet whose single
 * range describes the buffer (byte count = &vstor_scsi_req.xfer_len);
 * without data it is an in-band packet. Both ask for a completion. The
 * completion carries &vstor_scsi_req.srb_status (%VSTOR_SRB_* code in the
 * low six bits plus %VSTOR_SRB_AUTOSENSE_VALID and %VSTOR_SRB_QUEUE_FROZEN),
 * the SCSI status byte, the number of bytes actually moved in
 * &vstor_scsi_req.xfer_len and, when the SCSI status is CHECK CONDITION
 * (0x02) and %VSTOR_SRB_AUTOSENSE_VALID is set, sense data in
 * &vstor_scsi_req.sense (&vstor_scsi_req.sense_len bytes, at most
 * %VSTOR_SENSE_SIZE).
 *
 * Unsolicited host packets arrive with VMBus transaction id 0:
 * %VSTOR_OP_ENUMERATE_BUS and %VSTOR_OP_REMOVE_DEVICE ask the guest to
 * rescan the bus; %VSTOR_OP_FC_HBA_DATA reports changed WWNs. A packet with
 * id 0 and operation %VSTOR_OP_COMPLETE_IO is bogus.
 *
 * Transaction ids are the guest's own business: the host echoes them.
 * Linux uses the SCSI tag + 1 for I/O and two reserved ids for its single
 * init and reset requests (%VSTOR_LINUX_TRANS_ID_INIT,
 * %VSTOR_LINUX_TRANS_ID_RESET); that is guest policy, not protocol.
 *
 * IDE controllers: the VMBus offer of an emulated-IDE disk carries no
 * target number in the protocol itself; the guest derives it from the
 * channel's instance GUID as byte 5 << 8 | byte 4 (bytes in wire order),
 * see VSTOR_IDE_TARGET().
 */

/* Protocol version: u16, major in the high byte, minor in the low byte. */
#define VSTOR_VERSION(major, minor)	((((major) & 0xff) << 8) | ((minor) & 0xff))
#define VSTOR_VERSION_MAJOR(v)		(((v) >> 8) & 0xff)
#define VSTOR_VERSION_MINOR(v)		((v) & 0xff)

#define VSTOR_VERSION_2_0	0x0200	/* WS2008; pre-win8 layout */
#define VSTOR_VERSION_4_2	0x0402	/* WS2008 R2; pre-win8 layout */
#define VSTOR_VERSION_5_1	0x0501	/* WS2012; win8 layout, multi-channel */
#define VSTOR_VERSION_6_0	0x0600	/* WS2012 R2 */
#define VSTOR_VERSION_6_2	0x0602	/* WS2016 */

/* Operations: &vstor_pkt.operation. */
#define VSTOR_OP_COMPLETE_IO		1	/* host->guest: reply to anything */
#define VSTOR_OP_REMOVE_DEVICE		2	/* host->guest, id 0: rescan */
#define VSTOR_OP_EXECUTE_SRB		3	/* guest->host: SCSI command */
#define VSTOR_OP_RESET_LUN		4	/* guest->host */
#define VSTOR_OP_RESET_ADAPTER		5	/* guest->host */
#define VSTOR_OP_RESET_BUS		6	/* guest->host */
#define VSTOR_OP_BEGIN_INIT		7	/* guest->host */
#define VSTOR_OP_END_INIT		8	/* guest->host */
#define VSTOR_OP_QUERY_VERSION		9	/* guest->host */
#define VSTOR_OP_QUERY_PROPERTIES	10	/* guest->host */
#define VSTOR_OP_ENUMERATE_BUS		11	/* host->guest, id 0: rescan */
#define VSTOR_OP_FC_HBA_DATA		12	/* both: FC WWNs */
#define VSTOR_OP_CREATE_SUB_CHANNELS	13	/* guest->host */
#define VSTOR_OP_EVENT_NOTIFICATION	14	/* newer hosts; unused by Linux */

/* &vstor_pkt.flags: the sender wants a completion for this packet. */
#define VSTOR_PKT_FLAG_COMPLETION	0x00000001

/* Sizes of the two layouts. */
#define VSTOR_SRB_SIZE			52	/* 5.1 and later */
#define VSTOR_SRB_SIZE_PRE_WIN8		36	/* 2.0 and 4.2 */
#define VSTOR_SENSE_SIZE		20	/* 5.1 and later */
#define VSTOR_SENSE_SIZE_PRE_WIN8	18	/* 2.0 and 4.2 */
#define VSTOR_PKT_SIZE			64	/* 5.1 and later */
#define VSTOR_PKT_SIZE_PRE_WIN8		48	/* 2.0 and 4.2 */
#define VSTOR_WIN8_EXT_SIZE		16	/* bytes added by 5.1 */
#define VSTOR_PKT_HDR_SIZE		12	/* operation, flags, status */
#define VSTOR_CDB_MAX			16	/* largest CDB */

/* &vstor_chan_props.flags. */
#define VSTOR_CHAN_PROP_MULTI_CHANNEL	0x00000001

/*
 * SRB status byte (&vstor_scsi_req.srb_status): a code in bits 5:0 plus
 * two flag bits.
 */
#define VSTOR_SRB_CODE_MASK		0x3f
#define VSTOR_SRB_QUEUE_FROZEN		0x40
#define VSTOR_SRB_AUTOSENSE_VALID	0x80
#define VSTOR_SRB_CODE(s)		((s) & VSTOR_SRB_CODE_MASK)

#define VSTOR_SRB_PENDING		0x00
#define VSTOR_SRB_SUCCESS		0x01
#define VSTOR_SRB_ABORTED		0x02
#define VSTOR_SRB_ABORT_FAILED		0x03
#define VSTOR_SRB_ERROR			0x04
#define VSTOR_SRB_BUSY			0x05
#define VSTOR_SRB_INVALID_REQUEST	0x06
#define VSTOR_SRB_INVALID_PATH_ID	0x07
#define VSTOR_SRB_NO_DEVICE		0x08
#define VSTOR_SRB_TIMEOUT		0x09
#define VSTOR_SRB_SELECTION_TIMEOUT	0x0a
#define VSTOR_SRB_COMMAND_TIMEOUT	0x0b
#define VSTOR_SRB_MESSAGE_REJECTED	0x0d
#define VSTOR_SRB_BUS_RESET		0x0e
#define VSTOR_SRB_PARITY_ERROR		0x0f
#define VSTOR_SRB_REQUEST_SENSE_FAILED	0x10
#define VSTOR_SRB_NO_HBA		0x11
#define VSTOR_SRB_DATA_OVERRUN		0x12	/* xfer_len is valid */
#define VSTOR_SRB_UNEXPECTED_BUS_FREE	0x13
#define VSTOR_SRB_PHASE_SEQ_FAILURE	0x14
#define VSTOR_SRB_BAD_BLOCK_LENGTH	0x15
#define VSTOR_SRB_REQUEST_FLUSHED	0x16
#define VSTOR_SRB_INVALID_LUN		0x20
#define VSTOR_SRB_INVALID_TARGET_ID	0x21
#define VSTOR_SRB_BAD_FUNCTION		0x22
#define VSTOR_SRB_ERROR_RECOVERY	0x23
#define VSTOR_SRB_NOT_POWERED		0x24
#define VSTOR_SRB_LINK_DOWN		0x25
#define VSTOR_SRB_INTERNAL_ERROR	0x30	/* handled by Linux */

/* SRB flags: &vstor_scsi_req.srb_flags (5.1 and later). */
#define VSTOR_SRB_FLAG_QUEUE_ACTION_ENABLE	0x00000002
#define VSTOR_SRB_FLAG_DISABLE_DISCONNECT	0x00000004
#define VSTOR_SRB_FLAG_DISABLE_SYNC_XFER	0x00000008
#define VSTOR_SRB_FLAG_BYPASS_FROZEN_QUEUE	0x00000010
#define VSTOR_SRB_FLAG_DISABLE_AUTOSENSE	0x00000020
#define VSTOR_SRB_FLAG_DATA_IN			0x00000040
#define VSTOR_SRB_FLAG_DATA_OUT			0x00000080
#define VSTOR_SRB_FLAG_NO_QUEUE_FREEZE		0x00000100
#define VSTOR_SRB_FLAG_ADAPTER_CACHE_ENABLE	0x00000200
#define VSTOR_SRB_FLAG_FREE_SENSE_BUFFER	0x00000400
#define VSTOR_SRB_FLAG_D3_PROCESSING		0x00000800

/* Data direction: &vstor_scsi_req.data_dir. */
#define VSTOR_DIR_WRITE		0	/* guest memory to device */
#define VSTOR_DIR_READ		1	/* device to guest memory */
#define VSTOR_DIR_NONE		2	/* no data (or unknown) */

/* Queue tag and action (&vstor_scsi_req.queue_tag/queue_action). */
#define VSTOR_QUEUE_TAG_UNTAGGED	0xff
#define VSTOR_QUEUE_ACTION_SIMPLE	0x20

/* NT status values in &vstor_pkt.status. */
#define VSTOR_NT_SUCCESS		0x00000000
#define VSTOR_NT_BUFFER_OVERFLOW	0x80000005
#define VSTOR_NT_DEVICE_BUSY		0x80000011
#define VSTOR_NT_UNSUCCESSFUL		0xc0000001
#define VSTOR_NT_INVALID_PARAMETER	0xc000000d
#define VSTOR_NT_INVALID_DEVICE_REQUEST	0xc0000010
#define VSTOR_NT_REVISION_MISMATCH	0xc0000059
#define VSTOR_NT_DEVICE_NOT_CONNECTED	0xc000009d
#define VSTOR_NT_IO_TIMEOUT		0xc00000b5
#define VSTOR_NT_DEVICE_DOES_NOT_EXIST	0xc00000c0
#define VSTOR_NT_CANCELLED		0xc0000120
#define VSTOR_NT_INVALID_DEVICE_STATE	0xc0000184
#define VSTOR_NT_IO_DEVICE_ERROR	0xc0000185

/*
 * Guest policy, not protocol: the VMBus transaction ids Linux reserves for
 * its init/sub-channel requests and for its bus reset request. The host
 * only echoes them.
 */
#define VSTOR_LINUX_TRANS_ID_INIT	0xfffffffffffffffdULL
#define VSTOR_LINUX_TRANS_ID_RESET	0xfffffffffffffffcULL

/*
 * Target number of an emulated IDE disk, from bytes 4 and 5 (wire order)
 * of its channel's instance GUID.
 */
#define VSTOR_IDE_TARGET(b4, b5)	((((b5) & 0xff) << 8) | ((b4) & 0xff))

/**
 * struct vstor_proto_ver - body of %VSTOR_OP_QUERY_VERSION
 * @major_minor: proposed version, VSTOR_VERSION() encoding
 *	(%VSTOR_VERSION_*).
 * @revision: build revision; guests send 0 and hosts ignore it.
 *
 * Direction: guest to host; the completion echoes the packet with the
 * verdict in &vstor_pkt.status.
 */
struct vstor_proto_ver {
	__le16 major_minor;
	__le16 revision;
};

static_assert(sizeof(struct vstor_proto_ver) == 4);
static_assert(offsetof(struct vstor_proto_ver, major_minor) == 0);
static_assert(offsetof(struct vstor_proto_ver, revision) == 2);

/**
 * struct vstor_chan_props - body of the %VSTOR_OP_QUERY_PROPERTIES reply
 * @reserved0: reserved (FreeBSD reads a version, path id and target id
 *	here; Linux and OpenVMM treat it as reserved).
 * @max_sub_channels: most sub-channels the host will create.
 * @reserved1: reserved.
 * @flags: %VSTOR_CHAN_PROP_* bits.
 * @max_transfer_bytes: largest transfer per request, in bytes; round it
 *	down to a multiple of 4096 before use.
 * @reserved2: reserved (two u32 so the body stays 4-byte aligned at
 *	packet offset 12).
 *
 * Direction: host to guest (the guest's request carries no body).
 */
struct vstor_chan_props {
	__le32 reserved0;
	__le16 max_sub_channels;
	__le16 reserved1;
	__le32 flags;
	__le32 max_transfer_bytes;
	__le32 reserved2[2];
};

static_assert(sizeof(struct vstor_chan_props) == 24);
static_assert(offsetof(struct vstor_chan_props, reserved0) == 0);
static_assert(offsetof(struct vstor_chan_props, max_sub_channels) == 4);
static_assert(offsetof(struct vstor_chan_props, reserved1) == 6);
static_assert(offsetof(struct vstor_chan_props, flags) == 8);
static_assert(offsetof(struct vstor_chan_props, max_transfer_bytes) == 12);
static_assert(offsetof(struct vstor_chan_props, reserved2) == 16);

/**
 * struct vstor_fc_wwn - body of %VSTOR_OP_FC_HBA_DATA
 * @primary_active: non-zero when the primary port/node pair is the active
 *	one, zero when the secondary pair is.
 * @reserved: reserved.
 * @primary_port_wwn: primary port world-wide name.
 * @primary_node_wwn: primary node world-wide name.
 * @secondary_port_wwn: secondary port world-wide name.
 * @secondary_node_wwn: secondary node world-wide name.
 *
 * Direction: host to guest, as the reply during init and unsolicited
 * (transaction id 0) when the names change. The names are byte strings.
 */
struct vstor_fc_wwn {
	u8 primary_active;
	u8 reserved[3];
	u8 primary_port_wwn[8];
	u8 primary_node_wwn[8];
	u8 secondary_port_wwn[8];
	u8 secondary_node_wwn[8];
};

static_assert(sizeof(struct vstor_fc_wwn) == 36);
static_assert(offsetof(struct vstor_fc_wwn, primary_active) == 0);
static_assert(offsetof(struct vstor_fc_wwn, reserved) == 1);
static_assert(offsetof(struct vstor_fc_wwn, primary_port_wwn) == 4);
static_assert(offsetof(struct vstor_fc_wwn, primary_node_wwn) == 12);
static_assert(offsetof(struct vstor_fc_wwn, secondary_port_wwn) == 20);
static_assert(offsetof(struct vstor_fc_wwn, secondary_node_wwn) == 28);

/**
 * struct vstor_scsi_req - SCSI request block, 5.1 (win8) layout
 * @length: size of this structure as the sender knows it:
 *	%VSTOR_SRB_SIZE (52), or %VSTOR_SRB_SIZE_PRE_WIN8 (36) for 2.0/4.2.
 * @srb_status: reply: %VSTOR_SRB_* code plus %VSTOR_SRB_QUEUE_FROZEN and
 *	%VSTOR_SRB_AUTOSENSE_VALID bits. Zero in requests.
 * @scsi_status: reply: SCSI status byte (0x02 = CHECK CONDITION).
 * @port: adapter number; Linux puts its SCSI host number here, hosts
 *	ignore it.
 * @path_id: SCSI channel (bus).
 * @target_id: SCSI target.
 * @lun: SCSI logical unit.
 * @cdb_length: bytes used in @cdb, at most %VSTOR_CDB_MAX.
 * @sense_len: request: room for sense data (%VSTOR_SENSE_SIZE);
 *	reply: sense bytes returned in @sense (clamp to %VSTOR_SENSE_SIZE).
 * @data_dir: one of %VSTOR_DIR_*.
 * @reserved: reserved (OpenVMM calls it "properties"); zero.
 * @xfer_len: request: bytes to transfer; reply: bytes actually moved
 *	(never trust it beyond the request's value).
 * @cdb: request: the command descriptor block.
 * @sense: reply: sense data, valid when @scsi_status is CHECK CONDITION
 *	and %VSTOR_SRB_AUTOSENSE_VALID is set in @srb_status.
 * @reserved2: reserved; first byte of the 5.1 extension (offset 36 =
 *	%VSTOR_SRB_SIZE_PRE_WIN8).
 * @queue_tag: queue tag; Linux sends %VSTOR_QUEUE_TAG_UNTAGGED for
 *	devices that support tagging.
 * @queue_action: queue action; Linux sends %VSTOR_QUEUE_ACTION_SIMPLE
 *	with the tag above.
 * @srb_flags: %VSTOR_SRB_FLAG_* bits.
 * @timeout_sec: command timeout in seconds (Linux sends 60).
 * @sort_key: queue sort key; zero.
 *
 * Direction: guest to host in %VSTOR_OP_EXECUTE_SRB, host to guest in the
 * %VSTOR_OP_COMPLETE_IO reply (the same layout, reply fields filled).
 * The pre-win8 layout is the first 36 bytes of this one.
 */
struct vstor_scsi_req {
	__le16 length;
	u8 srb_status;
	u8 scsi_status;
	u8 port;
	u8 path_id;
	u8 target_id;
	u8 lun;
	u8 cdb_length;
	u8 sense_len;
	u8 data_dir;
	u8 reserved;
	__le32 xfer_len;
	union {
		u8 cdb[VSTOR_CDB_MAX];
		u8 sense[VSTOR_SENSE_SIZE];
	};
	__le16 reserved2;
	u8 queue_tag;
	u8 queue_action;
	__le32 srb_flags;
	__le32 timeout_sec;
	__le32 sort_key;
};

static_assert(sizeof(struct vstor_scsi_req) == VSTOR_SRB_SIZE);
static_assert(offsetof(struct vstor_scsi_req, length) == 0);
static_assert(offsetof(struct vstor_scsi_req, srb_status) == 2);
static_assert(offsetof(struct vstor_scsi_req, scsi_status) == 3);
static_assert(offsetof(struct vstor_scsi_req, port) == 4);
static_assert(offsetof(struct vstor_scsi_req, path_id) == 5);
static_assert(offsetof(struct vstor_scsi_req, target_id) == 6);
static_assert(offsetof(struct vstor_scsi_req, lun) == 7);
static_assert(offsetof(struct vstor_scsi_req, cdb_length) == 8);
static_assert(offsetof(struct vstor_scsi_req, sense_len) == 9);
static_assert(offsetof(struct vstor_scsi_req, data_dir) == 10);
static_assert(offsetof(struct vstor_scsi_req, reserved) == 11);
static_assert(offsetof(struct vstor_scsi_req, xfer_len) == 12);
static_assert(offsetof(struct vstor_scsi_req, cdb) == 16);
static_assert(offsetof(struct vstor_scsi_req, sense) == 16);
static_assert(offsetof(struct vstor_scsi_req, reserved2) ==
	      VSTOR_SRB_SIZE_PRE_WIN8);
static_assert(offsetof(struct vstor_scsi_req, queue_tag) == 38);
static_assert(offsetof(struct vstor_scsi_req, queue_action) == 39);
static_assert(offsetof(struct vstor_scsi_req, srb_flags) == 40);
static_assert(offsetof(struct vstor_scsi_req, timeout_sec) == 44);
static_assert(offsetof(struct vstor_scsi_req, sort_key) == 48);
static_assert(VSTOR_SRB_SIZE - VSTOR_SRB_SIZE_PRE_WIN8 ==
	      VSTOR_WIN8_EXT_SIZE);

/**
 * struct vstor_pkt - a VSTOR packet (5.1 layout, 64 bytes)
 * @operation: one of %VSTOR_OP_*.
 * @flags: %VSTOR_PKT_FLAG_* bits; guests set %VSTOR_PKT_FLAG_COMPLETION
 *	on every request.
 * @status: reply: NT status, one of %VSTOR_NT_*; zero in requests.
 * @srb: %VSTOR_OP_EXECUTE_SRB request and its %VSTOR_OP_COMPLETE_IO reply.
 * @props: %VSTOR_OP_QUERY_PROPERTIES reply.
 * @version: %VSTOR_OP_QUERY_VERSION request (echoed in the reply).
 * @wwn: %VSTOR_OP_FC_HBA_DATA reply or notification.
 * @sub_channel_count: %VSTOR_OP_CREATE_SUB_CHANNELS request: how many
 *	sub-channels the host should offer.
 * @raw: the whole 52-byte body; zero it before filling a member.
 *
 * Direction: both. The guest's requests and the host's completions and
 * notifications all use this layout. Pre-win8 (2.0, 4.2) packets are the
 * first %VSTOR_PKT_SIZE_PRE_WIN8 bytes of it.
 */
struct vstor_pkt {
	__le32 operation;
	__le32 flags;
	__le32 status;
	union {
		struct vstor_scsi_req srb;
		struct vstor_chan_props props;
		struct vstor_proto_ver version;
		struct vstor_fc_wwn wwn;
		__le16 sub_channel_count;
		u8 raw[VSTOR_SRB_SIZE];
	};
};

static_assert(sizeof(struct vstor_pkt) == VSTOR_PKT_SIZE);
static_assert(offsetof(struct vstor_pkt, operation) == 0);
static_assert(offsetof(struct vstor_pkt, flags) == 4);
static_assert(offsetof(struct vstor_pkt, status) == 8);
static_assert(offsetof(struct vstor_pkt, srb) == VSTOR_PKT_HDR_SIZE);
static_assert(offsetof(struct vstor_pkt, props) == 12);
static_assert(offsetof(struct vstor_pkt, version) == 12);
static_assert(offsetof(struct vstor_pkt, wwn) == 12);
static_assert(offsetof(struct vstor_pkt, sub_channel_count) == 12);
static_assert(offsetof(struct vstor_pkt, raw) == 12);
static_assert(VSTOR_PKT_SIZE - VSTOR_PKT_SIZE_PRE_WIN8 ==
	      VSTOR_WIN8_EXT_SIZE);
static_assert(VSTOR_PKT_HDR_SIZE + VSTOR_SRB_SIZE_PRE_WIN8 ==
	      VSTOR_PKT_SIZE_PRE_WIN8);

#endif /* _LUMEN_PROTO_VSTOR_H */
