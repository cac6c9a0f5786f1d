// SPDX-License-Identifier: GPL-2.0
/*
 * VSTOR packet construction and validation for the guest end of a
 * storvsc channel, and the completion-to-midlayer status mapping. Pure
 * code: no locks, no allocation, no logging, no global state (see the DOC
 * section of <lumen/vstor_msg.h>).
 *
 * Built into hv_storvsc, exporting nothing (see lib/README); KUnit, the
 * userspace tests and the fuzzer #include it.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <asm/byteorder.h>

#include <proto/vstor.h>
#include <lumen/vstor_msg.h>

/* SCSI opcodes the mapping treats specially. */
#define VSTOR_OPC_TEST_UNIT_READY	0x00
#define VSTOR_OPC_INQUIRY		0x12
#define VSTOR_OPC_MODE_SENSE_6		0x1a
#define VSTOR_OPC_MODE_SENSE_10		0x5a
#define VSTOR_OPC_WRITE_SAME_10		0x41
#define VSTOR_OPC_WRITE_SAME_16		0x93

/* Sense data: response codes and the ASC/ASCQ the mapping reacts to. */
#define VSTOR_SENSE_FIXED_CUR		0x70
#define VSTOR_SENSE_FIXED_DEF		0x71
#define VSTOR_SENSE_DESC_CUR		0x72
#define VSTOR_SENSE_DESC_DEF		0x73
#define VSTOR_ASC_CAPACITY_DATA		0x2a	/* ASCQ 0x09: capacity changed */
#define VSTOR_ASCQ_CAPACITY_CHANGED	0x09
#define VSTOR_ASC_PARAMS_CHANGED	0x3f	/* operating parameters changed */
#define VSTOR_ASCQ_MICROCODE_CHANGED	0x03	/* not a parameter change */
#define VSTOR_ASCQ_REPORTED_LUNS_CHANGED 0x0e	/* handled by the scan */

static const u16 vstor_msg_versions[VSTOR_MSG_NR_VERSIONS] = {
	VSTOR_VERSION_6_2,
	VSTOR_VERSION_6_0,
	VSTOR_VERSION_5_1,
	VSTOR_VERSION_4_2,
	VSTOR_VERSION_2_0,
};

/**
 * vstor_msg_version() - the guest's versions, newest first
 * @idx: position in the list, from 0.
 *
 * The list is 6.2, 6.0, 5.1, 4.2, 2.0: the order in which a guest proposes
 * versions with %VSTOR_OP_QUERY_VERSION, falling back to the next one each
 * time the host refuses.
 *
 * Context: Any context.
 * Return: the version at @idx (VSTOR_VERSION() encoding), or 0 past the
 * end of the list.
 */
u16 vstor_msg_version(unsigned int idx)
{
	if (idx >= VSTOR_MSG_NR_VERSIONS)
		return 0;
	return vstor_msg_versions[idx];
}

/* Is @version one of the five: 2.0, 4.2, 5.1, 6.0 or 6.2? */
static bool vstor_msg_version_known(u16 version)
{
	unsigned int i;

	for (i = 0; i < VSTOR_MSG_NR_VERSIONS; i++)
		if (vstor_msg_versions[i] == version)
			return true;
	return false;
}

/*
 * Bytes a packet at @version (0 while none is agreed) lacks: versions 2.0
 * and 4.2 use the 36-byte SCSI request (48-byte packet), 5.1 and later add
 * the 16-byte win8 extension; before a version is agreed packets are full
 * size. %VSTOR_WIN8_EXT_SIZE below 5.1, else 0.
 */
static u32 vstor_msg_size_delta(u16 version)
{
	if (version && version < VSTOR_VERSION_5_1)
		return VSTOR_WIN8_EXT_SIZE;
	return 0;
}

/**
 * vstor_msg_pkt_size() - VSTOR packet size at a version
 * @version: agreed version, or 0 while none is agreed.
 *
 * Context: Any context.
 * Return: %VSTOR_PKT_SIZE_PRE_WIN8 for 2.0 and 4.2, %VSTOR_PKT_SIZE
 * otherwise.
 */
