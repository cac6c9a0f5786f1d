// SPDX-License-Identifier: GPL-2.0
/*
 * Checks include/proto/tlfs.h against the fact sheet (sections 1 and 5):
 * CPUID, MSR, hypercall and status numbers, the control word and result
 * encodings, and byte images of the SynIC message slot, the PostMessage and
 * SignalEvent inputs, the event-flags page, the reference TSC page and the
 * monitor page decoded through the structs.
 */
#include <string.h>
#include <proto/tlfs.h>
#include "selftest.h"

/* Writes @n little-endian bytes of @v at @p. */
static void put_le(u8 *p, unsigned long long v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(v >> (8 * i));
}

SELFTEST(tlfs_cpuid_leaves_and_signatures)
{
	ST_EXPECT_EQ(t, TLFS_CPUID_LEAF1_ECX_HV_PRESENT, 1ULL << 31);
	ST_EXPECT_EQ(t, TLFS_CPUID_VENDOR, 0x40000000);
	ST_EXPECT_EQ(t, TLFS_CPUID_INTERFACE, 0x40000001);
	ST_EXPECT_EQ(t, TLFS_CPUID_VERSION, 0x40000002);
	ST_EXPECT_EQ(t, TLFS_CPUID_FEATURES, 0x40000003);
	ST_EXPECT_EQ(t, TLFS_CPUID_HINTS, 0x40000004);
	ST_EXPECT_EQ(t, TLFS_CPUID_LIMITS, 0x40000005);
	ST_EXPECT_EQ(t, TLFS_CPUID_HW_FEATURES, 0x40000006);
	ST_EXPECT_EQ(t, TLFS_CPUID_NESTED, 0x4000000A);
	ST_EXPECT_EQ(t, TLFS_CPUID_ISOLATION, 0x4000000C);
	ST_EXPECT_EQ(t, TLFS_CPUID_VS_INTERFACE, 0x40000081);
	ST_EXPECT_EQ(t, TLFS_CPUID_VS_PROPERTIES, 0x40000082);
	ST_EXPECT_EQ(t, TLFS_CPUID_MAX_LEAF_LOW, 0x40000005);
	ST_EXPECT_EQ(t, TLFS_CPUID_MAX_LEAF_HIGH, 0x4000FFFF);
	/* The vendor registers spell "Microsoft Hv" in EBX, ECX, EDX order. */
	{
		u8 vendor[12];

		put_le(vendor, TLFS_CPUID_VENDOR_EBX, 4);
		put_le(vendor + 4, TLFS_CPUID_VENDOR_ECX, 4);
		put_le(vendor + 8, TLFS_CPUID_VENDOR_EDX, 4);
		ST_EXPECT_MEM(t, vendor, "Microsoft Hv", 12);
	}
	ST_EXPECT_EQ(t, TLFS_CPUID_HV_SIGNATURE, 0x31237648);
	ST_EXPECT_EQ(t, TLFS_CPUID_VS_SIGNATURE, 0x31235356);
	{
		u8 sig[4];

		put_le(sig, TLFS_CPUID_HV_SIGNATURE, 4);
		ST_EXPECT_MEM(t, sig, "Hv#1", 4);
		put_le(sig, TLFS_CPUID_VS_SIGNATURE, 4);
		ST_EXPECT_MEM(t, sig, "VS#1", 4);
	}
}

