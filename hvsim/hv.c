// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the simulated hypervisor. It implements struct lumen_transport_ops
 * for hv_vmbus the way Hyper-V behaves:
 *
 * - Host-to-guest messages go into SINT 2's slot of the target vCPU's
 *   message page. A slot that is still occupied gets its message-pending
 *   flag set and the message waits in a per-vCPU queue until the guest
 *   writes EOM. Checking the slot and setting the flag is one atomic
 *   compare-exchange on the slot's first eight bytes, so a guest that
 *   empties the slot concurrently either sees the flag or has its slot
 *   refilled: no message is stranded.
 * - Channel events set the relid bit (flag 0 for the legacy shared
 *   event) in SINT 2's event flags of the target vCPU.
 * - Interrupts are raised on the target CPU in hard-irq context
 *   (a hard irq_work, reached by IPI from other CPUs), as a real SINT
 *   arrives.
 * - Guest posts and signals are queued and handled later by the VMBus
 *   server (hvsim/server.c), as the real host does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/irq_work.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include <lumen/transport.h>
#include "hvsim.h"

/* Bits of the slot's first eight bytes: type, size, flags, reserved. */
#define HVSIM_SLOT_TYPE_MASK	0x00000000ffffffffULL
#define HVSIM_SLOT_PENDING	((u64)TLFS_MSG_FLAG_PENDING << 40)

/**
 * struct hvsim_msg - A host-to-guest message waiting for its slot.
 * @node: entry in &hvsim_vcpu.queue.
 * @sender: sender (port) id written into the slot header.
 * @size: payload bytes.
 * @claimed: payload size written into the slot header; @size unless a
 *	fault makes the header lie.
 * @payload: the message.
 */
struct hvsim_msg {
	struct list_head node;
	u64 sender;
	u32 size;
	u32 claimed;
	u8 payload[TLFS_MSG_PAYLOAD_MAX];
};

/**
 * struct hvsim_vcpu - The simulated SynIC of one vCPU.
 * @simp: message page; allocated here, read by the guest.
 * @siefp: event-flags page.
 * @lock: protects @queue, @queued, @enabled and the use of @siefp by the
 *	host; taken with interrupts off.
 * @queue: messages not yet delivered, oldest first.
 * @queued: number of entries on @queue.
 * @enabled: the guest enabled this SynIC.
 * @irq: raises the VMBus interrupt on this CPU in hard-irq context.
 * @ipi: carries a raise from another CPU to this one.
 * @cpu: which CPU this is.
 */
struct hvsim_vcpu {
	struct tlfs_msg_page *simp;
	struct tlfs_event_flags_page *siefp;
	spinlock_t lock;	/* see above */
	struct list_head queue;
	unsigned int queued;
	bool enabled;
	struct irq_work irq;
	call_single_data_t ipi;
	unsigned int cpu;
};

/* The guest's VMBus interrupt entry (from irq_register). */
typedef void (*hvsim_isr_fn)(void);

static struct hvsim_vcpu *hvsim_vcpus;
static hvsim_isr_fn hvsim_isr;
/* The guest is in its crash path: messages land, interrupts do not. */
static bool hvsim_irqs_held;

static void hvsim_irq_fn(struct irq_work *work)
{
	hvsim_isr_fn isr = READ_ONCE(hvsim_isr);

	if (isr)
		isr();
}

static void hvsim_ipi_fn(void *info)
{
	struct hvsim_vcpu *v = info;

	irq_work_queue(&v->irq);
}

/*
 * Raise the VMBus interrupt on v->cpu: a local hard irq_work, reached from
 * another CPU through an asynchronous IPI. A busy IPI already carries a
 * raise, and the work item runs the handler once for every pending event.
 *
 * On v->cpu itself, from softirq context with interrupts on (a fast
 * channel's tasklet: the host runs on the vCPU it interrupts), the
 * handler is called at once with interrupts off, as the vCPU would take
 * the interrupt on resuming; what it schedules runs in this softirq pass.
 * This spares the emulated APIC's self-IPI, the dearest part of a
 * completion under TCG.
 */
static void hvsim_raise(struct hvsim_vcpu *v)
{
	hvsim_isr_fn isr;

	/* A crashed guest takes no interrupts (hvsim_hv_guest_crash()). */
	if (READ_ONCE(hvsim_irqs_held))
		return;
	if (v->cpu != get_cpu()) {
		smp_call_function_single_async(v->cpu, &v->ipi);
	} else if (in_serving_softirq() && !irqs_disabled()) {
		/* An RCU reader for hvsim_irq_unregister(). */
		local_irq_disable();
		isr = READ_ONCE(hvsim_isr);
		if (isr)
			isr();
		local_irq_enable();
	} else {
		irq_work_queue(&v->irq);
	}
	put_cpu();
}

