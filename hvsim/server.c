// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the VMBus server. It takes the guest's posted channel messages
 * off an inbox, in order, on a workqueue (the real host also answers
 * asynchronously), parses each with the shared channel-message table and
 * answers the way Hyper-V does (OpenVMM's vmbus_server is the reference
 * for every host-side rule that the protocol facts leave open):
 *
 * - Connection ids: the legacy message id (1) always exists; the contact
 *   id (4) exists only on hosts that speak 5.0 or newer, so an older host
 *   fails that post with INVALID_CONNECTION_ID and the guest falls back.
 *   After a 5.0+ handshake only the host-chosen id is accepted.
 * - INITIATE_CONTACT: the version must be one Hyper-V defines, no newer
 *   than the configured newest, and sent on the id its version requires.
 *   One monitor page without the other is a failed connection. Before 2.4
 *   the interrupt page is mapped for the legacy event path. The
 *   VERSION_RESPONSE goes to the requested vCPU from 3.0 on, to VP 0
 *   before.
 * - REQUESTOFFERS (once per connection): a relid for every device, one
 *   OFFERCHANNEL each, then ALLOFFERS_DELIVERED. Devices added later are
 *   offered at once.
 * - GPADL_HEADER/BODY/TEARDOWN: gpadl.c. OPENCHANNEL, CLOSECHANNEL,
 *   MODIFYCHANNEL: channel.c. A channel that was rescinded ignores opens
 *   and closes; its relid stays reserved until RELID_RELEASED.
 * - UNLOAD: honoured from 3.0 on: every channel is closed, every GPADL
 *   dropped, every relid freed, then UNLOAD_RESPONSE; the guest may then
 *   contact again.
 *
 * A well-formed message that the current state does not allow (unknown
 * relid, channel already open, ...) is refused the way OpenVMM refuses
 * it: counted, logged with a ratelimit and dropped, unless OpenVMM answers
 * it with a failure status.
 *
 * Locking: see hvsim.h. hvsim_srv.lock (a spinlock, interrupts off)
 * protects the inbox and the connection fields that the post path reads;
 * everything else is under hvsim_mutex.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include <lumen/chmsg.h>
#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>
#include "hvsim.h"

/* Versions Hyper-V has defined, newest first. */
static const u32 hvsim_versions[] = {
	VMBUS_PROTO_V5_3, VMBUS_PROTO_V5_2, VMBUS_PROTO_V5_1,
	VMBUS_PROTO_V5_0, VMBUS_PROTO_V4_1, VMBUS_PROTO_V4_0,
	VMBUS_PROTO_V3_0, VMBUS_PROTO_V2_4, VMBUS_PROTO_V1_1,
	VMBUS_PROTO_V0_13,
};

/* Serialises the server: message handling, debugfs control, init, exit. */
DEFINE_MUTEX(hvsim_mutex);
struct workqueue_struct *hvsim_wq;

/**
 * struct hvsim_inmsg - A guest-to-host message waiting for the server.
 * @node: entry in &hvsim_server.inbox.
 * @conn_id: connection id it was posted on.
 * @size: bytes in @payload.
 * @payload: private copy of the message.
 */
struct hvsim_inmsg {
	struct list_head node;
	u32 conn_id;
	u32 size;
	u8 payload[TLFS_MSG_PAYLOAD_MAX];
};

/**
 * struct hvsim_server - State of the simulated VMBus server.
 * @lock: protects @inbox, @inbox_len, @version, @msg_conn_id and
 *	@max_version; interrupts off.
 * @inbox: posted messages, oldest first.
 * @inbox_len: entries on @inbox.
 * @work: drains @inbox, each message under hvsim_mutex.
 * @max_version: newest version this host speaks (configurable).
 * @version: negotiated version; 0 while no guest is connected (written
 *	under @lock and hvsim_mutex).
 * @msg_conn_id: id the guest must post on after the handshake.
 * @target_vp: vCPU that receives channel messages (mutex).
 * @offers_sent: REQUESTOFFERS was answered on this connection (mutex).
 * @devices: every &struct hvsim_dev, in the order they were added (mutex).
 * @ndevices: entries on @devices (mutex).
 * @relids: relids in use, offered or rescinded and not yet released
 *	(mutex).
 * @bad_msgs: messages the parser rejected (mutex).
 * @refused: well-formed messages the state did not allow (mutex).
 * @unhandled: well-formed messages hvsim does not serve (mutex).
 * @msg: the message being handled, parsed (work item, under the mutex).
 * @subreqs: sub-channel requests from device protocols
 *	(&struct hvsim_subreq), oldest first (@lock).
 */
struct hvsim_server {
	spinlock_t lock;	/* see above */
	struct list_head inbox;
	unsigned int inbox_len;
	struct work_struct work;
	u32 max_version;
	u32 version;
	u32 msg_conn_id;
	u32 target_vp;
	bool offers_sent;
	struct list_head devices;
	unsigned int ndevices;
	DECLARE_BITMAP(relids, VMBUS_MSG_RELID_LIMIT);
	u64 bad_msgs;
	u64 refused;
	u64 unhandled;
	struct vmbus_chmsg msg;
	struct list_head subreqs;
};

static struct hvsim_server hvsim_srv;

/**
 * struct hvsim_subreq - A device protocol asked for sub-channels.
 * @node: entry in &hvsim_server.subreqs.
 * @relid: the primary channel's relid when it asked.
 * @count: sub-channels wanted.
 */
struct hvsim_subreq {
	struct list_head node;
	u32 relid;
	u32 count;
};

static bool hvsim_version_known(u32 version)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hvsim_versions); i++)
		if (hvsim_versions[i] == version)
			return true;
	return false;
}

