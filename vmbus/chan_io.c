// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: channel operations for drivers. GPADLs, open and close, send
 * and receive, and signalling the host.
 *
 * Rings: one allocation of zeroed pages holds both rings (send ring first,
 * each a 4 KiB control page plus data pages) and is described to the host
 * by one GPADL. Each data area is also mapped twice back to back with
 * vmap(), so a packet that crosses the end of a ring is still one copy.
 *
 * Signalling: only when the ring code says so (empty-to-non-empty and not
 * masked by the host; pending-send-size transitions when reading), through
 * the monitor page when the offer has a monitor id, otherwise with
 * HvSignalEvent on the offer's connection id.
 *
 * Locking: chan->lock (mutex) serialises open, close and GPADL calls of a
 * channel; chan->send_lock serialises senders; the receive side belongs to
 * the driver's callback (one tasklet per channel, so never concurrent).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <lumen/gpadl_msg.h>
#include <lumen/transport.h>
#include <lumen/vmbus.h>
#include <proto/vmbus_ring.h>
#include "channel.h"
#include "core.h"
#include "request.h"
#include "trace.h"

/* Largest GPA-direct descriptor area we build: ranges and PFNs. */
#define VMBUS_GPA_DESC_MAX	4096
/*
 * GPA-direct descriptors up to this size are built on the stack: a header
 * and one range of up to 10 pages (a 36 KiB transfer), the common case.
 */
#define VMBUS_CHAN_GPA_STACK	128

static atomic_t vmbus_gpadl_next =
	ATOMIC_INIT(VMBUS_MSG_POLICY_GPADL_FIRST_HANDLE);

static void vmbus_chan_broken(struct lumen_chan *chan, int err, const char *why)
{
	WRITE_ONCE(chan->broken, true);
	atomic64_inc(&chan->bad_packets);
	vmbus_conn_count_bad(err);
	pr_warn_ratelimited("relid %u: %s (%d); channel stopped\n",
			    chan->relid, why, err);
}

static void vmbus_chan_signal(struct lumen_chan *chan)
{
	const struct lumen_transport_ops *ops = chan->ops;

	atomic64_inc(&chan->signals);
	if (!(chan->offer.interrupt_flags &
	      cpu_to_le16(VMBUS_MSG_OFFER_DEDICATED_INTERRUPT)))
		vmbus_conn_legacy_send_int(chan->relid);
	if (chan->offer.monitor_flags & VMBUS_MSG_OFFER_MONITOR_ALLOCATED)
		vmbus_conn_monitor_signal(chan->offer.monitor_id);
	else
		ops->signal_event(chan->conn_id, 0);
}

static void vmbus_gpadl_teardown_msg(const struct lumen_chan *chan,
				     u32 handle,
				     struct vmbus_msg_gpadl_teardown *msg)
{
	*msg = (struct vmbus_msg_gpadl_teardown) {
		.hdr.type = cpu_to_le32(VMBUS_MSG_GPADL_TEARDOWN),
		.child_relid = cpu_to_le32(chan->relid),
		.gpadl = cpu_to_le32(handle),
	};
}

/* Drop a GPADL the host never completed: nothing to wait for. */
static void vmbus_gpadl_abandon(struct lumen_chan *chan, u32 handle)
{
	struct vmbus_msg_gpadl_teardown msg;

	vmbus_gpadl_teardown_msg(chan, handle, &msg);
	if (vmbus_conn_post_msg(&msg, sizeof(msg)))
		pr_warn("relid %u: GPADL %u left half-built on the host\n",
			chan->relid, handle);
}

/* Tear down a GPADL; false if the host never confirmed (leak the memory). */
static bool vmbus_gpadl_teardown(struct lumen_chan *chan, u32 handle)
{
	struct vmbus_msg_gpadl_teardown msg;
	struct vmbus_waiter w = {
		.type = VMBUS_MSG_GPADL_TORNDOWN,
		.relid = chan->relid,
		.key = handle,
	};
	int ret;

	/* A rescinded channel's GPADLs are gone on the host already. */
	if (READ_ONCE(chan->rescinded))
		return true;
	vmbus_gpadl_teardown_msg(chan, handle, &msg);
	ret = vmbus_conn_request(&w, &msg, sizeof(msg));
	if (ret == -ENODEV)
		return true;
	if (ret)
		pr_err("relid %u: GPADL %u teardown failed: %d; memory leaked\n",
		       chan->relid, handle, ret);
	return !ret;
}

