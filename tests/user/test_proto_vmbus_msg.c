// SPDX-License-Identifier: GPL-2.0
/*
 * Checks include/proto/vmbus_msg.h against the fact sheet (sections 2 and
 * 3): protocol version values, connection ids, message type numbers, flag
 * values and message sizes, and decodes byte images laid out from the fact
 * sheet tables (offsets written here by hand, not taken from the header).
 */
#include <string.h>
#include <proto/vmbus_msg.h>
#include "selftest.h"

SELFTEST(vmbus_msg_proto_versions_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VMBUS_PROTO_V0_13, 0x0000000D);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V1_1, 0x00010001);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V2_4, 0x00020004);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V3_0, 0x00030000);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V4_0, 0x00040000);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V4_1, 0x00040001);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V5_0, 0x00050000);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V5_1, 0x00050001);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V5_2, 0x00050002);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V5_3, 0x00050003);
	ST_EXPECT_EQ(t, VMBUS_PROTO_V6_0, 0x00060000);
	ST_EXPECT_EQ(t, VMBUS_PROTO_MAJOR(0x00050003), 5);
	ST_EXPECT_EQ(t, VMBUS_PROTO_MINOR(0x00050003), 3);
	ST_EXPECT_EQ(t, VMBUS_PROTO_MINOR(0x0000000D), 13);
	ST_EXPECT_EQ(t, VMBUS_PROTO_POLICY_MIN, 0x00020004);
	ST_EXPECT_EQ(t, VMBUS_PROTO_POLICY_ISOLATED_MIN, 0x00050002);
	/* Negotiation walks down: numeric order must follow release order. */
	ST_EXPECT(t, VMBUS_PROTO_V5_3 < VMBUS_PROTO_V6_0);
	ST_EXPECT(t, VMBUS_PROTO_V4_1 < VMBUS_PROTO_V5_0);
}

SELFTEST(vmbus_msg_types_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VMBUS_MSG_INVALID, 0);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFERCHANNEL, 1);
	ST_EXPECT_EQ(t, VMBUS_MSG_RESCIND_CHANNELOFFER, 2);
	ST_EXPECT_EQ(t, VMBUS_MSG_REQUESTOFFERS, 3);
	ST_EXPECT_EQ(t, VMBUS_MSG_ALLOFFERS_DELIVERED, 4);
	ST_EXPECT_EQ(t, VMBUS_MSG_OPENCHANNEL, 5);
	ST_EXPECT_EQ(t, VMBUS_MSG_OPENCHANNEL_RESULT, 6);
	ST_EXPECT_EQ(t, VMBUS_MSG_CLOSECHANNEL, 7);
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_HEADER, 8);
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_BODY, 9);
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_CREATED, 10);
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_TEARDOWN, 11);
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_TORNDOWN, 12);
	ST_EXPECT_EQ(t, VMBUS_MSG_RELID_RELEASED, 13);
	ST_EXPECT_EQ(t, VMBUS_MSG_INITIATE_CONTACT, 14);
	ST_EXPECT_EQ(t, VMBUS_MSG_VERSION_RESPONSE, 15);
	ST_EXPECT_EQ(t, VMBUS_MSG_UNLOAD, 16);
	ST_EXPECT_EQ(t, VMBUS_MSG_UNLOAD_RESPONSE, 17);
	ST_EXPECT_EQ(t, VMBUS_MSG_OPEN_RESERVED_CHANNEL, 18);
	ST_EXPECT_EQ(t, VMBUS_MSG_CLOSE_RESERVED_CHANNEL, 19);
	ST_EXPECT_EQ(t, VMBUS_MSG_CLOSE_RESERVED_RESPONSE, 20);
	ST_EXPECT_EQ(t, VMBUS_MSG_TL_CONNECT_REQUEST, 21);
	ST_EXPECT_EQ(t, VMBUS_MSG_MODIFYCHANNEL, 22);
	ST_EXPECT_EQ(t, VMBUS_MSG_TL_CONNECT_RESULT, 23);
	ST_EXPECT_EQ(t, VMBUS_MSG_MODIFYCHANNEL_RESPONSE, 24);
	ST_EXPECT_EQ(t, VMBUS_MSG_MODIFY_CONNECTION, 25);
	ST_EXPECT_EQ(t, VMBUS_MSG_MODIFY_CONNECTION_RESPONSE, 26);
	ST_EXPECT_EQ(t, VMBUS_MSG_PAUSE, 27);
	ST_EXPECT_EQ(t, VMBUS_MSG_PAUSE_RESPONSE, 28);
	ST_EXPECT_EQ(t, VMBUS_MSG_RESUME, 29);
	ST_EXPECT_EQ(t, VMBUS_MSG_COUNT, 30);
}

