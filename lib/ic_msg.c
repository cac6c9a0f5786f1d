// SPDX-License-Identifier: GPL-2.0
/*
 * IC message framing, version negotiation and the heartbeat, shutdown and
 * time sync bodies (pure code). hv_utils parses what the host sends and
 * builds its replies; hvsim builds the host's requests and checks the
 * guest's replies. The caller hands over a private copy of the packet;
 * nothing here touches shared memory, takes a lock, allocates or logs.
 * Fields are read and written with memcpy(), so buffers need no alignment.
 *
 * Built into hv_utils and hvsim, each its own copy exporting nothing (see
 * lib/README); KUnit, the userspace tests and the fuzzer #include it.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <asm/byteorder.h>
#include <lumen/ic_msg.h>
#include <lumen/le.h>

#define IC_VER_WIRE_SIZE	sizeof(struct ic_ver)
#define IC_NEG_HDR_SIZE		sizeof(struct ic_negotiate)

static_assert(IC_VER_WIRE_SIZE == 4);
static_assert(IC_NEG_HDR_SIZE == 8);
/* The longest negotiation (both lists full) fits a default packet. */
static_assert(IC_HDR_SIZE + IC_NEG_HDR_SIZE +
	      2 * IC_NEGOTIATE_MAX_VERSIONS * IC_VER_WIRE_SIZE <= 4096);
static_assert(IC_MAX_MSG_SIZE <= 0xffff);

/* 100 ns units per second. */
#define IC_TS_UNITS_PER_SEC	10000000ULL
/* Largest 1601-based time whose Unix nanoseconds fit in a u64. */
#define IC_TS_MAX_UNIX_UNITS	(~0ULL / 100)

/**
 * ic_ver_get() - Read a wire version.
 * @wire: a &struct ic_ver in a packet, any alignment.
 *
 * Context: any context.
 * Return: the version, IC_VER() packed.
 */
u32 ic_ver_get(const void *wire)
{
	struct ic_ver v;

	memcpy(&v, wire, sizeof(v));
	return IC_VER(le16_to_cpu(v.major), le16_to_cpu(v.minor));
}

/**
 * ic_ver_put() - Write a wire version.
 * @wire: where the &struct ic_ver goes, any alignment.
 * @ver: the version, IC_VER() packed.
 *
 * Context: any context.
 */
void ic_ver_put(void *wire, u32 ver)
{
	struct ic_ver v = {
		.major = cpu_to_le16(IC_VER_MAJOR(ver)),
		.minor = cpu_to_le16(IC_VER_MINOR(ver)),
	};

	memcpy(wire, &v, sizeof(v));
}

/**
 * ic_msg_parse() - Parse the pipe and IC headers of a packet.
 * @pkt: private copy of the VMBus packet payload.
 * @len: its length in bytes.
 * @info: the header, filled on success.
 *
 * The pipe header is not checked (Hyper-V guests ignore it). The body
 * is &ic_hdr.msg_size bytes, or what the packet holds if that is less:
 * the bytes VMBus padding adds after the body are never part of it, and
 * a body cut short is checked against each message's minimum size.
 *
 * Context: any context.
 * Return: 0; -EPROTO if @len is shorter than %IC_HDR_SIZE; -EMSGSIZE if
 * the body is longer than %IC_MAX_MSG_SIZE.
 */
int ic_msg_parse(const void *pkt, size_t len, struct ic_msg_info *info)
{
	struct ic_hdr h;

	if (len < IC_HDR_SIZE)
		return -EPROTO;
	if (len - IC_HDR_SIZE > IC_MAX_MSG_SIZE)
		return -EMSGSIZE;
	memcpy(&h, pkt, sizeof(h));
	info->fw_ver = IC_VER(le16_to_cpu(h.fw_ver.major),
			      le16_to_cpu(h.fw_ver.minor));
	info->msg_ver = IC_VER(le16_to_cpu(h.msg_ver.major),
			       le16_to_cpu(h.msg_ver.minor));
	info->type = le16_to_cpu(h.msg_type);
	info->msg_size = le16_to_cpu(h.msg_size);
	info->status = le32_to_cpu(h.status);
	info->trans_id = h.trans_id;
	info->flags = h.flags;
	/* VMBus pads packets to 8 bytes: the body ends at msg_size. */
	info->body_len = min_t(u32, len - IC_HDR_SIZE, info->msg_size);
	return 0;
}

