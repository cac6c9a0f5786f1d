/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus channel messages: the control protocol a guest speaks with the
 * Hyper-V VMBus server over SynIC messages. Protocol versions, connection
 * ids, every message type up to protocol 6.0, offer and feature flags.
 * Wire layouts and constants only.
 */
#ifndef _LUMEN_PROTO_VMBUS_MSG_H
#define _LUMEN_PROTO_VMBUS_MSG_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/uuid.h>

/**
 * DOC: VMBus connection setup
 *
 * The guest opens the VMBus connection by offering one protocol version at a
 * time in %VMBUS_MSG_INITIATE_CONTACT, newest first, and waits for the single
 * %VMBUS_MSG_VERSION_RESPONSE before offering the next one. Only one
 * INITIATE_CONTACT is ever outstanding. A response with
 * @version_supported == 0 means "try an older version"; the first non-zero
 * answer ends the negotiation. The order a current guest uses is 6.0 (only if
 * it implements the 6.0 messages), 5.3, 5.2, 5.1, 5.0, 4.1, 4.0, 3.0, 2.4.
 * Linux no longer offers 1.1 or 0.13 and refuses anything below 5.2 in an
 * isolated (confidential) VM. After hibernation the guest offers only the
 * version it had before.
 *
 * Message connection id rules:
 *
 * - Version < 5.0: INITIATE_CONTACT and every later message are posted on
 *   %VMBUS_MSG_CONN_ID_MESSAGE (1). The 64-bit field at offset 16 holds the
 *   GPA of the legacy interrupt page.
 * - Version >= 5.0: INITIATE_CONTACT is posted on %VMBUS_MSG_CONN_ID_CONTACT
 *   (4); bytes 16 and 17 carry the SINT (%VMBUS_MSG_SINT) and VTL the host
 *   must answer on. Every later message uses the connection id returned in
 *   the response's @msg_conn_id.
 * - A guest running in VTL2 first tries %VMBUS_MSG_CONN_ID_REDIRECT.
 * - HvPostMessage failing with HV_STATUS_INVALID_CONNECTION_ID for an
 *   INITIATE_CONTACT means that connection id does not exist on this host:
 *   from the redirect id fall back to id 4; from id 4 the host predates 5.0,
 *   so continue with the next older version (which uses id 1).
 *
 * Protocol 6.0 adds feature negotiation: the guest puts the
 * %VMBUS_MSG_FEATURE_* bits it wants in bytes 20..23 of INITIATE_CONTACT and
 * the host answers with the 20-byte &struct vmbus_msg_version_response2
 * holding the intersection, or the 40-byte &struct vmbus_msg_version_response3
 * when it also supplies the monitor pages. A refusal always uses the short
 * 16-byte form, so a guest must accept any response of at least 16 bytes and
 * read the later fields only when the payload is long enough. With the
 * %VMBUS_MSG_FEATURE_CLIENT_ID feature the guest sends the 56-byte
 * &struct vmbus_msg_initiate_contact2; the host tells the forms apart by size.
 *
 * Once connected, the guest sends %VMBUS_MSG_REQUESTOFFERS.
 */

/**
 * DOC: VMBus offers
 *
 * After %VMBUS_MSG_REQUESTOFFERS the host sends one %VMBUS_MSG_OFFERCHANNEL
 * per channel followed by one %VMBUS_MSG_ALLOFFERS_DELIVERED. More offers may
 * arrive at any later time (hot add). An offer names the device class
 * (@if_type), the device instance (@if_instance) and the relid the channel is
 * known by (1 .. %VMBUS_MSG_RELID_LIMIT - 1). Sub-channels (protocol >= 2.4)
 * repeat the primary channel's GUIDs with a non-zero @sub_channel_index.
 * An offer carrying %VMBUS_MSG_OFFER_FLAG_HVSOCK is an hv_sock connection:
 * @if_type is the service id, @if_instance the endpoint id and the user area
 * holds &struct vmbus_msg_offer_channel.user.hvsock. The guest asks for such
 * an offer with %VMBUS_MSG_TL_CONNECT_REQUEST; the host answers with a new
 * offer on success or %VMBUS_MSG_TL_CONNECT_RESULT on failure.
 */

/**
 * DOC: VMBus GPADL creation and teardown
 *
 * A GPADL names a list of 4 KiB guest page frames under a 32-bit handle the
 * guest chooses; handles must be unique for the whole connection because the
 * host matches %VMBUS_MSG_GPADL_BODY on the handle alone. The guest sends one
 * %VMBUS_MSG_GPADL_HEADER carrying the range description and as many PFNs as
 * fit (%VMBUS_MSG_GPADL_HEADER_MAX_PFNS), then back-to-back
 * %VMBUS_MSG_GPADL_BODY messages with the remaining PFNs
 * (%VMBUS_MSG_GPADL_BODY_MAX_PFNS each). After the last PFN the host answers
 * once with %VMBUS_MSG_GPADL_CREATED (relid, handle, status 0 on success).
 *
 * Teardown: %VMBUS_MSG_GPADL_TEARDOWN (relid, handle) is answered by
 * %VMBUS_MSG_GPADL_TORNDOWN (handle only). The pages may be reused only after
 * TORNDOWN, or after the channel was rescinded, in which case no teardown
 * message is sent at all.
 *
 * A channel's two rings share one GPADL: guest-to-host ring first, then the
 * host-to-guest ring, whose first page index goes into
 * &struct vmbus_msg_open_channel.downstream_offset.
 */

/**
 * DOC: VMBus channel open and close
 *
 * With the ring GPADL created, the guest sends %VMBUS_MSG_OPENCHANNEL
 * (relid, open id, ring GPADL, target VP, downstream ring offset, user data)
 * and the host answers %VMBUS_MSG_OPENCHANNEL_RESULT, matched on relid and
 * open id, status 0 on success. The host interrupts the channel only after
 * that. On 6.0 with %VMBUS_MSG_FEATURE_GUEST_SIGNAL_PARAMS or
 * %VMBUS_MSG_FEATURE_INTERRUPT_REDIRECT the guest may send the 156-byte
 * &struct vmbus_msg_open_channel2 instead. If the channel is rescinded before
 * the host handles the open, no result is sent.
 *
 * %VMBUS_MSG_MODIFYCHANNEL (protocol >= 4.1) moves the channel's interrupts
 * to another VP; only hosts at 5.3 or later acknowledge it with
 * %VMBUS_MSG_MODIFYCHANNEL_RESPONSE.
 *
 * Close: sub-channels before their primary. %VMBUS_MSG_CLOSECHANNEL has no
 * answer; the guest then tears down the ring GPADL and frees the rings after
 * %VMBUS_MSG_GPADL_TORNDOWN.
 */