SELFTEST(vmbus_msg_sizes_match_fact_sheet)
{
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_hdr), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_offer_channel), 196);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_rescind_offer), 12);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_request_offers), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_all_offers_delivered), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_open_channel), 148);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_open_channel2), 156);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_open_result), 20);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_close_channel), 12);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_gpadl_header), 28);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_gpadl_body), 16);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_gpadl_created), 20);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_gpadl_teardown), 16);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_gpadl_torndown), 12);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_relid_released), 12);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_initiate_contact), 40);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_initiate_contact2), 56);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_version_response), 16);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_version_response2), 20);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_version_response3), 40);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_unload), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_unload_response), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_open_reserved), 28);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_close_reserved), 20);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_close_reserved_response), 12);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_tl_connect_request), 40);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_tl_connect_request2), 56);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_modify_channel), 16);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_tl_connect_result), 44);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_modify_channel_response), 16);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_modify_connection), 24);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_modify_connection_response), 9);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_pause), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_pause_response), 8);
	ST_EXPECT_EQ(t, sizeof(struct vmbus_msg_resume), 8);
}

SELFTEST(vmbus_msg_connection_constants_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_ID_MESSAGE, 1);
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_ID_EVENT, 2);
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_ID_MONITOR, 3);
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_ID_CONTACT, 4);
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_ID_REDIRECT, 0x800074);
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_ID_REDIRECT & ~VMBUS_MSG_CONN_ID_MASK, 0);
	ST_EXPECT_EQ(t, VMBUS_MSG_SINT, 2);
	ST_EXPECT_EQ(t, VMBUS_MSG_MAX_SIZE, 240);
	ST_EXPECT_EQ(t, VMBUS_MSG_RELID_LIMIT, 2048);
	ST_EXPECT_EQ(t, VMBUS_MSG_MONITOR_ID_LIMIT, 128);
	ST_EXPECT_EQ(t, VMBUS_MSG_MONITOR_GROUP_SIZE, 32);
	ST_EXPECT_EQ(t, VMBUS_MSG_INTPAGE_SEND_OFFSET, 2048);
	ST_EXPECT_EQ(t, VMBUS_MSG_POLICY_GPADL_FIRST_HANDLE, 0xE1E10);
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_STATE_SUCCESS, 0);
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_STATE_LOW_RESOURCES, 1);
	ST_EXPECT_EQ(t, VMBUS_MSG_CONN_STATE_UNKNOWN_FAILURE, 2);
}

SELFTEST(vmbus_msg_flags_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VMBUS_MSG_FEATURE_GUEST_SIGNAL_PARAMS, 0x01);
	ST_EXPECT_EQ(t, VMBUS_MSG_FEATURE_INTERRUPT_REDIRECT, 0x02);
	ST_EXPECT_EQ(t, VMBUS_MSG_FEATURE_MODIFY_CONNECTION, 0x04);
	ST_EXPECT_EQ(t, VMBUS_MSG_FEATURE_CLIENT_ID, 0x08);
	ST_EXPECT_EQ(t, VMBUS_MSG_FEATURE_CONFIDENTIAL_CHANNELS, 0x10);
	ST_EXPECT_EQ(t, VMBUS_MSG_FEATURE_PAUSE_RESUME, 0x20);
	ST_EXPECT_EQ(t, VMBUS_MSG_FEATURE_SERVER_MONITOR_PAGES, 0x40);
	ST_EXPECT_EQ(t, VMBUS_MSG_FEATURE_GPA_PINNING, 0x80);

	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_ENUMERATE, 0x0001);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_XFER_PAGES, 0x0002);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_GPADLS, 0x0004);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_CONFIDENTIAL_RING, 0x0002);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_CONFIDENTIAL_EXTMEM, 0x0004);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_PINNED_EXTMEM, 0x0008);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_NAMED_PIPE, 0x0010);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_LOOPBACK, 0x0100);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_PARENT, 0x0200);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_REQUEST_MONITOR, 0x0400);
	ST_EXPECT_EQ(t, VMBUS_MSG_OFFER_FLAG_HVSOCK, 0x2000);
	ST_EXPECT_EQ(t, VMBUS_MSG_PIPE_MODE_BYTE, 0);
	ST_EXPECT_EQ(t, VMBUS_MSG_PIPE_MODE_MESSAGE, 4);
	ST_EXPECT_EQ(t, VMBUS_MSG_OPEN_FLAG_REDIRECT_INTERRUPT, 0x0001);
}