static void hvsim_nop(void *info)
{
}

/*
 * Try to put the oldest queued message into the slot. Caller holds
 * v->lock. Pairs with the guest's EOM protocol: the guest copies the slot,
 * compare-exchanges the type to NONE, issues a full barrier and then reads
 * the live pending flag.
 */
static void hvsim_deliver_locked(struct hvsim_vcpu *v)
{
	struct tlfs_message *slot;
	struct hvsim_msg *m;
	u64 *head, old;

	if (!v->enabled || list_empty(&v->queue))
		return;
	slot = &v->simp->slot[TLFS_VMBUS_SINT];
	head = (u64 *)&slot->header;
	m = list_first_entry(&v->queue, struct hvsim_msg, node);

	old = READ_ONCE(*head);
	for (;;) {
		if (!(old & HVSIM_SLOT_TYPE_MASK))
			break;
		/* Occupied: ask for an EOM, atomically against the guest. */
		if (old & HVSIM_SLOT_PENDING)
			return;
		if (try_cmpxchg64(head, &old, old | HVSIM_SLOT_PENDING))
			return;
	}

	memcpy(slot->payload, m->payload, m->size);
	slot->header.sender = cpu_to_le64(m->sender);
	/* Type last: the guest treats a non-NONE type as a full message. */
	WRITE_ONCE(*head, (u64)TLFS_MSG_VMBUS | (u64)m->claimed << 32 |
		   (v->queued > 1 ? HVSIM_SLOT_PENDING : 0));
	list_del(&m->node);
	v->queued--;
	kfree(m);
	hvsim_raise(v);
}

/**
 * hvsim_hv_post_raw() - Queue a host-to-guest message, header size as given.
 * @vp: target VP index.
 * @payload: the channel message.
 * @size: bytes of @payload copied into the slot, at most
 *	%TLFS_MSG_PAYLOAD_MAX.
 * @claimed: payload size the slot header announces: @size, or a lie (up
 *	to 255, the field's limit) for the msg_oversize fault.
 *
 * Context: any context; allocates with GFP_ATOMIC.
 * Return: 0, -EINVAL for a bad size or VP, -ENODEV if that vCPU's SynIC is
 * off, -ENOSPC when the queue is full, -ENOMEM.
 */
int hvsim_hv_post_raw(u32 vp, const void *payload, u32 size, u32 claimed)
{
	struct hvsim_vcpu *v;
	struct hvsim_msg *m;
	unsigned long flags;
	int ret = 0;

	if (!size || size > TLFS_MSG_PAYLOAD_MAX || !claimed ||
	    claimed > U8_MAX || vp >= nr_cpu_ids || !cpu_online(vp))
		return -EINVAL;
	v = &hvsim_vcpus[vp];
	m = kzalloc(sizeof(*m), GFP_ATOMIC);
	if (!m)
		return -ENOMEM;
	m->sender = HVSIM_MSG_PORT;
	m->size = size;
	m->claimed = claimed;
	memcpy(m->payload, payload, size);

	spin_lock_irqsave(&v->lock, flags);
	if (!v->enabled) {
		ret = -ENODEV;
	} else if (v->queued >= HVSIM_MSG_QUEUE_MAX) {
		ret = -ENOSPC;
	} else {
		list_add_tail(&m->node, &v->queue);
		v->queued++;
		m = NULL;
		hvsim_deliver_locked(v);
	}
	spin_unlock_irqrestore(&v->lock, flags);
	kfree(m);
	return ret;
}

/**
 * hvsim_hv_post_to_guest() - Queue a host-to-guest VMBus message.
 * @vp: target VP index.
 * @payload: the channel message.
 * @size: its length, at most %TLFS_MSG_PAYLOAD_MAX.
 *
 * Context: any context; allocates with GFP_ATOMIC.
 * Return: as hvsim_hv_post_raw().
 */
int hvsim_hv_post_to_guest(u32 vp, const void *payload, u32 size)
{
	return hvsim_hv_post_raw(vp, payload, size, size);
}

/**
 * hvsim_hv_signal_guest() - Set an event flag in the guest and interrupt.
 * @vp: target VP index (the channel's target_vp).
 * @flag: the bit to set in SINT 2's event flags: the channel's relid, or
 *	0 for the legacy shared flag (protocol before 2.4).
 *
 * Context: any context.
 * Return: 0, or -EINVAL / -ENODEV.
 */
