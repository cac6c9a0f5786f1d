/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_storvsc internals shared by its files: the per-controller and
 * per-channel state and the functions each file offers the others.
 */
#ifndef _LUMEN_STORVSC_H
#define _LUMEN_STORVSC_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <lumen/rqst.h>
#include <lumen/vmbus.h>
#include <lumen/vstor_msg.h>

struct Scsi_Host;
struct scsi_cmnd;

/* Most channels per controller (primary included). */
#define STORVSC_MAX_CHANNELS	16
/* Largest transfer we ever set up, whatever the host allows. */
#define STORVSC_MAX_XFER	(1024 * 1024)
/* Most PFNs one request can need: a transfer not page aligned. */
#define STORVSC_MAX_PFNS	(STORVSC_MAX_XFER / 4096 + 1)
/* Bytes the ring needs per outstanding request (fact sheet 8.5). */
#define STORVSC_RING_PER_REQ	360
/* Receive buffer: descriptor plus the largest packet we accept. */
#define STORVSC_RECV_BUF	256

/*
 * Transaction ids of init and reset requests (storvsc_exec()): bits 63:32
 * are this tag, far above any SRB id of the channels' tables (at most
 * LUMEN_RQST_MAX_SIZE), bits 31:0 the request's sequence number.
 */
#define STORVSC_EXEC_ID_TAG	0xfffffffdULL

/* SCSI limits of a controller. */
#define STORVSC_SCSI_MAX_TARGETS	2
#define STORVSC_SCSI_MAX_LUNS		255
#define STORVSC_IDE_MAX_LUNS		64

/**
 * struct storvsc_stats - counters of one channel
 * @sent: SRB packets sent.
 * @completed: SRB completions accepted.
 * @errors: completions with an SRB or SCSI error.
 * @bad_pkt: malformed host packets (short, long, bad operation or fields).
 * @bad_id: completions with an unknown or stale transaction id.
 * @busy: sends that found the ring full.
 * @fallback: requests moved to another channel because this one was
 *	nearly full.
 *
 * Written with atomic64 operations from any context; read through sysfs.
 */
struct storvsc_stats {
	atomic64_t sent;
	atomic64_t completed;
	atomic64_t errors;
	atomic64_t bad_pkt;
	atomic64_t bad_id;
	atomic64_t busy;
	atomic64_t fallback;
};

/**
 * struct storvsc_chan - one VMBus channel of a controller
 * @sd: the controller.
 * @chan: the VMBus channel.
 * @index: 0 for the primary channel, then sub-channels in offer order.
 * @lock: protects @rqst; taken in any context (irqsave).
 * @rqst: transaction ids of the SRBs outstanding on this channel.
 * @slots: memory of @rqst.
 * @depth: size of @rqst: requests the ring has room for.
 * @inflight: SRBs outstanding (racy read for the channel choice).
 * @open: the channel is open; written under &storvsc_dev.chan_lock.
 * @stats: counters.
 * @rxbuf: receive buffer, used only by the channel callback.
 */
struct storvsc_chan {
	struct storvsc_dev *sd;
	struct lumen_chan *chan;
	unsigned int index;
	spinlock_t lock;		/* protects rqst */
	struct lumen_rqst_table rqst;
	struct lumen_rqst_slot *slots;
	u32 depth;
	atomic_t inflight;
	bool open;
	struct storvsc_stats stats;
	u8 rxbuf[STORVSC_RECV_BUF] __aligned(8);
};

/**
 * struct storvsc_dev - one storage controller (a SCSI host)
 * @vdev: the VMBus device.
 * @shost: the SCSI host.
 * @node: entry in the driver's controller list (storvsc_devs).
 * @ide: the offer is an IDE controller.
 * @ide_target: IDE only: target number from the instance GUID.
 * @version: agreed VSTOR version; 0 before.
 * @props: channel properties from the host (CPU order).
 * @max_xfer: transfer limit in bytes, a multiple of 4096.
 * @ring_size: bytes of each ring of each channel.
 * @chans: channels; [0] is the primary.
 * @nchan: channels in @chans that are open; grows while sub-channels are
 *	offered, constant once the SCSI host is added.
 * @nsub_wanted: sub-channels asked for.
 * @sub_pending: sub-channels offered and not opened yet.
 * @npending: entries in @sub_pending.
 * @sub_work: opens the channels in @sub_pending (hv_vmbus's message
 *	workqueue, which calls storvsc_sub_channel(), must not wait for the
 *	host's answers itself).
 * @chan_lock: protects @chans, @nchan, @sub_pending and @npending while
 *	they change.
 * @init_lock: one init or reset request at a time.
 * @init_seq: sequence number of the last init or reset request; under
 *	@init_lock.
 * @init_done: completed when the answer to the init/reset request arrives.
 * @exec_lock: protects @init_wait, @init_id and @init_reply, which the
 *	request's sender and the primary channel's callback share; taken in
 *	any context (irqsave where interrupts may be on).
 * @init_wait: an init or reset request is outstanding.
 * @init_id: transaction id of that request (storvsc_exec_id()).
 * @init_reply: its answer, valid after @init_done.
 * @gone: the controller was rescinded or is going away: fail new commands.
 * @removing: no new work items may be queued.
 * @wq: ordered workqueue for rescans and LUN removals.
 * @scan_work: bus rescan after ENUMERATE_BUS or REMOVE_DEVICE.
 * @seq: source of &storvsc_cmd.seq.
 * @bad_notify: malformed unsolicited packets.
 * @resets: bus resets sent.
 */
