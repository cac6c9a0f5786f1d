// SPDX-License-Identifier: GPL-2.0
/*
 * Checks include/proto/ic.h against the fact sheet (section 9): constant
 * values and version lists, and byte images written from the framing and
 * body tables read back through the structs (negotiate, heartbeat,
 * shutdown, time sync 4.0, KVP set, KVP IP info, VSS freeze, fcopy).
 * Bodies are copied out of the image before use, as a driver must: at
 * packet offset 28 they are not 8-byte aligned.
 */
#include <stdlib.h>
#include <string.h>
#include <proto/ic.h>
#include "selftest.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static void it_put16(u8 *p, unsigned int v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void it_put32(u8 *p, unsigned long v)
{
	it_put16(p, v & 0xffff);
	it_put16(p + 2, (v >> 16) & 0xffff);
}

static void it_put64(u8 *p, unsigned long long v)
{
	it_put32(p, v & 0xffffffffUL);
	it_put32(p + 4, (v >> 32) & 0xffffffffUL);
}

/*
 * Writes the 28-byte pipe + IC header per the framing table: versions are
 * two u16 (major at the lower offset).
 */
static void it_put_hdr(u8 *img, unsigned int type, unsigned int fw_major,
		       unsigned int fw_minor, unsigned int msg_major,
		       unsigned int msg_minor, unsigned int body_size,
		       u8 trans_id, u8 flags)
{
	it_put32(img + 0, 1);
	it_put32(img + 4, 20 + body_size);
	it_put16(img + 8, fw_major);
	it_put16(img + 10, fw_minor);
	it_put16(img + 12, type);
	it_put16(img + 14, msg_major);
	it_put16(img + 16, msg_minor);
	it_put16(img + 18, body_size);
	it_put32(img + 20, 0);
	img[24] = trans_id;
	img[25] = flags;
	img[26] = 0;
	img[27] = 0;
}

/* First of @mine (preference order) present in @theirs, or 0. */
static u32 it_pick(const u32 *mine, unsigned int n_mine,
		   const struct ic_ver *theirs, unsigned int n_theirs)
{
	unsigned int i, j;

	for (i = 0; i < n_mine; i++)
		for (j = 0; j < n_theirs; j++)
			if (theirs[j].major == IC_VER_MAJOR(mine[i]) &&
			    theirs[j].minor == IC_VER_MINOR(mine[i]))
				return mine[i];
	return 0;
}

SELFTEST(ic_constants_match_fact_sheet)
{
	ST_EXPECT_EQ(t, IC_PIPE_TYPE_DATA, 1);
	ST_EXPECT_EQ(t, IC_HDR_SIZE, 28);
	ST_EXPECT_EQ(t, IC_BODY_OFFSET, 28);
	ST_EXPECT_EQ(t, IC_NEGOTIATE_MAX_VERSIONS, 100);
	ST_EXPECT_EQ(t, IC_NEGOTIATE_REPLY_SIZE, 16);
	ST_EXPECT_EQ(t, IC_MAX_MSG_SIZE, 13312);

	ST_EXPECT_EQ(t, IC_MSG_NEGOTIATE, 0);
	ST_EXPECT_EQ(t, IC_MSG_HEARTBEAT, 1);
	ST_EXPECT_EQ(t, IC_MSG_KVP, 2);
	ST_EXPECT_EQ(t, IC_MSG_SHUTDOWN, 3);
	ST_EXPECT_EQ(t, IC_MSG_TIMESYNC, 4);
	ST_EXPECT_EQ(t, IC_MSG_VSS, 5);
	ST_EXPECT_EQ(t, IC_MSG_RDV, 6);
	ST_EXPECT_EQ(t, IC_MSG_FCOPY, 7);
	ST_EXPECT_EQ(t, IC_MSG_VM_SESSION, 8);

	ST_EXPECT_EQ(t, IC_FLAG_TRANSACTION, 0x1);
	ST_EXPECT_EQ(t, IC_FLAG_REQUEST, 0x2);
	ST_EXPECT_EQ(t, IC_FLAG_RESPONSE, 0x4);
	ST_EXPECT_EQ(t, IC_FLAGS_REPLY, 0x5);
	ST_EXPECT_EQ(t, IC_FLAGS_REPLY, IC_FLAG_TRANSACTION | IC_FLAG_RESPONSE);

	ST_EXPECT_EQ(t, IC_STATUS_OK, 0);
	ST_EXPECT_EQ(t, IC_STATUS_FAIL, 0x80004005);
	ST_EXPECT_EQ(t, IC_STATUS_NO_MORE_ITEMS, 0x80070103);
	ST_EXPECT_EQ(t, IC_STATUS_NOT_SUPPORTED, 0x80070032);
	ST_EXPECT_EQ(t, IC_STATUS_MACHINE_LOCKED, 0x800704f7);
	ST_EXPECT_EQ(t, IC_STATUS_DEVICE_NOT_CONNECTED, 0x8007048f);
	ST_EXPECT_EQ(t, IC_STATUS_INVALID_ARG, 0x80070057);
	ST_EXPECT_EQ(t, IC_STATUS_GUID_NOT_FOUND, 0x80041002);
	ST_EXPECT_EQ(t, IC_STATUS_ALREADY_EXISTS, 0x80070050);
	ST_EXPECT_EQ(t, IC_STATUS_DISK_FULL, 0x80070070);
}

