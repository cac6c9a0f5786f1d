// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: the VSTOR host (synthetic SCSI and IDE controllers), as Hyper-V's
 * storvsp serves them (protocol in include/proto/vstor.h; host behaviour
 * from protocol facts section 8 and OpenVMM's storvsp, never from Lumen's
 * guest):
 *
 * - Init on the primary channel, one step at a time: BEGIN_INITIALIZATION,
 *   QUERY_PROTOCOL_VERSION (2.0, 4.2, 5.1, 6.0 and 6.2 accepted unless
 *   refused from debugfs: REVISION_MISMATCH, the step may be retried),
 *   QUERY_PROPERTIES (multi-channel and the sub-channel limit from 5.1 on,
 *   256 KiB transfers), CREATE_SUB_CHANNELS (once, optional) and
 *   END_INITIALIZATION. A packet out of order: INVALID_DEVICE_STATE, and
 *   the state stays.
 * - Then EXECUTE_SRB on any channel, RESET_LUN/BUS/ADAPTER (no-ops that
 *   succeed), CREATE_SUB_CHANNELS on the primary; other operations:
 *   INVALID_DEVICE_STATE.
 * - Every completion has the size of the request it answers, at most the
 *   host's own packet: 64 bytes, or 48 for a pre-win8 host (one that
 *   speaks nothing newer than 4.2: refuse_version 0x0501 or lower), before
 *   and after negotiation. Pre-win8 guests send 48 bytes and get 48 back.
 *   Notifications (ENUMERATE_BUS) have the negotiated version's size.
 * - A packet storvsp cannot parse stops the channel for good: a
 *   completion packet, no completion requested, shorter than its
 *   operation needs, an unknown operation, an SRB with more than one data
 *   range or one shorter than its transfer length, or data in an in-band
 *   packet. Guest pages are checked before any is touched; a page that is
 *   not memory fails the command (INVALID_REQUEST), not the channel.
 * - SRBs: REPORT LUNS lists the LUNs on the addressed path and target;
 *   LUNs present run on the disk model (scsi_disk.c); others get
 *   INVALID_LUN (a standard INQUIRY answers "not present"). The NT status
 *   follows the SRB status as in storvsp.
 * - Hot-plug: adding or removing a LUN sends ENUMERATE_BUS on the primary
 *   (4.2 and later, after init), as storvsp does for both.
 *
 * A SCSI controller has LUNs 0 .. scsi_luns - 1 at path 0, target 0; an
 * IDE controller one disk at (channel, device, 0), which its instance
 * GUID spells as the guest expects: channel, device, 0x8899.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/kstrtox.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <scsi/scsi_proto.h>

#include <lumen/le.h>
#include <lumen/ring.h>
#include <lumen/vstor_req.h>
#include <proto/guids.h>
#include <proto/tlfs.h>
#include <proto/vmbus_ring.h>
#include <proto/vstor.h>
#include "hvsim.h"
#include "scsi_disk.h"

/* LUNs per SCSI controller. */
#define HVSIM_STOR_LUNS_MAX	64
/* IDE: two channels of two devices. */
#define HVSIM_STOR_IDE_MAX	4
/*
 * Longest guest packet: a GPA-direct SRB of 4 MiB plus its descriptor,
 * range header and VSTOR packet fits in 8 KiB.
 */
#define HVSIM_STOR_MAX_PACKET	8192
/* Longest completion delay from debugfs, ms. */
#define HVSIM_STOR_DELAY_MAX	HVSIM_FAULT_DELAY_MAX
/* Transfer limit storvsp reports (protocol facts 8.4). */
#define HVSIM_STOR_MAX_TRANSFER	0x40000

static unsigned int scsi_luns = 4;
module_param(scsi_luns, uint, 0444);
MODULE_PARM_DESC(scsi_luns, "LUNs of each new SCSI controller (0-64, default 4)");

static unsigned int scsi_lun_mb = 300;
module_param(scsi_lun_mb, uint, 0444);
MODULE_PARM_DESC(scsi_lun_mb, "Size of each LUN in MiB, RAM allocated on write (default 300)");

static unsigned int scsi_max_subchannels = HVSIM_SUBCHAN_MAX;
module_param(scsi_max_subchannels, uint, 0444);
MODULE_PARM_DESC(scsi_max_subchannels, "Sub-channel limit a SCSI controller reports (0-16, default 16)");

static unsigned int scsi_max_transfer = HVSIM_STOR_MAX_TRANSFER;
module_param(scsi_max_transfer, uint, 0444);
MODULE_PARM_DESC(scsi_max_transfer, "Largest transfer reported in QUERY_PROPERTIES, bytes (default 256 KiB)");

/* Where a controller is in the init sequence (shared by its channels). */
enum hvsim_stor_state {
	HVSIM_STOR_BEGIN,
	HVSIM_STOR_VERSION,
	HVSIM_STOR_PROPS,
	HVSIM_STOR_END,
	HVSIM_STOR_READY,
};