/**
 * ic_msg_build() - Write the pipe and IC headers of a packet (host side).
 * @pkt: buffer for the packet; the body goes at %IC_BODY_OFFSET.
 * @cap: its size.
 * @info: header fields; @info->body_len is ignored.
 * @body_len: body bytes, written to &ic_hdr.msg_size.
 *
 * The pipe header gets type %IC_PIPE_TYPE_DATA and the size of the data
 * after it (IC header and body). Reserved bytes are zeroed.
 *
 * Context: any context.
 * Return: the packet length (%IC_HDR_SIZE + @body_len); -EMSGSIZE if it
 * does not fit @cap or @body_len exceeds %IC_MAX_MSG_SIZE.
 */
int ic_msg_build(void *pkt, size_t cap, const struct ic_msg_info *info,
		 u16 body_len)
{
	struct ic_hdr h;

	if (body_len > IC_MAX_MSG_SIZE || cap < IC_HDR_SIZE ||
	    body_len > cap - IC_HDR_SIZE)
		return -EMSGSIZE;
	memset(&h, 0, sizeof(h));
	h.pipe.type = cpu_to_le32(IC_PIPE_TYPE_DATA);
	h.pipe.size = cpu_to_le32(IC_HDR_SIZE - IC_PIPE_HDR_SIZE + body_len);
	h.fw_ver.major = cpu_to_le16(IC_VER_MAJOR(info->fw_ver));
	h.fw_ver.minor = cpu_to_le16(IC_VER_MINOR(info->fw_ver));
	h.msg_type = cpu_to_le16(info->type);
	h.msg_ver.major = cpu_to_le16(IC_VER_MAJOR(info->msg_ver));
	h.msg_ver.minor = cpu_to_le16(IC_VER_MINOR(info->msg_ver));
	h.msg_size = cpu_to_le16(body_len);
	h.status = cpu_to_le32(info->status);
	h.trans_id = info->trans_id;
	h.flags = info->flags;
	memcpy(pkt, &h, sizeof(h));
	return IC_HDR_SIZE + body_len;
}

/**
 * ic_msg_set_reply() - Turn a received request into its reply, in place.
 * @pkt: the request packet, at least %IC_HDR_SIZE bytes.
 * @status: reply status, one of %IC_STATUS_*.
 * @msg_size: body bytes of the reply.
 *
 * Sets &ic_hdr.status, &ic_hdr.msg_size, &ic_hdr.flags = %IC_FLAGS_REPLY
 * and the pipe header's size (IC header plus @msg_size, what a host
 * reading the channel as a message pipe takes); every other header field
 * stays as the host sent it. The reply is %IC_HDR_SIZE + @msg_size bytes.
 *
 * Context: any context.
 */
void ic_msg_set_reply(void *pkt, u32 status, u16 msg_size)
{
	u8 flags = IC_FLAGS_REPLY;
	u8 *p = pkt;

	lumen_put_le32(p + offsetof(struct ic_pipe_hdr, size),
		       IC_HDR_SIZE - IC_PIPE_HDR_SIZE + msg_size);
	lumen_put_le32(p + offsetof(struct ic_hdr, status), status);
	lumen_put_le16(p + offsetof(struct ic_hdr, msg_size), msg_size);
	memcpy(p + offsetof(struct ic_hdr, flags), &flags, sizeof(flags));
}