SELFTEST(ic_service_constants_match_fact_sheet)
{
	ST_EXPECT_EQ(t, IC_HB_STATE_UNKNOWN, 0);
	ST_EXPECT_EQ(t, IC_HB_STATE_HEALTHY, 1);
	ST_EXPECT_EQ(t, IC_HB_STATE_CRITICAL, 2);
	ST_EXPECT_EQ(t, IC_HB_STATE_STOPPED, 3);
	ST_EXPECT_EQ(t, IC_SHUTDOWN_FORCE, 0x1);
	ST_EXPECT_EQ(t, IC_SHUTDOWN_RESTART, 0x2);
	ST_EXPECT_EQ(t, IC_SHUTDOWN_HIBERNATE, 0x4);
	ST_EXPECT_EQ(t, IC_TS_FLAG_PROBE, 0);
	ST_EXPECT_EQ(t, IC_TS_FLAG_SYNC, 0x1);
	ST_EXPECT_EQ(t, IC_TS_FLAG_SAMPLE, 0x2);
	/* 134774 days (369 years, 89 leap days) of 86400 s in 100 ns. */
	ST_EXPECT_EQ(t, IC_TS_EPOCH_DELTA, 134774ULL * 86400ULL * 10000000ULL);

	ST_EXPECT_EQ(t, IC_KVP_OP_GET, 0);
	ST_EXPECT_EQ(t, IC_KVP_OP_SET, 1);
	ST_EXPECT_EQ(t, IC_KVP_OP_DELETE, 2);
	ST_EXPECT_EQ(t, IC_KVP_OP_ENUMERATE, 3);
	ST_EXPECT_EQ(t, IC_KVP_OP_GET_IP_INFO, 4);
	ST_EXPECT_EQ(t, IC_KVP_OP_SET_IP_INFO, 5);
	ST_EXPECT_EQ(t, IC_KVP_POOL_EXTERNAL, 0);
	ST_EXPECT_EQ(t, IC_KVP_POOL_GUEST, 1);
	ST_EXPECT_EQ(t, IC_KVP_POOL_AUTO, 2);
	ST_EXPECT_EQ(t, IC_KVP_POOL_AUTO_EXTERNAL, 3);
	ST_EXPECT_EQ(t, IC_KVP_POOL_AUTO_INTERNAL, 4);
	ST_EXPECT_EQ(t, IC_KVP_TYPE_STRING, 1);
	ST_EXPECT_EQ(t, IC_KVP_TYPE_EXPAND_STRING, 2);
	ST_EXPECT_EQ(t, IC_KVP_TYPE_U32, 4);
	ST_EXPECT_EQ(t, IC_KVP_TYPE_U64, 11);
	ST_EXPECT_EQ(t, IC_KVP_TYPE_U64_LINUX, 8);
	ST_EXPECT_EQ(t, IC_KVP_KEY_MAX, 512);
	ST_EXPECT_EQ(t, IC_KVP_VALUE_MAX, 2048);
	ST_EXPECT_EQ(t, IC_KVP_ADDR_NONE, 0);
	ST_EXPECT_EQ(t, IC_KVP_ADDR_IPV4, 1);
	ST_EXPECT_EQ(t, IC_KVP_ADDR_IPV6, 2);
	ST_EXPECT_EQ(t, IC_KVP_ADDR_BOTH, 3);

	ST_EXPECT_EQ(t, IC_VSS_OP_CREATE, 0);
	ST_EXPECT_EQ(t, IC_VSS_OP_DELETE, 1);
	ST_EXPECT_EQ(t, IC_VSS_OP_CHECK_HOT_BACKUP, 2);
	ST_EXPECT_EQ(t, IC_VSS_OP_GET_DM_INFO, 3);
	ST_EXPECT_EQ(t, IC_VSS_OP_BACKUP_COMPLETE, 4);
	ST_EXPECT_EQ(t, IC_VSS_OP_FREEZE, 5);
	ST_EXPECT_EQ(t, IC_VSS_OP_THAW, 6);
	ST_EXPECT_EQ(t, IC_VSS_OP_AUTO_RECOVER, 7);
	ST_EXPECT_EQ(t, IC_VSS_OP_QUERY_CLUSTER_INFO, 8);
	ST_EXPECT_EQ(t, IC_VSS_HBU_NO_AUTO_RECOVERY, 0x5);

	ST_EXPECT_EQ(t, IC_FCOPY_OP_START, 0);
	ST_EXPECT_EQ(t, IC_FCOPY_OP_WRITE, 1);
	ST_EXPECT_EQ(t, IC_FCOPY_OP_COMPLETE, 2);
	ST_EXPECT_EQ(t, IC_FCOPY_OP_CANCEL, 3);
	ST_EXPECT_EQ(t, IC_FCOPY_OVERWRITE, 0x1);
	ST_EXPECT_EQ(t, IC_FCOPY_CREATE_PATH, 0x2);
}

