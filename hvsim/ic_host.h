/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvsim: the host side of the IC (integration component) services, shared
 * by heartbeat, shutdown, time sync, KVP and VSS (ic_host.c).
 */
#ifndef _HVSIM_IC_HOST_H
#define _HVSIM_IC_HOST_H

#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <lumen/ic_msg.h>

struct dentry;
struct hvsim_dev;
struct hvsim_ic;
struct lumen_ring_pkt;
struct seq_file;

/**
 * DOC: hvsim IC host
 *
 * The host side of an IC channel, as Hyper-V runs it (OpenVMM's
 * hyperv_ic is the reference): when the guest opens the channel the host
 * sends %IC_MSG_NEGOTIATE with its framework list (1.0, 3.0) and the
 * service's message versions, oldest first; the guest answers with one
 * pair, which must come from those lists. Every host message carries IC
 * transaction id 0 and VMBus transaction id 0 is never used: hvsim numbers
 * its VMBus packets from 1 so that it can check that each reply carries
 * the id of its request. One request is outstanding at a time (one
 * unanswered for %HVSIM_IC_REPLY_TIMEOUT_MS is counted lost); replies
 * must have %IC_FLAGS_REPLY, IC transaction id 0, the request's message
 * type and a message size within the packet. Anything else is counted as
 * a bad reply and logged (ratelimited).
 *
 * Services give a &struct hvsim_ic_desc; the channel's class hooks call
 * hvsim_ic_create(), hvsim_ic_opened(), hvsim_ic_closed(),
 * hvsim_ic_destroy() and hvsim_ic_packet(). A service may run a periodic
 * tick (heartbeats, time samples) with hvsim_ic_set_period(); the tick
 * runs on system_wq and never takes hvsim_mutex, so hvsim_ic_closed()
 * (under hvsim_mutex) can wait for it.
 */

/* States of &struct hvsim_ic. */
#define HVSIM_IC_CLOSED		0	/* channel not open */
#define HVSIM_IC_NEGOTIATING	1	/* NEGOTIATE sent, waiting */
#define HVSIM_IC_READY		2	/* versions agreed */
#define HVSIM_IC_FAILED		3	/* no common version or bad answer */

/* A request unanswered this long is counted lost; the next one may go. */
#define HVSIM_IC_REPLY_TIMEOUT_MS	10000

/*
 * Malformed requests hvsim_ic_inject() sends (debugfs "inject" of the
 * classes that have it). The guest must drop the first and answer the
 * others with %IC_STATUS_FAIL, keeping its negotiated state.
 */
#define HVSIM_IC_INJECT_SHORT		0	/* cut inside the IC header */
#define HVSIM_IC_INJECT_UNKNOWN_TYPE	1	/* message type 9 */
#define HVSIM_IC_INJECT_BODY_SHORT	2	/* the service's type, 4-byte body */
#define HVSIM_IC_INJECT_NEG_OVERRUN	3	/* F + M versions overrun the body */
#define HVSIM_IC_INJECT_NEG_TOO_MANY	4	/* F = 101 */
#define HVSIM_IC_INJECT_KINDS		5

/* Largest guest-to-host packet an IC class takes (descriptor included). */
#define HVSIM_IC_MAX_PACKET	16384

/**
 * struct hvsim_ic_stats - counters of one IC class, kept across devices
 * @negotiated: negotiations that ended with a version pair.
 * @negotiate_failed: negotiations the guest answered without a pair, or
 *	with a pair the host did not offer.
 * @sent: service requests sent (negotiation not counted).
 * @answered: well-formed replies to them.
 * @bad_replies: replies that broke the rules above.
 * @busy: requests not sent because one was outstanding.
 * @timeouts: requests that got no reply in %HVSIM_IC_REPLY_TIMEOUT_MS.
 * @injected: malformed requests sent by hvsim_ic_inject().
 * @refused: of those, the ones the guest answered %IC_STATUS_FAIL.
 * @fw_ver: last negotiated framework version.
 * @msg_ver: last negotiated message version.
 * @last_status: status of the last well-formed reply.
 */
