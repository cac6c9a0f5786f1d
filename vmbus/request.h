/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_vmbus internals: requests that wait for a host response. Every
 * request of the core waits the same way: the connection's INITIATE_CONTACT,
 * REQUESTOFFERS and UNLOAD, and a channel's OPENCHANNEL, GPADL_HEADER,
 * GPADL_TEARDOWN and MODIFYCHANNEL.
 */
#ifndef _VMBUS_REQUEST_H
#define _VMBUS_REQUEST_H

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/types.h>

#include <lumen/chmsg.h>

/**
 * struct vmbus_waiter - A request waiting for the host's response.
 * @node: entry in the waiter list, protected by its lock (request.c).
 * @type: the response type awaited (VMBUS_MSG_*).
 * @relid: channel it concerns, 0 for the connection's own requests.
 * @key: second match key: GPADL handle or open id; 0 to ignore.
 * @timeout: how long to wait, in jiffies; 0 for the response_timeout_ms
 *	module parameter.
 * @done: completed on the response, on rescind or when the host is gone.
 * @err: 0, or -ENODEV when the channel was rescinded or the host is gone.
 * @resp: the response (private copy).
 */
struct vmbus_waiter {
	struct list_head node;
	u32 type;
	u32 relid;
	u32 key;
	unsigned long timeout;
	struct completion done;
	int err;
	union vmbus_chmsg_body resp;
};

void vmbus_waiter_arm(struct vmbus_waiter *w);
int vmbus_waiter_wait(struct vmbus_waiter *w, int post_err);
int vmbus_waiter_complete(const struct vmbus_chmsg *msg, u32 key);
void vmbus_waiter_fail_relid(u32 relid);
void vmbus_waiter_fail_all(void);

#endif