SELFTEST(ic_sizes_match_fact_sheet)
{
	ST_EXPECT_EQ(t, sizeof(struct ic_pipe_hdr), 8);
	ST_EXPECT_EQ(t, sizeof(struct ic_hdr), 28);
	ST_EXPECT_EQ(t, sizeof(struct ic_ver), 4);
	ST_EXPECT_EQ(t, sizeof(struct ic_negotiate), 8);
	ST_EXPECT_EQ(t, sizeof(struct ic_shutdown), 2060);
	ST_EXPECT_EQ(t, IC_SHUTDOWN_MIN_SIZE, 2060);
	ST_EXPECT_EQ(t, IC_HEARTBEAT_MIN_SIZE, 8);
	ST_EXPECT_EQ(t, IC_TIMESYNC_MIN_SIZE, 25);
	ST_EXPECT_EQ(t, IC_TIMESYNC4_MIN_SIZE, 22);
	ST_EXPECT_EQ(t, IC_VSS_MIN_SIZE, 12);
	ST_EXPECT_EQ(t, sizeof(struct ic_vss), 12);
	ST_EXPECT_EQ(t, sizeof(struct ic_kvp_hdr), 4);
	ST_EXPECT_EQ(t, sizeof(struct ic_kvp_value), 2572);
	ST_EXPECT_EQ(t, sizeof(struct ic_kvp_delete), 4 + 512);
	ST_EXPECT_EQ(t, sizeof(struct ic_kvp_enumerate), 4 + 2572);
	ST_EXPECT_EQ(t, sizeof(struct ic_kvp_msg), 4 + 4 + 2572);
	ST_EXPECT_EQ(t, sizeof(struct ic_kvp_ip_info), 7426);
	ST_EXPECT_EQ(t, sizeof(struct ic_kvp_ip_msg), 2 + 7426);
	ST_EXPECT_EQ(t, sizeof(struct ic_fcopy_hdr), 36);
	ST_EXPECT_EQ(t, sizeof(struct ic_fcopy_start), 1088);
	ST_EXPECT_EQ(t, sizeof(struct ic_fcopy_write), 6196);
	/* An IP-info message does not fit a 4 KiB receive buffer. */
	ST_EXPECT(t, IC_HDR_SIZE + sizeof(struct ic_kvp_ip_msg) > 4096);
}

