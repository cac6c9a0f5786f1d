/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IC: the Hyper-V integration-component ("utilities") protocols. Common
 * framing and version negotiation, then the bodies of the heartbeat,
 * shutdown, time sync, KVP, VSS and fcopy services. Wire layouts and
 * constants only.
 */
#ifndef _LUMEN_PROTO_IC_H
#define _LUMEN_PROTO_IC_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

/**
 * DOC: IC framing and version negotiation
 *
 * IC channels are offered in VMBus pipe mode. Each IC message is one
 * in-band VMBus packet whose payload starts with &struct ic_hdr (28
 * bytes: an 8-byte pipe header, then the 20-byte IC message header),
 * followed by the body of &ic_hdr.msg_size bytes at %IC_BODY_OFFSET.
 *
 * The host starts every exchange. The guest answers by editing the
 * received buffer in place (status, flags and, where the service says
 * so, the body) and sending the whole buffer back as an in-band packet
 * without a completion request, using the VMBus transaction id of the
 * packet it answers. Replies carry &ic_hdr.flags =
 * %IC_FLAGS_REPLY (%IC_FLAG_TRANSACTION | %IC_FLAG_RESPONSE) and a status
 * from %IC_STATUS_*.
 *
 * Negotiation: the first message on every IC channel is
 * %IC_MSG_NEGOTIATE with &struct ic_negotiate as body: F framework
 * versions followed by M message versions, each a &struct ic_ver.
 * The guest walks its own framework list (%IC_FW_VERSIONS) in preference
 * order and takes the first entry that appears exactly in the host's F
 * entries; then it does the same with its service's message list
 * (%IC_*_MSG_VERSIONS) against the host's M entries. It replies in the
 * same buffer with F = 1, M = 1, entry 0 = chosen framework version,
 * entry 1 = chosen message version and &ic_hdr.msg_size =
 * %IC_NEGOTIATE_REPLY_SIZE. If either walk finds nothing it replies with
 * F = M = 0 and the service stays unusable. Reject F or M above
 * %IC_NEGOTIATE_MAX_VERSIONS and version arrays that do not fit in the
 * received packet.
 *
 * Version constants (IC_VER()) pack major and minor into a u32 with the
 * major in the high half, so that they compare in version order. That is
 * not the wire image: on the wire a version is two __le16, major first
 * (&struct ic_ver).
 *
 * Bodies start at packet offset 28, so a 64-bit body field is only 4-byte
 * aligned in a receive buffer that is itself 8-byte aligned; use unaligned
 * accessors or copy the body out.
 *
 * Validate before use: drop packets shorter than %IC_HDR_SIZE, and check
 * the received length against the body size each service needs
 * (%IC_*_MIN_SIZE) before reading a body.
 */

/**
 * DOC: IC heartbeat
 *
 * The host sends %IC_MSG_HEARTBEAT every few seconds with a sequence
 * number in &struct ic_heartbeat. The guest adds one to
 * &ic_heartbeat.seq, sets status %IC_STATUS_OK and echoes the message.
 * Only the first %IC_HEARTBEAT_MIN_SIZE bytes of the body are required.
 */

/**
 * DOC: IC shutdown
 *
 * The host sends %IC_MSG_SHUTDOWN with &struct ic_shutdown. The guest
 * answers %IC_STATUS_OK and then powers off, reboots
 * (%IC_SHUTDOWN_RESTART) or hibernates (%IC_SHUTDOWN_HIBERNATE);
 * %IC_SHUTDOWN_FORCE may be ORed into any of them. It answers
 * %IC_STATUS_FAIL for a flag combination it does not know or cannot do
 * (hibernation not available). The reply is sent before the action
 * starts.
 */

/**
 * DOC: IC time sync
 *
 * The host sends %IC_MSG_TIMESYNC messages; the guest echoes every one of
 * them with %IC_FLAGS_REPLY. Times are in 100 ns units since 1601-01-01
 * UTC without leap seconds; subtract %IC_TS_EPOCH_DELTA to get 100 ns
 * units since the Unix epoch.
 *
 * Before message version 4.0 the body is &struct ic_timesync; from 4.0 on
 * it is &struct ic_timesync4, whose &ic_timesync4.ref_time is the
 * partition reference counter (100 ns) at the moment the host read its
 * clock, so that host time now = &ic_timesync4.parent_time + (reference
 * counter now - &ic_timesync4.ref_time).
 *
 * %IC_TS_FLAG_SYNC asks the guest to step its clock (sent first after
 * boot or restore); %IC_TS_FLAG_SAMPLE is a periodic sample the guest may
 * use to discipline its clock.
 */

