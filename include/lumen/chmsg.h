/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus channel-message table and parser. One list describes every channel
 * message; hv_vmbus uses it to parse what the host sends, hvsim to parse
 * what the guest sends, and both to start the messages they encode. The
 * code is pure (lib/chmsg.c): no locks, no allocation, no logging.
 */
#ifndef _LUMEN_CHMSG_H
#define _LUMEN_CHMSG_H

#include <linux/types.h>
#include <proto/vmbus_msg.h>

/* Message directions (struct vmbus_chmsg_info.dir). */
#define VMBUS_CHMSG_DIR_G2H		1	/* guest to host */
#define VMBUS_CHMSG_DIR_H2G		2	/* host to guest */

/* struct vmbus_chmsg_info.flags */
#define VMBUS_CHMSG_F_UNCONNECTED	0x0001	/* valid before negotiation */

/**
 * VMBUS_CHMSG_TABLE - every VMBus channel message, one row per type
 * @X: macro applied to each row as X(type, name, stype, dir, min_len,
 *	version, max_len, relid_off, flags).
 *
 * Expands to the rows inside one pair of braces, so it serves directly as
 * the initializer of an array indexed by type, or as a block. @X is
 * declared variadic (X...) only so that checkpatch does not count its
 * reuse; pass one macro name.
 *
 * Columns:
 *
 * - type: the VMBUS_MSG_* type constant; rows are in type order, 1 to
 *   %VMBUS_MSG_COUNT - 1.
 * - name: lowercase name, also the row's member of &union vmbus_chmsg_body.
 * - stype: the message's base wire struct type.
 * - dir: %VMBUS_CHMSG_DIR_G2H or %VMBUS_CHMSG_DIR_H2G.
 * - min_len: shortest accepted message, header included. Host to guest:
 *   what real guests accept (a 6.0 VERSION_RESPONSE may be 16, 20 or 40
 *   bytes long; ALLOFFERS_DELIVERED and UNLOAD_RESPONSE are the header
 *   alone). Guest to host: the base struct, which a host must receive in
 *   full; for GPADL_HEADER and GPADL_BODY their fixed part, PFNs counted
 *   apart. Today every minimum is sizeof(stype).
 * - version: first protocol version (VMBUS_PROTO_*) with the message.
 *   Types 25 to 29 also need a 6.0 feature flag, which the caller checks.
 * - max_len: longest valid form: the largest struct variant; for
 *   GPADL_HEADER and GPADL_BODY the fixed part with as many PFNs as fit
 *   (%VMBUS_MSG_GPADL_HEADER_MAX_PFNS, %VMBUS_MSG_GPADL_BODY_MAX_PFNS).
 *   Informational: the parser accepts longer messages up to
 *   %VMBUS_MSG_MAX_SIZE, as guests do.
 * - relid_off: offset of the child relid, or 0 if the message has none.
 * - flags: %VMBUS_CHMSG_F_UNCONNECTED for the messages valid while no
 *   version is negotiated (INITIATE_CONTACT, VERSION_RESPONSE, UNLOAD,
 *   UNLOAD_RESPONSE), else 0.
 */