SELFTEST(ic_version_lists_match_fact_sheet)
{
	static const u32 fw[] = IC_FW_VERSIONS;
	static const u32 fw3[] = IC_FW_VERSIONS_V3_ONLY;
	static const u32 hb[] = IC_HB_MSG_VERSIONS;
	static const u32 sd[] = IC_SD_MSG_VERSIONS;
	static const u32 ts[] = IC_TS_MSG_VERSIONS;
	static const u32 kvp[] = IC_KVP_MSG_VERSIONS;
	static const u32 vss[] = IC_VSS_MSG_VERSIONS;
	static const u32 fcopy[] = IC_FCOPY_MSG_VERSIONS;

	ST_EXPECT_EQ(t, IC_VER(3, 2), 0x00030002);
	ST_EXPECT_EQ(t, IC_VER_MAJOR(IC_VER(4, 0)), 4);
	ST_EXPECT_EQ(t, IC_VER_MINOR(IC_VER(1, 1)), 1);
	ST_EXPECT(t, IC_VER(3, 2) > IC_VER(3, 1));
	ST_EXPECT(t, IC_VER(4, 0) > IC_VER(3, 2));

	ST_EXPECT_EQ(t, ARRAY_SIZE(fw), IC_FW_VERSION_COUNT);
	ST_EXPECT_EQ(t, fw[0], IC_VER(3, 0));
	ST_EXPECT_EQ(t, fw[1], IC_VER(1, 0));
	ST_EXPECT_EQ(t, ARRAY_SIZE(fw3), IC_FW_VERSION_V3_ONLY_COUNT);
	ST_EXPECT_EQ(t, fw3[0], IC_VER(3, 0));

	ST_EXPECT_EQ(t, ARRAY_SIZE(hb), IC_HB_MSG_VERSION_COUNT);
	ST_EXPECT_EQ(t, hb[0], IC_VER(3, 0));
	ST_EXPECT_EQ(t, hb[1], IC_VER(1, 0));

	ST_EXPECT_EQ(t, ARRAY_SIZE(sd), IC_SD_MSG_VERSION_COUNT);
	ST_EXPECT_EQ(t, sd[0], IC_VER(3, 2));
	ST_EXPECT_EQ(t, sd[1], IC_VER(3, 1));
	ST_EXPECT_EQ(t, sd[2], IC_VER(3, 0));
	ST_EXPECT_EQ(t, sd[3], IC_VER(1, 0));

	ST_EXPECT_EQ(t, ARRAY_SIZE(ts), IC_TS_MSG_VERSION_COUNT);
	ST_EXPECT_EQ(t, ts[0], IC_VER(4, 0));
	ST_EXPECT_EQ(t, ts[1], IC_VER(3, 0));
	ST_EXPECT_EQ(t, ts[2], IC_VER(1, 0));

	ST_EXPECT_EQ(t, ARRAY_SIZE(kvp), IC_KVP_MSG_VERSION_COUNT);
	ST_EXPECT_EQ(t, kvp[0], IC_VER(4, 0));
	ST_EXPECT_EQ(t, kvp[1], IC_VER(3, 0));
	ST_EXPECT_EQ(t, kvp[2], IC_VER(1, 0));
	ST_EXPECT_EQ(t, IC_KVP_VER_5_0, IC_VER(5, 0));

	ST_EXPECT_EQ(t, ARRAY_SIZE(vss), IC_VSS_MSG_VERSION_COUNT);
	ST_EXPECT_EQ(t, vss[0], IC_VER(5, 0));
	ST_EXPECT_EQ(t, IC_VSS_VER_4_0, IC_VER(4, 0));
	ST_EXPECT_EQ(t, IC_VSS_VER_6_0, IC_VER(6, 0));
	ST_EXPECT_EQ(t, IC_VSS_VER_7_0, IC_VER(7, 0));

	ST_EXPECT_EQ(t, ARRAY_SIZE(fcopy), IC_FCOPY_MSG_VERSION_COUNT);
	ST_EXPECT_EQ(t, fcopy[0], IC_VER(1, 1));
}