u32 vstor_msg_pkt_size(u16 version)
{
	return VSTOR_PKT_SIZE - vstor_msg_size_delta(version);
}

/* Room for sense data at @version: 18 bytes for 2.0 and 4.2, else 20. */
static u32 vstor_msg_sense_size(u16 version)
{
	if (vstor_msg_size_delta(version))
		return VSTOR_SENSE_SIZE_PRE_WIN8;
	return VSTOR_SENSE_SIZE;
}

static void vstor_msg_start(struct vstor_pkt *pkt, u32 op, u32 flags)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->operation = cpu_to_le32(op);
	pkt->flags = cpu_to_le32(flags);
}

/**
 * vstor_msg_build_simple() - build a request that has no body
 * @pkt: packet to fill.
 * @op: %VSTOR_OP_BEGIN_INIT, %VSTOR_OP_END_INIT,
 *	%VSTOR_OP_QUERY_PROPERTIES, %VSTOR_OP_RESET_LUN,
 *	%VSTOR_OP_RESET_ADAPTER or %VSTOR_OP_RESET_BUS.
 *
 * The packet asks for a completion. It is built full size, which every
 * host accepts in every phase.
 *
 * Context: Any context.
 * Return: bytes to send (%VSTOR_PKT_SIZE), or -EINVAL for another @op.
 */
int vstor_msg_build_simple(struct vstor_pkt *pkt, u32 op)
{
	switch (op) {
	case VSTOR_OP_BEGIN_INIT:
	case VSTOR_OP_END_INIT:
	case VSTOR_OP_QUERY_PROPERTIES:
	case VSTOR_OP_RESET_LUN:
	case VSTOR_OP_RESET_ADAPTER:
	case VSTOR_OP_RESET_BUS:
		break;
	default:
		return -EINVAL;
	}
	vstor_msg_start(pkt, op, VSTOR_PKT_FLAG_COMPLETION);
	return VSTOR_PKT_SIZE;
}

/**
 * vstor_msg_build_query_version() - build %VSTOR_OP_QUERY_VERSION
 * @pkt: packet to fill.
 * @version: version to propose, one of vstor_msg_version().
 *
 * Full size (no version is agreed yet), revision 0, completion requested.
 *
 * Context: Any context.
 * Return: bytes to send (%VSTOR_PKT_SIZE), or -EPROTONOSUPPORT for an
 * unknown @version.
 */
int vstor_msg_build_query_version(struct vstor_pkt *pkt, u16 version)
{
	if (!vstor_msg_version_known(version))
		return -EPROTONOSUPPORT;
	vstor_msg_start(pkt, VSTOR_OP_QUERY_VERSION, VSTOR_PKT_FLAG_COMPLETION);
	pkt->version.major_minor = cpu_to_le16(version);
	pkt->version.revision = 0;
	return VSTOR_PKT_SIZE;
}

/**
 * vstor_msg_build_sub_channels() - build %VSTOR_OP_CREATE_SUB_CHANNELS
 * @pkt: packet to fill.
 * @count: sub-channels to ask for, at least 1
 *	(see vstor_msg_sub_channel_count()).
 *
 * Context: Any context.
 * Return: bytes to send (%VSTOR_PKT_SIZE), or -EINVAL when @count is 0.
 */
int vstor_msg_build_sub_channels(struct vstor_pkt *pkt, u16 count)
{
	if (!count)
		return -EINVAL;
	vstor_msg_start(pkt, VSTOR_OP_CREATE_SUB_CHANNELS,
			VSTOR_PKT_FLAG_COMPLETION);
	pkt->sub_channel_count = cpu_to_le16(count);
	return VSTOR_PKT_SIZE;
}

