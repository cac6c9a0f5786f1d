// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: channel lifetime. Offers become channels in the relid table and
 * primary channels become devices on the vmbus bus; sub-channels go to
 * their primary's driver. A rescind fails every waiter of the channel,
 * removes the device (the driver closes the channel; no GPADL teardown is
 * sent for a rescinded channel) and releases the relid with RELID_RELEASED
 * once nothing uses the channel.
 *
 * Host input rules enforced here, on top of the message parser: a relid
 * already in use, a second primary offer for the same instance GUID, a
 * sub-channel without its primary, and a rescind for an unknown relid are
 * rejected, counted and logged with a ratelimit.
 *
 * A rejected offer or rescind is returned as an errno to the connection,
 * which counts it; this file only logs it.
 *
 * Locking: vmbus_relid_lock (spinlock, interrupts off) protects updates of
 * vmbus_relids[]; the interrupt path reads it under RCU. Offers and
 * rescinds arrive one at a time on the ordered message workqueue, so they
 * never race each other.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/cpu.h>
#include <linux/jiffies.h>
#include <linux/moduleparam.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait_bit.h>

#include <lumen/transport.h>
#include "channel.h"
#include "core.h"
#include "request.h"
#include "trace.h"

static struct lumen_chan __rcu *vmbus_relids[VMBUS_MSG_RELID_LIMIT];
static DEFINE_SPINLOCK(vmbus_relid_lock);

static void vmbus_chan_release(struct kref *ref)
{
	struct lumen_chan *chan = container_of(ref, struct lumen_chan, ref);
	struct lumen_chan *primary = chan->primary;

	kfree(chan);
	/* A sub-channel kept its primary alive (see vmbus_chan_offer()). */
	if (primary)
		vmbus_chan_put(primary);
}

/**
 * vmbus_chan_put() - Drop a channel reference.
 * @chan: the channel.
 *
 * Context: any context.
 */
void vmbus_chan_put(struct lumen_chan *chan)
{
	kref_put(&chan->ref, vmbus_chan_release);
}

/**
 * lumen_chan_relid() - The channel's relid.
 * @chan: the channel.
 *
 * Context: any context.
 * Return: the relid.
 */
u32 lumen_chan_relid(const struct lumen_chan *chan)
{
	return chan->relid;
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_relid, LUMEN);

/**
 * lumen_chan_rescinded() - Has the host rescinded the channel?
 * @chan: the channel.
 *
 * Context: any context.
 * Return: true once the rescind was seen.
 */
bool lumen_chan_rescinded(const struct lumen_chan *chan)
{
	return READ_ONCE(chan->rescinded);
}
EXPORT_SYMBOL_NS_GPL(lumen_chan_rescinded, LUMEN);

static struct lumen_chan *vmbus_chan_get_relid(u32 relid)
{
	struct lumen_chan *chan;

	if (!relid || relid >= VMBUS_MSG_RELID_LIMIT)
		return NULL;
	rcu_read_lock();
	chan = rcu_dereference(vmbus_relids[relid]);
	if (chan && !kref_get_unless_zero(&chan->ref))
		chan = NULL;
	rcu_read_unlock();
	return chan;
}

/**
 * vmbus_chan_cpu_busy() - Is a CPU the target of any channel?
 * @cpu: the CPU.
 *
 * Every offered channel counts, open or not: a closed one opens on its
 * target CPU; so does a CPU a re-target has claimed. Channels get a
 * target or a claim only under cpus_read_lock(), so the answer holds
 * while the caller keeps CPU hotplug out.
 *
 * Context: any context; the CPU hotplug teardown of @cpu calls it.
 * Return: true if a channel targets @cpu.
 */
bool vmbus_chan_cpu_busy(unsigned int cpu)
{
	struct lumen_chan *chan;
	bool busy = false;
	unsigned int i;

	rcu_read_lock();
	for (i = 1; i < VMBUS_MSG_RELID_LIMIT && !busy; i++) {
		chan = rcu_dereference(vmbus_relids[i]);
		/* The claim first: once it is gone, the new target shows. */
		busy = chan && (smp_load_acquire(&chan->claim_cpu) == cpu ||
				READ_ONCE(chan->target_cpu) == cpu);
	}
	rcu_read_unlock();
	return busy;
}

/* The primary channel already offered with this instance GUID, if any. */
static struct lumen_chan *vmbus_chan_find_primary(const guid_t *instance)
{
	struct lumen_chan *chan;
	unsigned int i;