/**
 * DOC: VMBus rescind and relid release
 *
 * The host removes a channel with %VMBUS_MSG_RESCIND_CHANNELOFFER. It is
 * always sent after the offer for the same relid, so a guest that defers
 * offer processing must finish the offer first. The guest stops using the
 * channel, fails outstanding waits, closes it if it was open (without GPADL
 * teardown messages), and finally sends %VMBUS_MSG_RELID_RELEASED with the
 * relid, after which the host may reuse it.
 */

/**
 * DOC: VMBus unload, pause and resume
 *
 * %VMBUS_MSG_UNLOAD asks the host to drop every channel of the connection; it
 * answers %VMBUS_MSG_UNLOAD_RESPONSE, possibly after a long time (Linux waits
 * up to 100 s). Hosts older than 3.0 cannot accept a new INITIATE_CONTACT
 * afterwards. After the response the guest may start again at
 * INITIATE_CONTACT (kexec, kdump, hibernation).
 *
 * Protocol 6.0 with %VMBUS_MSG_FEATURE_PAUSE_RESUME: %VMBUS_MSG_PAUSE is
 * answered by %VMBUS_MSG_PAUSE_RESPONSE, after which the host sends no more
 * messages until the guest sends %VMBUS_MSG_RESUME. While paused the guest
 * may send only RESUME, UNLOAD or INITIATE_CONTACT.
 *
 * Protocol 6.0 with %VMBUS_MSG_FEATURE_MODIFY_CONNECTION:
 * %VMBUS_MSG_MODIFY_CONNECTION replaces the monitor pages and is answered by
 * %VMBUS_MSG_MODIFY_CONNECTION_RESPONSE.
 */

/* Protocol versions: major in bits 31:16, minor in bits 15:0. */
#define VMBUS_PROTO_VERSION(major, minor)	(((major) << 16) | (minor))
#define VMBUS_PROTO_MAJOR(v)			(((v) >> 16) & 0xffff)
#define VMBUS_PROTO_MINOR(v)			((v) & 0xffff)

#define VMBUS_PROTO_V0_13	VMBUS_PROTO_VERSION(0, 13)	/* WS2008 */
#define VMBUS_PROTO_V1_1	VMBUS_PROTO_VERSION(1, 1)	/* Win7 / WS2008 R2 */
#define VMBUS_PROTO_V2_4	VMBUS_PROTO_VERSION(2, 4)	/* Win8 / WS2012 */
#define VMBUS_PROTO_V3_0	VMBUS_PROTO_VERSION(3, 0)	/* Win8.1 / WS2012 R2 */
#define VMBUS_PROTO_V4_0	VMBUS_PROTO_VERSION(4, 0)	/* Win10 / WS2016 */
#define VMBUS_PROTO_V4_1	VMBUS_PROTO_VERSION(4, 1)	/* Win10 RS3 */
#define VMBUS_PROTO_V5_0	VMBUS_PROTO_VERSION(5, 0)	/* newer Win10 */
#define VMBUS_PROTO_V5_1	VMBUS_PROTO_VERSION(5, 1)	/* Win10 RS4 */
#define VMBUS_PROTO_V5_2	VMBUS_PROTO_VERSION(5, 2)	/* WS2019 */
#define VMBUS_PROTO_V5_3	VMBUS_PROTO_VERSION(5, 3)	/* WS2022 */
#define VMBUS_PROTO_V6_0	VMBUS_PROTO_VERSION(6, 0)	/* feature flags */

/* Guest policy (Linux): oldest version offered, oldest in an isolated VM. */
#define VMBUS_PROTO_POLICY_MIN			VMBUS_PROTO_V2_4
#define VMBUS_PROTO_POLICY_ISOLATED_MIN		VMBUS_PROTO_V5_2

/* Message connection ids (HvPostMessage) and event/monitor ids. */
#define VMBUS_MSG_CONN_ID_MESSAGE	1		/* all messages before 5.0 */
#define VMBUS_MSG_CONN_ID_EVENT		2		/* legacy HvSignalEvent id */
#define VMBUS_MSG_CONN_ID_MONITOR	3		/* legacy monitor port */
#define VMBUS_MSG_CONN_ID_CONTACT	4		/* INITIATE_CONTACT, >= 5.0 */
#define VMBUS_MSG_CONN_ID_REDIRECT	0x00800074	/* VTL2 INITIATE_CONTACT */
#define VMBUS_MSG_CONN_ID_MASK		0x00ffffff	/* id bits 23:0 */

/* SINT that carries VMBus messages and channel events. */
#define VMBUS_MSG_SINT			2

/* Largest message, header included: one SynIC message payload. */
#define VMBUS_MSG_MAX_SIZE		240

/* Relids are < 2048 (one SIEFP slot); relid 0 is never a channel. */
#define VMBUS_MSG_RELID_LIMIT		2048

/* Monitor ids are < 128: group = id / 32, bit = id % 32. */
#define VMBUS_MSG_MONITOR_ID_LIMIT	128
#define VMBUS_MSG_MONITOR_GROUP_SIZE	32

/* Legacy interrupt page (< 5.0): host-to-guest half, guest-to-host half. */
#define VMBUS_MSG_INTPAGE_RECV_OFFSET	0
#define VMBUS_MSG_INTPAGE_SEND_OFFSET	2048

/* Guest policy (Linux): first GPADL handle handed out, counting up. */
#define VMBUS_MSG_POLICY_GPADL_FIRST_HANDLE	0x000e1e10

