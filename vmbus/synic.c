// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: the guest's view of the SynIC. Whatever the transport, the
 * core reads the same per-CPU pages: SINT 2's 256-byte slot of the message
 * page and SINT 2's event flags.
 *
 * Interrupt path: the transport calls vmbus_synic_isr() with interrupts
 * off on the CPU whose SINT fired (hard irq, or hvsim's direct delivery);
 * it schedules that CPU's message tasklet. The tasklet copies the slot
 * into private memory, hands the copy to the connection, and releases the
 * slot with the TLFS end-of-message protocol (the copy, its checks and the
 * release are pure code in hostmsg.c):
 *
 *   guest (this file)                  hypervisor
 *   copy slot                           ...
 *   cmpxchg(type, copied type, NONE)    cmpxchg(head, occupied, +PENDING)
 *   full barrier                        or, if type is NONE, refill slot
 *   read live PENDING flag -> EOM
 *
 * Either the hypervisor sets PENDING before our compare-exchange (we see
 * it after the barrier and write EOM) or it finds the slot empty and
 * refills it: no message is stranded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/percpu.h>
#include <linux/ratelimit.h>
#include <linux/string.h>

#include <lumen/hostmsg.h>
#include <lumen/transport.h>
#include <proto/vmbus_msg.h>
#include "channel.h"
#include "core.h"

/**
 * struct vmbus_synic_cpu - One CPU's SynIC as the core sees it.
 * @simp: message page, owned by the transport.
 * @siefp: event-flags page, owned by the transport.
 * @msg_tasklet: drains SINT 2's message slot; runs on this CPU.
 * @enabled: pages valid; written before the interrupt handler is
 *	installed and cleared after it is removed.
 *
 * Touched only on its own CPU once enabled, except by start/stop, which
 * run with the interrupt handler removed.
 */
struct vmbus_synic_cpu {
	struct tlfs_msg_page *simp;
	struct tlfs_event_flags_page *siefp;
	struct tasklet_struct msg_tasklet;
	bool enabled;
};

static DEFINE_PER_CPU(struct vmbus_synic_cpu, vmbus_synic);

/* The transport whose SynIC this file drives: vmbus_synic_start()'s. */
static const struct lumen_transport_ops *vmbus_synic_ops;
/* Where host messages go, and where rejected slots are reported. */
static vmbus_synic_msg_fn vmbus_synic_msg;
/* Hosts before 2.4 signal channels here; NULL: the event flags page. */
static unsigned long *vmbus_synic_legacy;

static void vmbus_synic_msg_tasklet(struct tasklet_struct *t)
{
	struct vmbus_synic_cpu *s = from_tasklet(s, t, msg_tasklet);
	const struct lumen_transport_ops *ops = READ_ONCE(vmbus_synic_ops);
	struct tlfs_message *slot = &s->simp->slot[TLFS_VMBUS_SINT];
	struct vmbus_hostmsg_slot msg;
	struct tlfs_message copy;
	int ret;

	if (!ops)
		return;
	ret = vmbus_hostmsg_slot_read(slot, &copy, &msg);
	if (ret == -ENODATA)
		return;
	if (!ret) {
		vmbus_synic_msg(msg.payload, msg.size, 0);
	} else {
		/* Timer and intercept messages are not ours to handle. */
		vmbus_synic_msg(NULL, 0, ret);
		if (ret == -EMSGSIZE)
			pr_warn_ratelimited("SynIC message of %u bytes dropped\n",
					    copy.header.payload_size);
	}

	/* End of message: see the diagram at the top of this file. */
	if (vmbus_hostmsg_slot_release(slot, msg.type))
		ops->eom(smp_processor_id());
}

static void vmbus_synic_isr(void)
{
	struct vmbus_synic_cpu *s = this_cpu_ptr(&vmbus_synic);
	struct tlfs_message *slot;
	unsigned long *legacy;

	if (!READ_ONCE(s->enabled))
		return;
	legacy = READ_ONCE(vmbus_synic_legacy);
	if (legacy)
		vmbus_chan_isr_events(legacy, VMBUS_MSG_RELID_LIMIT);
	else
		vmbus_chan_isr_events((unsigned long *)
				      s->siefp->sint[TLFS_VMBUS_SINT].bits,
				      VMBUS_MSG_RELID_LIMIT);
	slot = &s->simp->slot[TLFS_VMBUS_SINT];
	if (READ_ONCE(slot->header.message_type) != cpu_to_le32(TLFS_MSG_NONE))
		tasklet_schedule(&s->msg_tasklet);
}

/* Dynamic hotplug state of the callbacks while started. */
static int vmbus_synic_hp_state;
/* Started: an offline that would strand the connection or a channel fails. */
static bool vmbus_synic_up;

/* CPU hotplug, and start: enable the SynIC of @cpu (runs on @cpu). */
static int vmbus_synic_cpu_online(unsigned int cpu)
{
	struct vmbus_synic_cpu *s = per_cpu_ptr(&vmbus_synic, cpu);
	int ret;

	ret = vmbus_synic_ops->synic_enable(cpu, &s->simp, &s->siefp);
	if (ret) {
		s->simp = NULL;
		s->siefp = NULL;
		return ret;
	}
	tasklet_setup(&s->msg_tasklet, vmbus_synic_msg_tasklet);
	WRITE_ONCE(s->enabled, true);
	return 0;
}

/*
 * CPU hotplug, and stop: disable the SynIC of @cpu (runs on @cpu). While
 * connected, as Linux's vmbus does, a CPU that receives the connection's
 * messages or any channel's interrupts stays online: the host would keep
 * signalling a CPU whose SynIC is gone. Re-target the channels first.
 */
static int vmbus_synic_cpu_offline(unsigned int cpu)
{
	struct vmbus_synic_cpu *s = per_cpu_ptr(&vmbus_synic, cpu);

	if (READ_ONCE(vmbus_synic_up)) {
		if (cpu == VMBUS_CONNECT_CPU) {
			pr_info("CPU %u receives VMBus messages: stays online\n",
				cpu);
			return -EBUSY;
		}
		if (vmbus_chan_cpu_busy(cpu)) {
			pr_info("CPU %u is a channel's target: re-target it first\n",
				cpu);
			return -EBUSY;
		}
	}
	if (!s->simp)
		return 0;
	WRITE_ONCE(s->enabled, false);
	tasklet_kill(&s->msg_tasklet);
	vmbus_synic_ops->synic_disable(cpu);
	s->simp = NULL;
	s->siefp = NULL;
	return 0;
}

/**
 * vmbus_synic_start() - Enable the SynIC on every online CPU, and on each
 * CPU that comes online later.
 * @ops: the attached transport.
 * @msg: takes each host message copied out of a slot (process it later:
 *	it is called in softirq context), or the errno of a rejected slot.
 *
 * The per-CPU work runs from a CPU hotplug state on each CPU; from now on
 * a CPU that goes offline disables its SynIC, and refuses to go while it
 * receives the connection's messages or a channel's interrupts.
 *
 * Context: process context, sleeps; not under cpus_read_lock().
 * Return: 0 or a negative errno from the transport or the hotplug core.
 */
int vmbus_synic_start(const struct lumen_transport_ops *ops,
		      vmbus_synic_msg_fn msg)
{
	int ret;

	vmbus_synic_ops = ops;
	vmbus_synic_msg = msg;
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "lumen/vmbus:synic",
				vmbus_synic_cpu_online,
				vmbus_synic_cpu_offline);
	if (ret < 0)
		return ret;
	vmbus_synic_hp_state = ret;
	ret = ops->irq_register(vmbus_synic_isr);
	if (ret) {
		cpuhp_remove_state(vmbus_synic_hp_state);
		return ret;
	}
	WRITE_ONCE(vmbus_synic_up, true);
	return 0;
}