#define VMBUS_CHMSG_TABLE(X...) {					\
	X(VMBUS_MSG_OFFERCHANNEL, offerchannel,				\
	  struct vmbus_msg_offer_channel,				\
	  VMBUS_CHMSG_DIR_H2G, 196, VMBUS_PROTO_V0_13, 196, 184, 0)	\
	X(VMBUS_MSG_RESCIND_CHANNELOFFER, rescind_channeloffer,		\
	  struct vmbus_msg_rescind_offer,				\
	  VMBUS_CHMSG_DIR_H2G, 12, VMBUS_PROTO_V0_13, 12, 8, 0)		\
	X(VMBUS_MSG_REQUESTOFFERS, requestoffers,			\
	  struct vmbus_msg_request_offers,				\
	  VMBUS_CHMSG_DIR_G2H, 8, VMBUS_PROTO_V0_13, 8, 0, 0)		\
	X(VMBUS_MSG_ALLOFFERS_DELIVERED, alloffers_delivered,		\
	  struct vmbus_msg_all_offers_delivered,			\
	  VMBUS_CHMSG_DIR_H2G, 8, VMBUS_PROTO_V0_13, 8, 0, 0)		\
	X(VMBUS_MSG_OPENCHANNEL, openchannel,				\
	  struct vmbus_msg_open_channel,				\
	  VMBUS_CHMSG_DIR_G2H, 148, VMBUS_PROTO_V0_13, 156, 8, 0)	\
	X(VMBUS_MSG_OPENCHANNEL_RESULT, openchannel_result,		\
	  struct vmbus_msg_open_result,					\
	  VMBUS_CHMSG_DIR_H2G, 20, VMBUS_PROTO_V0_13, 20, 8, 0)		\
	X(VMBUS_MSG_CLOSECHANNEL, closechannel,				\
	  struct vmbus_msg_close_channel,				\
	  VMBUS_CHMSG_DIR_G2H, 12, VMBUS_PROTO_V0_13, 12, 8, 0)		\
	X(VMBUS_MSG_GPADL_HEADER, gpadl_header,				\
	  struct vmbus_msg_gpadl_header,				\
	  VMBUS_CHMSG_DIR_G2H, 28, VMBUS_PROTO_V0_13, 236, 8, 0)	\
	X(VMBUS_MSG_GPADL_BODY, gpadl_body,				\
	  struct vmbus_msg_gpadl_body,					\
	  VMBUS_CHMSG_DIR_G2H, 16, VMBUS_PROTO_V0_13, 240, 0, 0)	\
	X(VMBUS_MSG_GPADL_CREATED, gpadl_created,			\
	  struct vmbus_msg_gpadl_created,				\
	  VMBUS_CHMSG_DIR_H2G, 20, VMBUS_PROTO_V0_13, 20, 8, 0)		\
	X(VMBUS_MSG_GPADL_TEARDOWN, gpadl_teardown,			\
	  struct vmbus_msg_gpadl_teardown,				\
	  VMBUS_CHMSG_DIR_G2H, 16, VMBUS_PROTO_V0_13, 16, 8, 0)		\
	X(VMBUS_MSG_GPADL_TORNDOWN, gpadl_torndown,			\
	  struct vmbus_msg_gpadl_torndown,				\
	  VMBUS_CHMSG_DIR_H2G, 12, VMBUS_PROTO_V0_13, 12, 0, 0)		\
	X(VMBUS_MSG_RELID_RELEASED, relid_released,			\
	  struct vmbus_msg_relid_released,				\
	  VMBUS_CHMSG_DIR_G2H, 12, VMBUS_PROTO_V0_13, 12, 8, 0)		\
	X(VMBUS_MSG_INITIATE_CONTACT, initiate_contact,			\
	  struct vmbus_msg_initiate_contact,				\
	  VMBUS_CHMSG_DIR_G2H, 40, VMBUS_PROTO_V0_13, 56, 0, VMBUS_CHMSG_F_UNCONNECTED) \
	X(VMBUS_MSG_VERSION_RESPONSE, version_response,			\
	  struct vmbus_msg_version_response,				\
	  VMBUS_CHMSG_DIR_H2G, 16, VMBUS_PROTO_V0_13, 40, 0, VMBUS_CHMSG_F_UNCONNECTED) \
	X(VMBUS_MSG_UNLOAD, unload,					\
	  struct vmbus_msg_unload,					\
	  VMBUS_CHMSG_DIR_G2H, 8, VMBUS_PROTO_V0_13, 8, 0, VMBUS_CHMSG_F_UNCONNECTED) \
	X(VMBUS_MSG_UNLOAD_RESPONSE, unload_response,			\
	  struct vmbus_msg_unload_response,				\
	  VMBUS_CHMSG_DIR_H2G, 8, VMBUS_PROTO_V1_1, 8, 0, VMBUS_CHMSG_F_UNCONNECTED) \
	X(VMBUS_MSG_OPEN_RESERVED_CHANNEL, open_reserved_channel,	\
	  struct vmbus_msg_open_reserved,				\
	  VMBUS_CHMSG_DIR_G2H, 28, VMBUS_PROTO_V4_0, 28, 8, 0)		\
	X(VMBUS_MSG_CLOSE_RESERVED_CHANNEL, close_reserved_channel,	\
	  struct vmbus_msg_close_reserved,				\
	  VMBUS_CHMSG_DIR_G2H, 20, VMBUS_PROTO_V4_0, 20, 8, 0)		\
	X(VMBUS_MSG_CLOSE_RESERVED_RESPONSE, close_reserved_response,	\
	  struct vmbus_msg_close_reserved_response,			\
	  VMBUS_CHMSG_DIR_H2G, 12, VMBUS_PROTO_V4_0, 12, 8, 0)		\
	X(VMBUS_MSG_TL_CONNECT_REQUEST, tl_connect_request,		\
	  struct vmbus_msg_tl_connect_request,				\
	  VMBUS_CHMSG_DIR_G2H, 40, VMBUS_PROTO_V4_0, 56, 0, 0)		\
	X(VMBUS_MSG_MODIFYCHANNEL, modifychannel,			\
	  struct vmbus_msg_modify_channel,				\
	  VMBUS_CHMSG_DIR_G2H, 16, VMBUS_PROTO_V4_1, 16, 8, 0)		\
	X(VMBUS_MSG_TL_CONNECT_RESULT, tl_connect_result,		\
	  struct vmbus_msg_tl_connect_result,				\
	  VMBUS_CHMSG_DIR_H2G, 44, VMBUS_PROTO_V4_1, 44, 0, 0)		\
	X(VMBUS_MSG_MODIFYCHANNEL_RESPONSE, modifychannel_response,	\
	  struct vmbus_msg_modify_channel_response,			\
	  VMBUS_CHMSG_DIR_H2G, 16, VMBUS_PROTO_V5_3, 16, 8, 0)		\
	X(VMBUS_MSG_MODIFY_CONNECTION, modify_connection,		\
	  struct vmbus_msg_modify_connection,				\
	  VMBUS_CHMSG_DIR_G2H, 24, VMBUS_PROTO_V6_0, 24, 0, 0)		\
	X(VMBUS_MSG_MODIFY_CONNECTION_RESPONSE, modify_connection_response, \
	  struct vmbus_msg_modify_connection_response,			\
	  VMBUS_CHMSG_DIR_H2G, 9, VMBUS_PROTO_V6_0, 9, 0, 0)		\
	X(VMBUS_MSG_PAUSE, pause,					\
	  struct vmbus_msg_pause,					\
	  VMBUS_CHMSG_DIR_G2H, 8, VMBUS_PROTO_V6_0, 8, 0, 0)		\
	X(VMBUS_MSG_PAUSE_RESPONSE, pause_response,			\
	  struct vmbus_msg_pause_response,				\
	  VMBUS_CHMSG_DIR_H2G, 8, VMBUS_PROTO_V6_0, 8, 0, 0)		\
	X(VMBUS_MSG_RESUME, resume,					\
	  struct vmbus_msg_resume,					\
	  VMBUS_CHMSG_DIR_G2H, 8, VMBUS_PROTO_V6_0, 8, 0, 0)		\
}