SELFTEST(tlfs_cpuid_feature_bits)
{
	/* Group A (leaf 3 EAX). */
	ST_EXPECT_EQ(t, TLFS_FEAT_A_VP_RUNTIME, 1U << 0);
	ST_EXPECT_EQ(t, TLFS_FEAT_A_TIME_REF_COUNT, 1U << 1);
	ST_EXPECT_EQ(t, TLFS_FEAT_A_SYNIC, 1U << 2);
	ST_EXPECT_EQ(t, TLFS_FEAT_A_STIMER, 1U << 3);
	ST_EXPECT_EQ(t, TLFS_FEAT_A_HYPERCALL, 1U << 5);
	ST_EXPECT_EQ(t, TLFS_FEAT_A_VP_INDEX, 1U << 6);
	ST_EXPECT_EQ(t, TLFS_FEAT_A_RESET, 1U << 7);
	ST_EXPECT_EQ(t, TLFS_FEAT_A_REFERENCE_TSC, 1U << 9);
	ST_EXPECT_EQ(t, TLFS_FEAT_A_FREQUENCY_MSRS, 1U << 11);
	/* Group B (leaf 3 EBX). */
	ST_EXPECT_EQ(t, TLFS_FEAT_B_CREATE_PARTITIONS, 1U << 0);
	ST_EXPECT_EQ(t, TLFS_FEAT_B_POST_MESSAGES, 1U << 4);
	ST_EXPECT_EQ(t, TLFS_FEAT_B_SIGNAL_EVENTS, 1U << 5);
	ST_EXPECT_EQ(t, TLFS_FEAT_B_CPU_MANAGEMENT, 1U << 12);
	ST_EXPECT_EQ(t, TLFS_FEAT_B_ISOLATION, 1U << 22);
	/* Group D (leaf 3 EDX). */
	ST_EXPECT_EQ(t, TLFS_FEAT_D_XMM_INPUT, 1U << 4);
	ST_EXPECT_EQ(t, TLFS_FEAT_D_FREQUENCY_MSRS, 1U << 8);
	ST_EXPECT_EQ(t, TLFS_FEAT_D_CRASH_MSRS, 1U << 10);
	ST_EXPECT_EQ(t, TLFS_FEAT_D_XMM_OUTPUT, 1U << 15);
	ST_EXPECT_EQ(t, TLFS_FEAT_D_STIMER_DIRECT, 1U << 19);
	/* Hints (leaf 4 EAX). */
	ST_EXPECT_EQ(t, TLFS_HINT_RELAXED_TIMING, 1U << 5);
	ST_EXPECT_EQ(t, TLFS_HINT_DEPRECATE_AUTO_EOI, 1U << 9);
	/* Isolation (leaf 0xC). */
	ST_EXPECT_EQ(t, TLFS_ISO_EAX_PARAVISOR, 1U << 0);
	ST_EXPECT_EQ(t, TLFS_ISO_EBX_TYPE_MASK, 0xF);
	ST_EXPECT_EQ(t, TLFS_ISO_EBX_SHARED_GPA_ACTIVE, 1U << 5);
	ST_EXPECT_EQ(t, TLFS_ISO_EBX_SHARED_GPA_MASK,
		     0x3FU << TLFS_ISO_EBX_SHARED_GPA_SHIFT);
	ST_EXPECT_EQ(t, TLFS_ISO_TYPE_NONE, 0);
	ST_EXPECT_EQ(t, TLFS_ISO_TYPE_VBS, 1);
	ST_EXPECT_EQ(t, TLFS_ISO_TYPE_SNP, 2);
	ST_EXPECT_EQ(t, TLFS_ISO_TYPE_TDX, 3);
	/* An SNP VM with a vTOM at bit 46: EBX = 2 | active | 46 << 6. */
	{
		u32 ebx = 0x2 | 0x20 | (46U << 6);

		ST_EXPECT_EQ(t, ebx & TLFS_ISO_EBX_TYPE_MASK, TLFS_ISO_TYPE_SNP);
		ST_EXPECT(t, ebx & TLFS_ISO_EBX_SHARED_GPA_ACTIVE);
		ST_EXPECT_EQ(t, (ebx & TLFS_ISO_EBX_SHARED_GPA_MASK) >>
			     TLFS_ISO_EBX_SHARED_GPA_SHIFT, 46);
	}
	ST_EXPECT_EQ(t, TLFS_VS_PROP_CONFIDENTIAL_VMBUS, 1U << 3);
}

