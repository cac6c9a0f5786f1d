// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: the VMBus connection. Negotiates the newest protocol version
 * both sides speak, requests offers, and unloads on the way out.
 *
 * Every host message arrives here as a private copy (synic.c), is parsed by
 * the shared channel-message table (chmsg.c), routed by hostmsg.c and
 * handled in process context on an ordered workqueue, so messages are
 * handled in the order the host sent them. A message the parser rejects
 * is counted by errno, logged with a ratelimit and dropped; a response
 * nobody waits for is counted as unexpected and dropped. Offers, rescinds
 * and responses the channel layer refuses come back here as errnos and are
 * counted the same way.
 *
 * The connection's own requests (INITIATE_CONTACT, REQUESTOFFERS, UNLOAD)
 * wait for their responses as a channel's requests do (request.c).
 *
 * Locking: connect, disconnect and the kexec path are serialised by the
 * transport mutex in transport.c; the crash path runs alone. They are the
 * only writers of the phase.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include <lumen/chmsg.h>
#include <lumen/hostmsg.h>
#include <lumen/transport.h>
#include <lumen/vmbus.h>
#include <proto/vmbus_msg.h>
#include "channel.h"
#include "core.h"
#include "request.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

/* The versions the guest tries, newest first. */
static const u32 vmbus_conn_versions[] = {
	VMBUS_PROTO_V5_3, VMBUS_PROTO_V5_2, VMBUS_PROTO_V5_1,
	VMBUS_PROTO_V5_0, VMBUS_PROTO_V4_1, VMBUS_PROTO_V4_0,
	VMBUS_PROTO_V3_0, VMBUS_PROTO_V2_4, VMBUS_PROTO_V1_1,
	VMBUS_PROTO_V0_13,
};

static char *max_version = "5.3";
module_param(max_version, charp, 0444);
MODULE_PARM_DESC(max_version, "Newest VMBus version to offer (major.minor)");

#define VMBUS_CONN_TIMEOUT	(10 * HZ)
#define VMBUS_POST_RETRIES	100

/* Errnos of rejected host messages, each with its own counter. */
enum vmbus_bad_kind {
	VMBUS_BAD_PROTO,	/* -EPROTO: malformed */
	VMBUS_BAD_MSGSIZE,	/* -EMSGSIZE: too long */
	VMBUS_BAD_RQC,		/* -EBADRQC: unknown type */
	VMBUS_BAD_RANGE,	/* -ERANGE: value out of bounds */
	VMBUS_BAD_VERSION,	/* -EPROTONOSUPPORT: wrong version/direction */
	VMBUS_BAD_UNEXPECTED,	/* a response nobody waits for */
	VMBUS_BAD_OTHER,
	VMBUS_BAD_KINDS
};

static const char * const vmbus_bad_names[VMBUS_BAD_KINDS] = {
	"bad_proto", "bad_msgsize", "bad_type", "bad_range", "bad_version",
	"unexpected", "bad_other",
};

/**
 * enum vmbus_conn_phase - Where the connection stands.
 * @VMBUS_CONN_DOWN: SynIC off, nothing negotiated.
 * @VMBUS_CONN_CONTACTING: SynIC on, negotiating a version.
 * @VMBUS_CONN_UP: a version is negotiated; messages and channels work.
 * @VMBUS_CONN_KEXECED: a kexec UNLOAD ran: the host forgot every channel
 *	and GPADL, and the SynIC is off. A disconnect tears down only the
 *	guest side.
 * @VMBUS_CONN_CRASHED: a crash UNLOAD ran: as @VMBUS_CONN_KEXECED, but the
 *	SynIC is still on.
 */
enum vmbus_conn_phase {
	VMBUS_CONN_DOWN,
	VMBUS_CONN_CONTACTING,
	VMBUS_CONN_UP,
	VMBUS_CONN_KEXECED,
	VMBUS_CONN_CRASHED,
};

/**
 * struct vmbus_conn_state - The guest's side of the connection.
 * @ops: the transport connected over; set while not %VMBUS_CONN_DOWN.
 * @phase: &enum vmbus_conn_phase; written by connect, disconnect and the
 *	kexec and crash paths (which the transport serialises), read
 *	anywhere with READ_ONCE().
 * @wq: ordered workqueue handling host messages.
 * @version: the negotiated version, valid in %VMBUS_CONN_UP.
 * @msg_conn_id: connection id for posting messages.
 * @target_vp: VP index that receives channel messages.
 * @int_page: legacy interrupt page (versions before 5.0).
 * @monitor: the two monitor pages, parent-to-child and child-to-parent.
 * @offers: OFFERCHANNEL messages received.
 * @bad: rejected host messages by kind.
 */
