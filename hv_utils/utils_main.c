// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen: Hyper-V integration services (hv_utils).
 *
 * Module skeleton: it loads and unloads cleanly. The driver itself arrives
 * with its own issue; Documentation/architecture.rst shows where it goes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

static int __init utils_init(void)
{
	pr_info("loaded\n");
	return 0;
}
module_init(utils_init);

static void __exit utils_exit(void)
{
	pr_info("unloaded\n");
}
module_exit(utils_exit);

MODULE_DESCRIPTION("Lumen Hyper-V integration services (hv_utils)");
MODULE_LICENSE("GPL");
