// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the KVP (key-value pair exchange) IC, host side. Offered as
 * Hyper-V offers it (pipe mode; negotiation by ic_host.c with the host's
 * KVP message versions); requests are built by lib/kvp_msg.c (the
 * pure body code) exactly as Hyper-V sends them: the whole record of the
 * operation, UTF-16LE strings whose sizes count the NUL.
 *
 * debugfs hvsim/kvp/:
 *   ctl    write a command, which waits for the guest's answer (or
 *          %HVSIM_KVP_WAIT), then read the result:
 *            set POOL KEY VALUE     get POOL KEY      delete POOL KEY
 *            enum POOL INDEX        enum_all POOL     ipinfo MAC
 *            setip MAC [ADDRS/MASKS GWS DNS dhcp=0|1]
 *            bad CASE
 *          POOL is 0-4 or external, guest, auto, auto_external,
 *          auto_internal. setip sends SET_IP_INFO for the adapter MAC
 *          (or adapter id): ADDRS and MASKS are ';' separated lists
 *          (one netmask or prefix length per address), GWS and DNS too;
 *          "-" stands for an empty list; the family is IPv6 when an
 *          address holds ':', else IPv4. Without the configuration all
 *          lists are empty and DHCP is 0. "bad" sends a malformed
 *          request (CASE: nonul, oddsize, keysize, valsize, pool, op,
 *          trunc, valtype) and shows the status it got back.
 *   stats  the IC counters.
 *
 * Result lines: "status=0x%08x" then the decoded answer ("key=", "value=",
 * or the IP record), or "error=<errno>" when nothing was answered.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": kvp: " fmt

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <lumen/ic_kvp_msg.h>
#include <lumen/le.h>
#include <proto/guids.h>
#include <proto/vmbus_msg.h>
#include "hvsim.h"
#include "ic_host.h"

/* How long a ctl write waits for the guest (its daemon gets 10 s). */
#define HVSIM_KVP_WAIT		(15 * HZ)
/* Most bytes of result text and of one command. */
#define HVSIM_KVP_OUT_SIZE	16384
#define HVSIM_KVP_CMD_SIZE	4096
/* Most indexes enum_all walks. */
#define HVSIM_KVP_ENUM_MAX	64

/* KVP message versions Hyper-V offers, oldest first (OpenVMM's list). */
static const u32 hvsim_kvp_versions[] = {
	IC_KVP_VER_1_0, IC_KVP_VER_3_0, IC_KVP_VER_4_0, IC_KVP_VER_5_0,
};

static const char *const hvsim_kvp_pools[] = {
	"external", "guest", "auto", "auto_external", "auto_internal",
};

/**
 * struct hvsim_kvp - the host's KVP controls (one KVP device at a time)
 * @cmd_lock: serialises ctl writes; protects @body, @out and @out_len.
 * @ic: the KVP device's IC state, NULL when none (hvsim_mutex).
 * @res_lock: protects @waiting, @status, @err and @res.
 * @waiting: a ctl write waits for an answer.
 * @status: IC status of the answer.
 * @err: ic_kvp_parse() result on the answer.
 * @done: completed by the answer.
 * @res: the decoded answer.
 * @setip: the configuration a setip command sends.
 * @body: the request being sent.
 * @out: result text.
 * @out_len: bytes in @out.
 */
struct hvsim_kvp {
	struct mutex cmd_lock;	/* see above */
	struct hvsim_ic *ic;
	spinlock_t res_lock;	/* see above */
	bool waiting;
	u32 status;
	int err;
	struct completion done;
	struct ic_kvp_req res;
	struct ic_kvp_ip setip;
	u8 body[IC_KVP_IP_MSG_SIZE];
	char out[HVSIM_KVP_OUT_SIZE];
	size_t out_len;
};

static struct hvsim_kvp hvsim_kvp_ctl = {
	.cmd_lock = __MUTEX_INITIALIZER(hvsim_kvp_ctl.cmd_lock),
	.res_lock = __SPIN_LOCK_UNLOCKED(hvsim_kvp_ctl.res_lock),
	.done = COMPLETION_INITIALIZER(hvsim_kvp_ctl.done),
};

static struct hvsim_ic_stats hvsim_kvp_stats;

static void hvsim_kvp_reply(struct hvsim_ic *ic, const struct ic_msg_info *info,
			    const u8 *body)
{
	struct hvsim_kvp *k = &hvsim_kvp_ctl;

	spin_lock(&k->res_lock);
	if (k->waiting) {
		k->status = info->status;
		k->err = ic_kvp_parse(body, info->msg_size, IC_KVP_DIR_REPLY,
				      &k->res);
		k->waiting = false;
		complete(&k->done);
	}
	spin_unlock(&k->res_lock);
}