SELFTEST(vmbus_msg_offer_decodes_fact_sheet_image)
{
	static const u8 if_type[16] = {
		0x63, 0x51, 0x61, 0xf8, 0x3e, 0xdf, 0xc5, 0x46,
		0x91, 0x3f, 0xf2, 0xd2, 0xf9, 0x65, 0xed, 0x0e,
	};
	u8 img[196], inst[16];
	struct vmbus_msg_offer_channel m;
	unsigned int i;

	memset(img, 0, sizeof(img));
	for (i = 0; i < 16; i++)
		inst[i] = 0xa0 + i;
	put32(img, 0, 1);
	memcpy(img + 8, if_type, 16);
	memcpy(img + 24, inst, 16);
	put16(img, 56, 0x0001 | 0x0400);
	put16(img, 58, 64);
	for (i = 60; i < 180; i++)
		img[i] = (u8)i;
	put16(img, 180, 3);
	put32(img, 184, 17);
	img[188] = 77;
	img[189] = 0x01;
	put16(img, 190, 0x0001);
	put32(img, 192, 0x00002011);
	memcpy(&m, img, sizeof(m));

	ST_EXPECT_EQ(t, m.hdr.type, VMBUS_MSG_OFFERCHANNEL);
	ST_EXPECT_MEM(t, &m.if_type, if_type, 16);
	ST_EXPECT_MEM(t, &m.if_instance, inst, 16);
	ST_EXPECT_EQ(t, m.flags, VMBUS_MSG_OFFER_FLAG_ENUMERATE |
		     VMBUS_MSG_OFFER_FLAG_REQUEST_MONITOR);
	ST_EXPECT_EQ(t, m.mmio_mb, 64);
	ST_EXPECT_EQ(t, m.user.bytes[0], 60);
	ST_EXPECT_EQ(t, m.user.bytes[119], 179);
	ST_EXPECT_EQ(t, m.sub_channel_index, 3);
	ST_EXPECT_EQ(t, m.reserved2, 0);
	ST_EXPECT_EQ(t, m.child_relid, 17);
	ST_EXPECT_EQ(t, m.monitor_id, 77);
	ST_EXPECT_EQ(t, m.monitor_flags, VMBUS_MSG_OFFER_MONITOR_ALLOCATED);
	ST_EXPECT_EQ(t, m.interrupt_flags, VMBUS_MSG_OFFER_DEDICATED_INTERRUPT);
	ST_EXPECT_EQ(t, m.connection_id, 0x2011);
	ST_EXPECT_EQ(t, m.monitor_id / VMBUS_MSG_MONITOR_GROUP_SIZE, 2);
}