/**
 * vstor_msg_build_srb() - build %VSTOR_OP_EXECUTE_SRB
 * @pkt: packet to fill.
 * @version: agreed version; decides the request length, the sense room
 *	and whether the win8 extension (tag, flags, timeout) is filled.
 * @d: the command.
 *
 * The SCSI request's length is 52 bytes (36 before 5.1) and its sense room
 * 20 bytes (18 before 5.1). For 5.1 and later the SRB flags get the data
 * direction (%VSTOR_SRB_FLAG_DATA_IN or %VSTOR_SRB_FLAG_DATA_OUT, none
 * without data) and %VSTOR_SRB_FLAG_DISABLE_SYNC_XFER on top of
 * &vstor_srb_desc.srb_flags.
 *
 * Context: Any context.
 * Return: bytes to send (vstor_msg_pkt_size() of @version);
 * -EPROTONOSUPPORT for an unknown @version; -EINVAL for a CDB length
 * outside 1 .. %VSTOR_CDB_MAX, an unknown direction, data with
 * %VSTOR_DIR_NONE or no data with a read or write.
 */
int vstor_msg_build_srb(struct vstor_pkt *pkt, u16 version,
			const struct vstor_srb_desc *d)
{
	struct vstor_scsi_req *srb = &pkt->srb;
	u32 flags = d->srb_flags | VSTOR_SRB_FLAG_DISABLE_SYNC_XFER;

	if (!vstor_msg_version_known(version))
		return -EPROTONOSUPPORT;
	if (!d->cdb_len || d->cdb_len > VSTOR_CDB_MAX)
		return -EINVAL;
	switch (d->data_dir) {
	case VSTOR_DIR_WRITE:
		flags |= VSTOR_SRB_FLAG_DATA_OUT;
		break;
	case VSTOR_DIR_READ:
		flags |= VSTOR_SRB_FLAG_DATA_IN;
		break;
	case VSTOR_DIR_NONE:
		break;
	default:
		return -EINVAL;
	}
	if (d->data_dir == VSTOR_DIR_NONE ? d->xfer_len != 0 : !d->xfer_len)
		return -EINVAL;

	vstor_msg_start(pkt, VSTOR_OP_EXECUTE_SRB, VSTOR_PKT_FLAG_COMPLETION);
	srb->length = cpu_to_le16(VSTOR_SRB_SIZE -
				  vstor_msg_size_delta(version));
	srb->port = d->port;
	srb->path_id = d->path_id;
	srb->target_id = d->target_id;
	srb->lun = d->lun;
	srb->cdb_length = d->cdb_len;
	srb->sense_len = vstor_msg_sense_size(version);
	srb->data_dir = d->data_dir;
	srb->xfer_len = cpu_to_le32(d->xfer_len);
	memcpy(srb->cdb, d->cdb, d->cdb_len);
	if (!vstor_msg_size_delta(version)) {
		if (d->tagged) {
			srb->queue_tag = VSTOR_QUEUE_TAG_UNTAGGED;
			srb->queue_action = VSTOR_QUEUE_ACTION_SIMPLE;
			flags |= VSTOR_SRB_FLAG_QUEUE_ACTION_ENABLE;
		}
		srb->srb_flags = cpu_to_le32(flags);
		srb->timeout_sec = cpu_to_le32(d->timeout_sec);
	}
	return vstor_msg_pkt_size(version);
}

/* Copy a packet of @len bytes, zero-padding the private copy to 64. */
static int vstor_msg_copy(const void *buf, size_t len, u32 min_len,
			  struct vstor_pkt *out)
{
	if (len < VSTOR_PKT_HDR_SIZE || len < min_len)
		return -EPROTO;
	if (len > VSTOR_PKT_SIZE)
		return -EMSGSIZE;
	memset(out, 0, sizeof(*out));
	memcpy(out, buf, len);
	return 0;
}

