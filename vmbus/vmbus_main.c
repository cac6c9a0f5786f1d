// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen hv_vmbus: the VMBus core. Module entry: debugfs and the connection
 * state, then real Hyper-V if the kernel found it. VMBus connects when a
 * transport attaches (real Hyper-V here, or hvsim when it loads).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/module.h>

#include "core.h"

static struct dentry *vmbus_debugfs;

static int __init vmbus_init(void)
{
	int ret;

	vmbus_debugfs = debugfs_create_dir("hv_vmbus", NULL);
	ret = vmbus_conn_init(vmbus_debugfs);
	if (ret) {
		debugfs_remove_recursive(vmbus_debugfs);
		return ret;
	}
	ret = vmbus_hyperv_attach();
	if (ret) {
		vmbus_conn_exit();
		debugfs_remove_recursive(vmbus_debugfs);
		return ret;
	}
	pr_info("loaded\n");
	return 0;
}
module_init(vmbus_init);

static void __exit vmbus_exit(void)
{
	vmbus_hyperv_detach();
	vmbus_conn_exit();
	debugfs_remove_recursive(vmbus_debugfs);
	pr_info("unloaded\n");
}
module_exit(vmbus_exit);

MODULE_DESCRIPTION("Lumen VMBus core (hv_vmbus)");
MODULE_LICENSE("GPL");
