/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IC (integration component) message framing, version negotiation and the
 * heartbeat, shutdown and time sync bodies: pure code (lib/ic_msg.c)
 * shared by hv_utils, hvsim, the KUnit suites and the userspace tests and
 * fuzzers. No locks, no allocation, no logging; the caller owns every
 * buffer. Wire layouts are in <proto/ic.h>.
 */
#ifndef _LUMEN_IC_MSG_H
#define _LUMEN_IC_MSG_H

#include <linux/types.h>
#include <proto/ic.h>

/**
 * DOC: IC message parsing
 *
 * Every function takes a private copy of the packet payload (the channel
 * API already copies packets out of the ring) and reads it with memcpy(),
 * so no alignment is assumed. Parsers check, in this order: the packet
 * length against the header, the body length against what the message
 * type needs, counts against the body length, then values. Errors:
 *
 * - %-EPROTO: malformed (truncated header or body, counts that overrun
 *   the message).
 * - %-EMSGSIZE: a packet longer than any IC message (%IC_MAX_MSG_SIZE
 *   body bytes), or a buffer too small for what a builder must write.
 * - %-EBADRQC: a message type the service does not handle.
 * - %-ERANGE: a value out of bounds (negotiation counts above
 *   %IC_NEGOTIATE_MAX_VERSIONS, shutdown flags the guest does not know, a
 *   time that cannot be converted).
 * - %-EPROTONOSUPPORT: no common version, or a message in the wrong
 *   direction (a reply where a request was expected or the reverse).
 *
 * The body length a parser gets is the number of bytes present in the
 * packet after %IC_HDR_SIZE, not &ic_hdr.msg_size: like Linux and
 * FreeBSD, the guest trusts the packet length and ignores a size field
 * that disagrees with it. &ic_msg_info.msg_size is reported for the host
 * side, which checks that replies are consistent.
 */

/* Longest IC packet payload: header plus the largest body. */
#define IC_MAX_PKT_SIZE		(IC_HDR_SIZE + IC_MAX_MSG_SIZE)

/**
 * struct ic_msg_info - the IC header of a packet, in CPU order
 * @fw_ver: framework version, IC_VER() packed.
 * @msg_ver: message version, IC_VER() packed.
 * @type: message type, one of %IC_MSG_*.
 * @msg_size: &ic_hdr.msg_size as sent.
 * @status: &ic_hdr.status, one of %IC_STATUS_*.
 * @trans_id: IC transaction id.
 * @flags: %IC_FLAG_* bits.
 * @body_len: body bytes: @msg_size, or what the packet holds after the
 *	headers if that is less (never the VMBus padding); never more than
 *	%IC_MAX_MSG_SIZE.
 */
struct ic_msg_info {
	u32 fw_ver;
	u32 msg_ver;
	u16 type;
	u16 msg_size;
	u32 status;
	u8 trans_id;
	u8 flags;
	u32 body_len;
};

/**
 * struct ic_negotiate_info - a parsed %IC_MSG_NEGOTIATE body
 * @fw_count: framework versions in the list (F), at most
 *	%IC_NEGOTIATE_MAX_VERSIONS.
 * @msg_count: message versions in the list (M), likewise.
 * @versions: the F + M wire entries, inside the parsed body (not
 *	aligned); read them with ic_negotiate_version().
 */
struct ic_negotiate_info {
	u16 fw_count;
	u16 msg_count;
	const void *versions;
};

/**
 * enum ic_shutdown_action - what a shutdown request asks for
 * @IC_SHUTDOWN_ACT_POWEROFF: power off (flags 0, or %IC_SHUTDOWN_FORCE).
 * @IC_SHUTDOWN_ACT_REBOOT: reboot (%IC_SHUTDOWN_RESTART).
 * @IC_SHUTDOWN_ACT_HIBERNATE: hibernate (%IC_SHUTDOWN_HIBERNATE).
 */
