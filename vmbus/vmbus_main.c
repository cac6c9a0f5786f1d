// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen: VMBus core (hv_vmbus).
 *
 * Module skeleton: it loads and unloads cleanly. The driver itself arrives
 * with its own issue; Documentation/architecture.rst shows where it goes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

static int __init vmbus_init(void)
{
	pr_info("loaded\n");
	return 0;
}
module_init(vmbus_init);

static void __exit vmbus_exit(void)
{
	pr_info("unloaded\n");
}
module_exit(vmbus_exit);

MODULE_DESCRIPTION("Lumen VMBus core (hv_vmbus)");
MODULE_LICENSE("GPL");
