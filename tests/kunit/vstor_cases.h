/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VSTOR case tables, shared by the KUnit suite (vstor_test.c) and the
 * userspace tests (tests/user/test_vstor.c), which include it after
 * lib/vstor_msg.c. Packet rows name one packet, the parser it goes
 * through and the exact errno owed; mapping rows name one completion and
 * the midlayer result, residual, action and sense length owed.
 */
#ifndef _LUMEN_TESTS_VSTOR_CASES_H
#define _LUMEN_TESTS_VSTOR_CASES_H

/* Room for the over-long rows. */
#define VSTOR_CASE_BUF_SIZE	96
#define VSTOR_CASE_NAME_SIZE	48

/* Which parser a packet row goes through. */
#define VC_HOST		1	/* vstor_msg_parse_host() */
#define VC_SRB		2	/* then vstor_msg_parse_srb_completion() */
#define VC_INIT		3	/* vstor_msg_parse_init_reply() */

/**
 * struct vstor_pkt_case - one packet and the result its parser owes
 * @name: row name shown in the test output.
 * @kind: %VC_HOST, %VC_SRB or %VC_INIT.
 * @op: operation written at offset 0.
 * @len: bytes passed to the parser.
 * @min_len: the parser's minimum length.
 * @version: agreed version for %VC_SRB rows.
 * @req_xfer: the request's transfer length for %VC_SRB rows.
 * @opcode: the request's opcode for %VC_SRB rows (0 means READ(10)).
 * @srb_status: SRB status byte written.
 * @scsi_status: SCSI status byte written.
 * @sense_len: sense length byte written.
 * @xfer: data-transfer length written.
 * @err: expected return value.
 */
struct vstor_pkt_case {
	char name[VSTOR_CASE_NAME_SIZE];
	u8 kind;
	u32 op;
	u32 len;
	u32 min_len;
	u16 version;
	u32 req_xfer;
	u8 opcode;
	u8 srb_status;
	u8 scsi_status;
	u8 sense_len;
	u32 xfer;
	int err;
};

#define V62	VSTOR_VERSION_6_2
#define V42	VSTOR_VERSION_4_2
#define OPC	VSTOR_OP_COMPLETE_IO
#define OPX	VSTOR_OP_EXECUTE_SRB

/* A good SRB completion of a 4 KiB read with the fields given. */
#define SRB_ROW(n, st, sc, sl, x, e)					\
	{ .name = n, .kind = VC_SRB, .op = OPC, .len = 64, .min_len = 64, \
	  .version = V62, .req_xfer = 4096, .srb_status = st,		\
	  .scsi_status = sc, .sense_len = sl, .xfer = x, .err = e }
/* An answer to an init or reset request: operation @o, @l bytes. */
#define INIT_ROW(n, o, l, e)						\
	{ .name = n, .kind = VC_INIT, .op = o, .len = l, .err = e }
/* A host packet of operation @o, @l bytes, minimum @m. */
#define HOST_ROW(n, o, l, m, e)						\
	{ .name = n, .kind = VC_HOST, .op = o, .len = l, .min_len = m,	\
	  .err = e }