/**
 * hvsim_vp_valid() - Is @vp a VP index the simulated partition has?
 * @vp: VP index (hvsim's VP index equals the CPU number).
 *
 * Context: any context.
 * Return: true for an online CPU.
 */
bool hvsim_vp_valid(u32 vp)
{
	return vp < nr_cpu_ids && cpu_online(vp);
}

/* May a message be posted on @conn_id now? Caller holds the lock. */
static bool hvsim_conn_id_valid(u32 conn_id)
{
	if (hvsim_srv.version >= VMBUS_PROTO_V5_0)
		return conn_id == hvsim_srv.msg_conn_id ||
		       conn_id == VMBUS_MSG_CONN_ID_CONTACT;
	if (conn_id == VMBUS_MSG_CONN_ID_MESSAGE)
		return true;
	return conn_id == VMBUS_MSG_CONN_ID_CONTACT &&
	       hvsim_srv.max_version >= VMBUS_PROTO_V5_0;
}

/**
 * hvsim_server_post() - HvCallPostMessage from the guest.
 * @conn_id: connection id.
 * @payload: the channel message.
 * @size: its length.
 *
 * Copies the message and queues it for the server.
 *
 * Context: any context.
 * Return: a TLFS status: SUCCESS, INVALID_CONNECTION_ID,
 * INSUFFICIENT_BUFFERS or INSUFFICIENT_MEMORY.
 */
int hvsim_server_post(u32 conn_id, const void *payload, u32 size)
{
	struct hvsim_inmsg *m;
	unsigned long flags;
	int status = TLFS_STATUS_SUCCESS;

	m = kzalloc(sizeof(*m), GFP_ATOMIC);
	if (!m)
		return TLFS_STATUS_INSUFFICIENT_MEMORY;
	m->conn_id = conn_id & VMBUS_MSG_CONN_ID_MASK;
	m->size = size;
	memcpy(m->payload, payload, size);

	spin_lock_irqsave(&hvsim_srv.lock, flags);
	if (!hvsim_conn_id_valid(m->conn_id)) {
		status = TLFS_STATUS_INVALID_CONNECTION_ID;
	} else if (hvsim_srv.inbox_len >= HVSIM_INBOX_MAX) {
		status = TLFS_STATUS_INSUFFICIENT_BUFFERS;
	} else {
		list_add_tail(&m->node, &hvsim_srv.inbox);
		hvsim_srv.inbox_len++;
		m = NULL;
		queue_work(hvsim_wq, &hvsim_srv.work);
	}
	spin_unlock_irqrestore(&hvsim_srv.lock, flags);
	kfree(m);
	return status;
}

/**
 * hvsim_server_signal() - HvCallSignalEvent from the guest.
 * @conn_id: an open channel's event connection id, or the legacy event id
 *	2 (protocol before 2.4 with an interrupt page).
 *
 * Schedules the channels' work; the rings are read there.
 *
 * Context: any context, hard irq included.
 * Return: a TLFS status: SUCCESS, or INVALID_CONNECTION_ID while no open
 * channel uses @conn_id.
 */
int hvsim_server_signal(u32 conn_id)
{
	return hvsim_chan_signal(conn_id & VMBUS_MSG_CONN_ID_MASK);
}

/* Send one message to the guest, through the message faults. */
static void hvsim_send_now(const void *msg, size_t size)
{
	u32 len, claimed;
	int ret;

	if (hvsim_fault_outgoing(msg, size, &len, &claimed))
		return;
	ret = hvsim_hv_post_raw(hvsim_srv.target_vp, msg, len, claimed);
	if (ret)
		pr_warn_ratelimited("host message lost: %d\n", ret);
}

/**
 * hvsim_send() - Send a channel message to the guest.
 * @msg: the message, header first.
 * @size: its length.
 *
 * Goes to the vCPU the guest named at contact (VP 0 before 3.0). A lost
 * message is logged; Hyper-V does not lose messages, so a test that sees
 * the log line failed. The message faults (faults.c) apply here: a
 * response may be delayed, dropped or held back until the next message
 * (reorder), a message truncated or sent with an oversized payload size.
 *
 * Context: process context, hvsim_mutex held; sleeps while a fault delays.
 */
void hvsim_send(const void *msg, size_t size)
{
	u8 held[TLFS_MSG_PAYLOAD_MAX];
	u32 len;

	lockdep_assert_held(&hvsim_mutex);
	/* The reorder fault holds a response back until the next message. */
	if (hvsim_fault_hold(msg, size))
		return;
	hvsim_send_now(msg, size);
	len = hvsim_fault_take_held(held, sizeof(held));
	if (len)
		hvsim_send_now(held, len);
}

static void hvsim_refuse(const char *what, u32 relid)
{
	hvsim_srv.refused++;
	pr_warn_ratelimited("refused %s (relid %u)\n", what, relid);
}

/**
 * hvsim_dev_by_relid() - The device that holds a relid.
 * @relid: the relid; 0 matches nothing.
 *
 * Context: hvsim_mutex held.
 * Return: the device offered, open or rescinded under @relid, or NULL.
 */
struct hvsim_dev *hvsim_dev_by_relid(u32 relid)
{
	struct hvsim_dev *dev;

	lockdep_assert_held(&hvsim_mutex);
	list_for_each_entry(dev, &hvsim_srv.devices, node)
		if (relid && dev->relid == relid)
			return dev;
	return NULL;
}

/**
 * hvsim_dev_next() - Walk the devices in the order they were added.
 * @dev: the device before, or NULL for the first.
 *
 * Context: hvsim_mutex held across the whole walk.
 * Return: the next device, or NULL after the last.
 */
