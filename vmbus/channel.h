/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_vmbus internals: the channel object and the relid table. Drivers see
 * struct lumen_chan only as an opaque handle (include/lumen/vmbus.h).
 */
#ifndef _VMBUS_CHANNEL_H
#define _VMBUS_CHANNEL_H

#include <linux/interrupt.h>
#include <linux/kobject.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct lumen_transport_ops;

#include <lumen/chmsg.h>
#include <lumen/ring.h>
#include <lumen/vmbus.h>
#include <proto/vmbus_msg.h>

/**
 * struct lumen_chan - A VMBus channel (opaque to drivers).
 * @ref: references: the relid table holds one until RELID_RELEASED, the
 *	device one, each sub-channel list entry one, each sub-channel one
 *	on its primary, and queued device work one.
 * @ops: the transport the channel was offered over (the connection's).
 * @relid: child relid from the offer; the index in the relid table.
 * @offer: the validated private copy of the OFFERCHANNEL message.
 * @conn_id: connection id for HvSignalEvent.
 * @target_vp: VP that receives this channel's interrupts.
 * @target_cpu: the CPU with that VP index.
 * @claim_cpu: a CPU a re-target is moving the channel to, while the host
 *	has not answered; %VMBUS_CHAN_NO_CLAIM otherwise. Written under
 *	@lock (claimed under cpus_read_lock()); read by the CPU hotplug
 *	teardown, which keeps a claimed CPU online.
 * @primary: the primary channel; NULL for a primary.
 * @device: the device of a primary channel; NULL for sub-channels.
 * @subchannels: sub-channels of a primary, protected by @lock.
 * @unbinding: a primary's driver is being (or was) unbound: no
 *	sub-channel is handed to a driver until the next probe; protected
 *	by @lock.
 * @sub_handovers: sub-channels being handed to a primary's driver now;
 *	protected by @lock, waited for by vmbus_chan_unbind_begin().
 * @sibling: entry in the primary's @subchannels.
 * @lock: serialises open, close and teardown.
 * @state: VMBUS_CHAN_*; changed only with both @lock and @send_lock held,
 *	so either keeps it stable. Senders test it under @send_lock; the
 *	interrupt path reads it under RCU, and a close waits for that with
 *	synchronize_rcu() before it kills the tasklet and frees the rings.
 * @rescinded: the host rescinded the channel; set once, read anywhere.
 * @broken: the ring was found corrupt; no more I/O.
 * @polling: the driver polls; events do not schedule @tasklet.
 * @pages: ring pages, both rings back to back.
 * @npages: number of @pages.
 * @send_map: the send ring's data area, mapped twice back to back.
 * @recv_map: the receive ring's data area, mapped twice back to back.
 * @send: producer state of the guest-to-host ring.
 * @recv: consumer state of the host-to-guest ring.
 * @send_lock: serialises producers on @send and their test of @state;
 *	interrupts off. Lock order: @lock, then @send_lock.
 * @ring_gpadl: handle of the ring GPADL while open.
 * @callback: the driver's receive callback (softirq, target CPU).
 * @ctx: argument of @callback.
 * @tasklet: runs @callback; scheduled from the interrupt path.
 * @interrupts: events received.
 * @signals: times the host was signalled.
 * @bad_packets: malformed packets or ring corruption seen.
 * @kobj: the channel's sysfs directory, channels/<relid> under its
 *	device; holds a reference on the channel while it exists.
 * @kobj_added: @kobj is registered.
 * @add_work: adds the device, or hands a sub-channel to its driver, on the
 *	device workqueue (holds a reference while queued).
 * @rescind_work: the rescind's teardown on the device workqueue (holds a
 *	reference while queued).
 */
struct lumen_chan {
	struct kref ref;
	const struct lumen_transport_ops *ops;
	u32 relid;
	struct vmbus_msg_offer_channel offer;
	u32 conn_id;
	u32 target_vp;
	unsigned int target_cpu;
	unsigned int claim_cpu;
	struct lumen_chan *primary;
	struct lumen_vmbus_device *device;
	struct list_head subchannels;
	bool unbinding;
	unsigned int sub_handovers;
	struct list_head sibling;
	struct mutex lock;	/* see above */
	u32 state;
	bool rescinded;
	bool broken;
	bool polling;
	struct page **pages;
	u32 npages;
	void *send_map;
	void *recv_map;
	struct lumen_ring send;
	struct lumen_ring recv;
	spinlock_t send_lock;	/* see above */
	u32 ring_gpadl;
	void (*callback)(void *ctx);
	void *ctx;
	struct tasklet_struct tasklet;
	atomic64_t interrupts;
	atomic64_t signals;
	atomic64_t bad_packets;
	struct kobject kobj;
	bool kobj_added;
	struct work_struct add_work;
	struct work_struct rescind_work;
};

#define VMBUS_CHAN_NO_CLAIM	UINT_MAX

#define VMBUS_CHAN_OFFERED	0
#define VMBUS_CHAN_OPEN		1

/* channel.c */
int vmbus_chan_offer(const struct lumen_transport_ops *ops,
		     const struct vmbus_chmsg *msg);
int vmbus_chan_init(void);
void vmbus_chan_exit(void);
void vmbus_chan_flush(void);
int vmbus_chan_rescind(u32 relid);
void vmbus_chan_remove_all(void);
void vmbus_chan_host_gone(void);
void vmbus_chan_isr_events(unsigned long *bits, unsigned int nbits);
bool vmbus_chan_cpu_busy(unsigned int cpu);
void vmbus_chan_put(struct lumen_chan *chan);
void vmbus_chan_unbind_begin(struct lumen_chan *primary);
void vmbus_chan_bind(struct lumen_chan *primary);

/* chan_io.c */
int vmbus_chan_retarget(struct lumen_chan *chan, unsigned int cpu);

/* bus.c */
int vmbus_bus_init(void);
void vmbus_bus_exit(void);
int vmbus_device_add(struct lumen_chan *chan);
void vmbus_device_remove(struct lumen_chan *chan);
void vmbus_chan_sysfs_add(struct lumen_chan *chan);
void vmbus_chan_sysfs_remove(struct lumen_chan *chan);

#endif
