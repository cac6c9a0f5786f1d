/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one seam between hv_vmbus and a hypervisor.
 *
 * hv_vmbus reaches the hypervisor only through struct lumen_transport_ops.
 * Two implementations exist: vmbus/transport_hyperv.c (real Hyper-V, the
 * only file with hypercalls and SynIC MSRs) and hvsim's simulated
 * hypervisor. Either way the core reads the same per-CPU SynIC message page
 * (256-byte slots, message-pending/EOM protocol) and event-flags page.
 */
#ifndef _LUMEN_TRANSPORT_H
#define _LUMEN_TRANSPORT_H

#include <linux/types.h>
#include <proto/tlfs.h>

struct module;

/**
 * struct lumen_transport_ops - What hv_vmbus needs from a hypervisor.
 * @name: short name shown in logs and sysfs ("hyperv", "hvsim").
 * @owner: module providing the ops; pinned while the core uses them.
 * @post_message: HvCallPostMessage: send @size bytes (at most
 *	%TLFS_MSG_PAYLOAD_MAX) of message type @msg_type on @conn_id.
 *	Called in process context; must not sleep. Returns a TLFS status
 *	(%TLFS_STATUS_SUCCESS, %TLFS_STATUS_INVALID_CONNECTION_ID,
 *	%TLFS_STATUS_INSUFFICIENT_BUFFERS, ...) or a negative errno when the
 *	transport itself failed.
 * @signal_event: HvCallSignalEvent on @conn_id, event flag @flag.
 *	Callable in any context, hard irq included. Returns a TLFS status.
 * @synic_enable: set up the SynIC of @cpu: message page, event-flags page,
 *	SINT %TLFS_VMBUS_SINT unmasked, SynIC enabled. Stores the page
 *	addresses in @simp and @siefp. Called in process context; may
 *	sleep. Returns 0 or a negative errno.
 * @synic_disable: undo @synic_enable for @cpu. The pages stay valid until
 *	this returns. Called in process context; may sleep.
 * @eom: end of message on @cpu: ask for redelivery of the next queued
 *	message after the guest emptied a slot whose pending flag was set.
 *	Called on @cpu, in any context.
 * @irq_register: install @handler as the VMBus interrupt entry. It runs
 *	with interrupts off on the CPU whose SINT fired: in hard-irq context,
 *	or, for a simulated hypervisor that runs on that CPU, in softirq
 *	context. Returns 0 or -errno.
 * @irq_unregister: remove the handler; on return no call is running.
 * @vp_index: the hypervisor's VP index of @cpu (not the APIC id).
 * @ref_counter: optional; the partition reference counter now (100 ns
 *	units, monotonic, the clock the host stamps time messages with), or
 *	NULL when the platform has none. Any context.
 *
 * All callbacks but @ref_counter are mandatory.
 */
struct lumen_transport_ops {
	const char *name;
	struct module *owner;
	int (*post_message)(u32 conn_id, u32 msg_type, const void *payload,
			    u32 size);
	int (*signal_event)(u32 conn_id, u16 flag);
	int (*synic_enable)(unsigned int cpu, struct tlfs_msg_page **simp,
			    struct tlfs_event_flags_page **siefp);
	void (*synic_disable)(unsigned int cpu);
	void (*eom)(unsigned int cpu);
	int (*irq_register)(void (*handler)(void));
	void (*irq_unregister)(void);
	u32 (*vp_index)(unsigned int cpu);
	u64 (*ref_counter)(void);
};

int lumen_transport_register(const struct lumen_transport_ops *ops);
void lumen_transport_unregister(const struct lumen_transport_ops *ops);
void lumen_transport_kexec(const struct lumen_transport_ops *ops);
void lumen_transport_crash(const struct lumen_transport_ops *ops);
int lumen_vmbus_ref_counter(u64 *val);

#endif