/**
 * struct hvsim_stor_ctrl - One controller, shared by its channels.
 * @ref: one per channel (primary and sub-channels).
 * @node: entry in hvsim_stor_ctrls (hvsim_mutex).
 * @index: number for debugfs, unique while hvsim is loaded; constant.
 * @ide: an IDE controller; constant.
 * @ide_path: IDE channel (the path forced on requests); constant.
 * @ide_target: IDE device (its target id); constant.
 * @primary: the primary channel, NULL once it is gone (hvsim_mutex).
 * @luns_sem: protects @luns: read per command in process context, written
 *	by debugfs.
 * @luns: the disks by LUN. Written under @luns_sem (write) and published
 *	with RCU: a fast channel's tasklet reads them under rcu_read_lock();
 *	a removed disk is freed after a grace period.
 * @state: &enum hvsim_stor_state; written by the primary's work item,
 *	reset by its closed hook, read anywhere with READ_ONCE().
 * @version: agreed VSTOR version, 0 before; as @state.
 * @subs_set: CREATE_SUB_CHANNELS was answered during this init.
 * @subs: sub-channels asked of the server since the primary opened
 *	(primary's work item; reset on close).
 * @ops: commands executed, by opcode.
 * @bytes_in: bytes written to disks (guest to host).
 * @bytes_out: bytes read from disks (host to guest).
 * @errors: SRBs answered with a status other than SUCCESS.
 * @bad_pkts: packets that stopped a channel.
 * @injected: SRBs failed by debugfs fail_next.
 * @notified: ENUMERATE_BUS / REMOVE_DEVICE notifications queued.
 * @resets: RESET_LUN, RESET_BUS and RESET_ADAPTER requests answered.
 * @stale: stale answers sent by debugfs stale_reply.
 */
struct hvsim_stor_ctrl {
	struct kref ref;
	struct list_head node;
	unsigned int index;
	bool ide;
	u8 ide_path;
	u8 ide_target;
	struct hvsim_dev *primary;
	struct rw_semaphore luns_sem;
	struct hvsim_sdisk __rcu *luns[HVSIM_STOR_LUNS_MAX];
	int state;
	u16 version;
	bool subs_set;
	u16 subs;
	atomic64_t ops[256];
	atomic64_t bytes_in;
	atomic64_t bytes_out;
	atomic64_t errors;
	atomic64_t bad_pkts;
	atomic64_t injected;
	atomic64_t notified;
	atomic64_t resets;
	atomic64_t stale;
};

/**
 * struct hvsim_stor_chan - One channel of a controller (&hvsim_dev.priv).
 * @ctrl: its controller (a reference).
 * @failed: the channel met a packet storvsp cannot parse and serves no
 *	more until it is closed (whoever serves the channel; reset by the
 *	closed hook).
 * @last: the last answer on this channel that was not an SRB completion
 *	(an init step, a reset, a sub-channel request), descriptor first,
 *	for debugfs stale_reply (whoever serves the channel).
 * @last_len: bytes in @last; 0 for none since the channel opened.
 */
struct hvsim_stor_chan {
	struct hvsim_stor_ctrl *ctrl;
	bool failed;
	u8 last[sizeof(struct vmbus_pkt_desc) + VSTOR_PKT_SIZE];
	u32 last_len;
};

/* Controllers, for debugfs (hvsim_mutex). */
static LIST_HEAD(hvsim_stor_ctrls);
static unsigned int hvsim_stor_next_index;
/* IDE (channel, device) slots in use (hvsim_mutex). */
static unsigned long hvsim_stor_ide_used;

/* debugfs knobs: read by the channel work items with READ_ONCE(). */
static u32 hvsim_stor_delay_ms;
static u16 hvsim_stor_refuse_version;
static atomic_t hvsim_stor_fail_count = ATOMIC_INIT(0);
static atomic_t hvsim_stor_stale_count = ATOMIC_INIT(0);
/* The answer fail_next injects (written under hvsim_mutex). */
static struct hvsim_sres hvsim_stor_fail_res;
static DEFINE_SPINLOCK(hvsim_stor_fail_lock);

static const u16 hvsim_stor_versions[] = {
	VSTOR_VERSION_2_0, VSTOR_VERSION_4_2, VSTOR_VERSION_5_1,
	VSTOR_VERSION_6_0, VSTOR_VERSION_6_2,
};

/* SCSI request bytes of a full packet at @version (0: not agreed). */
static u32 hvsim_stor_req_size(u16 version)
{
	return version && version < VSTOR_VERSION_5_1 ?
	       VSTOR_SRB_SIZE_PRE_WIN8 : VSTOR_SRB_SIZE;
}

/*
 * SCSI request bytes of the host's own packet: 36 (a 48-byte packet) for a
 * pre-win8 host, which knows nothing newer than 4.2, 52 (64) otherwise.
 * No completion is longer, whatever the guest sent or agreed.
 */
static u32 hvsim_stor_host_req_size(void)
{
	u16 refuse = READ_ONCE(hvsim_stor_refuse_version);

	return hvsim_stor_req_size(refuse && refuse <= VSTOR_VERSION_5_1 ?
				   VSTOR_VERSION_4_2 : VSTOR_VERSION_6_2);
}

/* storvsp's NT status for an SRB status code. */
static u32 hvsim_stor_nt_status(u8 srb)
{
	switch (srb) {
	case VSTOR_SRB_SUCCESS:
		return VSTOR_NT_SUCCESS;
	case VSTOR_SRB_BUSY:
		return VSTOR_NT_DEVICE_BUSY;
	case VSTOR_SRB_INVALID_LUN:
	case VSTOR_SRB_INVALID_TARGET_ID:
	case VSTOR_SRB_NO_DEVICE:
	case VSTOR_SRB_NO_HBA:
		return VSTOR_NT_DEVICE_DOES_NOT_EXIST;
	case VSTOR_SRB_COMMAND_TIMEOUT:
	case VSTOR_SRB_TIMEOUT:
		return VSTOR_NT_IO_TIMEOUT;
	case VSTOR_SRB_SELECTION_TIMEOUT:
		return VSTOR_NT_DEVICE_NOT_CONNECTED;
	case VSTOR_SRB_BAD_FUNCTION:
	case VSTOR_SRB_BAD_BLOCK_LENGTH:
		return VSTOR_NT_INVALID_DEVICE_REQUEST;
	case VSTOR_SRB_DATA_OVERRUN:
		return VSTOR_NT_BUFFER_OVERFLOW;
	case VSTOR_SRB_REQUEST_FLUSHED:
		return VSTOR_NT_UNSUCCESSFUL;
	case VSTOR_SRB_ABORTED:
		return VSTOR_NT_CANCELLED;
	default:
		return VSTOR_NT_IO_DEVICE_ERROR;
	}
}

