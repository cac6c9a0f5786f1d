/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hyper-V Top-Level Functional Specification (TLFS) subset used by a VMBus
 * guest and by hvsim, the simulated host: CPUID leaves and feature bits,
 * synthetic MSRs and their bit layouts, the hypercall control word, status
 * codes and input blocks, the SynIC message and event-flags pages, the
 * reference TSC page and the VMBus monitor page. x86-64 only; wire layouts
 * and constants only.
 */
#ifndef _LUMEN_PROTO_TLFS_H
#define _LUMEN_PROTO_TLFS_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

/*
 * Hyper-V always works in 4 KiB pages (GPAs in MSRs, SynIC pages, monitor
 * pages, ring pages), whatever the guest's own page size is.
 */
#define TLFS_PAGE_SHIFT			12
#define TLFS_PAGE_SIZE			4096

/* ------------------------------------------------------------------------
 * CPUID
 */

/* Leaf 0x1 ECX bit 31: running under a hypervisor. */
#define TLFS_CPUID_LEAF1_ECX_HV_PRESENT	0x80000000

/* Hypervisor leaves. */
#define TLFS_CPUID_VENDOR		0x40000000
#define TLFS_CPUID_INTERFACE		0x40000001
#define TLFS_CPUID_VERSION		0x40000002
#define TLFS_CPUID_FEATURES		0x40000003
#define TLFS_CPUID_HINTS		0x40000004
#define TLFS_CPUID_LIMITS		0x40000005
#define TLFS_CPUID_HW_FEATURES		0x40000006
#define TLFS_CPUID_NESTED		0x4000000A
#define TLFS_CPUID_ISOLATION		0x4000000C
#define TLFS_CPUID_VS_INTERFACE		0x40000081
#define TLFS_CPUID_VS_PROPERTIES	0x40000082

/* Range a guest accepts for leaf 0x40000000 EAX (highest hypervisor leaf). */
#define TLFS_CPUID_MAX_LEAF_LOW		0x40000005
#define TLFS_CPUID_MAX_LEAF_HIGH	0x4000FFFF

/* Leaf 0x40000000 EBX, ECX, EDX: "Micr" "osof" "t Hv". */
#define TLFS_CPUID_VENDOR_EBX		0x7263694d
#define TLFS_CPUID_VENDOR_ECX		0x666f736f
#define TLFS_CPUID_VENDOR_EDX		0x76482074

/* Leaf 0x40000001 EAX: "Hv#1"; leaf 0x40000081 EAX: "VS#1". */
#define TLFS_CPUID_HV_SIGNATURE		0x31237648
#define TLFS_CPUID_VS_SIGNATURE		0x31235356

/* Leaf 0x40000003 EAX: feature group A (partition privileges, low half). */
#define TLFS_FEAT_A_VP_RUNTIME		0x00000001
#define TLFS_FEAT_A_TIME_REF_COUNT	0x00000002
#define TLFS_FEAT_A_SYNIC		0x00000004
#define TLFS_FEAT_A_STIMER		0x00000008
#define TLFS_FEAT_A_HYPERCALL		0x00000020
#define TLFS_FEAT_A_VP_INDEX		0x00000040
#define TLFS_FEAT_A_RESET		0x00000080
#define TLFS_FEAT_A_REFERENCE_TSC	0x00000200
#define TLFS_FEAT_A_FREQUENCY_MSRS	0x00000800

/* Leaf 0x40000003 EBX: feature group B (partition privileges, high half). */
#define TLFS_FEAT_B_CREATE_PARTITIONS	0x00000001
#define TLFS_FEAT_B_POST_MESSAGES	0x00000010
#define TLFS_FEAT_B_SIGNAL_EVENTS	0x00000020
#define TLFS_FEAT_B_CPU_MANAGEMENT	0x00001000
#define TLFS_FEAT_B_ISOLATION		0x00400000

/* Leaf 0x40000003 EDX: feature group D (miscellaneous features). */
#define TLFS_FEAT_D_XMM_INPUT		0x00000010
#define TLFS_FEAT_D_FREQUENCY_MSRS	0x00000100
#define TLFS_FEAT_D_CRASH_MSRS		0x00000400
#define TLFS_FEAT_D_XMM_OUTPUT		0x00008000
#define TLFS_FEAT_D_STIMER_DIRECT	0x00080000

/* Leaf 0x40000004 EAX: implementation recommendations ("hints"). */
#define TLFS_HINT_RELAXED_TIMING	0x00000020
#define TLFS_HINT_DEPRECATE_AUTO_EOI	0x00000200