int hvsim_hv_signal_guest(u32 vp, u32 flag)
{
	struct hvsim_vcpu *v;
	unsigned long *bits, flags;
	int ret = 0;

	if (vp >= nr_cpu_ids || !cpu_online(vp) ||
	    flag >= TLFS_EVENT_FLAGS_BYTES * 8)
		return -EINVAL;
	v = &hvsim_vcpus[vp];
	/* Under the lock: the guest may be disabling this SynIC. */
	spin_lock_irqsave(&v->lock, flags);
	if (v->enabled) {
		bits = (unsigned long *)v->siefp->sint[TLFS_VMBUS_SINT].bits;
		set_bit(flag, bits);
	} else {
		ret = -ENODEV;
	}
	spin_unlock_irqrestore(&v->lock, flags);
	if (!ret)
		hvsim_raise(v);
	return ret;
}

static int hvsim_post_message(u32 conn_id, u32 msg_type, const void *payload,
			      u32 size)
{
	if (msg_type != TLFS_MSG_VMBUS || size > TLFS_MSG_PAYLOAD_MAX)
		return TLFS_STATUS_INVALID_PARAMETER;
	if (hvsim_fault_post(payload, size))
		return TLFS_STATUS_INVALID_CONNECTION_ID;
	return hvsim_server_post(conn_id, payload, size);
}

static int hvsim_signal_event(u32 conn_id, u16 flag)
{
	if (flag)
		return TLFS_STATUS_INVALID_PARAMETER;
	return hvsim_server_signal(conn_id);
}

static int hvsim_synic_enable(unsigned int cpu, struct tlfs_msg_page **simp,
			      struct tlfs_event_flags_page **siefp)
{
	struct hvsim_vcpu *v = &hvsim_vcpus[cpu];
	unsigned long flags;

	v->simp = (void *)get_zeroed_page(GFP_KERNEL);
	v->siefp = (void *)get_zeroed_page(GFP_KERNEL);
	if (!v->simp || !v->siefp) {
		free_page((unsigned long)v->simp);
		free_page((unsigned long)v->siefp);
		v->simp = NULL;
		v->siefp = NULL;
		return -ENOMEM;
	}
	spin_lock_irqsave(&v->lock, flags);
	v->enabled = true;
	spin_unlock_irqrestore(&v->lock, flags);
	*simp = v->simp;
	*siefp = v->siefp;
	return 0;
}

static void hvsim_synic_disable(unsigned int cpu)
{
	struct hvsim_vcpu *v = &hvsim_vcpus[cpu];
	struct hvsim_msg *m, *tmp;
	unsigned long flags;
	LIST_HEAD(drop);

	spin_lock_irqsave(&v->lock, flags);
	v->enabled = false;
	list_splice_init(&v->queue, &drop);
	v->queued = 0;
	spin_unlock_irqrestore(&v->lock, flags);
	irq_work_sync(&v->irq);
	list_for_each_entry_safe(m, tmp, &drop, node)
		kfree(m);
	free_page((unsigned long)v->simp);
	free_page((unsigned long)v->siefp);
	v->simp = NULL;
	v->siefp = NULL;
}

/**
 * hvsim_hv_show_synic() - Which vCPUs have their SynIC enabled, for debugfs.
 * @m: the seq_file; gets "synic_enabled" and the VP indexes, e.g. "0 1".
 *
 * Context: process context.
 */
void hvsim_hv_show_synic(struct seq_file *m)
{
	unsigned long flags;
	unsigned int cpu;
	bool on;

	seq_puts(m, "synic_enabled");
	for_each_possible_cpu(cpu) {
		spin_lock_irqsave(&hvsim_vcpus[cpu].lock, flags);
		on = hvsim_vcpus[cpu].enabled;
		spin_unlock_irqrestore(&hvsim_vcpus[cpu].lock, flags);
		if (on)
			seq_printf(m, " %u", cpu);
	}
	seq_putc(m, '\n');
}

static void hvsim_eom(unsigned int cpu)
{
	struct hvsim_vcpu *v = &hvsim_vcpus[cpu];
	unsigned long flags;

	spin_lock_irqsave(&v->lock, flags);
	hvsim_deliver_locked(v);
	spin_unlock_irqrestore(&v->lock, flags);
}

static int hvsim_irq_register(void (*handler)(void))
{
	WRITE_ONCE(hvsim_isr, handler);
	return 0;
}

static void hvsim_irq_unregister(void)
{
	unsigned int cpu;

	WRITE_ONCE(hvsim_isr, NULL);
	/* Direct calls run with interrupts off: wait for them too. */
	synchronize_rcu();
	for_each_possible_cpu(cpu)
		irq_work_sync(&hvsim_vcpus[cpu].irq);
}