/*
 * A completion of @rsize request bytes (zero-padded or cut) with @status
 * and @body; returns the VMBus packet's length in @reply.
 */
static u32 hvsim_stor_complete(u8 *reply, u64 trans_id, u32 rsize,
			       u32 status, const void *body, u32 body_len)
{
	struct vstor_pkt p = {
		.operation = cpu_to_le32(VSTOR_OP_COMPLETE_IO),
		.status = cpu_to_le32(status),
	};

	memcpy(p.raw, body, min(body_len, rsize));
	return hvsim_pkt_inband(reply, VMBUS_PKT_COMP, 0, trans_id, &p,
				VSTOR_PKT_HDR_SIZE + rsize);
}

/* The guest broke the protocol: this channel serves nothing more. */
static u32 hvsim_stor_fail_chan(struct hvsim_dev *dev, const char *why)
{
	struct hvsim_stor_chan *ch = dev->priv;

	ch->failed = true;
	/* Owned by whoever serves: the ring is left alone from now on. */
	WRITE_ONCE(dev->broken, true);
	hvsim_count(&dev->bad_pkts);
	atomic64_inc(&ch->ctrl->bad_pkts);
	pr_warn_ratelimited("storage relid %u: %s: channel stopped\n",
			    dev->relid, why);
	return 0;
}

static struct page *hvsim_stor_sbuf_page(const struct hvsim_sbuf *b, u32 idx)
{
	return pfn_to_page(lumen_get_le64((const u8 *)b->ctx +
					  (size_t)idx * sizeof(u64)));
}

/*
 * The SRB's data buffer over the pages hvsim_vstor_req_parse() found.
 * Returns 0 (with @b filled), or -EFAULT for a page that is not memory.
 */
static int hvsim_stor_data(const struct hvsim_vstor_req *req,
			   struct hvsim_sbuf *b)
{
	u32 i;

	*b = (struct hvsim_sbuf){
		.page = hvsim_stor_sbuf_page,
		.ctx = req->pfns,
		.off = req->data_off,
		.len = req->xfer,
		/* storvsp may write unless the guest said "data out". */
		.writable = req->pkt.srb.data_dir != VSTOR_DIR_WRITE,
	};
	/* Only the pages the transfer length reaches are used: check them. */
	for (i = 0; i < req->npfn; i++)
		if (!pfn_valid(lumen_get_le64(req->pfns + i * sizeof(u64))))
			return -EFAULT;
	return 0;
}

/* Count an executed command and the data it moved. */
static void hvsim_stor_count(struct hvsim_stor_ctrl *c, u8 op,
			     const struct hvsim_sdisk *d,
			     const struct hvsim_sres *res)
{
	atomic64_inc(&c->ops[op]);
	if (res->srb_status != VSTOR_SRB_SUCCESS || !d)
		return;
	if (hvsim_sdisk_op_reads(op))
		atomic64_add(res->tx, &c->bytes_out);
	else if (hvsim_sdisk_op_writes(op))
		atomic64_add(res->tx, &c->bytes_in);
}

/* Fill @res from fail_next if armed; true if it was. */
static bool hvsim_stor_injected(struct hvsim_sres *res)
{
	if (atomic_dec_if_positive(&hvsim_stor_fail_count) < 0)
		return false;
	spin_lock_bh(&hvsim_stor_fail_lock);
	*res = hvsim_stor_fail_res;
	spin_unlock_bh(&hvsim_stor_fail_lock);
	return true;
}

/* The LUNs of @c on (@path, @target), ascending; caller holds luns_sem. */
static u32 hvsim_stor_list_luns(struct hvsim_stor_ctrl *c, u8 path, u8 target,
				u8 *luns)
{
	u32 i, n = 0;

	if (c->ide ? path != c->ide_path || target != c->ide_target :
		     path || target)
		return 0;
	for (i = 0; i < HVSIM_STOR_LUNS_MAX; i++)
		if (rcu_access_pointer(c->luns[i]))
			luns[n++] = i;
	return n;
}

/* LUN @i of @c; caller holds luns_sem or rcu_read_lock(). */
static struct hvsim_sdisk *hvsim_stor_lun(struct hvsim_stor_ctrl *c, u32 i)
{
	return rcu_dereference_check(c->luns[i], lockdep_is_held(&c->luns_sem));
}

/*
 * The disk at the request's address, or NULL; caller holds luns_sem or
 * rcu_read_lock().
 */
static struct hvsim_sdisk *hvsim_stor_lookup(struct hvsim_stor_ctrl *c,
					     const struct vstor_scsi_req *srb)
{
	u8 lun = srb->lun;

	/* IDE: the channel is forced; the guest may not set it right. */
	if (c->ide) {
		if (srb->target_id != c->ide_target || lun)
			return NULL;
	} else if (srb->path_id || srb->target_id ||
		   lun >= HVSIM_STOR_LUNS_MAX) {
		return NULL;
	}
	return hvsim_stor_lun(c, lun);
}

/*
 * Softirq context: run a READ or WRITE on the disk at the request's
 * address. Returns -EWOULDBLOCK, having changed nothing the guest can
 * see, for anything else or when it would have to sleep.
 */
static int hvsim_stor_exec_atomic(struct hvsim_stor_ctrl *c,
				  const struct vstor_scsi_req *srb,
				  const struct hvsim_sbuf *b,
				  struct hvsim_sres *res,
				  struct hvsim_sdisk **dp)
{
	int ret = -EWOULDBLOCK;

	rcu_read_lock();
	*dp = hvsim_stor_lookup(c, srb);
	if (*dp)
		ret = hvsim_sdisk_exec_atomic(*dp, srb->cdb, b, res);
	rcu_read_unlock();
	return ret;
}