/* Leaf 0x4000000C EAX and EBX: isolation configuration. */
#define TLFS_ISO_EAX_PARAVISOR		0x00000001
#define TLFS_ISO_EBX_TYPE_MASK		0x0000000F
#define TLFS_ISO_EBX_SHARED_GPA_ACTIVE	0x00000020
#define TLFS_ISO_EBX_SHARED_GPA_SHIFT	6
#define TLFS_ISO_EBX_SHARED_GPA_MASK	0x00000FC0

/* Values of the TLFS_ISO_EBX_TYPE_MASK field. */
#define TLFS_ISO_TYPE_NONE		0
#define TLFS_ISO_TYPE_VBS		1
#define TLFS_ISO_TYPE_SNP		2
#define TLFS_ISO_TYPE_TDX		3

/* Leaf 0x40000082 EAX: virtualization-stack properties. */
#define TLFS_VS_PROP_EXT_IOAPIC_RTE	0x00000004
#define TLFS_VS_PROP_CONFIDENTIAL_VMBUS	0x00000008

/* ------------------------------------------------------------------------
 * Synthetic MSRs (x86-64)
 */

#define TLFS_MSR_GUEST_OS_ID		0x40000000
#define TLFS_MSR_HYPERCALL		0x40000001
#define TLFS_MSR_VP_INDEX		0x40000002
#define TLFS_MSR_RESET			0x40000003
#define TLFS_MSR_VP_RUNTIME		0x40000010
#define TLFS_MSR_TIME_REF_COUNT		0x40000020
#define TLFS_MSR_REFERENCE_TSC		0x40000021
#define TLFS_MSR_TSC_FREQUENCY		0x40000022
#define TLFS_MSR_APIC_FREQUENCY		0x40000023
#define TLFS_MSR_EOI			0x40000070
#define TLFS_MSR_ICR			0x40000071
#define TLFS_MSR_TPR			0x40000072
#define TLFS_MSR_VP_ASSIST_PAGE		0x40000073
#define TLFS_MSR_SCONTROL		0x40000080
#define TLFS_MSR_SVERSION		0x40000081
#define TLFS_MSR_SIEFP			0x40000082
#define TLFS_MSR_SIMP			0x40000083
#define TLFS_MSR_EOM			0x40000084
#define TLFS_MSR_SINT0			0x40000090
#define TLFS_MSR_STIMER0_CONFIG		0x400000B0
#define TLFS_MSR_STIMER0_COUNT		0x400000B1
#define TLFS_MSR_CRASH_P0		0x40000100
#define TLFS_MSR_CRASH_P1		0x40000101
#define TLFS_MSR_CRASH_P2		0x40000102
#define TLFS_MSR_CRASH_P3		0x40000103
#define TLFS_MSR_CRASH_P4		0x40000104
#define TLFS_MSR_CRASH_CTL		0x40000105

/* SINT n (0..15) and synthetic timer t (0..3) MSR numbers. */
#define TLFS_MSR_SINT(n)		(TLFS_MSR_SINT0 + (n))
#define TLFS_MSR_STIMER_CONFIG(t)	(TLFS_MSR_STIMER0_CONFIG + 2 * (t))
#define TLFS_MSR_STIMER_COUNT(t)	(TLFS_MSR_STIMER0_COUNT + 2 * (t))

#define TLFS_SINT_COUNT			16
#define TLFS_STIMER_COUNT		4
#define TLFS_CRASH_PARAM_COUNT		5

/*
 * Page-address MSRs (HYPERCALL, REFERENCE_TSC, SIEFP, SIMP, VP_ASSIST_PAGE):
 * bit 0 enables, bits 63:12 hold the GPA page number, i.e. the GPA itself
 * with its low 12 bits cleared.
 */
#define TLFS_MSR_PAGE_ENABLE		0x0000000000000001ULL
#define TLFS_MSR_PAGE_GPA_SHIFT		12
#define TLFS_MSR_PAGE_GPA_MASK		0xFFFFFFFFFFFFF000ULL

/* HYPERCALL MSR: bit 1 is the TLFS "locked" bit (write-once). */
#define TLFS_HYPERCALL_ENABLE		0x0000000000000001ULL
#define TLFS_HYPERCALL_LOCKED		0x0000000000000002ULL

/* REFERENCE_TSC, SIEFP and SIMP enable bits. */
#define TLFS_REF_TSC_ENABLE		0x0000000000000001ULL
#define TLFS_SIEFP_ENABLE		0x0000000000000001ULL
#define TLFS_SIMP_ENABLE		0x0000000000000001ULL

/* SCONTROL and SVERSION. */
#define TLFS_SCONTROL_ENABLE		0x0000000000000001ULL
#define TLFS_SVERSION_1			0x00000001

