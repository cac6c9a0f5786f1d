/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvsim internals shared between its files: the simulated hypervisor
 * (hv.c), the VMBus server (server.c), GPADLs (gpadl.c), channels and
 * their rings (channel.c), the monitor pages (mnf.c), the devices behind
 * them (echo.c, storage.c, ic_*.c), the fault knobs above the server and
 * the channels (faults.c) and the module with its class table
 * (hvsim_main.c).
 *
 * Locking, for every file:
 *
 * - hvsim_mutex serialises the VMBus server: every guest message is handled
 *   under it (by the server's work item, one at a time, in order), and so
 *   are the debugfs control files, module init and exit. It protects the
 *   device list, relid allocation, the GPADL list, every field of
 *   struct hvsim_dev marked "mutex" and every struct hvsim_gpadl. Never
 *   taken by a channel's work item (the mutex holder waits for those).
 * - The signal path (hvsim_server_signal(), any context) finds an open
 *   channel through an xarray of connection ids read under RCU. A channel
 *   enters it only once its rings are ready and leaves it before they go:
 *   xa_erase(), synchronize_rcu(), cancel_work_sync(), only then unmap.
 * - struct hvsim_chan (the rings and their buffers) belongs to whoever
 *   serves the channel while it is open, and to the mutex holder
 *   otherwise. A channel whose class has no @packet_atomic is served by
 *   its work item, which never runs twice at once. A "fast" channel (the
 *   class has @packet_atomic) is served by its tasklet, which never runs
 *   twice at once either, except while @in_work is set: the tasklet handed
 *   a packet that needs process context to the work item and touches
 *   nothing until the work item clears @in_work and reschedules it.
 * - The post path (hvsim_server_post(), any context) uses the server's own
 *   spinlock for its inbox and the connection ids it checks.
 * - hv.c: a spinlock per simulated vCPU, interrupts off.
 */
#ifndef _HVSIM_H
#define _HVSIM_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/interrupt.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uuid.h>
#include <linux/workqueue.h>

#include <lumen/gpadl_msg.h>
#include <lumen/ring.h>
#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>

/* Sender (port) id hvsim puts in the header of VMBus messages. */
#define HVSIM_MSG_PORT		0x1
/* Undelivered host-to-guest messages per vCPU before posts fail. */
#define HVSIM_MSG_QUEUE_MAX	64
/* Guest-to-host messages queued for the server before posts fail. */
#define HVSIM_INBOX_MAX		64
/*
 * Message connection id hvsim hands out from VMBus 5.0 on. The protocol
 * lets the host choose; hvsim picks one that is neither the legacy id 1
 * nor the contact id 4, so a guest that ignores the reply fails at once.
 */
#define HVSIM_MSG_CONN_ID	0x2c
/*
 * Event connection id of a channel, as OpenVMM builds it: relid in bits
 * 11:0, SINT in bits 15:12, VTL (0) in bits 19:16. Relids are below 2048,
 * so ids never collide with each other or with the message ids above.
 */
#define HVSIM_CONN_ID_SINT_SHIFT	12
#define HVSIM_CONN_ID(relid)	\
	((relid) | (u32)VMBUS_MSG_SINT << HVSIM_CONN_ID_SINT_SHIFT)
/* Most devices hvsim holds at once (offered or not, sub-channels too). */
#define HVSIM_MAX_DEVICES	64
/* Most sub-channels one debugfs subchannels write asks for. */
#define HVSIM_SUBCHAN_MAX	16
/* monitor_id of a device offered without MNF (OpenVMM's invalid id). */
#define HVSIM_MONITOR_NONE	0xff

struct dentry;
struct hvsim_dev;
struct page;
struct seq_file;

/**
 * struct hvsim_dev_class - A kind of device hvsim can offer.
 * @name: name written to debugfs add_device ("echo").
 * @class_id: class (interface type) GUID put in the offer.
 * @offer_flags: VMBUS_MSG_OFFER_FLAG_* bits of its offers.
 * @max_packet: longest guest-to-host packet (descriptor to end of payload)
 *	it takes; a longer one stops the channel. Also the most reply bytes.
 * @packet: handle one packet that passed the ring-level checks. @buf holds
 *	the whole packet (descriptor first, @pkt->offset + @pkt->len bytes);
 *	@reply has room for @max_packet bytes. Returns the length of the
 *	reply packet written to @reply (descriptor first), or 0 for none.
 *	Runs in the channel's work item; may sleep.
 * @packet_atomic: optional; @packet for softirq context, where it must not
 *	sleep. It returns %HVSIM_PKT_SLEEP, having changed nothing, for a
 *	packet it can only handle in process context; @packet then gets that
 *	packet in the channel's work item, which serves the channel until its
 *	ring is empty. A class that has it is served from a tasklet (unless
 *	hvsim is loaded with fast_channels=0), on the
 *	vCPU that signalled when it can be, as Hyper-V's in-kernel VSPs serve
 *	their rings from DPCs; @stamp must then not sleep either.
 * @create: optional; set up @dev->priv for a new device (a sub-channel has
 *	@dev->primary set). Runs under hvsim_mutex. Returns 0 or an errno,
 *	which refuses the device.
 * @destroy: optional; free what @create made. The channel is stopped and
 *	its work finished. Runs under hvsim_mutex.
 * @opened: optional; the channel just opened (OPENCHANNEL_RESULT success
 *	sent): a host that speaks first queues its first packet here with
 *	hvsim_dev_post(). Runs under hvsim_mutex.
 * @closed: optional; the channel stopped (close, rescind, release or
 *	unload): the rings are gone and hvsim_dev_post() now fails. Runs
 *	under hvsim_mutex, so it must not wait for anything that takes it.
 * @stamp: optional; a host-initiated packet (hvsim_dev_post()) is about
 *	to go into the ring: refresh its time-critical fields in place (the
 *	time sync class reads its clock here, as OpenVMM does once the ring
 *	has room). @pkt is the packet, descriptor first, @len bytes. Runs in
 *	the channel's work item; called again if the ring was full.
 * @debugfs: optional; create the class's control files in @dir
 *	(hvsim/<name>/), once at module load, before any device exists.
 *
 * Every hook but @packet_atomic (and @stamp on fast channels) runs in
 * process context.
 */
struct hvsim_dev_class {
	const char *name;
	guid_t class_id;
	u16 offer_flags;
	u32 max_packet;
	u32 (*packet)(struct hvsim_dev *dev, const struct lumen_ring_pkt *pkt,
		      const u8 *buf, u8 *reply);
	u32 (*packet_atomic)(struct hvsim_dev *dev,
			     const struct lumen_ring_pkt *pkt, const u8 *buf,
			     u8 *reply);
	int (*create)(struct hvsim_dev *dev);
	void (*destroy)(struct hvsim_dev *dev);
	void (*opened)(struct hvsim_dev *dev);
	void (*closed)(struct hvsim_dev *dev);
	void (*stamp)(struct hvsim_dev *dev, u8 *pkt, u32 len);
	void (*debugfs)(struct dentry *dir);
};

/* What &hvsim_dev_class.packet_atomic returns for "not here, may sleep". */
#define HVSIM_PKT_SLEEP		U32_MAX

/**
 * enum hvsim_dev_state - Where a device is in its life with the guest.
 * @HVSIM_DEV_IDLE: not offered (no guest yet, or the guest released it).
 * @HVSIM_DEV_OFFERED: offered with a relid; channel closed.
 * @HVSIM_DEV_OPEN: channel open, rings mapped, packets served.
 * @HVSIM_DEV_RESCINDED: rescind sent; the relid stays reserved until the
 *	guest sends RELID_RELEASED, then the device is gone.
 */
enum hvsim_dev_state {
	HVSIM_DEV_IDLE,
	HVSIM_DEV_OFFERED,
	HVSIM_DEV_OPEN,
	HVSIM_DEV_RESCINDED,
};

/**
 * struct hvsim_chan - The host's side of an open channel.
 * @in: guest-to-host ring; the host is its consumer.
 * @out: host-to-guest ring; the host is its producer.
 * @in_va: mapping of the guest-to-host ring: control page, data pages,
 *	data pages again.
 * @out_va: the same for the host-to-guest ring.
 * @pkt: private copy of the packet being handled (@dev's max_packet).
 * @reply: the reply being sent (@dev's max_packet bytes).
 * @reply_len: bytes waiting in @reply for ring space, 0 when none.
 * @send_pending: pending_send_sz is set in the host-to-guest ring.
 * @legacy_events: events go through the legacy interrupt page (protocol
 *	before 2.4 with an interrupt page): host-to-guest to VP 0, flag 0.
 * @out_lock: protects @outbox, @outbox_len and @out_open; interrupts off.
 * @outbox: host-initiated packets (&struct hvsim_outpkt) waiting for the
 *	work item to write them, oldest first.
 * @outbox_len: entries on @outbox; written with WRITE_ONCE() under
 *	@out_lock, looked at locklessly by whoever serves the channel.
 * @out_open: hvsim_dev_post() takes packets (the channel is open).
 * @held: a fast channel's tasklet left the packet in @pkt (described by
 *	@held_pkt, already taken off the ring) to the work item.
 * @held_pkt: that packet's ring-level description.
 * @in_work: a fast channel is being served by its work item; its tasklet
 *	does nothing (set by the tasklet, cleared by the work item with
 *	release semantics, read with acquire).
 * @stopping: the channel is being stopped: neither tasklet nor work item
 *	serves it or hands it to the other (set under hvsim_mutex).
 *
 * Apart from the @out_lock fields: owned by whoever serves the channel
 * while it is open (see the locking rules above), by the holder of
 * hvsim_mutex otherwise.
 */
struct hvsim_chan {
	struct lumen_ring in;
	struct lumen_ring out;
	void *in_va;
	void *out_va;
	u8 *pkt;
	u8 *reply;
	u32 reply_len;
	bool send_pending;
	bool legacy_events;
	spinlock_t out_lock;	/* see above */
	struct list_head outbox;
	u32 outbox_len;
	bool out_open;
	bool held;
	struct lumen_ring_pkt held_pkt;
	bool in_work;
	bool stopping;
};

/**
 * struct hvsim_outpkt - A host-initiated packet waiting for ring space.
 * @node: entry in &struct hvsim_chan.outbox.
 * @len: bytes in @data.
 * @data: the packet, descriptor first.
 */
struct hvsim_outpkt {
	struct list_head node;
	u32 len;
	u8 data[];
};

/* Host-initiated packets queued on one channel before posts fail. */
#define HVSIM_OUTBOX_MAX	256

/**
 * struct hvsim_dev - One device (one channel) of the simulated host.
 * @node: entry in the server's device list (mutex).
 * @cls: what kind of device; constant.
 * @instance: instance GUID, random; constant.
 * @mnf: offered with a monitor id when one is free (monitored
 *	notification); constant.
 * @sub_index: sub-channel index, 0 for a primary channel; constant.
 * @primary: a sub-channel's primary channel, NULL once that is gone or
 *	for a primary (mutex).
 * @primary_relid: a sub-channel's primary relid when it was created, for
 *	debugfs; constant.
 * @subchannels: a primary's last sub-channel index on this connection
 *	(mutex).
 * @monitor_id: monitor id while offered or rescinded,
 *	%HVSIM_MONITOR_NONE for none (mutex).
 * @state: HVSIM_DEV_* (mutex).
 * @relid: relid while offered or rescinded, else 0 (mutex; constant while
 *	open, so the work item reads it freely).
 * @conn_id: event connection id for HvSignalEvent while offered (mutex).
 * @target_vp: VP index of the channel's host-to-guest events while open,
 *	%VMBUS_MSG_TARGET_VP_NONE for none (written under the mutex with
 *	WRITE_ONCE(), read by the work item).
 * @ring_gpadl: handle of the ring GPADL while open (mutex).
 * @chan: ring state, see &struct hvsim_chan.
 * @work: drains the guest-to-host ring; queued by the signal path, or
 *	for a fast channel by its tasklet (see &struct hvsim_chan.in_work).
 * @bh: a fast channel's tasklet: drains the guest-to-host ring in softirq
 *	context; scheduled by the signal path.
 * @served_atomic: packets a fast channel's tasklet handled.
 * @handovers: times a fast channel's tasklet handed it to the work item.
 * @broken: the ring was corrupt or the guest broke the ring protocol;
 *	the channel serves nothing until it is closed (work item; read with
 *	READ_ONCE()).
 * @pkts_in: packets taken off the guest-to-host ring (work item).
 * @pkts_out: packets written to the host-to-guest ring (work item).
 * @bad_pkts: packets the device refused or could not answer (work item).
 * @ring_errors: times the channel was marked broken (work item).
 * @stalled: fault: the host does not drain the guest-to-host ring
 *	(written under the mutex with WRITE_ONCE(), read by the work item).
 * @corrupt: fault: an &enum hvsim_corrupt the work item applies to the
 *	host-to-guest ring next (set under the mutex while open, taken by
 *	the work item with xchg()).
 * @priv: the class's private data, see &struct hvsim_dev_class.create.
 *
 * Counters are written only by whoever serves the channel and read
 * locklessly.
 */
struct hvsim_dev {
	struct list_head node;
	const struct hvsim_dev_class *cls;
	guid_t instance;
	bool mnf;
	u16 sub_index;
	struct hvsim_dev *primary;
	u32 primary_relid;
	u16 subchannels;
	u8 monitor_id;
	enum hvsim_dev_state state;
	u32 relid;
	u32 conn_id;
	u32 target_vp;
	u32 ring_gpadl;
	struct hvsim_chan chan;
	struct work_struct work;
	struct tasklet_struct bh;
	bool broken;
	u64 pkts_in;
	u64 pkts_out;
	u64 bad_pkts;
	u64 ring_errors;
	u64 served_atomic;
	u64 handovers;
	bool stalled;
	int corrupt;
	void *priv;
};

/**
 * enum hvsim_corrupt - How debugfs faults/ring_corrupt breaks a ring.
 * @HVSIM_CORRUPT_NONE: nothing to do.
 * @HVSIM_CORRUPT_INDEX: write index set to the data size (out of range).
 * @HVSIM_CORRUPT_UNALIGNED: write index moved by 4 (not 8-aligned).
 * @HVSIM_CORRUPT_LEN_SHORT: a packet whose len8 is below its offset8.
 * @HVSIM_CORRUPT_LEN_PAST: a packet whose len8 runs past the written data.
 * @HVSIM_CORRUPT_MODES: number of values.
 */
enum hvsim_corrupt {
	HVSIM_CORRUPT_NONE,
	HVSIM_CORRUPT_INDEX,
	HVSIM_CORRUPT_UNALIGNED,
	HVSIM_CORRUPT_LEN_SHORT,
	HVSIM_CORRUPT_LEN_PAST,
	HVSIM_CORRUPT_MODES,
};

/**
 * struct hvsim_faults - Host misbehaviour armed from debugfs faults/.
 * @msg_truncate: host-to-guest messages still to truncate below their
 *	type's minimum (mutex).
 * @msg_oversize: messages still to deliver with a SynIC payload size of
 *	241 to 255 (mutex).
 * @drop_responses: control responses still to drop (mutex).
 * @drop_type: drop only responses of this type; 0 for any (mutex).
 * @drop_completions: device completions still to drop.
 * @delay_ms: delay of every control response and completion, ms.
 * @truncated: messages truncated.
 * @oversized: messages sent with an oversized payload size.
 * @responses_dropped: control responses dropped.
 * @responses_delayed: control responses delayed.
 * @completions_dropped: completions dropped.
 * @completions_delayed: completions delayed.
 * @injected: messages sent by bogus_relid, dup_offer and unknown_type.
 * @rings_corrupted: host-to-guest rings corrupted.
 * @hold_type: the next response of this type is held back (reorder);
 *	0 for none.
 * @held: the response held back, @held_len bytes (0: none).
 * @held_len: its length.
 * @held_count: responses held back and sent late.
 * @post_fail: guest posts still to refuse (post_fail).
 * @post_fail_type: only posts of this message type; 0 for any.
 * @posts_failed: guest posts refused.
 * @oversize_packets: oversized packets queued for the guest.
 *
 * Fields marked "mutex" are read and written under hvsim_mutex (the
 * outgoing message path holds it); the others are atomics or
 * READ_ONCE()/WRITE_ONCE() values, read by the channel work.
 */
struct hvsim_faults {
	u32 msg_truncate;
	u32 msg_oversize;
	u32 drop_responses;
	u32 drop_type;
	atomic_t drop_completions;
	u32 delay_ms;
	atomic64_t truncated;
	atomic64_t oversized;
	atomic64_t responses_dropped;
	atomic64_t responses_delayed;
	atomic64_t completions_dropped;
	atomic64_t completions_delayed;
	atomic64_t injected;
	atomic64_t rings_corrupted;
	u32 hold_type;
	u8 held[TLFS_MSG_PAYLOAD_MAX];
	u32 held_len;
	atomic64_t held_count;
	atomic_t post_fail;
	u32 post_fail_type;
	atomic64_t posts_failed;
	atomic64_t oversize_packets;
};

/* Longest delay_ms accepted: a work item or the mutex holder sleeps it. */
#define HVSIM_FAULT_DELAY_MAX	10000

extern struct hvsim_faults hvsim_faults;

extern struct mutex hvsim_mutex;
extern struct workqueue_struct *hvsim_wq;
extern const struct hvsim_dev_class hvsim_echo_class;
extern const struct hvsim_dev_class hvsim_scsi_class;
extern const struct hvsim_dev_class hvsim_ide_class;
extern const struct hvsim_dev_class hvsim_heartbeat_class;
extern const struct hvsim_dev_class hvsim_shutdown_class;
extern const struct hvsim_dev_class hvsim_timesync_class;
extern const struct hvsim_dev_class hvsim_kvp_class;
extern const struct hvsim_dev_class hvsim_vss_class;

/* hv.c: the simulated hypervisor. */
int hvsim_hv_init(void);
int hvsim_hv_attach(void);
void hvsim_hv_detach(void);
void hvsim_hv_exit(void);
int hvsim_hv_post_to_guest(u32 vp, const void *payload, u32 size);
int hvsim_hv_post_raw(u32 vp, const void *payload, u32 size, u32 claimed);
int hvsim_hv_signal_guest(u32 vp, u32 flag);
void hvsim_hv_show_synic(struct seq_file *m);
void hvsim_hv_guest_kexec(void);
void hvsim_hv_guest_crash(void);
u64 hvsim_hv_ref_counter(void);

/* server.c: connection, offers, channel messages. */
int hvsim_server_init(u32 max_version);
void hvsim_server_exit(void);
int hvsim_server_post(u32 conn_id, const void *payload, u32 size);
int hvsim_server_signal(u32 conn_id);
u32 hvsim_server_version(void);
int hvsim_server_set_max_version(u32 version);
u32 hvsim_server_max_version(void);
void hvsim_send(const void *msg, size_t size);
bool hvsim_vp_valid(u32 vp);
int hvsim_server_add_device(const struct hvsim_dev_class *cls, bool mnf);
int hvsim_server_add_subchannels(u32 relid, u32 count);
int hvsim_server_rescind(u32 relid);
int hvsim_server_rescind_then(u32 relid, bool late_subchannel);
void hvsim_server_show_devices(struct seq_file *m);
void hvsim_server_show_stats(struct seq_file *m);
int hvsim_dev_request_subchannels(struct hvsim_dev *dev, u32 count);
/* server.c, for faults.c: primitives; hvsim_mutex held. */
struct hvsim_dev *hvsim_dev_by_relid(u32 relid);
struct hvsim_dev *hvsim_dev_next(struct hvsim_dev *dev);
bool hvsim_server_offers_out(void);
bool hvsim_relid_in_use(u32 relid);
u32 hvsim_relid_lowest_free(void);
void hvsim_offer_msg(const struct hvsim_dev *dev, u32 relid,
		     struct vmbus_msg_offer_channel *offer);

/* gpadl.c: GPADL assembly, mapping and teardown. */
void *hvsim_map_pfns(const u64 *pfns, u32 npfn, struct page ***pagesp);
void hvsim_gpadl_header(struct hvsim_dev *dev, u32 relid, const void *msg, u32 len);
int hvsim_gpadl_body(const void *msg, u32 len);
int hvsim_gpadl_teardown(struct hvsim_dev *dev, u32 handle);
int hvsim_gpadl_ring_pages(struct hvsim_dev *dev, u32 handle, struct page ***pagesp, u32 *npages);
void hvsim_gpadl_ring_put(struct hvsim_dev *dev, u32 handle, bool notify);
void hvsim_gpadl_drop_dev(struct hvsim_dev *dev);
void hvsim_gpadl_drop_all(void);
void hvsim_gpadl_show_stats(struct seq_file *m);

/* channel.c: open, close, rings, signals. */
void hvsim_chan_open(struct hvsim_dev *dev, const struct vmbus_msg_open_channel *req);
void hvsim_chan_stop(struct hvsim_dev *dev, bool notify);
int hvsim_chan_modify(struct hvsim_dev *dev, u32 target_vp);
void hvsim_chan_work(struct work_struct *work);
void hvsim_chan_bh(struct tasklet_struct *t);
void hvsim_chan_kick(struct hvsim_dev *dev);
bool hvsim_chan_fast(const struct hvsim_dev *dev);
int hvsim_chan_signal(u32 conn_id);
int hvsim_chan_queue(struct hvsim_dev *dev, struct hvsim_outpkt *o);
int hvsim_dev_post(struct hvsim_dev *dev, const void *pkt, u32 len);
u32 hvsim_pkt_inband(u8 *buf, u16 type, u16 flags, u64 trans_id,
		     const void *payload, u32 len);
int hvsim_chan_set_int_page(u64 gpa);
void hvsim_chan_clear_int_page(void);

/* mnf.c: monitor pages (monitored notification). */
void hvsim_mnf_init(void);
int hvsim_mnf_map(u64 gpa1, u64 gpa2);
void hvsim_mnf_unmap(void);
u8 hvsim_mnf_alloc(u32 conn_id);
void hvsim_mnf_free(u8 id);
void hvsim_mnf_chan_open(void);
void hvsim_mnf_chan_close(void);
void hvsim_mnf_show_stats(struct seq_file *m);

/* faults.c: fault knobs, above the server and the channels. */
void hvsim_faults_debugfs(struct dentry *parent);
bool hvsim_fault_outgoing(const void *msg, u32 size, u32 *len, u32 *claimed);
bool hvsim_fault_completion(bool may_sleep);
bool hvsim_fault_completion_sleeps(void);
bool hvsim_fault_post(const void *msg, u32 size);
bool hvsim_fault_hold(const void *msg, size_t size);
u32 hvsim_fault_take_held(void *buf, u32 cap);
void hvsim_fault_corrupt_ring(struct hvsim_dev *dev, enum hvsim_corrupt mode);

/* Bump a counter that only one work item writes and debugfs reads. */
static inline void hvsim_count(u64 *counter)
{
	WRITE_ONCE(*counter, *counter + 1);
}

#endif