/* Channel message types (struct vmbus_msg_hdr.type). */
#define VMBUS_MSG_INVALID			0
#define VMBUS_MSG_OFFERCHANNEL			1
#define VMBUS_MSG_RESCIND_CHANNELOFFER		2
#define VMBUS_MSG_REQUESTOFFERS			3
#define VMBUS_MSG_ALLOFFERS_DELIVERED		4
#define VMBUS_MSG_OPENCHANNEL			5
#define VMBUS_MSG_OPENCHANNEL_RESULT		6
#define VMBUS_MSG_CLOSECHANNEL			7
#define VMBUS_MSG_GPADL_HEADER			8
#define VMBUS_MSG_GPADL_BODY			9
#define VMBUS_MSG_GPADL_CREATED			10
#define VMBUS_MSG_GPADL_TEARDOWN		11
#define VMBUS_MSG_GPADL_TORNDOWN		12
#define VMBUS_MSG_RELID_RELEASED		13
#define VMBUS_MSG_INITIATE_CONTACT		14
#define VMBUS_MSG_VERSION_RESPONSE		15
#define VMBUS_MSG_UNLOAD			16
#define VMBUS_MSG_UNLOAD_RESPONSE		17
#define VMBUS_MSG_OPEN_RESERVED_CHANNEL		18
#define VMBUS_MSG_CLOSE_RESERVED_CHANNEL	19
#define VMBUS_MSG_CLOSE_RESERVED_RESPONSE	20
#define VMBUS_MSG_TL_CONNECT_REQUEST		21
#define VMBUS_MSG_MODIFYCHANNEL			22
#define VMBUS_MSG_TL_CONNECT_RESULT		23
#define VMBUS_MSG_MODIFYCHANNEL_RESPONSE	24
#define VMBUS_MSG_MODIFY_CONNECTION		25
#define VMBUS_MSG_MODIFY_CONNECTION_RESPONSE	26
#define VMBUS_MSG_PAUSE				27
#define VMBUS_MSG_PAUSE_RESPONSE		28
#define VMBUS_MSG_RESUME			29
#define VMBUS_MSG_COUNT				30

/* VERSION_RESPONSE / MODIFY_CONNECTION_RESPONSE connection state. */
#define VMBUS_MSG_CONN_STATE_SUCCESS		0
#define VMBUS_MSG_CONN_STATE_LOW_RESOURCES	1
#define VMBUS_MSG_CONN_STATE_UNKNOWN_FAILURE	2

/* Protocol 6.0 feature flags (INITIATE_CONTACT, VERSION_RESPONSE2). */
#define VMBUS_MSG_FEATURE_GUEST_SIGNAL_PARAMS	0x00000001
#define VMBUS_MSG_FEATURE_INTERRUPT_REDIRECT	0x00000002
#define VMBUS_MSG_FEATURE_MODIFY_CONNECTION	0x00000004
#define VMBUS_MSG_FEATURE_CLIENT_ID		0x00000008
#define VMBUS_MSG_FEATURE_CONFIDENTIAL_CHANNELS	0x00000010
#define VMBUS_MSG_FEATURE_PAUSE_RESUME		0x00000020
#define VMBUS_MSG_FEATURE_SERVER_MONITOR_PAGES	0x00000040
#define VMBUS_MSG_FEATURE_GPA_PINNING		0x00000080

/*
 * Offer channel flags (struct vmbus_msg_offer_channel.flags). 0x0002 and
 * 0x0004 mean "server supports transfer pages / GPADLs" before 6.0 and
 * "confidential ring / external memory" with 6.0 and
 * VMBUS_MSG_FEATURE_CONFIDENTIAL_CHANNELS.
 */
#define VMBUS_MSG_OFFER_FLAG_ENUMERATE		0x0001
#define VMBUS_MSG_OFFER_FLAG_XFER_PAGES		0x0002
#define VMBUS_MSG_OFFER_FLAG_GPADLS		0x0004
#define VMBUS_MSG_OFFER_FLAG_CONFIDENTIAL_RING	0x0002
#define VMBUS_MSG_OFFER_FLAG_CONFIDENTIAL_EXTMEM 0x0004
#define VMBUS_MSG_OFFER_FLAG_PINNED_EXTMEM	0x0008
#define VMBUS_MSG_OFFER_FLAG_NAMED_PIPE		0x0010
#define VMBUS_MSG_OFFER_FLAG_LOOPBACK		0x0100
#define VMBUS_MSG_OFFER_FLAG_PARENT		0x0200
#define VMBUS_MSG_OFFER_FLAG_REQUEST_MONITOR	0x0400
#define VMBUS_MSG_OFFER_FLAG_HVSOCK		0x2000

/* struct vmbus_msg_offer_channel.monitor_flags */
#define VMBUS_MSG_OFFER_MONITOR_ALLOCATED	0x01
/* struct vmbus_msg_offer_channel.interrupt_flags */
#define VMBUS_MSG_OFFER_DEDICATED_INTERRUPT	0x0001

/* Pipe-mode offers: first 32-bit word of the user area. */
#define VMBUS_MSG_PIPE_MODE_BYTE		0x00000000
#define VMBUS_MSG_PIPE_MODE_MESSAGE		0x00000004
/* Pipe flags in the last word of the pipe user area (OpenVMM). */
#define VMBUS_MSG_PIPE_FLAG_GPA_DIRECT		0x00000001

/* hv_sock offer parameter versions. */
#define VMBUS_MSG_HVSOCK_PARAMS_PRE_RS5		0
#define VMBUS_MSG_HVSOCK_PARAMS_RS5		1

/* Size of the user-defined area in offers and OPENCHANNEL. */
#define VMBUS_MSG_USER_DATA_SIZE		120

/* OPENCHANNEL target VP meaning "no interrupts" (OpenVMM). */
#define VMBUS_MSG_TARGET_VP_NONE		0xffffffff

/* OPENCHANNEL2 flags. */
#define VMBUS_MSG_OPEN_FLAG_REDIRECT_INTERRUPT	0x0001

/* NT status values seen in result messages (0 = success). */
#define VMBUS_MSG_STATUS_SUCCESS		0x00000000
#define VMBUS_MSG_STATUS_UNSUCCESSFUL		0x8000ffff
#define VMBUS_MSG_STATUS_CONNECTION_REFUSED	0xc0000236

/**
 * struct vmbus_msg_hdr - header that starts every channel message (both ways)
 * @type: message type, one of VMBUS_MSG_* (%VMBUS_MSG_OFFERCHANNEL ..
 *	%VMBUS_MSG_RESUME).
 * @reserved: padding, 0.
 */
struct vmbus_msg_hdr {
	__le32 type;
	__le32 reserved;
};

static_assert(sizeof(struct vmbus_msg_hdr) == 8);
static_assert(offsetof(struct vmbus_msg_hdr, type) == 0);
static_assert(offsetof(struct vmbus_msg_hdr, reserved) == 4);

