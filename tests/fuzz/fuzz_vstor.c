// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the VSTOR guest-side parsers and the completion
 * mapping (lib/vstor_msg.c), fed packets a hostile host could send,
 * and the guest-side builders, fed requests built from the same bytes and
 * answered by a completion made of them by hand, as a host answers.
 *
 * Input layout:
 *   0      selector: bits 1:0 min_len (0, 48, 64, 12); bits 4:2 version
 *          index (vstor_msg_version(), 5..7 -> 0 = not agreed)
 *   1..4   transfer length of the request, little-endian
 *   5      opcode of the request
 *   6..    the packet: host input as is; its first 64 bytes (zero-padded)
 *          also say what the guest builds (operation, version, count,
 *          SCSI request fields)
 *   +64..  the host's answer to a built SCSI request: SRB status, SCSI
 *          status, sense length, divisor of the transfer length, then an
 *          optional little-endian transfer length that replaces it
 *
 * The harness abort()s when:
 *   - vstor_msg_parse_host() accepts a packet shorter than its minimum or
 *     the header, longer than 64 bytes, or with an operation a host does
 *     not send; or its copy differs from the input or is not zero-padded;
 *   - vstor_msg_parse_init_reply() accepts a packet shorter than the
 *     48-byte pre-win8 packet or longer than 64 bytes, or one that is not
 *     COMPLETE_IO, or copies it otherwise than vstor_msg_parse_host();
 *   - vstor_msg_parse_srb_completion() accepts more data than requested,
 *     an unknown or PENDING SRB code, sense data longer than its 20-byte
 *     field, or returns sense data without CHECK CONDITION and autosense;
 *   - vstor_msg_map_result() returns a residual above the request, an
 *     unknown action, more sense than it got, or a host byte outside the
 *     ones it documents;
 *   - a builder accepts bad arguments, refuses good ones with another
 *     errno, or builds bytes other than the ones derived here from its
 *     arguments (both layouts), or vstor_msg_parse_host() accepts a built
 *     request;
 *   - the completion of a built SCSI request does not parse back with the
 *     fields the host put in it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/vstor_msg.c"

#include "fuzz_util.h"

static const u32 fz_min_lens[] = { 0, 48, 64, 12 };

static bool fz_host_op(u32 op)
{
	return op == VSTOR_OP_COMPLETE_IO || op == VSTOR_OP_REMOVE_DEVICE ||
	       op == VSTOR_OP_ENUMERATE_BUS || op == VSTOR_OP_FC_HBA_DATA;
}

static void fz_check_copy(const u8 *data, size_t len, const void *out)
{
	const u8 *o = out;
	size_t i;

	FZ_CHECK(!memcmp(o, data, len));
	for (i = len; i < VSTOR_PKT_SIZE; i++)
		FZ_CHECK(o[i] == 0);
}

static void fz_completion(const struct vstor_pkt *pkt, u16 version,
			  u32 req, u8 opcode)
{
	struct vstor_srb_result res;
	struct vstor_verdict v;
	u8 host;
	int ret;

	ret = vstor_msg_parse_srb_completion(pkt, version, opcode, req, &res);
	FZ_CHECK(ret == 0 || ret == -EBADRQC || ret == -ERANGE ||
		 ret == -EMSGSIZE);
	if (ret)
		return;
	FZ_CHECK(le32_to_cpu(pkt->operation) == VSTOR_OP_COMPLETE_IO);
	FZ_CHECK(res.xfer_len <= req);
	FZ_CHECK(VSTOR_SRB_CODE(res.srb_status) != VSTOR_SRB_PENDING);
	FZ_CHECK(res.sense_len <= VSTOR_SENSE_SIZE);
	if (res.sense_len)
		FZ_CHECK(res.scsi_status == VSTOR_SAM_CHECK_CONDITION &&
			 (res.srb_status & VSTOR_SRB_AUTOSENSE_VALID));

	vstor_msg_map_result(&res, opcode, req, &v);
	FZ_CHECK(v.resid <= req);
	FZ_CHECK(v.action <= VSTOR_ACTION_REMOVE_LUN);
	FZ_CHECK(v.sense_len <= res.sense_len);
	host = (v.result >> 16) & 0xff;
	FZ_CHECK(host == VSTOR_HOST_OK || host == VSTOR_HOST_NO_CONNECT ||
		 host == VSTOR_HOST_BUS_BUSY || host == VSTOR_HOST_BAD_TARGET ||
		 host == VSTOR_HOST_ERROR || host == VSTOR_HOST_REQUEUE);
	FZ_CHECK((v.result & 0xff00ff00) == 0);
	if (v.action == VSTOR_ACTION_REMOVE_LUN)
		FZ_CHECK(host == VSTOR_HOST_NO_CONNECT);
	if (v.action == VSTOR_ACTION_RESCAN)
		FZ_CHECK(host == VSTOR_HOST_REQUEUE);
}