/**
 * struct vmbus_chmsg_info - what the table says about one message type
 * @name: lowercase name, for logs and tests.
 * @dir: %VMBUS_CHMSG_DIR_G2H or %VMBUS_CHMSG_DIR_H2G.
 * @min_len: shortest accepted message in bytes, header included.
 * @max_len: longest valid form in bytes (largest struct variant, or the
 *	GPADL message with as many PFNs as fit).
 * @size: size of the base wire struct, what vmbus_chmsg_init() writes.
 * @relid_off: byte offset of the child relid, 0 if the message has none.
 * @flags: VMBUS_CHMSG_F_* bits.
 * @version: first protocol version with the message, VMBUS_PROTO_*.
 */
struct vmbus_chmsg_info {
	const char *name;
	u32 dir;
	u16 min_len;
	u16 max_len;
	u16 size;
	u16 relid_off;
	u16 flags;
	u32 version;
};

/**
 * union vmbus_chmsg_body - private copy of one channel message
 * @hdr: the header every message starts with.
 * @offerchannel: %VMBUS_MSG_OFFERCHANNEL.
 * @rescind_channeloffer: %VMBUS_MSG_RESCIND_CHANNELOFFER.
 * @requestoffers: %VMBUS_MSG_REQUESTOFFERS.
 * @alloffers_delivered: %VMBUS_MSG_ALLOFFERS_DELIVERED.
 * @openchannel: %VMBUS_MSG_OPENCHANNEL.
 * @openchannel_result: %VMBUS_MSG_OPENCHANNEL_RESULT.
 * @closechannel: %VMBUS_MSG_CLOSECHANNEL.
 * @gpadl_header: %VMBUS_MSG_GPADL_HEADER (its PFNs follow, see @raw).
 * @gpadl_body: %VMBUS_MSG_GPADL_BODY (its PFNs follow, see @raw).
 * @gpadl_created: %VMBUS_MSG_GPADL_CREATED.
 * @gpadl_teardown: %VMBUS_MSG_GPADL_TEARDOWN.
 * @gpadl_torndown: %VMBUS_MSG_GPADL_TORNDOWN.
 * @relid_released: %VMBUS_MSG_RELID_RELEASED.
 * @initiate_contact: %VMBUS_MSG_INITIATE_CONTACT.
 * @version_response: %VMBUS_MSG_VERSION_RESPONSE.
 * @unload: %VMBUS_MSG_UNLOAD.
 * @unload_response: %VMBUS_MSG_UNLOAD_RESPONSE.
 * @open_reserved_channel: %VMBUS_MSG_OPEN_RESERVED_CHANNEL.
 * @close_reserved_channel: %VMBUS_MSG_CLOSE_RESERVED_CHANNEL.
 * @close_reserved_response: %VMBUS_MSG_CLOSE_RESERVED_RESPONSE.
 * @tl_connect_request: %VMBUS_MSG_TL_CONNECT_REQUEST.
 * @modifychannel: %VMBUS_MSG_MODIFYCHANNEL.
 * @tl_connect_result: %VMBUS_MSG_TL_CONNECT_RESULT.
 * @modifychannel_response: %VMBUS_MSG_MODIFYCHANNEL_RESPONSE.
 * @modify_connection: %VMBUS_MSG_MODIFY_CONNECTION.
 * @modify_connection_response: %VMBUS_MSG_MODIFY_CONNECTION_RESPONSE.
 * @pause: %VMBUS_MSG_PAUSE.
 * @pause_response: %VMBUS_MSG_PAUSE_RESPONSE.
 * @resume: %VMBUS_MSG_RESUME.
 * @openchannel2: the 156-byte OPENCHANNEL form (6.0).
 * @initiate_contact2: the 56-byte INITIATE_CONTACT form (6.0, client id).
 * @version_response2: the 20-byte VERSION_RESPONSE form (6.0).
 * @version_response3: the 40-byte VERSION_RESPONSE form (6.0).
 * @tl_connect_request2: the 56-byte TL_CONNECT_REQUEST form (5.2).
 * @raw: the message as bytes; %VMBUS_MSG_MAX_SIZE, so any message fits.
 *
 * One member per VMBUS_CHMSG_TABLE() row, named and typed as the row says
 * (lib/chmsg.c proves it at build time), then the longer forms. Bytes
 * past the received length are zero, so a longer form may be read
 * whenever the length covers the fields read.
 */