SELFTEST(ic_negotiate_decodes_counts_and_versions)
{
	static const u32 fw_pref[] = IC_FW_VERSIONS;
	static const u32 sd_pref[] = IC_SD_MSG_VERSIONS;
	/* Host offers framework 1.0, 3.0 and shutdown 1.0, 3.0, 3.1. */
	static const unsigned int host_vers[5][2] = {
		{ 1, 0 }, { 3, 0 }, { 1, 0 }, { 3, 0 }, { 3, 1 },
	};
	u8 img[IC_HDR_SIZE + 8 + 5 * 4] = { 0 };
	struct ic_hdr hdr;
	struct ic_negotiate neg;
	struct ic_ver vers[5];
	unsigned int i;

	it_put_hdr(img, 0, 1, 0, 1, 0, 8 + 5 * 4, 7, 0x3);
	it_put16(img + 28, 2);		/* F */
	it_put16(img + 30, 3);		/* M */
	it_put32(img + 32, 0);
	for (i = 0; i < 5; i++) {
		it_put16(img + 36 + 4 * i, host_vers[i][0]);
		it_put16(img + 38 + 4 * i, host_vers[i][1]);
	}

	memcpy(&hdr, img, sizeof(hdr));
	ST_EXPECT_EQ(t, hdr.pipe.type, IC_PIPE_TYPE_DATA);
	ST_EXPECT_EQ(t, hdr.pipe.size, 20 + 28);
	ST_EXPECT_EQ(t, hdr.fw_ver.major, 1);
	ST_EXPECT_EQ(t, hdr.fw_ver.minor, 0);
	ST_EXPECT_EQ(t, hdr.msg_type, IC_MSG_NEGOTIATE);
	ST_EXPECT_EQ(t, hdr.msg_ver.major, 1);
	ST_EXPECT_EQ(t, hdr.msg_size, 28);
	ST_EXPECT_EQ(t, hdr.status, IC_STATUS_OK);
	ST_EXPECT_EQ(t, hdr.trans_id, 7);
	ST_EXPECT_EQ(t, hdr.flags, IC_FLAG_TRANSACTION | IC_FLAG_REQUEST);

	memcpy(&neg, img + IC_BODY_OFFSET, sizeof(neg));
	ST_EXPECT_EQ(t, neg.fw_count, 2);
	ST_EXPECT_EQ(t, neg.msg_count, 3);
	ST_EXPECT_EQ(t, neg.reserved, 0);
	ST_EXPECT(t, neg.fw_count <= IC_NEGOTIATE_MAX_VERSIONS);
	ST_EXPECT(t, neg.msg_count <= IC_NEGOTIATE_MAX_VERSIONS);
	ST_EXPECT(t, IC_BODY_OFFSET + sizeof(neg) +
		  (neg.fw_count + neg.msg_count) * sizeof(struct ic_ver) <=
		  sizeof(img));

	memcpy(vers, img + IC_BODY_OFFSET + sizeof(neg), sizeof(vers));
	for (i = 0; i < 5; i++) {
		ST_EXPECT_EQ(t, vers[i].major, host_vers[i][0]);
		ST_EXPECT_EQ(t, vers[i].minor, host_vers[i][1]);
	}

	/* The preference lists pick framework 3.0 and shutdown 3.1. */
	ST_EXPECT_EQ(t, it_pick(fw_pref, ARRAY_SIZE(fw_pref), vers,
				neg.fw_count), IC_VER(3, 0));
	ST_EXPECT_EQ(t, it_pick(sd_pref, ARRAY_SIZE(sd_pref),
				vers + neg.fw_count, neg.msg_count),
		     IC_VER(3, 1));
}

SELFTEST(ic_heartbeat_decodes)
{
	u8 img[IC_HDR_SIZE + 16] = { 0 };
	struct ic_hdr hdr;
	struct ic_heartbeat hb;

	it_put_hdr(img, 1, 3, 0, 3, 0, 16, 0x42, 0x3);
	it_put64(img + 28, 0x0102030405060708ULL);
	it_put32(img + 36, 1);

	memcpy(&hdr, img, sizeof(hdr));
	ST_EXPECT_EQ(t, hdr.msg_type, IC_MSG_HEARTBEAT);
	ST_EXPECT_EQ(t, hdr.msg_ver.major, 3);
	ST_EXPECT_EQ(t, hdr.msg_size, 16);
	ST_EXPECT_EQ(t, hdr.trans_id, 0x42);
	memcpy(&hb, img + IC_BODY_OFFSET, sizeof(hb));
	ST_EXPECT_EQ(t, hb.seq, 0x0102030405060708ULL);
	ST_EXPECT_EQ(t, hb.app_state, IC_HB_STATE_HEALTHY);
	ST_EXPECT(t, hdr.msg_size >= IC_HEARTBEAT_MIN_SIZE);
}