struct hvsim_dev *hvsim_dev_next(struct hvsim_dev *dev)
{
	lockdep_assert_held(&hvsim_mutex);
	if (!dev)
		return list_first_entry_or_null(&hvsim_srv.devices,
						struct hvsim_dev, node);
	if (list_is_last(&dev->node, &hvsim_srv.devices))
		return NULL;
	return list_next_entry(dev, node);
}

/**
 * hvsim_relid_in_use() - Does a device hold this relid?
 * @relid: any value.
 *
 * Context: hvsim_mutex held.
 * Return: true while @relid is offered, open, or rescinded and not yet
 * released.
 */
bool hvsim_relid_in_use(u32 relid)
{
	lockdep_assert_held(&hvsim_mutex);
	return relid < VMBUS_MSG_RELID_LIMIT && test_bit(relid, hvsim_srv.relids);
}

/**
 * hvsim_relid_lowest_free() - The relid the next offer would get.
 *
 * Context: hvsim_mutex held.
 * Return: the lowest free relid from 1, or %VMBUS_MSG_RELID_LIMIT when
 * every relid is taken.
 */
u32 hvsim_relid_lowest_free(void)
{
	lockdep_assert_held(&hvsim_mutex);
	return find_next_zero_bit(hvsim_srv.relids, VMBUS_MSG_RELID_LIMIT, 1);
}

/**
 * hvsim_offer_msg() - Build a device's OFFERCHANNEL.
 * @dev: the device.
 * @relid: the relid to offer it under (its own, or another for a fault).
 * @offer: the message, filled in whole.
 *
 * Context: hvsim_mutex held.
 */
void hvsim_offer_msg(const struct hvsim_dev *dev, u32 relid,
		     struct vmbus_msg_offer_channel *offer)
{
	memset(offer, 0, sizeof(*offer));
	offer->hdr.type = cpu_to_le32(VMBUS_MSG_OFFERCHANNEL);
	offer->if_type = dev->cls->class_id;
	offer->if_instance = dev->instance;
	offer->flags = cpu_to_le16(dev->cls->offer_flags);
	if (dev->cls->offer_flags & VMBUS_MSG_OFFER_FLAG_NAMED_PIPE)
		offer->user.pipe.mode = cpu_to_le32(VMBUS_MSG_PIPE_MODE_MESSAGE);
	offer->sub_channel_index = cpu_to_le16(dev->sub_index);
	offer->child_relid = cpu_to_le32(relid);
	/*
	 * A monitored device's id (mnf.c). Hyper-V offers some channels
	 * without one; the guest then signals with HvSignalEvent. OpenVMM
	 * puts 0xff in the id of such offers.
	 */
	offer->monitor_id = dev->monitor_id;
	offer->monitor_flags = dev->monitor_id == HVSIM_MONITOR_NONE ? 0 :
			       VMBUS_MSG_OFFER_MONITOR_ALLOCATED;
	/*
	 * Dedicated interrupt and connection id exist from Win7 (1.1) on;
	 * like OpenVMM, hvsim sends them to 0.13 guests too, which use the
	 * legacy event id 2 instead.
	 */
	offer->interrupt_flags =
		cpu_to_le16(VMBUS_MSG_OFFER_DEDICATED_INTERRUPT);
	offer->connection_id = cpu_to_le32(HVSIM_CONN_ID(relid));
}

/**
 * hvsim_server_offers_out() - Is a guest connected and past REQUESTOFFERS?
 *
 * Context: hvsim_mutex held.
 * Return: true once the offers went out on this connection.
 */
bool hvsim_server_offers_out(void)
{
	lockdep_assert_held(&hvsim_mutex);
	return hvsim_srv.version && hvsim_srv.offers_sent;
}

/*
 * Give @dev the lowest free relid and offer it. Relids come back only with
 * RELID_RELEASED or UNLOAD, so the guest never sees one reused early.
 */
static int hvsim_offer(struct hvsim_dev *dev)
{
	struct vmbus_msg_offer_channel offer;
	u32 relid = hvsim_relid_lowest_free();

	if (relid >= VMBUS_MSG_RELID_LIMIT) {
		pr_warn_ratelimited("out of relids\n");
		return -ENOSPC;
	}
	__set_bit(relid, hvsim_srv.relids);
	dev->relid = relid;
	dev->conn_id = HVSIM_CONN_ID(dev->relid);
	dev->state = HVSIM_DEV_OFFERED;
	if (dev->mnf)
		dev->monitor_id = hvsim_mnf_alloc(dev->conn_id);
	hvsim_offer_msg(dev, dev->relid, &offer);
	hvsim_send(&offer, sizeof(offer));
	return 0;
}

/* Run the class's create hook for a new @dev (mutex held). */
static int hvsim_dev_create(struct hvsim_dev *dev)
{
	lockdep_assert_held(&hvsim_mutex);
	return dev->cls->create ? dev->cls->create(dev) : 0;
}

/* Run the class's destroy hook and free @dev, which is off the list. */
static void hvsim_dev_destroy(struct hvsim_dev *dev)
{
	lockdep_assert_held(&hvsim_mutex);
	if (dev->cls->destroy)
		dev->cls->destroy(dev);
	kfree(dev);
}

/* Remove @dev from the server; its sub-channels forget it. */
static void hvsim_dev_free(struct hvsim_dev *dev)
{
	struct hvsim_dev *sub;

	list_del(&dev->node);
	hvsim_srv.ndevices--;
	list_for_each_entry(sub, &hvsim_srv.devices, node)
		if (sub->primary == dev)
			sub->primary = NULL;
	hvsim_dev_destroy(dev);
}

/*
 * Forget the guest's use of @dev: stop it, drop its GPADLs, relid and
 * monitor id. A rescinded device is then gone, and so is a sub-channel:
 * it exists only on the connection whose device protocol asked for it.
 */