static bool fz_version_known(u16 version)
{
	return version == VSTOR_VERSION_2_0 || version == VSTOR_VERSION_4_2 ||
	       version == VSTOR_VERSION_5_1 || version == VSTOR_VERSION_6_0 ||
	       version == VSTOR_VERSION_6_2;
}

static bool fz_simple_op(u32 op)
{
	return op == VSTOR_OP_BEGIN_INIT || op == VSTOR_OP_END_INIT ||
	       op == VSTOR_OP_QUERY_PROPERTIES || op == VSTOR_OP_RESET_LUN ||
	       op == VSTOR_OP_RESET_ADAPTER || op == VSTOR_OP_RESET_BUS;
}

/* The guest half never takes one of its own requests for host input. */
static void fz_check_request(const struct vstor_pkt *pkt, int len)
{
	struct vstor_pkt got;

	FZ_CHECK(le32_to_cpu(pkt->flags) == VSTOR_PKT_FLAG_COMPLETION);
	FZ_CHECK(pkt->status == 0);
	FZ_CHECK(vstor_msg_parse_host(pkt, len, 0, &got) == -EPROTONOSUPPORT);
}

/*
 * Answer the built request @req (@len bytes) as a host does: the request
 * echoed with operation COMPLETE_IO, NT success, and the SRB status, SCSI
 * status, transfer length and sense data from @tail. The guest half must
 * read back what was put in, or refuse it for a documented reason.
 */
static void fz_srb_reply(const struct vstor_pkt *req, int len, u16 version,
			 const u8 *tail, size_t tail_len)
{
	u32 want = le32_to_cpu(req->srb.xfer_len);
	u8 opcode = req->srb.cdb[0];
	struct vstor_pkt reply, got;
	struct vstor_srb_result back;
	bool autosense, write_same;
	u8 sense_len;
	u32 xfer;
	int ret;

	reply = *req;
	reply.operation = cpu_to_le32(VSTOR_OP_COMPLETE_IO);
	reply.flags = 0;
	reply.status = cpu_to_le32(VSTOR_NT_SUCCESS);
	reply.srb.srb_status = tail_len > 0 ? tail[0] : VSTOR_SRB_SUCCESS;
	reply.srb.scsi_status = tail_len > 1 ? tail[1] : VSTOR_SAM_GOOD;
	sense_len = tail_len > 2 ? tail[2] : 0;
	xfer = tail_len > 3 ? want / (tail[3] | 1) : want;
	if (tail_len > 7)
		xfer = tail[4] | tail[5] << 8 | tail[6] << 16 |
		       (u32)tail[7] << 24;
	reply.srb.xfer_len = cpu_to_le32(xfer);
	reply.srb.sense_len = sense_len;
	memset(reply.srb.sense, 0, sizeof(reply.srb.sense));
	memset(reply.srb.sense, 0x5a,
	       sense_len < VSTOR_SENSE_SIZE ? sense_len : VSTOR_SENSE_SIZE);

	FZ_CHECK(vstor_msg_parse_host(&reply, len, len, &got) == 0);
	fz_check_copy((const u8 *)&reply, len, &got);
	ret = vstor_msg_parse_srb_completion(&got, version, opcode, want,
					     &back);
	FZ_CHECK(ret == 0 || ret == -ERANGE || ret == -EMSGSIZE);

	autosense = reply.srb.scsi_status == VSTOR_SAM_CHECK_CONDITION &&
		    (reply.srb.srb_status & VSTOR_SRB_AUTOSENSE_VALID);
	write_same = opcode == 0x41 || opcode == 0x93;
	if (ret == -EMSGSIZE)
		FZ_CHECK(autosense && sense_len > VSTOR_SENSE_SIZE);
	/* A plain success the request allows is always accepted. */
	if (reply.srb.srb_status == VSTOR_SRB_SUCCESS &&
	    reply.srb.scsi_status == VSTOR_SAM_GOOD && xfer <= want)
		FZ_CHECK(ret == 0);
	if (ret)
		return;
	FZ_CHECK(xfer <= want || write_same);
	FZ_CHECK(back.srb_status == reply.srb.srb_status);
	FZ_CHECK(back.scsi_status == reply.srb.scsi_status);
	FZ_CHECK(back.xfer_len == (xfer < want ? xfer : want));
	if (autosense) {
		FZ_CHECK(back.sense_len == sense_len);
		FZ_CHECK(!memcmp(back.sense, reply.srb.sense, sense_len));
	} else {
		FZ_CHECK(back.sense_len == 0);
	}
	fz_completion(&got, version, want, opcode);
}

