// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen: Hyper-V integration services (hv_utils). Module init registers
 * every IC service with the IC framework (ic.c); each service lives in its
 * own file.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <proto/guids.h>
#include "ic.h"

/* Registered in this order, unregistered in reverse. */
static struct lumen_ic_service *const utils_services[] = {
	&lumen_ic_heartbeat,
	&lumen_ic_shutdown,
	&lumen_ic_timesync,
	&lumen_ic_kvp,
	&lumen_ic_vss,
};

/* Every class served, for "vmbus:<guid>" module autoloading. */
static const struct hv_vmbus_device_id utils_ids[] = {
	{ .guid = LUMEN_GUID_IC_HEARTBEAT },
	{ .guid = LUMEN_GUID_IC_SHUTDOWN },
	{ .guid = LUMEN_GUID_IC_TIMESYNC },
	{ .guid = LUMEN_GUID_IC_KVP },
	{ .guid = LUMEN_GUID_IC_VSS },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, utils_ids);

static void utils_unregister(unsigned int n)
{
	while (n--)
		lumen_ic_service_unregister(utils_services[n]);
}

static int __init utils_init(void)
{
	unsigned int i;
	int ret;

	lumen_ic_init();
	for (i = 0; i < ARRAY_SIZE(utils_services); i++) {
		ret = lumen_ic_service_register(utils_services[i]);
		if (ret) {
			pr_err("%s: registration failed: %d\n",
			       utils_services[i]->name, ret);
			utils_unregister(i);
			lumen_ic_exit();
			return ret;
		}
	}
	pr_info("loaded\n");
	return 0;
}
module_init(utils_init);

static void __exit utils_exit(void)
{
	utils_unregister(ARRAY_SIZE(utils_services));
	lumen_ic_exit();
	pr_info("unloaded\n");
}
module_exit(utils_exit);

MODULE_DESCRIPTION("Lumen Hyper-V integration services (hv_utils)");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(LUMEN);