/*
 * EXECUTE_SRB once the controller is ready: run it and complete it. In
 * softirq context (@atomic) only a READ or WRITE on a present LUN with no
 * fault armed runs; anything else returns HVSIM_PKT_SLEEP first.
 */
static u32 hvsim_stor_srb(struct hvsim_dev *dev, const struct vstor_pkt *req,
			  const struct hvsim_sbuf *b, int data_err, u32 rsize,
			  u64 trans_id, u8 *reply, bool atomic)
{
	struct hvsim_stor_chan *ch = dev->priv;
	struct hvsim_stor_ctrl *c = ch->ctrl;
	const struct vstor_scsi_req *srb = &req->srb;
	struct vstor_scsi_req out = {};
	u8 luns[HVSIM_STOR_LUNS_MAX];
	struct hvsim_sres res;
	struct hvsim_sdisk *d;
	u32 delay, n;
	u8 op = srb->cdb[0];

	if (atomic) {
		if (atomic_read(&hvsim_stor_fail_count) > 0 ||
		    READ_ONCE(hvsim_stor_delay_ms) || data_err ||
		    hvsim_stor_exec_atomic(c, srb, b, &res, &d))
			return HVSIM_PKT_SLEEP;
		hvsim_stor_count(c, op, d, &res);
	} else if (hvsim_stor_injected(&res)) {
		atomic64_inc(&c->injected);
	} else if (data_err) {
		/* A guest page that is not memory: storvsp's access error. */
		res = (struct hvsim_sres){
			.srb_status = VSTOR_SRB_INVALID_REQUEST,
			.scsi_status = SAM_STAT_CHECK_CONDITION,
			.has_sense = true,
			.sense = { [0] = 0x70, [2] = ILLEGAL_REQUEST, [7] = 10,
				   [12] = 0x24 },
		};
	} else {
		down_read(&c->luns_sem);
		d = hvsim_stor_lookup(c, srb);
		if (op == REPORT_LUNS) {
			n = hvsim_stor_list_luns(c, srb->path_id,
						 srb->target_id, luns);
			hvsim_sdisk_report_luns(luns, n, b, &res);
		} else if (d) {
			hvsim_sdisk_exec(d, srb->cdb, b, &res);
		} else {
			hvsim_sdisk_absent(srb->lun, srb->cdb,
					   srb->data_dir == VSTOR_DIR_READ, b,
					   &res);
		}
		up_read(&c->luns_sem);
		hvsim_stor_count(c, op, d, &res);
	}
	if (res.srb_status != VSTOR_SRB_SUCCESS)
		atomic64_inc(&c->errors);
	/* Armed after the check above: the next command waits. */
	delay = atomic ? 0 :
		min(READ_ONCE(hvsim_stor_delay_ms), HVSIM_STOR_DELAY_MAX);
	if (delay)
		msleep(delay);

	/* storvsp's reply: its own length, CDB and sense sizes, no address. */
	out.length = cpu_to_le16(hvsim_stor_host_req_size());
	out.srb_status = res.srb_status |
			 (res.has_sense ? VSTOR_SRB_AUTOSENSE_VALID : 0);
	out.scsi_status = res.scsi_status;
	out.cdb_length = VSTOR_CDB_MAX;
	out.sense_len = VSTOR_SENSE_SIZE;
	out.xfer_len = cpu_to_le32(res.tx);
	if (res.has_sense)
		memcpy(out.sense, res.sense, sizeof(res.sense));
	return hvsim_stor_complete(reply, trans_id, rsize,
				   hvsim_stor_nt_status(res.srb_status), &out,
				   sizeof(out));
}

/*
 * CREATE_SUB_CHANNELS: the NT status to answer. The limit is the
 * device's (storvsp's channel control), whatever the version.
 */
static u32 hvsim_stor_subchannels(struct hvsim_dev *dev, u16 count)
{
	struct hvsim_stor_chan *ch = dev->priv;
	struct hvsim_stor_ctrl *c = ch->ctrl;
	u32 max = c->ide ? 0 : min(scsi_max_subchannels, HVSIM_SUBCHAN_MAX);
	int ret;

	if (count > max)
		return VSTOR_NT_INVALID_PARAMETER;
	if (count > c->subs) {
		/* Offered after this answer, from the server's work. */
		ret = hvsim_dev_request_subchannels(dev, count - c->subs);
		if (ret)
			pr_warn_ratelimited("storage relid %u: sub-channels not offered (%d)\n",
					    dev->relid, ret);
		else
			c->subs = count;
	}
	return VSTOR_NT_SUCCESS;
}

/* One init step on the primary; returns the NT status of its answer. */
static u32 hvsim_stor_init_step(struct hvsim_dev *dev, u32 op,
				const struct vstor_pkt *req,
				struct vstor_pkt *body)
{
	struct hvsim_stor_chan *ch = dev->priv;
	struct hvsim_stor_ctrl *c = ch->ctrl;
	u16 v, count, refuse = READ_ONCE(hvsim_stor_refuse_version);
	bool known = false;
	unsigned int i;
	u32 status;