static int vmbus_gpadl_create(struct lumen_chan *chan, const u64 *pfns,
			      u32 npfn, u32 size, u32 *handle)
{
	struct vmbus_gpadl_desc d = {
		.relid = chan->relid,
		.pfns = pfns,
		.npfn = npfn,
		.byte_count = size,
	};
	struct vmbus_waiter w = { .type = VMBUS_MSG_GPADL_CREATED };
	u32 i, count = vmbus_gpadl_msg_count(npfn);
	u8 msg[VMBUS_MSG_MAX_SIZE];
	int len, ret = 0;

	if (!count)
		return -EINVAL;
	d.handle = atomic_inc_return(&vmbus_gpadl_next);
	w.relid = chan->relid;
	w.key = d.handle;
	vmbus_waiter_arm(&w);
	for (i = 0; i < count && !ret; i++) {
		len = vmbus_gpadl_msg_build(&d, i, msg, sizeof(msg));
		ret = len < 0 ? len : vmbus_conn_post_msg(msg, len);
	}
	/*
	 * A post failed after the header went out: the host holds a GPADL it
	 * can never complete. Ask it to drop it; a host does not answer the
	 * teardown of a GPADL it never created, and it never mapped the pages.
	 */
	if (ret && i > 1)
		vmbus_gpadl_abandon(chan, d.handle);
	ret = vmbus_waiter_wait(&w, ret);
	if (ret == -ETIMEDOUT && !vmbus_gpadl_teardown(chan, d.handle))
		return -EREMOTEIO;	/* the host may still map the pages */
	if (ret)
		return ret;
	if (w.resp.gpadl_created.status) {
		pr_err("relid %u: GPADL %u refused: status %#x\n", chan->relid,
		       d.handle, le32_to_cpu(w.resp.gpadl_created.status));
		return -EIO;
	}
	*handle = d.handle;
	return 0;
}

/**
 * lumen_chan_gpadl_create() - Describe a buffer to the host.
 * @chan: the channel.
 * @buf: page-aligned memory from vmalloc() or the page allocator.
 * @size: bytes, a multiple of PAGE_SIZE.
 * @handle: the GPADL handle, for the device protocol and the teardown.
 *
 * Context: process context, sleeps.
 * Return: 0, -EINVAL for a bad buffer, -ENOMEM, -ENODEV if the channel
 * was rescinded, -EIO if the host refused, -ETIMEDOUT (no GPADL remains),
 * or -EREMOTEIO: the host never answered and the GPADL could not be torn
 * down, so it may still map @buf: the caller must leak @buf.
 */
int lumen_chan_gpadl_create(struct lumen_chan *chan, void *buf, u32 size,
			    u32 *handle)
{
	u32 i, npfn = size >> PAGE_SHIFT;
	u64 *pfns;
	int ret;

	if (!size || !PAGE_ALIGNED(buf) || !PAGE_ALIGNED(size))
		return -EINVAL;
	pfns = kvmalloc_array(npfn, sizeof(*pfns), GFP_KERNEL);
	if (!pfns)
		return -ENOMEM;
	for (i = 0; i < npfn; i++) {
		void *p = buf + ((size_t)i << PAGE_SHIFT);

		pfns[i] = is_vmalloc_addr(p) ? vmalloc_to_pfn(p) :
			  page_to_pfn(virt_to_page(p));
	}
	mutex_lock(&chan->lock);
	ret = vmbus_gpadl_create(chan, pfns, npfn, size, handle);
	mutex_unlock(&chan->lock);
	kvfree(pfns);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_gpadl_create, LUMEN);