union vmbus_chmsg_body {
	struct vmbus_msg_hdr hdr;
	struct vmbus_msg_offer_channel offerchannel;
	struct vmbus_msg_rescind_offer rescind_channeloffer;
	struct vmbus_msg_request_offers requestoffers;
	struct vmbus_msg_all_offers_delivered alloffers_delivered;
	struct vmbus_msg_open_channel openchannel;
	struct vmbus_msg_open_result openchannel_result;
	struct vmbus_msg_close_channel closechannel;
	struct vmbus_msg_gpadl_header gpadl_header;
	struct vmbus_msg_gpadl_body gpadl_body;
	struct vmbus_msg_gpadl_created gpadl_created;
	struct vmbus_msg_gpadl_teardown gpadl_teardown;
	struct vmbus_msg_gpadl_torndown gpadl_torndown;
	struct vmbus_msg_relid_released relid_released;
	struct vmbus_msg_initiate_contact initiate_contact;
	struct vmbus_msg_version_response version_response;
	struct vmbus_msg_unload unload;
	struct vmbus_msg_unload_response unload_response;
	struct vmbus_msg_open_reserved open_reserved_channel;
	struct vmbus_msg_close_reserved close_reserved_channel;
	struct vmbus_msg_close_reserved_response close_reserved_response;
	struct vmbus_msg_tl_connect_request tl_connect_request;
	struct vmbus_msg_modify_channel modifychannel;
	struct vmbus_msg_tl_connect_result tl_connect_result;
	struct vmbus_msg_modify_channel_response modifychannel_response;
	struct vmbus_msg_modify_connection modify_connection;
	struct vmbus_msg_modify_connection_response modify_connection_response;
	struct vmbus_msg_pause pause;
	struct vmbus_msg_pause_response pause_response;
	struct vmbus_msg_resume resume;
	struct vmbus_msg_open_channel2 openchannel2;
	struct vmbus_msg_initiate_contact2 initiate_contact2;
	struct vmbus_msg_version_response2 version_response2;
	struct vmbus_msg_version_response3 version_response3;
	struct vmbus_msg_tl_connect_request2 tl_connect_request2;
	u8 raw[VMBUS_MSG_MAX_SIZE];
};

/**
 * struct vmbus_chmsg - one parsed channel message
 * @type: message type, one of VMBUS_MSG_* (1 .. %VMBUS_MSG_COUNT - 1).
 * @len: length of the message in bytes, header included.
 * @relid: the message's child relid in CPU order (1 ..
 *	%VMBUS_MSG_RELID_LIMIT - 1), or 0 for a type without one.
 * @body: the message; bytes from @len on are zero.
 */
struct vmbus_chmsg {
	u32 type;
	u32 len;
	u32 relid;
	union vmbus_chmsg_body body;
};

const struct vmbus_chmsg_info *vmbus_chmsg_info(u32 type);
int vmbus_chmsg_parse(const void *buf, size_t len, u32 dir, u32 version,
		      struct vmbus_chmsg *out);
size_t vmbus_chmsg_init(void *buf, size_t buflen, u32 type);

#endif /* _LUMEN_CHMSG_H */
