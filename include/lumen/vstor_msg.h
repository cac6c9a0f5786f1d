/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VSTOR packet builders and parsers for the guest end of a storvsc
 * channel, and the mapping of a SCSI request's completion to a SCSI
 * midlayer result. Pure code (lib/vstor_msg.c): no locks, no
 * allocation, no logging, no global state. hv_storvsc uses it; KUnit and
 * the userspace tests and fuzzer compile private copies. hvsim's storage
 * host parses guest requests itself.
 */
#ifndef _LUMEN_VSTOR_MSG_H
#define _LUMEN_VSTOR_MSG_H

#include <linux/types.h>
#include <proto/vstor.h>

/**
 * DOC: VSTOR message helpers
 *
 * Sizes. A packet is %VSTOR_PKT_SIZE (64) bytes once version 5.1 or later
 * is agreed and %VSTOR_PKT_SIZE_PRE_WIN8 (48) bytes for 2.0 and 4.2
 * (vstor_msg_pkt_size()): the difference is the 16-byte win8 extension at
 * the end of the SCSI request. Init packets (sent before a version is agreed,
 * and the version query itself) are always built full size, as current
 * Linux does; hosts accept that. Their answers are accepted from
 * %VSTOR_PKT_SIZE_PRE_WIN8 bytes in every phase
 * (vstor_msg_parse_init_reply()): a pre-win8 host answers with its own
 * packet. Pass version 0 for "not agreed yet".
 *
 * The vstor_msg_build_*() helpers fill a caller-owned
 * &struct vstor_pkt (zeroing it first) and return the number of bytes to
 * send. vstor_msg_parse_host() copies a packet the host sent (already a
 * private copy made by the channel layer) into a zero-padded
 * &struct vstor_pkt after checking its length and operation; the caller
 * then routes it by transaction id: id 0 must be an unsolicited operation
 * (%VSTOR_OP_ENUMERATE_BUS, %VSTOR_OP_REMOVE_DEVICE, %VSTOR_OP_FC_HBA_DATA),
 * any other id a %VSTOR_OP_COMPLETE_IO. vstor_msg_parse_srb_completion()
 * checks an SRB completion against the request it answers and extracts a
 * &struct vstor_srb_result; vstor_msg_map_result() turns that into a
 * midlayer result and an action, as a pure function.
 *
 * Errnos (the same for every parser): -EPROTO a packet shorter than the
 * minimum for its phase; -EMSGSIZE longer than %VSTOR_PKT_SIZE, or sense
 * data longer than the room for it; -EBADRQC an unknown operation;
 * -EPROTONOSUPPORT a known operation in the wrong direction, or an
 * unsupported version; -ERANGE a field out of its bounds (unknown SRB
 * code, SRB status PENDING in a completion, unknown SCSI status,
 * data-transfer length larger than requested); -EINVAL a caller error in
 * a builder's arguments.
 */

/* Number of versions in the guest's list (vstor_msg_version()). */
#define VSTOR_MSG_NR_VERSIONS		5

/*
 * Host bytes of a SCSI midlayer result (bits 23:16 of scsi_cmnd.result).
 * The values are the kernel's DID_* codes; hv_storvsc static_asserts that.
 */
#define VSTOR_HOST_OK			0x00
#define VSTOR_HOST_NO_CONNECT		0x01
#define VSTOR_HOST_BUS_BUSY		0x02
#define VSTOR_HOST_TIME_OUT		0x03
#define VSTOR_HOST_BAD_TARGET		0x04
#define VSTOR_HOST_ABORT		0x05
#define VSTOR_HOST_ERROR		0x07
#define VSTOR_HOST_RESET		0x08
#define VSTOR_HOST_REQUEUE		0x0d

/* A midlayer result: host byte in bits 23:16, SCSI status in bits 7:0. */
#define VSTOR_RESULT(host, status)	((((u32)(host) & 0xff) << 16) | \
					 ((u32)(status) & 0xff))

/* SCSI status bytes the mapping looks at. */
#define VSTOR_SAM_GOOD			0x00
#define VSTOR_SAM_CHECK_CONDITION	0x02