/**
 * DOC: IC KVP exchange
 *
 * The host sends %IC_MSG_KVP messages, one at a time (the host never has
 * two outstanding). The body starts with &struct ic_kvp_hdr (operation
 * from %IC_KVP_OP_*, pool from %IC_KVP_POOL_*). The operation body
 * starts at body offset %IC_KVP_BODY_OFFSET (4) for GET, SET, DELETE and
 * ENUMERATE (&struct ic_kvp_msg) and at %IC_KVP_IP_BODY_OFFSET (2) for
 * GET_IP_INFO and SET_IP_INFO (&struct ic_kvp_ip_msg). The IP messages
 * make IC packets larger than 4 KiB, so the KVP channel's receive buffer
 * must be bigger than that.
 *
 * - GET: the host names a key; the guest fills the value and sizes.
 * - SET: the host stores a key/value pair in the named pool.
 * - DELETE: the host removes a key from the pool.
 * - ENUMERATE: the host asks for index 0, 1, 2, ... of the pool; the
 *   guest fills key and value for each index, and answers
 *   %IC_STATUS_NO_MORE_ITEMS (or %IC_STATUS_FAIL) for the first index past
 *   the end, which ends the walk. For the auto pool the host expects, by
 *   index: FullyQualifiedDomainName, IntegrationServicesVersion,
 *   NetworkAddressIPv4, NetworkAddressIPv6, OSBuildNumber, OSName,
 *   OSMajorVersion, OSMinorVersion, OSVersion, ProcessorArchitecture.
 * - GET_IP_INFO / SET_IP_INFO: read or inject the IP configuration of
 *   the adapter named in &ic_kvp_ip_info.adapter_id.
 *
 * Keys and string values are UTF-16LE with a terminating NUL that is
 * counted in the size fields.
 */

/**
 * DOC: IC VSS
 *
 * The host sends %IC_MSG_VSS with &struct ic_vss (operation from
 * %IC_VSS_OP_*). For %IC_VSS_OP_CHECK_HOT_BACKUP the guest writes its
 * capability flags (%IC_VSS_HBU_NO_AUTO_RECOVERY) into &ic_vss.flags;
 * for %IC_VSS_OP_FREEZE and %IC_VSS_OP_THAW it quiesces or resumes the
 * file systems and answers with the outcome in the status. FREEZE
 * messages may be about 6.3 KB (extra LUN data after &struct ic_vss) and
 * AUTO_RECOVER up to about 12.5 KB, so size the receive buffer for that
 * (%IC_MAX_MSG_SIZE). Linux offers VSS only on VMBus 3.0 and later.
 */

/**
 * DOC: IC fcopy
 *
 * The host copies a file into the guest with %IC_MSG_FCOPY messages:
 * %IC_FCOPY_OP_START (&struct ic_fcopy_start: name, path, flags, size),
 * then %IC_FCOPY_OP_WRITE chunks (&struct ic_fcopy_write, at most
 * %IC_FCOPY_CHUNK_SIZE bytes each), then %IC_FCOPY_OP_COMPLETE, or
 * %IC_FCOPY_OP_CANCEL to abandon the copy. Each message is answered with
 * a status. Newer Linux serves this channel from a user-space daemon.
 */

/* Pipe header packet type (&ic_pipe_hdr.type). */
#define IC_PIPE_TYPE_DATA	1

/* Sizes and limits. */
#define IC_PIPE_HDR_SIZE		8
#define IC_HDR_SIZE			28	/* pipe + IC header */
#define IC_BODY_OFFSET			IC_HDR_SIZE
#define IC_NEGOTIATE_MAX_VERSIONS	100	/* per list (F or M) */
#define IC_NEGOTIATE_REPLY_SIZE		16	/* body: counts + 2 versions */
#define IC_MAX_MSG_SIZE			13312	/* largest message (OpenVMM) */

/* Message types (&ic_hdr.msg_type). */
#define IC_MSG_NEGOTIATE	0
#define IC_MSG_HEARTBEAT	1
#define IC_MSG_KVP		2
#define IC_MSG_SHUTDOWN		3
#define IC_MSG_TIMESYNC		4
#define IC_MSG_VSS		5
#define IC_MSG_RDV		6
#define IC_MSG_FCOPY		7	/* OpenVMM: "guest interface" */
#define IC_MSG_VM_SESSION	8

/* Header flags (&ic_hdr.flags). */
#define IC_FLAG_TRANSACTION	0x01
#define IC_FLAG_REQUEST		0x02
#define IC_FLAG_RESPONSE	0x04
#define IC_FLAGS_REPLY		0x05	/* TRANSACTION | RESPONSE */

/* Status codes (&ic_hdr.status). */
#define IC_STATUS_OK			0x00000000
#define IC_STATUS_FAIL			0x80004005
#define IC_STATUS_NO_MORE_ITEMS		0x80070103	/* KVP enumerate end */
#define IC_STATUS_NOT_SUPPORTED		0x80070032
#define IC_STATUS_MACHINE_LOCKED	0x800704f7
#define IC_STATUS_DEVICE_NOT_CONNECTED	0x8007048f
#define IC_STATUS_INVALID_ARG		0x80070057
#define IC_STATUS_GUID_NOT_FOUND	0x80041002
#define IC_STATUS_ALREADY_EXISTS	0x80070050
#define IC_STATUS_DISK_FULL		0x80070070