static const struct vstor_pkt_case vstor_pkt_cases[] = {
	/* Host to guest: length, then operation. */
	HOST_ROW("host_complete_io_ok", OPC, 64, 64, 0),
	HOST_ROW("host_pre_win8_48_ok", OPC, 48, 48, 0),
	HOST_ROW("host_enumerate_bus_ok", VSTOR_OP_ENUMERATE_BUS, 64, 64, 0),
	HOST_ROW("host_remove_device_ok", VSTOR_OP_REMOVE_DEVICE, 64, 64, 0),
	HOST_ROW("host_fc_hba_data_ok", VSTOR_OP_FC_HBA_DATA, 64, 64, 0),
	HOST_ROW("host_empty", OPC, 0, 0, -EPROTO),
	HOST_ROW("host_short_header", OPC, 11, 0, -EPROTO),
	HOST_ROW("host_init_reply_48_of_64", OPC, 48, 64, -EPROTO),
	HOST_ROW("host_short_63", OPC, 63, 64, -EPROTO),
	HOST_ROW("host_short_47_pre_win8", OPC, 47, 48, -EPROTO),
	HOST_ROW("host_long_65", OPC, 65, 64, -EMSGSIZE),
	HOST_ROW("host_long_72", OPC, 72, 64, -EMSGSIZE),
	HOST_ROW("host_long_96", OPC, 96, 48, -EMSGSIZE),
	HOST_ROW("host_op_0", 0, 64, 64, -EBADRQC),
	HOST_ROW("host_op_event_notification", VSTOR_OP_EVENT_NOTIFICATION,
		 64, 64, -EBADRQC),
	HOST_ROW("host_op_15", 15, 64, 64, -EBADRQC),
	HOST_ROW("host_op_u32_max", 0xffffffff, 64, 64, -EBADRQC),
	HOST_ROW("host_op_execute_srb", OPX, 64, 64, -EPROTONOSUPPORT),
	HOST_ROW("host_op_begin_init", VSTOR_OP_BEGIN_INIT, 64, 64,
		 -EPROTONOSUPPORT),
	HOST_ROW("host_op_query_version", VSTOR_OP_QUERY_VERSION, 64, 64,
		 -EPROTONOSUPPORT),
	HOST_ROW("host_op_create_sub_channels", VSTOR_OP_CREATE_SUB_CHANNELS,
		 64, 64, -EPROTONOSUPPORT),
	HOST_ROW("host_op_reset_bus", VSTOR_OP_RESET_BUS, 64, 64,
		 -EPROTONOSUPPORT),
	HOST_ROW("host_op_reset_lun", VSTOR_OP_RESET_LUN, 64, 64,
		 -EPROTONOSUPPORT),
	HOST_ROW("host_op_reset_adapter", VSTOR_OP_RESET_ADAPTER, 64, 64,
		 -EPROTONOSUPPORT),
	HOST_ROW("host_op_end_init", VSTOR_OP_END_INIT, 64, 64,
		 -EPROTONOSUPPORT),
	HOST_ROW("host_op_query_properties", VSTOR_OP_QUERY_PROPERTIES, 64, 64,
		 -EPROTONOSUPPORT),

	/*
	 * Answers to init and reset requests. A pre-win8 host answers with
	 * its 48-byte packet before and after the version is agreed; every
	 * field of an answer (status, version, properties) is in those 48.
	 */
	INIT_ROW("init_reply_64_ok", OPC, 64, 0),
	INIT_ROW("init_reply_pre_win8_host_48_ok", OPC, 48, 0),
	INIT_ROW("init_reply_56_ok", OPC, 56, 0),
	INIT_ROW("init_reply_47", OPC, 47, -EPROTO),
	INIT_ROW("init_reply_short_header", OPC, 11, -EPROTO),
	INIT_ROW("init_reply_long_72", OPC, 72, -EMSGSIZE),
	INIT_ROW("init_reply_enumerate_bus", VSTOR_OP_ENUMERATE_BUS, 64,
		 -EBADRQC),
	INIT_ROW("init_reply_remove_device", VSTOR_OP_REMOVE_DEVICE, 48,
		 -EBADRQC),
	INIT_ROW("init_reply_begin_init", VSTOR_OP_BEGIN_INIT, 64,
		 -EPROTONOSUPPORT),
	INIT_ROW("init_reply_op_99", 99, 64, -EBADRQC),

	/* SRB completions of a 4 KiB read. */
	SRB_ROW("srb_success_ok", VSTOR_SRB_SUCCESS, 0, 0, 4096, 0),
	SRB_ROW("srb_underrun_ok", VSTOR_SRB_DATA_OVERRUN, 0, 0, 512, 0),
	SRB_ROW("srb_xfer_zero_ok", VSTOR_SRB_SUCCESS, 0, 0, 0, 0),
	SRB_ROW("srb_xfer_one_over", VSTOR_SRB_SUCCESS, 0, 0, 4097, -ERANGE),
	SRB_ROW("srb_xfer_u32_max", VSTOR_SRB_SUCCESS, 0, 0, 0xffffffff,
		-ERANGE),
	SRB_ROW("srb_overrun_xfer_over", VSTOR_SRB_DATA_OVERRUN, 0, 0, 8192,
		-ERANGE),
	SRB_ROW("srb_status_pending", VSTOR_SRB_PENDING, 0, 0, 0, -ERANGE),
	SRB_ROW("srb_status_flags_only", 0xc0, 0, 0, 0, -ERANGE),
	SRB_ROW("srb_status_0x0c", 0x0c, 0, 0, 0, -ERANGE),
	SRB_ROW("srb_status_0x17", 0x17, 0, 0, 0, -ERANGE),
	SRB_ROW("srb_status_0x26", 0x26, 0, 0, 0, -ERANGE),
	SRB_ROW("srb_status_0x3f", 0x3f, 0, 0, 0, -ERANGE),
	SRB_ROW("srb_scsi_status_0x01", VSTOR_SRB_SUCCESS, 0x01, 0, 4096,
		-ERANGE),
	SRB_ROW("srb_scsi_status_0xff", VSTOR_SRB_SUCCESS, 0xff, 0, 4096,
		-ERANGE),
	{ .name = "srb_write_same_10_bytes_written_ok", .kind = VC_SRB,
	  .op = OPC, .len = 64, .min_len = 64, .version = V62,
	  .req_xfer = 512, .opcode = 0x41, .srb_status = 1,
	  .xfer = 1 << 20, .err = 0 },
	{ .name = "srb_write_same_16_bytes_written_ok", .kind = VC_SRB,
	  .op = OPC, .len = 64, .min_len = 64, .version = V62,
	  .req_xfer = 4096, .opcode = 0x93, .srb_status = 1,
	  .xfer = 0xffffffff, .err = 0 },
	{ .name = "srb_write_16_xfer_over", .kind = VC_SRB, .op = OPC,
	  .len = 64, .min_len = 64, .version = V62, .req_xfer = 4096,
	  .opcode = 0x8a, .srb_status = 1, .xfer = 8192, .err = -ERANGE },
	SRB_ROW("srb_scsi_busy_ok", VSTOR_SRB_ERROR, 0x08, 0, 0, 0),
	SRB_ROW("srb_sense_20_ok", 0x84, 0x02, 20, 0, 0),
	SRB_ROW("srb_sense_21", 0x84, 0x02, 21, 0, -EMSGSIZE),
	SRB_ROW("srb_sense_255", 0x84, 0x02, 255, 0, -EMSGSIZE),
	SRB_ROW("srb_sense_255_no_autosense_ok", VSTOR_SRB_ERROR, 0x02, 255,
		0, 0),
	SRB_ROW("srb_sense_255_good_status_ok", 0x81, 0x00, 255, 4096, 0),
	{ .name = "srb_sense_20_pre_win8_ok", .kind = VC_SRB, .op = OPC,
	  .len = 48, .min_len = 48, .version = V42, .req_xfer = 4096,
	  .srb_status = 0x84, .scsi_status = 2, .sense_len = 20, .err = 0 },
	{ .name = "srb_sense_21_pre_win8", .kind = VC_SRB, .op = OPC,
	  .len = 48, .min_len = 48, .version = V42, .req_xfer = 4096,
	  .srb_status = 0x84, .scsi_status = 2, .sense_len = 21,
	  .err = -EMSGSIZE },
	{ .name = "srb_sense_18_pre_win8_ok", .kind = VC_SRB, .op = OPC,
	  .len = 48, .min_len = 48, .version = V42, .req_xfer = 4096,
	  .srb_status = 0x84, .scsi_status = 2, .sense_len = 18, .err = 0 },
	{ .name = "srb_short_packet", .kind = VC_SRB, .op = OPC, .len = 40,
	  .min_len = 64, .version = V62, .req_xfer = 4096,
	  .srb_status = 1, .err = -EPROTO },
	{ .name = "srb_wrong_operation", .kind = VC_SRB,
	  .op = VSTOR_OP_ENUMERATE_BUS, .len = 64, .min_len = 64,
	  .version = V62, .req_xfer = 4096, .srb_status = 1,
	  .err = -EBADRQC },

};