SELFTEST(vmbus_msg_offer_decodes_pipe_and_hvsock_overlays)
{
	static const u8 silo[16] = {
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
		0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
	};
	u8 img[196];
	struct vmbus_msg_offer_channel m;

	memset(img, 0, sizeof(img));
	put32(img, 0, 1);
	put16(img, 56, 0x2000 | 0x0010);
	put32(img, 60, 4);		/* pipe mode: message */
	img[64] = 1;			/* is for guest accept */
	img[65] = 0;			/* is for guest container */
	put32(img, 66, 1);		/* parameters version: RS5 */
	memcpy(img + 70, silo, 16);
	put32(img, 176, 0x00000001);	/* last word of the pipe area */
	memcpy(&m, img, sizeof(m));

	ST_EXPECT_EQ(t, m.flags & VMBUS_MSG_OFFER_FLAG_HVSOCK,
		     VMBUS_MSG_OFFER_FLAG_HVSOCK);
	ST_EXPECT_EQ(t, m.user.pipe.mode, VMBUS_MSG_PIPE_MODE_MESSAGE);
	ST_EXPECT_EQ(t, m.user.pipe.data[0], 1);
	ST_EXPECT_EQ(t, m.user.pipe.flags, VMBUS_MSG_PIPE_FLAG_GPA_DIRECT);
	ST_EXPECT_EQ(t, m.user.hvsock.mode, VMBUS_MSG_PIPE_MODE_MESSAGE);
	ST_EXPECT_EQ(t, m.user.hvsock.for_guest_accept, 1);
	ST_EXPECT_EQ(t, m.user.hvsock.for_guest_container, 0);
	ST_EXPECT_EQ(t, m.user.hvsock.params_version,
		     VMBUS_MSG_HVSOCK_PARAMS_RS5);
	ST_EXPECT_MEM(t, &m.user.hvsock.silo_id, silo, 16);
}

SELFTEST(vmbus_msg_initiate_contact_decodes_legacy_form)
{
	/* Version 4.1, VP 3, interrupt page 0x123456000, monitor pages. */
	static const u8 img[40] = {
		0x0e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x04, 0x00, 0x03, 0x00, 0x00, 0x00,
		0x00, 0x60, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,
		0x00, 0x70, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,
		0x00, 0x80, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,
	};
	struct vmbus_msg_initiate_contact m;

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, VMBUS_MSG_INITIATE_CONTACT);
	ST_EXPECT_EQ(t, m.hdr.reserved, 0);
	ST_EXPECT_EQ(t, m.version, VMBUS_PROTO_V4_1);
	ST_EXPECT_EQ(t, m.target_vp, 3);
	ST_EXPECT_EQ(t, m.interrupt_page, 0x123456000ULL);
	ST_EXPECT_EQ(t, m.monitor_page1, 0x123457000ULL);
	ST_EXPECT_EQ(t, m.monitor_page2, 0x123458000ULL);
}

SELFTEST(vmbus_msg_initiate_contact_decodes_v5_form)
{
	/* Version 5.3: byte 16 = SINT 2, byte 17 = VTL 0, 20..23 = 0. */
	static const u8 img[40] = {
		0x0e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x03, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	struct vmbus_msg_initiate_contact m;

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.version, VMBUS_PROTO_V5_3);
	ST_EXPECT_EQ(t, m.target_vp, 0);
	ST_EXPECT_EQ(t, m.msg_sint, VMBUS_MSG_SINT);
	ST_EXPECT_EQ(t, m.msg_vtl, 0);
	ST_EXPECT_EQ(t, m.reserved, 0);
	ST_EXPECT_EQ(t, m.feature_flags, 0);
	ST_EXPECT_EQ(t, m.monitor_page1, 0x1000);
	ST_EXPECT_EQ(t, m.monitor_page2, 0x2000);
}

SELFTEST(vmbus_msg_initiate_contact_decodes_v6_features_and_client_id)
{
	u8 img[56];
	struct vmbus_msg_initiate_contact2 m;
	unsigned int i;

	memset(img, 0, sizeof(img));
	put32(img, 0, 14);
	put32(img, 8, 0x00060000);
	img[16] = 2;
	img[17] = 2;
	put32(img, 20, 0x08 | 0x20);
	for (i = 0; i < 16; i++)
		img[40 + i] = 0xc0 + i;
	memcpy(&m, img, sizeof(m));

	ST_EXPECT_EQ(t, m.contact.version, VMBUS_PROTO_V6_0);
	ST_EXPECT_EQ(t, m.contact.msg_sint, 2);
	ST_EXPECT_EQ(t, m.contact.msg_vtl, 2);
	ST_EXPECT_EQ(t, m.contact.feature_flags,
		     VMBUS_MSG_FEATURE_CLIENT_ID |
		     VMBUS_MSG_FEATURE_PAUSE_RESUME);
	/* The same 8 bytes read as the legacy interrupt-page field. */
	ST_EXPECT_EQ(t, m.contact.interrupt_page, 0x0000002800000202ULL);
	ST_EXPECT_MEM(t, &m.client_id, img + 40, 16);
}