/**
 * lumen_chan_gpadl_teardown() - Take a buffer back from the host.
 * @chan: the channel.
 * @handle: from lumen_chan_gpadl_create().
 *
 * Nothing is sent for a rescinded channel. If the host does not confirm
 * the teardown the caller must leak the buffer (it may still be in use).
 *
 * Context: process context, sleeps.
 */
void lumen_chan_gpadl_teardown(struct lumen_chan *chan, u32 handle)
{
	mutex_lock(&chan->lock);
	vmbus_gpadl_teardown(chan, handle);
	mutex_unlock(&chan->lock);
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_gpadl_teardown, LUMEN);

static void vmbus_chan_free_rings(struct lumen_chan *chan)
{
	u32 i;

	if (chan->send_map)
		vunmap(chan->send_map);
	if (chan->recv_map)
		vunmap(chan->recv_map);
	for (i = 0; i < chan->npages; i++)
		if (chan->pages[i])
			__free_page(chan->pages[i]);
	kfree(chan->pages);
	chan->pages = NULL;
	chan->npages = 0;
	chan->send_map = NULL;
	chan->recv_map = NULL;
}

/*
 * The host may still use the ring pages: unmap them and forget them, but
 * never free or reuse them.
 */
static void vmbus_chan_leak_rings(struct lumen_chan *chan)
{
	if (chan->send_map)
		vunmap(chan->send_map);
	if (chan->recv_map)
		vunmap(chan->recv_map);
	kfree(chan->pages);
	chan->pages = NULL;
	chan->npages = 0;
	chan->send_map = NULL;
	chan->recv_map = NULL;
	pr_err("relid %u: ring memory leaked: the host may still use it\n",
	       chan->relid);
}

/* Map pages [first, first + n) twice back to back. */
static void *vmbus_map_twice(struct page **pages, u32 first, u32 n)
{
	struct page **two;
	void *addr;
	u32 i;

	two = kcalloc(2 * n, sizeof(*two), GFP_KERNEL);
	if (!two)
		return NULL;
	for (i = 0; i < 2 * n; i++)
		two[i] = pages[first + i % n];
	addr = vmap(two, 2 * n, VM_MAP, PAGE_KERNEL);
	kfree(two);
	return addr;
}

static int vmbus_chan_alloc_rings(struct lumen_chan *chan, u32 send_ring,
				  u32 recv_ring)
{
	u32 spages = send_ring >> PAGE_SHIFT, i;
	int ret;

	chan->npages = (send_ring + recv_ring) >> PAGE_SHIFT;
	chan->pages = kcalloc(chan->npages, sizeof(*chan->pages), GFP_KERNEL);
	if (!chan->pages)
		goto out_nomem;
	for (i = 0; i < chan->npages; i++) {
		chan->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!chan->pages[i])
			goto out_nomem;
	}
	chan->send_map = vmbus_map_twice(chan->pages, 1, spages - 1);
	chan->recv_map = vmbus_map_twice(chan->pages, spages + 1,
					 chan->npages - spages - 1);
	if (!chan->send_map || !chan->recv_map)
		goto out_nomem;
	ret = lumen_ring_init(&chan->send, page_address(chan->pages[0]),
			      chan->send_map, send_ring - PAGE_SIZE, true);
	if (!ret)
		ret = lumen_ring_init(&chan->recv,
				      page_address(chan->pages[spages]),
				      chan->recv_map, recv_ring - PAGE_SIZE, true);
	if (ret)
		goto out_free;
	/* We set pending_send_sz when blocked and signal freed space. */
	chan->send.ctrl->feature_bits =
		cpu_to_le32(VMBUS_RING_FEAT_PENDING_SEND_SZ);
	chan->recv.ctrl->feature_bits =
		cpu_to_le32(VMBUS_RING_FEAT_PENDING_SEND_SZ);
	return 0;

out_nomem:
	ret = -ENOMEM;
out_free:
	vmbus_chan_free_rings(chan);
	return ret;
}