/* &struct vstor_verdict.action: follow-up work for the driver. */
#define VSTOR_ACTION_NONE		0	/* nothing */
#define VSTOR_ACTION_RESCAN		1	/* rescan the LUN, then retry */
#define VSTOR_ACTION_REMOVE_LUN		2	/* the LUN is gone: remove it */

/**
 * struct vstor_srb_desc - what the guest asks for in one EXECUTE_SRB
 * @port: adapter number (Linux: SCSI host number; hosts ignore it).
 * @path_id: SCSI channel.
 * @target_id: SCSI target.
 * @lun: SCSI logical unit.
 * @cdb_len: bytes of @cdb to send, 1 .. %VSTOR_CDB_MAX.
 * @data_dir: %VSTOR_DIR_WRITE, %VSTOR_DIR_READ or %VSTOR_DIR_NONE.
 * @xfer_len: bytes to transfer; 0 with %VSTOR_DIR_NONE, otherwise the
 *	byte count of the packet's GPA range.
 * @timeout_sec: command timeout in seconds (win8 layout only).
 * @srb_flags: extra %VSTOR_SRB_FLAG_* bits; the builder adds the data
 *	direction flag and %VSTOR_SRB_FLAG_DISABLE_SYNC_XFER itself.
 * @tagged: the device supports tagged queueing: send tag
 *	%VSTOR_QUEUE_TAG_UNTAGGED with action %VSTOR_QUEUE_ACTION_SIMPLE and
 *	%VSTOR_SRB_FLAG_QUEUE_ACTION_ENABLE.
 * @cdb: the command descriptor block.
 */
struct vstor_srb_desc {
	u8 port;
	u8 path_id;
	u8 target_id;
	u8 lun;
	u8 cdb_len;
	u8 data_dir;
	u32 xfer_len;
	u32 timeout_sec;
	u32 srb_flags;
	bool tagged;
	u8 cdb[VSTOR_CDB_MAX];
};

/**
 * struct vstor_srb_result - a validated SRB completion
 * @srb_status: SRB status byte as sent (code plus flag bits).
 * @scsi_status: SCSI status byte.
 * @xfer_len: bytes the host says it moved; never above the request's.
 * @sense_len: bytes valid in @sense: non-zero only when @scsi_status is
 *	CHECK CONDITION and %VSTOR_SRB_AUTOSENSE_VALID is set.
 * @sense: sense data.
 */
struct vstor_srb_result {
	u8 srb_status;
	u8 scsi_status;
	u32 xfer_len;
	u8 sense_len;
	u8 sense[VSTOR_SENSE_SIZE];
};

/**
 * struct vstor_verdict - what the midlayer gets for one completion
 * @result: value for scsi_cmnd.result (VSTOR_RESULT() encoding).
 * @resid: residual byte count for scsi_set_resid().
 * @action: %VSTOR_ACTION_* follow-up work.
 * @sense_len: bytes of the result's sense data to copy to the command's
 *	sense buffer (0 when the mapping drops the sense).
 */
struct vstor_verdict {
	u32 result;
	u32 resid;
	u8 action;
	u8 sense_len;
};

u16 vstor_msg_version(unsigned int idx);
u32 vstor_msg_pkt_size(u16 version);

int vstor_msg_build_simple(struct vstor_pkt *pkt, u32 op);
int vstor_msg_build_query_version(struct vstor_pkt *pkt, u16 version);
int vstor_msg_build_sub_channels(struct vstor_pkt *pkt, u16 count);
int vstor_msg_build_srb(struct vstor_pkt *pkt, u16 version,
			const struct vstor_srb_desc *d);

int vstor_msg_parse_host(const void *buf, size_t len, u32 min_len,
			 struct vstor_pkt *out);
int vstor_msg_parse_init_reply(const void *buf, size_t len,
			       struct vstor_pkt *out);
int vstor_msg_parse_srb_completion(const struct vstor_pkt *reply,
				   u16 version, u8 opcode, u32 req_xfer_len,
				   struct vstor_srb_result *res);
void vstor_msg_map_result(const struct vstor_srb_result *res, u8 opcode,
			  u32 req_xfer_len, struct vstor_verdict *v);
u16 vstor_msg_sub_channel_count(u32 online_cpus, u16 host_max, u16 cap);

#endif /* _LUMEN_VSTOR_MSG_H */
