// SPDX-License-Identifier: GPL-2.0
/*
 * Checks include/proto/vstor.h against the fact sheet (section 8): the
 * constant values, and byte images written from the packet tables read
 * back through struct vstor_pkt (an EXECUTE_SRB request, a completion with
 * sense data, the init-time bodies).
 */
#include <string.h>
#include <proto/vstor.h>
#include "selftest.h"

static void vt_put16(u8 *p, unsigned int v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void vt_put32(u8 *p, unsigned long v)
{
	vt_put16(p, v & 0xffff);
	vt_put16(p + 2, (v >> 16) & 0xffff);
}

/* Copies a 64-byte image into an aligned packet, as a driver would. */
static void vt_load(struct vstor_pkt *pkt, const u8 *img)
{
	memcpy(pkt, img, sizeof(*pkt));
}

SELFTEST(vstor_versions_encode_major_minor)
{
	ST_EXPECT_EQ(t, VSTOR_VERSION_2_0, 0x0200);
	ST_EXPECT_EQ(t, VSTOR_VERSION_4_2, 0x0402);
	ST_EXPECT_EQ(t, VSTOR_VERSION_5_1, 0x0501);
	ST_EXPECT_EQ(t, VSTOR_VERSION_6_0, 0x0600);
	ST_EXPECT_EQ(t, VSTOR_VERSION_6_2, 0x0602);
	ST_EXPECT_EQ(t, VSTOR_VERSION(6, 2), VSTOR_VERSION_6_2);
	ST_EXPECT_EQ(t, VSTOR_VERSION(4, 2), VSTOR_VERSION_4_2);
	ST_EXPECT_EQ(t, VSTOR_VERSION_MAJOR(VSTOR_VERSION_5_1), 5);
	ST_EXPECT_EQ(t, VSTOR_VERSION_MINOR(VSTOR_VERSION_5_1), 1);
	ST_EXPECT(t, VSTOR_VERSION_6_2 > VSTOR_VERSION_6_0);
	ST_EXPECT(t, VSTOR_VERSION_6_0 > VSTOR_VERSION_5_1);
}

SELFTEST(vstor_operations_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VSTOR_OP_COMPLETE_IO, 1);
	ST_EXPECT_EQ(t, VSTOR_OP_REMOVE_DEVICE, 2);
	ST_EXPECT_EQ(t, VSTOR_OP_EXECUTE_SRB, 3);
	ST_EXPECT_EQ(t, VSTOR_OP_RESET_LUN, 4);
	ST_EXPECT_EQ(t, VSTOR_OP_RESET_ADAPTER, 5);
	ST_EXPECT_EQ(t, VSTOR_OP_RESET_BUS, 6);
	ST_EXPECT_EQ(t, VSTOR_OP_BEGIN_INIT, 7);
	ST_EXPECT_EQ(t, VSTOR_OP_END_INIT, 8);
	ST_EXPECT_EQ(t, VSTOR_OP_QUERY_VERSION, 9);
	ST_EXPECT_EQ(t, VSTOR_OP_QUERY_PROPERTIES, 10);
	ST_EXPECT_EQ(t, VSTOR_OP_ENUMERATE_BUS, 11);
	ST_EXPECT_EQ(t, VSTOR_OP_FC_HBA_DATA, 12);
	ST_EXPECT_EQ(t, VSTOR_OP_CREATE_SUB_CHANNELS, 13);
	ST_EXPECT_EQ(t, VSTOR_OP_EVENT_NOTIFICATION, 14);
	ST_EXPECT_EQ(t, VSTOR_PKT_FLAG_COMPLETION, 0x1);
	ST_EXPECT_EQ(t, VSTOR_CHAN_PROP_MULTI_CHANNEL, 0x1);
}