/**
 * ic_msg_check_reply() - Check a parsed header is a well-formed reply.
 * @info: header from ic_msg_parse() of a guest-to-host packet.
 *
 * A reply has %IC_FLAG_TRANSACTION and %IC_FLAG_RESPONSE and not
 * %IC_FLAG_REQUEST, and a &ic_hdr.msg_size within the packet.
 *
 * Context: any context.
 * Return: 0; -EPROTONOSUPPORT for wrong flags; -EPROTO if msg_size
 * overruns the packet.
 */
int ic_msg_check_reply(const struct ic_msg_info *info)
{
	if (info->flags != IC_FLAGS_REPLY)
		return -EPROTONOSUPPORT;
	if (info->msg_size > info->body_len)
		return -EPROTO;
	return 0;
}

/**
 * ic_negotiate_parse() - Parse an %IC_MSG_NEGOTIATE body.
 * @body: the body (packet offset %IC_BODY_OFFSET).
 * @len: body bytes present in the packet.
 * @neg: the lists, filled on success; they point into @body.
 *
 * Context: any context.
 * Return: 0; -EPROTO if @len is shorter than the counts or the F + M
 * entries overrun @len; -ERANGE if F or M exceeds
 * %IC_NEGOTIATE_MAX_VERSIONS.
 */
int ic_negotiate_parse(const void *body, size_t len,
		       struct ic_negotiate_info *neg)
{
	struct ic_negotiate n;
	size_t need;
	u16 fw, msg;

	if (len < IC_NEG_HDR_SIZE)
		return -EPROTO;
	memcpy(&n, body, sizeof(n));
	fw = le16_to_cpu(n.fw_count);
	msg = le16_to_cpu(n.msg_count);
	if (fw > IC_NEGOTIATE_MAX_VERSIONS || msg > IC_NEGOTIATE_MAX_VERSIONS)
		return -ERANGE;
	/* At most 8 + 200 * 4 bytes: no overflow. */
	need = IC_NEG_HDR_SIZE + ((size_t)fw + msg) * IC_VER_WIRE_SIZE;
	if (need > len)
		return -EPROTO;
	neg->fw_count = fw;
	neg->msg_count = msg;
	neg->versions = (const u8 *)body + IC_NEG_HDR_SIZE;
	return 0;
}

/**
 * ic_negotiate_version() - One entry of a parsed negotiation list.
 * @neg: from ic_negotiate_parse().
 * @index: 0 .. F - 1 for framework versions, F .. F + M - 1 for message
 *	versions.
 *
 * Context: any context.
 * Return: the version, IC_VER() packed; 0 for an index out of range
 * (0.0 is no version anybody offers).
 */
u32 ic_negotiate_version(const struct ic_negotiate_info *neg,
			 unsigned int index)
{
	if (index >= (unsigned int)neg->fw_count + neg->msg_count)
		return 0;
	return ic_ver_get((const u8 *)neg->versions +
			  (size_t)index * IC_VER_WIRE_SIZE);
}

/* First entry of @pref (best first) found in entries [first, first + n). */
static bool ic_negotiate_find(const struct ic_negotiate_info *neg,
			      unsigned int first, unsigned int n,
			      const u32 *pref, unsigned int pref_n, u32 *out)
{
	unsigned int i, j;

	for (i = 0; i < pref_n; i++) {
		for (j = 0; j < n; j++) {
			if (ic_negotiate_version(neg, first + j) == pref[i]) {
				*out = pref[i];
				return true;
			}
		}
	}
	return false;
}

/**
 * ic_negotiate_pick() - Choose the framework and message versions.
 * @neg: the host's lists, from ic_negotiate_parse().
 * @fw_pref: the guest's framework versions, best first.
 * @fw_n: entries in @fw_pref.
 * @msg_pref: the guest's message versions for the service, best first.
 * @msg_n: entries in @msg_pref.
 * @fw_ver: the chosen framework version.
 * @msg_ver: the chosen message version.
 *
 * Walks each guest list in preference order and takes the first entry
 * the host offers exactly (major and minor), as Hyper-V guests do.
 *
 * Context: any context.
 * Return: 0; -EPROTONOSUPPORT if either list has no common entry (then
 * @fw_ver and @msg_ver are left alone).
 */