static void vmbus_chan_post_close(struct lumen_chan *chan)
{
	struct vmbus_msg_close_channel msg = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_CLOSECHANNEL),
		.child_relid = cpu_to_le32(chan->relid),
	};

	if (vmbus_conn_post_msg(&msg, sizeof(msg)))
		pr_warn("relid %u: CLOSECHANNEL not sent\n", chan->relid);
}

/* Change @chan->state under both locks: holding either one keeps it. */
static void vmbus_chan_set_state(struct lumen_chan *chan, u32 state)
{
	unsigned long flags;

	lockdep_assert_held(&chan->lock);
	spin_lock_irqsave(&chan->send_lock, flags);
	WRITE_ONCE(chan->state, state);
	spin_unlock_irqrestore(&chan->send_lock, flags);
}

/*
 * Stop all I/O on an open channel before its rings are freed or leaked.
 * On return no sender is inside the send ring and none will enter it, no
 * interrupt handler is about to schedule the channel's tasklet, and the
 * tasklet (so the driver's callback and its reads) has finished and will
 * not run again:
 *
 *   sender / interrupt (CPU0)            close (CPU1)
 *   lock send_lock                       lock send_lock ... waits
 *   state == OPEN: write the ring
 *   unlock send_lock                     state = OFFERED, unlock
 *   rcu_read_lock, irqs off              synchronize_rcu(): every handler
 *   state == OPEN: tasklet_schedule        that saw OPEN is done
 *   rcu_read_unlock                      tasklet_kill(): the callback the
 *                                          handler scheduled has run
 *   lock send_lock: state != OPEN,       free the rings
 *   -ENOTCONN; handler: no schedule
 */
static void vmbus_chan_stop_io(struct lumen_chan *chan)
{
	vmbus_chan_set_state(chan, VMBUS_CHAN_OFFERED);
	synchronize_rcu();
	tasklet_kill(&chan->tasklet);
	WRITE_ONCE(chan->callback, NULL);
}

/**
 * lumen_chan_open() - Open a channel: rings, GPADL, OPENCHANNEL.
 * @chan: the channel, offered and not open.
 * @send_ring: bytes of the guest-to-host ring, control page included; a
 *	multiple of PAGE_SIZE, at least two pages.
 * @recv_ring: bytes of the host-to-guest ring, likewise.
 * @userdata: bytes passed to the device in OPENCHANNEL, or NULL.
 * @udlen: their length, at most 120.
 * @callback: called in softirq context on the channel's target CPU when
 *	the host signals the channel. It reads until lumen_chan_recv() says
 *	-ENODATA; packets it leaves in the ring are not offered to it again
 *	until more arrive. It never runs after lumen_chan_close() returns,
 *	nor after the core closed a rescinded sub-channel.
 * @ctx: argument for @callback.
 *
 * Context: process context, sleeps.
 * Return: 0, -EINVAL, -EBUSY if already open, -ENODEV if rescinded,
 * -ENOMEM, -EIO if the host refused, -ETIMEDOUT.
 */