SELFTEST(vmbus_msg_version_response_decodes_all_forms)
{
	/* Supported, state success, connection id 0x0b. */
	static const u8 img[16] = {
		0x0f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00,
	};
	u8 img3[40];
	struct vmbus_msg_version_response m;
	struct vmbus_msg_version_response3 m3;

	memcpy(&m, img, sizeof(m));
	ST_EXPECT_EQ(t, m.hdr.type, VMBUS_MSG_VERSION_RESPONSE);
	ST_EXPECT_EQ(t, m.version_supported, 1);
	ST_EXPECT_EQ(t, m.conn_state, VMBUS_MSG_CONN_STATE_SUCCESS);
	ST_EXPECT_EQ(t, m.msg_conn_id, 0x0b);

	memset(img3, 0, sizeof(img3));
	put32(img3, 0, 15);
	img3[8] = 1;
	img3[9] = 0;
	put32(img3, 12, 0x800074);
	put32(img3, 16, 0x40 | 0x10);
	put64(img3, 24, 0);
	put64(img3, 32, 0x7fff0000ULL);
	memcpy(&m3, img3, sizeof(m3));
	ST_EXPECT_EQ(t, m3.resp2.resp.version_supported, 1);
	ST_EXPECT_EQ(t, m3.resp2.resp.msg_conn_id, VMBUS_MSG_CONN_ID_REDIRECT);
	ST_EXPECT_EQ(t, m3.resp2.feature_flags,
		     VMBUS_MSG_FEATURE_SERVER_MONITOR_PAGES |
		     VMBUS_MSG_FEATURE_CONFIDENTIAL_CHANNELS);
	ST_EXPECT_EQ(t, m3.monitor_page1, 0);
	ST_EXPECT_EQ(t, m3.monitor_page2, 0x7fff0000ULL);

	/* A refusal: the short form with version_supported = 0. */
	memset(img3, 0, sizeof(img3));
	put32(img3, 0, 15);
	img3[9] = 2;
	memcpy(&m, img3, sizeof(m));
	ST_EXPECT_EQ(t, m.version_supported, 0);
	ST_EXPECT_EQ(t, m.conn_state, VMBUS_MSG_CONN_STATE_UNKNOWN_FAILURE);
}

SELFTEST(vmbus_msg_gpadl_header_decodes_fact_sheet_image)
{
	union {
		struct vmbus_msg_gpadl_header h;
		u8 raw[VMBUS_MSG_MAX_SIZE];
		u64 align;
	} m;
	u8 img[28 + 3 * 8];

	memset(img, 0, sizeof(img));
	put32(img, 0, 8);
	put32(img, 8, 5);		/* child relid */
	put32(img, 12, 0xE1E10);	/* handle */
	put16(img, 16, 8 + 3 * 8);	/* range buffer length */
	put16(img, 18, 1);		/* range count */
	put32(img, 20, 3 * 4096);	/* byte count */
	put32(img, 24, 0);		/* byte offset */
	put64(img, 28, 0x100);
	put64(img, 36, 0x101);
	put64(img, 44, 0x2345678901ULL);
	memset(&m, 0, sizeof(m));
	memcpy(m.raw, img, sizeof(img));

	ST_EXPECT_EQ(t, m.h.hdr.type, VMBUS_MSG_GPADL_HEADER);
	ST_EXPECT_EQ(t, m.h.child_relid, 5);
	ST_EXPECT_EQ(t, m.h.gpadl, 0xE1E10);
	ST_EXPECT_EQ(t, m.h.range_buflen, 32);
	ST_EXPECT_EQ(t, m.h.range_count, 1);
	ST_EXPECT_EQ(t, m.h.range.byte_count, 12288);
	ST_EXPECT_EQ(t, m.h.range.byte_offset, 0);
	ST_EXPECT_EQ(t, m.h.range.pfn[0], 0x100);
	ST_EXPECT_EQ(t, m.h.range.pfn[1], 0x101);
	ST_EXPECT_EQ(t, m.h.range.pfn[2], 0x2345678901ULL);
}