	switch (READ_ONCE(c->state)) {
	case HVSIM_STOR_BEGIN:
		if (op != VSTOR_OP_BEGIN_INIT)
			break;
		WRITE_ONCE(c->state, HVSIM_STOR_VERSION);
		return VSTOR_NT_SUCCESS;
	case HVSIM_STOR_VERSION:
		if (op != VSTOR_OP_QUERY_VERSION)
			break;
		v = le16_to_cpu(req->version.major_minor);
		/* The reply echoes the version, revision 0. */
		body->version.major_minor = req->version.major_minor;
		for (i = 0; i < ARRAY_SIZE(hvsim_stor_versions); i++)
			known |= v == hvsim_stor_versions[i];
		if (!known || (refuse && v >= refuse))
			return VSTOR_NT_REVISION_MISMATCH;
		WRITE_ONCE(c->version, v);
		WRITE_ONCE(c->state, HVSIM_STOR_PROPS);
		return VSTOR_NT_SUCCESS;
	case HVSIM_STOR_PROPS:
		if (op != VSTOR_OP_QUERY_PROPERTIES)
			break;
		if (c->version >= VSTOR_VERSION_5_1) {
			body->props.flags =
				cpu_to_le32(VSTOR_CHAN_PROP_MULTI_CHANNEL);
			if (!c->ide)
				body->props.max_sub_channels =
					cpu_to_le16(min(scsi_max_subchannels,
							HVSIM_SUBCHAN_MAX));
		}
		body->props.max_transfer_bytes = cpu_to_le32(scsi_max_transfer);
		c->subs_set = false;
		WRITE_ONCE(c->state, HVSIM_STOR_END);
		return VSTOR_NT_SUCCESS;
	case HVSIM_STOR_END:
		/* Before 5.1 there is no multi-channel: out of order. */
		if (op == VSTOR_OP_CREATE_SUB_CHANNELS && !c->subs_set &&
		    c->version >= VSTOR_VERSION_5_1) {
			count = le16_to_cpu(req->sub_channel_count);
			status = hvsim_stor_subchannels(dev, count);
			c->subs_set = status == VSTOR_NT_SUCCESS;
			return status;
		}
		if (op != VSTOR_OP_END_INIT)
			break;
		WRITE_ONCE(c->state, HVSIM_STOR_READY);
		return VSTOR_NT_SUCCESS;
	}
	pr_warn_ratelimited("storage relid %u: operation %u out of order\n",
			    dev->relid, op);
	return VSTOR_NT_INVALID_DEVICE_STATE;
}

/*
 * The answer (@len bytes at @reply) to a request other than an SRB: an
 * init step, a reset or a sub-channel request. With debugfs stale_reply
 * armed, the channel's previous such answer goes out
 * again first, unchanged (transaction id included), then this one: a host
 * that answers late or twice. Returns the length for the caller to send,
 * 0 when both went out through hvsim_dev_post() (which keeps their order).
 */
static u32 hvsim_stor_answer(struct hvsim_dev *dev, u8 *reply, u32 len)
{
	struct hvsim_stor_chan *ch = dev->priv;
	u32 ret = len;

	if (ch->last_len &&
	    atomic_dec_if_positive(&hvsim_stor_stale_count) >= 0 &&
	    !hvsim_dev_post(dev, ch->last, ch->last_len)) {
		atomic64_inc(&ch->ctrl->stale);
		/* If this fails the reply goes out the usual way. */
		if (!hvsim_dev_post(dev, reply, len))
			ret = 0;
	}
	ch->last_len = min_t(u32, len, sizeof(ch->last));
	memcpy(ch->last, reply, ch->last_len);
	return ret;
}

/*
 * One packet from a channel. In softirq context (@atomic) only the SRBs
 * hvsim_stor_srb() can run there are served; the rest get HVSIM_PKT_SLEEP
 * before anything changes (a packet that stops the channel stops it here).
 */
static u32 hvsim_stor_serve(struct hvsim_dev *dev,
			    const struct lumen_ring_pkt *pkt, const u8 *buf,
			    u8 *reply, bool atomic)
{
	struct hvsim_stor_chan *ch = dev->priv;
	struct hvsim_stor_ctrl *c = ch->ctrl;
	struct hvsim_vstor_req r;
	struct vstor_pkt body = {};
	struct hvsim_sbuf b = {};
	u32 op, rsize, status;
	int data_err = 0;
	u16 count;

	if (ch->failed)
		return 0;
	if (hvsim_vstor_req_parse(pkt, buf, &r))
		return hvsim_stor_fail_chan(dev, r.why);
	op = r.op;
	rsize = min(r.rsize, hvsim_stor_host_req_size());
	if (op == VSTOR_OP_EXECUTE_SRB)
		data_err = hvsim_stor_data(&r, &b);

	if (atomic && (op != VSTOR_OP_EXECUTE_SRB ||
		       READ_ONCE(c->state) != HVSIM_STOR_READY))
		return HVSIM_PKT_SLEEP;
	if (READ_ONCE(c->state) != HVSIM_STOR_READY) {
		/* Sub-channels serve nothing until init is over. */
		status = dev->sub_index ? VSTOR_NT_INVALID_DEVICE_STATE :
			 hvsim_stor_init_step(dev, op, &r.pkt, &body);
	} else if (op == VSTOR_OP_EXECUTE_SRB) {
		return hvsim_stor_srb(dev, &r.pkt, &b, data_err, rsize,
				      pkt->trans_id, reply, atomic);
	} else if (op == VSTOR_OP_RESET_LUN || op == VSTOR_OP_RESET_BUS ||
		   op == VSTOR_OP_RESET_ADAPTER) {
		/* storvsp: always no-ops that succeed. */
		atomic64_inc(&c->resets);
		status = VSTOR_NT_SUCCESS;
	} else if (op == VSTOR_OP_CREATE_SUB_CHANNELS && !dev->sub_index) {
		count = le16_to_cpu(r.pkt.sub_channel_count);
		status = hvsim_stor_subchannels(dev, count);
	} else {
		pr_warn_ratelimited("storage relid %u: operation %u after init\n",
				    dev->relid, op);
		status = VSTOR_NT_INVALID_DEVICE_STATE;
	}
	return hvsim_stor_answer(dev, reply,
				 hvsim_stor_complete(reply, pkt->trans_id,
						     rsize, status, body.raw,
						     sizeof(body.raw)));
}