int lumen_chan_open(struct lumen_chan *chan, u32 send_ring, u32 recv_ring,
		    const void *userdata, u32 udlen,
		    void (*callback)(void *ctx), void *ctx)
{
	struct vmbus_msg_open_channel msg = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_OPENCHANNEL),
		.child_relid = cpu_to_le32(chan->relid),
		.open_id = cpu_to_le32(chan->relid),
		.target_vp = cpu_to_le32(chan->target_vp),
		.downstream_offset = cpu_to_le32(send_ring >> PAGE_SHIFT),
	};
	struct vmbus_waiter w = {
		.type = VMBUS_MSG_OPENCHANNEL_RESULT,
		.relid = chan->relid,
		.key = chan->relid,
	};
	u64 *pfns = NULL;
	u32 i;
	int ret;

	if (!PAGE_ALIGNED(send_ring) || !PAGE_ALIGNED(recv_ring) ||
	    send_ring < 2 * PAGE_SIZE || recv_ring < 2 * PAGE_SIZE ||
	    udlen > sizeof(msg.user_data) || !callback)
		return -EINVAL;
	if (udlen)
		memcpy(msg.user_data, userdata, udlen);

	mutex_lock(&chan->lock);
	ret = -EBUSY;
	if (chan->state != VMBUS_CHAN_OFFERED)
		goto out_unlock;
	ret = -ENODEV;
	if (READ_ONCE(chan->rescinded))
		goto out_unlock;
	ret = vmbus_chan_alloc_rings(chan, send_ring, recv_ring);
	if (ret)
		goto out_unlock;
	pfns = kvmalloc_array(chan->npages, sizeof(*pfns), GFP_KERNEL);
	ret = -ENOMEM;
	if (!pfns)
		goto out_free_rings;
	for (i = 0; i < chan->npages; i++)
		pfns[i] = page_to_pfn(chan->pages[i]);
	ret = vmbus_gpadl_create(chan, pfns, chan->npages,
				 send_ring + recv_ring, &chan->ring_gpadl);
	kvfree(pfns);
	if (ret == -EREMOTEIO) {
		vmbus_chan_leak_rings(chan);
		goto out_unlock;
	}
	if (ret)
		goto out_free_rings;

	WRITE_ONCE(chan->broken, false);
	WRITE_ONCE(chan->polling, false);
	chan->ctx = ctx;
	WRITE_ONCE(chan->callback, callback);
	msg.ring_gpadl = cpu_to_le32(chan->ring_gpadl);
	vmbus_chan_set_state(chan, VMBUS_CHAN_OPEN);
	ret = vmbus_conn_request(&w, &msg, sizeof(msg));
	if (!ret && w.resp.openchannel_result.status)
		ret = -EIO;
	if (ret)
		goto out_closed;
	mutex_unlock(&chan->lock);
	return 0;

out_closed:
	vmbus_chan_stop_io(chan);
	pr_err("relid %u: open failed: %d\n", chan->relid, ret);
	/*
	 * Without a result the host may have opened the channel: close it,
	 * or it would hold the ring GPADL (and refuse the next open).
	 */
	if (ret == -ETIMEDOUT && !READ_ONCE(chan->rescinded))
		vmbus_chan_post_close(chan);
	if (!vmbus_gpadl_teardown(chan, chan->ring_gpadl)) {
		vmbus_chan_leak_rings(chan);
		goto out_unlock;
	}
out_free_rings:
	vmbus_chan_free_rings(chan);
out_unlock:
	mutex_unlock(&chan->lock);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_open, LUMEN);

static void vmbus_chan_do_close(struct lumen_chan *chan)
{
	bool released = true;

	lockdep_assert_held(&chan->lock);
	if (chan->state != VMBUS_CHAN_OPEN)
		return;
	vmbus_chan_stop_io(chan);
	if (!READ_ONCE(chan->rescinded)) {
		vmbus_chan_post_close(chan);
		released = vmbus_gpadl_teardown(chan, chan->ring_gpadl);
	}
	if (released)
		vmbus_chan_free_rings(chan);
	else
		vmbus_chan_leak_rings(chan);
}

/**
 * lumen_chan_close() - Close an open channel.
 * @chan: the channel.
 *
 * Sends CLOSECHANNEL, tears the ring GPADL down and frees the rings. For a
 * rescinded channel nothing is sent.
 *
 * Context: process context, sleeps.
 */
void lumen_chan_close(struct lumen_chan *chan)
{
	mutex_lock(&chan->lock);
	vmbus_chan_do_close(chan);
	mutex_unlock(&chan->lock);
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_close, LUMEN);

static int vmbus_chan_write(struct lumen_chan *chan,
			    const struct lumen_ring_buf *bufs,
			    unsigned int nbufs)
{
	unsigned long flags;
	bool signal = false;
	int ret;

	/* Under send_lock: a close cannot free the rings under the write. */
	spin_lock_irqsave(&chan->send_lock, flags);
	if (chan->state != VMBUS_CHAN_OPEN)
		ret = -ENOTCONN;
	else if (READ_ONCE(chan->rescinded))
		ret = -ENODEV;
	else if (READ_ONCE(chan->broken))
		ret = -EIO;
	else
		ret = lumen_ring_write(&chan->send, bufs, nbufs, &signal);
	spin_unlock_irqrestore(&chan->send_lock, flags);
	if (trace_lumen_vmbus_chan_write_enabled()) {
		u32 len = 0;
		unsigned int i;

		for (i = 0; i < nbufs; i++)
			len += bufs[i].len;
		trace_lumen_vmbus_chan_write(chan->relid, len, ret, signal);
	}
	if (ret == -ERANGE)
		vmbus_chan_broken(chan, ret, "corrupt send ring");
	if (!ret && signal)
		vmbus_chan_signal(chan);
	return ret;
}