int ic_negotiate_pick(const struct ic_negotiate_info *neg,
		      const u32 *fw_pref, unsigned int fw_n,
		      const u32 *msg_pref, unsigned int msg_n,
		      u32 *fw_ver, u32 *msg_ver)
{
	u32 fw, msg;

	if (!ic_negotiate_find(neg, 0, neg->fw_count, fw_pref, fw_n, &fw))
		return -EPROTONOSUPPORT;
	if (!ic_negotiate_find(neg, neg->fw_count, neg->msg_count, msg_pref,
			       msg_n, &msg))
		return -EPROTONOSUPPORT;
	*fw_ver = fw;
	*msg_ver = msg;
	return 0;
}

/**
 * ic_negotiate_build() - Write an %IC_MSG_NEGOTIATE request body (host).
 * @body: where the body goes.
 * @cap: its size.
 * @fw_list: the host's framework versions.
 * @fw_n: entries in @fw_list, at most %IC_NEGOTIATE_MAX_VERSIONS.
 * @msg_list: the host's message versions.
 * @msg_n: entries in @msg_list, likewise.
 *
 * Context: any context.
 * Return: the body length; -ERANGE for too many entries; -EMSGSIZE if it
 * does not fit @cap.
 */
int ic_negotiate_build(void *body, size_t cap, const u32 *fw_list,
		       unsigned int fw_n, const u32 *msg_list,
		       unsigned int msg_n)
{
	struct ic_negotiate n;
	unsigned int i;
	size_t need;
	u8 *p = body;

	if (fw_n > IC_NEGOTIATE_MAX_VERSIONS ||
	    msg_n > IC_NEGOTIATE_MAX_VERSIONS)
		return -ERANGE;
	need = IC_NEG_HDR_SIZE + ((size_t)fw_n + msg_n) * IC_VER_WIRE_SIZE;
	if (need > cap)
		return -EMSGSIZE;
	memset(&n, 0, sizeof(n));
	n.fw_count = cpu_to_le16(fw_n);
	n.msg_count = cpu_to_le16(msg_n);
	memcpy(p, &n, sizeof(n));
	p += IC_NEG_HDR_SIZE;
	for (i = 0; i < fw_n; i++, p += IC_VER_WIRE_SIZE)
		ic_ver_put(p, fw_list[i]);
	for (i = 0; i < msg_n; i++, p += IC_VER_WIRE_SIZE)
		ic_ver_put(p, msg_list[i]);
	return need;
}

/**
 * ic_negotiate_build_reply() - Write the guest's negotiation answer.
 * @body: the body, normally the request's, rewritten in place.
 * @cap: bytes @body can hold.
 * @found: a common pair was found.
 * @fw_ver: chosen framework version (ignored unless @found).
 * @msg_ver: chosen message version (ignored unless @found).
 *
 * Writes F = M = 1 and the pair, or F = M = 0 when nothing was found;
 * the reply body is %IC_NEGOTIATE_REPLY_SIZE bytes either way.
 *
 * Context: any context.
 * Return: %IC_NEGOTIATE_REPLY_SIZE; -EMSGSIZE if @cap is smaller.
 */
int ic_negotiate_build_reply(void *body, size_t cap, bool found, u32 fw_ver,
			     u32 msg_ver)
{
	struct ic_negotiate n;
	u8 *p = body;

	if (cap < IC_NEGOTIATE_REPLY_SIZE)
		return -EMSGSIZE;
	memset(&n, 0, sizeof(n));
	n.fw_count = cpu_to_le16(found ? 1 : 0);
	n.msg_count = cpu_to_le16(found ? 1 : 0);
	memcpy(p, &n, sizeof(n));
	if (found) {
		ic_ver_put(p + IC_NEG_HDR_SIZE, fw_ver);
		ic_ver_put(p + IC_NEG_HDR_SIZE + IC_VER_WIRE_SIZE, msg_ver);
	}
	return IC_NEGOTIATE_REPLY_SIZE;
}