struct hvsim_ic_stats {
	atomic64_t negotiated;
	atomic64_t negotiate_failed;
	atomic64_t sent;
	atomic64_t answered;
	atomic64_t bad_replies;
	atomic64_t busy;
	atomic64_t timeouts;
	atomic64_t injected;
	atomic64_t refused;
	u32 fw_ver;
	u32 msg_ver;
	u32 last_status;
};

/**
 * struct hvsim_ic_desc - one IC service, host side
 * @name: class name, for logs.
 * @msg_type: the service's %IC_MSG_* type.
 * @msg_versions: message versions the host offers, in its order.
 * @msg_count: entries in @msg_versions.
 * @stats: the class's counters.
 * @ready: optional; negotiation done (hvsim_ic_msg_ver() valid). Runs in
 *	the channel's work item.
 * @reply: optional; a well-formed reply to a service request arrived:
 *	@info is its header, @body its msg_size body bytes. Runs in the
 *	channel's work item.
 * @tick: optional; the periodic tick. Runs on system_wq.
 */
struct hvsim_ic_desc {
	const char *name;
	u16 msg_type;
	const u32 *msg_versions;
	unsigned int msg_count;
	struct hvsim_ic_stats *stats;
	void (*ready)(struct hvsim_ic *ic);
	void (*reply)(struct hvsim_ic *ic, const struct ic_msg_info *info,
		      const u8 *body);
	void (*tick)(struct hvsim_ic *ic);
};

/**
 * struct hvsim_ic - the host side of one IC channel (the device's priv)
 * @dev: the device.
 * @desc: its service.
 * @lock: protects @state, @fw_ver, @msg_ver, @next_tid, @pending,
 *	@pending_tid, @pending_type, @pending_since, @pending_bad and
 *	@period_ms;
 *	interrupts off.
 * @state: one of HVSIM_IC_*.
 * @fw_ver: negotiated framework version.
 * @msg_ver: negotiated message version.
 * @next_tid: VMBus transaction id of the next request.
 * @pending: a request waits for its reply.
 * @pending_tid: its VMBus transaction id.
 * @pending_type: its IC message type.
 * @pending_since: jiffies when it was sent.
 * @pending_bad: it is a malformed request from hvsim_ic_inject().
 * @period_ms: tick period; 0 stops the tick.
 * @tick: the periodic work.
 * @priv: the service's data, zeroed at create.
 */
struct hvsim_ic {
	struct hvsim_dev *dev;
	const struct hvsim_ic_desc *desc;
	spinlock_t lock; /* guards what the kernel-doc says */
	int state;
	u32 fw_ver;
	u32 msg_ver;
	u64 next_tid;
	bool pending;
	u64 pending_tid;
	u16 pending_type;
	unsigned long pending_since;
	bool pending_bad;
	unsigned int period_ms;
	struct delayed_work tick;
	u8 priv[] __aligned(8);
};

int hvsim_ic_create(struct hvsim_dev *dev, const struct hvsim_ic_desc *desc,
		    size_t priv_size);
void hvsim_ic_destroy(struct hvsim_dev *dev);
int hvsim_ic_create_single(struct hvsim_dev *dev,
			   const struct hvsim_ic_desc *desc,
			   struct hvsim_ic **slot);
void hvsim_ic_destroy_single(struct hvsim_dev *dev, struct hvsim_ic **slot);
void hvsim_ic_opened(struct hvsim_dev *dev);
void hvsim_ic_closed(struct hvsim_dev *dev);
u32 hvsim_ic_packet(struct hvsim_dev *dev, const struct lumen_ring_pkt *pkt,
		    const u8 *buf, u8 *reply);
int hvsim_ic_send(struct hvsim_ic *ic, u8 flags, const void *body, u32 len);
int hvsim_ic_inject(struct hvsim_ic *ic, unsigned int kind);
int hvsim_ic_inject_kind(const char *name);
void hvsim_ic_set_period(struct hvsim_ic *ic, unsigned int period_ms);
u32 hvsim_ic_msg_ver(struct hvsim_ic *ic);
bool hvsim_ic_ready(struct hvsim_ic *ic);
void hvsim_ic_show_stats(struct seq_file *m, const struct hvsim_ic_stats *st);
void hvsim_ic_debugfs_stats(struct dentry *dir, struct hvsim_ic_stats *st);

#endif /* _HVSIM_IC_HOST_H */