SELFTEST(vstor_sizes_match_fact_sheet)
{
	ST_EXPECT_EQ(t, sizeof(struct vstor_pkt), 64);
	ST_EXPECT_EQ(t, sizeof(struct vstor_scsi_req), 52);
	ST_EXPECT_EQ(t, sizeof(struct vstor_chan_props), 24);
	ST_EXPECT_EQ(t, sizeof(struct vstor_proto_ver), 4);
	ST_EXPECT_EQ(t, sizeof(struct vstor_fc_wwn), 36);
	ST_EXPECT_EQ(t, VSTOR_PKT_SIZE, 64);
	ST_EXPECT_EQ(t, VSTOR_PKT_SIZE_PRE_WIN8, 48);
	ST_EXPECT_EQ(t, VSTOR_SRB_SIZE, 0x34);
	ST_EXPECT_EQ(t, VSTOR_SRB_SIZE_PRE_WIN8, 0x24);
	ST_EXPECT_EQ(t, VSTOR_SENSE_SIZE, 0x14);
	ST_EXPECT_EQ(t, VSTOR_SENSE_SIZE_PRE_WIN8, 0x12);
	ST_EXPECT_EQ(t, VSTOR_WIN8_EXT_SIZE, 16);
	ST_EXPECT_EQ(t, VSTOR_CDB_MAX, 16);
	/* The pre-win8 request is the prefix before the win8 extension. */
	ST_EXPECT_EQ(t, offsetof(struct vstor_scsi_req, reserved2), 36);
	ST_EXPECT_EQ(t, offsetof(struct vstor_pkt, srb) + 36, 48);
}

SELFTEST(vstor_srb_status_and_flags_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VSTOR_SRB_CODE_MASK, 0x3f);
	ST_EXPECT_EQ(t, VSTOR_SRB_QUEUE_FROZEN, 0x40);
	ST_EXPECT_EQ(t, VSTOR_SRB_AUTOSENSE_VALID, 0x80);
	ST_EXPECT_EQ(t, VSTOR_SRB_PENDING, 0x00);
	ST_EXPECT_EQ(t, VSTOR_SRB_SUCCESS, 0x01);
	ST_EXPECT_EQ(t, VSTOR_SRB_ABORTED, 0x02);
	ST_EXPECT_EQ(t, VSTOR_SRB_ABORT_FAILED, 0x03);
	ST_EXPECT_EQ(t, VSTOR_SRB_ERROR, 0x04);
	ST_EXPECT_EQ(t, VSTOR_SRB_BUSY, 0x05);
	ST_EXPECT_EQ(t, VSTOR_SRB_INVALID_REQUEST, 0x06);
	ST_EXPECT_EQ(t, VSTOR_SRB_INVALID_PATH_ID, 0x07);
	ST_EXPECT_EQ(t, VSTOR_SRB_NO_DEVICE, 0x08);
	ST_EXPECT_EQ(t, VSTOR_SRB_TIMEOUT, 0x09);
	ST_EXPECT_EQ(t, VSTOR_SRB_SELECTION_TIMEOUT, 0x0a);
	ST_EXPECT_EQ(t, VSTOR_SRB_COMMAND_TIMEOUT, 0x0b);
	ST_EXPECT_EQ(t, VSTOR_SRB_MESSAGE_REJECTED, 0x0d);
	ST_EXPECT_EQ(t, VSTOR_SRB_BUS_RESET, 0x0e);
	ST_EXPECT_EQ(t, VSTOR_SRB_PARITY_ERROR, 0x0f);
	ST_EXPECT_EQ(t, VSTOR_SRB_REQUEST_SENSE_FAILED, 0x10);
	ST_EXPECT_EQ(t, VSTOR_SRB_NO_HBA, 0x11);
	ST_EXPECT_EQ(t, VSTOR_SRB_DATA_OVERRUN, 0x12);
	ST_EXPECT_EQ(t, VSTOR_SRB_UNEXPECTED_BUS_FREE, 0x13);
	ST_EXPECT_EQ(t, VSTOR_SRB_PHASE_SEQ_FAILURE, 0x14);
	ST_EXPECT_EQ(t, VSTOR_SRB_BAD_BLOCK_LENGTH, 0x15);
	ST_EXPECT_EQ(t, VSTOR_SRB_REQUEST_FLUSHED, 0x16);
	ST_EXPECT_EQ(t, VSTOR_SRB_INVALID_LUN, 0x20);
	ST_EXPECT_EQ(t, VSTOR_SRB_INVALID_TARGET_ID, 0x21);
	ST_EXPECT_EQ(t, VSTOR_SRB_BAD_FUNCTION, 0x22);
	ST_EXPECT_EQ(t, VSTOR_SRB_ERROR_RECOVERY, 0x23);
	ST_EXPECT_EQ(t, VSTOR_SRB_NOT_POWERED, 0x24);
	ST_EXPECT_EQ(t, VSTOR_SRB_LINK_DOWN, 0x25);
	ST_EXPECT_EQ(t, VSTOR_SRB_INTERNAL_ERROR, 0x30);
	ST_EXPECT_EQ(t, VSTOR_SRB_CODE(0xc4), VSTOR_SRB_ERROR);

	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_QUEUE_ACTION_ENABLE, 0x2);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_DISABLE_DISCONNECT, 0x4);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_DISABLE_SYNC_XFER, 0x8);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_BYPASS_FROZEN_QUEUE, 0x10);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_DISABLE_AUTOSENSE, 0x20);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_DATA_IN, 0x40);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_DATA_OUT, 0x80);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_NO_QUEUE_FREEZE, 0x100);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_ADAPTER_CACHE_ENABLE, 0x200);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_FREE_SENSE_BUFFER, 0x400);
	ST_EXPECT_EQ(t, VSTOR_SRB_FLAG_D3_PROCESSING, 0x800);

	ST_EXPECT_EQ(t, VSTOR_DIR_WRITE, 0);
	ST_EXPECT_EQ(t, VSTOR_DIR_READ, 1);
	ST_EXPECT_EQ(t, VSTOR_DIR_NONE, 2);
	ST_EXPECT_EQ(t, VSTOR_QUEUE_TAG_UNTAGGED, 0xff);
	ST_EXPECT_EQ(t, VSTOR_QUEUE_ACTION_SIMPLE, 0x20);
}