/* Fill @buf (VSTOR_CASE_BUF_SIZE bytes) with the packet of row @c. */
static inline void vstor_case_build(const struct vstor_pkt_case *c, u8 *buf)
{
	struct vstor_pkt pkt;

	memset(buf, 0, VSTOR_CASE_BUF_SIZE);
	memset(&pkt, 0, sizeof(pkt));
	pkt.operation = cpu_to_le32(c->op);
	pkt.srb.length = cpu_to_le16(VSTOR_SRB_SIZE);
	pkt.srb.srb_status = c->srb_status;
	pkt.srb.scsi_status = c->scsi_status;
	pkt.srb.sense_len = c->sense_len;
	pkt.srb.xfer_len = cpu_to_le32(c->xfer);
	memset(pkt.srb.sense, 0x70, sizeof(pkt.srb.sense));
	memcpy(buf, &pkt, sizeof(pkt));
	/* Bytes past the packet, for the over-long rows. */
	memset(buf + sizeof(pkt), 0xee, VSTOR_CASE_BUF_SIZE - sizeof(pkt));
}

/* Run row @c through its parser; the return value is what it owes. */
static inline int vstor_case_run(const struct vstor_pkt_case *c)
{
	u8 buf[VSTOR_CASE_BUF_SIZE];
	struct vstor_srb_result res;
	struct vstor_pkt out;
	int ret;

	vstor_case_build(c, buf);
	switch (c->kind) {
	case VC_HOST:
		return vstor_msg_parse_host(buf, c->len, c->min_len, &out);
	case VC_INIT:
		return vstor_msg_parse_init_reply(buf, c->len, &out);
	default:
		ret = vstor_msg_parse_host(buf, c->len, c->min_len, &out);
		if (ret)
			return ret;
		ret = vstor_msg_parse_srb_completion(&out, c->version,
						     c->opcode ?: 0x28,
						     c->req_xfer, &res);
		/* Whatever is accepted never exceeds the request. */
		if (!ret && res.xfer_len > c->req_xfer)
			return -EFAULT;
		return ret;
	}
}