static u32 hvsim_stor_packet(struct hvsim_dev *dev,
			     const struct lumen_ring_pkt *pkt, const u8 *buf,
			     u8 *reply)
{
	return hvsim_stor_serve(dev, pkt, buf, reply, false);
}

static u32 hvsim_stor_packet_atomic(struct hvsim_dev *dev,
				    const struct lumen_ring_pkt *pkt,
				    const u8 *buf, u8 *reply)
{
	return hvsim_stor_serve(dev, pkt, buf, reply, true);
}

/*
 * Tell the guest to rescan (@op ENUMERATE_BUS or REMOVE_DEVICE) if the
 * controller is ready at 4.2 or later, as storvsp does. Caller holds
 * hvsim_mutex.
 */
static void hvsim_stor_notify(struct hvsim_stor_ctrl *c, u32 op)
{
	struct vstor_pkt p = { .operation = cpu_to_le32(op) };
	u8 pkt[sizeof(struct vmbus_pkt_desc) + sizeof(p)];
	u16 version = READ_ONCE(c->version);
	u32 len;

	lockdep_assert_held(&hvsim_mutex);
	if (!c->primary || READ_ONCE(c->state) != HVSIM_STOR_READY ||
	    version < VSTOR_VERSION_4_2)
		return;
	len = hvsim_pkt_inband(pkt, VMBUS_PKT_DATA_INBAND, 0, 0, &p,
			       VSTOR_PKT_HDR_SIZE +
			       hvsim_stor_req_size(version));
	if (!hvsim_dev_post(c->primary, pkt, len))
		atomic64_inc(&c->notified);
}

static void hvsim_stor_ctrl_free(struct kref *ref)
{
	struct hvsim_stor_ctrl *c = container_of(ref, struct hvsim_stor_ctrl,
						 ref);
	unsigned int i;

	/* Every channel is stopped: no reader is left. */
	for (i = 0; i < HVSIM_STOR_LUNS_MAX; i++)
		hvsim_sdisk_destroy(rcu_dereference_protected(c->luns[i], 1));
	kfree(c);
}

static u64 hvsim_stor_lun_bytes(void)
{
	return (u64)max(scsi_lun_mb, 1U) << 20;
}

/* A new controller with its disks; caller holds hvsim_mutex. */
static struct hvsim_stor_ctrl *hvsim_stor_ctrl_new(bool ide)
{
	struct hvsim_stor_ctrl *c = kzalloc(sizeof(*c), GFP_KERNEL);
	unsigned int i, n = ide ? 1 : min(scsi_luns, HVSIM_STOR_LUNS_MAX);
	struct hvsim_sdisk *d;

	if (!c)
		return NULL;
	kref_init(&c->ref);
	init_rwsem(&c->luns_sem);
	c->ide = ide;
	for (i = 0; i < n; i++) {
		d = hvsim_sdisk_create(hvsim_stor_lun_bytes());
		if (!d) {
			kref_put(&c->ref, hvsim_stor_ctrl_free);
			return NULL;
		}
		RCU_INIT_POINTER(c->luns[i], d);
	}
	return c;
}

static int hvsim_stor_create(struct hvsim_dev *dev, bool ide)
{
	struct hvsim_stor_chan *ch = kzalloc(sizeof(*ch), GFP_KERNEL);
	struct hvsim_stor_chan *pch;
	struct hvsim_stor_ctrl *c;
	unsigned long slot = 0;
	u8 *g;

	lockdep_assert_held(&hvsim_mutex);
	if (!ch)
		return -ENOMEM;
	if (dev->primary) {
		/* A sub-channel shares its primary's controller. */
		pch = dev->primary->priv;
		ch->ctrl = pch->ctrl;
		kref_get(&ch->ctrl->ref);
		dev->priv = ch;
		return 0;
	}
	if (ide) {
		slot = find_first_zero_bit(&hvsim_stor_ide_used,
					   HVSIM_STOR_IDE_MAX);
		if (slot >= HVSIM_STOR_IDE_MAX) {
			kfree(ch);
			return -ENOSPC;
		}
	}
	c = hvsim_stor_ctrl_new(ide);
	if (!c) {
		kfree(ch);
		return -ENOMEM;
	}
	if (ide) {
		__set_bit(slot, &hvsim_stor_ide_used);
		c->ide_path = slot / 2;
		c->ide_target = slot % 2;
		/* {channel, device, 0x8899, 0...}, as the guest expects. */
		g = dev->instance.b;
		memset(g, 0, sizeof(dev->instance.b));
		g[0] = c->ide_path;
		g[4] = c->ide_target;
		g[6] = 0x99;
		g[7] = 0x88;
	}
	c->index = hvsim_stor_next_index++;
	c->primary = dev;
	list_add_tail(&c->node, &hvsim_stor_ctrls);
	ch->ctrl = c;
	dev->priv = ch;
	return 0;
}

static int hvsim_stor_create_scsi(struct hvsim_dev *dev)
{
	return hvsim_stor_create(dev, false);
}

static int hvsim_stor_create_ide(struct hvsim_dev *dev)
{
	return hvsim_stor_create(dev, true);
}

static void hvsim_stor_destroy(struct hvsim_dev *dev)
{
	struct hvsim_stor_chan *ch = dev->priv;
	struct hvsim_stor_ctrl *c = ch->ctrl;

	lockdep_assert_held(&hvsim_mutex);
	if (c->primary == dev) {
		c->primary = NULL;
		list_del(&c->node);
		if (c->ide)
			__clear_bit(c->ide_path * 2 + c->ide_target,
				    &hvsim_stor_ide_used);
	}
	kref_put(&c->ref, hvsim_stor_ctrl_free);
	kfree(ch);
	dev->priv = NULL;
}