SELFTEST(vstor_nt_status_and_trans_ids_match_fact_sheet)
{
	ST_EXPECT_EQ(t, VSTOR_NT_SUCCESS, 0);
	ST_EXPECT_EQ(t, VSTOR_NT_BUFFER_OVERFLOW, 0x80000005);
	ST_EXPECT_EQ(t, VSTOR_NT_DEVICE_BUSY, 0x80000011);
	ST_EXPECT_EQ(t, VSTOR_NT_UNSUCCESSFUL, 0xc0000001);
	ST_EXPECT_EQ(t, VSTOR_NT_INVALID_PARAMETER, 0xc000000d);
	ST_EXPECT_EQ(t, VSTOR_NT_INVALID_DEVICE_REQUEST, 0xc0000010);
	ST_EXPECT_EQ(t, VSTOR_NT_REVISION_MISMATCH, 0xc0000059);
	ST_EXPECT_EQ(t, VSTOR_NT_DEVICE_NOT_CONNECTED, 0xc000009d);
	ST_EXPECT_EQ(t, VSTOR_NT_IO_TIMEOUT, 0xc00000b5);
	ST_EXPECT_EQ(t, VSTOR_NT_DEVICE_DOES_NOT_EXIST, 0xc00000c0);
	ST_EXPECT_EQ(t, VSTOR_NT_CANCELLED, 0xc0000120);
	ST_EXPECT_EQ(t, VSTOR_NT_INVALID_DEVICE_STATE, 0xc0000184);
	ST_EXPECT_EQ(t, VSTOR_NT_IO_DEVICE_ERROR, 0xc0000185);
	/* U64_MAX - 2 and U64_MAX - 3. */
	ST_EXPECT_EQ(t, VSTOR_LINUX_TRANS_ID_INIT, ~0ULL - 2);
	ST_EXPECT_EQ(t, VSTOR_LINUX_TRANS_ID_RESET, ~0ULL - 3);
}