SELFTEST(vmbus_msg_gpadl_capacities_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_HEADER_MAX_PFNS, 26);
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_BODY_MAX_PFNS, 28);
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_RANGE_BUFLEN_MAX, 65535);
	ST_EXPECT_EQ(t, VMBUS_MSG_GPADL_MAX_PFNS, 8190);
	/* Full messages stay inside one SynIC payload. */
	ST_EXPECT(t, 28 + 8 * VMBUS_MSG_GPADL_HEADER_MAX_PFNS <= 240);
	ST_EXPECT(t, 16 + 8 * VMBUS_MSG_GPADL_BODY_MAX_PFNS <= 240);
}

SELFTEST(vmbus_msg_gpadl_body_and_replies_decode)
{
	union {
		struct vmbus_msg_gpadl_body b;
		u8 raw[VMBUS_MSG_MAX_SIZE];
		u64 align;
	} body;
	struct vmbus_msg_gpadl_created created;
	struct vmbus_msg_gpadl_torndown torndown;
	struct vmbus_msg_gpadl_teardown teardown;
	u8 img[32];

	memset(&body, 0, sizeof(body));
	put32(body.raw, 0, 9);
	put32(body.raw, 8, 0);
	put32(body.raw, 12, 0xE1E11);
	put64(body.raw, 16, 0x5000);
	put64(body.raw, 16 + 27 * 8, 0x501b);
	ST_EXPECT_EQ(t, body.b.hdr.type, VMBUS_MSG_GPADL_BODY);
	ST_EXPECT_EQ(t, body.b.msg_number, 0);
	ST_EXPECT_EQ(t, body.b.gpadl, 0xE1E11);
	ST_EXPECT_EQ(t, body.b.pfn[0], 0x5000);
	ST_EXPECT_EQ(t, body.b.pfn[27], 0x501b);

	memset(img, 0, sizeof(img));
	put32(img, 0, 10);
	put32(img, 8, 9);
	put32(img, 12, 0xE1E11);
	put32(img, 16, 0x8000FFFF);
	memcpy(&created, img, sizeof(created));
	ST_EXPECT_EQ(t, created.hdr.type, VMBUS_MSG_GPADL_CREATED);
	ST_EXPECT_EQ(t, created.child_relid, 9);
	ST_EXPECT_EQ(t, created.gpadl, 0xE1E11);
	ST_EXPECT_EQ(t, created.status, VMBUS_MSG_STATUS_UNSUCCESSFUL);

	memset(img, 0, sizeof(img));
	put32(img, 0, 11);
	put32(img, 8, 9);
	put32(img, 12, 0xE1E11);
	memcpy(&teardown, img, sizeof(teardown));
	ST_EXPECT_EQ(t, teardown.child_relid, 9);
	ST_EXPECT_EQ(t, teardown.gpadl, 0xE1E11);

	memset(img, 0, sizeof(img));
	put32(img, 0, 12);
	put32(img, 8, 0xE1E11);
	memcpy(&torndown, img, sizeof(torndown));
	ST_EXPECT_EQ(t, torndown.hdr.type, VMBUS_MSG_GPADL_TORNDOWN);
	ST_EXPECT_EQ(t, torndown.gpadl, 0xE1E11);
}

SELFTEST(vmbus_msg_open_channel_decodes_fact_sheet_image)
{
	u8 img[156];
	struct vmbus_msg_open_channel2 m;
	struct vmbus_msg_open_result r;

	memset(img, 0, sizeof(img));
	put32(img, 0, 5);
	put32(img, 8, 12);		/* child relid */
	put32(img, 12, 12);		/* open id */
	put32(img, 16, 0xE1E12);	/* ring GPADL */
	put32(img, 20, 1);		/* target VP */
	put32(img, 24, 32);		/* downstream ring offset (pages) */
	img[28] = 0xaa;
	img[147] = 0xbb;
	put32(img, 148, 0x2345);	/* OpenChannel2: connection id */
	put16(img, 152, 12);		/* event flag */
	put16(img, 154, 0x0001);	/* redirect interrupt */
	memcpy(&m, img, sizeof(m));

	ST_EXPECT_EQ(t, m.open.hdr.type, VMBUS_MSG_OPENCHANNEL);
	ST_EXPECT_EQ(t, m.open.child_relid, 12);
	ST_EXPECT_EQ(t, m.open.open_id, 12);
	ST_EXPECT_EQ(t, m.open.ring_gpadl, 0xE1E12);
	ST_EXPECT_EQ(t, m.open.target_vp, 1);
	ST_EXPECT_EQ(t, m.open.downstream_offset, 32);
	ST_EXPECT_EQ(t, m.open.user_data[0], 0xaa);
	ST_EXPECT_EQ(t, m.open.user_data[119], 0xbb);
	ST_EXPECT_EQ(t, m.connection_id, 0x2345);
	ST_EXPECT_EQ(t, m.event_flag, 12);
	ST_EXPECT_EQ(t, m.flags, VMBUS_MSG_OPEN_FLAG_REDIRECT_INTERRUPT);

	memset(img, 0, sizeof(img));
	put32(img, 0, 6);
	put32(img, 8, 12);
	put32(img, 12, 12);
	put32(img, 16, 0);
	memcpy(&r, img, sizeof(r));
	ST_EXPECT_EQ(t, r.hdr.type, VMBUS_MSG_OPENCHANNEL_RESULT);
	ST_EXPECT_EQ(t, r.child_relid, 12);
	ST_EXPECT_EQ(t, r.open_id, 12);
	ST_EXPECT_EQ(t, r.status, VMBUS_MSG_STATUS_SUCCESS);
}