/* Channel stopped: a reopened primary starts the init over. */
static void hvsim_stor_closed(struct hvsim_dev *dev)
{
	struct hvsim_stor_chan *ch = dev->priv;
	struct hvsim_stor_ctrl *c = ch->ctrl;

	ch->failed = false;
	ch->last_len = 0;
	if (dev->sub_index)
		return;
	WRITE_ONCE(c->state, HVSIM_STOR_BEGIN);
	WRITE_ONCE(c->version, 0);
	c->subs = 0;
	c->subs_set = false;
}

/* Parse "[CTRL:]LUN" and the rest of the line. */
static int hvsim_stor_parse_addr(char *s, unsigned int *ctrl, unsigned int *lun,
				 char **rest)
{
	char *word = strsep(&s, " \t\n"), *colon;
	int ret;

	*rest = s ? skip_spaces(s) : NULL;
	if (!word || !*word)
		return -EINVAL;
	*ctrl = 0;
	colon = strchr(word, ':');
	if (colon) {
		*colon = 0;
		ret = kstrtouint(word, 0, ctrl);
		if (ret)
			return ret;
		word = colon + 1;
	}
	ret = kstrtouint(word, 0, lun);
	if (ret)
		return ret;
	return *lun < HVSIM_STOR_LUNS_MAX ? 0 : -ERANGE;
}

static struct hvsim_stor_ctrl *hvsim_stor_ctrl_by_index(unsigned int index)
{
	struct hvsim_stor_ctrl *c;

	lockdep_assert_held(&hvsim_mutex);
	list_for_each_entry(c, &hvsim_stor_ctrls, node)
		if (c->index == index)
			return c;
	return NULL;
}

/* Copy a debugfs write into a string. */
static int hvsim_stor_user_line(const char __user *ubuf, size_t len,
				char *buf, size_t size)
{
	if (!len || len >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	return 0;
}

static ssize_t hvsim_stor_add_lun_write(struct file *file,
					const char __user *ubuf, size_t len,
					loff_t *ppos)
{
	unsigned int index, lun, mb = 0;
	struct hvsim_stor_ctrl *c;
	struct hvsim_sdisk *d;
	char buf[64], *rest;
	int ret;

	ret = hvsim_stor_user_line(ubuf, len, buf, sizeof(buf));
	if (!ret)
		ret = hvsim_stor_parse_addr(buf, &index, &lun, &rest);
	if (!ret && rest && *rest)
		ret = kstrtouint(strim(rest), 0, &mb);
	if (ret)
		return ret;
	d = hvsim_sdisk_create(mb ? (u64)mb << 20 : hvsim_stor_lun_bytes());
	if (!d)
		return -ENOMEM;
	mutex_lock(&hvsim_mutex);
	c = hvsim_stor_ctrl_by_index(index);
	if (!c) {
		ret = -ENOENT;
	} else if (c->ide) {
		ret = -EOPNOTSUPP;
	} else {
		down_write(&c->luns_sem);
		if (rcu_access_pointer(c->luns[lun])) {
			ret = -EEXIST;
		} else {
			rcu_assign_pointer(c->luns[lun], d);
			d = NULL;
		}
		up_write(&c->luns_sem);
		if (!ret)
			hvsim_stor_notify(c, VSTOR_OP_ENUMERATE_BUS);
	}
	mutex_unlock(&hvsim_mutex);
	hvsim_sdisk_destroy(d);
	return ret ? ret : len;
}

static ssize_t hvsim_stor_remove_lun_write(struct file *file,
					   const char __user *ubuf, size_t len,
					   loff_t *ppos)
{
	u32 op = VSTOR_OP_ENUMERATE_BUS;
	struct hvsim_stor_ctrl *c;
	struct hvsim_sdisk *d = NULL;
	unsigned int index, lun;
	char buf[64], *rest;
	int ret;

	ret = hvsim_stor_user_line(ubuf, len, buf, sizeof(buf));
	if (!ret)
		ret = hvsim_stor_parse_addr(buf, &index, &lun, &rest);
	if (ret)
		return ret;
	if (rest && *rest) {
		/* storvsp sends ENUMERATE_BUS; older hosts REMOVE_DEVICE. */
		if (strcmp(strim(rest), "remove_device"))
			return -EINVAL;
		op = VSTOR_OP_REMOVE_DEVICE;
	}
	mutex_lock(&hvsim_mutex);
	c = hvsim_stor_ctrl_by_index(index);
	if (!c) {
		ret = -ENOENT;
	} else if (c->ide) {
		ret = -EOPNOTSUPP;
	} else {
		/* Commands in flight on the disk finish first. */
		down_write(&c->luns_sem);
		d = rcu_replace_pointer(c->luns[lun], NULL,
					lockdep_is_held(&c->luns_sem));
		up_write(&c->luns_sem);
		synchronize_rcu();
		if (d)
			hvsim_stor_notify(c, op);
		else
			ret = -ENOENT;
	}
	mutex_unlock(&hvsim_mutex);
	hvsim_sdisk_destroy(d);
	return ret ? ret : len;
}

static ssize_t hvsim_stor_fail_write(struct file *file,
				     const char __user *ubuf, size_t len,
				     loff_t *ppos)
{
	/* N, SRB status, SCSI status, sense key, ASC, ASCQ. */
	static const unsigned int max[] = { INT_MAX, VSTOR_SRB_CODE_MASK,
					    0xff, 0xf, 0xff, 0xff };
	unsigned int v[ARRAY_SIZE(max)], i;
	struct hvsim_sres res = {};
	char buf[96], *s = buf, *tok;
	int ret;

	ret = hvsim_stor_user_line(ubuf, len, buf, sizeof(buf));
	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		do {
			tok = strsep(&s, " \t\n");
		} while (tok && !*tok);
		if (!tok)
			return -EINVAL;
		ret = kstrtouint(tok, 0, &v[i]);
		if (ret)
			return ret;
		if (v[i] > max[i])
			return -ERANGE;
	}
	res.srb_status = v[1];
	res.scsi_status = v[2];
	if (v[2] == SAM_STAT_CHECK_CONDITION && (v[3] || v[4] || v[5])) {
		res.has_sense = true;
		res.sense[0] = 0x70;	/* fixed format, current */
		res.sense[2] = v[3];
		res.sense[7] = HVSIM_SDISK_SENSE_LEN - 8;
		res.sense[12] = v[4];
		res.sense[13] = v[5];
	}
	spin_lock_bh(&hvsim_stor_fail_lock);
	hvsim_stor_fail_res = res;
	spin_unlock_bh(&hvsim_stor_fail_lock);
	atomic_set(&hvsim_stor_fail_count, v[0]);
	return len;
}