SELFTEST(vstor_packet_decodes_execute_srb)
{
	static const u8 cdb[10] = { 0x28, 0, 0, 0, 0x12, 0x34, 0, 0, 0x08, 0 };
	u8 img[64] = { 0 };
	struct vstor_pkt pkt;
	const struct vstor_scsi_req *srb = &pkt.srb;

	/* Header, per the packet table: operation, flags, status. */
	vt_put32(img + 0, 3);
	vt_put32(img + 4, 1);
	vt_put32(img + 8, 0);
	/* SCSI request, offsets from the packet start. */
	vt_put16(img + 12, 0x34);
	img[16] = 2;		/* port */
	img[17] = 0;		/* path id */
	img[18] = 1;		/* target */
	img[19] = 5;		/* LUN */
	img[20] = sizeof(cdb);
	img[21] = 20;		/* sense info length */
	img[22] = 1;		/* read */
	vt_put32(img + 24, 4096);
	memcpy(img + 28, cdb, sizeof(cdb));
	img[50] = 0xff;		/* queue tag */
	img[51] = 0x20;		/* simple tag */
	vt_put32(img + 52, 0x14a);
	vt_put32(img + 56, 60);
	vt_put32(img + 60, 0);

	vt_load(&pkt, img);
	ST_EXPECT_EQ(t, pkt.operation, VSTOR_OP_EXECUTE_SRB);
	ST_EXPECT_EQ(t, pkt.flags, VSTOR_PKT_FLAG_COMPLETION);
	ST_EXPECT_EQ(t, pkt.status, VSTOR_NT_SUCCESS);
	ST_EXPECT_EQ(t, srb->length, VSTOR_SRB_SIZE);
	ST_EXPECT_EQ(t, srb->srb_status, 0);
	ST_EXPECT_EQ(t, srb->scsi_status, 0);
	ST_EXPECT_EQ(t, srb->port, 2);
	ST_EXPECT_EQ(t, srb->path_id, 0);
	ST_EXPECT_EQ(t, srb->target_id, 1);
	ST_EXPECT_EQ(t, srb->lun, 5);
	ST_EXPECT_EQ(t, srb->cdb_length, 10);
	ST_EXPECT_EQ(t, srb->sense_len, VSTOR_SENSE_SIZE);
	ST_EXPECT_EQ(t, srb->data_dir, VSTOR_DIR_READ);
	ST_EXPECT_EQ(t, srb->xfer_len, 4096);
	ST_EXPECT_MEM(t, srb->cdb, cdb, sizeof(cdb));
	ST_EXPECT_EQ(t, srb->queue_tag, VSTOR_QUEUE_TAG_UNTAGGED);
	ST_EXPECT_EQ(t, srb->queue_action, VSTOR_QUEUE_ACTION_SIMPLE);
	ST_EXPECT_EQ(t, srb->srb_flags,
		     VSTOR_SRB_FLAG_DISABLE_SYNC_XFER |
		     VSTOR_SRB_FLAG_QUEUE_ACTION_ENABLE |
		     VSTOR_SRB_FLAG_NO_QUEUE_FREEZE |
		     VSTOR_SRB_FLAG_DATA_IN);
	ST_EXPECT_EQ(t, srb->timeout_sec, 60);
	ST_EXPECT_EQ(t, srb->sort_key, 0);
}

SELFTEST(vstor_packet_decodes_completion_with_sense)
{
	/* Fixed-format sense: UNIT ATTENTION, capacity data changed. */
	static const u8 sense[18] = { 0x70, 0, 0x06, 0, 0, 0, 0, 0x0a,
				      0, 0, 0, 0, 0x2a, 0x09, 0, 0, 0, 0 };
	u8 img[64] = { 0 };
	struct vstor_pkt pkt;
	const struct vstor_scsi_req *srb = &pkt.srb;

	vt_put32(img + 0, 1);		/* COMPLETE_IO */
	vt_put32(img + 8, 0);
	vt_put16(img + 12, 0x34);
	img[14] = 0x84;			/* ERROR | AUTOSENSE_VALID */
	img[15] = 0x02;			/* CHECK CONDITION */
	img[18] = 1;
	img[21] = sizeof(sense);
	img[22] = 1;
	vt_put32(img + 24, 512);	/* bytes moved before the error */
	memcpy(img + 28, sense, sizeof(sense));

	vt_load(&pkt, img);
	ST_EXPECT_EQ(t, pkt.operation, VSTOR_OP_COMPLETE_IO);
	ST_EXPECT_EQ(t, pkt.status, VSTOR_NT_SUCCESS);
	ST_EXPECT_EQ(t, VSTOR_SRB_CODE(srb->srb_status), VSTOR_SRB_ERROR);
	ST_EXPECT(t, srb->srb_status & VSTOR_SRB_AUTOSENSE_VALID);
	ST_EXPECT(t, !(srb->srb_status & VSTOR_SRB_QUEUE_FROZEN));
	ST_EXPECT_EQ(t, srb->scsi_status, 0x02);
	ST_EXPECT_EQ(t, srb->target_id, 1);
	ST_EXPECT_EQ(t, srb->sense_len, 18);
	ST_EXPECT(t, srb->sense_len <= VSTOR_SENSE_SIZE);
	ST_EXPECT_EQ(t, srb->xfer_len, 512);
	ST_EXPECT_MEM(t, srb->sense, sense, sizeof(sense));
	ST_EXPECT_EQ(t, srb->sense[2] & 0x0f, 0x06);
	ST_EXPECT_EQ(t, srb->sense[12], 0x2a);
	ST_EXPECT_EQ(t, srb->sense[13], 0x09);
}