static const struct hvsim_ic_desc hvsim_kvp_desc = {
	.name = "kvp",
	.msg_type = IC_MSG_KVP,
	.msg_versions = hvsim_kvp_versions,
	.msg_count = ARRAY_SIZE(hvsim_kvp_versions),
	.stats = &hvsim_kvp_stats,
	.reply = hvsim_kvp_reply,
};

static __printf(2, 3) void hvsim_kvp_printf(struct hvsim_kvp *k,
					       const char *fmt, ...)
{
	va_list ap;

	if (k->out_len >= sizeof(k->out) - 1)
		return;
	va_start(ap, fmt);
	k->out_len += vscnprintf(k->out + k->out_len,
				 sizeof(k->out) - k->out_len, fmt, ap);
	va_end(ap);
}

/* Send @len bytes of @k->body and wait for the answer; 0 or an errno. */
static int hvsim_kvp_exchange(struct hvsim_kvp *k, u32 len)
{
	int err;

	lockdep_assert_held(&k->cmd_lock);
	reinit_completion(&k->done);
	spin_lock(&k->res_lock);
	k->waiting = true;
	spin_unlock(&k->res_lock);
	mutex_lock(&hvsim_mutex);
	err = k->ic ? hvsim_ic_send(k->ic, IC_FLAG_TRANSACTION |
				    IC_FLAG_REQUEST, k->body, len) : -ENODEV;
	mutex_unlock(&hvsim_mutex);
	if (!err && !wait_for_completion_timeout(&k->done, HVSIM_KVP_WAIT))
		err = -ETIMEDOUT;
	spin_lock(&k->res_lock);
	k->waiting = false;
	spin_unlock(&k->res_lock);
	return err;
}

/* One request, its result appended to @k->out. */
static int hvsim_kvp_one(struct hvsim_kvp *k, u8 op, u8 pool, u32 index,
			 const char *key, const char *value)
{
	const struct ic_kvp_ip *ip = &k->res.ip;
	int len, err;

	len = ic_kvp_build(k->body, sizeof(k->body), op, pool, index, key,
			   value);
	if (len < 0)
		return len;
	if (op == IC_KVP_OP_SET_IP_INFO) {
		err = ic_kvp_fill_ip(k->body, len, &k->setip);
		if (err)
			return err;
	}
	err = hvsim_kvp_exchange(k, len);
	if (err) {
		hvsim_kvp_printf(k, "error=%d\n", err);
		return err;
	}
	hvsim_kvp_printf(k, "status=0x%08x", k->status);
	/* A failed request's body is the request, echoed: not decoded. */
	if (k->status != IC_STATUS_OK) {
		hvsim_kvp_printf(k, "\n");
		return 0;
	}
	if (k->err) {
		hvsim_kvp_printf(k, " parse_error=%d\n", k->err);
		return 0;
	}
	switch (op) {
	case IC_KVP_OP_GET:
		hvsim_kvp_printf(k, " key=%s value=%s\n", k->res.key,
				 k->res.value);
		break;
	case IC_KVP_OP_ENUMERATE:
		hvsim_kvp_printf(k, " index=%u key=%s value=%s\n", index,
				 k->res.key, k->res.value);
		break;
	case IC_KVP_OP_GET_IP_INFO:
		hvsim_kvp_printf(k, " adapter=%s family=%u dhcp=%u",
				 k->res.key, ip->addr_family, ip->dhcp);
		hvsim_kvp_printf(k, " addresses=%s subnets=%s", ip->addresses,
				 ip->subnets);
		hvsim_kvp_printf(k, " gateways=%s dns=%s\n", ip->gateways,
				 ip->dns);
		break;
	default:
		hvsim_kvp_printf(k, "\n");
		break;
	}
	return 0;
}

/* Offsets the "bad" cases break, inside a GET/SET body. */
#define HVSIM_KVP_KEYSIZE	(IC_KVP_BODY_OFFSET + \
				 offsetof(struct ic_kvp_value, key_size))
#define HVSIM_KVP_VALSIZE	(IC_KVP_BODY_OFFSET + \
				 offsetof(struct ic_kvp_value, value_size))
#define HVSIM_KVP_KEY		(IC_KVP_BODY_OFFSET + \
				 offsetof(struct ic_kvp_value, key))

