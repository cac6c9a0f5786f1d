// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: open channels. The host side of the rings and of the events
 * between guest and host, as Hyper-V does it (protocol facts 3.4, 4;
 * OpenVMM's vmbus_server and vmbus_ring for what a host checks):
 *
 * - OPENCHANNEL: the ring GPADL must be one page-aligned range of this
 *   channel; it is split at the downstream offset, guest-to-host ring
 *   first. Each ring is a control page and at least one data page. Each
 *   ring's data pages are mapped twice back to back so that no copy wraps.
 *   The host-to-guest ring gets VMBUS_RING_FEAT_PENDING_SEND_SZ (the host
 *   sets pending_send_sz when blocked and signals on space) and
 *   pending_send_sz 0. The target VP is honoured from 2.4 on; 0xFFFFFFFF
 *   means no interrupts. Any failure answers OPENCHANNEL_RESULT with
 *   0x8000FFFF; the channel stays closed.
 * - Events: HvSignalEvent on the channel's connection id (an "event port"
 *   that exists only while the channel is open, else
 *   INVALID_CONNECTION_ID) has the channel served (hvsim_chan_kick()):
 *   its work item drains the guest-to-host ring and writes the device's
 *   replies. A fast channel (a class with packet_atomic, storage) is
 *   served by a tasklet instead, on the signalling vCPU when it can be,
 *   the way Hyper-V's in-kernel VSPs (storvsp) serve their rings from
 *   DPCs; a packet that needs to sleep (a completion delay, a rare
 *   command, memory for written data) moves the channel to the work item
 *   until the ring is empty, in order. Host-to-guest
 *   events set the relid bit in the target VP's SINT 2 event flags; the
 *   ring code decides when (empty-to-non-empty writes, pending-send
 *   transitions) and honours the guest's interrupt mask.
 * - Before 2.4 with an interrupt page (OpenVMM's channel bitmap): the guest
 *   signals on the shared event id 2 after setting the relid bit in the
 *   second half of the page; the host sets the relid bit in the first half
 *   and raises event flag 0 on VP 0.
 * - The host checks each packet as OpenVMM's ring reader does: only
 *   inband, transfer-page, GPA-direct and completion packets, no flag but
 *   "completion requested", extension headers inside the data offset, a
 *   GPA-direct packet with at least one range. A corrupt ring or a
 *   violation stops the channel ("broken") until it is closed.
 * - Monitored channels (mnf.c) are also signalled through monitor page 2:
 *   a pending bit the host finds there counts as HvSignalEvent on the
 *   channel's connection id, which keeps working too.
 * - CLOSECHANNEL / rescind / release / unload: the event port goes first,
 *   then the tasklet and the work are flushed, then the rings are
 *   unmapped; nothing touches guest memory after that.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include <lumen/ring.h>
#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>
#include <proto/vmbus_ring.h>
#include "hvsim.h"

/* Legacy interrupt page: host-to-guest bits first, guest-to-host second. */
#define HVSIM_INT_PAGE_HALF	(TLFS_PAGE_SIZE / 2)
/*
 * Packets a fast channel's tasklet handles before it lets other softirqs
 * (and, past the softirq limits, ksoftirqd) have the CPU, as NAPI does.
 */
#define HVSIM_CHAN_BUDGET	64

static bool fast_channels = true;
module_param(fast_channels, bool, 0444);
MODULE_PARM_DESC(fast_channels, "Serve classes that can (storage) from a tasklet on the signalling vCPU (default Y); N: from a work item, like a host on other CPUs");

/**
 * hvsim_chan_fast() - Is this channel served from its tasklet?
 * @dev: the channel.
 *
 * Context: any context.
 * Return: true if its class has packet_atomic and fast_channels is on
 * (set at load, so constant).
 */
bool hvsim_chan_fast(const struct hvsim_dev *dev)
{
	return dev->cls->packet_atomic && fast_channels;
}

/* Open channels by event connection id; read under RCU by the signal path. */
static DEFINE_XARRAY(hvsim_conns);

/* The guest's legacy interrupt page (before 2.4), mapped; RCU. */
static unsigned long __rcu *hvsim_int_page;
/* Its page array, for the unmap (hvsim_mutex). */
static struct page **hvsim_int_pages;

/*
 * Map one ring: its control page, then its data pages twice, so that a
 * packet running past the end of the data area continues in the second
 * copy. @pages holds the ring's @n pages, @n >= 2.
 */
static void *hvsim_map_ring(struct page **pages, u32 n)
{
	struct page **map;
	void *va;
	u32 i;

	map = kvmalloc_array(2 * n - 1, sizeof(*map), GFP_KERNEL);
	if (!map)
		return NULL;
	map[0] = pages[0];
	for (i = 1; i < n; i++) {
		map[i] = pages[i];
		map[n - 1 + i] = pages[i];
	}
	va = vmap(map, 2 * n - 1, VM_MAP, PAGE_KERNEL);
	kvfree(map);
	return va;
}

static void hvsim_chan_unmap(struct hvsim_chan *c)
{
	if (c->in_va)
		vunmap(c->in_va);
	if (c->out_va)
		vunmap(c->out_va);
	kvfree(c->pkt);
	kvfree(c->reply);
	/* The outbox and its lock outlive the mapping. */
	memset(&c->in, 0, sizeof(c->in));
	memset(&c->out, 0, sizeof(c->out));
	c->in_va = NULL;
	c->out_va = NULL;
	c->pkt = NULL;
	c->reply = NULL;
	c->reply_len = 0;
	c->held = false;
	c->in_work = false;
	c->send_pending = false;
	c->legacy_events = false;
}

/*
 * Set up one ring endpoint over its mapping. A reopened channel carries on
 * from the indices in the control page (OpenVMM reads them too); the guest
 * normally zeroes the page first. Indices that are not multiples of 8
 * below the data size fail the open.
 */
static int hvsim_ring_setup(struct lumen_ring *r, void *va, u32 pages,
			    bool producer)
{
	struct vmbus_ring_ctrl *ctrl = va;
	u32 size = (pages - 1) * VMBUS_RING_PAGE_SIZE, rd, wr;
	int ret;

	ret = lumen_ring_init(r, ctrl, (u8 *)va + VMBUS_RING_DATA_OFFSET,
			      size, true);
	if (ret)
		return ret;
	rd = le32_to_cpu(READ_ONCE(ctrl->read_index));
	wr = le32_to_cpu(READ_ONCE(ctrl->write_index));
	if (rd >= size || wr >= size || (rd | wr) % VMBUS_PKT_ALIGN)
		return -ERANGE;
	if (producer) {
		r->priv_write = wr;
		/* The host's promise, as Hyper-V and OpenVMM make it. */
		WRITE_ONCE(ctrl->feature_bits,
			   cpu_to_le32(VMBUS_RING_FEAT_PENDING_SEND_SZ));
		WRITE_ONCE(ctrl->pending_send_sz, 0);
	} else {
		r->priv_read = rd;
		r->batch_start = rd;
	}
	return 0;
}

static int hvsim_chan_map(struct hvsim_dev *dev, struct page **pages,
			  u32 npages, u32 split)
{
	struct hvsim_chan *c = &dev->chan;
	int ret;

	/* Each ring: a control page and at least one data page. */
	if (split < 2 || split >= npages || npages - split < 2)
		return -EINVAL;
	c->in_va = hvsim_map_ring(pages, split);
	c->out_va = hvsim_map_ring(pages + split, npages - split);
	c->pkt = kvmalloc(dev->cls->max_packet, GFP_KERNEL);
	c->reply = kvmalloc(dev->cls->max_packet, GFP_KERNEL);
	if (!c->in_va || !c->out_va || !c->pkt || !c->reply)
		return -ENOMEM;
	ret = hvsim_ring_setup(&c->in, c->in_va, split, false);
	if (!ret)
		ret = hvsim_ring_setup(&c->out, c->out_va, npages - split, true);
	return ret;
}

/**
 * hvsim_chan_open() - OPENCHANNEL for a closed, offered channel.
 * @dev: the channel.
 * @req: the request (parsed private copy).
 *
 * Maps the rings and registers the channel's event connection id before
 * answering, so the guest may signal as soon as it sees the result. Any
 * failure answers 0x8000FFFF and leaves the channel closed.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_chan_open(struct hvsim_dev *dev,
		     const struct vmbus_msg_open_channel *req)
{
	struct vmbus_msg_open_result res = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_OPENCHANNEL_RESULT),
		.child_relid = cpu_to_le32(dev->relid),
		.open_id = req->open_id,
		.status = cpu_to_le32(VMBUS_MSG_STATUS_UNSUCCESSFUL),
	};
	u32 handle = le32_to_cpu(req->ring_gpadl);
	u32 vp = le32_to_cpu(req->target_vp);
	u32 version = hvsim_server_version();
	struct hvsim_chan *c = &dev->chan;
	struct page **pages;
	u32 npages;
	int ret;

	lockdep_assert_held(&hvsim_mutex);
	/* Before 2.4 the host ignores the target VP and uses VP 0. */
	if (version < VMBUS_PROTO_V2_4)
		vp = 0;
	if (vp != VMBUS_MSG_TARGET_VP_NONE && !hvsim_vp_valid(vp)) {
		ret = -EINVAL;
		goto out;
	}
	ret = hvsim_gpadl_ring_pages(dev, handle, &pages, &npages);
	if (ret)
		goto out;
	ret = hvsim_chan_map(dev, pages, npages,
			     le32_to_cpu(req->downstream_offset));
	if (ret)
		goto out_put;
	c->legacy_events = version < VMBUS_PROTO_V2_4 &&
			   rcu_access_pointer(hvsim_int_page);
	dev->ring_gpadl = handle;
	dev->broken = false;
	c->stopping = false;
	WRITE_ONCE(dev->target_vp, vp);
	ret = xa_insert(&hvsim_conns, dev->conn_id, dev, GFP_KERNEL);
	if (ret)
		goto out_put;
	dev->state = HVSIM_DEV_OPEN;
	/* A monitored channel: page 2 is polled while it is open. */
	if (dev->monitor_id != HVSIM_MONITOR_NONE)
		hvsim_mnf_chan_open();
	spin_lock_irq(&c->out_lock);
	c->out_open = true;
	spin_unlock_irq(&c->out_lock);
	res.status = cpu_to_le32(VMBUS_MSG_STATUS_SUCCESS);
	hvsim_send(&res, sizeof(res));
	if (dev->cls->opened)
		dev->cls->opened(dev);
	/* Packets the guest wrote before it saw the result. */
	hvsim_chan_kick(dev);
	return;

out_put:
	WRITE_ONCE(dev->target_vp, VMBUS_MSG_TARGET_VP_NONE);
	hvsim_chan_unmap(c);
	hvsim_gpadl_ring_put(dev, handle, true);
out:
	pr_warn_ratelimited("relid %u: open failed (%d)\n", dev->relid, ret);
	hvsim_send(&res, sizeof(res));
}

