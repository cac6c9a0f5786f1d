// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: attaching a hypervisor. Exactly one transport is attached at a
 * time: real Hyper-V (transport_hyperv.c) or hvsim. Attaching connects
 * VMBus; detaching disconnects it first.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>

#include <lumen/transport.h>
#include "core.h"

/* Serialises attach and detach; protects vmbus_ops. */
static DEFINE_MUTEX(vmbus_transport_lock);
static const struct lumen_transport_ops *vmbus_ops;

/**
 * lumen_transport_register() - Attach a hypervisor and connect VMBus.
 * @ops: the hypervisor's operations; every callback must be set.
 *
 * Negotiates the protocol version and requests offers before returning. A
 * failed connection is logged and leaves the transport attached but
 * disconnected, so the host side can still be inspected.
 *
 * Context: process context, sleeps.
 * Return: 0, -EINVAL for incomplete ops, -EBUSY if one is attached.
 */
int lumen_transport_register(const struct lumen_transport_ops *ops)
{
	int ret;

	if (!ops || !ops->post_message || !ops->signal_event ||
	    !ops->synic_enable || !ops->synic_disable || !ops->eom ||
	    !ops->irq_register || !ops->irq_unregister || !ops->vp_index)
		return -EINVAL;
	mutex_lock(&vmbus_transport_lock);
	if (vmbus_ops) {
		mutex_unlock(&vmbus_transport_lock);
		return -EBUSY;
	}
	WRITE_ONCE(vmbus_ops, ops);
	ret = vmbus_conn_connect(ops);
	if (ret)
		pr_err("connection over %s failed: %d\n", ops->name, ret);
	mutex_unlock(&vmbus_transport_lock);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(lumen_transport_register, LUMEN);

/**
 * lumen_transport_unregister() - Disconnect VMBus and detach a hypervisor.
 * @ops: the ops given to lumen_transport_register().
 *
 * Context: process context, sleeps.
 */
void lumen_transport_unregister(const struct lumen_transport_ops *ops)
{
	mutex_lock(&vmbus_transport_lock);
	if (vmbus_ops == ops) {
		vmbus_conn_disconnect(ops);
		WRITE_ONCE(vmbus_ops, NULL);
	}
	mutex_unlock(&vmbus_transport_lock);
}
EXPORT_SYMBOL_NS_GPL(lumen_transport_unregister, LUMEN);

/**
 * lumen_transport_kexec() - The platform is about to kexec a new kernel.
 * @ops: the attached transport whose platform reports it.
 *
 * Sends UNLOAD and waits for UNLOAD_RESPONSE, then disables the SynIC, so
 * the next kernel finds a host ready for a new INITIATE_CONTACT. Drivers
 * are not torn down; every channel counts as rescinded from now on, so
 * nothing more is sent for it. The Hyper-V transport calls this from the
 * platform's kexec handler; hvsim from its simulated platform.
 *
 * Context: process context (machine_shutdown()), sleeps.
 */
void lumen_transport_kexec(const struct lumen_transport_ops *ops)
{
	if (READ_ONCE(vmbus_ops) == ops)
		vmbus_conn_unload_kexec(ops);
}
EXPORT_SYMBOL_NS_GPL(lumen_transport_kexec, LUMEN);

/**
 * lumen_transport_crash() - The kernel crashed; kdump's kernel comes next.
 * @ops: the attached transport whose platform reports it.
 *
 * Posts UNLOAD once and polls every CPU's message slot for
 * UNLOAD_RESPONSE (interrupts cannot be relied on), for up to 100 s.
 * Takes no lock and does not sleep. The caller disables its own SynIC
 * afterwards if the platform needs it.
 *
 * Context: any context, interrupts possibly off.
 */
void lumen_transport_crash(const struct lumen_transport_ops *ops)
{
	if (READ_ONCE(vmbus_ops) == ops)
		vmbus_conn_unload_crash(ops);
}
EXPORT_SYMBOL_NS_GPL(lumen_transport_crash, LUMEN);

/**
 * lumen_vmbus_ref_counter() - Read the partition reference counter.
 * @val: the counter (100 ns units) on success.
 *
 * The clock the host stamps time messages with (TLFS reference counter);
 * time sync uses it to take the transit time off a host sample.
 *
 * Context: any context.
 * Return: 0, or -EOPNOTSUPP when no transport is attached or its platform
 * has no reference counter.
 */
int lumen_vmbus_ref_counter(u64 *val)
{
	const struct lumen_transport_ops *ops = READ_ONCE(vmbus_ops);

	if (!ops || !ops->ref_counter)
		return -EOPNOTSUPP;
	*val = ops->ref_counter();
	return 0;
}
EXPORT_SYMBOL_NS_GPL(lumen_vmbus_ref_counter, LUMEN);