/* A malformed SET (or other) request named @name. */
static int hvsim_kvp_bad(struct hvsim_kvp *k, const char *name)
{
	int len, err;

	len = ic_kvp_build(k->body, sizeof(k->body), IC_KVP_OP_SET,
			   IC_KVP_POOL_EXTERNAL, 0, "HvsimBadKey", "bad");
	if (len < 0)
		return len;
	if (!strcmp(name, "nonul")) {
		/* The whole key array without a NUL unit. */
		memset(k->body + HVSIM_KVP_KEY, 'A', IC_KVP_KEY_MAX);
		lumen_put_le32(k->body + HVSIM_KVP_KEYSIZE, IC_KVP_KEY_MAX);
	} else if (!strcmp(name, "oddsize")) {
		lumen_put_le32(k->body + HVSIM_KVP_KEYSIZE, 7);
	} else if (!strcmp(name, "keysize")) {
		lumen_put_le32(k->body + HVSIM_KVP_KEYSIZE, 0xffffffff);
	} else if (!strcmp(name, "valsize")) {
		lumen_put_le32(k->body + HVSIM_KVP_VALSIZE, IC_KVP_VALUE_MAX + 2);
	} else if (!strcmp(name, "valtype")) {
		lumen_put_le32(k->body + IC_KVP_BODY_OFFSET, 77);
	} else if (!strcmp(name, "pool")) {
		k->body[1] = 9;
	} else if (!strcmp(name, "op")) {
		k->body[0] = 42;
	} else if (!strcmp(name, "trunc")) {
		len = IC_KVP_BODY_OFFSET + 100;
	} else {
		return -EINVAL;
	}
	err = hvsim_kvp_exchange(k, len);
	if (err)
		hvsim_kvp_printf(k, "error=%d\n", err);
	else
		hvsim_kvp_printf(k, "status=0x%08x\n", k->status);
	return 0;
}

static int hvsim_kvp_pool(const char *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hvsim_kvp_pools); i++)
		if (!strcmp(s, hvsim_kvp_pools[i]) ||
		    (s[0] == '0' + i && !s[1]))
			return i;
	return -EINVAL;
}

/* One list argument of setip into @dst ("-": empty). */
static int hvsim_kvp_list(char *dst, size_t cap, const char *s)
{
	if (!s || !*s)
		return -EINVAL;
	if (!strcmp(s, "-"))
		s = "";
	return strscpy(dst, s, cap) < 0 ? -EMSGSIZE : 0;
}

/* setip MAC [ADDRS/MASKS GWS DNS dhcp=N]: fill @k->setip and send. */
static int hvsim_kvp_setip(struct hvsim_kvp *k, const char *mac, char *rest)
{
	struct ic_kvp_ip *ip = &k->setip;
	char *addr, *mask, *gw, *dns, *dhcp;
	int err;

	memset(ip, 0, sizeof(*ip));
	if (rest) {
		mask = strsep(&rest, " ");
		gw = strsep(&rest, " ");
		dns = strsep(&rest, " ");
		dhcp = strsep(&rest, " ");
		if (rest || !dhcp || strncmp(dhcp, "dhcp=", 5) ||
		    kstrtou8(dhcp + 5, 0, &ip->dhcp))
			return -EINVAL;
		addr = strsep(&mask, "/");
		if (!mask)
			return -EINVAL;
		err = hvsim_kvp_list(ip->addresses, sizeof(ip->addresses),
				     addr);
		if (!err)
			err = hvsim_kvp_list(ip->subnets, sizeof(ip->subnets),
					     mask);
		if (!err)
			err = hvsim_kvp_list(ip->gateways,
					     sizeof(ip->gateways), gw);
		if (!err)
			err = hvsim_kvp_list(ip->dns, sizeof(ip->dns), dns);
		if (err)
			return err;
		ip->addr_family = strchr(ip->addresses, ':') ?
				  IC_KVP_ADDR_IPV6 : IC_KVP_ADDR_IPV4;
	}
	return hvsim_kvp_one(k, IC_KVP_OP_SET_IP_INFO, 0, 0, mac, NULL);
}