SELFTEST(vmbus_msg_other_messages_decode)
{
	u8 img[64];
	struct vmbus_msg_tl_connect_result tl;
	struct vmbus_msg_modify_channel_response mcr;
	struct vmbus_msg_modify_connection_response mconn;
	struct vmbus_msg_open_reserved orc;
	struct vmbus_msg_rescind_offer resc;

	memset(img, 0, sizeof(img));
	put32(img, 0, 23);
	img[8] = 0x11;
	img[24] = 0x22;
	put32(img, 40, 0xC0000236);
	memcpy(&tl, img, sizeof(tl));
	ST_EXPECT_EQ(t, tl.hdr.type, VMBUS_MSG_TL_CONNECT_RESULT);
	ST_EXPECT_EQ(t, tl.endpoint_id.b[0], 0x11);
	ST_EXPECT_EQ(t, tl.service_id.b[0], 0x22);
	ST_EXPECT_EQ(t, tl.status, VMBUS_MSG_STATUS_CONNECTION_REFUSED);

	memset(img, 0, sizeof(img));
	put32(img, 0, 24);
	put32(img, 8, 40);
	put32(img, 12, 0);
	memcpy(&mcr, img, sizeof(mcr));
	ST_EXPECT_EQ(t, mcr.hdr.type, VMBUS_MSG_MODIFYCHANNEL_RESPONSE);
	ST_EXPECT_EQ(t, mcr.child_relid, 40);
	ST_EXPECT_EQ(t, mcr.status, 0);

	memset(img, 0, sizeof(img));
	put32(img, 0, 26);
	img[8] = 1;
	memcpy(&mconn, img, sizeof(mconn));
	ST_EXPECT_EQ(t, mconn.hdr.type, VMBUS_MSG_MODIFY_CONNECTION_RESPONSE);
	ST_EXPECT_EQ(t, mconn.conn_state, VMBUS_MSG_CONN_STATE_LOW_RESOURCES);

	memset(img, 0, sizeof(img));
	put32(img, 0, 18);
	put32(img, 8, 3);
	put32(img, 12, 4);
	put32(img, 16, 2);
	put32(img, 20, 0xE1E13);
	put32(img, 24, 4);
	memcpy(&orc, img, sizeof(orc));
	ST_EXPECT_EQ(t, orc.child_relid, 3);
	ST_EXPECT_EQ(t, orc.target_vp, 4);
	ST_EXPECT_EQ(t, orc.target_sint, 2);
	ST_EXPECT_EQ(t, orc.ring_gpadl, 0xE1E13);
	ST_EXPECT_EQ(t, orc.downstream_offset, 4);

	memset(img, 0, sizeof(img));
	put32(img, 0, 2);
	put32(img, 8, 2047);
	memcpy(&resc, img, sizeof(resc));
	ST_EXPECT_EQ(t, resc.hdr.type, VMBUS_MSG_RESCIND_CHANNELOFFER);
	ST_EXPECT_EQ(t, resc.child_relid, VMBUS_MSG_RELID_LIMIT - 1);
}