/*
 * Version constants: major in the high 16 bits, minor in the low 16, so
 * they compare in version order. Not the wire image (see &struct ic_ver).
 */
#define IC_VER(major, minor)	((((u32)(major) & 0xffff) << 16) | \
				 ((u32)(minor) & 0xffff))
#define IC_VER_MAJOR(v)		(((v) >> 16) & 0xffff)
#define IC_VER_MINOR(v)		((v) & 0xffff)

/* Framework versions. */
#define IC_FW_VER_1_0		IC_VER(1, 0)	/* WS2008 */
#define IC_FW_VER_3_0		IC_VER(3, 0)

/* Heartbeat message versions. */
#define IC_HB_VER_1_0		IC_VER(1, 0)
#define IC_HB_VER_3_0		IC_VER(3, 0)

/* Shutdown message versions. */
#define IC_SD_VER_1_0		IC_VER(1, 0)
#define IC_SD_VER_3_0		IC_VER(3, 0)
#define IC_SD_VER_3_1		IC_VER(3, 1)
#define IC_SD_VER_3_2		IC_VER(3, 2)

/* Time sync message versions; 4.0 changes the body layout. */
#define IC_TS_VER_1_0		IC_VER(1, 0)
#define IC_TS_VER_3_0		IC_VER(3, 0)
#define IC_TS_VER_4_0		IC_VER(4, 0)

/* KVP message versions. */
#define IC_KVP_VER_1_0		IC_VER(1, 0)	/* WS2008 */
#define IC_KVP_VER_3_0		IC_VER(3, 0)	/* WS2008 R2 */
#define IC_KVP_VER_4_0		IC_VER(4, 0)	/* WS2012 */
#define IC_KVP_VER_5_0		IC_VER(5, 0)	/* defined by OpenVMM */

/* VSS message versions. */
#define IC_VSS_VER_4_0		IC_VER(4, 0)	/* defined by OpenVMM */
#define IC_VSS_VER_5_0		IC_VER(5, 0)
#define IC_VSS_VER_6_0		IC_VER(6, 0)	/* defined by OpenVMM */
#define IC_VSS_VER_7_0		IC_VER(7, 0)	/* defined by OpenVMM */

/* fcopy message versions. */
#define IC_FCOPY_VER_1_1	IC_VER(1, 1)

/*
 * Guest preference lists (best first), as initialisers for a u32 array,
 * with their lengths. The framework list holds for heartbeat, shutdown,
 * time sync and KVP; VSS and fcopy offer framework 3.0 only.
 */
#define IC_FW_VERSIONS		{ IC_FW_VER_3_0, IC_FW_VER_1_0 }
#define IC_FW_VERSION_COUNT	2
#define IC_FW_VERSIONS_V3_ONLY	{ IC_FW_VER_3_0 }
#define IC_FW_VERSION_V3_ONLY_COUNT	1
#define IC_HB_MSG_VERSIONS	{ IC_HB_VER_3_0, IC_HB_VER_1_0 }
#define IC_HB_MSG_VERSION_COUNT	2
#define IC_SD_MSG_VERSIONS	{ IC_SD_VER_3_2, IC_SD_VER_3_1, \
				  IC_SD_VER_3_0, IC_SD_VER_1_0 }
#define IC_SD_MSG_VERSION_COUNT	4
#define IC_TS_MSG_VERSIONS	{ IC_TS_VER_4_0, IC_TS_VER_3_0, IC_TS_VER_1_0 }
#define IC_TS_MSG_VERSION_COUNT	3
#define IC_KVP_MSG_VERSIONS	{ IC_KVP_VER_4_0, IC_KVP_VER_3_0, \
				  IC_KVP_VER_1_0 }
#define IC_KVP_MSG_VERSION_COUNT	3
#define IC_VSS_MSG_VERSIONS	{ IC_VSS_VER_5_0 }
#define IC_VSS_MSG_VERSION_COUNT	1
#define IC_FCOPY_MSG_VERSIONS	{ IC_FCOPY_VER_1_1 }
#define IC_FCOPY_MSG_VERSION_COUNT	1

/**
 * struct ic_ver - one version on the wire
 * @major: major version.
 * @minor: minor version.
 *
 * Direction: both (in &struct ic_hdr and in negotiation lists).
 */
struct ic_ver {
	__le16 major;
	__le16 minor;
};

static_assert(sizeof(struct ic_ver) == 4);
static_assert(offsetof(struct ic_ver, major) == 0);
static_assert(offsetof(struct ic_ver, minor) == 2);

/**
 * struct ic_pipe_hdr - VMBus pipe-mode header in front of each IC message
 * @type: pipe packet type, %IC_PIPE_TYPE_DATA.
 * @size: size of the data that follows the pipe header. Linux neither
 *	checks nor changes it.
 *
 * Direction: both.
 */
