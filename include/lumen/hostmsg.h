/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_vmbus: the decisions between the SynIC message slot and the message
 * handlers (lib/hostmsg.c), pure code shared by synic.c, connection.c, the
 * userspace test and the fuzzer.
 */
#ifndef _LUMEN_HOSTMSG_H
#define _LUMEN_HOSTMSG_H

#include <linux/types.h>
#include <lumen/chmsg.h>
#include <proto/tlfs.h>

/**
 * struct vmbus_hostmsg_slot - What one copied SynIC message slot holds.
 * @type: the slot's message type as copied, in CPU order (TLFS_MSG_*);
 *	the value vmbus_hostmsg_slot_release() expects to find.
 * @size: for a VMBus message, the bytes of @payload in use, at most
 *	%TLFS_MSG_PAYLOAD_MAX; else 0.
 * @payload: for a VMBus message, the channel message inside the private
 *	copy (never the shared slot); else NULL.
 */
struct vmbus_hostmsg_slot {
	u32 type;
	u32 size;
	const u8 *payload;
};

/**
 * enum vmbus_hostmsg_route - Where connection.c hands a parsed message.
 * @VMBUS_ROUTE_NONE: nobody: a guest-to-host type, one the guest does not
 *	handle, or a relid out of range; counted as unexpected.
 * @VMBUS_ROUTE_CONTACT: VERSION_RESPONSE, to the INITIATE_CONTACT waiter.
 * @VMBUS_ROUTE_OFFERS_DONE: ALLOFFERS_DELIVERED, to the REQUESTOFFERS
 *	waiter.
 * @VMBUS_ROUTE_UNLOAD_DONE: UNLOAD_RESPONSE, to the UNLOAD waiter.
 * @VMBUS_ROUTE_OFFER: OFFERCHANNEL: a new channel at the message's relid.
 * @VMBUS_ROUTE_RESCIND: RESCIND_CHANNELOFFER: the channel at its relid.
 * @VMBUS_ROUTE_WAITER: a response to a channel request, matched on type,
 *	relid and the key vmbus_hostmsg_route() returns.
 */
enum vmbus_hostmsg_route {
	VMBUS_ROUTE_NONE,
	VMBUS_ROUTE_CONTACT,
	VMBUS_ROUTE_OFFERS_DONE,
	VMBUS_ROUTE_UNLOAD_DONE,
	VMBUS_ROUTE_OFFER,
	VMBUS_ROUTE_RESCIND,
	VMBUS_ROUTE_WAITER,
};

int vmbus_hostmsg_slot_read(const struct tlfs_message *slot,
			    struct tlfs_message *copy,
			    struct vmbus_hostmsg_slot *out);
bool vmbus_hostmsg_slot_release(struct tlfs_message *slot, u32 type);
enum vmbus_hostmsg_route vmbus_hostmsg_route(const struct vmbus_chmsg *msg,
					     u32 *key);

#endif /* _LUMEN_HOSTMSG_H */
