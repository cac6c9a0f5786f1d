// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the pure IC code (lib/ic_msg.c), the way the
 * guest framework uses it.
 *
 * Input: a whole IC packet (pipe + IC header, body). It is parsed from a
 * heap copy of exactly its length, so ASan catches any read past it. A
 * header that parses must describe the input exactly; then the body goes
 * to the negotiation parser (with the version choice and the in-place
 * answer), the heartbeat, shutdown and both time sync parsers, and the
 * host's reply checks. Each result must be one of the documented errnos,
 * and what a success returns must follow from the bytes: counts within
 * the limits and the body, versions picked from both lists, the time
 * convertible, the shutdown action matching its flags. Any violation
 * aborts.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/ic_msg.c"

static const u32 fuzz_ic_fw[] = IC_FW_VERSIONS;
static const u32 fuzz_ic_ts[] = IC_TS_MSG_VERSIONS;

static bool fuzz_ic_in(const u32 *list, unsigned int n, u32 v)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (list[i] == v)
			return true;
	return false;
}

static void fuzz_ic_negotiate(u8 *body, size_t len)
{
	struct ic_negotiate_info neg;
	u8 answer[IC_NEGOTIATE_REPLY_SIZE];
	u32 fw, msg, rfw, rmsg;
	unsigned int i, n;
	bool host_fw = false, host_msg = false;
	int ret;

	ret = ic_negotiate_parse(body, len, &neg);
	if (ret == -EPROTO || ret == -ERANGE)
		return;
	if (ret)
		abort();
	if (neg.fw_count > IC_NEGOTIATE_MAX_VERSIONS ||
	    neg.msg_count > IC_NEGOTIATE_MAX_VERSIONS ||
	    8 + 4 * ((size_t)neg.fw_count + neg.msg_count) > len)
		abort();
	ret = ic_negotiate_pick(&neg, fuzz_ic_fw, ARRAY_SIZE(fuzz_ic_fw),
				fuzz_ic_ts, ARRAY_SIZE(fuzz_ic_ts), &fw, &msg);
	if (ret && ret != -EPROTONOSUPPORT)
		abort();
	if (!ret) {
		/* Both chosen versions come from both sides' lists. */
		n = neg.fw_count + neg.msg_count;
		for (i = 0; i < n; i++) {
			if (i < neg.fw_count &&
			    ic_negotiate_version(&neg, i) == fw)
				host_fw = true;
			if (i >= neg.fw_count &&
			    ic_negotiate_version(&neg, i) == msg)
				host_msg = true;
		}
		if (!host_fw || !host_msg ||
		    !fuzz_ic_in(fuzz_ic_fw, ARRAY_SIZE(fuzz_ic_fw), fw) ||
		    !fuzz_ic_in(fuzz_ic_ts, ARRAY_SIZE(fuzz_ic_ts), msg))
			abort();
	}
	/* The answer reads back as what was chosen. */
	if (ic_negotiate_build_reply(answer, sizeof(answer), !ret, fw, msg) !=
	    IC_NEGOTIATE_REPLY_SIZE)
		abort();
	if (ic_negotiate_parse_reply(answer, sizeof(answer), &rfw, &rmsg) !=
	    (ret ? -EPROTONOSUPPORT : 0))
		abort();
	if (!ret && (rfw != fw || rmsg != msg))
		abort();
}

static void fuzz_ic_bodies(const u8 *body, size_t len)
{
	struct ic_timesync_info ts;
	struct ic_shutdown_info sd;
	u32 fw, msg, nsec, kind;
	u64 seq, sec;
	int ret;

	ret = ic_heartbeat_parse(body, len, &seq);
	if (ret != (len < IC_HEARTBEAT_MIN_SIZE ? -EPROTO : 0))
		abort();

	ret = ic_shutdown_parse(body, len, &sd);
	if (ret && ret != -EPROTO && ret != -ERANGE)
		abort();
	if (ret != -EPROTO && len < IC_SHUTDOWN_MIN_SIZE)
		abort();
	if (!ret) {
		kind = sd.flags & ~IC_SHUTDOWN_FORCE;
		if (sd.force != !!(sd.flags & IC_SHUTDOWN_FORCE) ||
		    (sd.action == IC_SHUTDOWN_ACT_POWEROFF && kind) ||
		    (sd.action == IC_SHUTDOWN_ACT_REBOOT &&
		     kind != IC_SHUTDOWN_RESTART) ||
		    (sd.action == IC_SHUTDOWN_ACT_HIBERNATE &&
		     kind != IC_SHUTDOWN_HIBERNATE))
			abort();
	}

	ret = ic_timesync_parse(body, len, IC_TS_VER_4_0, &ts);
	if (ret && ret != -EPROTO && ret != -ERANGE)
		abort();
	if (ret != -EPROTO && len < IC_TIMESYNC4_MIN_SIZE)
		abort();
	if (!ret && (!ts.v4 || ic_time_to_unix(ts.parent_time, &sec, &nsec) ||
		     nsec >= 1000000000 || nsec % 100))
		abort();
	ret = ic_timesync_parse(body, len, IC_TS_VER_3_0, &ts);
	if (ret && ret != -EPROTO && ret != -ERANGE)
		abort();
	if (ret != -EPROTO && len < IC_TIMESYNC_MIN_SIZE)
		abort();
	if (!ret && (ts.v4 || ic_time_to_unix(ts.parent_time, &sec, &nsec)))
		abort();

	ret = ic_negotiate_parse_reply(body, len, &fw, &msg);
	if (ret && ret != -EPROTO && ret != -EPROTONOSUPPORT)
		abort();
}

int fuzz_one_input(const u8 *data, size_t size)
{
	struct ic_msg_info info;
	u8 *pkt;
	int ret;

	pkt = malloc(size ? size : 1);
	if (!pkt)
		abort();
	memcpy(pkt, data, size);
	ret = ic_msg_parse(pkt, size, &info);
	if (ret) {
		if (!(ret == -EPROTO && size < IC_HDR_SIZE) &&
		    !(ret == -EMSGSIZE && size > IC_MAX_PKT_SIZE))
			abort();
		free(pkt);
		return 0;
	}
	/* The body ends at msg_size, never in the padding after it. */
	if (info.body_len != min_t(u32, size - IC_HDR_SIZE, info.msg_size))
		abort();
	ret = ic_msg_check_reply(&info);
	if (ret && ret != -EPROTO && ret != -EPROTONOSUPPORT)
		abort();
	if (!ret && (info.flags != IC_FLAGS_REPLY ||
		     info.msg_size > info.body_len))
		abort();

	fuzz_ic_bodies(pkt + IC_BODY_OFFSET, info.body_len);
	if (info.type == IC_MSG_NEGOTIATE)
		fuzz_ic_negotiate(pkt + IC_BODY_OFFSET, info.body_len);

	/* The in-place answer keeps everything but status, sizes, flags. */
	ic_msg_set_reply(pkt, IC_STATUS_FAIL, info.msg_size);
	if (memcmp(pkt + 8, data + 8, 10) || memcmp(pkt + 24, data + 24, 1) ||
	    memcmp(pkt + 26, data + 26, 2) || pkt[25] != IC_FLAGS_REPLY)
		abort();
	free(pkt);
	return 0;
}