/* Close the outbox and free what it still holds. */
static void hvsim_chan_outbox_close(struct hvsim_chan *c)
{
	struct hvsim_outpkt *o, *tmp;
	unsigned long flags;
	LIST_HEAD(drop);

	spin_lock_irqsave(&c->out_lock, flags);
	c->out_open = false;
	list_splice_init(&c->outbox, &drop);
	WRITE_ONCE(c->outbox_len, 0);
	spin_unlock_irqrestore(&c->out_lock, flags);
	list_for_each_entry_safe(o, tmp, &drop, node)
		kvfree(o);
}

/*
 * Wait until neither the channel's tasklet nor its work item runs or is
 * queued. The work item reschedules the tasklet when it hands a fast
 * channel back, hence the second kill; a stopping channel is not handed
 * on again.
 */
static void hvsim_chan_quiesce(struct hvsim_dev *dev)
{
	tasklet_kill(&dev->bh);
	flush_work(&dev->work);
	tasklet_kill(&dev->bh);
}

/**
 * hvsim_chan_stop() - Stop an open channel and unmap its rings.
 * @dev: the channel; nothing happens unless it is open.
 * @notify: answer a ring-GPADL teardown that waited for the close.
 *
 * The event connection id goes first, then every signal in flight, the
 * tasklet and the work are waited for; only then are the rings unmapped. The channel is
 * left offered and closed.
 *
 * Context: process context, hvsim_mutex held; sleeps.
 */