/**
 * vstor_msg_parse_host() - validate a packet the host sent
 * @buf: the packet's payload (a private copy).
 * @len: its length in bytes.
 * @min_len: shortest acceptable packet: vstor_msg_pkt_size() of the agreed
 *	version (answers to init and reset requests go through
 *	vstor_msg_parse_init_reply()). Values below %VSTOR_PKT_HDR_SIZE
 *	count as that.
 * @out: zero-padded copy of the packet, valid only on success.
 *
 * Checks, in order: length, then that the operation is one a host sends
 * (%VSTOR_OP_COMPLETE_IO, %VSTOR_OP_REMOVE_DEVICE, %VSTOR_OP_ENUMERATE_BUS,
 * %VSTOR_OP_FC_HBA_DATA). The caller checks that the operation matches
 * the transaction id (0 for notifications) and the body with
 * vstor_msg_parse_srb_completion() where it is an SRB completion.
 *
 * Context: Any context.
 * Return: 0; -EPROTO if shorter than @min_len; -EMSGSIZE if longer than
 * %VSTOR_PKT_SIZE; -EPROTONOSUPPORT for an operation only a guest sends;
 * -EBADRQC for an unknown operation.
 */
int vstor_msg_parse_host(const void *buf, size_t len, u32 min_len,
			 struct vstor_pkt *out)
{
	int ret = vstor_msg_copy(buf, len, min_len, out);

	if (ret)
		return ret;
	switch (le32_to_cpu(out->operation)) {
	case VSTOR_OP_COMPLETE_IO:
	case VSTOR_OP_REMOVE_DEVICE:
	case VSTOR_OP_ENUMERATE_BUS:
	case VSTOR_OP_FC_HBA_DATA:
		return 0;
	case VSTOR_OP_EXECUTE_SRB:
	case VSTOR_OP_RESET_LUN:
	case VSTOR_OP_RESET_ADAPTER:
	case VSTOR_OP_RESET_BUS:
	case VSTOR_OP_BEGIN_INIT:
	case VSTOR_OP_END_INIT:
	case VSTOR_OP_QUERY_VERSION:
	case VSTOR_OP_QUERY_PROPERTIES:
	case VSTOR_OP_CREATE_SUB_CHANNELS:
		return -EPROTONOSUPPORT;
	default:
		return -EBADRQC;
	}
}

/**
 * vstor_msg_parse_init_reply() - validate the answer to an init or reset
 *	request
 * @buf: the packet's payload (a private copy).
 * @len: its length in bytes.
 * @out: zero-padded copy of the packet, valid only on success.
 *
 * The answer to BEGIN_INITIALIZATION, QUERY_PROTOCOL_VERSION,
 * QUERY_PROPERTIES, END_INITIALIZATION, CREATE_SUB_CHANNELS or a reset
 * must be a %VSTOR_OP_COMPLETE_IO of at least %VSTOR_PKT_SIZE_PRE_WIN8
 * bytes, whatever version is agreed: a pre-win8 host answers with its
 * 48-byte packet from the first init step on, even to the full-size
 * packets a guest sends before a version is agreed, and every field an
 * answer carries (NT status, version, channel properties) lies in those
 * 48 bytes.
 *
 * Context: Any context.
 * Return: 0; the errnos of vstor_msg_parse_host(); -EBADRQC for an
 * operation other than %VSTOR_OP_COMPLETE_IO that a host may send.
 */
int vstor_msg_parse_init_reply(const void *buf, size_t len,
			       struct vstor_pkt *out)
{
	int ret = vstor_msg_parse_host(buf, len, VSTOR_PKT_SIZE_PRE_WIN8, out);

	if (!ret && le32_to_cpu(out->operation) != VSTOR_OP_COMPLETE_IO)
		ret = -EBADRQC;
	return ret;
}