struct vmbus_conn_state {
	const struct lumen_transport_ops *ops;
	enum vmbus_conn_phase phase;
	struct workqueue_struct *wq;
	u32 version;
	u32 msg_conn_id;
	u32 target_vp;
	void *int_page;
	void *monitor[2];
	atomic64_t offers;
	atomic64_t bad[VMBUS_BAD_KINDS];
};

static struct vmbus_conn_state vmbus_conn;

/**
 * struct vmbus_conn_work - One host message on its way to the handler.
 * @work: queued on &vmbus_conn_state.wq.
 * @size: bytes in @payload.
 * @payload: private copy of the message.
 */
struct vmbus_conn_work {
	struct work_struct work;
	u32 size;
	u8 payload[TLFS_MSG_PAYLOAD_MAX];
};

/**
 * vmbus_conn_count_bad() - Count one rejected host message.
 * @err: the errno it was rejected with.
 *
 * Context: any context.
 */
void vmbus_conn_count_bad(int err)
{
	enum vmbus_bad_kind kind;

	switch (err) {
	case -EPROTO:
		kind = VMBUS_BAD_PROTO;
		break;
	case -EMSGSIZE:
		kind = VMBUS_BAD_MSGSIZE;
		break;
	case -EBADRQC:
		kind = VMBUS_BAD_RQC;
		break;
	case -ERANGE:
		kind = VMBUS_BAD_RANGE;
		break;
	case -EPROTONOSUPPORT:
		kind = VMBUS_BAD_VERSION;
		break;
	case -EALREADY:
		kind = VMBUS_BAD_UNEXPECTED;
		break;
	default:
		kind = VMBUS_BAD_OTHER;
		break;
	}
	atomic64_inc(&vmbus_conn.bad[kind]);
}

/**
 * vmbus_conn_version() - The negotiated VMBus version.
 *
 * Context: any context.
 * Return: the version (VMBUS_PROTO_*) while connected, else 0 (which the
 * parser takes as "before contact").
 */
u32 vmbus_conn_version(void)
{
	return READ_ONCE(vmbus_conn.phase) == VMBUS_CONN_UP ?
	       READ_ONCE(vmbus_conn.version) : 0;
}

/*
 * Handle one host message: parse it, route it, and count whatever was
 * rejected on the way, by its errno, here and nowhere else.
 */
static void vmbus_conn_handle(const void *payload, u32 size)
{
	struct vmbus_chmsg msg;
	u32 key;
	int ret;

	ret = vmbus_chmsg_parse(payload, size, VMBUS_CHMSG_DIR_H2G,
				vmbus_conn_version(), &msg);
	trace_lumen_vmbus_msg_recv(ret ? 0 : msg.type, size, ret);
	if (ret) {
		vmbus_conn_count_bad(ret);
		pr_warn_ratelimited("host message rejected: %d\n", ret);
		return;
	}
	switch (vmbus_hostmsg_route(&msg, &key)) {
	case VMBUS_ROUTE_OFFER:
		atomic64_inc(&vmbus_conn.offers);
		ret = vmbus_chan_offer(vmbus_conn.ops, &msg);
		break;
	case VMBUS_ROUTE_RESCIND:
		ret = vmbus_chan_rescind(msg.relid);
		break;
	case VMBUS_ROUTE_CONTACT:
	case VMBUS_ROUTE_OFFERS_DONE:
	case VMBUS_ROUTE_UNLOAD_DONE:
	case VMBUS_ROUTE_WAITER:
		ret = vmbus_waiter_complete(&msg, key);
		if (ret)
			pr_warn_ratelimited("response type %u (relid %u) unexpected\n",
					    msg.type, msg.relid);
		break;
	case VMBUS_ROUTE_NONE:
	default:
		ret = -EALREADY;
		pr_warn_ratelimited("host message type %u not handled\n",
				    msg.type);
		break;
	}
	if (ret)
		vmbus_conn_count_bad(ret);
}

static void vmbus_conn_work_fn(struct work_struct *work)
{
	struct vmbus_conn_work *w = container_of(work, struct vmbus_conn_work,
						 work);

	vmbus_conn_handle(w->payload, w->size);
	kfree(w);
}

/*
 * A host message the SynIC copied out of its slot (softirq): queue the
 * copy for the message workqueue. A slot the SynIC rejected comes as
 * @err and is counted here.
 */