/**
 * struct vmbus_msg_offer_channel - OFFERCHANNEL, host to guest
 * @hdr: type %VMBUS_MSG_OFFERCHANNEL.
 * @if_type: device class GUID (hv_sock: service id).
 * @if_instance: device instance GUID (hv_sock: endpoint id).
 * @reserved1: reserved.
 * @flags: VMBUS_MSG_OFFER_FLAG_* bits.
 * @mmio_mb: MMIO space the device wants, in MiB.
 * @user: 120-byte user-defined area, read per @flags.
 * @user.bytes: the area as raw bytes (plain offers).
 * @user.pipe: named-pipe offers (%VMBUS_MSG_OFFER_FLAG_NAMED_PIPE).
 * @user.pipe.mode: VMBUS_MSG_PIPE_MODE_*.
 * @user.pipe.data: device data (Linux counts these and @user.pipe.flags as
 *	one 116-byte area).
 * @user.pipe.flags: VMBUS_MSG_PIPE_FLAG_* (OpenVMM; 0 elsewhere).
 * @user.hvsock: hv_sock offers (%VMBUS_MSG_OFFER_FLAG_HVSOCK).
 * @user.hvsock.mode: pipe mode, VMBUS_MSG_PIPE_MODE_*.
 * @user.hvsock.for_guest_accept: 1 if the host initiated the connection.
 * @user.hvsock.for_guest_container: 1 if meant for a guest container.
 * @user.hvsock.params_version: VMBUS_MSG_HVSOCK_PARAMS_*.
 * @user.hvsock.silo_id: silo GUID (RS5 parameters).
 * @user.hvsock.reserved: padding.
 * @sub_channel_index: 0 for a primary channel, else sub-channel number.
 * @reserved2: reserved (OpenVMM: optional MMIO MiB).
 * @child_relid: relid naming the channel, 1 .. %VMBUS_MSG_RELID_LIMIT - 1.
 * @monitor_id: monitor id, < %VMBUS_MSG_MONITOR_ID_LIMIT.
 * @monitor_flags: %VMBUS_MSG_OFFER_MONITOR_ALLOCATED.
 * @interrupt_flags: %VMBUS_MSG_OFFER_DEDICATED_INTERRUPT.
 * @connection_id: connection id for HvSignalEvent on this channel.
 */
struct vmbus_msg_offer_channel {
	struct vmbus_msg_hdr hdr;
	guid_t if_type;
	guid_t if_instance;
	u8 reserved1[16];
	__le16 flags;
	__le16 mmio_mb;
	union {
		u8 bytes[VMBUS_MSG_USER_DATA_SIZE];
		struct {
			__le32 mode;
			u8 data[112];
			__le32 flags;
		} pipe;
		struct {
			__le32 mode;
			u8 for_guest_accept;
			u8 for_guest_container;
			__le32 params_version;
			guid_t silo_id;
			u8 reserved[2];
		} __packed hvsock;
	} user;
	__le16 sub_channel_index;
	__le16 reserved2;
	__le32 child_relid;
	u8 monitor_id;
	u8 monitor_flags;
	__le16 interrupt_flags;
	__le32 connection_id;
};

static_assert(sizeof(struct vmbus_msg_offer_channel) == 196);
static_assert(offsetof(struct vmbus_msg_offer_channel, if_type) == 8);
static_assert(offsetof(struct vmbus_msg_offer_channel, if_instance) == 24);
static_assert(offsetof(struct vmbus_msg_offer_channel, reserved1) == 40);
static_assert(offsetof(struct vmbus_msg_offer_channel, flags) == 56);
static_assert(offsetof(struct vmbus_msg_offer_channel, mmio_mb) == 58);
static_assert(offsetof(struct vmbus_msg_offer_channel, user) == 60);
static_assert(offsetof(struct vmbus_msg_offer_channel, user.pipe.mode) == 60);
static_assert(offsetof(struct vmbus_msg_offer_channel, user.pipe.data) == 64);
static_assert(offsetof(struct vmbus_msg_offer_channel, user.pipe.flags) == 176);
static_assert(offsetof(struct vmbus_msg_offer_channel, user.hvsock.for_guest_accept) == 64);
static_assert(offsetof(struct vmbus_msg_offer_channel, user.hvsock.for_guest_container) == 65);
static_assert(offsetof(struct vmbus_msg_offer_channel, user.hvsock.params_version) == 66);
static_assert(offsetof(struct vmbus_msg_offer_channel, user.hvsock.silo_id) == 70);
static_assert(offsetof(struct vmbus_msg_offer_channel, user.hvsock.reserved) == 86);
static_assert(offsetof(struct vmbus_msg_offer_channel, sub_channel_index) == 180);
static_assert(offsetof(struct vmbus_msg_offer_channel, reserved2) == 182);
static_assert(offsetof(struct vmbus_msg_offer_channel, child_relid) == 184);
static_assert(offsetof(struct vmbus_msg_offer_channel, monitor_id) == 188);
static_assert(offsetof(struct vmbus_msg_offer_channel, monitor_flags) == 189);
static_assert(offsetof(struct vmbus_msg_offer_channel, interrupt_flags) == 190);
static_assert(offsetof(struct vmbus_msg_offer_channel, connection_id) == 192);

/**
 * struct vmbus_msg_rescind_offer - RESCIND_CHANNELOFFER, host to guest
 * @hdr: type %VMBUS_MSG_RESCIND_CHANNELOFFER.
 * @child_relid: relid of the channel being removed.
 */
struct vmbus_msg_rescind_offer {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
};

static_assert(sizeof(struct vmbus_msg_rescind_offer) == 12);
static_assert(offsetof(struct vmbus_msg_rescind_offer, child_relid) == 8);

/**
 * struct vmbus_msg_request_offers - REQUESTOFFERS, guest to host
 * @hdr: type %VMBUS_MSG_REQUESTOFFERS; no body.
 */
struct vmbus_msg_request_offers {
	struct vmbus_msg_hdr hdr;
};

static_assert(sizeof(struct vmbus_msg_request_offers) == 8);

/**
 * struct vmbus_msg_all_offers_delivered - ALLOFFERS_DELIVERED, host to guest
 * @hdr: type %VMBUS_MSG_ALLOFFERS_DELIVERED; no body.
 */
struct vmbus_msg_all_offers_delivered {
	struct vmbus_msg_hdr hdr;
};

static_assert(sizeof(struct vmbus_msg_all_offers_delivered) == 8);