struct ic_pipe_hdr {
	__le32 type;
	__le32 size;
};

static_assert(sizeof(struct ic_pipe_hdr) == IC_PIPE_HDR_SIZE);
static_assert(offsetof(struct ic_pipe_hdr, type) == 0);
static_assert(offsetof(struct ic_pipe_hdr, size) == 4);

/**
 * struct ic_hdr - start of every IC packet payload
 * @pipe: pipe header.
 * @fw_ver: framework version in use (during negotiation: as the host
 *	sends it).
 * @msg_type: one of %IC_MSG_*.
 * @msg_ver: message version in use for this service.
 * @msg_size: size of the body that follows, in bytes.
 * @status: reply status, one of %IC_STATUS_*.
 * @trans_id: IC transaction id; echoed unchanged.
 * @flags: %IC_FLAG_* bits; replies use %IC_FLAGS_REPLY.
 * @reserved: reserved.
 *
 * Direction: both. Offsets are from the start of the VMBus packet
 * payload; the body starts at %IC_BODY_OFFSET.
 */
struct ic_hdr {
	struct ic_pipe_hdr pipe;
	struct ic_ver fw_ver;
	__le16 msg_type;
	struct ic_ver msg_ver;
	__le16 msg_size;
	__le32 status;
	u8 trans_id;
	u8 flags;
	u8 reserved[2];
};

static_assert(sizeof(struct ic_hdr) == IC_HDR_SIZE);
static_assert(offsetof(struct ic_hdr, pipe) == 0);
static_assert(offsetof(struct ic_hdr, fw_ver) == 8);
static_assert(offsetof(struct ic_hdr, msg_type) == 12);
static_assert(offsetof(struct ic_hdr, msg_ver) == 14);
static_assert(offsetof(struct ic_hdr, msg_size) == 18);
static_assert(offsetof(struct ic_hdr, status) == 20);
static_assert(offsetof(struct ic_hdr, trans_id) == 24);
static_assert(offsetof(struct ic_hdr, flags) == 25);
static_assert(offsetof(struct ic_hdr, reserved) == 26);

/**
 * struct ic_negotiate - body of %IC_MSG_NEGOTIATE
 * @fw_count: number of framework versions in @versions (F).
 * @msg_count: number of message versions in @versions (M).
 * @reserved: reserved.
 * @versions: F framework versions, then M message versions.
 *
 * Direction: host to guest with the host's lists; guest to host with
 * F = M = 1 and the chosen pair (or F = M = 0).
 */
struct ic_negotiate {
	__le16 fw_count;
	__le16 msg_count;
	__le32 reserved;
	struct ic_ver versions[];
};

static_assert(sizeof(struct ic_negotiate) == 8);
static_assert(offsetof(struct ic_negotiate, fw_count) == 0);
static_assert(offsetof(struct ic_negotiate, msg_count) == 2);
static_assert(offsetof(struct ic_negotiate, reserved) == 4);
static_assert(offsetof(struct ic_negotiate, versions) == 8);
static_assert(IC_NEGOTIATE_REPLY_SIZE ==
	      sizeof(struct ic_negotiate) + 2 * sizeof(struct ic_ver));

/* Heartbeat application state (&ic_heartbeat.app_state). */
#define IC_HB_STATE_UNKNOWN	0
#define IC_HB_STATE_HEALTHY	1
#define IC_HB_STATE_CRITICAL	2
#define IC_HB_STATE_STOPPED	3

#define IC_HEARTBEAT_MIN_SIZE	8	/* the sequence number */

/**
 * struct ic_heartbeat - body of %IC_MSG_HEARTBEAT
 * @seq: sequence number; the guest adds one before echoing.
 * @app_state: guest health, one of %IC_HB_STATE_* (not read by Linux).
 * @reserved: reserved.
 *
 * Direction: host to guest, echoed back by the guest. Hosts may send
 * only the first %IC_HEARTBEAT_MIN_SIZE bytes filled (Linux declares 32
 * reserved bytes after @seq and never reads them).
 */
struct ic_heartbeat {
	__le64 seq;
	__le32 app_state;
	u8 reserved[4];
};

static_assert(sizeof(struct ic_heartbeat) == 16);
static_assert(offsetof(struct ic_heartbeat, seq) == 0);
static_assert(offsetof(struct ic_heartbeat, app_state) == 8);
static_assert(offsetof(struct ic_heartbeat, reserved) == 12);

/* Shutdown flags (&ic_shutdown.flags). */
#define IC_SHUTDOWN_FORCE	0x00000001
#define IC_SHUTDOWN_RESTART	0x00000002
#define IC_SHUTDOWN_HIBERNATE	0x00000004

#define IC_SHUTDOWN_MSG_LEN	2048
#define IC_SHUTDOWN_MIN_SIZE	2060