SELFTEST(vstor_packet_decodes_init_bodies)
{
	static const u8 wwn[8] = { 0x20, 0, 0, 0x15, 0x5d, 0x12, 0x34, 0x56 };
	u8 img[64] = { 0 };
	struct vstor_pkt pkt;

	/* QUERY_PROTOCOL_VERSION 6.2, revision 0. */
	vt_put32(img + 0, 9);
	vt_put32(img + 4, 1);
	vt_put16(img + 12, 0x0602);
	vt_load(&pkt, img);
	ST_EXPECT_EQ(t, pkt.operation, VSTOR_OP_QUERY_VERSION);
	ST_EXPECT_EQ(t, pkt.version.major_minor, VSTOR_VERSION_6_2);
	ST_EXPECT_EQ(t, pkt.version.revision, 0);

	/* The host refuses it. */
	vt_put32(img + 0, 1);
	vt_put32(img + 8, 0xc0000059);
	vt_load(&pkt, img);
	ST_EXPECT_EQ(t, pkt.status, VSTOR_NT_REVISION_MISMATCH);

	/* QUERY_PROPERTIES reply: 7 sub-channels, multi-channel, 256 KiB. */
	memset(img, 0, sizeof(img));
	vt_put32(img + 0, 1);
	vt_put16(img + 16, 7);
	vt_put32(img + 20, 1);
	vt_put32(img + 24, 0x40000);
	vt_load(&pkt, img);
	ST_EXPECT_EQ(t, pkt.props.max_sub_channels, 7);
	ST_EXPECT_EQ(t, pkt.props.flags, VSTOR_CHAN_PROP_MULTI_CHANNEL);
	ST_EXPECT_EQ(t, pkt.props.max_transfer_bytes, 256 * 1024);

	/* FCHBA_DATA reply: primary active, port WWN at packet offset 16. */
	memset(img, 0, sizeof(img));
	vt_put32(img + 0, 1);
	img[12] = 1;
	memcpy(img + 16, wwn, sizeof(wwn));
	img[24] = 0x21;
	img[32] = 0x22;
	img[40] = 0x23;
	vt_load(&pkt, img);
	ST_EXPECT_EQ(t, pkt.wwn.primary_active, 1);
	ST_EXPECT_MEM(t, pkt.wwn.primary_port_wwn, wwn, sizeof(wwn));
	ST_EXPECT_EQ(t, pkt.wwn.primary_node_wwn[0], 0x21);
	ST_EXPECT_EQ(t, pkt.wwn.secondary_port_wwn[0], 0x22);
	ST_EXPECT_EQ(t, pkt.wwn.secondary_node_wwn[0], 0x23);

	/* CREATE_SUB_CHANNELS with 3. */
	memset(img, 0, sizeof(img));
	vt_put32(img + 0, 13);
	vt_put32(img + 4, 1);
	vt_put16(img + 12, 3);
	vt_load(&pkt, img);
	ST_EXPECT_EQ(t, pkt.operation, VSTOR_OP_CREATE_SUB_CHANNELS);
	ST_EXPECT_EQ(t, pkt.sub_channel_count, 3);
}

SELFTEST(vstor_ide_target_from_instance_bytes)
{
	/* Instance GUID bytes in wire order; target = b[5] << 8 | b[4]. */
	static const u8 inst[16] = { 0x11, 0x22, 0x33, 0x44, 0x01, 0x00,
				     0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
				     0xbb, 0xcc, 0xdd, 0xee };

	ST_EXPECT_EQ(t, VSTOR_IDE_TARGET(inst[4], inst[5]), 1);
	ST_EXPECT_EQ(t, VSTOR_IDE_TARGET(0x34, 0x12), 0x1234);
}
