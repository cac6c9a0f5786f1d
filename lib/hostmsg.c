// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: what happens to host input between the SynIC message slot and
 * the message handlers, as pure code: no locks, no allocation, no logging.
 *
 * synic.c's message tasklet reads SINT 2's slot with
 * vmbus_hostmsg_slot_read() (one copy of the shared slot, then decisions
 * on the copy only) and gives the slot back with
 * vmbus_hostmsg_slot_release() (the TLFS end-of-message protocol, see the
 * DOC section in <proto/tlfs.h>); connection.c asks vmbus_hostmsg_route()
 * where a parsed channel message goes.
 *
 * Only hv_vmbus builds this file in, exporting nothing (see lib/README);
 * the userspace test and the fuzzer #include it with the tests/user/shim
 * headers.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <asm/byteorder.h>

#include <lumen/chmsg.h>
#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>
#include <lumen/hostmsg.h>

/**
 * vmbus_hostmsg_slot_read() - Copy a SynIC message slot out and judge it.
 * @slot: the slot in the message page, shared with the hypervisor.
 * @copy: private memory; receives the whole slot, read once.
 * @out: what @copy holds; @out->type is always set.
 *
 * After the copy only @copy is looked at, so a hypervisor that rewrites
 * the slot meanwhile changes nothing. The payload size is the copy's
 * one-byte field, checked against %TLFS_MSG_PAYLOAD_MAX before it is used.
 *
 * Context: any context; normally the CPU that owns the message page.
 * Return: 0 for a VMBus message (@out->payload and @out->size set).
 * -ENODATA when the slot is empty (%TLFS_MSG_NONE): there is nothing to
 * release. -EBADRQC for another message type (a timer or intercept
 * message) and -EMSGSIZE for a VMBus message with a payload size above
 * %TLFS_MSG_PAYLOAD_MAX: both are dropped. Unless the slot was empty, the
 * caller releases it with vmbus_hostmsg_slot_release() and @out->type.
 */
int vmbus_hostmsg_slot_read(const struct tlfs_message *slot,
			    struct tlfs_message *copy,
			    struct vmbus_hostmsg_slot *out)
{
	memcpy(copy, slot, sizeof(*copy));
	out->type = le32_to_cpu(copy->header.message_type);
	out->size = 0;
	out->payload = NULL;
	if (out->type == TLFS_MSG_NONE)
		return -ENODATA;
	if (out->type != TLFS_MSG_VMBUS)
		return -EBADRQC;
	if (copy->header.payload_size > TLFS_MSG_PAYLOAD_MAX)
		return -EMSGSIZE;
	out->size = copy->header.payload_size;
	out->payload = copy->payload;
	return 0;
}

/**
 * vmbus_hostmsg_slot_release() - Give a message slot back to the hypervisor.
 * @slot: the slot in the message page.
 * @type: the message type vmbus_hostmsg_slot_read() found there.
 *
 * Compare-exchanges the slot's type from @type to %TLFS_MSG_NONE (a slot
 * whose type changed is no longer ours and stays as it is), then, after a
 * full barrier, reads the live pending flag. Pairs with the hypervisor,
 * which either sets the flag on the occupied slot before our exchange or
 * finds the slot empty and refills it: no message is stranded.
 *
 * Context: any context; the CPU that owns the message page.
 * Return: true when more messages are queued: the caller must then write
 * the end-of-message MSR.
 */
bool vmbus_hostmsg_slot_release(struct tlfs_message *slot, u32 type)
{
	cmpxchg((u32 *)&slot->header.message_type, type, TLFS_MSG_NONE);
	/* Order the slot release before the pending read; pairs with hv. */
	smp_mb();
	return READ_ONCE(slot->header.flags) & TLFS_MSG_FLAG_PENDING;
}

/**
 * struct vmbus_hostmsg_rule - Where one channel-message type goes.
 * @route: an enum vmbus_hostmsg_route.
 * @key_off: offset of the response's second match key (a little-endian
 *	u32), or 0 for none: offset 0 is the message type, never a key.
 */