/* EXECUTE_SRB from the SCSI request fields of @in. */
static void fz_build_srb(const struct vstor_pkt *in, u16 version,
			 const u8 *tail, size_t tail_len)
{
	const struct vstor_scsi_req *s = &in->srb;
	struct vstor_srb_desc d;
	struct vstor_pkt pkt;
	bool pre, no_dir, no_data;
	u32 flags;
	int ret, i;

	memset(&d, 0, sizeof(d));
	d.port = s->port;
	d.path_id = s->path_id;
	d.target_id = s->target_id;
	d.lun = s->lun;
	d.cdb_len = s->cdb_length;
	d.data_dir = s->data_dir;
	d.xfer_len = le32_to_cpu(s->xfer_len);
	d.timeout_sec = le32_to_cpu(s->timeout_sec);
	d.srb_flags = le32_to_cpu(s->srb_flags);
	d.tagged = s->queue_action & 1;
	memcpy(d.cdb, s->cdb, sizeof(d.cdb));

	memset(&pkt, 0xa5, sizeof(pkt));
	ret = vstor_msg_build_srb(&pkt, version, &d);
	if (!fz_version_known(version)) {
		FZ_CHECK(ret == -EPROTONOSUPPORT);
		return;
	}
	/* Data goes with a read or a write, none without. */
	no_dir = d.data_dir == VSTOR_DIR_NONE;
	no_data = !d.xfer_len;
	if (!d.cdb_len || d.cdb_len > VSTOR_CDB_MAX ||
	    d.data_dir > VSTOR_DIR_NONE || no_dir != no_data) {
		FZ_CHECK(ret == -EINVAL);
		return;
	}
	pre = version < VSTOR_VERSION_5_1;
	FZ_CHECK(ret == (pre ? VSTOR_PKT_SIZE_PRE_WIN8 : VSTOR_PKT_SIZE));
	FZ_CHECK(le32_to_cpu(pkt.operation) == VSTOR_OP_EXECUTE_SRB);
	fz_check_request(&pkt, ret);
	FZ_CHECK(le16_to_cpu(pkt.srb.length) ==
		 (pre ? VSTOR_SRB_SIZE_PRE_WIN8 : VSTOR_SRB_SIZE));
	FZ_CHECK(pkt.srb.srb_status == 0 && pkt.srb.scsi_status == 0);
	FZ_CHECK(pkt.srb.port == d.port && pkt.srb.path_id == d.path_id &&
		 pkt.srb.target_id == d.target_id && pkt.srb.lun == d.lun);
	FZ_CHECK(pkt.srb.cdb_length == d.cdb_len);
	FZ_CHECK(pkt.srb.sense_len ==
		 (pre ? VSTOR_SENSE_SIZE_PRE_WIN8 : VSTOR_SENSE_SIZE));
	FZ_CHECK(pkt.srb.data_dir == d.data_dir && pkt.srb.reserved == 0);
	FZ_CHECK(le32_to_cpu(pkt.srb.xfer_len) == d.xfer_len);
	FZ_CHECK(!memcmp(pkt.srb.cdb, d.cdb, d.cdb_len));
	for (i = d.cdb_len; i < VSTOR_CDB_MAX; i++)
		FZ_CHECK(pkt.srb.cdb[i] == 0);
	if (pre) {
		/* The win8 extension stays zero. */
		for (i = VSTOR_PKT_SIZE_PRE_WIN8; i < VSTOR_PKT_SIZE; i++)
			FZ_CHECK(((const u8 *)&pkt)[i] == 0);
	} else {
		flags = d.srb_flags | VSTOR_SRB_FLAG_DISABLE_SYNC_XFER;
		if (d.data_dir == VSTOR_DIR_READ)
			flags |= VSTOR_SRB_FLAG_DATA_IN;
		if (d.data_dir == VSTOR_DIR_WRITE)
			flags |= VSTOR_SRB_FLAG_DATA_OUT;
		if (d.tagged)
			flags |= VSTOR_SRB_FLAG_QUEUE_ACTION_ENABLE;
		FZ_CHECK(le32_to_cpu(pkt.srb.srb_flags) == flags);
		FZ_CHECK(le32_to_cpu(pkt.srb.timeout_sec) == d.timeout_sec);
		FZ_CHECK(pkt.srb.queue_tag ==
			 (d.tagged ? VSTOR_QUEUE_TAG_UNTAGGED : 0));
		FZ_CHECK(pkt.srb.queue_action ==
			 (d.tagged ? VSTOR_QUEUE_ACTION_SIMPLE : 0));
		FZ_CHECK(pkt.srb.reserved2 == 0 && pkt.srb.sort_key == 0);
	}
	fz_srb_reply(&pkt, ret, version, tail, tail_len);
}

