// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen: simulated Hyper-V host (hvsim).
 *
 * Module skeleton: it loads and unloads cleanly. The driver itself arrives
 * with its own issue; Documentation/architecture.rst shows where it goes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

static int __init hvsim_init(void)
{
	pr_info("loaded\n");
	return 0;
}
module_init(hvsim_init);

static void __exit hvsim_exit(void)
{
	pr_info("unloaded\n");
}
module_exit(hvsim_exit);

MODULE_DESCRIPTION("Lumen simulated Hyper-V host (hvsim)");
MODULE_LICENSE("GPL");
