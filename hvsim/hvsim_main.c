// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen hvsim: a simulated Hyper-V host, loaded after hv_vmbus. Loading it
 * attaches the simulated hypervisor to hv_vmbus, which connects at once;
 * unloading it disconnects the guest first.
 *
 * Control plane in debugfs (/sys/kernel/debug/hvsim/):
 *   version       the negotiated VMBus version ("0.0" when none)
 *   max_version   the newest version offered at the next contact (rw)
 *   devices       one line per device: relid class instance state
 *                 target_vp, then packet counters
 *   add_device    write a class name ("echo", "echo mnf" for a monitored
 *                 one) to hot-add a device
 *   subchannels   write "RELID N": offer N sub-channels of that open
 *                 primary channel
 *   rescind       write a relid to rescind that device (and its
 *                 sub-channels)
 *   stats         server counters (rejected and refused messages)
 *   platform_kexec  write anything: the simulated platform kexecs the
 *                 guest (the guest's kexec UNLOAD path runs)
 *   platform_crash  write anything: the guest's crash path runs, with
 *                 interrupts held back so UNLOAD_RESPONSE must be polled
 *   faults/       fault-injection knobs (faults.c)
 *   <class>/      a device class's own controls (heartbeat/, scsi/, ...)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kstrtox.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <lumen/vmbus.h>
#include "hvsim.h"

static char *max_version = "5.3";
module_param(max_version, charp, 0444);
MODULE_PARM_DESC(max_version, "Newest VMBus version hvsim offers (major.minor)");

static unsigned int echo_devices = 1;
module_param(echo_devices, uint, 0444);
MODULE_PARM_DESC(echo_devices, "Lumen echo test devices offered at load");

static bool mnf;
module_param(mnf, bool, 0444);
MODULE_PARM_DESC(mnf, "Offer the echo devices of echo_devices with a monitor id (MNF)");

static char *devices = "";
module_param(devices, charp, 0444);
MODULE_PARM_DESC(devices, "More devices offered at load: class names, comma-separated");

static struct dentry *hvsim_debugfs;

/* The device classes hvsim offers: add_device and devices= name them. */
static const struct hvsim_dev_class *const hvsim_classes[] = {
	&hvsim_echo_class,
	&hvsim_scsi_class,
	&hvsim_ide_class,
	&hvsim_heartbeat_class,
	&hvsim_shutdown_class,
	&hvsim_timesync_class,
	&hvsim_kvp_class,
	&hvsim_vss_class,
};

/* Add a device of the class called @name; -EINVAL for no such class. */
static int hvsim_add_device(const char *name, bool monitored)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hvsim_classes); i++)
		if (!strcmp(name, hvsim_classes[i]->name))
			return hvsim_server_add_device(hvsim_classes[i],
						       monitored);
	return -EINVAL;
}

/*
 * The devices of the module parameters: echo_devices echo devices, then
 * the classes named in devices, in that order.
 */
static int hvsim_add_load_devices(void)
{
	char *list, *pos, *name;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < echo_devices; i++) {
		ret = hvsim_server_add_device(&hvsim_echo_class, mnf);
		if (ret)
			return ret;
	}
	list = kstrdup(devices ? devices : "", GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	pos = list;
	while ((name = strsep(&pos, ",")) != NULL) {
		name = strim(name);
		if (!*name)
			continue;
		ret = hvsim_add_device(name, false);
		if (ret) {
			pr_err("devices: cannot add '%s' (%d)\n", name, ret);
			break;
		}
	}
	kfree(list);
	return ret;
}

/* Each class with a debugfs hook gets hvsim/<class name>/. */
static void hvsim_class_debugfs(struct dentry *root)
{
	struct dentry *dir;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hvsim_classes); i++) {
		if (!hvsim_classes[i]->debugfs)
			continue;
		dir = debugfs_create_dir(hvsim_classes[i]->name, root);
		hvsim_classes[i]->debugfs(dir);
	}
}

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