/* Build the request @in names and check it byte for byte. */
static void fz_build(const struct vstor_pkt *in, u16 version,
		     const u8 *tail, size_t tail_len)
{
	u32 op = le32_to_cpu(in->operation);
	struct vstor_pkt pkt, want;
	u16 arg;
	int ret;

	memset(&want, 0, sizeof(want));
	want.operation = cpu_to_le32(op);
	want.flags = cpu_to_le32(VSTOR_PKT_FLAG_COMPLETION);
	memset(&pkt, 0xa5, sizeof(pkt));
	switch (op) {
	case VSTOR_OP_EXECUTE_SRB:
		fz_build_srb(in, version, tail, tail_len);
		return;
	case VSTOR_OP_QUERY_VERSION:
		arg = le16_to_cpu(in->version.major_minor);
		ret = vstor_msg_build_query_version(&pkt, arg);
		if (!fz_version_known(arg)) {
			FZ_CHECK(ret == -EPROTONOSUPPORT);
			return;
		}
		want.version.major_minor = cpu_to_le16(arg);
		break;
	case VSTOR_OP_CREATE_SUB_CHANNELS:
		arg = le16_to_cpu(in->sub_channel_count);
		ret = vstor_msg_build_sub_channels(&pkt, arg);
		if (!arg) {
			FZ_CHECK(ret == -EINVAL);
			return;
		}
		want.sub_channel_count = cpu_to_le16(arg);
		break;
	default:
		ret = vstor_msg_build_simple(&pkt, op);
		if (!fz_simple_op(op)) {
			FZ_CHECK(ret == -EINVAL);
			return;
		}
		break;
	}
	/* Init packets are always full size, whatever the version. */
	FZ_CHECK(ret == VSTOR_PKT_SIZE);
	FZ_CHECK(!memcmp(&pkt, &want, sizeof(pkt)));
	fz_check_request(&pkt, ret);
}

int fuzz_one_input(const u8 *data, size_t size)
{
	struct vstor_pkt out, in;
	u32 min_len, req;
	u16 version;
	u8 opcode;
	size_t len;
	int ret;

	if (size < 6)
		return 0;
	min_len = fz_min_lens[data[0] & 3];
	version = vstor_msg_version((data[0] >> 2) & 7);
	req = data[1] | data[2] << 8 | data[3] << 16 | (u32)data[4] << 24;
	opcode = data[5];
	data += 6;
	size -= 6;

	ret = vstor_msg_parse_host(data, size, min_len, &out);
	FZ_CHECK(ret == 0 || ret == -EPROTO || ret == -EMSGSIZE ||
		 ret == -EBADRQC || ret == -EPROTONOSUPPORT);
	if (!ret) {
		FZ_CHECK(size >= VSTOR_PKT_HDR_SIZE && size >= min_len &&
			 size <= VSTOR_PKT_SIZE);
		FZ_CHECK(fz_host_op(le32_to_cpu(out.operation)));
		fz_check_copy(data, size, &out);
		fz_completion(&out, version, req, opcode);
	}
	ret = vstor_msg_parse_init_reply(data, size, &out);
	FZ_CHECK(ret == 0 || ret == -EPROTO || ret == -EMSGSIZE ||
		 ret == -EBADRQC || ret == -EPROTONOSUPPORT);
	if (!ret) {
		FZ_CHECK(size >= VSTOR_PKT_SIZE_PRE_WIN8 &&
			 size <= VSTOR_PKT_SIZE);
		FZ_CHECK(le32_to_cpu(out.operation) == VSTOR_OP_COMPLETE_IO);
		fz_check_copy(data, size, &out);
	}
	len = size < VSTOR_PKT_SIZE ? size : VSTOR_PKT_SIZE;
	memset(&in, 0, sizeof(in));
	memcpy(&in, data, len);
	fz_build(&in, version, data + len, size - len);
	return 0;
}