enum ic_shutdown_action {
	IC_SHUTDOWN_ACT_POWEROFF,
	IC_SHUTDOWN_ACT_REBOOT,
	IC_SHUTDOWN_ACT_HIBERNATE,
};

/**
 * struct ic_shutdown_info - a parsed %IC_MSG_SHUTDOWN body
 * @reason: &ic_shutdown.reason.
 * @timeout_sec: &ic_shutdown.timeout_sec.
 * @flags: &ic_shutdown.flags as sent.
 * @force: %IC_SHUTDOWN_FORCE was set.
 * @action: what the request asks for.
 */
struct ic_shutdown_info {
	u32 reason;
	u32 timeout_sec;
	u32 flags;
	bool force;
	enum ic_shutdown_action action;
};

/**
 * struct ic_timesync_info - a parsed %IC_MSG_TIMESYNC body, either layout
 * @parent_time: host UTC time, 100 ns units since 1601; at least
 *	%IC_TS_EPOCH_DELTA once parsed.
 * @ref_time: message version 4.0 and later: the partition reference
 *	counter (100 ns) when the host read @parent_time; else 0.
 * @round_trip: before 4.0: &ic_timesync.round_trip; else 0.
 * @flags: %IC_TS_FLAG_* value.
 * @leap: 4.0 and later: NTP leap indicator; else 0.
 * @stratum: 4.0 and later: NTP stratum; else 0.
 * @v4: the body had the 4.0 layout (&struct ic_timesync4).
 */
struct ic_timesync_info {
	u64 parent_time;
	u64 ref_time;
	u64 round_trip;
	u8 flags;
	u8 leap;
	u8 stratum;
	bool v4;
};

/* Framing. */
int ic_msg_parse(const void *pkt, size_t len, struct ic_msg_info *info);
int ic_msg_build(void *pkt, size_t cap, const struct ic_msg_info *info,
		 u16 body_len);
void ic_msg_set_reply(void *pkt, u32 status, u16 msg_size);
int ic_msg_check_reply(const struct ic_msg_info *info);
u32 ic_ver_get(const void *wire);
void ic_ver_put(void *wire, u32 ver);

/* Negotiation. */
int ic_negotiate_parse(const void *body, size_t len,
		       struct ic_negotiate_info *neg);
u32 ic_negotiate_version(const struct ic_negotiate_info *neg,
			 unsigned int index);
int ic_negotiate_pick(const struct ic_negotiate_info *neg,
		      const u32 *fw_pref, unsigned int fw_n,
		      const u32 *msg_pref, unsigned int msg_n,
		      u32 *fw_ver, u32 *msg_ver);
int ic_negotiate_build(void *body, size_t cap, const u32 *fw_list,
		       unsigned int fw_n, const u32 *msg_list,
		       unsigned int msg_n);
int ic_negotiate_build_reply(void *body, size_t cap, bool found, u32 fw_ver,
			     u32 msg_ver);
int ic_negotiate_parse_reply(const void *body, size_t len, u32 *fw_ver,
			     u32 *msg_ver);

/* Heartbeat. */
int ic_heartbeat_parse(const void *body, size_t len, u64 *seq);
void ic_heartbeat_set_seq(void *body, u64 seq);
int ic_heartbeat_build(void *body, size_t cap, u64 seq);

/* Shutdown. */
int ic_shutdown_parse(const void *body, size_t len,
		      struct ic_shutdown_info *sd);
int ic_shutdown_build(void *body, size_t cap, u32 reason, u32 timeout_sec,
		      u32 flags);

/* Time sync. */
int ic_timesync_parse(const void *body, size_t len, u32 msg_ver,
		      struct ic_timesync_info *ts);
int ic_timesync_build(void *body, size_t cap, u32 msg_ver,
		      const struct ic_timesync_info *ts);
int ic_time_to_unix(u64 hv_time, u64 *sec, u32 *nsec);
u64 ic_time_from_unix_ns(u64 unix_ns);

#endif /* _LUMEN_IC_MSG_H */