SELFTEST(tlfs_msr_numbers)
{
	ST_EXPECT_EQ(t, TLFS_MSR_GUEST_OS_ID, 0x40000000);
	ST_EXPECT_EQ(t, TLFS_MSR_HYPERCALL, 0x40000001);
	ST_EXPECT_EQ(t, TLFS_MSR_VP_INDEX, 0x40000002);
	ST_EXPECT_EQ(t, TLFS_MSR_RESET, 0x40000003);
	ST_EXPECT_EQ(t, TLFS_MSR_VP_RUNTIME, 0x40000010);
	ST_EXPECT_EQ(t, TLFS_MSR_TIME_REF_COUNT, 0x40000020);
	ST_EXPECT_EQ(t, TLFS_MSR_REFERENCE_TSC, 0x40000021);
	ST_EXPECT_EQ(t, TLFS_MSR_TSC_FREQUENCY, 0x40000022);
	ST_EXPECT_EQ(t, TLFS_MSR_APIC_FREQUENCY, 0x40000023);
	ST_EXPECT_EQ(t, TLFS_MSR_EOI, 0x40000070);
	ST_EXPECT_EQ(t, TLFS_MSR_ICR, 0x40000071);
	ST_EXPECT_EQ(t, TLFS_MSR_TPR, 0x40000072);
	ST_EXPECT_EQ(t, TLFS_MSR_VP_ASSIST_PAGE, 0x40000073);
	ST_EXPECT_EQ(t, TLFS_MSR_SCONTROL, 0x40000080);
	ST_EXPECT_EQ(t, TLFS_MSR_SVERSION, 0x40000081);
	ST_EXPECT_EQ(t, TLFS_MSR_SIEFP, 0x40000082);
	ST_EXPECT_EQ(t, TLFS_MSR_SIMP, 0x40000083);
	ST_EXPECT_EQ(t, TLFS_MSR_EOM, 0x40000084);
	ST_EXPECT_EQ(t, TLFS_MSR_SINT0, 0x40000090);
	ST_EXPECT_EQ(t, TLFS_MSR_SINT(2), 0x40000092);
	ST_EXPECT_EQ(t, TLFS_MSR_SINT(15), 0x4000009F);
	ST_EXPECT_EQ(t, TLFS_MSR_SINT(TLFS_VMBUS_SINT), 0x40000092);
	ST_EXPECT_EQ(t, TLFS_MSR_STIMER_CONFIG(0), 0x400000B0);
	ST_EXPECT_EQ(t, TLFS_MSR_STIMER_COUNT(0), 0x400000B1);
	ST_EXPECT_EQ(t, TLFS_MSR_STIMER_CONFIG(3), 0x400000B6);
	ST_EXPECT_EQ(t, TLFS_MSR_STIMER_COUNT(3), 0x400000B7);
	ST_EXPECT_EQ(t, TLFS_MSR_CRASH_P0, 0x40000100);
	ST_EXPECT_EQ(t, TLFS_MSR_CRASH_P1, 0x40000101);
	ST_EXPECT_EQ(t, TLFS_MSR_CRASH_P2, 0x40000102);
	ST_EXPECT_EQ(t, TLFS_MSR_CRASH_P3, 0x40000103);
	ST_EXPECT_EQ(t, TLFS_MSR_CRASH_P4, 0x40000104);
	ST_EXPECT_EQ(t, TLFS_MSR_CRASH_CTL, 0x40000105);
	ST_EXPECT_EQ(t, TLFS_SINT_COUNT, 16);
	ST_EXPECT_EQ(t, TLFS_STIMER_COUNT, 4);
	ST_EXPECT_EQ(t, TLFS_CRASH_PARAM_COUNT,
		     TLFS_MSR_CRASH_P4 - TLFS_MSR_CRASH_P0 + 1);
}

SELFTEST(tlfs_msr_page_bits_encode_gpa)
{
	/* SIMP for a page at GPA 0x12345000: 0x12345001. */
	unsigned long long gpa = 0x12345000ULL;
	unsigned long long simp = gpa | TLFS_SIMP_ENABLE;

	ST_EXPECT_EQ(t, TLFS_PAGE_SHIFT, 12);
	ST_EXPECT_EQ(t, TLFS_PAGE_SIZE, 1 << TLFS_PAGE_SHIFT);
	ST_EXPECT_EQ(t, simp, 0x12345001ULL);
	ST_EXPECT_EQ(t, (simp & TLFS_MSR_PAGE_GPA_MASK) >>
		     TLFS_MSR_PAGE_GPA_SHIFT, 0x12345);
	ST_EXPECT_EQ(t, TLFS_MSR_PAGE_ENABLE, 1);
	ST_EXPECT_EQ(t, TLFS_HYPERCALL_ENABLE, 1);
	ST_EXPECT_EQ(t, TLFS_HYPERCALL_LOCKED, 2);
	ST_EXPECT_EQ(t, TLFS_REF_TSC_ENABLE, 1);
	ST_EXPECT_EQ(t, TLFS_SIEFP_ENABLE, 1);
	ST_EXPECT_EQ(t, TLFS_SCONTROL_ENABLE, 1);
	ST_EXPECT_EQ(t, TLFS_SVERSION_1, 1);
	ST_EXPECT_EQ(t, TLFS_MSR_PAGE_GPA_MASK & 0xFFF, 0);
	ST_EXPECT_EQ(t, TLFS_MSR_PAGE_GPA_MASK >> 12, (1ULL << 52) - 1);
}