/**
 * struct vmbus_msg_open_channel - OPENCHANNEL, guest to host
 * @hdr: type %VMBUS_MSG_OPENCHANNEL.
 * @child_relid: relid of the channel to open.
 * @open_id: guest-chosen id echoed in the result (Linux uses the relid).
 * @ring_gpadl: GPADL handle covering both rings.
 * @target_vp: VP index for host-to-guest interrupts (>= 2.4; 0 before),
 *	or %VMBUS_MSG_TARGET_VP_NONE.
 * @downstream_offset: first page of the host-to-guest ring inside the ring
 *	GPADL, in 4 KiB pages (= size of the guest-to-host ring).
 * @user_data: data passed to the device's host side.
 */
struct vmbus_msg_open_channel {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 open_id;
	__le32 ring_gpadl;
	__le32 target_vp;
	__le32 downstream_offset;
	u8 user_data[VMBUS_MSG_USER_DATA_SIZE];
};

static_assert(sizeof(struct vmbus_msg_open_channel) == 148);
static_assert(offsetof(struct vmbus_msg_open_channel, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_open_channel, open_id) == 12);
static_assert(offsetof(struct vmbus_msg_open_channel, ring_gpadl) == 16);
static_assert(offsetof(struct vmbus_msg_open_channel, target_vp) == 20);
static_assert(offsetof(struct vmbus_msg_open_channel, downstream_offset) == 24);
static_assert(offsetof(struct vmbus_msg_open_channel, user_data) == 28);

/**
 * struct vmbus_msg_open_channel2 - OPENCHANNEL with signal parameters (6.0),
 *	guest to host
 * @open: the 148-byte OPENCHANNEL body, type %VMBUS_MSG_OPENCHANNEL.
 * @connection_id: connection id the guest will signal on
 *	(%VMBUS_MSG_FEATURE_GUEST_SIGNAL_PARAMS).
 * @event_flag: event flag number for that connection.
 * @flags: VMBUS_MSG_OPEN_FLAG_* (%VMBUS_MSG_FEATURE_INTERRUPT_REDIRECT).
 */
struct vmbus_msg_open_channel2 {
	struct vmbus_msg_open_channel open;
	__le32 connection_id;
	__le16 event_flag;
	__le16 flags;
};

static_assert(sizeof(struct vmbus_msg_open_channel2) == 156);
static_assert(offsetof(struct vmbus_msg_open_channel2, connection_id) == 148);
static_assert(offsetof(struct vmbus_msg_open_channel2, event_flag) == 152);
static_assert(offsetof(struct vmbus_msg_open_channel2, flags) == 154);

/**
 * struct vmbus_msg_open_result - OPENCHANNEL_RESULT, host to guest
 * @hdr: type %VMBUS_MSG_OPENCHANNEL_RESULT.
 * @child_relid: relid from the OPENCHANNEL.
 * @open_id: open id from the OPENCHANNEL.
 * @status: 0 on success, else an NT status.
 */
struct vmbus_msg_open_result {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 open_id;
	__le32 status;
};

static_assert(sizeof(struct vmbus_msg_open_result) == 20);
static_assert(offsetof(struct vmbus_msg_open_result, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_open_result, open_id) == 12);
static_assert(offsetof(struct vmbus_msg_open_result, status) == 16);

/**
 * struct vmbus_msg_close_channel - CLOSECHANNEL, guest to host (no answer)
 * @hdr: type %VMBUS_MSG_CLOSECHANNEL.
 * @child_relid: relid of the channel to close.
 */
struct vmbus_msg_close_channel {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
};

static_assert(sizeof(struct vmbus_msg_close_channel) == 12);
static_assert(offsetof(struct vmbus_msg_close_channel, child_relid) == 8);

/**
 * struct vmbus_msg_gpa_range - one range record of a GPADL range buffer
 * @byte_count: bytes described by the range.
 * @byte_offset: offset of the first byte in the first page (Linux: 0).
 * @pfn: ceil((@byte_offset + @byte_count) / 4096) page frame numbers; those
 *	that do not fit in the GPADL_HEADER continue in GPADL_BODY messages.
 */
struct vmbus_msg_gpa_range {
	__le32 byte_count;
	__le32 byte_offset;
	__le64 pfn[];
} __packed;

static_assert(sizeof(struct vmbus_msg_gpa_range) == 8);
static_assert(offsetof(struct vmbus_msg_gpa_range, byte_offset) == 4);
static_assert(offsetof(struct vmbus_msg_gpa_range, pfn) == 8);

/**
 * struct vmbus_msg_gpadl_header - GPADL_HEADER, guest to host
 * @hdr: type %VMBUS_MSG_GPADL_HEADER.
 * @child_relid: relid of the channel the GPADL belongs to.
 * @gpadl: guest-chosen GPADL handle, unique on the connection.
 * @range_buflen: bytes of all range records with all their PFNs, including
 *	the PFNs sent in GPADL_BODY messages.
 * @range_count: number of range records (Linux: 1).
 * @range: first range record; the message holds at most
 *	%VMBUS_MSG_GPADL_HEADER_MAX_PFNS of its PFNs.
 */
struct vmbus_msg_gpadl_header {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 gpadl;
	__le16 range_buflen;
	__le16 range_count;
	struct vmbus_msg_gpa_range range;
} __packed;

static_assert(sizeof(struct vmbus_msg_gpadl_header) == 28);
static_assert(offsetof(struct vmbus_msg_gpadl_header, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_gpadl_header, gpadl) == 12);
static_assert(offsetof(struct vmbus_msg_gpadl_header, range_buflen) == 16);
static_assert(offsetof(struct vmbus_msg_gpadl_header, range_count) == 18);
static_assert(offsetof(struct vmbus_msg_gpadl_header, range.byte_count) == 20);
static_assert(offsetof(struct vmbus_msg_gpadl_header, range.byte_offset) == 24);
static_assert(offsetof(struct vmbus_msg_gpadl_header, range.pfn) == 28);

/**
 * struct vmbus_msg_gpadl_body - GPADL_BODY, guest to host
 * @hdr: type %VMBUS_MSG_GPADL_BODY.
 * @msg_number: sequence number (Linux leaves 0; hosts ignore it).
 * @gpadl: handle from the GPADL_HEADER.
 * @pfn: further PFNs of the range, at most %VMBUS_MSG_GPADL_BODY_MAX_PFNS.
 */