/**
 * ic_negotiate_parse_reply() - Parse the guest's negotiation answer (host).
 * @body: the reply body.
 * @len: body bytes present.
 * @fw_ver: the guest's framework version.
 * @msg_ver: the guest's message version.
 *
 * Context: any context.
 * Return: 0; -EPROTONOSUPPORT if the guest found nothing (F = M = 0);
 * -EPROTO for a short body or counts other than 0/0 and 1/1.
 */
int ic_negotiate_parse_reply(const void *body, size_t len, u32 *fw_ver,
			     u32 *msg_ver)
{
	struct ic_negotiate_info neg;
	int ret;

	ret = ic_negotiate_parse(body, len, &neg);
	if (ret)
		return ret == -ERANGE ? -EPROTO : ret;
	if (!neg.fw_count && !neg.msg_count)
		return -EPROTONOSUPPORT;
	if (neg.fw_count != 1 || neg.msg_count != 1)
		return -EPROTO;
	*fw_ver = ic_negotiate_version(&neg, 0);
	*msg_ver = ic_negotiate_version(&neg, 1);
	return 0;
}

/**
 * ic_heartbeat_parse() - Parse an %IC_MSG_HEARTBEAT body.
 * @body: the body.
 * @len: body bytes present.
 * @seq: the sequence number.
 *
 * Context: any context.
 * Return: 0; -EPROTO if @len is below %IC_HEARTBEAT_MIN_SIZE.
 */
int ic_heartbeat_parse(const void *body, size_t len, u64 *seq)
{
	if (len < IC_HEARTBEAT_MIN_SIZE)
		return -EPROTO;
	*seq = lumen_get_le64(body);
	return 0;
}

/**
 * ic_heartbeat_set_seq() - Write the sequence number of a heartbeat body.
 * @body: a body of at least %IC_HEARTBEAT_MIN_SIZE bytes.
 * @seq: the sequence number.
 *
 * Context: any context.
 */
void ic_heartbeat_set_seq(void *body, u64 seq)
{
	lumen_put_le64(body, seq);
}

/**
 * ic_heartbeat_build() - Write a heartbeat request body (host).
 * @body: where the body goes.
 * @cap: its size.
 * @seq: the sequence number.
 *
 * Writes a full &struct ic_heartbeat with application state unknown.
 *
 * Context: any context.
 * Return: the body length; -EMSGSIZE if @cap is too small.
 */
int ic_heartbeat_build(void *body, size_t cap, u64 seq)
{
	struct ic_heartbeat hb;

	if (cap < sizeof(hb))
		return -EMSGSIZE;
	memset(&hb, 0, sizeof(hb));
	hb.seq = cpu_to_le64(seq);
	hb.app_state = cpu_to_le32(IC_HB_STATE_UNKNOWN);
	memcpy(body, &hb, sizeof(hb));
	return sizeof(hb);
}

/**
 * ic_shutdown_parse() - Parse an %IC_MSG_SHUTDOWN body.
 * @body: the body.
 * @len: body bytes present.
 * @sd: the request, filled on success (also on -ERANGE, without
 *	@sd->action).
 *
 * Context: any context.
 * Return: 0; -EPROTO if @len is below %IC_SHUTDOWN_MIN_SIZE; -ERANGE for
 * flags with unknown bits or both restart and hibernate.
 */
int ic_shutdown_parse(const void *body, size_t len,
		      struct ic_shutdown_info *sd)
{
	const u8 *p = body;
	u32 kind;