SELFTEST(tlfs_sint_bits)
{
	/* Linux's VMBus SINT on x86: vector 0xF3, unmasked, auto-EOI. */
	unsigned long long sint = TLFS_VMBUS_VECTOR_X86 | TLFS_SINT_AUTO_EOI;

	ST_EXPECT_EQ(t, sint, 0x200F3ULL);
	ST_EXPECT_EQ(t, sint & TLFS_SINT_VECTOR_MASK, 0xF3);
	ST_EXPECT_EQ(t, TLFS_SINT_MASKED, 1ULL << 16);
	ST_EXPECT_EQ(t, TLFS_SINT_AUTO_EOI, 1ULL << 17);
	ST_EXPECT_EQ(t, TLFS_SINT_POLLING, 1ULL << 18);
	ST_EXPECT_EQ(t, TLFS_SINT_PROXY, 1ULL << 20);
	ST_EXPECT_EQ(t, TLFS_SINT_VECTOR_MASK, 0xFF);
	ST_EXPECT_EQ(t, TLFS_SINT_VECTOR_MIN, 16);
	ST_EXPECT_EQ(t, TLFS_VMBUS_SINT, 2);
	ST_EXPECT_EQ(t, TLFS_VMBUS_VECTOR_X86, 0xF3);
}

SELFTEST(tlfs_stimer_config_bits)
{
	/* Message-mode stimer0 as Linux sets it: enable, auto-enable, SINT 2. */
	unsigned long long cfg = TLFS_STIMER_ENABLE | TLFS_STIMER_AUTO_ENABLE |
		((unsigned long long)TLFS_VMBUS_SINT << TLFS_STIMER_SINT_SHIFT);
	/* Direct mode with vector 0xED. */
	unsigned long long direct = TLFS_STIMER_ENABLE | TLFS_STIMER_DIRECT_MODE |
		(0xEDULL << TLFS_STIMER_VECTOR_SHIFT);

	ST_EXPECT_EQ(t, cfg, 0x20009ULL);
	ST_EXPECT_EQ(t, (cfg & TLFS_STIMER_SINT_MASK) >> TLFS_STIMER_SINT_SHIFT,
		     2);
	ST_EXPECT_EQ(t, direct, 0x1ED1ULL);
	ST_EXPECT_EQ(t, (direct & TLFS_STIMER_VECTOR_MASK) >>
		     TLFS_STIMER_VECTOR_SHIFT, 0xED);
	ST_EXPECT_EQ(t, TLFS_STIMER_PERIODIC, 1ULL << 1);
	ST_EXPECT_EQ(t, TLFS_STIMER_LAZY, 1ULL << 2);
	ST_EXPECT_EQ(t, TLFS_STIMER_AUTO_ENABLE, 1ULL << 3);
	ST_EXPECT_EQ(t, TLFS_STIMER_DIRECT_MODE, 1ULL << 12);
	ST_EXPECT_EQ(t, TLFS_STIMER_VECTOR_MASK, 0xFFULL << 4);
	ST_EXPECT_EQ(t, TLFS_STIMER_SINT_MASK, 0xFULL << 16);
}

SELFTEST(tlfs_crash_ctl_bits)
{
	ST_EXPECT_EQ(t, TLFS_CRASH_CTL_NOTIFY, 1ULL << 63);
	ST_EXPECT_EQ(t, TLFS_CRASH_CTL_NOTIFY_MSG, 1ULL << 62);
}

SELFTEST(tlfs_guest_os_id_linux_encodes_version)
{
	/* KERNEL_VERSION(6, 12, 117) = 0x060c75. */
	unsigned long long id = TLFS_GUEST_OS_ID_LINUX(0x060c75);

	ST_EXPECT_EQ(t, id, 0x810000060c750000ULL);
	ST_EXPECT(t, id & TLFS_GUEST_OS_ID_OPEN_SOURCE);
	ST_EXPECT_EQ(t, (id & TLFS_GUEST_OS_ID_TYPE_MASK) >>
		     TLFS_GUEST_OS_ID_TYPE_SHIFT, TLFS_GUEST_OS_TYPE_LINUX);
	ST_EXPECT_EQ(t, id >> 48, 0x8100);
	ST_EXPECT_EQ(t, (id & TLFS_GUEST_OS_ID_KVER_MASK) >>
		     TLFS_GUEST_OS_ID_KVER_SHIFT, 0x060c75);
	ST_EXPECT_EQ(t, id & 0xFFFF, 0);
	ST_EXPECT_EQ(t, TLFS_REF_TIME_HZ, 10000000);
}