/**
 * vmbus_synic_stop() - Remove the interrupt handler and disable the SynIC.
 * @ops: the attached transport.
 *
 * Context: process context, sleeps; not under cpus_read_lock().
 */
void vmbus_synic_stop(const struct lumen_transport_ops *ops)
{
	ops->irq_unregister();
	WRITE_ONCE(vmbus_synic_up, false);
	cpuhp_remove_state(vmbus_synic_hp_state);
}

/**
 * vmbus_synic_set_legacy() - Where hosts before 2.4 signal channels.
 * @bits: the receive half of the connection's interrupt page, or NULL for
 *	the per-CPU event flags page (2.4 and newer).
 *
 * Context: any context.
 */
void vmbus_synic_set_legacy(unsigned long *bits)
{
	WRITE_ONCE(vmbus_synic_legacy, bits);
}

/**
 * vmbus_synic_poll_msg() - Look for a VMBus message type in every slot.
 * @ops: the attached transport.
 * @msg_type: the channel message type wanted (VMBUS_MSG_*).
 *
 * For the crash path, where interrupts cannot be relied on: reads SINT 2's
 * slot of every CPU, empties each occupied slot (EOM if more is queued)
 * and reports whether one held @msg_type.
 *
 * Context: any context; does not sleep.
 * Return: true if @msg_type was seen.
 */
bool vmbus_synic_poll_msg(const struct lumen_transport_ops *ops, u32 msg_type)
{
	bool seen = false;
	unsigned int cpu;

	for_each_present_cpu(cpu) {
		struct vmbus_synic_cpu *s = per_cpu_ptr(&vmbus_synic, cpu);
		struct vmbus_hostmsg_slot msg;
		struct tlfs_message *slot;
		struct tlfs_message copy;
		struct vmbus_msg_hdr hdr;
		int ret;

		if (!READ_ONCE(s->enabled))
			continue;
		slot = &s->simp->slot[TLFS_VMBUS_SINT];
		ret = vmbus_hostmsg_slot_read(slot, &copy, &msg);
		if (ret == -ENODATA)
			continue;
		if (!ret && msg.size >= sizeof(hdr)) {
			memcpy(&hdr, msg.payload, sizeof(hdr));
			if (le32_to_cpu(hdr.type) == msg_type)
				seen = true;
		}
		/* Release the slot as the tasklet does. */
		if (vmbus_hostmsg_slot_release(slot, msg.type))
			ops->eom(cpu);
	}
	return seen;
}