	for (i = 1; i < VMBUS_MSG_RELID_LIMIT; i++) {
		chan = rcu_dereference_protected(vmbus_relids[i], 1);
		if (chan && !chan->primary &&
		    guid_equal(&chan->offer.if_instance, instance))
			return chan;
	}
	return NULL;
}

/* Callback rounds one tasklet run makes before it yields the CPU. */
#define VMBUS_CHAN_ROUNDS	16

/*
 * Run the driver's callback with host signals masked, as Linux's vmbus
 * does: the host does not interrupt for packets written meanwhile. After
 * it, unmask and look at the write index again: a packet the host wrote
 * while the ring looked non-empty to it (the driver had read but not yet
 * published its read index) was not signalled and would be stranded.
 */
static void vmbus_chan_tasklet(struct tasklet_struct *t)
{
	struct lumen_chan *chan = from_tasklet(chan, t, tasklet);
	void (*callback)(void *ctx) = READ_ONCE(chan->callback);
	unsigned int rounds;

	u64 pos;

	if (!callback)
		return;
	for (rounds = 0; rounds < VMBUS_CHAN_ROUNDS; rounds++) {
		/* A closing channel's rings stay until tasklet_kill() returns. */
		if (READ_ONCE(chan->state) != VMBUS_CHAN_OPEN ||
		    READ_ONCE(chan->broken))
			return;
		lumen_ring_intr_mask(&chan->recv);
		pos = lumen_ring_position(&chan->recv);
		callback(chan->ctx);
		/* A driver that switched to polling owns the mask now. */
		if (READ_ONCE(chan->polling) || READ_ONCE(chan->broken))
			return;
		if (!lumen_ring_intr_unmask(&chan->recv))
			return;
		/*
		 * Not empty, but nothing arrived and nothing was read: the
		 * driver left the packets for later (its own business), and
		 * running it again would only spin.
		 */
		if (lumen_ring_position(&chan->recv) == pos)
			return;
	}
	tasklet_schedule(&chan->tasklet);
}

static int vmbus_chan_reject(int err, const char *why, u32 relid)
{
	pr_warn_ratelimited("offer for relid %u rejected: %s\n", relid, why);
	return err;
}

/* Spread channels over the online CPUs, round robin. */
static unsigned int vmbus_chan_pick_cpu(void)
{
	static unsigned int next;
	unsigned int cpu;

	cpu = cpumask_next(next, cpu_online_mask);
	if (cpu >= nr_cpu_ids)
		cpu = cpumask_first(cpu_online_mask);
	next = cpu;
	return cpu;
}

static void vmbus_chan_release_relid(struct lumen_chan *chan)
{
	struct vmbus_msg_relid_released msg = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_RELID_RELEASED),
		.child_relid = cpu_to_le32(chan->relid),
	};
	unsigned long flags;

	spin_lock_irqsave(&vmbus_relid_lock, flags);
	RCU_INIT_POINTER(vmbus_relids[chan->relid], NULL);
	spin_unlock_irqrestore(&vmbus_relid_lock, flags);
	synchronize_rcu();
	tasklet_kill(&chan->tasklet);
	if (vmbus_conn_post_msg(&msg, sizeof(msg)))
		pr_warn("relid %u: RELID_RELEASED not sent\n", chan->relid);
	vmbus_chan_put(chan);
}

/*
 * Drop the primary's references to its sub-channels, once its driver is
 * gone: until then a rescinded sub-channel stays a valid (rescinded)
 * handle for the driver.
 */
static void vmbus_chan_drop_subchannels(struct lumen_chan *primary)
{
	struct lumen_chan *sub, *tmp;
	LIST_HEAD(subs);

	mutex_lock(&primary->lock);
	list_splice_init(&primary->subchannels, &subs);
	mutex_unlock(&primary->lock);
	list_for_each_entry_safe(sub, tmp, &subs, sibling) {
		list_del_init(&sub->sibling);
		vmbus_chan_put(sub);
	}
}

/*
 * Device workqueues: adding devices (so driver probe), handing sub-channels
 * to drivers and tearing down rescinded channels run there, in offer and
 * rescind order, never on the message workqueue: a driver that opens a
 * channel waits for OPENCHANNEL_RESULT, which the message workqueue
 * delivers. Sub-channels have their own, as in Linux: a probe may wait
 * for the sub-channels it asked for.
 */
