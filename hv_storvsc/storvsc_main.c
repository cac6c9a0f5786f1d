// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen: Hyper-V storage driver (hv_storvsc).
 *
 * Module skeleton: it loads and unloads cleanly. The driver itself arrives
 * with its own issue; Documentation/architecture.rst shows where it goes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

static int __init storvsc_init(void)
{
	pr_info("loaded\n");
	return 0;
}
module_init(storvsc_init);

static void __exit storvsc_exit(void)
{
	pr_info("unloaded\n");
}
module_exit(storvsc_exit);

MODULE_DESCRIPTION("Lumen Hyper-V storage driver (hv_storvsc)");
MODULE_LICENSE("GPL");