/* SINTn MSR layout. Vectors 0..15 are invalid. */
#define TLFS_SINT_VECTOR_MASK		0x00000000000000FFULL
#define TLFS_SINT_MASKED		0x0000000000010000ULL
#define TLFS_SINT_AUTO_EOI		0x0000000000020000ULL
#define TLFS_SINT_POLLING		0x0000000000040000ULL
#define TLFS_SINT_PROXY			0x0000000000100000ULL
#define TLFS_SINT_VECTOR_MIN		16

/* STIMERt_CONFIG MSR layout. */
#define TLFS_STIMER_ENABLE		0x0000000000000001ULL
#define TLFS_STIMER_PERIODIC		0x0000000000000002ULL
#define TLFS_STIMER_LAZY		0x0000000000000004ULL
#define TLFS_STIMER_AUTO_ENABLE		0x0000000000000008ULL
#define TLFS_STIMER_VECTOR_SHIFT	4
#define TLFS_STIMER_VECTOR_MASK		0x0000000000000FF0ULL
#define TLFS_STIMER_DIRECT_MODE		0x0000000000001000ULL
#define TLFS_STIMER_SINT_SHIFT		16
#define TLFS_STIMER_SINT_MASK		0x00000000000F0000ULL

/*
 * CRASH_CTL: bit 63 asks the host to log CRASH_P0..P4; with bit 62 also set,
 * CRASH_P3 is the GPA and CRASH_P4 the length of a crash message buffer.
 */
#define TLFS_CRASH_CTL_NOTIFY		0x8000000000000000ULL
#define TLFS_CRASH_CTL_NOTIFY_MSG	0x4000000000000000ULL

/*
 * GUEST_OS_ID value for an open-source OS: bit 63 open source, bits 62:56
 * OS type (1 = Linux), bits 55:48 vendor specific (0 for Linux), bits 47:16
 * kernel version code (LINUX_VERSION_CODE), bits 15:0 vendor specific (0).
 * Linux writes 0x8100 into bits 63:48. Writing 0 disables the hypercall page.
 */
#define TLFS_GUEST_OS_ID_OPEN_SOURCE	0x8000000000000000ULL
#define TLFS_GUEST_OS_ID_TYPE_SHIFT	56
#define TLFS_GUEST_OS_ID_TYPE_MASK	0x7F00000000000000ULL
#define TLFS_GUEST_OS_TYPE_LINUX	0x01
#define TLFS_GUEST_OS_ID_VENDOR_SHIFT	48
#define TLFS_GUEST_OS_ID_LINUX_VENDOR	0x8100
#define TLFS_GUEST_OS_ID_KVER_SHIFT	16
#define TLFS_GUEST_OS_ID_KVER_MASK	0x0000FFFFFFFF0000ULL
#define TLFS_GUEST_OS_ID_LINUX(kver)					\
	(((u64)TLFS_GUEST_OS_ID_LINUX_VENDOR << TLFS_GUEST_OS_ID_VENDOR_SHIFT) | \
	 (((u64)(kver) << TLFS_GUEST_OS_ID_KVER_SHIFT) &		\
	  TLFS_GUEST_OS_ID_KVER_MASK))

/* TIME_REF_COUNT, VP_RUNTIME and the reference TSC page count 100 ns. */
#define TLFS_REF_TIME_HZ		10000000

/* ------------------------------------------------------------------------
 * Hypercalls
 */

/**
 * DOC: Hypercall calling convention
 *
 * A guest first writes a non-zero GUEST_OS_ID, then allocates one executable
 * 4 KiB page and writes its GPA with TLFS_HYPERCALL_ENABLE into the HYPERCALL
 * MSR; the hypervisor fills the page with the call stub. On x86-64 a call
 * goes through that stub with:
 *
 * - RCX: the control word (TLFS_HC_*): call code, fast flag, variable header
 *   size, rep count and rep start index. Reserved bits must be 0.
 * - RDX: GPA of the input block, or for a fast call the first 8 input bytes.
 * - R8: GPA of the output block, or for a fast call the next 8 input bytes.
 * - RAX on return: the result value: status in bits 15:0 (TLFS_STATUS_*),
 *   reps completed in bits 43:32.
 *
 * Input and output blocks are 8-byte aligned and must not cross a 4 KiB page
 * boundary; Linux keeps one zeroed page per CPU for hypercall input.
 *
 * VMBus uses two calls. HvCallPostMessage (struct tlfs_post_message, memory
 * input) carries every channel message from guest to host; the host answers,
 * if at all, with a SynIC message on the VMBus SINT. HvCallSignalEvent
 * (struct tlfs_signal_event, passed as a fast call: the 8 bytes go in RDX)
 * rings the host's doorbell for a channel.
 *
 * A post can fail transiently with TLFS_STATUS_INSUFFICIENT_MEMORY or
 * TLFS_STATUS_INSUFFICIENT_BUFFERS; Linux retries up to 100 times with a
 * growing delay, and treats TLFS_STATUS_INVALID_CONNECTION_ID on
 * INITIATE_CONTACT as "this host does not know that connection id" (fall back
 * to an older VMBus version). Any other non-zero status fails the message.
 */