static struct workqueue_struct *vmbus_chan_wq;
static struct workqueue_struct *vmbus_subchan_wq;

/* The device workqueue of @chan: primaries and sub-channels apart. */
static struct workqueue_struct *vmbus_chan_wq_of(struct lumen_chan *chan)
{
	return chan->primary ? vmbus_subchan_wq : vmbus_chan_wq;
}

static void vmbus_chan_add_work(struct work_struct *work)
{
	struct lumen_chan *chan = container_of(work, struct lumen_chan,
					       add_work);
	struct lumen_chan *primary = chan->primary;
	struct lumen_vmbus_driver *drv = NULL;

	if (READ_ONCE(chan->rescinded))
		goto out;
	if (!primary) {
		if (vmbus_device_add(chan))
			pr_err("relid %u: device not added\n", chan->relid);
		goto out;
	}
	/*
	 * Under the primary's lock: its device and driver are looked at only
	 * while the device is registered and not being unbound, and the
	 * unbind waits for the hand-over (vmbus_chan_unbind_begin()). A
	 * sub-channel the primary's teardown already dropped is not handed.
	 */
	mutex_lock(&primary->lock);
	if (primary->device && !list_empty(&chan->sibling)) {
		vmbus_chan_sysfs_add(chan);
		if (!primary->unbinding && primary->device->dev.driver) {
			drv = container_of(primary->device->dev.driver,
					   struct lumen_vmbus_driver, driver);
			primary->sub_handovers++;
		}
	}
	mutex_unlock(&primary->lock);
	if (!drv)
		goto out;
	if (drv->sub_channel)
		drv->sub_channel(primary, chan);
	mutex_lock(&primary->lock);
	if (!--primary->sub_handovers)
		wake_up_var(&primary->sub_handovers);
	mutex_unlock(&primary->lock);
out:
	vmbus_chan_put(chan);
}

/**
 * vmbus_chan_unbind_begin() - A primary's driver is about to be unbound.
 * @primary: the primary channel of the device.
 *
 * From now on, until the next probe (vmbus_chan_bind()), no sub-channel
 * is handed to a driver, and a hand-over in progress has finished on
 * return: the driver's remove never runs beside its sub_channel hook, nor
 * is the hook called after it.
 *
 * Context: process context (the bus remove), sleeps.
 */
void vmbus_chan_unbind_begin(struct lumen_chan *primary)
{
	mutex_lock(&primary->lock);
	primary->unbinding = true;
	mutex_unlock(&primary->lock);
	wait_var_event(&primary->sub_handovers,
		       !READ_ONCE(primary->sub_handovers));
}

/**
 * vmbus_chan_bind() - A driver is being bound to a primary's device.
 * @primary: the primary channel of the device.
 *
 * Sub-channels are handed to the driver from now on (the driver core has
 * set the device's driver already, and its probe may wait for them).
 *
 * Context: process context (the bus probe).
 */
void vmbus_chan_bind(struct lumen_chan *primary)
{
	mutex_lock(&primary->lock);
	primary->unbinding = false;
	mutex_unlock(&primary->lock);
}

static void vmbus_chan_rescind_work(struct work_struct *work)
{
	struct lumen_chan *chan = container_of(work, struct lumen_chan,
					       rescind_work);

	if (!chan->primary) {
		vmbus_device_remove(chan);
	} else {
		mutex_lock(&chan->primary->lock);
		vmbus_chan_sysfs_remove(chan);
		mutex_unlock(&chan->primary->lock);
	}
	lumen_chan_close(chan);	/* rescinded: nothing is sent */
	if (!chan->primary)
		vmbus_chan_drop_subchannels(chan);
	vmbus_chan_release_relid(chan);
	vmbus_chan_put(chan);
}

/**
 * vmbus_chan_init() - Create the device workqueues.
 *
 * Context: process context, module init.
 * Return: 0 or -ENOMEM.
 */
int vmbus_chan_init(void)
{
	vmbus_chan_wq = alloc_ordered_workqueue("hv_vmbus_dev", 0);
	vmbus_subchan_wq = alloc_ordered_workqueue("hv_vmbus_subchan", 0);
	if (vmbus_chan_wq && vmbus_subchan_wq)
		return 0;
	vmbus_chan_exit();
	return -ENOMEM;
}

/**
 * vmbus_chan_exit() - Destroy the device workqueues.
 *
 * Context: process context, module exit, after the last disconnect.
 */