struct vmbus_msg_gpadl_body {
	struct vmbus_msg_hdr hdr;
	__le32 msg_number;
	__le32 gpadl;
	__le64 pfn[];
};

static_assert(sizeof(struct vmbus_msg_gpadl_body) == 16);
static_assert(offsetof(struct vmbus_msg_gpadl_body, msg_number) == 8);
static_assert(offsetof(struct vmbus_msg_gpadl_body, gpadl) == 12);
static_assert(offsetof(struct vmbus_msg_gpadl_body, pfn) == 16);

/* PFN capacity of one GPADL_HEADER / GPADL_BODY message. */
#define VMBUS_MSG_GPADL_HEADER_MAX_PFNS \
	((VMBUS_MSG_MAX_SIZE - sizeof(struct vmbus_msg_gpadl_header)) / 8)
#define VMBUS_MSG_GPADL_BODY_MAX_PFNS \
	((VMBUS_MSG_MAX_SIZE - sizeof(struct vmbus_msg_gpadl_body)) / 8)
/* Largest range buffer (16-bit length) and PFNs of a one-range GPADL. */
#define VMBUS_MSG_GPADL_RANGE_BUFLEN_MAX	0xffff
#define VMBUS_MSG_GPADL_MAX_PFNS \
	((VMBUS_MSG_GPADL_RANGE_BUFLEN_MAX - sizeof(struct vmbus_msg_gpa_range)) / 8)

static_assert(VMBUS_MSG_GPADL_HEADER_MAX_PFNS == 26);
static_assert(VMBUS_MSG_GPADL_BODY_MAX_PFNS == 28);
static_assert(VMBUS_MSG_GPADL_MAX_PFNS == 8190);

/**
 * struct vmbus_msg_gpadl_created - GPADL_CREATED, host to guest
 * @hdr: type %VMBUS_MSG_GPADL_CREATED.
 * @child_relid: relid from the GPADL_HEADER.
 * @gpadl: handle from the GPADL_HEADER.
 * @status: 0 on success, else an NT status (e.g.
 *	%VMBUS_MSG_STATUS_UNSUCCESSFUL).
 */
struct vmbus_msg_gpadl_created {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 gpadl;
	__le32 status;
};

static_assert(sizeof(struct vmbus_msg_gpadl_created) == 20);
static_assert(offsetof(struct vmbus_msg_gpadl_created, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_gpadl_created, gpadl) == 12);
static_assert(offsetof(struct vmbus_msg_gpadl_created, status) == 16);

/**
 * struct vmbus_msg_gpadl_teardown - GPADL_TEARDOWN, guest to host
 * @hdr: type %VMBUS_MSG_GPADL_TEARDOWN.
 * @child_relid: relid of the owning channel.
 * @gpadl: handle to tear down.
 */
struct vmbus_msg_gpadl_teardown {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 gpadl;
};

static_assert(sizeof(struct vmbus_msg_gpadl_teardown) == 16);
static_assert(offsetof(struct vmbus_msg_gpadl_teardown, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_gpadl_teardown, gpadl) == 12);

/**
 * struct vmbus_msg_gpadl_torndown - GPADL_TORNDOWN, host to guest
 * @hdr: type %VMBUS_MSG_GPADL_TORNDOWN.
 * @gpadl: handle that is gone; its pages may now be reused.
 */
struct vmbus_msg_gpadl_torndown {
	struct vmbus_msg_hdr hdr;
	__le32 gpadl;
};

static_assert(sizeof(struct vmbus_msg_gpadl_torndown) == 12);
static_assert(offsetof(struct vmbus_msg_gpadl_torndown, gpadl) == 8);

/**
 * struct vmbus_msg_relid_released - RELID_RELEASED, guest to host
 * @hdr: type %VMBUS_MSG_RELID_RELEASED.
 * @child_relid: rescinded relid the guest no longer references.
 */
struct vmbus_msg_relid_released {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
};

static_assert(sizeof(struct vmbus_msg_relid_released) == 12);
static_assert(offsetof(struct vmbus_msg_relid_released, child_relid) == 8);

/**
 * struct vmbus_msg_initiate_contact - INITIATE_CONTACT, guest to host
 * @hdr: type %VMBUS_MSG_INITIATE_CONTACT.
 * @version: requested protocol version, VMBUS_PROTO_*.
 * @target_vp: VP index the host sends channel messages to.
 * @interrupt_page: version < 5.0: GPA of the legacy interrupt page.
 * @msg_sint: version >= 5.0: SINT for host messages (%VMBUS_MSG_SINT).
 * @msg_vtl: version >= 5.0: VTL for host messages (0 for a normal guest).
 * @reserved: version >= 5.0: 0.
 * @feature_flags: version >= 6.0: requested VMBUS_MSG_FEATURE_* bits,
 *	else 0.
 * @monitor_page1: GPA of the host-to-guest monitor page.
 * @monitor_page2: GPA of the guest-to-host monitor page (the guest sets
 *	pending bits here). Both monitor pages or neither.
 */
struct vmbus_msg_initiate_contact {
	struct vmbus_msg_hdr hdr;
	__le32 version;
	__le32 target_vp;
	union {
		__le64 interrupt_page;
		struct {
			u8 msg_sint;
			u8 msg_vtl;
			__le16 reserved;
			__le32 feature_flags;
		};
	};
	__le64 monitor_page1;
	__le64 monitor_page2;
};

static_assert(sizeof(struct vmbus_msg_initiate_contact) == 40);
static_assert(offsetof(struct vmbus_msg_initiate_contact, version) == 8);
static_assert(offsetof(struct vmbus_msg_initiate_contact, target_vp) == 12);
static_assert(offsetof(struct vmbus_msg_initiate_contact, interrupt_page) == 16);
static_assert(offsetof(struct vmbus_msg_initiate_contact, msg_sint) == 16);
static_assert(offsetof(struct vmbus_msg_initiate_contact, msg_vtl) == 17);
static_assert(offsetof(struct vmbus_msg_initiate_contact, reserved) == 18);
static_assert(offsetof(struct vmbus_msg_initiate_contact, feature_flags) == 20);
static_assert(offsetof(struct vmbus_msg_initiate_contact, monitor_page1) == 24);
static_assert(offsetof(struct vmbus_msg_initiate_contact, monitor_page2) == 32);