static void vmbus_conn_on_msg(const void *payload, u32 size, int err)
{
	struct vmbus_conn_work *w;

	if (err) {
		vmbus_conn_count_bad(err);
		return;
	}
	w = kmalloc(sizeof(*w), GFP_ATOMIC);
	if (!w) {
		vmbus_conn_count_bad(-ENOMEM);
		pr_err_ratelimited("host message dropped: no memory\n");
		return;
	}
	w->size = size;
	memcpy(w->payload, payload, size);
	INIT_WORK(&w->work, vmbus_conn_work_fn);
	queue_work(vmbus_conn.wq, &w->work);
}

/*
 * Post one message, retrying what Hyper-V reports as transient. Returns
 * 0, -ENXIO for INVALID_CONNECTION_ID, -EIO for any other failure.
 */
static int vmbus_conn_post(const struct lumen_transport_ops *ops, u32 conn_id,
			   const void *msg, u32 size)
{
	u32 type = le32_to_cpu(((const struct vmbus_msg_hdr *)msg)->type);
	int status = TLFS_STATUS_SUCCESS, ret = -EIO;
	unsigned int delay_us = 1, i;

	for (i = 0; i < VMBUS_POST_RETRIES; i++) {
		status = ops->post_message(conn_id, TLFS_MSG_VMBUS, msg, size);
		if (status == TLFS_STATUS_SUCCESS) {
			ret = 0;
			break;
		}
		if (status == TLFS_STATUS_INVALID_CONNECTION_ID) {
			ret = -ENXIO;
			break;
		}
		if (status != TLFS_STATUS_INSUFFICIENT_MEMORY &&
		    status != TLFS_STATUS_INSUFFICIENT_BUFFERS)
			break;
		usleep_range(delay_us, delay_us * 2);
		if (delay_us < 100000)
			delay_us *= 2;
	}
	trace_lumen_vmbus_msg_post(conn_id, type, size, ret);
	if (ret == -EIO)
		pr_err("post of message type %u failed: status %d\n", type,
		       status);
	return ret;
}

/* Arm @w, post @msg on @conn_id, and wait for the response. */
static int vmbus_conn_request_on(const struct lumen_transport_ops *ops,
				 u32 conn_id, struct vmbus_waiter *w,
				 const void *msg, u32 size)
{
	vmbus_waiter_arm(w);
	return vmbus_waiter_wait(w, vmbus_conn_post(ops, conn_id, msg, size));
}

/**
 * vmbus_conn_request() - Post a request and wait for the host's response.
 * @w: the waiter, with @type, @relid and @key (and @timeout) set.
 * @msg: the request.
 * @size: its length.
 *
 * Context: process context, sleeps.
 * Return: 0 with the response in @w->resp, -ENOTCONN when not connected,
 * the post's errno, -ENODEV if the channel was rescinded or the host is
 * gone, or -ETIMEDOUT.
 */
int vmbus_conn_request(struct vmbus_waiter *w, const void *msg, u32 size)
{
	vmbus_waiter_arm(w);
	return vmbus_waiter_wait(w, vmbus_conn_post_msg(msg, size));
}

/* One INITIATE_CONTACT. 0: connected; -EPROTONOSUPPORT or -ENXIO: try older. */
static int vmbus_conn_contact(const struct lumen_transport_ops *ops, u32 version)
{
	struct vmbus_msg_initiate_contact req = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_INITIATE_CONTACT),
		.version = cpu_to_le32(version),
		.target_vp = cpu_to_le32(vmbus_conn.target_vp),
		.monitor_page1 = cpu_to_le64(virt_to_phys(vmbus_conn.monitor[0])),
		.monitor_page2 = cpu_to_le64(virt_to_phys(vmbus_conn.monitor[1])),
	};
	struct vmbus_waiter w = {
		.type = VMBUS_MSG_VERSION_RESPONSE,
		.timeout = VMBUS_CONN_TIMEOUT,
	};
	const struct vmbus_msg_version_response *resp =
		&w.resp.version_response;
	u32 conn_id;
	int ret;

	if (version >= VMBUS_PROTO_V5_0) {
		req.msg_sint = TLFS_VMBUS_SINT;
		conn_id = VMBUS_MSG_CONN_ID_CONTACT;
	} else {
		req.interrupt_page =
			cpu_to_le64(virt_to_phys(vmbus_conn.int_page));
		conn_id = VMBUS_MSG_CONN_ID_MESSAGE;
	}
	ret = vmbus_conn_request_on(ops, conn_id, &w, &req, sizeof(req));
	if (ret)
		return ret;
	if (!resp->version_supported)
		return -EPROTONOSUPPORT;
	if (resp->conn_state != VMBUS_MSG_CONN_STATE_SUCCESS)
		return -ECONNREFUSED;

	conn_id = VMBUS_MSG_CONN_ID_MESSAGE;
	if (version >= VMBUS_PROTO_V5_0) {
		conn_id = le32_to_cpu(resp->msg_conn_id) &
			  VMBUS_MSG_CONN_ID_MASK;
		if (!conn_id) {
			vmbus_conn_count_bad(-EPROTO);
			return -EPROTO;
		}
	}
	vmbus_conn.msg_conn_id = conn_id;
	vmbus_conn.version = version;
	if (version >= VMBUS_PROTO_V2_4)
		vmbus_synic_set_legacy(NULL);
	WRITE_ONCE(vmbus_conn.phase, VMBUS_CONN_UP);
	return 0;
}