static void hvsim_release(struct hvsim_dev *dev)
{
	hvsim_chan_stop(dev, false);
	hvsim_gpadl_drop_dev(dev);
	if (dev->relid)
		__clear_bit(dev->relid, hvsim_srv.relids);
	dev->relid = 0;
	dev->conn_id = 0;
	hvsim_mnf_free(dev->monitor_id);
	dev->monitor_id = HVSIM_MONITOR_NONE;
	if (dev->state == HVSIM_DEV_RESCINDED || dev->sub_index) {
		hvsim_dev_free(dev);
		return;
	}
	dev->state = HVSIM_DEV_IDLE;
	dev->subchannels = 0;
}

/*
 * The guest is gone (UNLOAD, module exit): release every device (its
 * sub-channels go), stop polling and unmap the monitor pages.
 */
static void hvsim_disconnect(void)
{
	struct hvsim_dev *dev, *tmp;

	/* Sub-channels before their primaries, as on a close (facts 10.2). */
	list_for_each_entry_safe(dev, tmp, &hvsim_srv.devices, node)
		if (dev->sub_index)
			hvsim_release(dev);
	list_for_each_entry_safe(dev, tmp, &hvsim_srv.devices, node)
		hvsim_release(dev);
	hvsim_gpadl_drop_all();
	hvsim_mnf_unmap();
	hvsim_chan_clear_int_page();
	hvsim_srv.offers_sent = false;
}

static void hvsim_initiate_contact(const struct hvsim_inmsg *in,
				   const struct vmbus_msg_initiate_contact *req)
{
	struct vmbus_msg_version_response resp = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_VERSION_RESPONSE),
	};
	u32 version = le32_to_cpu(req->version);
	u32 vp = le32_to_cpu(req->target_vp);
	u64 int_page = le64_to_cpu(req->interrupt_page);
	bool mon1 = req->monitor_page1 != 0, mon2 = req->monitor_page2 != 0;
	bool ok = hvsim_version_known(version) &&
		  version <= READ_ONCE(hvsim_srv.max_version) &&
		  hvsim_vp_valid(vp);
	unsigned long flags;

	if (ok && version >= VMBUS_PROTO_V5_0)
		ok = in->conn_id == VMBUS_MSG_CONN_ID_CONTACT &&
		     req->msg_sint == TLFS_VMBUS_SINT;
	else if (ok)
		ok = in->conn_id == VMBUS_MSG_CONN_ID_MESSAGE;

	/* Before 3.0 the host ignores the requested vCPU. */
	hvsim_srv.target_vp = version >= VMBUS_PROTO_V3_0 && ok ? vp : 0;
	if (ok && mon1 != mon2) {
		/*
		 * OpenVMM: one monitor page alone fails the connection; from
		 * 2.4 on the response says so, before it can only refuse.
		 */
		if (version >= VMBUS_PROTO_V2_4) {
			resp.version_supported = 1;
			resp.conn_state = VMBUS_MSG_CONN_STATE_UNKNOWN_FAILURE;
		}
		ok = false;
	} else if (ok && version < VMBUS_PROTO_V2_4 && int_page &&
		   hvsim_chan_set_int_page(int_page)) {
		/* An interrupt page hvsim cannot map: refused (pre-2.4). */
		ok = false;
	}
	if (ok && mon1 && hvsim_mnf_map(le64_to_cpu(req->monitor_page1),
					le64_to_cpu(req->monitor_page2)))
		/* Not guest memory: no MNF; monitored devices use events. */
		pr_warn("monitor pages not mappable: offers without MNF\n");
	if (ok) {
		resp.version_supported = 1;
		resp.conn_state = VMBUS_MSG_CONN_STATE_SUCCESS;
		/* From 5.0 the message id; before, the version (OpenVMM). */
		resp.msg_conn_id = cpu_to_le32(version >= VMBUS_PROTO_V5_0 ?
					       HVSIM_MSG_CONN_ID : version);
		spin_lock_irqsave(&hvsim_srv.lock, flags);
		hvsim_srv.version = version;
		hvsim_srv.msg_conn_id = version >= VMBUS_PROTO_V5_0 ?
					HVSIM_MSG_CONN_ID :
					VMBUS_MSG_CONN_ID_MESSAGE;
		spin_unlock_irqrestore(&hvsim_srv.lock, flags);
		pr_info("guest connected, VMBus %u.%u\n", version >> 16,
			version & 0xffff);
	}
	hvsim_send(&resp, sizeof(resp));
}

static void hvsim_request_offers(void)
{
	struct vmbus_msg_all_offers_delivered done = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_ALLOFFERS_DELIVERED),
	};
	struct hvsim_dev *dev;

	/* OpenVMM refuses a second REQUESTOFFERS on one connection. */
	if (hvsim_srv.offers_sent) {
		hvsim_refuse("second REQUESTOFFERS", 0);
		return;
	}
	hvsim_srv.offers_sent = true;
	list_for_each_entry(dev, &hvsim_srv.devices, node)
		if (dev->state == HVSIM_DEV_IDLE)
			hvsim_offer(dev);
	hvsim_send(&done, sizeof(done));
}

static void hvsim_unload(void)
{
	struct vmbus_msg_unload_response resp = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_UNLOAD_RESPONSE),
	};
	unsigned long flags;

	/* Hosts before 3.0 cannot reconnect a guest: UNLOAD is ignored. */
	if (hvsim_srv.version < VMBUS_PROTO_V3_0)
		return;
	hvsim_disconnect();
	hvsim_send(&resp, sizeof(resp));
	spin_lock_irqsave(&hvsim_srv.lock, flags);
	hvsim_srv.version = 0;
	hvsim_srv.msg_conn_id = 0;
	spin_unlock_irqrestore(&hvsim_srv.lock, flags);
	pr_info("guest unloaded\n");
}