/**
 * struct vmbus_msg_initiate_contact2 - INITIATE_CONTACT with client id
 *	(6.0, %VMBUS_MSG_FEATURE_CLIENT_ID), guest to host
 * @contact: the 40-byte INITIATE_CONTACT, type %VMBUS_MSG_INITIATE_CONTACT.
 * @client_id: GUID identifying the guest's VMBus client.
 */
struct vmbus_msg_initiate_contact2 {
	struct vmbus_msg_initiate_contact contact;
	guid_t client_id;
};

static_assert(sizeof(struct vmbus_msg_initiate_contact2) == 56);
static_assert(offsetof(struct vmbus_msg_initiate_contact2, client_id) == 40);

/**
 * struct vmbus_msg_version_response - VERSION_RESPONSE, host to guest
 * @hdr: type %VMBUS_MSG_VERSION_RESPONSE.
 * @version_supported: non-zero if the requested version is accepted.
 * @conn_state: VMBUS_MSG_CONN_STATE_*.
 * @reserved: padding.
 * @msg_conn_id: version >= 5.0: connection id for every later message;
 *	older hosts may put the selected version here.
 */
struct vmbus_msg_version_response {
	struct vmbus_msg_hdr hdr;
	u8 version_supported;
	u8 conn_state;
	__le16 reserved;
	__le32 msg_conn_id;
};

static_assert(sizeof(struct vmbus_msg_version_response) == 16);
static_assert(offsetof(struct vmbus_msg_version_response, version_supported) == 8);
static_assert(offsetof(struct vmbus_msg_version_response, conn_state) == 9);
static_assert(offsetof(struct vmbus_msg_version_response, reserved) == 10);
static_assert(offsetof(struct vmbus_msg_version_response, msg_conn_id) == 12);

/**
 * struct vmbus_msg_version_response2 - VERSION_RESPONSE with features (6.0),
 *	host to guest
 * @resp: the 16-byte VERSION_RESPONSE, type %VMBUS_MSG_VERSION_RESPONSE.
 * @feature_flags: VMBUS_MSG_FEATURE_* bits both sides support.
 */
struct vmbus_msg_version_response2 {
	struct vmbus_msg_version_response resp;
	__le32 feature_flags;
};

static_assert(sizeof(struct vmbus_msg_version_response2) == 20);
static_assert(offsetof(struct vmbus_msg_version_response2, feature_flags) == 16);

/**
 * struct vmbus_msg_version_response3 - VERSION_RESPONSE with monitor pages
 *	(6.0, %VMBUS_MSG_FEATURE_SERVER_MONITOR_PAGES), host to guest
 * @resp2: the 20-byte form, type %VMBUS_MSG_VERSION_RESPONSE.
 * @reserved: padding.
 * @monitor_page1: host-to-guest monitor page GPA (may be 0).
 * @monitor_page2: guest-to-host monitor page GPA (non-zero); the guest uses
 *	these pages instead of its own.
 */
struct vmbus_msg_version_response3 {
	struct vmbus_msg_version_response2 resp2;
	__le32 reserved;
	__le64 monitor_page1;
	__le64 monitor_page2;
};

static_assert(sizeof(struct vmbus_msg_version_response3) == 40);
static_assert(offsetof(struct vmbus_msg_version_response3, reserved) == 20);
static_assert(offsetof(struct vmbus_msg_version_response3, monitor_page1) == 24);
static_assert(offsetof(struct vmbus_msg_version_response3, monitor_page2) == 32);

/**
 * struct vmbus_msg_unload - UNLOAD, guest to host
 * @hdr: type %VMBUS_MSG_UNLOAD; no body.
 */
struct vmbus_msg_unload {
	struct vmbus_msg_hdr hdr;
};

static_assert(sizeof(struct vmbus_msg_unload) == 8);

/**
 * struct vmbus_msg_unload_response - UNLOAD_RESPONSE, host to guest
 * @hdr: type %VMBUS_MSG_UNLOAD_RESPONSE; no body.
 */
struct vmbus_msg_unload_response {
	struct vmbus_msg_hdr hdr;
};

static_assert(sizeof(struct vmbus_msg_unload_response) == 8);

/**
 * struct vmbus_msg_open_reserved - OPEN_RESERVED_CHANNEL (4.0), guest to host
 * @hdr: type %VMBUS_MSG_OPEN_RESERVED_CHANNEL.
 * @child_relid: relid of the reserved channel.
 * @target_vp: VP index for its interrupts.
 * @target_sint: SINT for its interrupts.
 * @ring_gpadl: GPADL handle of the rings.
 * @downstream_offset: host-to-guest ring offset in 4 KiB pages.
 */
struct vmbus_msg_open_reserved {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 target_vp;
	__le32 target_sint;
	__le32 ring_gpadl;
	__le32 downstream_offset;
};

static_assert(sizeof(struct vmbus_msg_open_reserved) == 28);
static_assert(offsetof(struct vmbus_msg_open_reserved, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_open_reserved, target_vp) == 12);
static_assert(offsetof(struct vmbus_msg_open_reserved, target_sint) == 16);
static_assert(offsetof(struct vmbus_msg_open_reserved, ring_gpadl) == 20);
static_assert(offsetof(struct vmbus_msg_open_reserved, downstream_offset) == 24);

/**
 * struct vmbus_msg_close_reserved - CLOSE_RESERVED_CHANNEL, guest to host
 * @hdr: type %VMBUS_MSG_CLOSE_RESERVED_CHANNEL.
 * @child_relid: relid of the reserved channel.
 * @target_vp: VP index for the response.
 * @target_sint: SINT for the response.
 */
struct vmbus_msg_close_reserved {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 target_vp;
	__le32 target_sint;
};

static_assert(sizeof(struct vmbus_msg_close_reserved) == 20);
static_assert(offsetof(struct vmbus_msg_close_reserved, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_close_reserved, target_vp) == 12);
static_assert(offsetof(struct vmbus_msg_close_reserved, target_sint) == 16);

/**
 * struct vmbus_msg_close_reserved_response - CLOSE_RESERVED_RESPONSE (4.0),
 *	host to guest
 * @hdr: type %VMBUS_MSG_CLOSE_RESERVED_RESPONSE.
 * @child_relid: relid of the closed reserved channel.
 */
struct vmbus_msg_close_reserved_response {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
};

static_assert(sizeof(struct vmbus_msg_close_reserved_response) == 12);
static_assert(offsetof(struct vmbus_msg_close_reserved_response, child_relid) == 8);