SELFTEST(tlfs_hypercall_codes)
{
	ST_EXPECT_EQ(t, TLFS_HC_FLUSH_VA_SPACE, 0x0002);
	ST_EXPECT_EQ(t, TLFS_HC_FLUSH_VA_LIST, 0x0003);
	ST_EXPECT_EQ(t, TLFS_HC_NOTIFY_LONG_SPIN_WAIT, 0x0008);
	ST_EXPECT_EQ(t, TLFS_HC_SEND_IPI, 0x000B);
	ST_EXPECT_EQ(t, TLFS_HC_FLUSH_VA_SPACE_EX, 0x0013);
	ST_EXPECT_EQ(t, TLFS_HC_FLUSH_VA_LIST_EX, 0x0014);
	ST_EXPECT_EQ(t, TLFS_HC_SEND_IPI_EX, 0x0015);
	ST_EXPECT_EQ(t, TLFS_HC_GET_VP_REGISTERS, 0x0050);
	ST_EXPECT_EQ(t, TLFS_HC_SET_VP_REGISTERS, 0x0051);
	ST_EXPECT_EQ(t, TLFS_HC_POST_MESSAGE, 0x005C);
	ST_EXPECT_EQ(t, TLFS_HC_SIGNAL_EVENT, 0x005D);
	ST_EXPECT_EQ(t, TLFS_HC_MAP_DEVICE_INTERRUPT, 0x007C);
	ST_EXPECT_EQ(t, TLFS_HC_UNMAP_DEVICE_INTERRUPT, 0x007D);
	ST_EXPECT_EQ(t, TLFS_HC_RETARGET_INTERRUPT, 0x007E);
	ST_EXPECT_EQ(t, TLFS_HC_SIGNAL_EVENT_DIRECT, 0x00C0);
	ST_EXPECT_EQ(t, TLFS_HC_POST_MESSAGE_DIRECT, 0x00C1);
	ST_EXPECT_EQ(t, TLFS_HC_MODIFY_HOST_VISIBILITY, 0x00DB);
	ST_EXPECT_EQ(t, TLFS_HC_EXT_QUERY_CAPABILITIES, 0x8001);
	ST_EXPECT_EQ(t, TLFS_HC_EXT_MEMORY_HEAT_HINT, 0x8003);
}

SELFTEST(tlfs_hc_control_encodes_fields)
{
	/*
	 * Rep call 0x00DB, variable header 2 qwords, 3 reps starting at 1:
	 * bits 15:0 0x00DB, 26:17 2, 43:32 3, 59:48 1.
	 */
	unsigned long long ctl = TLFS_HC_MODIFY_HOST_VISIBILITY |
		(2ULL << TLFS_HC_VARHDR_SHIFT) |
		(3ULL << TLFS_HC_REP_COUNT_SHIFT) |
		(1ULL << TLFS_HC_REP_START_SHIFT);
	/* Fast SignalEvent: code 0x5D with bit 16. */
	unsigned long long fast = TLFS_HC_SIGNAL_EVENT | TLFS_HC_FAST;

	ST_EXPECT_EQ(t, ctl, 0x00010003000400DBULL);
	ST_EXPECT_EQ(t, ctl & TLFS_HC_CODE_MASK, 0x00DB);
	ST_EXPECT_EQ(t, (ctl & TLFS_HC_VARHDR_MASK) >> TLFS_HC_VARHDR_SHIFT, 2);
	ST_EXPECT_EQ(t, (ctl & TLFS_HC_REP_COUNT_MASK) >>
		     TLFS_HC_REP_COUNT_SHIFT, 3);
	ST_EXPECT_EQ(t, (ctl & TLFS_HC_REP_START_MASK) >>
		     TLFS_HC_REP_START_SHIFT, 1);
	ST_EXPECT_EQ(t, ctl & TLFS_HC_RESERVED_MASK, 0);
	ST_EXPECT_EQ(t, fast, 0x1005DULL);
	ST_EXPECT_EQ(t, TLFS_HC_FAST, 1ULL << 16);
	ST_EXPECT_EQ(t, TLFS_HC_NESTED, 1ULL << 31);
	/* The field masks, the fast bit and the reserved bits tile 64 bits. */
	ST_EXPECT_EQ(t, TLFS_HC_CODE_MASK | TLFS_HC_FAST | TLFS_HC_VARHDR_MASK |
		     TLFS_HC_NESTED | TLFS_HC_REP_COUNT_MASK |
		     TLFS_HC_REP_START_MASK | TLFS_HC_RESERVED_MASK, ~0ULL);
	ST_EXPECT_EQ(t, TLFS_HC_VARHDR_MASK >> TLFS_HC_VARHDR_SHIFT, 0x3FF);
	ST_EXPECT_EQ(t, TLFS_HC_REP_COUNT_MASK >> TLFS_HC_REP_COUNT_SHIFT,
		     0xFFF);
	ST_EXPECT_EQ(t, TLFS_HC_REP_START_MASK >> TLFS_HC_REP_START_SHIFT,
		     0xFFF);
	ST_EXPECT_EQ(t, TLFS_HC_INPUT_ALIGN, 8);
}