void hvsim_chan_stop(struct hvsim_dev *dev, bool notify)
{
	lockdep_assert_held(&hvsim_mutex);
	if (dev->state != HVSIM_DEV_OPEN)
		return;
	xa_erase(&hvsim_conns, dev->conn_id);
	if (dev->monitor_id != HVSIM_MONITOR_NONE)
		hvsim_mnf_chan_close();
	hvsim_chan_outbox_close(&dev->chan);
	WRITE_ONCE(dev->chan.stopping, true);
	synchronize_rcu();
	hvsim_chan_quiesce(dev);
	WRITE_ONCE(dev->corrupt, HVSIM_CORRUPT_NONE);
	hvsim_chan_unmap(&dev->chan);
	WRITE_ONCE(dev->target_vp, VMBUS_MSG_TARGET_VP_NONE);
	dev->state = HVSIM_DEV_OFFERED;
	hvsim_gpadl_ring_put(dev, dev->ring_gpadl, notify);
	if (dev->cls->closed)
		dev->cls->closed(dev);
}

/**
 * hvsim_chan_modify() - MODIFYCHANNEL: move the channel's events.
 * @dev: the channel.
 * @target_vp: the new VP index.
 *
 * OpenVMM's rules: the channel must be open with interrupts enabled, and
 * MODIFYCHANNEL cannot disable them. On success no event goes to the old
 * VP after this returns (the tasklet and the work are flushed).
 *
 * Context: process context, hvsim_mutex held; sleeps.
 * Return: 0, -EBADFD if the channel is not open, -EPERM if it was opened
 * without interrupts, -EINVAL for a VP the partition does not have.
 */
