// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of the pure IC code (lib/ic_msg.c): the shared case
 * table (tests/kunit/ic_cases.h) with exact errnos, each parse on a heap
 * copy of exactly the row's length so ASan catches a read past it; byte
 * images written independently of the structs; version choice; the exact
 * time conversion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "selftest.h"

#include "../../lib/ic_msg.c"
#include "../kunit/ic_cases.h"

SELFTEST(ic_case_table)
{
	u8 *buf = malloc(IC_CASE_BUF_SIZE);
	size_t i;

	if (!buf)
		abort();
	for (i = 0; i < ARRAY_SIZE(ic_cases); i++) {
		const struct ic_case *c = &ic_cases[i];
		u8 *copy = malloc(c->len ? c->len : 1);
		int ret;

		if (!copy)
			abort();
		ic_case_build(c, buf);
		memcpy(copy, buf, c->len);
		ret = ic_case_run(c, copy);
		if (ret != c->err)
			fprintf(stderr, "  row %s: got %d, want %d\n", c->name,
				ret, c->err);
		ST_EXPECT_EQ(t, ret, c->err);
		free(copy);
	}
	free(buf);
}

/* A header image written byte by byte from the fact sheet (section 9.1). */
SELFTEST(ic_msg_parse_byte_image)
{
	u8 pkt[IC_HDR_SIZE + 8] = { 0 };
	struct ic_msg_info info;

	put32(pkt, 0, 1);		/* pipe: data */
	put32(pkt, 4, 28);		/* pipe: bytes after it */
	put16(pkt, 8, 3);		/* framework 3.0 */
	put16(pkt, 10, 0);
	put16(pkt, 12, 1);		/* heartbeat */
	put16(pkt, 14, 3);		/* message 3.0 */
	put16(pkt, 16, 0);
	put16(pkt, 18, 8);		/* msg_size */
	put32(pkt, 20, 0x80004005);	/* status */
	pkt[24] = 7;			/* IC transaction id */
	pkt[25] = 0x3;			/* transaction | request */
	put64(pkt, 28, 5);
	ST_EXPECT_EQ(t, ic_msg_parse(pkt, sizeof(pkt), &info), 0);
	ST_EXPECT_EQ(t, info.fw_ver, IC_VER(3, 0));
	ST_EXPECT_EQ(t, info.msg_ver, IC_VER(3, 0));
	ST_EXPECT_EQ(t, info.type, IC_MSG_HEARTBEAT);
	ST_EXPECT_EQ(t, info.msg_size, 8);
	ST_EXPECT_EQ(t, info.status, 0x80004005);
	ST_EXPECT_EQ(t, info.trans_id, 7);
	ST_EXPECT_EQ(t, info.flags, 3);
	ST_EXPECT_EQ(t, info.body_len, 8);
	ST_EXPECT_EQ(t, ic_msg_check_reply(&info), -EPROTONOSUPPORT);
	ic_msg_set_reply(pkt, 0, 8);
	ST_EXPECT_EQ(t, pkt[25], 0x5);
	ST_EXPECT_EQ(t, pkt[20] | pkt[21] | pkt[22] | pkt[23], 0);
}

/* Negotiation image: F = 2 (1.0, 3.0), M = 3 (1.0, 3.0, 4.0). */
SELFTEST(ic_negotiate_byte_image)
{
	static const u32 guest_fw[] = IC_FW_VERSIONS;
	static const u32 guest_ts[] = IC_TS_MSG_VERSIONS;
	u8 body[8 + 5 * 4] = { 0 };
	struct ic_negotiate_info neg;
	u32 fw = 0, msg = 0;

	put16(body, 0, 2);
	put16(body, 2, 3);
	put16(body, 8, 1);
	put16(body, 12, 3);
	put16(body, 16, 1);
	put16(body, 20, 3);
	put16(body, 24, 4);
	ST_EXPECT_EQ(t, ic_negotiate_parse(body, sizeof(body), &neg), 0);
	ST_EXPECT_EQ(t, neg.fw_count, 2);
	ST_EXPECT_EQ(t, neg.msg_count, 3);
	ST_EXPECT_EQ(t, ic_negotiate_pick(&neg, guest_fw, 2, guest_ts, 3, &fw,
					  &msg), 0);
	ST_EXPECT_EQ(t, fw, IC_VER(3, 0));
	ST_EXPECT_EQ(t, msg, IC_VER(4, 0));
	/* The host drops 4.0: the guest takes 3.0. */
	put16(body, 2, 2);
	ST_EXPECT_EQ(t, ic_negotiate_parse(body, sizeof(body), &neg), 0);
	ST_EXPECT_EQ(t, ic_negotiate_pick(&neg, guest_fw, 2, guest_ts, 3, &fw,
					  &msg), 0);
	ST_EXPECT_EQ(t, msg, IC_VER(3, 0));
	/* The answer in place: F = M = 1, 3.0, 3.0. */
	ST_EXPECT_EQ(t, ic_negotiate_build_reply(body, sizeof(body), true, fw,
						 msg), 16);
	ST_EXPECT_EQ(t, body[0], 1);
	ST_EXPECT_EQ(t, body[2], 1);
	ST_EXPECT_EQ(t, body[8], 3);
	ST_EXPECT_EQ(t, body[12], 3);
}

/* Time sync 4.0 image: flags at 16, leap 17, stratum 18. */
SELFTEST(ic_timesync4_byte_image)
{
	u8 body[24] = { 0 };
	struct ic_timesync_info ts;
	u64 sec;
	u32 nsec;

	put64(body, 0, IC_TS_EPOCH_DELTA + 1700000000ULL * 10000000 + 123);
	put64(body, 8, 99);
	body[16] = IC_TS_FLAG_SYNC;
	body[17] = 1;
	body[18] = 3;
	ST_EXPECT_EQ(t, ic_timesync_parse(body, 22, IC_VER(4, 0), &ts), 0);
	ST_EXPECT_EQ(t, ts.ref_time, 99);
	ST_EXPECT_EQ(t, ts.flags, IC_TS_FLAG_SYNC);
	ST_EXPECT_EQ(t, ts.leap, 1);
	ST_EXPECT_EQ(t, ts.stratum, 3);
	ST_EXPECT_EQ(t, ic_time_to_unix(ts.parent_time, &sec, &nsec), 0);
	ST_EXPECT_EQ(t, sec, 1700000000ULL);
	ST_EXPECT_EQ(t, nsec, 12300);
	/* The same bytes read as 3.0 are too short. */
	ST_EXPECT_EQ(t, ic_timesync_parse(body, 24, IC_VER(3, 0), &ts),
		     -EPROTO);
}

SELFTEST(ic_time_round_trip)
{
	/* Multiples of 100 ns survive exactly; others lose the rest. */
	static const u64 ns[] = {
		0, 100, 999999900, 1704067200999999900ULL, 18446744073709551600ULL,
	};
	size_t i;
	u64 sec;
	u32 nsec;

	for (i = 0; i < ARRAY_SIZE(ns); i++) {
		u64 hv = ic_time_from_unix_ns(ns[i]);

		ST_EXPECT_EQ(t, ic_time_to_unix(hv, &sec, &nsec), 0);
		ST_EXPECT_EQ(t, sec * 1000000000ULL + nsec, ns[i]);
	}
	ST_EXPECT_EQ(t, ic_time_from_unix_ns(199), IC_TS_EPOCH_DELTA + 1);
}