static void hvsim_open_channel(struct hvsim_dev *dev,
			       const struct vmbus_chmsg *msg)
{
	if (!dev)
		hvsim_refuse("OPENCHANNEL for an unknown relid", msg->relid);
	else if (dev->state == HVSIM_DEV_RESCINDED)
		; /* Rescinded before the open was handled: no result. */
	else if (dev->state != HVSIM_DEV_OFFERED)
		hvsim_refuse("OPENCHANNEL of an open channel", msg->relid);
	else
		/* OpenChannel2's fields mean something only with 6.0. */
		hvsim_chan_open(dev, &msg->body.openchannel);
}

static void hvsim_close_channel(struct hvsim_dev *dev, u32 relid)
{
	if (!dev)
		hvsim_refuse("CLOSECHANNEL for an unknown relid", relid);
	else if (dev->state == HVSIM_DEV_RESCINDED)
		; /* The channel is gone already: nothing to close. */
	else if (dev->state != HVSIM_DEV_OPEN)
		hvsim_refuse("CLOSECHANNEL of a closed channel", relid);
	else
		/* No answer: the guest tears the ring GPADL down next. */
		hvsim_chan_stop(dev, true);
}

static void hvsim_relid_released(struct hvsim_dev *dev, u32 relid)
{
	if (!dev)
		hvsim_refuse("RELID_RELEASED for an unknown relid", relid);
	else if (dev->state == HVSIM_DEV_OPEN)
		hvsim_refuse("RELID_RELEASED of an open channel", relid);
	else
		hvsim_release(dev);
}

static void hvsim_modify_channel(struct hvsim_dev *dev,
				 const struct vmbus_chmsg *msg)
{
	struct vmbus_msg_modify_channel_response resp = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_MODIFYCHANNEL_RESPONSE),
		.child_relid = cpu_to_le32(msg->relid),
	};
	u32 vp = le32_to_cpu(msg->body.modifychannel.target_vp);
	int ret = dev ? hvsim_chan_modify(dev, vp) : -ENOENT;

	if (ret) {
		hvsim_refuse("MODIFYCHANNEL", msg->relid);
		resp.status = cpu_to_le32(VMBUS_MSG_STATUS_UNSUCCESSFUL);
	}
	/* Only hosts at 5.3 or later acknowledge. */
	if (hvsim_srv.version >= VMBUS_PROTO_V5_3)
		hvsim_send(&resp, sizeof(resp));
}

static void hvsim_tl_connect(const struct vmbus_msg_tl_connect_request *req)
{
	struct vmbus_msg_tl_connect_result res = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_TL_CONNECT_RESULT),
		.endpoint_id = req->endpoint_id,
		.service_id = req->service_id,
		.status = cpu_to_le32(VMBUS_MSG_STATUS_CONNECTION_REFUSED),
	};

	/* No hv_sock service listens here; only 4.1+ can say so. */
	if (hvsim_srv.version >= VMBUS_PROTO_V4_1)
		hvsim_send(&res, sizeof(res));
}

static void hvsim_handle(const struct hvsim_inmsg *in, struct vmbus_chmsg *msg)
{
	struct hvsim_dev *dev;
	u32 handle;
	int ret;

	ret = vmbus_chmsg_parse(in->payload, in->size, VMBUS_CHMSG_DIR_G2H,
				hvsim_srv.version, msg);
	if (ret) {
		hvsim_srv.bad_msgs++;
		pr_warn_ratelimited("bad guest message (%d)\n", ret);
		return;
	}
	dev = hvsim_dev_by_relid(msg->relid);
	switch (msg->type) {
	case VMBUS_MSG_INITIATE_CONTACT:
		if (hvsim_srv.version) {
			hvsim_srv.bad_msgs++;
			break;
		}
		hvsim_initiate_contact(in, &msg->body.initiate_contact);
		break;
	case VMBUS_MSG_REQUESTOFFERS:
		hvsim_request_offers();
		break;
	case VMBUS_MSG_GPADL_HEADER:
		hvsim_gpadl_header(dev, msg->relid, msg->body.raw, msg->len);
		break;
	case VMBUS_MSG_GPADL_BODY:
		if (hvsim_gpadl_body(msg->body.raw, msg->len))
			hvsim_refuse("GPADL_BODY", 0);
		break;
	case VMBUS_MSG_GPADL_TEARDOWN:
		handle = le32_to_cpu(msg->body.gpadl_teardown.gpadl);
		if (!dev || hvsim_gpadl_teardown(dev, handle))
			hvsim_refuse("GPADL_TEARDOWN", msg->relid);
		break;
	case VMBUS_MSG_OPENCHANNEL:
		hvsim_open_channel(dev, msg);
		break;
	case VMBUS_MSG_CLOSECHANNEL:
		hvsim_close_channel(dev, msg->relid);
		break;
	case VMBUS_MSG_RELID_RELEASED:
		hvsim_relid_released(dev, msg->relid);
		break;
	case VMBUS_MSG_MODIFYCHANNEL:
		hvsim_modify_channel(dev, msg);
		break;
	case VMBUS_MSG_TL_CONNECT_REQUEST:
		hvsim_tl_connect(&msg->body.tl_connect_request);
		break;
	case VMBUS_MSG_UNLOAD:
		hvsim_unload();
		break;
	default:
		hvsim_srv.unhandled++;
		pr_info_ratelimited("message type %u not served\n", msg->type);
		break;
	}
}

