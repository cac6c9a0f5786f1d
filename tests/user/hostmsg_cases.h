/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where each host-to-guest channel message must go (lib/hostmsg.c),
 * typed in from the fact sheet and connection.c's handlers, independently
 * of the code's table. Shared by the userspace test and the fuzzer.
 */
#ifndef _LUMEN_HOSTMSG_CASES_H
#define _LUMEN_HOSTMSG_CASES_H

/**
 * struct hostmsg_route_case - one message type's expected route
 * @type: VMBUS_MSG_* value, as a number.
 * @route: the expected enum vmbus_hostmsg_route.
 * @key_off: byte offset of the little-endian u32 match key, 0 for none.
 */
struct hostmsg_route_case {
	u32 type;
	u32 route;
	u32 key_off;
};

/* Every type not listed (guest-to-host, unknown) goes nowhere. */
static const struct hostmsg_route_case hostmsg_route_cases[] = {
	{ 1, VMBUS_ROUTE_OFFER, 0 },		/* offerchannel */
	{ 2, VMBUS_ROUTE_RESCIND, 0 },		/* rescind_channeloffer */
	{ 4, VMBUS_ROUTE_OFFERS_DONE, 0 },	/* alloffers_delivered */
	{ 6, VMBUS_ROUTE_WAITER, 12 },		/* openchannel_result: open id */
	{ 10, VMBUS_ROUTE_WAITER, 12 },		/* gpadl_created: handle */
	{ 12, VMBUS_ROUTE_WAITER, 8 },		/* gpadl_torndown: handle */
	{ 15, VMBUS_ROUTE_CONTACT, 0 },		/* version_response */
	{ 17, VMBUS_ROUTE_UNLOAD_DONE, 0 },	/* unload_response */
	{ 24, VMBUS_ROUTE_WAITER, 0 },		/* modifychannel_response */
};

/* The expected case for @type, or NULL when it must go nowhere. */
static inline const struct hostmsg_route_case *hostmsg_route_case(u32 type)
{
	size_t i;

	for (i = 0; i < sizeof(hostmsg_route_cases) /
			sizeof(hostmsg_route_cases[0]); i++)
		if (hostmsg_route_cases[i].type == type)
			return &hostmsg_route_cases[i];
	return NULL;
}

#endif /* _LUMEN_HOSTMSG_CASES_H */