/* Hypercall call codes. */
#define TLFS_HC_FLUSH_VA_SPACE		0x0002
#define TLFS_HC_FLUSH_VA_LIST		0x0003
#define TLFS_HC_NOTIFY_LONG_SPIN_WAIT	0x0008
#define TLFS_HC_SEND_IPI		0x000B
#define TLFS_HC_FLUSH_VA_SPACE_EX	0x0013
#define TLFS_HC_FLUSH_VA_LIST_EX	0x0014
#define TLFS_HC_SEND_IPI_EX		0x0015
#define TLFS_HC_GET_VP_REGISTERS	0x0050
#define TLFS_HC_SET_VP_REGISTERS	0x0051
#define TLFS_HC_POST_MESSAGE		0x005C
#define TLFS_HC_SIGNAL_EVENT		0x005D
#define TLFS_HC_MAP_DEVICE_INTERRUPT	0x007C
#define TLFS_HC_UNMAP_DEVICE_INTERRUPT	0x007D
#define TLFS_HC_RETARGET_INTERRUPT	0x007E
#define TLFS_HC_SIGNAL_EVENT_DIRECT	0x00C0
#define TLFS_HC_POST_MESSAGE_DIRECT	0x00C1
#define TLFS_HC_MODIFY_HOST_VISIBILITY	0x00DB
#define TLFS_HC_EXT_QUERY_CAPABILITIES	0x8001
#define TLFS_HC_EXT_MEMORY_HEAT_HINT	0x8003

/*
 * Control word fields. Masks are in place (already shifted), so a field is
 * (word & MASK) >> SHIFT.
 */
#define TLFS_HC_CODE_MASK		0x000000000000FFFFULL
#define TLFS_HC_FAST			0x0000000000010000ULL
#define TLFS_HC_VARHDR_SHIFT		17
#define TLFS_HC_VARHDR_MASK		0x0000000007FE0000ULL
#define TLFS_HC_NESTED			0x0000000080000000ULL
#define TLFS_HC_REP_COUNT_SHIFT		32
#define TLFS_HC_REP_COUNT_MASK		0x00000FFF00000000ULL
#define TLFS_HC_REP_START_SHIFT		48
#define TLFS_HC_REP_START_MASK		0x0FFF000000000000ULL
#define TLFS_HC_RESERVED_MASK		0xF000F00078000000ULL

/* Result value fields (in place, like the control word). */
#define TLFS_HC_RESULT_STATUS_MASK	0x000000000000FFFFULL
#define TLFS_HC_RESULT_REPS_SHIFT	32
#define TLFS_HC_RESULT_REPS_MASK	0x00000FFF00000000ULL

/* Alignment of hypercall input and output blocks. */
#define TLFS_HC_INPUT_ALIGN		8

/* Hypercall status codes (result bits 15:0). */
#define TLFS_STATUS_SUCCESS			0x0000
#define TLFS_STATUS_INVALID_HYPERCALL_CODE	0x0002
#define TLFS_STATUS_INVALID_HYPERCALL_INPUT	0x0003
#define TLFS_STATUS_INVALID_ALIGNMENT		0x0004
#define TLFS_STATUS_INVALID_PARAMETER		0x0005
#define TLFS_STATUS_ACCESS_DENIED		0x0006
#define TLFS_STATUS_INVALID_PARTITION_STATE	0x0007
#define TLFS_STATUS_OPERATION_DENIED		0x0008
#define TLFS_STATUS_INSUFFICIENT_MEMORY		0x000B
#define TLFS_STATUS_INVALID_PARTITION_ID	0x000D
#define TLFS_STATUS_INVALID_VP_INDEX		0x000E
#define TLFS_STATUS_NOT_FOUND			0x0010
#define TLFS_STATUS_INVALID_PORT_ID		0x0011
#define TLFS_STATUS_INVALID_CONNECTION_ID	0x0012
#define TLFS_STATUS_INSUFFICIENT_BUFFERS	0x0013

/* Connection and port ids use bits 23:0 of their 32-bit field. */
#define TLFS_CONNECTION_ID_MASK		0x00FFFFFF
#define TLFS_PORT_ID_MASK		0x00FFFFFF