/* Offer the sub-channels device protocols asked for, oldest first. */
static void hvsim_server_subreqs(void)
{
	struct hvsim_subreq *r;
	unsigned long flags;
	int ret;

	for (;;) {
		spin_lock_irqsave(&hvsim_srv.lock, flags);
		r = list_first_entry_or_null(&hvsim_srv.subreqs,
					     struct hvsim_subreq, node);
		if (r)
			list_del(&r->node);
		spin_unlock_irqrestore(&hvsim_srv.lock, flags);
		if (!r)
			return;
		ret = hvsim_server_add_subchannels(r->relid, r->count);
		if (ret)
			pr_warn_ratelimited("relid %u: %u sub-channels not offered (%d)\n",
					    r->relid, r->count, ret);
		kfree(r);
	}
}

static void hvsim_server_work(struct work_struct *work)
{
	struct hvsim_inmsg *m;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&hvsim_srv.lock, flags);
		m = list_first_entry_or_null(&hvsim_srv.inbox,
					     struct hvsim_inmsg, node);
		if (m) {
			list_del(&m->node);
			hvsim_srv.inbox_len--;
		}
		spin_unlock_irqrestore(&hvsim_srv.lock, flags);
		if (!m)
			break;
		mutex_lock(&hvsim_mutex);
		hvsim_handle(m, &hvsim_srv.msg);
		mutex_unlock(&hvsim_mutex);
		kfree(m);
	}
	hvsim_server_subreqs();
}

/**
 * hvsim_dev_request_subchannels() - A device protocol asks for sub-channels.
 * @dev: the open primary channel whose guest driver asked.
 * @count: how many, 1 to %HVSIM_SUBCHAN_MAX.
 *
 * Real hosts answer the device-protocol request first and offer the
 * sub-channels afterwards; so does this: the offers go out from the
 * server's work, after the caller's reply, as hvsim_server_add_subchannels()
 * makes them.
 *
 * Context: any context but hard irq; the channel's work item may call it.
 * Return: 0, -EINVAL for a sub-channel or a bad @count, -ENOMEM.
 */
int hvsim_dev_request_subchannels(struct hvsim_dev *dev, u32 count)
{
	struct hvsim_subreq *r;
	unsigned long flags;

	if (dev->sub_index || !count || count > HVSIM_SUBCHAN_MAX)
		return -EINVAL;
	r = kmalloc(sizeof(*r), GFP_ATOMIC);
	if (!r)
		return -ENOMEM;
	r->relid = dev->relid;
	r->count = count;
	spin_lock_irqsave(&hvsim_srv.lock, flags);
	list_add_tail(&r->node, &hvsim_srv.subreqs);
	spin_unlock_irqrestore(&hvsim_srv.lock, flags);
	queue_work(hvsim_wq, &hvsim_srv.work);
	return 0;
}

/* A new device of class @cls, not on the list, no instance GUID yet. */
static struct hvsim_dev *hvsim_dev_alloc(const struct hvsim_dev_class *cls,
					 bool mnf)
{
	struct hvsim_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	if (!dev)
		return NULL;
	dev->cls = cls;
	dev->mnf = mnf;
	dev->monitor_id = HVSIM_MONITOR_NONE;
	dev->state = HVSIM_DEV_IDLE;
	dev->target_vp = VMBUS_MSG_TARGET_VP_NONE;
	INIT_WORK(&dev->work, hvsim_chan_work);
	tasklet_setup(&dev->bh, hvsim_chan_bh);
	spin_lock_init(&dev->chan.out_lock);
	INIT_LIST_HEAD(&dev->chan.outbox);
	return dev;
}

/*
 * Make the allocated @dev one of the server's devices and, if @offer,
 * offer it now. On failure @dev is gone (freed, unlisted).
 */
static int hvsim_dev_publish(struct hvsim_dev *dev, bool offer)
{
	int ret;

	lockdep_assert_held(&hvsim_mutex);
	if (hvsim_srv.ndevices >= HVSIM_MAX_DEVICES) {
		kfree(dev);
		return -ENOSPC;
	}
	ret = hvsim_dev_create(dev);
	if (ret) {
		kfree(dev);
		return ret;
	}
	list_add_tail(&dev->node, &hvsim_srv.devices);
	hvsim_srv.ndevices++;
	ret = offer ? hvsim_offer(dev) : 0;
	if (ret)
		hvsim_dev_free(dev);
	return ret;
}

/**
 * hvsim_server_add_device() - Add a device, hot-plugged if a guest is there.
 * @cls: its class.
 * @mnf: offer it with a monitor id (monitored notification) when the
 *	guest gave monitor pages and an id is free.
 *
 * The device gets a random instance GUID. It is offered at once if the
 * guest already asked for offers on this connection, else at the next
 * REQUESTOFFERS.
 *
 * Context: process context; takes hvsim_mutex.
 * Return: 0, -ENOSPC when hvsim holds %HVSIM_MAX_DEVICES devices or has
 * no free relid, -ENOMEM.
 */
int hvsim_server_add_device(const struct hvsim_dev_class *cls, bool mnf)
{
	struct hvsim_dev *dev;
	int ret;

	dev = hvsim_dev_alloc(cls, mnf);
	if (!dev)
		return -ENOMEM;
	guid_gen(&dev->instance);

	mutex_lock(&hvsim_mutex);
	ret = hvsim_dev_publish(dev, hvsim_server_offers_out());
	mutex_unlock(&hvsim_mutex);
	return ret;
}

/* Stop @dev (offered or open) and send its RESCIND_CHANNELOFFER. */
static void hvsim_rescind_dev(struct hvsim_dev *dev)
{
	struct vmbus_msg_rescind_offer msg = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_RESCIND_CHANNELOFFER),
		.child_relid = cpu_to_le32(dev->relid),
	};

	hvsim_chan_stop(dev, true);
	dev->state = HVSIM_DEV_RESCINDED;
	hvsim_send(&msg, sizeof(msg));
}