/**
 * struct vstor_map_case - one completion and the midlayer verdict it owes
 * @name: row name.
 * @srb_status: SRB status byte.
 * @scsi_status: SCSI status byte.
 * @opcode: the command's opcode.
 * @req: bytes requested.
 * @xfer: bytes the host says moved.
 * @sense_fmt: 0 for no sense, 0x70 fixed or 0x72 descriptor format.
 * @asc: additional sense code.
 * @ascq: its qualifier.
 * @result: expected &vstor_verdict.result.
 * @resid: expected &vstor_verdict.resid.
 * @action: expected &vstor_verdict.action.
 * @sense_len: expected &vstor_verdict.sense_len.
 */
struct vstor_map_case {
	char name[VSTOR_CASE_NAME_SIZE];
	u8 srb_status;
	u8 scsi_status;
	u8 opcode;
	u32 req;
	u32 xfer;
	u8 sense_fmt;
	u8 asc;
	u8 ascq;
	u32 result;
	u32 resid;
	u8 action;
	u8 sense_len;
};

#define R(h, s)		VSTOR_RESULT(VSTOR_HOST_##h, s)
#define RD10		0x28	/* READ(10) */
#define INQ		0x12
#define MS6		0x1a
#define MS10		0x5a
#define TUR		0x00
#define FIX		0x70	/* fixed-format sense, 18 bytes */
#define DSC		0x72	/* descriptor-format sense, 8 bytes */
#define A_NONE		VSTOR_ACTION_NONE
#define A_RESCAN	VSTOR_ACTION_RESCAN
#define A_REMOVE	VSTOR_ACTION_REMOVE_LUN