SELFTEST(tlfs_hc_result_decodes)
{
	/* INSUFFICIENT_BUFFERS after 5 reps. */
	unsigned long long res = 0x0000000500000013ULL;

	ST_EXPECT_EQ(t, res & TLFS_HC_RESULT_STATUS_MASK,
		     TLFS_STATUS_INSUFFICIENT_BUFFERS);
	ST_EXPECT_EQ(t, (res & TLFS_HC_RESULT_REPS_MASK) >>
		     TLFS_HC_RESULT_REPS_SHIFT, 5);
	ST_EXPECT_EQ(t, TLFS_HC_RESULT_REPS_MASK, 0xFFFULL << 32);
}

SELFTEST(tlfs_status_codes)
{
	ST_EXPECT_EQ(t, TLFS_STATUS_SUCCESS, 0);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_HYPERCALL_CODE, 2);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_HYPERCALL_INPUT, 3);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_ALIGNMENT, 4);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_PARAMETER, 5);
	ST_EXPECT_EQ(t, TLFS_STATUS_ACCESS_DENIED, 6);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_PARTITION_STATE, 7);
	ST_EXPECT_EQ(t, TLFS_STATUS_OPERATION_DENIED, 8);
	ST_EXPECT_EQ(t, TLFS_STATUS_INSUFFICIENT_MEMORY, 0xB);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_PARTITION_ID, 0xD);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_VP_INDEX, 0xE);
	ST_EXPECT_EQ(t, TLFS_STATUS_NOT_FOUND, 0x10);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_PORT_ID, 0x11);
	ST_EXPECT_EQ(t, TLFS_STATUS_INVALID_CONNECTION_ID, 0x12);
	ST_EXPECT_EQ(t, TLFS_STATUS_INSUFFICIENT_BUFFERS, 0x13);
}

SELFTEST(tlfs_post_message_decodes)
{
	u8 buf[256] = { 0 };
	struct tlfs_post_message pm;

	ST_EXPECT_EQ(t, sizeof(pm), 256);
	/* VMBus REQUESTOFFERS (type 3, 8 bytes) on message connection 1. */
	put_le(buf + 0, 0x00000001, 4);
	put_le(buf + 8, TLFS_MSG_VMBUS, 4);
	put_le(buf + 12, 8, 4);
	put_le(buf + 16, 3, 4);
	memcpy(&pm, buf, sizeof(pm));
	ST_EXPECT_EQ(t, pm.connection_id & TLFS_CONNECTION_ID_MASK, 1);
	ST_EXPECT_EQ(t, pm.reserved, 0);
	ST_EXPECT_EQ(t, pm.message_type, 1);
	ST_EXPECT_EQ(t, pm.payload_size, 8);
	ST_EXPECT_EQ(t, pm.payload[0], 3);
	ST_EXPECT_EQ(t, sizeof(pm.payload), TLFS_MSG_PAYLOAD_MAX);
	ST_EXPECT_EQ(t, TLFS_MSG_PAYLOAD_MAX, 240);
	ST_EXPECT_EQ(t, TLFS_CONNECTION_ID_MASK, 0xFFFFFF);
}

SELFTEST(tlfs_signal_event_is_connection_id_as_u64)
{
	struct tlfs_signal_event ev = { 0 };
	u8 buf[8];
	unsigned long long rdx = 0;
	unsigned int i;

	ev.connection_id = 0x0001000F;
	ev.flag_number = 0;
	memcpy(buf, &ev, sizeof(buf));
	for (i = 0; i < 8; i++)
		rdx |= (unsigned long long)buf[i] << (8 * i);
	ST_EXPECT_EQ(t, sizeof(ev), 8);
	ST_EXPECT_EQ(t, rdx, 0x0001000FULL);

	/* Flag number lands in bytes 4..5. */
	put_le(buf, 0x0000000700000022ULL, 8);
	memcpy(&ev, buf, sizeof(ev));
	ST_EXPECT_EQ(t, ev.connection_id, 0x22);
	ST_EXPECT_EQ(t, ev.flag_number, 7);
	ST_EXPECT_EQ(t, ev.reserved, 0);
}