/*
 * Offer the next sub-channel of @dev: the primary's class and instance,
 * the next sub-channel index, its own relid and connection id.
 */
static int hvsim_offer_subchannel(struct hvsim_dev *dev)
{
	struct hvsim_dev *sub;
	int ret;

	lockdep_assert_held(&hvsim_mutex);
	sub = hvsim_dev_alloc(dev->cls, dev->mnf);
	if (!sub)
		return -ENOMEM;
	sub->instance = dev->instance;
	sub->primary = dev;
	sub->primary_relid = dev->relid;
	sub->sub_index = dev->subchannels + 1;
	ret = hvsim_dev_publish(sub, true);
	if (!ret)
		dev->subchannels++;
	return ret;
}

/**
 * hvsim_server_add_subchannels() - Offer sub-channels of an open primary.
 * @relid: the primary channel; must be open.
 * @count: how many, 1 to %HVSIM_SUBCHAN_MAX.
 *
 * Stands in for the device-protocol request with which a guest driver
 * asks a real host for sub-channels while the primary is open. Each
 * sub-channel is offered at once with the primary's class and instance
 * GUIDs, the next sub-channel index (1, 2, ... after the ones offered on
 * this connection), its own relid and connection id, and a monitor id if
 * the primary is monitored and one is free. It is a full channel of the
 * primary's class.
 *
 * Context: process context; takes hvsim_mutex.
 * Return: 0, -ENOENT if no device has @relid, -EINVAL if it is a
 * sub-channel, not open, or @count is out of range, -ENOSPC when the
 * devices or relids run out (the sub-channels offered so far stay),
 * -ENOMEM.
 */
int hvsim_server_add_subchannels(u32 relid, u32 count)
{
	struct hvsim_dev *dev;
	unsigned int i;
	int ret = 0;

	mutex_lock(&hvsim_mutex);
	dev = hvsim_dev_by_relid(relid);
	if (!dev) {
		ret = -ENOENT;
	} else if (dev->sub_index || dev->state != HVSIM_DEV_OPEN ||
		   !count || count > HVSIM_SUBCHAN_MAX) {
		ret = -EINVAL;
	}
	for (i = 0; !ret && i < count; i++)
		ret = hvsim_offer_subchannel(dev);
	mutex_unlock(&hvsim_mutex);
	return ret;
}

/**
 * hvsim_server_rescind() - Take a device away from the guest.
 * @relid: the device's relid.
 *
 * The device stops first (its ring work finishes and the rings are
 * unmapped; a deferred ring-GPADL teardown is answered), then
 * RESCIND_CHANNELOFFER goes out. A primary's sub-channels are rescinded
 * the same way, each on its own, before the primary (facts 10.2). Each
 * relid stays reserved, and the device's GPADLs stay known, until the
 * guest's RELID_RELEASED for it.
 *
 * Context: process context; takes hvsim_mutex.
 * Return: 0, -ENOENT if no device has @relid, -EALREADY if it was
 * rescinded already.
 */
int hvsim_server_rescind(u32 relid)
{
	return hvsim_server_rescind_then(relid, false);
}

/**
 * hvsim_server_rescind_then() - Rescind a device, then misbehave.
 * @relid: the device's relid.
 * @late_subchannel: after the rescind, offer one more sub-channel of the
 *	rescinded primary (the late_subchannel fault): a host bug the guest
 *	must refuse, as the primary's teardown has begun.
 *
 * Context: process context; takes hvsim_mutex.
 * Return: as hvsim_server_rescind(); for @late_subchannel also -EINVAL
 * for a sub-channel, or the sub-channel offer's errno.
 */
int hvsim_server_rescind_then(u32 relid, bool late_subchannel)
{
	struct hvsim_dev *dev, *sub;
	int ret = 0;

	mutex_lock(&hvsim_mutex);
	dev = hvsim_dev_by_relid(relid);
	if (!dev) {
		ret = -ENOENT;
	} else if (dev->state == HVSIM_DEV_RESCINDED) {
		ret = -EALREADY;
	} else if (late_subchannel && dev->sub_index) {
		ret = -EINVAL;
	} else {
		/* A removed device's sub-channels go one by one, first. */
		list_for_each_entry(sub, &hvsim_srv.devices, node)
			if (sub->primary == dev &&
			    sub->state != HVSIM_DEV_RESCINDED)
				hvsim_rescind_dev(sub);
		hvsim_rescind_dev(dev);
		if (late_subchannel) {
			ret = hvsim_offer_subchannel(dev);
			if (!ret)
				atomic64_inc(&hvsim_faults.injected);
		}
	}
	mutex_unlock(&hvsim_mutex);
	return ret;
}

static const char *const hvsim_state_names[] = {
	[HVSIM_DEV_IDLE] = "idle",
	[HVSIM_DEV_OFFERED] = "offered",
	[HVSIM_DEV_OPEN] = "open",
	[HVSIM_DEV_RESCINDED] = "rescinded",
};

/**
 * hvsim_server_show_devices() - One line per device for debugfs.
 * @m: the seq_file.
 *
 * "relid class instance state target_vp in=N out=N bad=N ring_errors=N",
 * then "fast=N handovers=N" for a fast channel (packets its tasklet
 * handled, times it went to the work item), "mnf=ID" for a monitor id,
 * "sub N of RELID" for sub-channel index N of the primary RELID, and
 * "stalled" while the stall fault holds the device: relid 0 while not
 * offered, target_vp "-" while the channel is not open or has no
 * interrupts, state "broken" for an open channel stopped by a ring error.
 *
 * Context: process context; takes hvsim_mutex.
 */