/**
 * struct ic_shutdown - body of %IC_MSG_SHUTDOWN
 * @reason: shutdown reason code (Windows SHTDN_REASON_* values).
 * @timeout_sec: time the guest is given to finish, in seconds.
 * @flags: %IC_SHUTDOWN_* bits; zero means power off.
 * @message: display text for the request.
 *
 * Direction: host to guest; the guest answers with the status only.
 */
struct ic_shutdown {
	__le32 reason;
	__le32 timeout_sec;
	__le32 flags;
	u8 message[IC_SHUTDOWN_MSG_LEN];
};

static_assert(sizeof(struct ic_shutdown) == IC_SHUTDOWN_MIN_SIZE);
static_assert(offsetof(struct ic_shutdown, reason) == 0);
static_assert(offsetof(struct ic_shutdown, timeout_sec) == 4);
static_assert(offsetof(struct ic_shutdown, flags) == 8);
static_assert(offsetof(struct ic_shutdown, message) == 12);

/* Time sync flags (&ic_timesync.flags, &ic_timesync4.flags). */
#define IC_TS_FLAG_PROBE	0x00
#define IC_TS_FLAG_SYNC		0x01
#define IC_TS_FLAG_SAMPLE	0x02

/* 100 ns intervals from 1601-01-01 to 1970-01-01 (UTC). */
#define IC_TS_EPOCH_DELTA	116444736000000000ULL

/* Bytes a guest needs before reading each body (Linux's checks). */
#define IC_TIMESYNC_MIN_SIZE	25
#define IC_TIMESYNC4_MIN_SIZE	22

/**
 * struct ic_timesync - body of %IC_MSG_TIMESYNC before version 4.0
 * @parent_time: host UTC time, 100 ns units since 1601.
 * @child_time: unused.
 * @round_trip: round-trip time measured by the host.
 * @flags: %IC_TS_FLAG_* value.
 * @reserved: reserved; hosts need not send it (Linux needs only
 *	%IC_TIMESYNC_MIN_SIZE bytes).
 *
 * Direction: host to guest, echoed back by the guest.
 */
struct ic_timesync {
	__le64 parent_time;
	__le64 child_time;
	__le64 round_trip;
	u8 flags;
	u8 reserved[3];
} __packed;

static_assert(sizeof(struct ic_timesync) == 28);
static_assert(offsetof(struct ic_timesync, parent_time) == 0);
static_assert(offsetof(struct ic_timesync, child_time) == 8);
static_assert(offsetof(struct ic_timesync, round_trip) == 16);
static_assert(offsetof(struct ic_timesync, flags) == 24);
static_assert(offsetof(struct ic_timesync, reserved) == 25);
static_assert(offsetof(struct ic_timesync, reserved) ==
	      IC_TIMESYNC_MIN_SIZE);

/**
 * struct ic_timesync4 - body of %IC_MSG_TIMESYNC from version 4.0
 * @parent_time: host UTC time, 100 ns units since 1601.
 * @ref_time: the guest's partition reference counter (100 ns) when the
 *	host read @parent_time.
 * @flags: %IC_TS_FLAG_* value.
 * @leap: NTP leap indicator.
 * @stratum: NTP stratum of the host clock.
 * @reserved: reserved; Linux declares 3 bytes and needs only
 *	%IC_TIMESYNC4_MIN_SIZE bytes of body, OpenVMM declares 5.
 *
 * Direction: host to guest, echoed back by the guest.
 */
struct ic_timesync4 {
	__le64 parent_time;
	__le64 ref_time;
	u8 flags;
	u8 leap;
	u8 stratum;
	u8 reserved[5];
};

static_assert(sizeof(struct ic_timesync4) == 24);
static_assert(offsetof(struct ic_timesync4, parent_time) == 0);
static_assert(offsetof(struct ic_timesync4, ref_time) == 8);
static_assert(offsetof(struct ic_timesync4, flags) == 16);
static_assert(offsetof(struct ic_timesync4, leap) == 17);
static_assert(offsetof(struct ic_timesync4, stratum) == 18);
static_assert(offsetof(struct ic_timesync4, reserved) == 19);
static_assert(offsetof(struct ic_timesync4, reserved) + 3 ==
	      IC_TIMESYNC4_MIN_SIZE);

/* KVP operations (&ic_kvp_hdr.operation). */
#define IC_KVP_OP_GET		0
#define IC_KVP_OP_SET		1
#define IC_KVP_OP_DELETE	2
#define IC_KVP_OP_ENUMERATE	3
#define IC_KVP_OP_GET_IP_INFO	4
#define IC_KVP_OP_SET_IP_INFO	5

/* KVP pools (&ic_kvp_hdr.pool). */
#define IC_KVP_POOL_EXTERNAL		0	/* written by the host */
#define IC_KVP_POOL_GUEST		1	/* written by the guest */
#define IC_KVP_POOL_AUTO		2	/* guest intrinsic data */
#define IC_KVP_POOL_AUTO_EXTERNAL	3
#define IC_KVP_POOL_AUTO_INTERNAL	4	/* never on the wire */