static const struct vstor_map_case vstor_map_cases[] = {
	{ "success_full", 0x01, 0, RD10, 4096, 4096, 0, 0, 0,
	  R(OK, 0), 0, A_NONE, 0 },
	{ "success_short_read", 0x01, 0, RD10, 4096, 1024, 0, 0, 0,
	  R(OK, 0), 3072, A_NONE, 0 },
	{ "success_no_data", 0x01, 0, TUR, 0, 0, 0, 0, 0,
	  R(OK, 0), 0, A_NONE, 0 },
	{ "data_overrun_is_underrun", 0x12, 0, RD10, 4096, 512, 0, 0, 0,
	  R(OK, 0), 3584, A_NONE, 0 },
	{ "error_no_sense", 0x04, 0, RD10, 4096, 4096, 0, 0, 0,
	  R(ERROR, 0), 4096, A_NONE, 0 },
	{ "error_medium_error_sense", 0x84, 2, RD10, 4096, 4096, FIX, 0x11,
	  0x00, R(OK, 2), 4096, A_NONE, 18 },
	{ "error_descriptor_sense", 0x84, 2, RD10, 4096, 0, DSC, 0x11, 0x00,
	  R(OK, 2), 4096, A_NONE, 8 },
	{ "capacity_changed", 0x84, 2, RD10, 4096, 0, FIX, 0x2a, 0x09,
	  R(REQUEUE, 2), 4096, A_RESCAN, 18 },
	{ "capacity_changed_descriptor", 0x84, 2, RD10, 4096, 0, DSC, 0x2a,
	  0x09, R(REQUEUE, 2), 4096, A_RESCAN, 8 },
	{ "params_changed", 0x84, 2, RD10, 4096, 0, FIX, 0x3f, 0x01,
	  R(REQUEUE, 2), 4096, A_RESCAN, 18 },
	{ "params_microcode_changed", 0x84, 2, RD10, 4096, 0, FIX, 0x3f,
	  0x03, R(OK, 2), 4096, A_NONE, 18 },
	{ "params_reported_luns_changed", 0x84, 2, RD10, 4096, 0, FIX, 0x3f,
	  0x0e, R(OK, 2), 4096, A_NONE, 18 },
	{ "capacity_other_ascq", 0x84, 2, RD10, 4096, 0, FIX, 0x2a, 0x01,
	  R(OK, 2), 4096, A_NONE, 18 },
	{ "success_with_sense", 0x81, 2, RD10, 4096, 4096, FIX, 0x04, 0x01,
	  R(OK, 2), 0, A_NONE, 18 },
	{ "invalid_lun", 0x20, 0, RD10, 4096, 0, 0, 0, 0,
	  R(NO_CONNECT, 0), 4096, A_REMOVE, 0 },
	{ "invalid_lun_with_sense", 0xa0, 2, RD10, 4096, 0, FIX, 0x25, 0x00,
	  R(NO_CONNECT, 2), 4096, A_REMOVE, 18 },
	{ "inquiry_error_forced_success", 0x84, 2, INQ, 36, 0, FIX, 0x24,
	  0x00, R(OK, 0), 36, A_NONE, 0 },
	{ "inquiry_invalid_lun_forced", 0x20, 0, INQ, 36, 0, 0, 0, 0,
	  R(OK, 0), 36, A_NONE, 0 },
	{ "mode_sense6_error_forced", 0x04, 0, MS6, 192, 0, 0, 0, 0,
	  R(OK, 0), 192, A_NONE, 0 },
	{ "mode_sense10_check_forced", 0x01, 2, MS10, 192, 8, 0, 0, 0,
	  R(OK, 0), 184, A_NONE, 0 },
	{ "tur_error_no_sense", 0x04, 0, TUR, 0, 0, 0, 0, 0,
	  R(OK, 0), 0, A_NONE, 0 },
	{ "tur_not_ready_sense", 0x84, 2, TUR, 0, 0, FIX, 0x04, 0x01,
	  R(OK, 2), 0, A_NONE, 18 },
	{ "busy", 0x05, 0, RD10, 4096, 0, 0, 0, 0,
	  R(BUS_BUSY, 0), 4096, A_NONE, 0 },
	{ "no_device", 0x08, 0, RD10, 4096, 0, 0, 0, 0,
	  R(BAD_TARGET, 0), 4096, A_NONE, 0 },
	{ "invalid_target_id", 0x21, 0, RD10, 4096, 0, 0, 0, 0,
	  R(BAD_TARGET, 0), 4096, A_NONE, 0 },
	{ "invalid_path_id", 0x07, 0, RD10, 4096, 0, 0, 0, 0,
	  R(BAD_TARGET, 0), 4096, A_NONE, 0 },
	{ "no_hba", 0x11, 0, RD10, 4096, 0, 0, 0, 0,
	  R(BAD_TARGET, 0), 4096, A_NONE, 0 },
	{ "selection_timeout", 0x0a, 0, RD10, 4096, 0, 0, 0, 0,
	  R(ERROR, 0), 4096, A_NONE, 0 },
	{ "aborted_queue_frozen", 0x42, 0, RD10, 4096, 0, 0, 0, 0,
	  R(ERROR, 0), 4096, A_NONE, 0 },
	{ "bus_reset", 0x0e, 0, RD10, 4096, 0, 0, 0, 0,
	  R(ERROR, 0), 4096, A_NONE, 0 },
	{ "internal_error", 0x30, 0, RD10, 4096, 0, 0, 0, 0,
	  R(ERROR, 0), 4096, A_NONE, 0 },
	{ "error_xfer_ignored", 0x04, 0, RD10, 4096, 2048, 0, 0, 0,
	  R(ERROR, 0), 4096, A_NONE, 0 },
	{ "reservation_conflict", 0x04, 0x18, RD10, 4096, 0, 0, 0, 0,
	  R(ERROR, 0x18), 4096, A_NONE, 0 },
};

/* The parsed result of map row @c. */
static inline void vstor_map_case_res(const struct vstor_map_case *c,
				      struct vstor_srb_result *res)
{
	memset(res, 0, sizeof(*res));
	res->srb_status = c->srb_status;
	res->scsi_status = c->scsi_status;
	res->xfer_len = c->xfer;
	if (c->sense_fmt == FIX) {
		res->sense_len = 18;
		res->sense[0] = FIX;
		res->sense[2] = 0x06;
		res->sense[7] = 10;
		res->sense[12] = c->asc;
		res->sense[13] = c->ascq;
	} else if (c->sense_fmt == DSC) {
		res->sense_len = 8;
		res->sense[0] = DSC;
		res->sense[1] = 0x06;
		res->sense[2] = c->asc;
		res->sense[3] = c->ascq;
	}
}

#endif