SELFTEST(ic_shutdown_decodes)
{
	static const char text[] = "Restart for update";
	u8 *img = calloc(1, IC_HDR_SIZE + 2060);
	struct ic_hdr hdr;
	struct ic_shutdown sd;

	ST_EXPECT(t, img);
	if (!img)
		return;
	it_put_hdr(img, 3, 3, 0, 3, 2, 2060, 1, 0x3);
	it_put32(img + 28, 0x80000000);	/* reason: planned */
	it_put32(img + 32, 30);
	it_put32(img + 36, 0x3);		/* force + restart */
	memcpy(img + 40, text, sizeof(text));

	memcpy(&hdr, img, sizeof(hdr));
	ST_EXPECT_EQ(t, hdr.msg_type, IC_MSG_SHUTDOWN);
	ST_EXPECT_EQ(t, hdr.msg_ver.minor, 2);
	ST_EXPECT_EQ(t, hdr.msg_size, IC_SHUTDOWN_MIN_SIZE);
	memcpy(&sd, img + IC_BODY_OFFSET, sizeof(sd));
	ST_EXPECT_EQ(t, sd.reason, 0x80000000);
	ST_EXPECT_EQ(t, sd.timeout_sec, 30);
	ST_EXPECT_EQ(t, sd.flags, IC_SHUTDOWN_FORCE | IC_SHUTDOWN_RESTART);
	ST_EXPECT(t, !(sd.flags & IC_SHUTDOWN_HIBERNATE));
	ST_EXPECT_MEM(t, sd.message, text, sizeof(text));
	free(img);
}

SELFTEST(ic_timesync_v4_decodes)
{
	/* 2023-11-14 22:13:20 UTC = Unix 1700000000 s. */
	const unsigned long long unix_100ns = 1700000000ULL * 10000000ULL;
	u8 img[IC_HDR_SIZE + 28] = { 0 };
	struct ic_hdr hdr;
	struct ic_timesync4 ts;
	struct ic_timesync old;

	it_put_hdr(img, 4, 3, 0, 4, 0, 24, 9, 0x3);
	it_put64(img + 28, 116444736000000000ULL + unix_100ns);
	it_put64(img + 36, 0x0000123456789abcULL);
	img[44] = 0x1;		/* SYNC */
	img[45] = 0;		/* leap indicator */
	img[46] = 2;		/* stratum */

	memcpy(&hdr, img, sizeof(hdr));
	ST_EXPECT_EQ(t, hdr.msg_type, IC_MSG_TIMESYNC);
	ST_EXPECT_EQ(t, IC_VER(hdr.msg_ver.major, hdr.msg_ver.minor),
		     IC_TS_VER_4_0);
	memcpy(&ts, img + IC_BODY_OFFSET, sizeof(ts));
	ST_EXPECT_EQ(t, ts.parent_time - IC_TS_EPOCH_DELTA, unix_100ns);
	ST_EXPECT_EQ(t, (ts.parent_time - IC_TS_EPOCH_DELTA) / 10000000ULL,
		     1700000000ULL);
	ST_EXPECT_EQ(t, ts.ref_time, 0x0000123456789abcULL);
	ST_EXPECT_EQ(t, ts.flags, IC_TS_FLAG_SYNC);
	ST_EXPECT_EQ(t, ts.leap, 0);
	ST_EXPECT_EQ(t, ts.stratum, 2);

	/* The pre-4.0 body: flags at body offset 24. */
	memset(img + 28, 0, 28);
	it_put64(img + 28, 116444736000000000ULL);
	it_put64(img + 44, 1234);
	img[28 + 24] = 0x2;		/* body offset 24: SAMPLE */
	memcpy(&old, img + IC_BODY_OFFSET, IC_TIMESYNC_MIN_SIZE);
	ST_EXPECT_EQ(t, old.parent_time, IC_TS_EPOCH_DELTA);
	ST_EXPECT_EQ(t, old.round_trip, 1234);
	ST_EXPECT_EQ(t, old.flags, IC_TS_FLAG_SAMPLE);
}