	if (len < IC_SHUTDOWN_MIN_SIZE)
		return -EPROTO;
	sd->reason = lumen_get_le32(p + offsetof(struct ic_shutdown, reason));
	sd->timeout_sec = lumen_get_le32(p + offsetof(struct ic_shutdown,
						      timeout_sec));
	sd->flags = lumen_get_le32(p + offsetof(struct ic_shutdown, flags));
	sd->force = sd->flags & IC_SHUTDOWN_FORCE;
	kind = sd->flags & ~IC_SHUTDOWN_FORCE;
	switch (kind) {
	case 0:
		sd->action = IC_SHUTDOWN_ACT_POWEROFF;
		return 0;
	case IC_SHUTDOWN_RESTART:
		sd->action = IC_SHUTDOWN_ACT_REBOOT;
		return 0;
	case IC_SHUTDOWN_HIBERNATE:
		sd->action = IC_SHUTDOWN_ACT_HIBERNATE;
		return 0;
	default:
		return -ERANGE;
	}
}

/**
 * ic_shutdown_build() - Write a shutdown request body (host).
 * @body: where the body goes.
 * @cap: its size.
 * @reason: reason code.
 * @timeout_sec: time the guest is given, in seconds.
 * @flags: %IC_SHUTDOWN_* bits, written as given.
 *
 * The display message is left empty.
 *
 * Context: any context.
 * Return: the body length (%IC_SHUTDOWN_MIN_SIZE); -EMSGSIZE if @cap is
 * too small.
 */
int ic_shutdown_build(void *body, size_t cap, u32 reason, u32 timeout_sec,
		      u32 flags)
{
	u8 *p = body;

	if (cap < IC_SHUTDOWN_MIN_SIZE)
		return -EMSGSIZE;
	memset(p, 0, IC_SHUTDOWN_MIN_SIZE);
	lumen_put_le32(p + offsetof(struct ic_shutdown, reason), reason);
	lumen_put_le32(p + offsetof(struct ic_shutdown, timeout_sec),
		       timeout_sec);
	lumen_put_le32(p + offsetof(struct ic_shutdown, flags), flags);
	return IC_SHUTDOWN_MIN_SIZE;
}

/**
 * ic_timesync_parse() - Parse an %IC_MSG_TIMESYNC body.
 * @body: the body.
 * @len: body bytes present.
 * @msg_ver: the negotiated message version: from %IC_TS_VER_4_0 on the
 *	body is a &struct ic_timesync4, before it a &struct ic_timesync.
 * @ts: the message, filled on success.
 *
 * Context: any context.
 * Return: 0; -EPROTO if @len is below %IC_TIMESYNC4_MIN_SIZE (4.0) or
 * %IC_TIMESYNC_MIN_SIZE (older); -ERANGE if the host time lies before
 * 1970 or too far ahead to convert to Unix nanoseconds.
 */
int ic_timesync_parse(const void *body, size_t len, u32 msg_ver,
		      struct ic_timesync_info *ts)
{
	const u8 *p = body;

	memset(ts, 0, sizeof(*ts));
	if (msg_ver >= IC_TS_VER_4_0) {
		if (len < IC_TIMESYNC4_MIN_SIZE)
			return -EPROTO;
		ts->v4 = true;
		ts->parent_time =
			lumen_get_le64(p + offsetof(struct ic_timesync4,
						    parent_time));
		ts->ref_time =
			lumen_get_le64(p + offsetof(struct ic_timesync4,
						    ref_time));
		ts->flags = p[offsetof(struct ic_timesync4, flags)];
		ts->leap = p[offsetof(struct ic_timesync4, leap)];
		ts->stratum = p[offsetof(struct ic_timesync4, stratum)];
	} else {
		if (len < IC_TIMESYNC_MIN_SIZE)
			return -EPROTO;
		ts->parent_time =
			lumen_get_le64(p + offsetof(struct ic_timesync,
						    parent_time));
		ts->round_trip =
			lumen_get_le64(p + offsetof(struct ic_timesync,
						    round_trip));
		ts->flags = p[offsetof(struct ic_timesync, flags)];
	}
	if (ts->parent_time < IC_TS_EPOCH_DELTA ||
	    ts->parent_time - IC_TS_EPOCH_DELTA > IC_TS_MAX_UNIX_UNITS)
		return -ERANGE;
	return 0;
}