static int hvsim_stor_fail_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", atomic_read(&hvsim_stor_fail_count));
	return 0;
}

static int hvsim_stor_fail_open(struct inode *inode, struct file *file)
{
	return single_open(file, hvsim_stor_fail_show, NULL);
}

static const struct file_operations hvsim_stor_fail_fops = {
	.owner = THIS_MODULE,
	.open = hvsim_stor_fail_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = hvsim_stor_fail_write,
};

static const char *const hvsim_stor_state_names[] = {
	[HVSIM_STOR_BEGIN] = "begin",
	[HVSIM_STOR_VERSION] = "version",
	[HVSIM_STOR_PROPS] = "properties",
	[HVSIM_STOR_END] = "end",
	[HVSIM_STOR_READY] = "ready",
};

static int hvsim_stor_stats_show(struct seq_file *m, void *v)
{
	struct hvsim_stor_ctrl *c;
	struct hvsim_sdisk *d;
	unsigned int i;
	u64 n;

	mutex_lock(&hvsim_mutex);
	list_for_each_entry(c, &hvsim_stor_ctrls, node) {
		seq_printf(m, "controller %u %s relid %u state %s version 0x%04x subchannels %u\n",
			   c->index, c->ide ? "ide" : "scsi",
			   c->primary ? c->primary->relid : 0,
			   hvsim_stor_state_names[READ_ONCE(c->state)],
			   READ_ONCE(c->version), c->subs);
		down_read(&c->luns_sem);
		for (i = 0; i < HVSIM_STOR_LUNS_MAX; i++) {
			d = hvsim_stor_lun(c, i);
			if (d)
				seq_printf(m, "lun %u blocks %llu pages %ld\n",
					   i, d->blocks,
					   atomic_long_read(&d->nr_pages));
		}
		up_read(&c->luns_sem);
		for (i = 0; i < ARRAY_SIZE(c->ops); i++) {
			n = atomic64_read(&c->ops[i]);
			if (n)
				seq_printf(m, "op 0x%02x %llu\n", i, n);
		}
		seq_printf(m, "bytes_written %lld\nbytes_read %lld\nerrors %lld\nbad_pkts %lld\ninjected %lld\nnotified %lld\nresets %lld\nstale_replies %lld\n",
			   atomic64_read(&c->bytes_in),
			   atomic64_read(&c->bytes_out),
			   atomic64_read(&c->errors),
			   atomic64_read(&c->bad_pkts),
			   atomic64_read(&c->injected),
			   atomic64_read(&c->notified),
			   atomic64_read(&c->resets),
			   atomic64_read(&c->stale));
	}
	mutex_unlock(&hvsim_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hvsim_stor_stats);

static const struct file_operations hvsim_stor_add_lun_fops = {
	.owner = THIS_MODULE,
	.write = hvsim_stor_add_lun_write,
};

static const struct file_operations hvsim_stor_remove_lun_fops = {
	.owner = THIS_MODULE,
	.write = hvsim_stor_remove_lun_write,
};

/* hvsim/scsi/: the controls of every storage controller, IDE included. */
static void hvsim_stor_debugfs(struct dentry *dir)
{
	debugfs_create_file("add_lun", 0200, dir, NULL,
			    &hvsim_stor_add_lun_fops);
	debugfs_create_file("remove_lun", 0200, dir, NULL,
			    &hvsim_stor_remove_lun_fops);
	debugfs_create_file("fail_next", 0600, dir, NULL,
			    &hvsim_stor_fail_fops);
	debugfs_create_u32("delay_ms", 0600, dir, &hvsim_stor_delay_ms);
	debugfs_create_x16("refuse_version", 0600, dir,
			   &hvsim_stor_refuse_version);
	debugfs_create_atomic_t("stale_reply", 0600, dir,
				&hvsim_stor_stale_count);
	debugfs_create_file("stats", 0444, dir, NULL, &hvsim_stor_stats_fops);
}

/* Synthetic SCSI controller (storvsc). */
const struct hvsim_dev_class hvsim_scsi_class = {
	.name = "scsi",
	.class_id = LUMEN_GUID_SCSI,
	.offer_flags = 0,
	.max_packet = HVSIM_STOR_MAX_PACKET,
	.packet = hvsim_stor_packet,
	.packet_atomic = hvsim_stor_packet_atomic,
	.create = hvsim_stor_create_scsi,
	.destroy = hvsim_stor_destroy,
	.closed = hvsim_stor_closed,
	.debugfs = hvsim_stor_debugfs,
};

/* IDE accelerator: one disk, no sub-channels (storvsc's IDE path). */
const struct hvsim_dev_class hvsim_ide_class = {
	.name = "ide",
	.class_id = LUMEN_GUID_IDE,
	.offer_flags = 0,
	.max_packet = HVSIM_STOR_MAX_PACKET,
	.packet = hvsim_stor_packet,
	.packet_atomic = hvsim_stor_packet_atomic,
	.create = hvsim_stor_create_ide,
	.destroy = hvsim_stor_destroy,
	.closed = hvsim_stor_closed,
};