/*
 * KVP value types (&ic_kvp_value.type): Windows registry types. Linux's
 * uapi calls 8 "REG_U64" although Windows' 64-bit type (REG_QWORD) is 11;
 * IC_KVP_TYPE_U64_LINUX names that value for interoperating with code
 * that follows Linux.
 */
#define IC_KVP_TYPE_STRING		1	/* REG_SZ, UTF-16LE */
#define IC_KVP_TYPE_EXPAND_STRING	2	/* REG_EXPAND_SZ */
#define IC_KVP_TYPE_U32			4	/* REG_DWORD */
#define IC_KVP_TYPE_U64_LINUX		8	/* Linux uapi REG_U64 */
#define IC_KVP_TYPE_U64			11	/* REG_QWORD */

/* KVP sizes, bytes including the UTF-16 NUL. */
#define IC_KVP_KEY_MAX		512
#define IC_KVP_VALUE_MAX	2048

/* Where the operation body starts inside the KVP body. */
#define IC_KVP_BODY_OFFSET	4
#define IC_KVP_IP_BODY_OFFSET	2

/**
 * struct ic_kvp_hdr - start of every %IC_MSG_KVP body
 * @operation: one of %IC_KVP_OP_*.
 * @pool: one of %IC_KVP_POOL_*.
 * @pad: padding before GET/SET/DELETE/ENUMERATE bodies; the IP-info
 *	bodies start here instead.
 *
 * Direction: host to guest, echoed back by the guest.
 */
struct ic_kvp_hdr {
	u8 operation;
	u8 pool;
	u8 pad[2];
};

static_assert(sizeof(struct ic_kvp_hdr) == IC_KVP_BODY_OFFSET);
static_assert(offsetof(struct ic_kvp_hdr, operation) == 0);
static_assert(offsetof(struct ic_kvp_hdr, pool) == 1);
static_assert(offsetof(struct ic_kvp_hdr, pad) == IC_KVP_IP_BODY_OFFSET);

/**
 * struct ic_kvp_value - a KVP value record
 * @type: one of %IC_KVP_TYPE_*.
 * @key_size: bytes used in @key, including the UTF-16 NUL.
 * @value_size: bytes used in @value (including the NUL for strings).
 * @key: key name, UTF-16LE.
 * @value: value: UTF-16LE string, or a little-endian u32/u64 at the
 *	start for the integer types.
 *
 * Direction: both; the body of GET and SET and part of ENUMERATE.
 * Check both sizes against the array sizes before use.
 */
struct ic_kvp_value {
	__le32 type;
	__le32 key_size;
	__le32 value_size;
	u8 key[IC_KVP_KEY_MAX];
	u8 value[IC_KVP_VALUE_MAX];
};

static_assert(sizeof(struct ic_kvp_value) == 2572);
static_assert(offsetof(struct ic_kvp_value, type) == 0);
static_assert(offsetof(struct ic_kvp_value, key_size) == 4);
static_assert(offsetof(struct ic_kvp_value, value_size) == 8);
static_assert(offsetof(struct ic_kvp_value, key) == 12);
static_assert(offsetof(struct ic_kvp_value, value) == 524);

/**
 * struct ic_kvp_delete - body of %IC_KVP_OP_DELETE
 * @key_size: bytes used in @key, including the UTF-16 NUL.
 * @key: key name, UTF-16LE.
 *
 * Direction: host to guest, echoed back by the guest.
 */
struct ic_kvp_delete {
	__le32 key_size;
	u8 key[IC_KVP_KEY_MAX];
};

static_assert(sizeof(struct ic_kvp_delete) == 516);
static_assert(offsetof(struct ic_kvp_delete, key_size) == 0);
static_assert(offsetof(struct ic_kvp_delete, key) == 4);

/**
 * struct ic_kvp_enumerate - body of %IC_KVP_OP_ENUMERATE
 * @index: position asked for, counting from 0.
 * @value: reply: key and value at @index.
 *
 * Direction: host to guest with @index; the guest fills @value.
 */
struct ic_kvp_enumerate {
	__le32 index;
	struct ic_kvp_value value;
};

static_assert(sizeof(struct ic_kvp_enumerate) == 2576);
static_assert(offsetof(struct ic_kvp_enumerate, index) == 0);
static_assert(offsetof(struct ic_kvp_enumerate, value) == 4);

/**
 * struct ic_kvp_msg - %IC_MSG_KVP body for GET, SET, DELETE, ENUMERATE
 * @hdr: operation and pool.
 * @get: %IC_KVP_OP_GET body.
 * @set: %IC_KVP_OP_SET body.
 * @del: %IC_KVP_OP_DELETE body.
 * @enumerate: %IC_KVP_OP_ENUMERATE body.
 *
 * Direction: host to guest, echoed back with the guest's answer. A host
 * message is only as long as its operation needs; check the received
 * length before touching a member.
 */