/**
 * struct vmbus_msg_tl_connect_request - TL_CONNECT_REQUEST (4.0), guest to
 *	host: ask for an hv_sock connection
 * @hdr: type %VMBUS_MSG_TL_CONNECT_REQUEST.
 * @endpoint_id: guest endpoint GUID.
 * @service_id: host service GUID.
 */
struct vmbus_msg_tl_connect_request {
	struct vmbus_msg_hdr hdr;
	guid_t endpoint_id;
	guid_t service_id;
};

static_assert(sizeof(struct vmbus_msg_tl_connect_request) == 40);
static_assert(offsetof(struct vmbus_msg_tl_connect_request, endpoint_id) == 8);
static_assert(offsetof(struct vmbus_msg_tl_connect_request, service_id) == 24);

/**
 * struct vmbus_msg_tl_connect_request2 - TL_CONNECT_REQUEST with silo id
 *	(5.2), guest to host
 * @req: the 40-byte request, type %VMBUS_MSG_TL_CONNECT_REQUEST.
 * @silo_id: silo GUID (all zero for the host itself).
 */
struct vmbus_msg_tl_connect_request2 {
	struct vmbus_msg_tl_connect_request req;
	guid_t silo_id;
};

static_assert(sizeof(struct vmbus_msg_tl_connect_request2) == 56);
static_assert(offsetof(struct vmbus_msg_tl_connect_request2, silo_id) == 40);

/**
 * struct vmbus_msg_modify_channel - MODIFYCHANNEL (4.1), guest to host
 * @hdr: type %VMBUS_MSG_MODIFYCHANNEL.
 * @child_relid: relid of the channel.
 * @target_vp: new VP index for its interrupts.
 */
struct vmbus_msg_modify_channel {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 target_vp;
};

static_assert(sizeof(struct vmbus_msg_modify_channel) == 16);
static_assert(offsetof(struct vmbus_msg_modify_channel, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_modify_channel, target_vp) == 12);

/**
 * struct vmbus_msg_tl_connect_result - TL_CONNECT_RESULT (4.1), host to
 *	guest: an hv_sock connect failed (success brings an offer instead)
 * @hdr: type %VMBUS_MSG_TL_CONNECT_RESULT.
 * @endpoint_id: endpoint GUID from the request.
 * @service_id: service GUID from the request.
 * @status: NT status (e.g. %VMBUS_MSG_STATUS_CONNECTION_REFUSED).
 */
struct vmbus_msg_tl_connect_result {
	struct vmbus_msg_hdr hdr;
	guid_t endpoint_id;
	guid_t service_id;
	__le32 status;
};

static_assert(sizeof(struct vmbus_msg_tl_connect_result) == 44);
static_assert(offsetof(struct vmbus_msg_tl_connect_result, endpoint_id) == 8);
static_assert(offsetof(struct vmbus_msg_tl_connect_result, service_id) == 24);
static_assert(offsetof(struct vmbus_msg_tl_connect_result, status) == 40);

/**
 * struct vmbus_msg_modify_channel_response - MODIFYCHANNEL_RESPONSE (5.3),
 *	host to guest
 * @hdr: type %VMBUS_MSG_MODIFYCHANNEL_RESPONSE.
 * @child_relid: relid from the MODIFYCHANNEL.
 * @status: 0 on success, else an NT status.
 */
struct vmbus_msg_modify_channel_response {
	struct vmbus_msg_hdr hdr;
	__le32 child_relid;
	__le32 status;
};

static_assert(sizeof(struct vmbus_msg_modify_channel_response) == 16);
static_assert(offsetof(struct vmbus_msg_modify_channel_response, child_relid) == 8);
static_assert(offsetof(struct vmbus_msg_modify_channel_response, status) == 12);

/**
 * struct vmbus_msg_modify_connection - MODIFY_CONNECTION (6.0,
 *	%VMBUS_MSG_FEATURE_MODIFY_CONNECTION), guest to host
 * @hdr: type %VMBUS_MSG_MODIFY_CONNECTION.
 * @monitor_page1: new host-to-guest monitor page GPA.
 * @monitor_page2: new guest-to-host monitor page GPA.
 */
struct vmbus_msg_modify_connection {
	struct vmbus_msg_hdr hdr;
	__le64 monitor_page1;
	__le64 monitor_page2;
};

static_assert(sizeof(struct vmbus_msg_modify_connection) == 24);
static_assert(offsetof(struct vmbus_msg_modify_connection, monitor_page1) == 8);
static_assert(offsetof(struct vmbus_msg_modify_connection, monitor_page2) == 16);

/**
 * struct vmbus_msg_modify_connection_response - MODIFY_CONNECTION_RESPONSE
 *	(6.0), host to guest; 9 bytes on the wire
 * @hdr: type %VMBUS_MSG_MODIFY_CONNECTION_RESPONSE.
 * @conn_state: VMBUS_MSG_CONN_STATE_*.
 */
struct vmbus_msg_modify_connection_response {
	struct vmbus_msg_hdr hdr;
	u8 conn_state;
} __packed;

static_assert(sizeof(struct vmbus_msg_modify_connection_response) == 9);
static_assert(offsetof(struct vmbus_msg_modify_connection_response, conn_state) == 8);

/**
 * struct vmbus_msg_pause - PAUSE (6.0, %VMBUS_MSG_FEATURE_PAUSE_RESUME),
 *	guest to host
 * @hdr: type %VMBUS_MSG_PAUSE; no body.
 */
struct vmbus_msg_pause {
	struct vmbus_msg_hdr hdr;
};

static_assert(sizeof(struct vmbus_msg_pause) == 8);

/**
 * struct vmbus_msg_pause_response - PAUSE_RESPONSE (6.0), host to guest
 * @hdr: type %VMBUS_MSG_PAUSE_RESPONSE; no body.
 */
struct vmbus_msg_pause_response {
	struct vmbus_msg_hdr hdr;
};

static_assert(sizeof(struct vmbus_msg_pause_response) == 8);

/**
 * struct vmbus_msg_resume - RESUME (6.0), guest to host
 * @hdr: type %VMBUS_MSG_RESUME; no body.
 */
struct vmbus_msg_resume {
	struct vmbus_msg_hdr hdr;
};

static_assert(sizeof(struct vmbus_msg_resume) == 8);

#endif /* _LUMEN_PROTO_VMBUS_MSG_H */