/* SynIC message size and payload limit. */
#define TLFS_MSG_SIZE			256
#define TLFS_MSG_PAYLOAD_MAX		240

/**
 * struct tlfs_post_message - HvCallPostMessage input block.
 * @connection_id: target connection id, bits 23:0 used
 *	(TLFS_CONNECTION_ID_MASK).
 * @reserved: must be 0.
 * @message_type: message type delivered to the receiver; VMBus uses
 *	TLFS_MSG_VMBUS (one of TLFS_MSG_*).
 * @payload_size: bytes of @payload in use, at most TLFS_MSG_PAYLOAD_MAX.
 * @payload: the message body (for VMBus, a channel message).
 *
 * Guest to host. Lives in an 8-byte aligned input block that does not cross
 * a page (the per-CPU hypercall input page); its GPA goes in RDX.
 */
struct tlfs_post_message {
	__le32 connection_id;
	__le32 reserved;
	__le32 message_type;
	__le32 payload_size;
	u8 payload[TLFS_MSG_PAYLOAD_MAX];
};

static_assert(sizeof(struct tlfs_post_message) == 256);
static_assert(offsetof(struct tlfs_post_message, connection_id) == 0);
static_assert(offsetof(struct tlfs_post_message, reserved) == 4);
static_assert(offsetof(struct tlfs_post_message, message_type) == 8);
static_assert(offsetof(struct tlfs_post_message, payload_size) == 12);
static_assert(offsetof(struct tlfs_post_message, payload) == 16);

/**
 * struct tlfs_signal_event - HvCallSignalEvent input.
 * @connection_id: event connection id, bits 23:0 used; for VMBus the
 *	channel's connection id from its offer.
 * @flag_number: event flag to set on the receiving side; Linux always 0.
 * @reserved: must be 0.
 *
 * Guest to host. Passed as a fast call: the 8 bytes, read as a little-endian
 * u64, go in RDX. With flag 0 that value is just the connection id.
 */
struct tlfs_signal_event {
	__le32 connection_id;
	__le16 flag_number;
	__le16 reserved;
};

static_assert(sizeof(struct tlfs_signal_event) == 8);
static_assert(offsetof(struct tlfs_signal_event, connection_id) == 0);
static_assert(offsetof(struct tlfs_signal_event, flag_number) == 4);
static_assert(offsetof(struct tlfs_signal_event, reserved) == 6);

/* ------------------------------------------------------------------------
 * SynIC message page (SIMP)
 */

/**
 * DOC: SynIC messages and end of message
 *
 * Each vCPU has one message page (SIMP MSR): 16 slots of 256 bytes, slot n
 * owned by SINT n. VMBus uses TLFS_VMBUS_SINT (slot 2, byte offset 512) for
 * channel messages from the host, and Linux also routes legacy (non-direct)
 * synthetic timer messages there, so the slot can hold TLFS_MSG_TIMER_EXPIRED
 * as well as TLFS_MSG_VMBUS.
 *
 * Bring-up per vCPU: zeroed SIMP and SIEFP pages, SIMP = GPA |
 * TLFS_SIMP_ENABLE, SIEFP = GPA | TLFS_SIEFP_ENABLE, SINT2 = vector (x86
 * Linux uses TLFS_VMBUS_VECTOR_X86) with TLFS_SINT_AUTO_EOI unless CPUID
 * hint TLFS_HINT_DEPRECATE_AUTO_EOI is set, then SCONTROL |=
 * TLFS_SCONTROL_ENABLE. Teardown masks SINT2 and clears the enable bits.
 *
 * The hypervisor writes a message only into an empty slot (type
 * TLFS_MSG_NONE), then raises the SINT. Further messages queue behind it,
 * which the hypervisor shows with TLFS_MSG_FLAG_PENDING. The consumer, on the
 * CPU that owns the page:
 *
 * 1. copies the whole slot into private memory (the page is shared);
 * 2. compare-exchanges the type field from the value it read to
 *    TLFS_MSG_NONE (if it changed, the slot is no longer ours);
 * 3. after that full barrier, reads the flags and, if TLFS_MSG_FLAG_PENDING
 *    is set, writes 0 to the EOM MSR so the hypervisor delivers the next
 *    queued message into the slot and raises the SINT again;
 * 4. parses only its private copy.
 */