void hvsim_server_show_devices(struct seq_file *m)
{
	struct hvsim_dev *dev;
	const char *state;
	u32 vp;

	mutex_lock(&hvsim_mutex);
	list_for_each_entry(dev, &hvsim_srv.devices, node) {
		state = hvsim_state_names[dev->state];
		if (dev->state == HVSIM_DEV_OPEN && READ_ONCE(dev->broken))
			state = "broken";
		vp = READ_ONCE(dev->target_vp);
		seq_printf(m, "%u %pUl %pUl %s ", dev->relid,
			   &dev->cls->class_id, &dev->instance, state);
		if (dev->state == HVSIM_DEV_OPEN &&
		    vp != VMBUS_MSG_TARGET_VP_NONE)
			seq_printf(m, "%u", vp);
		else
			seq_puts(m, "-");
		seq_printf(m, " in=%llu out=%llu bad=%llu ring_errors=%llu",
			   READ_ONCE(dev->pkts_in), READ_ONCE(dev->pkts_out),
			   READ_ONCE(dev->bad_pkts),
			   READ_ONCE(dev->ring_errors));
		if (hvsim_chan_fast(dev))
			seq_printf(m, " fast=%llu handovers=%llu",
				   READ_ONCE(dev->served_atomic),
				   READ_ONCE(dev->handovers));
		if (dev->monitor_id != HVSIM_MONITOR_NONE)
			seq_printf(m, " mnf=%u", dev->monitor_id);
		if (dev->sub_index)
			seq_printf(m, " sub %u of %u", dev->sub_index,
				   dev->primary_relid);
		seq_printf(m, "%s\n",
			   READ_ONCE(dev->stalled) ? " stalled" : "");
	}
	mutex_unlock(&hvsim_mutex);
}

/**
 * hvsim_server_show_stats() - Server counters for debugfs.
 * @m: the seq_file.
 *
 * Context: process context; takes hvsim_mutex.
 */
void hvsim_server_show_stats(struct seq_file *m)
{
	mutex_lock(&hvsim_mutex);
	seq_printf(m, "bad_msgs %llu\nrefused %llu\nunhandled %llu\n",
		   hvsim_srv.bad_msgs, hvsim_srv.refused, hvsim_srv.unhandled);
	mutex_unlock(&hvsim_mutex);
	hvsim_mnf_show_stats(m);
	hvsim_hv_show_synic(m);
}

/**
 * hvsim_server_version() - The negotiated VMBus version.
 *
 * Context: any context.
 * Return: the version, or 0 when no guest is connected.
 */
u32 hvsim_server_version(void)
{
	return READ_ONCE(hvsim_srv.version);
}

/**
 * hvsim_server_max_version() - The newest version hvsim offers.
 *
 * Context: any context.
 * Return: the version.
 */
u32 hvsim_server_max_version(void)
{
	return READ_ONCE(hvsim_srv.max_version);
}

/**
 * hvsim_server_set_max_version() - Change the newest version hvsim offers.
 * @version: a version Hyper-V defines; takes effect at the next contact.
 *
 * Context: any context.
 * Return: 0, or -EINVAL for a version Hyper-V never defined.
 */
int hvsim_server_set_max_version(u32 version)
{
	if (!hvsim_version_known(version))
		return -EINVAL;
	WRITE_ONCE(hvsim_srv.max_version, version);
	return 0;
}

/**
 * hvsim_server_init() - Start the VMBus server, with no devices yet.
 * @max_version: newest version to offer.
 *
 * Context: process context.
 * Return: 0, -EINVAL for an unknown version, -ENOMEM.
 */
int hvsim_server_init(u32 max_version)
{
	int ret;

	hvsim_mnf_init();
	spin_lock_init(&hvsim_srv.lock);
	INIT_LIST_HEAD(&hvsim_srv.inbox);
	INIT_LIST_HEAD(&hvsim_srv.devices);
	INIT_LIST_HEAD(&hvsim_srv.subreqs);
	INIT_WORK(&hvsim_srv.work, hvsim_server_work);
	ret = hvsim_server_set_max_version(max_version);
	if (ret)
		return ret;
	hvsim_wq = alloc_workqueue("hvsim", WQ_UNBOUND, 0);
	return hvsim_wq ? 0 : -ENOMEM;
}

/**
 * hvsim_server_exit() - Stop the server and free everything it holds.
 *
 * Drops unhandled messages, stops every channel (its work flushed, rings
 * unmapped), frees every GPADL mapping and device.
 *
 * Context: process context, after the guest disconnected.
 */
void hvsim_server_exit(void)
{
	struct hvsim_subreq *r, *rtmp;
	struct hvsim_inmsg *m, *tmp;
	struct hvsim_dev *dev, *dtmp;

	cancel_work_sync(&hvsim_srv.work);
	list_for_each_entry_safe(m, tmp, &hvsim_srv.inbox, node)
		kfree(m);
	list_for_each_entry_safe(r, rtmp, &hvsim_srv.subreqs, node)
		kfree(r);
	INIT_LIST_HEAD(&hvsim_srv.subreqs);
	INIT_LIST_HEAD(&hvsim_srv.inbox);
	hvsim_srv.inbox_len = 0;

	mutex_lock(&hvsim_mutex);
	hvsim_disconnect();
	list_for_each_entry_safe(dev, dtmp, &hvsim_srv.devices, node) {
		list_del(&dev->node);
		hvsim_dev_destroy(dev);
	}
	hvsim_srv.ndevices = 0;
	hvsim_srv.version = 0;
	mutex_unlock(&hvsim_mutex);
	destroy_workqueue(hvsim_wq);
	hvsim_wq = NULL;
}