int hvsim_chan_modify(struct hvsim_dev *dev, u32 target_vp)
{
	lockdep_assert_held(&hvsim_mutex);
	if (dev->state != HVSIM_DEV_OPEN)
		return -EBADFD;
	if (READ_ONCE(dev->target_vp) == VMBUS_MSG_TARGET_VP_NONE)
		return -EPERM;
	if (!hvsim_vp_valid(target_vp))
		return -EINVAL;
	WRITE_ONCE(dev->target_vp, target_vp);
	hvsim_chan_quiesce(dev);
	return 0;
}

/* Raise the channel's event in the guest. */
static void hvsim_chan_notify_guest(struct hvsim_dev *dev)
{
	u32 vp = READ_ONCE(dev->target_vp);
	unsigned long *bits;

	if (vp == VMBUS_MSG_TARGET_VP_NONE)
		return;
	if (dev->chan.legacy_events) {
		rcu_read_lock();
		bits = rcu_dereference(hvsim_int_page);
		if (bits)
			set_bit(dev->relid, bits);
		rcu_read_unlock();
		hvsim_hv_signal_guest(vp, 0);
		return;
	}
	hvsim_hv_signal_guest(vp, dev->relid);
}

static void hvsim_chan_break(struct hvsim_dev *dev, const char *why, int err)
{
	WRITE_ONCE(dev->broken, true);
	hvsim_count(&dev->ring_errors);
	pr_warn_ratelimited("relid %u: %s (%d): channel stopped\n", dev->relid,
			    why, err);
}

/*
 * Write one packet of @len bytes at @data. Returns 0 when it went out (or
 * was dropped as impossible), -EAGAIN when the ring is full
 * (pending_send_sz is then set and the guest's signal brings the work
 * back), or -ERANGE for a corrupt ring.
 */
static int hvsim_chan_write(struct hvsim_dev *dev, const u8 *data, u32 len,
			    bool *signal)
{
	struct hvsim_chan *c = &dev->chan;
	struct lumen_ring_buf buf = { .data = data, .len = len };
	bool sig;
	int ret;

	ret = lumen_ring_write(&c->out, &buf, 1, &sig);
	if (ret == -EAGAIN && !c->send_pending) {
		lumen_ring_set_pending_send(&c->out,
					    ALIGN(len, VMBUS_PKT_ALIGN) +
					    sizeof(struct vmbus_pkt_trailer));
		c->send_pending = true;
		/* The guest may have made room before it saw the request. */
		ret = lumen_ring_write(&c->out, &buf, 1, &sig);
	}
	if (ret == -EAGAIN)
		return ret;
	if (c->send_pending) {
		lumen_ring_set_pending_send(&c->out, 0);
		c->send_pending = false;
	}
	if (ret == -ERANGE) {
		hvsim_chan_break(dev, "corrupt host-to-guest ring", ret);
		return ret;
	}
	if (ret) {
		/* Can never fit this ring: the guest made it too small. */
		hvsim_count(&dev->bad_pkts);
		return 0;
	}
	hvsim_count(&dev->pkts_out);
	*signal |= sig;
	return 0;
}

/* Write the waiting reply; see hvsim_chan_write(). */
static int hvsim_chan_flush_reply(struct hvsim_dev *dev, bool *signal)
{
	struct hvsim_chan *c = &dev->chan;
	int ret;

	ret = hvsim_chan_write(dev, c->reply, c->reply_len, signal);
	if (!ret)
		c->reply_len = 0;
	return ret;
}