struct ic_kvp_msg {
	struct ic_kvp_hdr hdr;
	union {
		struct ic_kvp_value get;
		struct ic_kvp_value set;
		struct ic_kvp_delete del;
		struct ic_kvp_enumerate enumerate;
	};
};

static_assert(sizeof(struct ic_kvp_msg) == 2580);
static_assert(offsetof(struct ic_kvp_msg, hdr) == 0);
static_assert(offsetof(struct ic_kvp_msg, get) == IC_KVP_BODY_OFFSET);
static_assert(offsetof(struct ic_kvp_msg, set) == 4);
static_assert(offsetof(struct ic_kvp_msg, del) == 4);
static_assert(offsetof(struct ic_kvp_msg, enumerate) == 4);

/* IP info address families (&ic_kvp_ip_info.addr_family). */
#define IC_KVP_ADDR_NONE	0x00
#define IC_KVP_ADDR_IPV4	0x01
#define IC_KVP_ADDR_IPV6	0x02
#define IC_KVP_ADDR_BOTH	0x03	/* IPV4 | IPV6 */

/* IP info array lengths, in UTF-16 units. */
#define IC_KVP_ADAPTER_ID_LEN	128
#define IC_KVP_IP_LIST_LEN	1024
#define IC_KVP_GATEWAY_LIST_LEN	512

/**
 * struct ic_kvp_ip_info - IP configuration record
 * @adapter_id: adapter identifier (MAC address string), UTF-16LE.
 * @addr_family: one of %IC_KVP_ADDR_*.
 * @dhcp: non-zero when DHCP is enabled.
 * @addresses: IP addresses, UTF-16LE, separated by ';'.
 * @subnets: subnet masks or prefix lengths, UTF-16LE, separated by ';'.
 * @gateways: gateways, UTF-16LE, separated by ';'.
 * @dns: DNS servers, UTF-16LE, separated by ';'.
 *
 * Direction: both; guest to host for GET_IP_INFO replies, host to guest
 * for SET_IP_INFO.
 */
struct ic_kvp_ip_info {
	__le16 adapter_id[IC_KVP_ADAPTER_ID_LEN];
	u8 addr_family;
	u8 dhcp;
	__le16 addresses[IC_KVP_IP_LIST_LEN];
	__le16 subnets[IC_KVP_IP_LIST_LEN];
	__le16 gateways[IC_KVP_GATEWAY_LIST_LEN];
	__le16 dns[IC_KVP_IP_LIST_LEN];
};

static_assert(sizeof(struct ic_kvp_ip_info) == 7426);
static_assert(offsetof(struct ic_kvp_ip_info, adapter_id) == 0);
static_assert(offsetof(struct ic_kvp_ip_info, addr_family) == 256);
static_assert(offsetof(struct ic_kvp_ip_info, dhcp) == 257);
static_assert(offsetof(struct ic_kvp_ip_info, addresses) == 258);
static_assert(offsetof(struct ic_kvp_ip_info, subnets) == 2306);
static_assert(offsetof(struct ic_kvp_ip_info, gateways) == 4354);
static_assert(offsetof(struct ic_kvp_ip_info, dns) == 5378);

/**
 * struct ic_kvp_ip_msg - %IC_MSG_KVP body for GET_IP_INFO and SET_IP_INFO
 * @operation: %IC_KVP_OP_GET_IP_INFO or %IC_KVP_OP_SET_IP_INFO.
 * @pool: one of %IC_KVP_POOL_*.
 * @info: the IP configuration record, at body offset 2 (no padding).
 *
 * Direction: host to guest, echoed back with the guest's answer.
 */
struct ic_kvp_ip_msg {
	u8 operation;
	u8 pool;
	struct ic_kvp_ip_info info;
};

static_assert(sizeof(struct ic_kvp_ip_msg) == 7428);
static_assert(offsetof(struct ic_kvp_ip_msg, operation) == 0);
static_assert(offsetof(struct ic_kvp_ip_msg, pool) == 1);
static_assert(offsetof(struct ic_kvp_ip_msg, info) == IC_KVP_IP_BODY_OFFSET);

/* VSS operations (&ic_vss.operation). */
#define IC_VSS_OP_CREATE		0
#define IC_VSS_OP_DELETE		1
#define IC_VSS_OP_CHECK_HOT_BACKUP	2
#define IC_VSS_OP_GET_DM_INFO		3
#define IC_VSS_OP_BACKUP_COMPLETE	4	/* message version >= 4.0 */
#define IC_VSS_OP_FREEZE		5	/* message version >= 5.0 */
#define IC_VSS_OP_THAW			6	/* message version >= 5.0 */
#define IC_VSS_OP_AUTO_RECOVER		7	/* message version >= 5.0 */
#define IC_VSS_OP_QUERY_CLUSTER_INFO	8	/* >= 6.0 (OpenVMM) */

