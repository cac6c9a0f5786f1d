// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the shutdown IC, host side. After negotiation the host stays
 * quiet until asked from debugfs, then sends one shutdown request as
 * Hyper-V does (OpenVMM's hyperv_ic): reason "planned", timeout 0, the
 * flags asked for, an empty message, and waits for the guest's status.
 *
 * debugfs hvsim/shutdown/:
 * - request: write "shutdown", "reboot" or "hibernate", optionally
 *   followed by "force", or "flags N" for raw flags (to test refusals).
 *   Fails with ENOTCONN before negotiation and EBUSY while a request is
 *   outstanding.
 * - stats: the IC counters; last_status is the guest's answer.
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <proto/guids.h>
#include "hvsim.h"
#include "ic_host.h"

/* Windows' SHTDN_REASON_FLAG_PLANNED, the reason OpenVMM sends. */
#define HVSIM_SD_REASON_PLANNED	0x80000000

/* Message versions Hyper-V offers for shutdown, oldest first. */
static const u32 hvsim_sd_versions[] = {
	IC_SD_VER_1_0, IC_SD_VER_3_0, IC_SD_VER_3_1, IC_SD_VER_3_2
};

static struct hvsim_ic_stats hvsim_sd_stats;
/* The negotiated shutdown channel, or NULL; under hvsim_mutex. */
static struct hvsim_ic *hvsim_sd_cur;

static void hvsim_sd_opened(struct hvsim_dev *dev)
{
	hvsim_ic_opened(dev);
	hvsim_sd_cur = dev->priv;
}

static void hvsim_sd_destroy(struct hvsim_dev *dev)
{
	if (hvsim_sd_cur == dev->priv)
		hvsim_sd_cur = NULL;
	hvsim_ic_destroy(dev);
}

static void hvsim_sd_closed(struct hvsim_dev *dev)
{
	if (hvsim_sd_cur == dev->priv)
		hvsim_sd_cur = NULL;
	hvsim_ic_closed(dev);
}

static void hvsim_sd_reply(struct hvsim_ic *ic, const struct ic_msg_info *info,
			   const u8 *body)
{
	pr_info("hvsim: shutdown: guest answered %#x\n", info->status);
}

static const struct hvsim_ic_desc hvsim_sd_desc = {
	.name = "shutdown",
	.msg_type = IC_MSG_SHUTDOWN,
	.msg_versions = hvsim_sd_versions,
	.msg_count = ARRAY_SIZE(hvsim_sd_versions),
	.stats = &hvsim_sd_stats,
	.reply = hvsim_sd_reply,
};

static int hvsim_sd_create(struct hvsim_dev *dev)
{
	return hvsim_ic_create(dev, &hvsim_sd_desc, 0);
}

/* "shutdown|reboot|hibernate [force]" or "flags N" to shutdown flags. */
static int hvsim_sd_parse(char *s, u32 *flags)
{
	char *word = strsep(&s, " \t");
	char *arg = s ? strim(s) : NULL;

	if (!strcmp(word, "flags"))
		return arg ? kstrtou32(arg, 0, flags) : -EINVAL;
	if (!strcmp(word, "shutdown"))
		*flags = 0;
	else if (!strcmp(word, "reboot"))
		*flags = IC_SHUTDOWN_RESTART;
	else if (!strcmp(word, "hibernate"))
		*flags = IC_SHUTDOWN_HIBERNATE;
	else
		return -EINVAL;
	if (arg && *arg) {
		if (strcmp(arg, "force"))
			return -EINVAL;
		*flags |= IC_SHUTDOWN_FORCE;
	}
	return 0;
}

static ssize_t hvsim_sd_request_write(struct file *file,
				      const char __user *ubuf, size_t len,
				      loff_t *ppos)
{
	char buf[48];
	u8 *body;
	u32 flags;
	int ret, n;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	ret = hvsim_sd_parse(strim(buf), &flags);
	if (ret)
		return ret;
	body = kmalloc(IC_SHUTDOWN_MIN_SIZE, GFP_KERNEL);
	if (!body)
		return -ENOMEM;
	n = ic_shutdown_build(body, IC_SHUTDOWN_MIN_SIZE,
			      HVSIM_SD_REASON_PLANNED, 0, flags);
	mutex_lock(&hvsim_mutex);
	if (n < 0)
		ret = n;
	else if (!hvsim_sd_cur)
		ret = -ENOTCONN;
	else
		ret = hvsim_ic_send(hvsim_sd_cur,
				    IC_FLAG_TRANSACTION | IC_FLAG_REQUEST,
				    body, n);
	mutex_unlock(&hvsim_mutex);
	kfree(body);
	if (!ret)
		pr_info("hvsim: shutdown: request sent, flags %#x\n", flags);
	return ret ? ret : len;
}

static const struct file_operations hvsim_sd_request_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = hvsim_sd_request_write,
};

static void hvsim_sd_debugfs(struct dentry *dir)
{
	debugfs_create_file("request", 0200, dir, NULL,
			    &hvsim_sd_request_fops);
	hvsim_ic_debugfs_stats(dir, &hvsim_sd_stats);
}

/* The shutdown IC class. */
const struct hvsim_dev_class hvsim_shutdown_class = {
	.name = "shutdown",
	.class_id = LUMEN_GUID_IC_SHUTDOWN,
	.offer_flags = VMBUS_MSG_OFFER_FLAG_NAMED_PIPE,
	.max_packet = HVSIM_IC_MAX_PACKET,
	.packet = hvsim_ic_packet,
	.create = hvsim_sd_create,
	.destroy = hvsim_sd_destroy,
	.opened = hvsim_sd_opened,
	.closed = hvsim_sd_closed,
	.debugfs = hvsim_sd_debugfs,
};