static u32 hvsim_vp_index(unsigned int cpu)
{
	return cpu;
}

/* Raw monotonic time the partition started, for the reference counter. */
static u64 hvsim_ref_base_ns;

/**
 * hvsim_hv_ref_counter() - The partition reference counter.
 *
 * 100 ns units since hvsim loaded (the partition "booted"), from the raw
 * monotonic clock, as Hyper-V's counts from partition creation. The guest
 * reads it through the transport; hvsim's time sync stamps its messages
 * with it.
 *
 * Context: any context.
 * Return: the counter.
 */
u64 hvsim_hv_ref_counter(void)
{
	return div_u64(ktime_get_raw_ns() - hvsim_ref_base_ns, 100);
}

static const struct lumen_transport_ops hvsim_transport = {
	.name = "hvsim",
	.owner = THIS_MODULE,
	.post_message = hvsim_post_message,
	.signal_event = hvsim_signal_event,
	.synic_enable = hvsim_synic_enable,
	.synic_disable = hvsim_synic_disable,
	.eom = hvsim_eom,
	.irq_register = hvsim_irq_register,
	.irq_unregister = hvsim_irq_unregister,
	.vp_index = hvsim_vp_index,
	.ref_counter = hvsim_hv_ref_counter,
};

/**
 * hvsim_hv_init() - Create the simulated vCPUs.
 *
 * Context: process context.
 * Return: 0 or -ENOMEM.
 */
int hvsim_hv_init(void)
{
	unsigned int cpu;

	hvsim_ref_base_ns = ktime_get_raw_ns();
	hvsim_vcpus = kcalloc(nr_cpu_ids, sizeof(*hvsim_vcpus), GFP_KERNEL);
	if (!hvsim_vcpus)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct hvsim_vcpu *v = &hvsim_vcpus[cpu];

		spin_lock_init(&v->lock);
		INIT_LIST_HEAD(&v->queue);
		v->irq = IRQ_WORK_INIT_HARD(hvsim_irq_fn);
		INIT_CSD(&v->ipi, hvsim_ipi_fn, v);
		v->cpu = cpu;
	}
	return 0;
}

/**
 * hvsim_hv_attach() - Offer the simulated hypervisor to hv_vmbus.
 *
 * hv_vmbus connects (negotiates, requests offers) before this returns.
 *
 * Context: process context, sleeps.
 * Return: 0 or the negative errno of the registration.
 */
int hvsim_hv_attach(void)
{
	return lumen_transport_register(&hvsim_transport);
}

/**
 * hvsim_hv_guest_kexec() - The simulated platform kexecs the guest.
 *
 * Runs the guest's kexec path, as the Hyper-V platform's kexec handler
 * does before machine_shutdown(): UNLOAD, wait for UNLOAD_RESPONSE, SynIC
 * off. hv_vmbus stays loaded with every channel counted as rescinded.
 *
 * Context: process context, sleeps.
 */
void hvsim_hv_guest_kexec(void)
{
	lumen_transport_kexec(&hvsim_transport);
}

/**
 * hvsim_hv_guest_crash() - The simulated platform reports a guest crash.
 *
 * Runs the guest's crash path with the guest's interrupts held back, as
 * after a real crash: the UNLOAD_RESPONSE reaches the message slot but no
 * interrupt announces it, so the guest must find it by polling. (The call
 * itself runs in process context: an in-kernel host that needs RCU grace
 * periods cannot wait behind a CPU with interrupts off.)
 *
 * Context: process context.
 */
void hvsim_hv_guest_crash(void)
{
	WRITE_ONCE(hvsim_irqs_held, true);
	lumen_transport_crash(&hvsim_transport);
	WRITE_ONCE(hvsim_irqs_held, false);
}

/**
 * hvsim_hv_detach() - Take the simulated hypervisor away from hv_vmbus.
 *
 * hv_vmbus disconnects (UNLOAD where the version allows) first.
 *
 * Context: process context, sleeps.
 */
void hvsim_hv_detach(void)
{
	lumen_transport_unregister(&hvsim_transport);
}

/**
 * hvsim_hv_exit() - Free the simulated vCPUs.
 *
 * Context: process context, after hvsim_hv_detach().
 */
void hvsim_hv_exit(void)
{
	unsigned int cpu;

	/* A synchronous IPI to each CPU flushes any raise still in flight. */
	for_each_online_cpu(cpu)
		smp_call_function_single(cpu, hvsim_nop, NULL, 1);
	for_each_possible_cpu(cpu)
		irq_work_sync(&hvsim_vcpus[cpu].irq);
	kfree(hvsim_vcpus);
	hvsim_vcpus = NULL;
}
