// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: the one way a request waits for the host's response. The
 * requester arms a waiter (response type, relid, key) before it posts, so
 * a fast response is never missed, then waits with a timeout. The message
 * workqueue hands each response to the first armed waiter it matches; a
 * response nobody waits for is returned as -EALREADY for the connection to
 * count. A rescind fails the waiters of its relid, and a host that forgot
 * everything (kexec or crash UNLOAD) fails them all, with -ENODEV.
 *
 * Locking: vmbus_waiters_lock (spinlock, bottom halves off) protects the
 * waiter list; a waiter's response and errno are written under it before
 * its completion.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/moduleparam.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "request.h"

static unsigned int response_timeout_ms = 30000;
module_param(response_timeout_ms, uint, 0644);
MODULE_PARM_DESC(response_timeout_ms,
		 "How long to wait for a host response to a channel request");

static LIST_HEAD(vmbus_waiters);
static DEFINE_SPINLOCK(vmbus_waiters_lock);

/**
 * vmbus_waiter_arm() - Start waiting for a response, before the request.
 * @w: the waiter, with @type, @relid, @key and @timeout set.
 *
 * Context: process context.
 */
void vmbus_waiter_arm(struct vmbus_waiter *w)
{
	init_completion(&w->done);
	w->err = 0;
	spin_lock_bh(&vmbus_waiters_lock);
	list_add_tail(&w->node, &vmbus_waiters);
	spin_unlock_bh(&vmbus_waiters_lock);
}

/**
 * vmbus_waiter_wait() - Wait for the response and disarm the waiter.
 * @w: an armed waiter.
 * @post_err: the errno of posting the request; 0 to wait.
 *
 * Context: process context, sleeps.
 * Return: 0 with the response in @w->resp, @post_err, -ENODEV if the
 * channel was rescinded or the host is gone, or -ETIMEDOUT.
 */
int vmbus_waiter_wait(struct vmbus_waiter *w, int post_err)
{
	unsigned long timeout = w->timeout ? w->timeout :
		msecs_to_jiffies(READ_ONCE(response_timeout_ms));
	int ret = post_err;

	if (!ret && !wait_for_completion_timeout(&w->done, timeout))
		ret = -ETIMEDOUT;
	spin_lock_bh(&vmbus_waiters_lock);
	list_del(&w->node);
	spin_unlock_bh(&vmbus_waiters_lock);
	return ret ? ret : w->err;
}

/**
 * vmbus_waiter_complete() - Hand a response to the request waiting for it.
 * @msg: the parsed response.
 * @key: its second match key (GPADL handle or open id), 0 for none.
 *
 * Context: process context (the message workqueue).
 * Return: 0 if a waiter took it, -EALREADY if nobody waits for it.
 */
int vmbus_waiter_complete(const struct vmbus_chmsg *msg, u32 key)
{
	struct vmbus_waiter *w;
	int ret = -EALREADY;

	spin_lock_bh(&vmbus_waiters_lock);
	list_for_each_entry(w, &vmbus_waiters, node) {
		if (w->type != msg->type || (w->relid && msg->relid &&
					     w->relid != msg->relid) ||
		    w->key != key || completion_done(&w->done))
			continue;
		memcpy(&w->resp, &msg->body, sizeof(w->resp));
		complete(&w->done);
		ret = 0;
		break;
	}
	spin_unlock_bh(&vmbus_waiters_lock);
	return ret;
}

/* Fail the waiters @match picks with -ENODEV. */
static void vmbus_waiter_fail(bool (*match)(const struct vmbus_waiter *w,
					    u32 relid), u32 relid)
{
	struct vmbus_waiter *w;

	spin_lock_bh(&vmbus_waiters_lock);
	list_for_each_entry(w, &vmbus_waiters, node) {
		if (!match(w, relid) || completion_done(&w->done))
			continue;
		w->err = -ENODEV;
		complete(&w->done);
	}
	spin_unlock_bh(&vmbus_waiters_lock);
}

static bool vmbus_waiter_of_relid(const struct vmbus_waiter *w, u32 relid)
{
	return w->relid == relid;
}

static bool vmbus_waiter_any(const struct vmbus_waiter *w, u32 relid)
{
	return true;
}

/**
 * vmbus_waiter_fail_relid() - Fail the requests of a rescinded channel.
 * @relid: the channel's relid.
 *
 * Context: process or softirq context.
 */
void vmbus_waiter_fail_relid(u32 relid)
{
	vmbus_waiter_fail(vmbus_waiter_of_relid, relid);
}

/**
 * vmbus_waiter_fail_all() - Fail every request: the host is gone.
 *
 * Context: process or softirq context.
 */
void vmbus_waiter_fail_all(void)
{
	vmbus_waiter_fail(vmbus_waiter_any, 0);
}