/**
 * vmbus_version_parse() - Parse "major.minor" into a VMBus version.
 * @s: the text, e.g. "5.3" or "0.13".
 * @version: the result.
 *
 * Context: any context.
 * Return: 0, or -EINVAL if @s is not of that form.
 */
int vmbus_version_parse(const char *s, u32 *version)
{
	unsigned int major, minor;
	char tail;

	if (sscanf(s, "%u.%u%c", &major, &minor, &tail) != 2 ||
	    major > 0xffff || minor > 0xffff)
		return -EINVAL;
	*version = VMBUS_PROTO_VERSION(major, minor);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(vmbus_version_parse, LUMEN);

static void vmbus_conn_free_pages(void)
{
	vmbus_synic_set_legacy(NULL);
	free_page((unsigned long)vmbus_conn.int_page);
	free_page((unsigned long)vmbus_conn.monitor[0]);
	free_page((unsigned long)vmbus_conn.monitor[1]);
	vmbus_conn.int_page = NULL;
	vmbus_conn.monitor[0] = NULL;
	vmbus_conn.monitor[1] = NULL;
}

/**
 * vmbus_conn_connect() - Connect VMBus over a transport.
 * @ops: the transport being attached.
 *
 * Enables the SynIC, negotiates the newest version both sides speak
 * (no newer than the max_version parameter), requests offers and waits
 * for ALLOFFERS_DELIVERED.
 *
 * Context: process context, sleeps; called with the transport mutex held.
 * Return: 0, -EINVAL for a bad max_version, -ENODEV when no version was
 * accepted, or another negative errno.
 */
int vmbus_conn_connect(const struct lumen_transport_ops *ops)
{
	struct vmbus_msg_request_offers req = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_REQUESTOFFERS),
	};
	struct vmbus_waiter w = {
		.type = VMBUS_MSG_ALLOFFERS_DELIVERED,
		.timeout = VMBUS_CONN_TIMEOUT,
	};
	unsigned int i;
	u32 cap;
	int ret;

	ret = vmbus_version_parse(max_version, &cap);
	if (ret) {
		pr_err("bad max_version '%s'\n", max_version);
		return ret;
	}
	vmbus_conn.int_page = (void *)get_zeroed_page(GFP_KERNEL);
	vmbus_conn.monitor[0] = (void *)get_zeroed_page(GFP_KERNEL);
	vmbus_conn.monitor[1] = (void *)get_zeroed_page(GFP_KERNEL);
	if (!vmbus_conn.int_page || !vmbus_conn.monitor[0] ||
	    !vmbus_conn.monitor[1]) {
		ret = -ENOMEM;
		goto out_free_pages;
	}
	vmbus_conn.target_vp = ops->vp_index(VMBUS_CONNECT_CPU);
	vmbus_conn.ops = ops;
	/* Until a version is agreed, where hosts before 2.4 signal. */
	vmbus_synic_set_legacy(vmbus_conn.int_page);
	ret = vmbus_synic_start(ops, vmbus_conn_on_msg);
	if (ret)
		goto out_free_pages;
	WRITE_ONCE(vmbus_conn.phase, VMBUS_CONN_CONTACTING);

	ret = -ENODEV;
	for (i = 0; i < ARRAY_SIZE(vmbus_conn_versions); i++) {
		u32 v = vmbus_conn_versions[i];

		if (v > cap)
			continue;
		ret = vmbus_conn_contact(ops, v);
		if (ret != -EPROTONOSUPPORT && ret != -ENXIO)
			break;
		ret = -ENODEV;
	}
	if (ret)
		goto out_stop_synic;
	pr_info("connected over %s: VMBus %u.%u, message connection id %u\n",
		ops->name, vmbus_conn.version >> 16,
		vmbus_conn.version & 0xffff, vmbus_conn.msg_conn_id);

	ret = vmbus_conn_request(&w, &req, sizeof(req));
	if (ret) {
		pr_err("offers were not delivered: %d\n", ret);
		goto out_stop_synic;
	}
	/* Every offered device exists (and has probed) before we return. */
	vmbus_chan_flush();
	return 0;