/* SynIC message types (struct tlfs_msg_header.message_type). */
#define TLFS_MSG_NONE				0x00000000
#define TLFS_MSG_VMBUS				0x00000001
#define TLFS_MSG_UNMAPPED_GPA			0x80000000
#define TLFS_MSG_GPA_INTERCEPT			0x80000001
#define TLFS_MSG_TIMER_EXPIRED			0x80000010
#define TLFS_MSG_INVALID_VP_REGISTER_VALUE	0x80000020
#define TLFS_MSG_UNRECOVERABLE_EXCEPTION	0x80000021
#define TLFS_MSG_UNSUPPORTED_FEATURE		0x80000022
#define TLFS_MSG_EVENTLOG_BUFFER_COMPLETE	0x80000040
#define TLFS_MSG_X64_IO_PORT_INTERCEPT		0x80010000
#define TLFS_MSG_X64_MSR_INTERCEPT		0x80010001
#define TLFS_MSG_X64_CPUID_INTERCEPT		0x80010002
#define TLFS_MSG_X64_EXCEPTION_INTERCEPT	0x80010003
#define TLFS_MSG_X64_APIC_EOI			0x80010004
#define TLFS_MSG_X64_LEGACY_FP_ERROR		0x80010005

/* struct tlfs_msg_header.flags bits. */
#define TLFS_MSG_FLAG_PENDING		0x01

/* The SINT and the x86 vector VMBus uses (Linux's callback vector). */
#define TLFS_VMBUS_SINT			2
#define TLFS_VMBUS_VECTOR_X86		0xF3

/**
 * struct tlfs_msg_header - Header of a SynIC message slot.
 * @message_type: what the slot holds; TLFS_MSG_NONE when empty (one of
 *	TLFS_MSG_*).
 * @payload_size: bytes of payload in use, at most TLFS_MSG_PAYLOAD_MAX.
 * @flags: TLFS_MSG_FLAG_* bits; TLFS_MSG_FLAG_PENDING means more messages are
 *	queued for this SINT and the reader must write the EOM MSR.
 * @reserved: 0.
 * @sender: sender id; for posted messages bits 23:0 are the port id
 *	(TLFS_PORT_ID_MASK).
 *
 * Hypervisor to guest.
 */
struct tlfs_msg_header {
	__le32 message_type;
	u8 payload_size;
	u8 flags;
	u8 reserved[2];
	__le64 sender;
};

static_assert(sizeof(struct tlfs_msg_header) == 16);
static_assert(offsetof(struct tlfs_msg_header, message_type) == 0);
static_assert(offsetof(struct tlfs_msg_header, payload_size) == 4);
static_assert(offsetof(struct tlfs_msg_header, flags) == 5);
static_assert(offsetof(struct tlfs_msg_header, reserved) == 6);
static_assert(offsetof(struct tlfs_msg_header, sender) == 8);

/**
 * struct tlfs_message - One 256-byte SynIC message slot.
 * @header: type, size, flags and sender.
 * @payload: message body; for TLFS_MSG_VMBUS a VMBus channel message, for
 *	TLFS_MSG_TIMER_EXPIRED a struct tlfs_timer_msg.
 *
 * Hypervisor to guest.
 */
struct tlfs_message {
	struct tlfs_msg_header header;
	u8 payload[TLFS_MSG_PAYLOAD_MAX];
};

static_assert(sizeof(struct tlfs_message) == TLFS_MSG_SIZE);
static_assert(offsetof(struct tlfs_message, header) == 0);
static_assert(offsetof(struct tlfs_message, payload) == 16);

/**
 * struct tlfs_msg_page - The per-vCPU SynIC message page.
 * @slot: one message slot per SINT, indexed by SINT number.
 *
 * Hypervisor to guest; the guest only clears the type field of a slot.
 */
struct tlfs_msg_page {
	struct tlfs_message slot[TLFS_SINT_COUNT];
};

static_assert(sizeof(struct tlfs_msg_page) == TLFS_PAGE_SIZE);
static_assert(offsetof(struct tlfs_msg_page, slot[TLFS_VMBUS_SINT]) == 512);

/**
 * struct tlfs_timer_msg - Payload of a TLFS_MSG_TIMER_EXPIRED message.
 * @timer_index: which synthetic timer (0..TLFS_STIMER_COUNT - 1) expired.
 * @reserved: 0.
 * @expiration_time: reference time (100 ns) at which the timer expired.
 * @delivery_time: reference time (100 ns) at which the message was queued.
 *
 * Hypervisor to guest, on the SINT named in the timer's config MSR.
 */
struct tlfs_timer_msg {
	__le32 timer_index;
	__le32 reserved;
	__le64 expiration_time;
	__le64 delivery_time;
};