/* Write the host-initiated packets, oldest first; see hvsim_chan_write(). */
static int hvsim_chan_flush_outbox(struct hvsim_dev *dev, bool *signal)
{
	struct hvsim_chan *c = &dev->chan;
	struct hvsim_outpkt *o;
	unsigned long flags;
	int ret;

	for (;;) {
		/* Posts kick the channel after queueing: a stale 0 is fine. */
		if (!READ_ONCE(c->outbox_len))
			return 0;
		spin_lock_irqsave(&c->out_lock, flags);
		o = list_first_entry_or_null(&c->outbox, struct hvsim_outpkt,
					     node);
		spin_unlock_irqrestore(&c->out_lock, flags);
		if (!o)
			return 0;
		/* Only this work item removes entries, so @o stays. */
		if (dev->cls->stamp)
			dev->cls->stamp(dev, o->data, o->len);
		ret = hvsim_chan_write(dev, o->data, o->len, signal);
		if (ret)
			return ret;
		spin_lock_irqsave(&c->out_lock, flags);
		list_del(&o->node);
		WRITE_ONCE(c->outbox_len, c->outbox_len - 1);
		spin_unlock_irqrestore(&c->out_lock, flags);
		kvfree(o);
	}
}

/**
 * hvsim_chan_queue() - Queue a packet the caller built on an open channel.
 * @dev: the channel.
 * @o: the packet, from kmalloc() or kvmalloc(), @o->len bytes at least a
 *	descriptor long; the channel owns it once this returns 0.
 *
 * The channel's work item (or a fast channel's tasklet) writes it to the
 * host-to-guest ring after any reply it holds, waiting for space as for
 * replies, and signals the guest as the ring rules say. Its length is not
 * checked against the class's max_packet: faults.c sends what the class
 * never would.
 *
 * Context: any context but hard irq.
 * Return: 0, -EBADFD if the channel is not open, -ENOSPC with
 * %HVSIM_OUTBOX_MAX packets waiting.
 */
int hvsim_chan_queue(struct hvsim_dev *dev, struct hvsim_outpkt *o)
{
	struct hvsim_chan *c = &dev->chan;
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&c->out_lock, flags);
	if (!c->out_open)
		ret = -EBADFD;
	else if (c->outbox_len >= HVSIM_OUTBOX_MAX)
		ret = -ENOSPC;
	if (!ret) {
		list_add_tail(&o->node, &c->outbox);
		WRITE_ONCE(c->outbox_len, c->outbox_len + 1);
		/* Kicked under the lock: a stopping channel waits for it. */
		hvsim_chan_kick(dev);
	}
	spin_unlock_irqrestore(&c->out_lock, flags);
	return ret;
}

/**
 * hvsim_dev_post() - Queue a host-initiated packet on an open channel.
 * @dev: the channel.
 * @pkt: the packet, descriptor first (see hvsim_pkt_inband()).
 * @len: its length, at least a descriptor and at most the class's
 *	max_packet.
 *
 * The packet is copied and queued with hvsim_chan_queue().
 *
 * Context: any context but hard irq.
 * Return: 0, -EINVAL for a bad length, -EBADFD if the channel is not open,
 * -ENOSPC with %HVSIM_OUTBOX_MAX packets waiting, -ENOMEM.
 */
int hvsim_dev_post(struct hvsim_dev *dev, const void *pkt, u32 len)
{
	struct hvsim_outpkt *o;
	int ret;

	if (len < sizeof(struct vmbus_pkt_desc) || len > dev->cls->max_packet)
		return -EINVAL;
	o = kmalloc(struct_size(o, data, len), GFP_ATOMIC);
	if (!o)
		return -ENOMEM;
	o->len = len;
	memcpy(o->data, pkt, len);
	ret = hvsim_chan_queue(dev, o);
	if (ret)
		kfree(o);
	return ret;
}

/**
 * hvsim_pkt_inband() - Build an inband data packet.
 * @buf: room for the descriptor and @len payload bytes.
 * @type: VMBUS_PKT_DATA_INBAND or VMBUS_PKT_COMP.
 * @flags: VMBUS_PKT_FLAG_* bits.
 * @trans_id: transaction id.
 * @payload: the payload.
 * @len: its length; the descriptor plus @len must fit in 16 x 8 bits
 *	of len8 (below 512 KiB), which every class's max_packet keeps.
 *
 * Context: any context.
 * Return: bytes written to @buf (descriptor plus @len).
 */
u32 hvsim_pkt_inband(u8 *buf, u16 type, u16 flags, u64 trans_id,
		     const void *payload, u32 len)
{
	struct vmbus_pkt_desc d = {
		.type = cpu_to_le16(type),
		.offset8 = cpu_to_le16(VMBUS_PKT_MIN_OFFSET8),
		.len8 = cpu_to_le16(DIV_ROUND_UP(sizeof(d) + len,
						 VMBUS_PKT_ALIGN)),
		.flags = cpu_to_le16(flags),
		.trans_id = cpu_to_le64(trans_id),
	};

	memcpy(buf, &d, sizeof(d));
	memcpy(buf + sizeof(d), payload, len);
	return sizeof(d) + len;
}