out_stop_synic:
	WRITE_ONCE(vmbus_conn.phase, VMBUS_CONN_DOWN);
	vmbus_synic_stop(ops);
	flush_workqueue(vmbus_conn.wq);
out_free_pages:
	vmbus_conn_free_pages();
	vmbus_conn.ops = NULL;
	return ret;
}

/**
 * vmbus_conn_disconnect() - Unload and disconnect.
 * @ops: the transport being detached.
 *
 * Sends UNLOAD and waits for UNLOAD_RESPONSE on versions that support it
 * (3.0 and newer), then disables the SynIC.
 *
 * Context: process context, sleeps; called with the transport mutex held.
 */
void vmbus_conn_disconnect(const struct lumen_transport_ops *ops)
{
	struct vmbus_msg_unload req = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_UNLOAD),
	};
	struct vmbus_waiter w = {
		.type = VMBUS_MSG_UNLOAD_RESPONSE,
		.timeout = VMBUS_CONN_TIMEOUT,
	};
	enum vmbus_conn_phase phase = READ_ONCE(vmbus_conn.phase);
	bool gone = phase == VMBUS_CONN_KEXECED || phase == VMBUS_CONN_CRASHED;
	int ret;

	if (phase == VMBUS_CONN_DOWN)
		return;
	/* Drivers close their channels while the host still answers. */
	flush_workqueue(vmbus_conn.wq);
	vmbus_chan_flush();
	/* After a kexec or crash UNLOAD nothing may be sent any more. */
	if (gone)
		vmbus_waiter_fail_all();
	vmbus_chan_remove_all();
	if (!gone && vmbus_conn.version >= VMBUS_PROTO_V3_0) {
		ret = vmbus_conn_request(&w, &req, sizeof(req));
		if (ret)
			pr_err("UNLOAD not answered: %d\n", ret);
	}
	WRITE_ONCE(vmbus_conn.phase, VMBUS_CONN_DOWN);
	if (phase != VMBUS_CONN_KEXECED)
		vmbus_synic_stop(ops);
	flush_workqueue(vmbus_conn.wq);
	vmbus_conn_free_pages();
	vmbus_conn.ops = NULL;
	pr_info("disconnected from %s\n", ops->name);
}

/**
 * vmbus_conn_post_msg() - Post a channel message on the message connection.
 * @msg: the message.
 * @size: its length.
 *
 * Context: process context.
 * Return: 0, -ENOTCONN when not connected, -ENXIO or -EIO from the post.
 */
int vmbus_conn_post_msg(const void *msg, u32 size)
{
	if (READ_ONCE(vmbus_conn.phase) != VMBUS_CONN_UP)
		return -ENOTCONN;
	return vmbus_conn_post(vmbus_conn.ops, vmbus_conn.msg_conn_id, msg,
			       size);
}

/**
 * vmbus_conn_legacy_send_int() - Set a relid in the legacy send page.
 * @relid: the channel's relid.
 *
 * Hosts before 2.4 look here to find which channel signalled.
 *
 * Context: any context.
 */
void vmbus_conn_legacy_send_int(u32 relid)
{
	unsigned long *page = vmbus_conn.int_page;

	if (page && relid < VMBUS_MSG_RELID_LIMIT)
		set_bit(relid, (unsigned long *)((u8 *)page +
					  VMBUS_MSG_INTPAGE_SEND_OFFSET));
}

/**
 * vmbus_conn_monitor_signal() - Signal the host through monitor page 2.
 * @monitor_id: the channel's monitor id (below 128; checked at offer).
 *
 * Context: any context.
 */
void vmbus_conn_monitor_signal(u8 monitor_id)
{
	struct tlfs_monitor_page *mon = vmbus_conn.monitor[1];

	if (!mon || monitor_id >= VMBUS_MSG_MONITOR_ID_LIMIT)
		return;
	set_bit(monitor_id % 32, (unsigned long *)
		&mon->trigger_group[monitor_id / 32].pending);
}

