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

#include "channel.h"
#include "core.h"

static struct dentry *vmbus_debugfs;

static int __init vmbus_init(void)
{
	int ret;

	ret = vmbus_bus_init();
	if (ret)
		return ret;
	vmbus_debugfs = debugfs_create_dir("hv_vmbus", NULL);
	ret = vmbus_chan_init();
	if (ret)
		goto out_debugfs;
	ret = vmbus_conn_init(vmbus_debugfs);
	if (ret)
		goto out_chan_exit;
	ret = vmbus_hyperv_attach();
	if (ret)
		goto out_conn_exit;
	pr_info("loaded\n");
	return 0;

out_conn_exit:
	vmbus_conn_exit();
out_chan_exit:
	vmbus_chan_exit();
out_debugfs:
	debugfs_remove_recursive(vmbus_debugfs);
	vmbus_bus_exit();
	return ret;
}
module_init(vmbus_init);

static void __exit vmbus_exit(void)
{
	vmbus_hyperv_detach();
	vmbus_conn_exit();
	vmbus_chan_exit();
	debugfs_remove_recursive(vmbus_debugfs);
	vmbus_bus_exit();
	pr_info("unloaded\n");
}
module_exit(vmbus_exit);

MODULE_DESCRIPTION("Lumen VMBus core (hv_vmbus)");
MODULE_LICENSE("GPL");