static_assert(sizeof(struct tlfs_timer_msg) == 24);
static_assert(offsetof(struct tlfs_timer_msg, timer_index) == 0);
static_assert(offsetof(struct tlfs_timer_msg, reserved) == 4);
static_assert(offsetof(struct tlfs_timer_msg, expiration_time) == 8);
static_assert(offsetof(struct tlfs_timer_msg, delivery_time) == 16);

/* ------------------------------------------------------------------------
 * SynIC event flags page (SIEFP)
 */

/**
 * DOC: SynIC event flags
 *
 * Each vCPU has one event-flags page (SIEFP MSR): 16 slots of 256 bytes,
 * i.e. 2048 flag bits per SINT. Flag n is bit (n % 8) of byte (n / 8) of the
 * slot (little-endian bit order, so it can be scanned as longs).
 *
 * With VMBus 2.4 and later the host signals a channel by setting the bit
 * numbered by the channel's relid in slot TLFS_VMBUS_SINT of the page of the
 * channel's target vCPU, then raising that SINT. The guest atomically
 * test-and-clears each set bit and services the matching channel, then looks
 * at the message slot. Bit 0 never names a channel and is ignored, and relids
 * are below TLFS_EVENT_FLAGS_BITS.
 *
 * The other direction needs no page: the guest calls HvCallSignalEvent with
 * the channel's connection id (or uses the monitor page).
 */

#define TLFS_EVENT_FLAGS_BYTES		256
#define TLFS_EVENT_FLAGS_BITS		2048

/**
 * struct tlfs_event_flags - The event flags of one SINT.
 * @bits: flag n is bit (n % 8) of @bits[n / 8].
 *
 * Hypervisor to guest; the guest only clears bits.
 */
struct tlfs_event_flags {
	u8 bits[TLFS_EVENT_FLAGS_BYTES];
};

static_assert(sizeof(struct tlfs_event_flags) == 256);

/**
 * struct tlfs_event_flags_page - The per-vCPU SynIC event flags page.
 * @sint: one block of flags per SINT, indexed by SINT number.
 *
 * Hypervisor to guest.
 */
struct tlfs_event_flags_page {
	struct tlfs_event_flags sint[TLFS_SINT_COUNT];
};

static_assert(sizeof(struct tlfs_event_flags_page) == TLFS_PAGE_SIZE);
static_assert(offsetof(struct tlfs_event_flags_page,
		       sint[TLFS_VMBUS_SINT]) == 512);

/* ------------------------------------------------------------------------
 * Reference TSC page
 */

/* tsc_sequence value meaning "page not valid, read TIME_REF_COUNT". */
#define TLFS_REF_TSC_SEQ_INVALID	0

/**
 * struct tlfs_ref_tsc_page - The partition reference TSC page.
 * @tsc_sequence: changes whenever scale or offset change; 0 means the page
 *	is not valid and the reference time must come from TIME_REF_COUNT.
 * @reserved1: reserved.
 * @tsc_scale: 64.64 fixed-point multiplier applied to the TSC.
 * @tsc_offset: signed (s64) offset added after scaling, in 100 ns.
 * @reserved2: rest of the page, reserved.
 *
 * Hypervisor to guest; GPA set with the REFERENCE_TSC MSR. Reference time
 * in 100 ns = ((RDTSC * @tsc_scale) >> 64) + @tsc_offset. Read sequence,
 * then scale and offset, then sequence again; retry if it changed.
 */
struct tlfs_ref_tsc_page {
	__le32 tsc_sequence;
	__le32 reserved1;
	__le64 tsc_scale;
	__le64 tsc_offset;
	u8 reserved2[4072];
};

static_assert(sizeof(struct tlfs_ref_tsc_page) == TLFS_PAGE_SIZE);
static_assert(offsetof(struct tlfs_ref_tsc_page, tsc_sequence) == 0);
static_assert(offsetof(struct tlfs_ref_tsc_page, reserved1) == 4);
static_assert(offsetof(struct tlfs_ref_tsc_page, tsc_scale) == 8);
static_assert(offsetof(struct tlfs_ref_tsc_page, tsc_offset) == 16);
static_assert(offsetof(struct tlfs_ref_tsc_page, reserved2) == 24);

/* ------------------------------------------------------------------------
 * Monitor page (MNF)
 */