/* Run one ctl command (@cmd is modified). */
static int hvsim_kvp_command(struct hvsim_kvp *k, char *cmd)
{
	char *verb, *arg, *key, *rest = cmd;
	u32 index;
	int pool, err;

	verb = strsep(&rest, " ");
	arg = strsep(&rest, " ");
	if (!verb || !arg || !*arg)
		return -EINVAL;
	if (!strcmp(verb, "bad"))
		return hvsim_kvp_bad(k, arg);
	if (!strcmp(verb, "ipinfo"))
		return hvsim_kvp_one(k, IC_KVP_OP_GET_IP_INFO, 0, 0, arg, NULL);
	if (!strcmp(verb, "setip"))
		return hvsim_kvp_setip(k, arg, rest);
	pool = hvsim_kvp_pool(arg);
	if (pool < 0)
		return pool;
	if (!strcmp(verb, "enum_all")) {
		for (index = 0; index < HVSIM_KVP_ENUM_MAX; index++) {
			err = hvsim_kvp_one(k, IC_KVP_OP_ENUMERATE, pool, index,
					    NULL, NULL);
			if (err || k->status != IC_STATUS_OK)
				break;
		}
		return 0;
	}
	if (!strcmp(verb, "enum")) {
		if (!rest || kstrtou32(rest, 0, &index))
			return -EINVAL;
		return hvsim_kvp_one(k, IC_KVP_OP_ENUMERATE, pool, index, NULL,
				     NULL);
	}
	key = strsep(&rest, " ");
	if (!key || !*key)
		return -EINVAL;
	if (!strcmp(verb, "set"))
		return rest ? hvsim_kvp_one(k, IC_KVP_OP_SET, pool, 0, key,
					    rest) : -EINVAL;
	if (rest)
		return -EINVAL;
	if (!strcmp(verb, "get"))
		return hvsim_kvp_one(k, IC_KVP_OP_GET, pool, 0, key, NULL);
	if (!strcmp(verb, "delete"))
		return hvsim_kvp_one(k, IC_KVP_OP_DELETE, pool, 0, key, NULL);
	return -EINVAL;
}

static ssize_t hvsim_kvp_ctl_write(struct file *file, const char __user *ubuf,
				   size_t len, loff_t *ppos)
{
	struct hvsim_kvp *k = &hvsim_kvp_ctl;
	char *cmd;
	int err;

	if (len >= HVSIM_KVP_CMD_SIZE)
		return -EMSGSIZE;
	cmd = memdup_user_nul(ubuf, len);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	strim(cmd);
	mutex_lock(&k->cmd_lock);
	k->out_len = 0;
	k->out[0] = '\0';
	err = hvsim_kvp_command(k, cmd);
	mutex_unlock(&k->cmd_lock);
	kfree(cmd);
	return err ? err : len;
}

static int hvsim_kvp_ctl_show(struct seq_file *m, void *v)
{
	struct hvsim_kvp *k = &hvsim_kvp_ctl;

	mutex_lock(&k->cmd_lock);
	seq_write(m, k->out, k->out_len);
	mutex_unlock(&k->cmd_lock);
	return 0;
}

static int hvsim_kvp_ctl_open(struct inode *inode, struct file *file)
{
	return single_open_size(file, hvsim_kvp_ctl_show, NULL,
				HVSIM_KVP_OUT_SIZE + PAGE_SIZE);
}

static const struct file_operations hvsim_kvp_ctl_fops = {
	.owner = THIS_MODULE,
	.open = hvsim_kvp_ctl_open,
	.read = seq_read,
	.write = hvsim_kvp_ctl_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static void hvsim_kvp_debugfs(struct dentry *dir)
{
	debugfs_create_file("ctl", 0600, dir, NULL, &hvsim_kvp_ctl_fops);
	hvsim_ic_debugfs_stats(dir, &hvsim_kvp_stats);
}

/* One KVP device at a time: the ctl file drives it. */
static int hvsim_kvp_create(struct hvsim_dev *dev)
{
	return hvsim_ic_create_single(dev, &hvsim_kvp_desc,
				      &hvsim_kvp_ctl.ic);
}

static void hvsim_kvp_destroy(struct hvsim_dev *dev)
{
	hvsim_ic_destroy_single(dev, &hvsim_kvp_ctl.ic);
}

/* The KVP IC device class. */
const struct hvsim_dev_class hvsim_kvp_class = {
	.name = "kvp",
	.class_id = LUMEN_GUID_IC_KVP,
	.offer_flags = VMBUS_MSG_OFFER_FLAG_NAMED_PIPE,
	.max_packet = HVSIM_IC_MAX_PACKET,
	.packet = hvsim_ic_packet,
	.create = hvsim_kvp_create,
	.destroy = hvsim_kvp_destroy,
	.opened = hvsim_ic_opened,
	.closed = hvsim_ic_closed,
	.debugfs = hvsim_kvp_debugfs,
};