struct storvsc_dev {
	struct lumen_vmbus_device *vdev;
	struct Scsi_Host *shost;
	struct list_head node;
	bool ide;
	u16 ide_target;
	u16 version;
	struct vstor_chan_props props;
	u32 max_xfer;
	u32 ring_size;
	struct storvsc_chan *chans[STORVSC_MAX_CHANNELS];
	unsigned int nchan;
	unsigned int nsub_wanted;
	struct lumen_chan *sub_pending[STORVSC_MAX_CHANNELS];
	unsigned int npending;
	struct work_struct sub_work;
	struct mutex chan_lock;		/* protects chans, nchan, sub_pending */
	struct mutex init_lock;		/* one init/reset request */
	u32 init_seq;
	struct completion init_done;
	spinlock_t exec_lock;		/* protects init_wait, init_id, init_reply */
	bool init_wait;
	u64 init_id;
	struct vstor_pkt init_reply;
	bool gone;
	bool removing;
	struct workqueue_struct *wq;
	struct work_struct scan_work;
	atomic_t seq;
	atomic64_t bad_notify;
	atomic64_t resets;
};

/**
 * struct storvsc_cmd - per-command private data (scsi_cmd_priv())
 * @pkt: the EXECUTE_SRB request as sent.
 * @scmd: the command this belongs to.
 * @sc: channel it went out on.
 * @seq: sequence number of this use of the command (&storvsc_dev.seq);
 *	a completion carrying another one is late and is dropped.
 * @xfer_len: bytes requested.
 * @drain: entry in a list of commands failed by a rescind.
 * @pfns: page frames of the data buffer.
 */
struct storvsc_cmd {
	struct vstor_pkt pkt;
	struct scsi_cmnd *scmd;
	struct storvsc_chan *sc;
	u32 seq;
	u32 xfer_len;
	struct list_head drain;
	u64 pfns[STORVSC_MAX_PFNS];
};

/**
 * storvsc_nchan() - how many channels of a controller are open
 * @sd: the controller.
 *
 * &storvsc_dev.chans[0 .. n - 1] are valid for the returned n.
 *
 * Context: any context.
 * Return: the count, at least 1 while the controller is probed.
 */
static inline unsigned int storvsc_nchan(struct storvsc_dev *sd)
{
	/* Pairs with smp_store_release() in storvsc_sub_work(). */
	return smp_load_acquire(&sd->nchan);
}

/**
 * storvsc_exec_id() - transaction id of an init or reset request
 * @seq: the request's sequence number (&storvsc_dev.init_seq).
 *
 * Each request gets its own id, so the answer to an earlier one (late, or
 * sent twice) never matches the one outstanding.
 *
 * Context: any context.
 * Return: %STORVSC_EXEC_ID_TAG in bits 63:32, @seq in bits 31:0.
 */
static inline u64 storvsc_exec_id(u32 seq)
{
	return STORVSC_EXEC_ID_TAG << 32 | seq;
}

/**
 * storvsc_is_exec_id() - is a transaction id one of storvsc_exec_id()'s
 * @id: a transaction id from the host.
 *
 * Context: any context.
 * Return: true for the id of an init or reset request, of any sequence
 * number; false for SRB ids and 0.
 */
static inline bool storvsc_is_exec_id(u64 id)
{
	return id >> 32 == STORVSC_EXEC_ID_TAG;
}

extern unsigned int storvsc_ring_kb;
extern unsigned int storvsc_timeout;
extern unsigned int storvsc_max_sub_channels;

/*
 * Who calls whom: storvsc_main.c (probe, remove, the host template) calls
 * the files below; subchan.c calls io.c and init.c; io.c (with the
 * channel callback) calls init.c and hotplug.c; errors.c calls init.c;
 * every file may call common.c, which calls none of them.
 */

/* common.c */
void storvsc_log_bad(struct storvsc_dev *sd, const char *what, int err);
struct storvsc_cmd *storvsc_cmd_of(struct storvsc_dev *sd, u64 cookie);
void storvsc_cmd_fail(struct storvsc_cmd *cmd, u8 host);

/* init.c */
int storvsc_protocol_init(struct storvsc_dev *sd);
int storvsc_exec(struct storvsc_dev *sd, struct vstor_pkt *pkt, int len);
void storvsc_on_init_reply(struct storvsc_chan *sc,
			   const struct lumen_chan_pkt *p);

/* io.c */
int storvsc_chan_setup(struct storvsc_dev *sd, struct lumen_chan *chan,
		       unsigned int index);
void storvsc_chan_teardown(struct storvsc_chan *sc);
int storvsc_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *scmd);

/* subchan.c */
int storvsc_subchan_request(struct storvsc_dev *sd);
void storvsc_sub_channel(struct lumen_chan *primary, struct lumen_chan *sub);
void storvsc_sub_work(struct work_struct *work);
struct storvsc_dev *storvsc_find(struct lumen_chan *primary);
void storvsc_register(struct storvsc_dev *sd);
void storvsc_unregister(struct storvsc_dev *sd);

/* errors.c */
void storvsc_fail_all(struct storvsc_dev *sd);
int storvsc_eh_abort(struct scsi_cmnd *scmd);
int storvsc_eh_device_reset(struct scsi_cmnd *scmd);
int storvsc_eh_host_reset(struct scsi_cmnd *scmd);

/* hotplug.c */
void storvsc_notify(struct storvsc_dev *sd, const struct vstor_pkt *pkt);
void storvsc_scan_work(struct work_struct *work);
void storvsc_queue_lun_work(struct storvsc_dev *sd, u8 action, u8 channel,
			    u8 target, u8 lun);

#endif