SELFTEST(tlfs_msg_slot_decodes_vmbus_message)
{
	u8 buf[256] = { 0 };
	struct tlfs_message msg;

	/* A 24-byte VMBus message with more queued, from port 0x000123. */
	put_le(buf + 0, TLFS_MSG_VMBUS, 4);
	buf[4] = 24;
	buf[5] = 0x01;
	put_le(buf + 8, 0xAB000123ULL, 8);
	put_le(buf + 16, 15, 4);	/* VERSION_RESPONSE */
	buf[16 + 23] = 0x5A;
	memcpy(&msg, buf, sizeof(msg));
	ST_EXPECT_EQ(t, sizeof(msg), TLFS_MSG_SIZE);
	ST_EXPECT_EQ(t, TLFS_MSG_SIZE, 256);
	ST_EXPECT_EQ(t, msg.header.message_type, 1);
	ST_EXPECT_EQ(t, msg.header.payload_size, 24);
	ST_EXPECT(t, msg.header.flags & TLFS_MSG_FLAG_PENDING);
	ST_EXPECT_EQ(t, msg.header.sender & TLFS_PORT_ID_MASK, 0x123);
	ST_EXPECT_EQ(t, msg.payload[0], 15);
	ST_EXPECT_EQ(t, msg.payload[23], 0x5A);
	ST_EXPECT_EQ(t, TLFS_MSG_FLAG_PENDING, 0x01);
}

SELFTEST(tlfs_msg_slot_decodes_timer_expired)
{
	u8 buf[256] = { 0 };
	struct tlfs_message msg;
	struct tlfs_timer_msg tm;

	put_le(buf + 0, 0x80000010, 4);
	buf[4] = sizeof(tm);
	put_le(buf + 16, 0, 4);
	put_le(buf + 24, 0x1122334455667788ULL, 8);
	put_le(buf + 32, 0x1122334455667799ULL, 8);
	memcpy(&msg, buf, sizeof(msg));
	memcpy(&tm, msg.payload, sizeof(tm));
	ST_EXPECT_EQ(t, msg.header.message_type, TLFS_MSG_TIMER_EXPIRED);
	ST_EXPECT_EQ(t, msg.header.payload_size, 24);
	ST_EXPECT_EQ(t, tm.timer_index, 0);
	ST_EXPECT_EQ(t, tm.expiration_time, 0x1122334455667788ULL);
	ST_EXPECT_EQ(t, tm.delivery_time, 0x1122334455667799ULL);
}

SELFTEST(tlfs_msg_types)
{
	ST_EXPECT_EQ(t, TLFS_MSG_NONE, 0);
	ST_EXPECT_EQ(t, TLFS_MSG_VMBUS, 1);
	ST_EXPECT_EQ(t, TLFS_MSG_UNMAPPED_GPA, 0x80000000);
	ST_EXPECT_EQ(t, TLFS_MSG_GPA_INTERCEPT, 0x80000001);
	ST_EXPECT_EQ(t, TLFS_MSG_TIMER_EXPIRED, 0x80000010);
	ST_EXPECT_EQ(t, TLFS_MSG_INVALID_VP_REGISTER_VALUE, 0x80000020);
	ST_EXPECT_EQ(t, TLFS_MSG_UNRECOVERABLE_EXCEPTION, 0x80000021);
	ST_EXPECT_EQ(t, TLFS_MSG_UNSUPPORTED_FEATURE, 0x80000022);
	ST_EXPECT_EQ(t, TLFS_MSG_EVENTLOG_BUFFER_COMPLETE, 0x80000040);
	ST_EXPECT_EQ(t, TLFS_MSG_X64_IO_PORT_INTERCEPT, 0x80010000);
	ST_EXPECT_EQ(t, TLFS_MSG_X64_MSR_INTERCEPT, 0x80010001);
	ST_EXPECT_EQ(t, TLFS_MSG_X64_CPUID_INTERCEPT, 0x80010002);
	ST_EXPECT_EQ(t, TLFS_MSG_X64_EXCEPTION_INTERCEPT, 0x80010003);
	ST_EXPECT_EQ(t, TLFS_MSG_X64_APIC_EOI, 0x80010004);
	ST_EXPECT_EQ(t, TLFS_MSG_X64_LEGACY_FP_ERROR, 0x80010005);
}

SELFTEST(tlfs_msg_page_vmbus_slot_at_512)
{
	static u8 page[4096];
	static struct tlfs_msg_page mp;

	memset(page, 0, sizeof(page));
	put_le(page + 512, TLFS_MSG_VMBUS, 4);
	page[512 + 4] = 8;
	put_le(page + 15 * 256, TLFS_MSG_TIMER_EXPIRED, 4);
	memcpy(&mp, page, sizeof(mp));
	ST_EXPECT_EQ(t, sizeof(mp), 4096);
	ST_EXPECT_EQ(t, mp.slot[TLFS_VMBUS_SINT].header.message_type,
		     TLFS_MSG_VMBUS);
	ST_EXPECT_EQ(t, mp.slot[TLFS_VMBUS_SINT].header.payload_size, 8);
	ST_EXPECT_EQ(t, mp.slot[1].header.message_type, TLFS_MSG_NONE);
	ST_EXPECT_EQ(t, mp.slot[15].header.message_type,
		     TLFS_MSG_TIMER_EXPIRED);
}

