// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the VMBus server. It takes the guest's posted channel messages
 * off an inbox, in order, on a workqueue (the real host also answers
 * asynchronously), parses each with the shared channel-message table and
 * answers the way Hyper-V does:
 *
 * - Connection ids: the legacy message id (1) always exists; the contact
 *   id (4) exists only on hosts that speak 5.0 or newer, so an older host
 *   fails that post with INVALID_CONNECTION_ID and the guest falls back.
 *   After a 5.0+ handshake only the host-chosen id is accepted.
 * - INITIATE_CONTACT: the version must be one Hyper-V defines, no newer
 *   than the configured newest, and sent on the id its version requires;
 *   monitor pages come both or neither. The VERSION_RESPONSE goes to the
 *   requested vCPU from 3.0 on, to VP 0 before.
 * - REQUESTOFFERS: one OFFERCHANNEL per device, then ALLOFFERS_DELIVERED.
 * - UNLOAD: honoured from 3.0 on with UNLOAD_RESPONSE; the connection is
 *   then gone and the guest may contact again.
 *
 * Locking: hvsim_srv.lock (a spinlock, taken with interrupts off) protects
 * the inbox and the connection fields that the post path reads; the work
 * item is the only writer of the connection state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
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

/**
 * struct hvsim_inmsg - A guest-to-host message waiting for the server.
 * @node: entry in &hvsim_srv.inbox.
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
 * @work: drains @inbox.
 * @max_version: newest version this host speaks (configurable).
 * @version: negotiated version; 0 while no guest is connected.
 * @msg_conn_id: id the guest must post on after the handshake.
 * @target_vp: vCPU that receives channel messages.
 * @bad_msgs: messages the parser rejected.
 * @unhandled: well-formed messages hvsim does not serve yet.
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
	u64 bad_msgs;
	u64 unhandled;
};

static struct hvsim_server hvsim_srv;

static bool hvsim_version_known(u32 version)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hvsim_versions); i++)
		if (hvsim_versions[i] == version)
			return true;
	return false;
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
		queue_work(system_unbound_wq, &hvsim_srv.work);
	}
	spin_unlock_irqrestore(&hvsim_srv.lock, flags);
	kfree(m);
	return status;
}

/**
 * hvsim_server_signal() - HvCallSignalEvent from the guest.
 * @conn_id: the channel's connection id.
 *
 * Context: any context.
 * Return: a TLFS status; INVALID_CONNECTION_ID while no channel uses it.
 */
int hvsim_server_signal(u32 conn_id)
{
	return TLFS_STATUS_INVALID_CONNECTION_ID;
}

static void hvsim_send(const void *msg, size_t size)
{
	int ret = hvsim_hv_post_to_guest(hvsim_srv.target_vp, msg, size);

	if (ret)
		pr_warn_ratelimited("host message lost: %d\n", ret);
}

static void hvsim_initiate_contact(const struct hvsim_inmsg *in,
				   const struct vmbus_msg_initiate_contact *req)
{
	struct vmbus_msg_version_response resp = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_VERSION_RESPONSE),
	};
	u32 version = le32_to_cpu(req->version);
	u32 vp = le32_to_cpu(req->target_vp);
	bool mon1 = req->monitor_page1 != 0, mon2 = req->monitor_page2 != 0;
	bool ok = hvsim_version_known(version) &&
		  version <= READ_ONCE(hvsim_srv.max_version) &&
		  vp < nr_cpu_ids && cpu_online(vp) && mon1 == mon2;
	unsigned long flags;

	if (ok && version >= VMBUS_PROTO_V5_0)
		ok = in->conn_id == VMBUS_MSG_CONN_ID_CONTACT &&
		     req->msg_sint == TLFS_VMBUS_SINT;
	else if (ok)
		ok = in->conn_id == VMBUS_MSG_CONN_ID_MESSAGE;

	/* Before 3.0 the host ignores the requested vCPU. */
	hvsim_srv.target_vp = version >= VMBUS_PROTO_V3_0 && ok ? vp : 0;
	if (ok) {
		resp.version_supported = 1;
		resp.conn_state = VMBUS_MSG_CONN_STATE_SUCCESS;
		if (version >= VMBUS_PROTO_V5_0)
			resp.msg_conn_id = cpu_to_le32(HVSIM_MSG_CONN_ID);
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
	hvsim_send(&resp, sizeof(resp));
	spin_lock_irqsave(&hvsim_srv.lock, flags);
	hvsim_srv.version = 0;
	hvsim_srv.msg_conn_id = 0;
	spin_unlock_irqrestore(&hvsim_srv.lock, flags);
	pr_info("guest unloaded\n");
}

static void hvsim_handle(const struct hvsim_inmsg *in)
{
	struct vmbus_chmsg msg;
	int ret;

	ret = vmbus_chmsg_parse(in->payload, in->size, VMBUS_CHMSG_DIR_G2H,
				hvsim_srv.version, &msg);
	if (ret) {
		hvsim_srv.bad_msgs++;
		pr_warn_ratelimited("bad guest message (%d)\n", ret);
		return;
	}
	switch (msg.type) {
	case VMBUS_MSG_INITIATE_CONTACT:
		if (hvsim_srv.version) {
			hvsim_srv.bad_msgs++;
			break;
		}
		hvsim_initiate_contact(in, &msg.body.initiate_contact);
		break;
	case VMBUS_MSG_REQUESTOFFERS:
		hvsim_request_offers();
		break;
	case VMBUS_MSG_UNLOAD:
		hvsim_unload();
		break;
	default:
		hvsim_srv.unhandled++;
		pr_info_ratelimited("message type %u not served\n", msg.type);
		break;
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
			return;
		hvsim_handle(m);
		kfree(m);
	}
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
 * hvsim_server_init() - Start the VMBus server.
 * @max_version: newest version to offer.
 *
 * Context: process context.
 * Return: 0, or -EINVAL for an unknown version.
 */
int hvsim_server_init(u32 max_version)
{
	spin_lock_init(&hvsim_srv.lock);
	INIT_LIST_HEAD(&hvsim_srv.inbox);
	INIT_WORK(&hvsim_srv.work, hvsim_server_work);
	return hvsim_server_set_max_version(max_version);
}

/**
 * hvsim_server_exit() - Stop the server and drop unhandled messages.
 *
 * Context: process context, after the guest disconnected.
 */
void hvsim_server_exit(void)
{
	struct hvsim_inmsg *m, *tmp;

	cancel_work_sync(&hvsim_srv.work);
	list_for_each_entry_safe(m, tmp, &hvsim_srv.inbox, node)
		kfree(m);
	INIT_LIST_HEAD(&hvsim_srv.inbox);
	hvsim_srv.inbox_len = 0;
	hvsim_srv.version = 0;
}
