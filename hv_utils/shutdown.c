// SPDX-License-Identifier: GPL-2.0
/*
 * Shutdown IC service: the host asks the guest to power off, reboot or
 * hibernate. The guest answers first, then starts the action from a work
 * item: orderly_poweroff() / orderly_reboot(), which run the userspace
 * poweroff / reboot commands (init shuts the system down in order).
 *
 * Hibernation: hibernate() is not available to modules, so the request
 * goes to userspace ("disk" written to /sys/power/state) and is accepted
 * only on a kernel built with hibernation support.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/umh.h>
#include <linux/workqueue.h>
#include <proto/guids.h>
#include "ic.h"

static const u32 shutdown_fw_versions[] = IC_FW_VERSIONS;
static const u32 shutdown_msg_versions[] = IC_SD_MSG_VERSIONS;

static_assert(ARRAY_SIZE(shutdown_fw_versions) == IC_FW_VERSION_COUNT);
static_assert(ARRAY_SIZE(shutdown_msg_versions) == IC_SD_MSG_VERSION_COUNT);

static void shutdown_poweroff_fn(struct work_struct *work)
{
	orderly_poweroff(true);
}

static void shutdown_reboot_fn(struct work_struct *work)
{
	orderly_reboot();
}

static void shutdown_hibernate_fn(struct work_struct *work)
{
	char *argv[4], *envp[2];
	int ret;

	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = "echo disk > /sys/power/state";
	argv[3] = NULL;
	envp[0] = "PATH=/sbin:/bin:/usr/sbin:/usr/bin";
	envp[1] = NULL;

	ret = call_usermodehelper(argv[0], argv, envp, UMH_WAIT_PROC);
	if (ret)
		pr_err("hibernation failed: %d\n", ret);
}

/*
 * Module-wide: there is one shutdown channel, and a request accepted once
 * ends the system whatever happens to the device afterwards.
 */
static DECLARE_WORK(shutdown_poweroff_work, shutdown_poweroff_fn);
static DECLARE_WORK(shutdown_reboot_work, shutdown_reboot_fn);
static DECLARE_WORK(shutdown_hibernate_work, shutdown_hibernate_fn);

static bool shutdown_can_hibernate(void)
{
	return IS_ENABLED(CONFIG_HIBERNATION);
}

static int shutdown_message(struct lumen_ic *ic, struct lumen_ic_req *req)
{
	struct ic_shutdown_info sd;
	struct work_struct *work;
	int ret;

	if (req->info.type != IC_MSG_SHUTDOWN)
		return -EBADRQC;
	ret = ic_shutdown_parse(req->body, req->body_len, &sd);
	if (ret == -ERANGE) {
		dev_info(lumen_ic_dev(ic), "shutdown request with unknown flags %#x refused\n",
			 sd.flags);
		req->status = IC_STATUS_FAIL;
		return LUMEN_IC_REPLY;
	}
	if (ret)
		return ret;
	switch (sd.action) {
	case IC_SHUTDOWN_ACT_POWEROFF:
		dev_info(lumen_ic_dev(ic), "power off requested by the host\n");
		work = &shutdown_poweroff_work;
		break;
	case IC_SHUTDOWN_ACT_REBOOT:
		dev_info(lumen_ic_dev(ic), "reboot requested by the host\n");
		work = &shutdown_reboot_work;
		break;
	default:
		if (!shutdown_can_hibernate()) {
			dev_info(lumen_ic_dev(ic), "hibernation requested, not supported\n");
			req->status = IC_STATUS_FAIL;
			return LUMEN_IC_REPLY;
		}
		dev_info(lumen_ic_dev(ic), "hibernation requested by the host\n");
		work = &shutdown_hibernate_work;
		break;
	}
	/* The host must have its answer before the guest goes down. */
	ret = lumen_ic_reply(ic, IC_STATUS_OK, req->body, req->reply_len);
	if (ret)
		dev_err(lumen_ic_dev(ic), "shutdown reply failed: %d\n", ret);
	schedule_work(work);
	return LUMEN_IC_DEFER;
}

/* Module unload must not leave a work item queued. */
static void shutdown_remove(struct lumen_ic *ic)
{
	flush_work(&shutdown_poweroff_work);
	flush_work(&shutdown_reboot_work);
	flush_work(&shutdown_hibernate_work);
}

struct lumen_ic_service lumen_ic_shutdown = {
	.name = "shutdown",
	.class_id = LUMEN_GUID_IC_SHUTDOWN,
	.fw_versions = shutdown_fw_versions,
	.fw_count = ARRAY_SIZE(shutdown_fw_versions),
	.msg_versions = shutdown_msg_versions,
	.msg_count = ARRAY_SIZE(shutdown_msg_versions),
	.remove = shutdown_remove,
	.message = shutdown_message,
};