static bool vstor_msg_srb_code_known(u8 code)
{
	switch (code) {
	case VSTOR_SRB_SUCCESS:
	case VSTOR_SRB_ABORTED:
	case VSTOR_SRB_ABORT_FAILED:
	case VSTOR_SRB_ERROR:
	case VSTOR_SRB_BUSY:
	case VSTOR_SRB_INVALID_REQUEST:
	case VSTOR_SRB_INVALID_PATH_ID:
	case VSTOR_SRB_NO_DEVICE:
	case VSTOR_SRB_TIMEOUT:
	case VSTOR_SRB_SELECTION_TIMEOUT:
	case VSTOR_SRB_COMMAND_TIMEOUT:
	case VSTOR_SRB_MESSAGE_REJECTED:
	case VSTOR_SRB_BUS_RESET:
	case VSTOR_SRB_PARITY_ERROR:
	case VSTOR_SRB_REQUEST_SENSE_FAILED:
	case VSTOR_SRB_NO_HBA:
	case VSTOR_SRB_DATA_OVERRUN:
	case VSTOR_SRB_UNEXPECTED_BUS_FREE:
	case VSTOR_SRB_PHASE_SEQ_FAILURE:
	case VSTOR_SRB_BAD_BLOCK_LENGTH:
	case VSTOR_SRB_REQUEST_FLUSHED:
	case VSTOR_SRB_INVALID_LUN:
	case VSTOR_SRB_INVALID_TARGET_ID:
	case VSTOR_SRB_BAD_FUNCTION:
	case VSTOR_SRB_ERROR_RECOVERY:
	case VSTOR_SRB_NOT_POWERED:
	case VSTOR_SRB_LINK_DOWN:
	case VSTOR_SRB_INTERNAL_ERROR:
		return true;
	default:
		return false;
	}
}

/* SAM status codes, including the obsolete ones a pass-through may send. */
static bool vstor_msg_scsi_status_known(u8 status)
{
	switch (status) {
	case 0x00:	/* GOOD */
	case 0x02:	/* CHECK CONDITION */
	case 0x04:	/* CONDITION MET */
	case 0x08:	/* BUSY */
	case 0x10:	/* INTERMEDIATE (obsolete) */
	case 0x14:	/* INTERMEDIATE-CONDITION MET (obsolete) */
	case 0x18:	/* RESERVATION CONFLICT */
	case 0x22:	/* COMMAND TERMINATED (obsolete) */
	case 0x28:	/* TASK SET FULL */
	case 0x30:	/* ACA ACTIVE */
	case 0x40:	/* TASK ABORTED */
		return true;
	default:
		return false;
	}
}

/**
 * vstor_msg_parse_srb_completion() - check an SRB completion
 * @reply: the completion, as returned by vstor_msg_parse_host().
 * @version: agreed version; the checks do not depend on it today (see
 *	the sense length below), callers pass it for the record.
 * @opcode: first CDB byte of the request it answers.
 * @req_xfer_len: data-transfer length of the request it answers.
 * @res: the validated result, valid only on success.
 *
 * Checks, in order: the operation is %VSTOR_OP_COMPLETE_IO; the SRB code
 * is a known one and not PENDING; the SCSI status is a SAM status; the
 * data-transfer length is at most @req_xfer_len, except for WRITE SAME
 * (10) and (16), whose reply counts the bytes written on the medium
 * rather than the one block sent (OpenVMM's disk does so): there it is
 * clamped to @req_xfer_len; with CHECK CONDITION and
 * %VSTOR_SRB_AUTOSENSE_VALID, the sense length fits the 20-byte sense
 * field. That field is 20 bytes in both layouts: a pre-win8 guest asks
 * for 18 bytes, but hosts answer with their own size (storvsp reports
 * 20 whatever the version), so @version does not narrow it. Sense data
 * is returned only in that case. The NT status in
 * the packet header is not used for SRB completions.
 *
 * Context: Any context.
 * Return: 0; -EBADRQC for another operation; -ERANGE for an unknown or
 * PENDING SRB code, an unknown SCSI status or a transfer longer than
 * requested; -EMSGSIZE for sense data longer than the room for it.
 */
int vstor_msg_parse_srb_completion(const struct vstor_pkt *reply,
				   u16 version, u8 opcode, u32 req_xfer_len,
				   struct vstor_srb_result *res)
{
	const struct vstor_scsi_req *srb = &reply->srb;
	u32 xfer = le32_to_cpu(srb->xfer_len);