/* Reply flags for CHECK_HOT_BACKUP (&ic_vss.flags). */
#define IC_VSS_HBU_NO_AUTO_RECOVERY	0x00000005

#define IC_VSS_MIN_SIZE		12

/**
 * struct ic_vss - body of %IC_MSG_VSS
 * @operation: one of %IC_VSS_OP_*.
 * @reserved: reserved.
 * @flags: CHECK_HOT_BACKUP reply: %IC_VSS_HBU_* flags; GET_DM_INFO
 *	reply: device-info flags (Linux answers 0). Other operations carry
 *	operation data here and beyond.
 *
 * Direction: host to guest, echoed back by the guest with the reply
 * fields filled.
 */
struct ic_vss {
	u8 operation;
	u8 reserved[7];
	__le32 flags;
};

static_assert(sizeof(struct ic_vss) == IC_VSS_MIN_SIZE);
static_assert(offsetof(struct ic_vss, operation) == 0);
static_assert(offsetof(struct ic_vss, reserved) == 1);
static_assert(offsetof(struct ic_vss, flags) == 8);

/* fcopy operations (&ic_fcopy_hdr.operation). */
#define IC_FCOPY_OP_START	0
#define IC_FCOPY_OP_WRITE	1
#define IC_FCOPY_OP_COMPLETE	2
#define IC_FCOPY_OP_CANCEL	3

/* fcopy start flags (&ic_fcopy_start.flags). */
#define IC_FCOPY_OVERWRITE	0x00000001
#define IC_FCOPY_CREATE_PATH	0x00000002

#define IC_FCOPY_PATH_LEN	260	/* UTF-16 units */
#define IC_FCOPY_CHUNK_SIZE	6144	/* bytes per WRITE */

/**
 * struct ic_fcopy_hdr - start of every %IC_MSG_FCOPY body
 * @operation: one of %IC_FCOPY_OP_*.
 * @service_id0: unused.
 * @service_id1: unused.
 *
 * Direction: host to guest. COMPLETE and CANCEL have no more body.
 */
struct ic_fcopy_hdr {
	__le32 operation;
	u8 service_id0[16];
	u8 service_id1[16];
};

static_assert(sizeof(struct ic_fcopy_hdr) == 36);
static_assert(offsetof(struct ic_fcopy_hdr, operation) == 0);
static_assert(offsetof(struct ic_fcopy_hdr, service_id0) == 4);
static_assert(offsetof(struct ic_fcopy_hdr, service_id1) == 20);

/**
 * struct ic_fcopy_start - body of %IC_FCOPY_OP_START
 * @hdr: operation header.
 * @file_name: file name, UTF-16LE, NUL terminated.
 * @path: target directory, UTF-16LE, NUL terminated.
 * @flags: %IC_FCOPY_OVERWRITE and %IC_FCOPY_CREATE_PATH bits.
 * @file_size: size of the file in bytes.
 *
 * Direction: host to guest.
 */
struct ic_fcopy_start {
	struct ic_fcopy_hdr hdr;
	__le16 file_name[IC_FCOPY_PATH_LEN];
	__le16 path[IC_FCOPY_PATH_LEN];
	__le32 flags;
	__le64 file_size;
};

static_assert(sizeof(struct ic_fcopy_start) == 1088);
static_assert(offsetof(struct ic_fcopy_start, hdr) == 0);
static_assert(offsetof(struct ic_fcopy_start, file_name) == 36);
static_assert(offsetof(struct ic_fcopy_start, path) == 556);
static_assert(offsetof(struct ic_fcopy_start, flags) == 1076);
static_assert(offsetof(struct ic_fcopy_start, file_size) == 1080);

/**
 * struct ic_fcopy_write - body of %IC_FCOPY_OP_WRITE
 * @hdr: operation header.
 * @pad: padding.
 * @offset: file offset of this chunk.
 * @size: bytes used in @data, at most %IC_FCOPY_CHUNK_SIZE.
 * @data: chunk contents.
 *
 * Direction: host to guest. The 6196-byte size is not a multiple of 8,
 * hence __packed.
 */
struct ic_fcopy_write {
	struct ic_fcopy_hdr hdr;
	__le32 pad;
	__le64 offset;
	__le32 size;
	u8 data[IC_FCOPY_CHUNK_SIZE];
} __packed;

static_assert(sizeof(struct ic_fcopy_write) == 6196);
static_assert(offsetof(struct ic_fcopy_write, hdr) == 0);
static_assert(offsetof(struct ic_fcopy_write, pad) == 36);
static_assert(offsetof(struct ic_fcopy_write, offset) == 40);
static_assert(offsetof(struct ic_fcopy_write, size) == 48);
static_assert(offsetof(struct ic_fcopy_write, data) == 52);

#endif /* _LUMEN_PROTO_IC_H */