/*
 * The descriptor's len8 for @desc_len bytes of descriptor and @len of
 * payload: the whole packet, padded to 8 bytes, in 8-byte units, which
 * must fit the 16-bit field.
 */
static int vmbus_pkt_len8(size_t desc_len, u32 len, __le16 *len8)
{
	if (desc_len > U16_MAX * 8 || len > U16_MAX * 8 - desc_len)
		return -EMSGSIZE;
	*len8 = cpu_to_le16(ALIGN(desc_len + len, 8) >> VMBUS_PKT_SHIFT);
	return 0;
}

/**
 * lumen_chan_send() - Send an in-band packet.
 * @chan: an open channel.
 * @data: the payload.
 * @len: its length.
 * @trans_id: transaction id (from the channel's request table, or 0).
 * @want_completion: ask the host for a completion packet.
 *
 * Context: any context.
 * Return: 0, -EAGAIN when the ring is full, -EMSGSIZE, -ENOTCONN,
 * -ENODEV (rescinded), -EIO (channel broken), -ERANGE (corrupt ring).
 */
int lumen_chan_send(struct lumen_chan *chan, const void *data, u32 len,
		    u64 trans_id, bool want_completion)
{
	struct vmbus_pkt_desc desc = {
		.type = cpu_to_le16(VMBUS_PKT_DATA_INBAND),
		.offset8 = cpu_to_le16(sizeof(desc) >> VMBUS_PKT_SHIFT),
		.trans_id = cpu_to_le64(trans_id),
	};
	struct lumen_ring_buf bufs[2] = {
		{ &desc, sizeof(desc) },
		{ data, len },
	};
	int ret = vmbus_pkt_len8(sizeof(desc), len, &desc.len8);

	if (ret)
		return ret;
	if (want_completion)
		desc.flags = cpu_to_le16(VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	return vmbus_chan_write(chan, bufs, 2);
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_send, LUMEN);

/**
 * lumen_chan_send_gpa() - Send a GPA-direct packet describing guest pages.
 * @chan: an open channel.
 * @ranges: the memory ranges the host may access.
 * @nranges: how many (at least one).
 * @data: the in-band payload after the ranges.
 * @len: its length.
 * @trans_id: transaction id; a completion is always requested.
 *
 * Context: any context; a descriptor longer than %VMBUS_CHAN_GPA_STACK
 * bytes is allocated with GFP_ATOMIC.
 * Return: as lumen_chan_send(), plus -EINVAL for bad ranges and -ENOMEM.
 */
int lumen_chan_send_gpa(struct lumen_chan *chan,
			const struct lumen_chan_range *ranges,
			unsigned int nranges, const void *data, u32 len,
			u64 trans_id)
{
	u64 stack[VMBUS_CHAN_GPA_STACK / sizeof(u64)];
	struct vmbus_pkt_gpa_direct *hdr;
	struct lumen_ring_buf bufs[2];
	size_t desc_len = sizeof(*hdr);
	unsigned int i, j;
	__le16 len8;
	u8 *p;
	int ret;

	if (!nranges)
		return -EINVAL;
	for (i = 0; i < nranges; i++) {
		if (ranges[i].offset >= PAGE_SIZE || !ranges[i].npfn ||
		    DIV_ROUND_UP(ranges[i].offset + (u64)ranges[i].len,
				 PAGE_SIZE) != ranges[i].npfn)
			return -EINVAL;
		desc_len += sizeof(struct vmbus_pkt_gpa_range) +
			    (size_t)ranges[i].npfn * sizeof(u64);
		if (desc_len > VMBUS_GPA_DESC_MAX)
			return -EMSGSIZE;
	}
	ret = vmbus_pkt_len8(desc_len, len, &len8);
	if (ret)
		return ret;
	if (desc_len <= sizeof(stack)) {
		hdr = (void *)stack;
		memset(hdr, 0, desc_len);
	} else {
		hdr = kzalloc(desc_len, GFP_ATOMIC);
		if (!hdr)
			return -ENOMEM;
	}
	hdr->desc.type = cpu_to_le16(VMBUS_PKT_DATA_GPA_DIRECT);
	hdr->desc.offset8 = cpu_to_le16(desc_len >> VMBUS_PKT_SHIFT);
	hdr->desc.len8 = len8;
	hdr->desc.flags = cpu_to_le16(VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	hdr->desc.trans_id = cpu_to_le64(trans_id);
	hdr->range_count = cpu_to_le32(nranges);
	p = (u8 *)(hdr + 1);
	for (i = 0; i < nranges; i++) {
		struct vmbus_pkt_gpa_range *r = (void *)p;

		r->byte_count = cpu_to_le32(ranges[i].len);
		r->byte_offset = cpu_to_le32(ranges[i].offset);
		for (j = 0; j < ranges[i].npfn; j++)
			r->pfn[j] = cpu_to_le64(ranges[i].pfns[j]);
		p += sizeof(*r) + ranges[i].npfn * sizeof(u64);
	}
	bufs[0].data = hdr;
	bufs[0].len = desc_len;
	bufs[1].data = data;
	bufs[1].len = len;
	ret = vmbus_chan_write(chan, bufs, 2);
	if ((void *)hdr != stack)
		kfree(hdr);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_send_gpa, LUMEN);

/**
 * lumen_chan_recv() - Take the next packet off the receive ring.
 * @chan: an open channel.
 * @buf: private buffer the packet is copied into; @pkt points into it.
 * @buflen: its size.
 * @pkt: the packet.
 *
 * The packet is copied out of shared memory and its descriptor validated
 * before anything is returned. Call lumen_chan_recv_done() after a batch.
 *
 * A packet larger than @buflen is more than the driver's protocol allows:
 * bad host input, so the channel is broken (counted and logged) rather
 * than the packet left on the ring for the callback to meet again.
 *
 * Context: the channel's callback (softirq), or with it quiesced.
 * Return: 0, -ENODATA when empty, -EMSGSIZE if the packet is larger than
 * @buflen (the channel is then broken), -EIO once the channel is broken.
 */
int lumen_chan_recv(struct lumen_chan *chan, void *buf, u32 buflen,
		    struct lumen_chan_pkt *pkt)
{
	struct lumen_ring_pkt rp;
	int ret;

	if (READ_ONCE(chan->broken))
		return -EIO;
	ret = lumen_ring_peek(&chan->recv, buf, buflen, &rp);
	if (ret == -ENODATA)
		return ret;
	if (ret == -EMSGSIZE) {
		vmbus_chan_broken(chan, ret, "packet larger than the driver takes");
		return ret;
	}
	if (ret) {
		vmbus_chan_broken(chan, ret, "corrupt receive ring");
		return -EIO;
	}
	ret = lumen_ring_advance(&chan->recv, &rp);
	if (ret) {
		vmbus_chan_broken(chan, ret, "corrupt receive ring");
		return -EIO;
	}
	pkt->type = rp.type;
	pkt->flags = rp.flags;
	pkt->trans_id = rp.trans_id;
	pkt->data = (u8 *)buf + rp.offset;
	pkt->len = rp.len;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_recv, LUMEN);

/**
 * lumen_chan_recv_done() - Publish what was read; signal a waiting host.
 * @chan: an open channel.
 *
 * Context: the channel's callback (softirq), or with it quiesced.
 */
void lumen_chan_recv_done(struct lumen_chan *chan)
{
	if (lumen_ring_read_commit(&chan->recv))
		vmbus_chan_signal(chan);
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_recv_done, LUMEN);

/* Ask the host to interrupt VP @vp for the open channel @chan. */
static int vmbus_chan_modify(struct lumen_chan *chan, u32 vp)
{
	u32 version = vmbus_conn_version();
	struct vmbus_msg_modify_channel msg = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_MODIFYCHANNEL),
		.child_relid = cpu_to_le32(chan->relid),
		.target_vp = cpu_to_le32(vp),
	};
	struct vmbus_waiter w = {
		.type = VMBUS_MSG_MODIFYCHANNEL_RESPONSE,
		.relid = chan->relid,
	};
	int ret;

	lockdep_assert_held(&chan->lock);
	if (version < VMBUS_PROTO_V4_1)
		return -EOPNOTSUPP;
	if (version < VMBUS_PROTO_V5_3)
		return vmbus_conn_post_msg(&msg, sizeof(msg));
	ret = vmbus_conn_request(&w, &msg, sizeof(msg));
	if (!ret && w.resp.modifychannel_response.status)
		ret = -EIO;
	return ret;
}