	if (le32_to_cpu(reply->operation) != VSTOR_OP_COMPLETE_IO)
		return -EBADRQC;
	if (!vstor_msg_srb_code_known(VSTOR_SRB_CODE(srb->srb_status)))
		return -ERANGE;
	if (!vstor_msg_scsi_status_known(srb->scsi_status))
		return -ERANGE;
	if (xfer > req_xfer_len) {
		if (opcode != VSTOR_OPC_WRITE_SAME_10 &&
		    opcode != VSTOR_OPC_WRITE_SAME_16)
			return -ERANGE;
		xfer = req_xfer_len;
	}

	memset(res, 0, sizeof(*res));
	res->srb_status = srb->srb_status;
	res->scsi_status = srb->scsi_status;
	res->xfer_len = xfer;
	if (srb->scsi_status == VSTOR_SAM_CHECK_CONDITION &&
	    (srb->srb_status & VSTOR_SRB_AUTOSENSE_VALID)) {
		if (srb->sense_len > VSTOR_SENSE_SIZE)
			return -EMSGSIZE;
		res->sense_len = srb->sense_len;
		memcpy(res->sense, srb->sense, srb->sense_len);
	}
	return 0;
}

/*
 * ASC and ASCQ of @res's sense data, fixed or descriptor format. False
 * when there is no sense data or it is too short to hold them.
 */
static bool vstor_msg_sense_asc(const struct vstor_srb_result *res,
				u8 *asc, u8 *ascq)
{
	switch (res->sense[0] & 0x7f) {
	case VSTOR_SENSE_FIXED_CUR:
	case VSTOR_SENSE_FIXED_DEF:
		if (res->sense_len < 14)
			return false;
		*asc = res->sense[12];
		*ascq = res->sense[13];
		return true;
	case VSTOR_SENSE_DESC_CUR:
	case VSTOR_SENSE_DESC_DEF:
		if (res->sense_len < 4)
			return false;
		*asc = res->sense[2];
		*ascq = res->sense[3];
		return true;
	default:
		return false;
	}
}

/* Host byte for an SRB error that came without usable sense data. */
static u8 vstor_msg_host_byte(u8 code, u8 opcode)
{
	switch (code) {
	case VSTOR_SRB_BUSY:
		return VSTOR_HOST_BUS_BUSY;
	case VSTOR_SRB_INVALID_PATH_ID:
	case VSTOR_SRB_NO_DEVICE:
	case VSTOR_SRB_NO_HBA:
	case VSTOR_SRB_INVALID_TARGET_ID:
		return VSTOR_HOST_BAD_TARGET;
	case VSTOR_SRB_INVALID_LUN:
		return VSTOR_HOST_NO_CONNECT;
	default:
		/*
		 * Hyper-V may fail TEST UNIT READY with a plain SRB error
		 * during discovery; the midlayer decides from the status.
		 */
		if (opcode == VSTOR_OPC_TEST_UNIT_READY)
			return VSTOR_HOST_OK;
		return VSTOR_HOST_ERROR;
	}
}