/**
 * vmbus_conn_unload_kexec() - UNLOAD before kexec, without driver teardown.
 * @ops: the attached transport.
 *
 * The next kernel contacts the host again; it needs the host to have
 * forgotten this connection. Sends UNLOAD (3.0 and newer), waits for the
 * response, then disables the SynIC.
 *
 * Context: process context, sleeps (the kexec shutdown path).
 */
void vmbus_conn_unload_kexec(const struct lumen_transport_ops *ops)
{
	struct vmbus_msg_unload req = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_UNLOAD),
	};
	struct vmbus_waiter w = {
		.type = VMBUS_MSG_UNLOAD_RESPONSE,
		.timeout = VMBUS_CONN_TIMEOUT,
	};
	u32 version = vmbus_conn_version();

	if (!version)
		return;
	if (version >= VMBUS_PROTO_V3_0 &&
	    vmbus_conn_request(&w, &req, sizeof(req)))
		pr_err("kexec: UNLOAD not answered\n");
	WRITE_ONCE(vmbus_conn.phase, VMBUS_CONN_KEXECED);
	vmbus_chan_host_gone();
	vmbus_waiter_fail_all();
	vmbus_synic_stop(ops);
}

/**
 * vmbus_conn_unload_crash() - UNLOAD from the crash path, for kdump.
 * @ops: the attached transport.
 *
 * Must not sleep or rely on interrupts: posts UNLOAD once and polls every
 * CPU's message slot each 10 ms, for up to 100 s (Azure hosts may take
 * tens of seconds), for UNLOAD_RESPONSE.
 *
 * Context: any context, interrupts possibly off; does not sleep.
 */
void vmbus_conn_unload_crash(const struct lumen_transport_ops *ops)
{
	struct vmbus_msg_unload req = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_UNLOAD),
	};
	unsigned int i;

	if (vmbus_conn_version() < VMBUS_PROTO_V3_0)
		return;
	if (ops->post_message(vmbus_conn.msg_conn_id, TLFS_MSG_VMBUS, &req,
			      sizeof(req)) != TLFS_STATUS_SUCCESS)
		return;
	for (i = 0; i < 100 * 100; i++) {
		if (vmbus_synic_poll_msg(ops, VMBUS_MSG_UNLOAD_RESPONSE))
			break;
		mdelay(10);
	}
	if (i < 100 * 100)
		pr_info("crash: UNLOAD answered (polled %u ms)\n", i * 10);
	else
		pr_err("crash: UNLOAD not answered\n");
	WRITE_ONCE(vmbus_conn.phase, VMBUS_CONN_CRASHED);
	vmbus_chan_host_gone();
}

static int vmbus_conn_version_show(struct seq_file *m, void *v)
{
	u32 version = vmbus_conn_version();

	seq_printf(m, "%u.%u\n", version >> 16, version & 0xffff);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmbus_conn_version);

static int vmbus_conn_stats_show(struct seq_file *m, void *v)
{
	unsigned int i;

	seq_printf(m, "msg_conn_id %u\n", vmbus_conn.msg_conn_id);
	seq_printf(m, "offers %lld\n", atomic64_read(&vmbus_conn.offers));
	for (i = 0; i < VMBUS_BAD_KINDS; i++)
		seq_printf(m, "%s %lld\n", vmbus_bad_names[i],
			   atomic64_read(&vmbus_conn.bad[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmbus_conn_stats);

/**
 * vmbus_conn_init() - Set up the connection state.
 * @debugfs: hv_vmbus's debugfs directory.
 *
 * Context: process context.
 * Return: 0 or -ENOMEM.
 */
int vmbus_conn_init(struct dentry *debugfs)
{
	vmbus_conn.wq = alloc_ordered_workqueue("hv_vmbus_msg", 0);
	if (!vmbus_conn.wq)
		return -ENOMEM;
	debugfs_create_file("version", 0444, debugfs, NULL,
			    &vmbus_conn_version_fops);
	debugfs_create_file("connection", 0444, debugfs, NULL,
			    &vmbus_conn_stats_fops);
	return 0;
}

/**
 * vmbus_conn_exit() - Free the connection state.
 *
 * Context: process context, after every transport detached.
 */
void vmbus_conn_exit(void)
{
	destroy_workqueue(vmbus_conn.wq);
}
