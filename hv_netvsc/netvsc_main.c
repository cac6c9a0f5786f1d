// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen: Hyper-V network driver (hv_netvsc).
 *
 * Module skeleton: it loads and unloads cleanly. The driver itself arrives
 * with its own issue; Documentation/architecture.rst shows where it goes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

static int __init netvsc_init(void)
{
	pr_info("loaded\n");
	return 0;
}
module_init(netvsc_init);

static void __exit netvsc_exit(void)
{
	pr_info("unloaded\n");
}
module_exit(netvsc_exit);

MODULE_DESCRIPTION("Lumen Hyper-V network driver (hv_netvsc)");
MODULE_LICENSE("GPL");