struct vmbus_hostmsg_rule {
	u8 route;
	u8 key_off;
};

/* Host-to-guest types the guest handles; every other row is NONE. */
static const struct vmbus_hostmsg_rule vmbus_hostmsg_rules[VMBUS_MSG_COUNT] = {
	[VMBUS_MSG_OFFERCHANNEL] = { VMBUS_ROUTE_OFFER, 0 },
	[VMBUS_MSG_RESCIND_CHANNELOFFER] = { VMBUS_ROUTE_RESCIND, 0 },
	[VMBUS_MSG_ALLOFFERS_DELIVERED] = { VMBUS_ROUTE_OFFERS_DONE, 0 },
	[VMBUS_MSG_OPENCHANNEL_RESULT] = {
		VMBUS_ROUTE_WAITER,
		offsetof(struct vmbus_msg_open_result, open_id) },
	[VMBUS_MSG_GPADL_CREATED] = {
		VMBUS_ROUTE_WAITER,
		offsetof(struct vmbus_msg_gpadl_created, gpadl) },
	[VMBUS_MSG_GPADL_TORNDOWN] = {
		VMBUS_ROUTE_WAITER,
		offsetof(struct vmbus_msg_gpadl_torndown, gpadl) },
	[VMBUS_MSG_VERSION_RESPONSE] = { VMBUS_ROUTE_CONTACT, 0 },
	[VMBUS_MSG_UNLOAD_RESPONSE] = { VMBUS_ROUTE_UNLOAD_DONE, 0 },
	[VMBUS_MSG_MODIFYCHANNEL_RESPONSE] = { VMBUS_ROUTE_WAITER, 0 },
};

/* Each key lies inside its message's base struct, the parser's minimum. */
static_assert(offsetof(struct vmbus_msg_open_result, open_id) + 4 <=
	      sizeof(struct vmbus_msg_open_result));
static_assert(offsetof(struct vmbus_msg_gpadl_created, gpadl) + 4 <=
	      sizeof(struct vmbus_msg_gpadl_created));
static_assert(offsetof(struct vmbus_msg_gpadl_torndown, gpadl) + 4 <=
	      sizeof(struct vmbus_msg_gpadl_torndown));

/**
 * vmbus_hostmsg_route() - Where a parsed host message goes.
 * @msg: a message vmbus_chmsg_parse() accepted from the host.
 * @key: set to the response's second match key for %VMBUS_ROUTE_WAITER
 *	(the open id of OPENCHANNEL_RESULT, the GPADL handle of GPADL_CREATED
 *	and GPADL_TORNDOWN), else 0.
 *
 * A message whose type has a relid and whose relid is outside 1 ..
 * %VMBUS_MSG_RELID_LIMIT - 1 goes nowhere, whatever the parser did, so a
 * handler can index its relid table with it.
 *
 * Context: any context.
 * Return: the route; %VMBUS_ROUTE_NONE for a type the guest does not
 * handle, a guest-to-host type, or a bad relid.
 */
enum vmbus_hostmsg_route vmbus_hostmsg_route(const struct vmbus_chmsg *msg,
					     u32 *key)
{
	const struct vmbus_chmsg_info *info = vmbus_chmsg_info(msg->type);
	const struct vmbus_hostmsg_rule *rule;
	__le32 v;

	*key = 0;
	if (!info || info->dir != VMBUS_CHMSG_DIR_H2G)
		return VMBUS_ROUTE_NONE;
	if (info->relid_off &&
	    (!msg->relid || msg->relid >= VMBUS_MSG_RELID_LIMIT))
		return VMBUS_ROUTE_NONE;
	rule = &vmbus_hostmsg_rules[msg->type];
	if (rule->key_off) {
		memcpy(&v, msg->body.raw + rule->key_off, sizeof(v));
		*key = le32_to_cpu(v);
	}
	return rule->route;
}