/**
 * vmbus_chan_retarget() - Move a channel's interrupts to another CPU.
 * @chan: the channel.
 * @cpu: an online CPU.
 *
 * A closed channel just takes the CPU for its next open. An open one sends
 * MODIFYCHANNEL (VMBus 4.1 and newer); from 5.3 the host confirms with
 * MODIFYCHANNEL_RESPONSE, before that it does not answer and events may
 * still arrive on the old CPU for a while.
 *
 * Context: process context, sleeps.
 * Return: 0, -EINVAL for an offline CPU, -EOPNOTSUPP before 4.1, -ENODEV
 * if rescinded, -EIO if the host refused, or -ETIMEDOUT.
 */
int vmbus_chan_retarget(struct lumen_chan *chan, unsigned int cpu)
{
	u32 vp;
	int ret = 0;

	if (cpu >= nr_cpu_ids)
		return -EINVAL;
	mutex_lock(&chan->lock);
	/*
	 * Claim @cpu under cpus_read_lock(): while the claim stands, the CPU
	 * hotplug teardown of @cpu (and of the old target, still in
	 * @target_cpu) refuses. The hotplug lock itself is not held while the
	 * host answers: an offer behind a queued hotplug writer would wait
	 * for it, and the answer behind the offer.
	 */
	cpus_read_lock();
	if (!cpu_online(cpu)) {
		cpus_read_unlock();
		mutex_unlock(&chan->lock);
		return -EINVAL;
	}
	WRITE_ONCE(chan->claim_cpu, cpu);
	cpus_read_unlock();
	vp = chan->ops->vp_index(cpu);

	if (READ_ONCE(chan->rescinded))
		ret = -ENODEV;
	else if (chan->state == VMBUS_CHAN_OPEN)
		ret = vmbus_chan_modify(chan, vp);
	if (!ret) {
		WRITE_ONCE(chan->target_cpu, cpu);
		chan->target_vp = vp;
	}
	/* Pairs with vmbus_chan_cpu_busy(): the new target is seen first. */
	smp_store_release(&chan->claim_cpu, VMBUS_CHAN_NO_CLAIM);
	mutex_unlock(&chan->lock);
	return ret;
}

/**
 * lumen_chan_set_polling() - Switch a channel between interrupts and polling.
 * @chan: an open channel.
 * @poll: true to poll: the host is asked not to signal (the receive ring's
 *	interrupt mask) and the callback is no longer scheduled, as a NAPI
 *	driver does while it polls; false to go back to interrupts.
 *
 * Context: any context; the driver serialises calls with its receive path.
 * Return: when leaving polling, true if packets arrived meanwhile (poll
 * once more: the host saw the mask and did not signal them); else false.
 */
bool lumen_chan_set_polling(struct lumen_chan *chan, bool poll)
{
	if (poll) {
		WRITE_ONCE(chan->polling, true);
		lumen_ring_intr_mask(&chan->recv);
		return false;
	}
	WRITE_ONCE(chan->polling, false);
	return lumen_ring_intr_unmask(&chan->recv);
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_set_polling, LUMEN);
