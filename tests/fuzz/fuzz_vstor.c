// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the VSTOR parsers and the completion mapping
 * (hv_storvsc/vstor_msg.c), fed packets a hostile host (or guest) could
 * send.
 *
 * Input layout:
 *   0      selector: bits 1:0 min_len (0, 48, 64, 12); bits 4:2 version
 *          index (vstor_msg_version(), 5..7 -> 0 = not agreed)
 *   1..4   transfer length of the request, little-endian
 *   5      opcode of the request
 *   6..    the packet
 *
 * The harness abort()s when:
 *   - vstor_msg_parse_host() accepts a packet shorter than its minimum or
 *     the header, longer than 64 bytes, or with an operation a host does
 *     not send; or its copy differs from the input or is not zero-padded;
 *   - vstor_msg_parse_srb_completion() accepts more data than requested,
 *     an unknown or PENDING SRB code, sense data longer than its 20-byte
 *     field, or returns sense data without CHECK CONDITION and autosense;
 *   - vstor_msg_map_result() returns a residual above the request, an
 *     unknown action, more sense than it got, or a host byte outside the
 *     ones it documents;
 *   - vstor_msg_parse_guest() accepts a bad CDB length or direction, or a
 *     host-only operation;
 *   - a completion built by the host half for an accepted guest SRB does
 *     not parse back in the guest half with the same fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LUMEN_PURE_NO_EXPORT
#include "../../hv_storvsc/vstor_msg.c"

#define FZ_CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "vstor invariant: %s (line %d)\n", \
				#cond, __LINE__);			\
			abort();					\
		}							\
	} while (0)

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

static void fz_guest(const u8 *data, size_t len, u32 min_len, u16 version,
		     const u8 *tail, size_t tail_len)
{
	struct vstor_srb_result done, back;
	struct vstor_guest_req greq;
	struct vstor_pkt reply, got;
	u32 req;
	int ret, rlen;

	ret = vstor_msg_parse_guest(data, len, min_len, &greq);
	FZ_CHECK(ret == 0 || ret == -EPROTO || ret == -EMSGSIZE ||
		 ret == -EBADRQC || ret == -EPROTONOSUPPORT || ret == -ERANGE);
	if (ret)
		return;
	FZ_CHECK(len >= VSTOR_PKT_HDR_SIZE && len >= min_len &&
		 len <= VSTOR_PKT_SIZE);
	FZ_CHECK(!fz_host_op(greq.op) || greq.op == VSTOR_OP_FC_HBA_DATA);
	fz_check_copy(data, len, &greq.pkt);
	if (greq.op != VSTOR_OP_EXECUTE_SRB)
		return;
	FZ_CHECK(greq.pkt.srb.cdb_length >= 1 &&
		 greq.pkt.srb.cdb_length <= VSTOR_CDB_MAX);
	FZ_CHECK(greq.pkt.srb.data_dir <= VSTOR_DIR_NONE);

	/* The host answers it; the guest half must read the same back. */
	req = le32_to_cpu(greq.pkt.srb.xfer_len);
	memset(&done, 0, sizeof(done));
	done.srb_status = tail_len > 0 ? tail[0] : VSTOR_SRB_SUCCESS;
	done.scsi_status = tail_len > 1 ? tail[1] : 0;
	done.sense_len = tail_len > 2 ? tail[2] % (VSTOR_SENSE_SIZE + 1) : 0;
	done.xfer_len = tail_len > 3 ? req / (tail[3] | 1) : req;
	memset(done.sense, 0x5a, done.sense_len);
	rlen = vstor_msg_build_srb_completion(&reply, version, &greq.pkt,
					      &done);
	if (rlen == -EINVAL) {
		FZ_CHECK(done.sense_len > VSTOR_SENSE_SIZE);
		return;
	}
	FZ_CHECK(rlen == (int)vstor_msg_pkt_size(version));
	FZ_CHECK(vstor_msg_parse_host(&reply, rlen, rlen, &got) == 0);
	ret = vstor_msg_parse_srb_completion(&got, version,
					     greq.pkt.srb.cdb[0], req, &back);
	if (ret)
		return;	/* a status the host half may carry but not the guest */
	FZ_CHECK(back.srb_status == done.srb_status);
	FZ_CHECK(back.scsi_status == done.scsi_status);
	FZ_CHECK(back.xfer_len == done.xfer_len);
	if (back.sense_len)
		FZ_CHECK(back.sense_len == done.sense_len &&
			 !memcmp(back.sense, done.sense, done.sense_len));
}

int fuzz_one_input(const u8 *data, size_t size)
{
	struct vstor_pkt out;
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
	len = size < VSTOR_PKT_SIZE ? size : VSTOR_PKT_SIZE;
	fz_guest(data, size, min_len, version, data + len, size - len);
	return 0;
}