SELFTEST(tlfs_event_flags_page_relid_bit)
{
	static u8 page[4096];
	static struct tlfs_event_flags_page ep;
	unsigned int relid = 37;
	const struct tlfs_event_flags *f;

	/* Host sets relid 37 in SINT 2: byte 512 + 4, bit 5. */
	memset(page, 0, sizeof(page));
	page[512 + 4] = 0x20;
	memcpy(&ep, page, sizeof(ep));
	f = &ep.sint[TLFS_VMBUS_SINT];
	ST_EXPECT_EQ(t, sizeof(ep), 4096);
	ST_EXPECT_EQ(t, sizeof(*f) * 8, TLFS_EVENT_FLAGS_BITS);
	ST_EXPECT_EQ(t, TLFS_EVENT_FLAGS_BITS, 2048);
	ST_EXPECT_EQ(t, TLFS_EVENT_FLAGS_BYTES, 256);
	ST_EXPECT(t, f->bits[relid / 8] & (1U << (relid % 8)));
	ST_EXPECT_EQ(t, f->bits[0], 0);
	ST_EXPECT_EQ(t, ep.sint[1].bits[4], 0);
}

SELFTEST(tlfs_ref_tsc_page_decodes)
{
	static u8 page[4096];
	static struct tlfs_ref_tsc_page tp;

	memset(page, 0, sizeof(page));
	put_le(page + 0, 7, 4);
	put_le(page + 8, 0x00A0000000000000ULL, 8);
	put_le(page + 16, (unsigned long long)-12345LL, 8);
	memcpy(&tp, page, sizeof(tp));
	ST_EXPECT_EQ(t, sizeof(tp), 4096);
	ST_EXPECT_EQ(t, tp.tsc_sequence, 7);
	ST_EXPECT_EQ(t, tp.tsc_scale, 0x00A0000000000000ULL);
	ST_EXPECT_EQ(t, (long long)tp.tsc_offset, -12345LL);
	ST_EXPECT_EQ(t, TLFS_REF_TSC_SEQ_INVALID, 0);
}

SELFTEST(tlfs_monitor_page_offsets)
{
	ST_EXPECT_EQ(t, sizeof(struct tlfs_monitor_page), 4096);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page, trigger_state), 0);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page, trigger_group), 8);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page,
				 trigger_group[1].pending), 16);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page,
				 trigger_group[3].armed), 36);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page, next_check_time), 64);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page, latency), 0x240);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page, latency[3][31]),
		     576 + 2 * 127);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page, parameter), 0x440);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page, parameter[3][31]),
		     1088 + 8 * 127);
	ST_EXPECT_EQ(t, offsetof(struct tlfs_monitor_page, reserved4), 2112);
	ST_EXPECT_EQ(t, TLFS_MONITOR_GROUPS * TLFS_MONITOR_IDS_PER_GROUP,
		     TLFS_MONITOR_IDS);
	ST_EXPECT_EQ(t, TLFS_MONITOR_IDS, 128);
	ST_EXPECT_EQ(t, TLFS_MONITOR_GROUP_ENABLE_MASK, 0xF);
}

SELFTEST(tlfs_monitor_page_decodes)
{
	static u8 page[4096];
	static struct tlfs_monitor_page mp;
	/* Monitor id 33: group 1, bit 1. */
	unsigned int id = 33, g = id / 32, b = id % 32;

	memset(page, 0, sizeof(page));
	put_le(page + 0, 0xF, 4);
	put_le(page + 8 + 8 * g, 1U << b, 4);
	put_le(page + 576 + 2 * id, 100, 2);
	put_le(page + 1088 + 8 * id, 0x00000010, 4);
	put_le(page + 1088 + 8 * id + 4, 3, 2);
	memcpy(&mp, page, sizeof(mp));
	ST_EXPECT_EQ(t, mp.trigger_state & TLFS_MONITOR_GROUP_ENABLE_MASK, 0xF);
	ST_EXPECT_EQ(t, mp.trigger_group[g].pending, 1U << 1);
	ST_EXPECT_EQ(t, mp.trigger_group[g].armed, 0);
	ST_EXPECT_EQ(t, mp.trigger_group[0].pending, 0);
	ST_EXPECT_EQ(t, mp.latency[g][b], 100);
	ST_EXPECT_EQ(t, mp.parameter[g][b].connection_id, 0x10);
	ST_EXPECT_EQ(t, mp.parameter[g][b].flag_number, 3);
	ST_EXPECT_EQ(t, mp.parameter[g][b].reserved, 0);
	ST_EXPECT_EQ(t, mp.parameter[0][b].connection_id, 0);
}
