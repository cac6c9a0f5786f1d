// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen hvsim: a simulated Hyper-V host, loaded after hv_vmbus. Loading it
 * attaches the simulated hypervisor to hv_vmbus, which connects at once;
 * unloading it disconnects the guest first.
 *
 * Control plane in debugfs (/sys/kernel/debug/hvsim/):
 *   version       the negotiated VMBus version ("0.0" when none)
 *   max_version   the newest version offered at the next contact (rw)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#include <lumen/vmbus.h>
#include "hvsim.h"

static char *max_version = "5.3";
module_param(max_version, charp, 0444);
MODULE_PARM_DESC(max_version, "Newest VMBus version hvsim offers (major.minor)");

static struct dentry *hvsim_debugfs;

static int hvsim_version_show(struct seq_file *m, void *v)
{
	u32 version = hvsim_server_version();

	seq_printf(m, "%u.%u\n", version >> 16, version & 0xffff);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hvsim_version);

static int hvsim_max_version_show(struct seq_file *m, void *v)
{
	u32 version = hvsim_server_max_version();

	seq_printf(m, "%u.%u\n", version >> 16, version & 0xffff);
	return 0;
}

static int hvsim_max_version_open(struct inode *inode, struct file *file)
{
	return single_open(file, hvsim_max_version_show, NULL);
}

static ssize_t hvsim_max_version_write(struct file *file,
				       const char __user *ubuf, size_t len,
				       loff_t *ppos)
{
	char buf[16];
	u32 version;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	strim(buf);
	ret = vmbus_version_parse(buf, &version);
	if (!ret)
		ret = hvsim_server_set_max_version(version);
	return ret ? ret : len;
}

static const struct file_operations hvsim_max_version_fops = {
	.owner = THIS_MODULE,
	.open = hvsim_max_version_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = hvsim_max_version_write,
};

static int __init hvsim_init(void)
{
	u32 version;
	int ret;

	ret = vmbus_version_parse(max_version, &version);
	if (ret) {
		pr_err("bad max_version '%s'\n", max_version);
		return ret;
	}
	ret = hvsim_hv_init();
	if (ret)
		return ret;
	ret = hvsim_server_init(version);
	if (ret) {
		pr_err("VMBus %s is not a Hyper-V version\n", max_version);
		goto out_hv_exit;
	}
	hvsim_debugfs = debugfs_create_dir("hvsim", NULL);
	debugfs_create_file("version", 0444, hvsim_debugfs, NULL,
			    &hvsim_version_fops);
	debugfs_create_file("max_version", 0644, hvsim_debugfs, NULL,
			    &hvsim_max_version_fops);
	ret = hvsim_hv_attach();
	if (ret)
		goto out_debugfs;
	pr_info("loaded, offering VMBus up to %s\n", max_version);
	return 0;

out_debugfs:
	debugfs_remove_recursive(hvsim_debugfs);
	hvsim_server_exit();
out_hv_exit:
	hvsim_hv_exit();
	return ret;
}
module_init(hvsim_init);

static void __exit hvsim_exit(void)
{
	hvsim_hv_detach();
	debugfs_remove_recursive(hvsim_debugfs);
	hvsim_server_exit();
	hvsim_hv_exit();
	pr_info("unloaded\n");
}
module_exit(hvsim_exit);

MODULE_DESCRIPTION("Lumen simulated Hyper-V host (hvsim)");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(LUMEN);