/**
 * vstor_msg_map_result() - SRB completion to SCSI midlayer result
 * @res: a result from vstor_msg_parse_srb_completion().
 * @opcode: first CDB byte of the command.
 * @req_xfer_len: data-transfer length of the request.
 * @v: the verdict.
 *
 * The rules, in order:
 *
 * - INQUIRY and MODE SENSE(6/10) failures count as success with the
 *   bytes reported (Hyper-V fails some pages of these, e.g. INQUIRY page
 *   0x80 and MODE SENSE page 0x1c, that Linux asks for; failing them
 *   would offline the disk).
 * - SRB success: host byte OK, the SCSI status as sent, sense data if any.
 * - Sense data with an SRB error: capacity changed (ASC 0x2a/0x09) or
 *   operating parameters changed (ASC 0x3f, except ASCQ 0x03 and 0x0e)
 *   requeue the command and ask for a LUN rescan; other sense goes to the
 *   midlayer with host byte OK and the SCSI status.
 * - %VSTOR_SRB_INVALID_LUN: host byte NO_CONNECT and the LUN is removed,
 *   which is what makes scanning past the last LUN work.
 * - Other errors without sense: BUSY retries (BUS_BUSY), a missing
 *   target or path gives BAD_TARGET, TEST UNIT READY keeps host byte OK,
 *   anything else is ERROR.
 *
 * The residual is the request's length minus the bytes moved, which count
 * only for %VSTOR_SRB_SUCCESS and %VSTOR_SRB_DATA_OVERRUN (the code
 * Hyper-V uses for a short transfer); after other errors nothing moved.
 *
 * Context: Any context.
 */
void vstor_msg_map_result(const struct vstor_srb_result *res, u8 opcode,
			  u32 req_xfer_len, struct vstor_verdict *v)
{
	u8 code = VSTOR_SRB_CODE(res->srb_status);
	u8 status = res->scsi_status;
	u32 moved = res->xfer_len;
	u8 asc, ascq;

	memset(v, 0, sizeof(*v));
	if ((opcode == VSTOR_OPC_INQUIRY || opcode == VSTOR_OPC_MODE_SENSE_6 ||
	     opcode == VSTOR_OPC_MODE_SENSE_10) &&
	    (code != VSTOR_SRB_SUCCESS || status != VSTOR_SAM_GOOD)) {
		code = VSTOR_SRB_SUCCESS;
		status = VSTOR_SAM_GOOD;
	} else {
		v->sense_len = res->sense_len;
	}

	v->result = VSTOR_RESULT(VSTOR_HOST_OK, status);
	if (code != VSTOR_SRB_SUCCESS && code != VSTOR_SRB_DATA_OVERRUN)
		moved = 0;
	v->resid = req_xfer_len - min(moved, req_xfer_len);
	if (code == VSTOR_SRB_SUCCESS)
		return;

	if (code == VSTOR_SRB_INVALID_LUN) {
		v->result = VSTOR_RESULT(VSTOR_HOST_NO_CONNECT, status);
		v->action = VSTOR_ACTION_REMOVE_LUN;
		return;
	}
	if (v->sense_len && vstor_msg_sense_asc(res, &asc, &ascq)) {
		if ((asc == VSTOR_ASC_CAPACITY_DATA &&
		     ascq == VSTOR_ASCQ_CAPACITY_CHANGED) ||
		    (asc == VSTOR_ASC_PARAMS_CHANGED &&
		     ascq != VSTOR_ASCQ_MICROCODE_CHANGED &&
		     ascq != VSTOR_ASCQ_REPORTED_LUNS_CHANGED)) {
			v->result = VSTOR_RESULT(VSTOR_HOST_REQUEUE, status);
			v->action = VSTOR_ACTION_RESCAN;
		}
		return;
	}
	if (code == VSTOR_SRB_DATA_OVERRUN)
		return;
	v->result = VSTOR_RESULT(vstor_msg_host_byte(code, opcode), status);
}

/**
 * vstor_msg_sub_channel_count() - how many sub-channels to ask for
 * @online_cpus: CPUs online in the guest.
 * @host_max: &vstor_chan_props.max_sub_channels from the host.
 * @cap: the guest's own limit (module parameter), 0 for none.
 *
 * The in-box rule: one channel per CPU, so one sub-channel per CPU beyond
 * the first, no more than the host allows; then @cap.
 *
 * Context: Any context.
 * Return: the count, 0 when no sub-channel should be requested.
 */
u16 vstor_msg_sub_channel_count(u32 online_cpus, u16 host_max, u16 cap)
{
	u32 n = online_cpus ? online_cpus - 1 : 0;

	n = min_t(u32, n, host_max);
	if (cap)
		n = min_t(u32, n, cap);
	return n;
}