void vmbus_chan_exit(void)
{
	if (vmbus_chan_wq)
		destroy_workqueue(vmbus_chan_wq);
	if (vmbus_subchan_wq)
		destroy_workqueue(vmbus_subchan_wq);
	vmbus_chan_wq = NULL;
	vmbus_subchan_wq = NULL;
}

/**
 * vmbus_chan_flush() - Wait for queued device adds and rescind teardowns.
 *
 * Context: process context, not on the device workqueue; sleeps.
 */
void vmbus_chan_flush(void)
{
	flush_workqueue(vmbus_chan_wq);
	flush_workqueue(vmbus_subchan_wq);
}

/**
 * vmbus_chan_offer() - Turn an OFFERCHANNEL into a channel.
 * @ops: the transport the connection runs over; the channel keeps it.
 * @msg: the parsed offer (relid and monitor id already range-checked).
 *
 * Context: process context (the message workqueue).
 * Return: 0, or the errno of a rejected offer (logged; the caller counts
 * it): -EEXIST for a relid in use or a second primary of an instance,
 * -ENOENT for a sub-channel without a live primary, -ENOMEM.
 */
int vmbus_chan_offer(const struct lumen_transport_ops *ops,
		     const struct vmbus_chmsg *msg)
{
	const struct vmbus_msg_offer_channel *offer = &msg->body.offerchannel;
	u16 subidx = le16_to_cpu(offer->sub_channel_index);
	struct lumen_chan *chan, *primary = NULL;
	unsigned long flags;

	if (rcu_access_pointer(vmbus_relids[msg->relid]))
		return vmbus_chan_reject(-EEXIST, "relid in use", msg->relid);
	primary = vmbus_chan_find_primary(&offer->if_instance);
	if (!subidx && primary)
		return vmbus_chan_reject(-EEXIST, "duplicate instance",
					 msg->relid);
	if (subidx && !primary)
		return vmbus_chan_reject(-ENOENT, "sub-channel without primary",
					 msg->relid);
	/*
	 * The host rescinds sub-channels before their primary; one offered
	 * after it would join a list the primary's teardown already dropped.
	 */
	if (subidx && READ_ONCE(primary->rescinded))
		return vmbus_chan_reject(-ENOENT,
					 "sub-channel of a rescinded primary",
					 msg->relid);

	chan = kzalloc(sizeof(*chan), GFP_KERNEL);
	if (!chan)
		return vmbus_chan_reject(-ENOMEM, "no memory", msg->relid);
	kref_init(&chan->ref);
	chan->ops = ops;
	chan->relid = msg->relid;
	chan->offer = *offer;
	chan->conn_id = le32_to_cpu(offer->connection_id);
	chan->claim_cpu = VMBUS_CHAN_NO_CLAIM;
	INIT_LIST_HEAD(&chan->subchannels);
	INIT_LIST_HEAD(&chan->sibling);
	mutex_init(&chan->lock);
	spin_lock_init(&chan->send_lock);
	tasklet_setup(&chan->tasklet, vmbus_chan_tasklet);
	INIT_WORK(&chan->add_work, vmbus_chan_add_work);
	INIT_WORK(&chan->rescind_work, vmbus_chan_rescind_work);

	/* The target CPU cannot go offline before the channel is seen. */
	cpus_read_lock();
	chan->target_cpu = vmbus_chan_pick_cpu();
	chan->target_vp = ops->vp_index(chan->target_cpu);
	spin_lock_irqsave(&vmbus_relid_lock, flags);
	rcu_assign_pointer(vmbus_relids[chan->relid], chan);
	spin_unlock_irqrestore(&vmbus_relid_lock, flags);
	cpus_read_unlock();

	if (subidx) {
		/* The sub-channel's work may outlive the primary's teardown. */
		kref_get(&primary->ref);
		chan->primary = primary;
		kref_get(&chan->ref);
		mutex_lock(&primary->lock);
		list_add_tail(&chan->sibling, &primary->subchannels);
		mutex_unlock(&primary->lock);
	}
	/* Probe and the sub-channel hook may open channels: not on this wq. */
	kref_get(&chan->ref);
	queue_work(vmbus_chan_wq_of(chan), &chan->add_work);
	return 0;
}

