// SPDX-License-Identifier: GPL-2.0
/*
 * Heartbeat IC service: answer each heartbeat with its sequence number
 * plus one, so the host sees the guest alive.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <proto/guids.h>
#include "ic.h"

static const u32 heartbeat_fw_versions[] = IC_FW_VERSIONS;
static const u32 heartbeat_msg_versions[] = IC_HB_MSG_VERSIONS;

static_assert(ARRAY_SIZE(heartbeat_fw_versions) == IC_FW_VERSION_COUNT);
static_assert(ARRAY_SIZE(heartbeat_msg_versions) == IC_HB_MSG_VERSION_COUNT);

static int heartbeat_message(struct lumen_ic *ic, struct lumen_ic_req *req)
{
	u64 seq;
	int ret;

	if (req->info.type != IC_MSG_HEARTBEAT)
		return -EBADRQC;
	ret = ic_heartbeat_parse(req->body, req->body_len, &seq);
	if (ret)
		return ret;
	/* Wraps at 2^64 as the host's counter does. */
	ic_heartbeat_set_seq(req->body, seq + 1);
	return LUMEN_IC_REPLY;
}

struct lumen_ic_service lumen_ic_heartbeat = {
	.name = "heartbeat",
	.class_id = LUMEN_GUID_IC_HEARTBEAT,
	.fw_versions = heartbeat_fw_versions,
	.fw_count = ARRAY_SIZE(heartbeat_fw_versions),
	.msg_versions = heartbeat_msg_versions,
	.msg_count = ARRAY_SIZE(heartbeat_msg_versions),
	.message = heartbeat_message,
};