SELFTEST(ic_kvp_set_decodes)
{
	/* Key "ab" and value "x", UTF-16LE with NUL. */
	static const u8 key[6] = { 'a', 0, 'b', 0, 0, 0 };
	static const u8 val[4] = { 'x', 0, 0, 0 };
	const unsigned int body = 4 + 2572;
	u8 *img = calloc(1, IC_HDR_SIZE + sizeof(struct ic_kvp_msg));
	struct ic_hdr hdr;
	struct ic_kvp_msg *msg = calloc(1, sizeof(*msg));

	ST_EXPECT(t, img && msg);
	if (!img || !msg)
		goto out;
	it_put_hdr(img, 2, 3, 0, 4, 0, body, 3, 0x3);
	img[28] = 1;			/* SET */
	img[29] = 0;			/* external pool */
	it_put32(img + 32, 1);		/* string */
	it_put32(img + 36, sizeof(key));
	it_put32(img + 40, sizeof(val));
	memcpy(img + 44, key, sizeof(key));
	memcpy(img + 44 + 512, val, sizeof(val));

	memcpy(&hdr, img, sizeof(hdr));
	ST_EXPECT_EQ(t, hdr.msg_type, IC_MSG_KVP);
	ST_EXPECT_EQ(t, hdr.msg_size, body);
	memcpy(msg, img + IC_BODY_OFFSET, body);
	ST_EXPECT_EQ(t, msg->hdr.operation, IC_KVP_OP_SET);
	ST_EXPECT_EQ(t, msg->hdr.pool, IC_KVP_POOL_EXTERNAL);
	ST_EXPECT_EQ(t, msg->set.type, IC_KVP_TYPE_STRING);
	ST_EXPECT_EQ(t, msg->set.key_size, 6);
	ST_EXPECT_EQ(t, msg->set.value_size, 4);
	ST_EXPECT(t, msg->set.key_size <= IC_KVP_KEY_MAX);
	ST_EXPECT(t, msg->set.value_size <= IC_KVP_VALUE_MAX);
	ST_EXPECT_MEM(t, msg->set.key, key, sizeof(key));
	ST_EXPECT_MEM(t, msg->set.value, val, sizeof(val));

	/* ENUMERATE: index at body offset 4, record at 8. */
	memset(msg, 0, sizeof(*msg));
	img[28] = 3;
	img[29] = 2;			/* auto pool */
	it_put32(img + 32, 9);
	it_put32(img + 36, 1);
	memcpy(msg, img + IC_BODY_OFFSET, sizeof(*msg));
	ST_EXPECT_EQ(t, msg->hdr.operation, IC_KVP_OP_ENUMERATE);
	ST_EXPECT_EQ(t, msg->hdr.pool, IC_KVP_POOL_AUTO);
	ST_EXPECT_EQ(t, msg->enumerate.index, 9);
	ST_EXPECT_EQ(t, msg->enumerate.value.type, IC_KVP_TYPE_STRING);

	/* DELETE: key size at body offset 4, key at 8. */
	memset(msg, 0, sizeof(*msg));
	img[28] = 2;
	it_put32(img + 32, sizeof(key));
	memcpy(img + 36, key, sizeof(key));
	memcpy(msg, img + IC_BODY_OFFSET, sizeof(*msg));
	ST_EXPECT_EQ(t, msg->del.key_size, sizeof(key));
	ST_EXPECT_MEM(t, msg->del.key, key, sizeof(key));
out:
	free(msg);
	free(img);
}

SELFTEST(ic_kvp_ip_info_decodes)
{
	const unsigned int body = 2 + 7426;
	u8 *img = calloc(1, IC_HDR_SIZE + body);
	struct ic_kvp_ip_msg *msg = calloc(1, sizeof(*msg));

	ST_EXPECT(t, img && msg);
	if (!img || !msg)
		goto out;
	it_put_hdr(img, 2, 3, 0, 4, 0, body, 4, 0x3);
	img[28] = 5;			/* SET_IP_INFO */
	img[29] = 0;
	/* Record at body offset 2: adapter id, family 256, DHCP 257. */
	it_put16(img + 30, '0');
	img[30 + 256] = 3;
	img[30 + 257] = 1;
	it_put16(img + 30 + 258, '1');	/* addresses */
	it_put16(img + 30 + 2306, '2');	/* subnets */
	it_put16(img + 30 + 4354, '3');	/* gateways */
	it_put16(img + 30 + 5378, '4');	/* DNS */

	memcpy(msg, img + IC_BODY_OFFSET, body);
	ST_EXPECT_EQ(t, msg->operation, IC_KVP_OP_SET_IP_INFO);
	ST_EXPECT_EQ(t, msg->pool, IC_KVP_POOL_EXTERNAL);
	ST_EXPECT_EQ(t, msg->info.adapter_id[0], '0');
	ST_EXPECT_EQ(t, msg->info.addr_family, IC_KVP_ADDR_BOTH);
	ST_EXPECT_EQ(t, msg->info.dhcp, 1);
	ST_EXPECT_EQ(t, msg->info.addresses[0], '1');
	ST_EXPECT_EQ(t, msg->info.subnets[0], '2');
	ST_EXPECT_EQ(t, msg->info.gateways[0], '3');
	ST_EXPECT_EQ(t, msg->info.dns[0], '4');
out:
	free(msg);
	free(img);
}

