// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: the real Hyper-V transport. The only file in Lumen with
 * hypercalls and SynIC MSRs. It uses the Hyper-V platform code the kernel
 * exports (the hypercall page through hv_do_hypercall(), the per-CPU
 * hypercall input page, the VP index table and the VMBus interrupt vector)
 * and attaches by itself when the kernel found Hyper-V. It also installs
 * the kexec and crash handlers that UNLOAD before the next kernel starts.
 *
 * Not supported yet, and refused at attach: isolated VMs (SNP, TDX), where
 * SynIC MSRs go through the GHCB or a paravisor owns the SynIC pages.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/mshyperv.h>
#include <asm/msr.h>

#include <lumen/transport.h>
#include "core.h"

/**
 * struct hvt_synic_args - One CPU's SynIC pages, for the MSR writer.
 * @simp: message page.
 * @siefp: event-flags page.
 */
struct hvt_synic_args {
	struct tlfs_msg_page *simp;
	struct tlfs_event_flags_page *siefp;
};

static DEFINE_PER_CPU(struct hvt_synic_args, hvt_pages);

static int hvt_post_message(u32 conn_id, u32 msg_type, const void *payload,
			    u32 size)
{
	struct tlfs_post_message *in;
	unsigned long flags;
	u64 status;

	if (size > TLFS_MSG_PAYLOAD_MAX)
		return TLFS_STATUS_INVALID_PARAMETER;
	local_irq_save(flags);
	in = *this_cpu_ptr(hyperv_pcpu_input_arg);
	in->connection_id = cpu_to_le32(conn_id);
	in->reserved = 0;
	in->message_type = cpu_to_le32(msg_type);
	in->payload_size = cpu_to_le32(size);
	memcpy(in->payload, payload, size);
	status = hv_do_hypercall(TLFS_HC_POST_MESSAGE, in, NULL);
	local_irq_restore(flags);
	return status & TLFS_HC_RESULT_STATUS_MASK;
}

static int hvt_signal_event(u32 conn_id, u16 flag)
{
	u64 status = hv_do_fast_hypercall8(TLFS_HC_SIGNAL_EVENT,
					   conn_id | (u64)flag << 32);

	return status & TLFS_HC_RESULT_STATUS_MASK;
}

/* Runs on the target CPU with interrupts off. */
static void hvt_synic_on(void *info)
{
	struct hvt_synic_args *a = info;
	u64 sint = HYPERVISOR_CALLBACK_VECTOR;

	wrmsrl(TLFS_MSR_SIMP, virt_to_phys(a->simp) | TLFS_SIMP_ENABLE);
	wrmsrl(TLFS_MSR_SIEFP, virt_to_phys(a->siefp) | TLFS_SIEFP_ENABLE);
	if (!(ms_hyperv.hints & TLFS_HINT_DEPRECATE_AUTO_EOI))
		sint |= TLFS_SINT_AUTO_EOI;
	wrmsrl(TLFS_MSR_SINT(TLFS_VMBUS_SINT), sint);
	wrmsrl(TLFS_MSR_SCONTROL, TLFS_SCONTROL_ENABLE);
}

static void hvt_synic_off(void *info)
{
	wrmsrl(TLFS_MSR_SINT(TLFS_VMBUS_SINT), TLFS_SINT_MASKED);
	wrmsrl(TLFS_MSR_SIMP, 0);
	wrmsrl(TLFS_MSR_SIEFP, 0);
	wrmsrl(TLFS_MSR_SCONTROL, 0);
}

static int hvt_synic_enable(unsigned int cpu, struct tlfs_msg_page **simp,
			    struct tlfs_event_flags_page **siefp)
{
	struct hvt_synic_args *a = per_cpu_ptr(&hvt_pages, cpu);
	int ret;

	a->simp = (void *)get_zeroed_page(GFP_KERNEL);
	a->siefp = (void *)get_zeroed_page(GFP_KERNEL);
	if (!a->simp || !a->siefp) {
		ret = -ENOMEM;
		goto out_free;
	}
	ret = smp_call_function_single(cpu, hvt_synic_on, a, 1);
	if (ret)
		goto out_free;
	*simp = a->simp;
	*siefp = a->siefp;
	return 0;

out_free:
	free_page((unsigned long)a->simp);
	free_page((unsigned long)a->siefp);
	a->simp = NULL;
	a->siefp = NULL;
	return ret;
}

static void hvt_synic_disable(unsigned int cpu)
{
	struct hvt_synic_args *a = per_cpu_ptr(&hvt_pages, cpu);

	/* If the CPU is gone its SynIC went with it: free the pages anyway. */
	smp_call_function_single(cpu, hvt_synic_off, NULL, 1);
	free_page((unsigned long)a->simp);
	free_page((unsigned long)a->siefp);
	a->simp = NULL;
	a->siefp = NULL;
}

static void hvt_eom(unsigned int cpu)
{
	wrmsrl(TLFS_MSR_EOM, 0);
}

static int hvt_irq_register(void (*handler)(void))
{
	hv_setup_vmbus_handler(handler);
	return 0;
}

static void hvt_irq_unregister(void)
{
	hv_remove_vmbus_handler();
	synchronize_rcu();
}

static u32 hvt_vp_index(unsigned int cpu)
{
	return hv_vp_index[cpu];
}

/* The kernel's reader: the TSC page when enabled, else the MSR. */
static u64 hvt_ref_counter(void)
{
	return hv_read_reference_counter();
}

static const struct lumen_transport_ops hvt_ops = {
	.name = "hyperv",
	.owner = THIS_MODULE,
	.post_message = hvt_post_message,
	.signal_event = hvt_signal_event,
	.synic_enable = hvt_synic_enable,
	.synic_disable = hvt_synic_disable,
	.eom = hvt_eom,
	.irq_register = hvt_irq_register,
	.irq_unregister = hvt_irq_unregister,
	.vp_index = hvt_vp_index,
	.ref_counter = hvt_ref_counter,
};

static bool hvt_attached;

/* machine_shutdown() before kexec: the new kernel contacts the host anew. */
static void hvt_kexec(void)
{
	lumen_transport_kexec(&hvt_ops);
}

/* Crash: UNLOAD by polling, then disable the SynIC of this CPU only. */
static void hvt_crash(struct pt_regs *regs)
{
	lumen_transport_crash(&hvt_ops);
	hvt_synic_off(NULL);
}

/**
 * vmbus_hyperv_attach() - Attach real Hyper-V if the kernel found it.
 *
 * Context: process context, sleeps (connects VMBus).
 * Return: 0 when attached or when not running on Hyper-V; -EOPNOTSUPP in
 * an isolated VM; or the registration's errno.
 */
int vmbus_hyperv_attach(void)
{
	int ret;

	if (!hv_is_hyperv_initialized())
		return 0;
	if (hv_isolation_type_snp() || hv_is_isolation_supported()) {
		pr_warn("isolated VMs are not supported yet\n");
		return -EOPNOTSUPP;
	}
	ret = lumen_transport_register(&hvt_ops);
	hvt_attached = !ret;
	if (hvt_attached) {
		hv_setup_kexec_handler(hvt_kexec);
		hv_setup_crash_handler(hvt_crash);
	}
	return ret;
}

/**
 * vmbus_hyperv_detach() - Detach real Hyper-V (UNLOAD where supported).
 *
 * Context: process context, sleeps.
 */
void vmbus_hyperv_detach(void)
{
	if (hvt_attached) {
		hv_remove_crash_handler();
		hv_remove_kexec_handler();
		lumen_transport_unregister(&hvt_ops);
	}
	hvt_attached = false;
}