/**
 * DOC: Monitor pages
 *
 * The guest supplies two zeroed 4 KiB monitor pages in VMBus
 * INITIATE_CONTACT: page 1 (parent to child, "server" page) is owned by the
 * host, page 2 (child to parent, "client" page) is how the guest notifies
 * the host cheaply. Linux only reads page 1 (and the host-filled fields of
 * page 2) to show them in sysfs. Each page covers 128 monitor ids, in
 * TLFS_MONITOR_GROUPS trigger groups of TLFS_MONITOR_IDS_PER_GROUP.
 *
 * A channel offered with a monitor id m is signalled by the guest by
 * atomically setting bit (m % 32) of trigger_group[m / 32].pending in page 2.
 * The host scans the pending words after the per-id latency and, for each
 * set bit, clears it and signals the connection named in parameter[m / 32]
 * [m % 32], without any hypercall from the guest. The host fills
 * trigger_state, latency and parameter; the guest only sets pending bits.
 * Channels that are not monitored use HvCallSignalEvent instead.
 */

#define TLFS_MONITOR_GROUPS		4
#define TLFS_MONITOR_IDS_PER_GROUP	32
#define TLFS_MONITOR_IDS		128

/* trigger_state: bit g enables trigger group g. */
#define TLFS_MONITOR_GROUP_ENABLE_MASK	0x0000000F

/**
 * struct tlfs_monitor_group - One trigger group of a monitor page.
 * @pending: bit n set means monitor id (group * 32 + n) has been signalled
 *	and not yet picked up; set by the guest, cleared by the host.
 * @armed: host-owned scan state for the same ids.
 *
 * Both directions: the guest sets @pending bits, the host owns the rest.
 */
struct tlfs_monitor_group {
	__le32 pending;
	__le32 armed;
};

static_assert(sizeof(struct tlfs_monitor_group) == 8);
static_assert(offsetof(struct tlfs_monitor_group, pending) == 0);
static_assert(offsetof(struct tlfs_monitor_group, armed) == 4);

/**
 * struct tlfs_monitor_param - What the host signals for one monitor id.
 * @connection_id: event connection id, bits 23:0 used.
 * @flag_number: event flag number signalled on that connection.
 * @reserved: 0.
 *
 * Host to guest (written by the host, informational for the guest).
 */
struct tlfs_monitor_param {
	__le32 connection_id;
	__le16 flag_number;
	__le16 reserved;
};

static_assert(sizeof(struct tlfs_monitor_param) == 8);
static_assert(offsetof(struct tlfs_monitor_param, connection_id) == 0);
static_assert(offsetof(struct tlfs_monitor_param, flag_number) == 4);
static_assert(offsetof(struct tlfs_monitor_param, reserved) == 6);

/**
 * struct tlfs_monitor_page - A VMBus monitor page.
 * @trigger_state: bits 3:0 enable trigger groups 0..3
 *	(TLFS_MONITOR_GROUP_ENABLE_MASK); set by the host.
 * @reserved1: reserved.
 * @trigger_group: pending/armed words of each group.
 * @reserved2: reserved.
 * @next_check_time: host scan bookkeeping per [group][id], signed (s32).
 * @latency: per [group][id] delay before the host acts on a pending bit,
 *	set by the host (units undocumented, likely 100 ns; Linux only shows
 *	it in sysfs).
 * @reserved3: reserved.
 * @parameter: per [group][id] connection id and flag the host signals.
 * @reserved4: reserved to the end of the page.
 *
 * Both directions: the guest only sets @trigger_group pending bits.
 */
struct tlfs_monitor_page {
	__le32 trigger_state;
	__le32 reserved1;
	struct tlfs_monitor_group trigger_group[TLFS_MONITOR_GROUPS];
	u8 reserved2[24];
	__le32 next_check_time[TLFS_MONITOR_GROUPS][TLFS_MONITOR_IDS_PER_GROUP];
	__le16 latency[TLFS_MONITOR_GROUPS][TLFS_MONITOR_IDS_PER_GROUP];
	u8 reserved3[256];
	struct tlfs_monitor_param
		parameter[TLFS_MONITOR_GROUPS][TLFS_MONITOR_IDS_PER_GROUP];
	u8 reserved4[1984];
};

static_assert(sizeof(struct tlfs_monitor_page) == TLFS_PAGE_SIZE);
static_assert(offsetof(struct tlfs_monitor_page, trigger_state) == 0);
static_assert(offsetof(struct tlfs_monitor_page, reserved1) == 4);
static_assert(offsetof(struct tlfs_monitor_page, trigger_group) == 8);
static_assert(offsetof(struct tlfs_monitor_page, reserved2) == 40);
static_assert(offsetof(struct tlfs_monitor_page, next_check_time) == 64);
static_assert(offsetof(struct tlfs_monitor_page, latency) == 576);
static_assert(offsetof(struct tlfs_monitor_page, reserved3) == 832);
static_assert(offsetof(struct tlfs_monitor_page, parameter) == 1088);
static_assert(offsetof(struct tlfs_monitor_page, reserved4) == 2112);

#endif /* _LUMEN_PROTO_TLFS_H */