/* Ring-level checks of one packet (OpenVMM's vmbus_ring reader). */
static int hvsim_chan_check(const struct lumen_ring_pkt *pkt, const u8 *buf)
{
	const struct vmbus_pkt_gpa_direct *gpa;

	if (pkt->flags & ~VMBUS_PKT_FLAG_COMPLETION_REQUESTED)
		return -EPROTO;
	switch (pkt->type) {
	case VMBUS_PKT_DATA_INBAND:
	case VMBUS_PKT_COMP:
		return 0;
	case VMBUS_PKT_DATA_XFER_PAGES:
		if (pkt->offset < sizeof(struct vmbus_pkt_xfer_pages))
			return -EPROTO;
		return 0;
	case VMBUS_PKT_DATA_GPA_DIRECT:
		if (pkt->offset < sizeof(*gpa))
			return -EPROTO;
		gpa = (const struct vmbus_pkt_gpa_direct *)buf;
		if (!le32_to_cpu(gpa->range_count))
			return -EPROTO;
		return 0;
	default:
		return -EBADRQC;
	}
}

/*
 * Hand one packet (the private copy in c->pkt) to the device and send its
 * reply. In softirq context (@atomic) the class's packet_atomic hook gets
 * it, unless a completion fault would sleep; a packet that needs process
 * context is held for the work item (-EWOULDBLOCK). Else as
 * hvsim_chan_write().
 */
static int hvsim_chan_handle(struct hvsim_dev *dev,
			     const struct lumen_ring_pkt *pkt, bool atomic,
			     bool *signal)
{
	struct hvsim_chan *c = &dev->chan;
	u32 len;

	if (atomic) {
		len = hvsim_fault_completion_sleeps() ? HVSIM_PKT_SLEEP :
		      dev->cls->packet_atomic(dev, pkt, c->pkt, c->reply);
		if (len == HVSIM_PKT_SLEEP) {
			c->held_pkt = *pkt;
			c->held = true;
			return -EWOULDBLOCK;
		}
		hvsim_count(&dev->served_atomic);
	} else {
		/*
		 * A guest that keeps the ring full must not hold this worker
		 * (and the server work behind it) on a non-preemptible kernel.
		 */
		cond_resched();
		len = dev->cls->packet(dev, pkt, c->pkt, c->reply);
	}
	c->reply_len = len;
	/* Faults: a completion delayed or lost by the host. */
	if (c->reply_len && hvsim_fault_completion(!atomic))
		c->reply_len = 0;
	if (!c->reply_len)
		return 0;
	return hvsim_chan_flush_reply(dev, signal);
}

/*
 * Take packets off the guest-to-host ring until it is empty, the reply
 * ring is full (-EAGAIN), @budget packets were handled in softirq context
 * (-EINPROGRESS), a packet needs process context (-EWOULDBLOCK) or the
 * channel broke (other errors); publish the read index in every case but
 * the last.
 */
static int hvsim_chan_drain(struct hvsim_dev *dev, bool atomic, u32 budget,
			    bool *signal)
{
	struct hvsim_chan *c = &dev->chan;
	struct lumen_ring_pkt pkt;
	int ret;

	lumen_ring_intr_mask(&c->in);
	for (;;) {
		if (!budget--) {
			ret = -EINPROGRESS;
			break;
		}
		ret = lumen_ring_peek(&c->in, c->pkt, dev->cls->max_packet,
				      &pkt);
		if (ret == -ENODATA) {
			ret = 0;
			break;
		}
		if (ret) {
			hvsim_chan_break(dev, ret == -EMSGSIZE ?
					 "packet too long" :
					 "corrupt guest-to-host ring", ret);
			return ret;
		}
		ret = hvsim_chan_check(&pkt, c->pkt);
		if (!ret)
			ret = lumen_ring_advance(&c->in, &pkt);
		if (ret) {
			hvsim_chan_break(dev, "bad packet", ret);
			return ret;
		}
		hvsim_count(&dev->pkts_in);
		ret = hvsim_chan_handle(dev, &pkt, atomic, signal);
		if (ret == -EAGAIN || ret == -EWOULDBLOCK)
			break;
		if (ret)
			return ret;
	}
	/* Space freed for a guest blocked on this ring: wake it. */
	if (lumen_ring_read_commit(&c->in))
		*signal = true;
	return ret;
}