/**
 * vmbus_chan_rescind() - The host took a channel back.
 * @relid: its relid (range-checked by the parser).
 *
 * Requests waiting for the host fail at once with -ENODEV. The teardown
 * runs on the device workqueue, after the channel's own add: a
 * sub-channel is closed (nothing is sent) and its relid released; its
 * handle stays valid for the driver, answering -ENODEV, until the primary's
 * device goes. A primary's device is removed first (its driver closes what
 * it opened), then the sub-channel handles are dropped. A second rescind
 * of the same relid is a host error, counted and ignored.
 *
 * Context: process context (the message workqueue).
 * Return: 0, or -ENOENT for an unknown relid, -EALREADY for one rescinded
 * already (logged; the caller counts it).
 */
int vmbus_chan_rescind(u32 relid)
{
	struct lumen_chan *chan = vmbus_chan_get_relid(relid);

	if (!chan) {
		pr_warn_ratelimited("rescind of unknown relid %u\n", relid);
		return -ENOENT;
	}
	if (READ_ONCE(chan->rescinded)) {
		pr_warn_ratelimited("relid %u rescinded twice\n", relid);
		vmbus_chan_put(chan);
		return -EALREADY;
	}
	/* Requests in flight fail now; the teardown follows the add. */
	WRITE_ONCE(chan->rescinded, true);
	vmbus_waiter_fail_relid(relid);
	queue_work(vmbus_chan_wq_of(chan), &chan->rescind_work);
	return 0;
}

/**
 * vmbus_chan_host_gone() - The host forgot every channel (kexec or crash
 * UNLOAD): treat each as rescinded, so that nothing more is sent for it.
 *
 * Devices stay until the disconnect removes them, as after a real kexec
 * or crash nothing else runs. The connection fails the waiting requests.
 *
 * Context: any context.
 */
void vmbus_chan_host_gone(void)
{
	struct lumen_chan *chan;
	unsigned int i;

	rcu_read_lock();
	for (i = 1; i < VMBUS_MSG_RELID_LIMIT; i++) {
		chan = rcu_dereference(vmbus_relids[i]);
		if (chan)
			WRITE_ONCE(chan->rescinded, true);
	}
	rcu_read_unlock();
}

/**
 * vmbus_chan_remove_all() - Remove every device before disconnecting.
 *
 * Drivers close their channels in remove while the host still answers.
 *
 * Context: process context; the message workqueue is idle or flushed.
 */
void vmbus_chan_remove_all(void)
{
	struct lumen_chan *chan;
	unsigned int i;

	for (i = 1; i < VMBUS_MSG_RELID_LIMIT; i++) {
		chan = rcu_dereference_protected(vmbus_relids[i], 1);
		if (chan && !chan->primary) {
			vmbus_device_remove(chan);
			vmbus_chan_drop_subchannels(chan);
		}
	}
	for (i = 1; i < VMBUS_MSG_RELID_LIMIT; i++) {
		unsigned long flags;

		chan = rcu_dereference_protected(vmbus_relids[i], 1);
		if (!chan)
			continue;
		spin_lock_irqsave(&vmbus_relid_lock, flags);
		RCU_INIT_POINTER(vmbus_relids[i], NULL);
		spin_unlock_irqrestore(&vmbus_relid_lock, flags);
		synchronize_rcu();
		tasklet_kill(&chan->tasklet);
		vmbus_chan_put(chan);
	}
}

/**
 * vmbus_chan_isr_events() - Dispatch channel events from the SynIC.
 * @bits: the event flags (or legacy receive interrupt bits) of this CPU.
 * @nbits: how many bits to scan.
 *
 * Context: interrupts off, on the CPU whose SINT fired (the transport's
 * interrupt entry, see &struct lumen_transport_ops).
 */
void vmbus_chan_isr_events(unsigned long *bits, unsigned int nbits)
{
	struct lumen_chan *chan;
	unsigned int relid;

	/* Bit 0 belongs to the message connection, never to a channel. */
	relid = 1;
	for_each_set_bit_from(relid, bits, nbits) {
		if (!test_and_clear_bit(relid, bits))
			continue;
		rcu_read_lock();
		chan = rcu_dereference(vmbus_relids[relid]);
		if (chan) {
			bool run = READ_ONCE(chan->state) == VMBUS_CHAN_OPEN &&
				   !READ_ONCE(chan->polling);

			atomic64_inc(&chan->interrupts);
			trace_lumen_vmbus_chan_event(relid, run);
			if (run)
				tasklet_schedule(&chan->tasklet);
		}
		rcu_read_unlock();
	}
}