/**
 * ic_timesync_build() - Write a time sync request body (host).
 * @body: where the body goes.
 * @cap: its size.
 * @msg_ver: negotiated message version; selects the layout.
 * @ts: the fields; @ts->v4 is ignored, the round trip is written only
 *	before 4.0, the reference time, leap and stratum only from 4.0.
 *
 * Context: any context.
 * Return: the body length (sizeof the layout's struct); -EMSGSIZE if
 * @cap is too small.
 */
int ic_timesync_build(void *body, size_t cap, u32 msg_ver,
		      const struct ic_timesync_info *ts)
{
	u8 *p = body;

	if (msg_ver >= IC_TS_VER_4_0) {
		if (cap < sizeof(struct ic_timesync4))
			return -EMSGSIZE;
		memset(p, 0, sizeof(struct ic_timesync4));
		lumen_put_le64(p + offsetof(struct ic_timesync4, parent_time),
			       ts->parent_time);
		lumen_put_le64(p + offsetof(struct ic_timesync4, ref_time),
			       ts->ref_time);
		p[offsetof(struct ic_timesync4, flags)] = ts->flags;
		p[offsetof(struct ic_timesync4, leap)] = ts->leap;
		p[offsetof(struct ic_timesync4, stratum)] = ts->stratum;
		return sizeof(struct ic_timesync4);
	}
	if (cap < sizeof(struct ic_timesync))
		return -EMSGSIZE;
	memset(p, 0, sizeof(struct ic_timesync));
	lumen_put_le64(p + offsetof(struct ic_timesync, parent_time),
		       ts->parent_time);
	lumen_put_le64(p + offsetof(struct ic_timesync, round_trip),
		       ts->round_trip);
	p[offsetof(struct ic_timesync, flags)] = ts->flags;
	return sizeof(struct ic_timesync);
}

/**
 * ic_time_to_unix() - Convert a host time to Unix seconds and nanoseconds.
 * @hv_time: 100 ns units since 1601-01-01 UTC.
 * @sec: whole seconds since 1970-01-01 UTC.
 * @nsec: nanoseconds, below 10^9 (a multiple of 100).
 *
 * Exact: no rounding, the 100 ns unit converts to nanoseconds losslessly.
 *
 * Context: any context.
 * Return: 0; -ERANGE if @hv_time lies before 1970 or its Unix nanoseconds
 * would not fit a u64.
 */
int ic_time_to_unix(u64 hv_time, u64 *sec, u32 *nsec)
{
	u64 units;

	if (hv_time < IC_TS_EPOCH_DELTA)
		return -ERANGE;
	units = hv_time - IC_TS_EPOCH_DELTA;
	if (units > IC_TS_MAX_UNIX_UNITS)
		return -ERANGE;
	*sec = units / IC_TS_UNITS_PER_SEC;
	*nsec = (u32)(units % IC_TS_UNITS_PER_SEC) * 100;
	return 0;
}

/**
 * ic_time_from_unix_ns() - Convert Unix nanoseconds to a host time.
 * @unix_ns: nanoseconds since 1970-01-01 UTC.
 *
 * Every u64 converts: U64_MAX / 100 + %IC_TS_EPOCH_DELTA fits a u64.
 *
 * Context: any context.
 * Return: 100 ns units since 1601-01-01 UTC, truncated.
 */
u64 ic_time_from_unix_ns(u64 unix_ns)
{
	return unix_ns / 100 + IC_TS_EPOCH_DELTA;
}