SELFTEST(ic_vss_freeze_decodes)
{
	u8 img[IC_HDR_SIZE + 12] = { 0 };
	struct ic_hdr hdr;
	struct ic_vss vss;

	it_put_hdr(img, 5, 3, 0, 5, 0, 12, 2, 0x3);
	img[28] = 5;			/* FREEZE */

	memcpy(&hdr, img, sizeof(hdr));
	ST_EXPECT_EQ(t, hdr.msg_type, IC_MSG_VSS);
	ST_EXPECT_EQ(t, IC_VER(hdr.msg_ver.major, hdr.msg_ver.minor),
		     IC_VSS_VER_5_0);
	ST_EXPECT(t, hdr.msg_size >= IC_VSS_MIN_SIZE);
	memcpy(&vss, img + IC_BODY_OFFSET, sizeof(vss));
	ST_EXPECT_EQ(t, vss.operation, IC_VSS_OP_FREEZE);
	ST_EXPECT_EQ(t, vss.flags, 0);

	/* CHECK_HOT_BACKUP reply: flags in the first u32 after 8 bytes. */
	img[28] = 2;
	it_put32(img + 36, 0x5);
	memcpy(&vss, img + IC_BODY_OFFSET, sizeof(vss));
	ST_EXPECT_EQ(t, vss.operation, IC_VSS_OP_CHECK_HOT_BACKUP);
	ST_EXPECT_EQ(t, vss.flags, IC_VSS_HBU_NO_AUTO_RECOVERY);
}

SELFTEST(ic_fcopy_decodes)
{
	u8 *img = calloc(1, sizeof(struct ic_fcopy_write));
	struct ic_fcopy_start *st = calloc(1, sizeof(*st));
	struct ic_fcopy_write *wr = calloc(1, sizeof(*wr));

	ST_EXPECT(t, img && st && wr);
	if (!img || !st || !wr)
		goto out;
	/* START: name at 36, path at 556, flags at 1076, size at 1080. */
	it_put32(img + 0, 0);
	it_put16(img + 36, 'f');
	it_put16(img + 556, '/');
	it_put32(img + 1076, 0x3);
	it_put64(img + 1080, 0x100000000ULL);
	memcpy(st, img, sizeof(*st));
	ST_EXPECT_EQ(t, st->hdr.operation, IC_FCOPY_OP_START);
	ST_EXPECT_EQ(t, st->file_name[0], 'f');
	ST_EXPECT_EQ(t, st->path[0], '/');
	ST_EXPECT_EQ(t, st->flags, IC_FCOPY_OVERWRITE | IC_FCOPY_CREATE_PATH);
	ST_EXPECT_EQ(t, st->file_size, 0x100000000ULL);

	/* WRITE: offset at 40, size at 48, data at 52. */
	memset(img, 0, sizeof(struct ic_fcopy_write));
	it_put32(img + 0, 1);
	it_put64(img + 40, 6144);
	it_put32(img + 48, 10);
	img[52] = 0xab;
	memcpy(wr, img, sizeof(*wr));
	ST_EXPECT_EQ(t, wr->hdr.operation, IC_FCOPY_OP_WRITE);
	ST_EXPECT_EQ(t, wr->offset, IC_FCOPY_CHUNK_SIZE);
	ST_EXPECT_EQ(t, wr->size, 10);
	ST_EXPECT_EQ(t, wr->data[0], 0xab);
out:
	free(wr);
	free(st);
	free(img);
}