static int hvsim_devices_show(struct seq_file *m, void *v)
{
	hvsim_server_show_devices(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hvsim_devices);

static int hvsim_stats_show(struct seq_file *m, void *v)
{
	hvsim_server_show_stats(m);
	hvsim_gpadl_show_stats(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hvsim_stats);

/* Copy a short debugfs write into @buf as a trimmed string. */
static char *hvsim_get_word(const char __user *ubuf, size_t len, char *buf,
			    size_t size)
{
	if (len >= size)
		return ERR_PTR(-EINVAL);
	if (copy_from_user(buf, ubuf, len))
		return ERR_PTR(-EFAULT);
	buf[len] = '\0';
	return strim(buf);
}

static ssize_t hvsim_add_device_write(struct file *file,
				      const char __user *ubuf, size_t len,
				      loff_t *ppos)
{
	char buf[32], *name, *opt;
	bool monitored = false;
	int ret;

	name = hvsim_get_word(ubuf, len, buf, sizeof(buf));
	if (IS_ERR(name))
		return PTR_ERR(name);
	/* "CLASS" or "CLASS mnf". */
	opt = strpbrk(name, " \t");
	if (opt) {
		*opt++ = '\0';
		opt = skip_spaces(opt);
		if (strcmp(opt, "mnf"))
			return -EINVAL;
		monitored = true;
	}
	ret = hvsim_add_device(name, monitored);
	return ret ? ret : len;
}

static const struct file_operations hvsim_add_device_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hvsim_add_device_write,
	.llseek = noop_llseek,
};

static ssize_t hvsim_subchannels_write(struct file *file,
				       const char __user *ubuf, size_t len,
				       loff_t *ppos)
{
	char buf[32], *word, *num;
	u32 relid, count;
	int ret;

	word = hvsim_get_word(ubuf, len, buf, sizeof(buf));
	if (IS_ERR(word))
		return PTR_ERR(word);
	/* "RELID N": two numbers and nothing else. */
	num = strpbrk(word, " \t");
	if (!num)
		return -EINVAL;
	*num++ = '\0';
	ret = kstrtou32(word, 0, &relid);
	if (!ret)
		ret = kstrtou32(skip_spaces(num), 0, &count);
	if (!ret)
		ret = hvsim_server_add_subchannels(relid, count);
	return ret ? ret : len;
}

static const struct file_operations hvsim_subchannels_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hvsim_subchannels_write,
	.llseek = noop_llseek,
};

static ssize_t hvsim_rescind_write(struct file *file, const char __user *ubuf,
				   size_t len, loff_t *ppos)
{
	char buf[16], *word;
	u32 relid;
	int ret;

	word = hvsim_get_word(ubuf, len, buf, sizeof(buf));
	if (IS_ERR(word))
		return PTR_ERR(word);
	ret = kstrtou32(word, 0, &relid);
	if (!ret)
		ret = hvsim_server_rescind(relid);
	return ret ? ret : len;
}

static const struct file_operations hvsim_rescind_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hvsim_rescind_write,
	.llseek = noop_llseek,
};

/* platform_kexec / platform_crash: any write runs the guest's path. */
static ssize_t hvsim_platform_write(struct file *file, const char __user *buf,
				    size_t len, loff_t *ppos)
{
	if (file->private_data)
		hvsim_hv_guest_crash();
	else
		hvsim_hv_guest_kexec();
	return len;
}

static const struct file_operations hvsim_platform_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hvsim_platform_write,
	.llseek = noop_llseek,
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
	if (!ret) {
		ret = hvsim_add_load_devices();
		if (ret)
			hvsim_server_exit();
	}
	if (ret) {
		pr_err("cannot start the VMBus server (max_version %s, %u echo devices): %d\n",
		       max_version, echo_devices, ret);
		goto out_hv_exit;
	}
	hvsim_debugfs = debugfs_create_dir("hvsim", NULL);
	debugfs_create_file("version", 0444, hvsim_debugfs, NULL,
			    &hvsim_version_fops);
	debugfs_create_file("max_version", 0644, hvsim_debugfs, NULL,
			    &hvsim_max_version_fops);
	debugfs_create_file("devices", 0444, hvsim_debugfs, NULL,
			    &hvsim_devices_fops);
	debugfs_create_file("stats", 0444, hvsim_debugfs, NULL,
			    &hvsim_stats_fops);
	debugfs_create_file("add_device", 0200, hvsim_debugfs, NULL,
			    &hvsim_add_device_fops);
	debugfs_create_file("subchannels", 0200, hvsim_debugfs, NULL,
			    &hvsim_subchannels_fops);
	debugfs_create_file("rescind", 0200, hvsim_debugfs, NULL,
			    &hvsim_rescind_fops);
	hvsim_faults_debugfs(hvsim_debugfs);
	hvsim_class_debugfs(hvsim_debugfs);
	debugfs_create_file("platform_kexec", 0200, hvsim_debugfs, NULL,
			    &hvsim_platform_fops);
	debugfs_create_file("platform_crash", 0200, hvsim_debugfs, (void *)1,
			    &hvsim_platform_fops);
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
	/* The guest disconnects first, with the server still answering. */
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