/* A fast channel's tasklet gives the channel to the work item. */
static void hvsim_chan_hand_over(struct hvsim_dev *dev)
{
	hvsim_count(&dev->handovers);
	WRITE_ONCE(dev->chan.in_work, true);
	queue_work(hvsim_wq, &dev->work);
}

/*
 * Serve an open channel: a pending ring_corrupt fault first (the channel
 * then counts as broken); nothing for a broken or stalled channel.
 * Otherwise a packet held for the work item, a reply still waiting for
 * space and the outbox go first, then the guest-to-host ring is drained
 * with the guest's signals masked and looked at again after unmasking.
 * The guest is signalled once at the end if the ring code asked for it.
 *
 * In softirq context (@atomic, a fast channel's tasklet) at most
 * HVSIM_CHAN_BUDGET packets are handled before the tasklet reschedules
 * itself, signals still masked; a packet that needs process context
 * hands the channel to the work item.
 */
static void hvsim_chan_serve(struct hvsim_dev *dev, bool atomic)
{
	struct hvsim_chan *c = &dev->chan;
	bool signal = false;
	int ret, corrupt;

	/* A plain look first: the exchange is dear on every pass. */
	corrupt = READ_ONCE(dev->corrupt) ?
		  xchg(&dev->corrupt, HVSIM_CORRUPT_NONE) : HVSIM_CORRUPT_NONE;
	if (corrupt) {
		/* Fault: corrupt the ring, tell the guest, serve no more. */
		hvsim_fault_corrupt_ring(dev, corrupt);
		WRITE_ONCE(dev->broken, true);
		hvsim_chan_notify_guest(dev);
		return;
	}
	/* Broken, or stalled by a fault: leave the rings alone. */
	if (READ_ONCE(dev->broken) || READ_ONCE(dev->stalled))
		return;
	/* A packet held for process context (the work item stopped early). */
	if (c->held && atomic) {
		hvsim_chan_hand_over(dev);
		return;
	}
	if (c->held) {
		c->held = false;
		ret = hvsim_chan_handle(dev, &c->held_pkt, false, &signal);
		if (ret && ret != -EAGAIN)
			goto out;
	}
	for (;;) {
		if (c->reply_len) {
			ret = hvsim_chan_flush_reply(dev, &signal);
			if (ret)
				break;
		}
		ret = hvsim_chan_flush_outbox(dev, &signal);
		if (ret)
			break;
		ret = hvsim_chan_drain(dev, atomic,
				       atomic ? HVSIM_CHAN_BUDGET : U32_MAX,
				       &signal);
		if (ret == -EINPROGRESS) {
			tasklet_schedule(&dev->bh);
			break;
		}
		if (ret == -EWOULDBLOCK) {
			hvsim_chan_hand_over(dev);
			break;
		}
		if (ret && ret != -EAGAIN)
			break;
		/* Unmask even when blocked, so new packets are signalled. */
		if (!lumen_ring_intr_unmask(&c->in) || ret)
			break;
	}
out:
	if (signal)
		hvsim_chan_notify_guest(dev);
}

/**
 * hvsim_chan_work() - The channel's work item: serve it in process context.
 * @work: &struct hvsim_dev.work.
 *
 * Serves the channel (see hvsim_chan_serve()). For a fast channel this
 * runs only when its tasklet handed it over; the channel goes back to the
 * tasklet afterwards.
 *
 * Context: process context (workqueue); owns the channel's rings.
 */
void hvsim_chan_work(struct work_struct *work)
{
	struct hvsim_dev *dev = container_of(work, struct hvsim_dev, work);
	struct hvsim_chan *c = &dev->chan;

	if (READ_ONCE(c->stopping))
		return;
	hvsim_chan_serve(dev, false);
	if (!hvsim_chan_fast(dev))
		return;
	/* Pairs with the tasklet's acquire: our ring state goes with it. */
	smp_store_release(&c->in_work, false);
	tasklet_schedule(&dev->bh);
}

/**
 * hvsim_chan_bh() - A fast channel's tasklet: serve it in softirq context.
 * @t: &struct hvsim_dev.bh.
 *
 * Does nothing while the work item serves the channel.
 *
 * Context: softirq; owns the channel's rings unless the work item does.
 */
void hvsim_chan_bh(struct tasklet_struct *t)
{
	struct hvsim_dev *dev = from_tasklet(dev, t, bh);
	struct hvsim_chan *c = &dev->chan;

	/* Acquire: pairs with the work item's release when it hands back. */
	if (READ_ONCE(c->stopping) || smp_load_acquire(&c->in_work))
		return;
	hvsim_chan_serve(dev, true);
}

/**
 * hvsim_chan_kick() - Have an open channel served.
 * @dev: the channel.
 *
 * A fast channel (see hvsim_chan_fast()) goes to its tasklet. From
 * task context with interrupts and bottom halves enabled, the tasklet runs
 * before this returns, on this vCPU, as Hyper-V runs an in-kernel VSP on
 * the intercept of the signalling VP; elsewhere it runs at the next
 * softirq. Other channels go to their work item.
 *
 * Context: any context.
 */
void hvsim_chan_kick(struct hvsim_dev *dev)
{
	if (!hvsim_chan_fast(dev)) {
		queue_work(hvsim_wq, &dev->work);
		return;
	}
	if (!in_task() || irqs_disabled()) {
		tasklet_schedule(&dev->bh);
		return;
	}
	local_bh_disable();
	tasklet_schedule(&dev->bh);
	local_bh_enable();
}

/* Legacy shared event: every relid bit the guest set in its half. */
static void hvsim_chan_scan_legacy(unsigned long *bits)
{
	struct hvsim_dev *dev;
	unsigned long word;
	unsigned int i, bit;

	for (i = 0; i < BITS_TO_LONGS(VMBUS_MSG_RELID_LIMIT); i++) {
		word = xchg(&bits[i], 0);
		for_each_set_bit(bit, &word, BITS_PER_LONG) {
			dev = xa_load(&hvsim_conns,
				      HVSIM_CONN_ID(i * BITS_PER_LONG + bit));
			if (dev)
				hvsim_chan_kick(dev);
		}
	}
}

/**
 * hvsim_chan_signal() - A guest HvSignalEvent, by connection id.
 * @conn_id: connection id (24 bits).
 *
 * Context: any context, hard irq included.
 * Return: %TLFS_STATUS_SUCCESS, or %TLFS_STATUS_INVALID_CONNECTION_ID if
 * no open channel (and no legacy interrupt page for id 2) uses @conn_id.
 */
int hvsim_chan_signal(u32 conn_id)
{
	int status = TLFS_STATUS_INVALID_CONNECTION_ID;
	struct hvsim_dev *dev;
	unsigned long *bits;

	rcu_read_lock();
	if (conn_id == VMBUS_MSG_CONN_ID_EVENT) {
		bits = rcu_dereference(hvsim_int_page);
		if (bits) {
			hvsim_chan_scan_legacy(bits + HVSIM_INT_PAGE_HALF /
					       sizeof(*bits));
			status = TLFS_STATUS_SUCCESS;
		}
	} else {
		dev = xa_load(&hvsim_conns, conn_id);
		if (dev) {
			hvsim_chan_kick(dev);
			status = TLFS_STATUS_SUCCESS;
		}
	}
	rcu_read_unlock();
	return status;
}

/**
 * hvsim_chan_set_int_page() - Map the guest's legacy interrupt page.
 * @gpa: its guest physical address, from INITIATE_CONTACT (before 2.4).
 *
 * Context: process context, hvsim_mutex held.
 * Return: 0, or -EINVAL if @gpa is not a page-aligned page of guest memory
 * or cannot be mapped.
 */
int hvsim_chan_set_int_page(u64 gpa)
{
	u64 pfn = gpa / TLFS_PAGE_SIZE;
	void *va;

	lockdep_assert_held(&hvsim_mutex);
	hvsim_chan_clear_int_page();
	if (gpa % TLFS_PAGE_SIZE)
		return -EINVAL;
	va = hvsim_map_pfns(&pfn, 1, &hvsim_int_pages);
	if (!va)
		return -EINVAL;
	rcu_assign_pointer(hvsim_int_page, va);
	return 0;
}

/**
 * hvsim_chan_clear_int_page() - Unmap the legacy interrupt page, if any.
 *
 * Context: process context, hvsim_mutex held, every channel stopped.
 */
void hvsim_chan_clear_int_page(void)
{
	unsigned long *va;

	lockdep_assert_held(&hvsim_mutex);
	va = rcu_dereference_protected(hvsim_int_page,
				       lockdep_is_held(&hvsim_mutex));
	if (!va)
		return;
	RCU_INIT_POINTER(hvsim_int_page, NULL);
	synchronize_rcu();
	vunmap(va);
	kvfree(hvsim_int_pages);
	hvsim_int_pages = NULL;
}
