// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc I/O path: queuecommand builds an EXECUTE_SRB whose data goes
 * as one GPA-direct range over the request's own pages (no bounce copy),
 * on the channel of the submitting CPU's hardware queue, falling back to
 * the least busy channel when that ring is nearly full. Each channel is
 * set up and opened here with its receive callback, which dispatches what
 * the host sends: SRB completions become midlayer results here through
 * the pure mapping in vstor_msg.c (malformed ones fail their command with
 * DID_ERROR and never report data), answers to init and reset requests go
 * to init.c, notifications to hotplug.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blk-mq.h>
#include <linux/mm.h>
#include <linux/ratelimit.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <proto/vmbus_ring.h>

#include "storvsc.h"

static_assert(PAGE_SIZE == 4096);

/* The pure mapping uses the kernel's host byte values. */
static_assert(VSTOR_HOST_OK == DID_OK);
static_assert(VSTOR_HOST_NO_CONNECT == DID_NO_CONNECT);
static_assert(VSTOR_HOST_BUS_BUSY == DID_BUS_BUSY);
static_assert(VSTOR_HOST_TIME_OUT == DID_TIME_OUT);
static_assert(VSTOR_HOST_BAD_TARGET == DID_BAD_TARGET);
static_assert(VSTOR_HOST_ABORT == DID_ABORT);
static_assert(VSTOR_HOST_ERROR == DID_ERROR);
static_assert(VSTOR_HOST_RESET == DID_RESET);
static_assert(VSTOR_HOST_REQUEUE == DID_REQUEUE);
static_assert(VSTOR_SAM_CHECK_CONDITION == SAM_STAT_CHECK_CONDITION);
static_assert(VSTOR_SENSE_SIZE <= SCSI_SENSE_BUFFERSIZE);

/*
 * Page frames of @scmd's data: with the host's virt_boundary_mask every
 * segment but the first starts on a page and every one but the last ends
 * on one, so the pages form one GPA range. Returns the PFN count, or 0 if
 * the list breaks that rule or needs more than STORVSC_MAX_PFNS.
 */
static u32 storvsc_fill_pfns(struct scsi_cmnd *scmd, struct storvsc_cmd *cmd,
			     u32 *first_off)
{
	struct scatterlist *sg;
	u32 n = 0;
	int i;

	scsi_for_each_sg(scmd, sg, scsi_sg_count(scmd), i) {
		u64 start = page_to_phys(sg_page(sg)) + sg->offset;
		u64 end = start + sg->length;
		u64 pfn;

		if (i == 0)
			*first_off = offset_in_page(start);
		else if (offset_in_page(start))
			return 0;
		for (pfn = start >> PAGE_SHIFT;
		     pfn < DIV_ROUND_UP_ULL(end, PAGE_SIZE); pfn++) {
			if (n >= STORVSC_MAX_PFNS)
				return 0;
			cmd->pfns[n++] = pfn;
		}
	}
	return n;
}

/*
 * The channel for a request: that of its hardware queue, unless that ring
 * is three quarters full; then the channel with the fewest requests.
 */
static struct storvsc_chan *storvsc_pick(struct storvsc_dev *sd,
					 struct scsi_cmnd *scmd)
{
	u32 hwq = blk_mq_unique_tag_to_hwq(blk_mq_unique_tag(scsi_cmd_to_rq(scmd)));
	unsigned int nchan = storvsc_nchan(sd);
	struct storvsc_chan *sc = sd->chans[hwq % nchan];
	struct storvsc_chan *best = sc;
	unsigned int i;

	if (atomic_read(&sc->inflight) < sc->depth * 3 / 4)
		return sc;
	for (i = 0; i < nchan; i++) {
		struct storvsc_chan *c = sd->chans[i];

		if (atomic_read(&c->inflight) < atomic_read(&best->inflight))
			best = c;
	}
	if (best != sc)
		atomic64_inc(&sc->stats.fallback);
	return best;
}

/* May another channel take a request that @err refused on one? */
static bool storvsc_send_elsewhere(int err)
{
	return err == -EAGAIN || err == -ENODEV || err == -ENOTCONN;
}

/* Send @cmd on @sc. 0, or the send error with the id given back. */
static int storvsc_send(struct storvsc_chan *sc, struct storvsc_cmd *cmd,
			int len, u32 npfn, u32 first_off)
{
	struct lumen_chan_range range = {
		.len = cmd->xfer_len,
		.offset = first_off,
		.npfn = npfn,
		.pfns = cmd->pfns,
	};
	unsigned long flags;
	u64 id, cookie;
	int ret;

	cookie = (u64)cmd->seq << 32 |
		 blk_mq_unique_tag(scsi_cmd_to_rq(cmd->scmd));
	spin_lock_irqsave(&sc->lock, flags);
	ret = lumen_rqst_get(&sc->rqst, cookie, &id);
	spin_unlock_irqrestore(&sc->lock, flags);
	if (ret)
		return -EAGAIN;
	cmd->sc = sc;
	atomic_inc(&sc->inflight);
	if (npfn)
		ret = lumen_chan_send_gpa(sc->chan, &range, 1, &cmd->pkt, len,
					  id);
	else
		ret = lumen_chan_send(sc->chan, &cmd->pkt, len, id, true);
	if (!ret) {
		atomic64_inc(&sc->stats.sent);
		return 0;
	}
	/*
	 * Not sent. Whoever frees the id owns the command: if a rescind
	 * drained the table meanwhile, it completed the command already.
	 */
	spin_lock_irqsave(&sc->lock, flags);
	if (lumen_rqst_put(&sc->rqst, id, &cookie))
		ret = -EINPROGRESS;
	spin_unlock_irqrestore(&sc->lock, flags);
	if (ret != -EINPROGRESS)
		atomic_dec(&sc->inflight);
	if (ret == -EAGAIN)
		atomic64_inc(&sc->stats.busy);
	return ret;
}

/**
 * storvsc_queuecommand() - the SCSI host's queuecommand
 * @shost: the controller's SCSI host.
 * @scmd: the command.
 *
 * Context: process or softirq context (blk-mq dispatch); does not sleep.
 * Return: 0 (the command is sent or completed), or
 * %SCSI_MLQUEUE_HOST_BUSY when every ring is full.
 */
int storvsc_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *scmd)
{
	struct storvsc_dev *sd = *(struct storvsc_dev **)shost_priv(shost);
	struct storvsc_cmd *cmd = scsi_cmd_priv(scmd);
	struct scsi_device *sdev = scmd->device;
	struct vstor_srb_desc d = {
		.port = shost->host_no,
		.path_id = sdev->channel,
		.target_id = sdev->id,
		.lun = sdev->lun,
		.cdb_len = scmd->cmd_len,
		.timeout_sec = scsi_cmd_to_rq(scmd)->timeout / HZ,
		.tagged = sdev->tagged_supported,
	};
	struct storvsc_chan *sc;
	u32 npfn = 0, first_off = 0;
	unsigned int i;
	int len, ret;

	if (READ_ONCE(sd->gone)) {
		scmd->result = VSTOR_RESULT(VSTOR_HOST_NO_CONNECT, 0);
		scsi_done(scmd);
		return 0;
	}
	switch (scmd->sc_data_direction) {
	case DMA_TO_DEVICE:
		d.data_dir = VSTOR_DIR_WRITE;
		break;
	case DMA_FROM_DEVICE:
		d.data_dir = VSTOR_DIR_READ;
		break;
	default:
		d.data_dir = VSTOR_DIR_NONE;
		break;
	}
	cmd->scmd = scmd;
	cmd->seq = atomic_inc_return(&sd->seq);
	cmd->xfer_len = scsi_bufflen(scmd);
	if (!cmd->xfer_len)
		d.data_dir = VSTOR_DIR_NONE;
	else if (d.data_dir == VSTOR_DIR_NONE)
		goto out_invalid;
	d.xfer_len = cmd->xfer_len;
	if (scmd->cmd_len > VSTOR_CDB_MAX)
		goto out_invalid;
	memcpy(d.cdb, scmd->cmnd, scmd->cmd_len);
	if (cmd->xfer_len) {
		npfn = storvsc_fill_pfns(scmd, cmd, &first_off);
		if (!npfn)
			goto out_invalid;
	}
	len = vstor_msg_build_srb(&cmd->pkt, sd->version, &d);
	if (len < 0)
		goto out_invalid;

	sc = storvsc_pick(sd, scmd);
	ret = storvsc_send(sc, cmd, len, npfn, first_off);
	/*
	 * A full ring, or a sub-channel the host rescinded (the core closed
	 * it): try each other channel once.
	 */
	for (i = 0; storvsc_send_elsewhere(ret) && i < storvsc_nchan(sd); i++)
		if (sd->chans[i] != sc)
			ret = storvsc_send(sd->chans[i], cmd, len, npfn,
					   first_off);
	if (ret == -EAGAIN)
		return SCSI_MLQUEUE_HOST_BUSY;
	if (ret && ret != -EINPROGRESS) {
		scmd->result = VSTOR_RESULT(ret == -ENODEV || ret == -ENOTCONN ?
					    VSTOR_HOST_NO_CONNECT :
					    VSTOR_HOST_ERROR, 0);
		scsi_done(scmd);
	}
	return 0;

out_invalid:
	scmd->result = VSTOR_RESULT(VSTOR_HOST_ERROR, 0);
	scsi_done(scmd);
	return 0;
}

/**
 * storvsc_complete() - finish a command with the host's completion
 * @sc: the channel it completed on.
 * @cmd: the command; its transaction id is already freed.
 * @reply: the completion (parsed by vstor_msg_parse_host()), unless @err.
 * @err: 0, or why the completion packet was rejected.
 *
 * A completion that fails vstor_msg_parse_srb_completion() (bogus status,
 * more data than requested, oversized sense) or whose packet was malformed
 * fails the command with DID_ERROR and a full residual: nothing it claims
 * is believed.
 *
 * Context: softirq (channel callback).
 */
static void storvsc_complete(struct storvsc_chan *sc, struct storvsc_cmd *cmd,
			     const struct vstor_pkt *reply, int err)
{
	struct scsi_cmnd *scmd = cmd->scmd;
	struct storvsc_dev *sd = sc->sd;
	u8 opcode = cmd->pkt.srb.cdb[0];
	struct vstor_srb_result res;
	struct vstor_verdict v;

	if (!err) {
		err = vstor_msg_parse_srb_completion(reply, sd->version, opcode,
						     cmd->xfer_len, &res);
		if (err) {
			atomic64_inc(&sc->stats.bad_pkt);
			storvsc_log_bad(sd, "SRB completion", err);
		}
	}
	if (err) {
		storvsc_cmd_fail(cmd, VSTOR_HOST_ERROR);
		return;
	}
	atomic64_inc(&sc->stats.completed);
	vstor_msg_map_result(&res, opcode, cmd->xfer_len, &v);
	if (res.srb_status != VSTOR_SRB_SUCCESS || res.scsi_status) {
		atomic64_inc(&sc->stats.errors);
		/*
		 * A CHECK CONDITION the midlayer gets with its sense (an
		 * unsupported page or opcode while probing) is its to report.
		 */
		if (host_byte(v.result) != DID_OK || v.action)
			dev_warn_ratelimited(&sd->vdev->dev,
					     "cmd %#x: srb %#x scsi %#x\n",
					     opcode, res.srb_status,
					     res.scsi_status);
		else
			dev_dbg(&sd->vdev->dev, "cmd %#x: srb %#x scsi %#x\n",
				opcode, res.srb_status, res.scsi_status);
	}
	if (v.sense_len)
		memcpy(scmd->sense_buffer, res.sense, v.sense_len);
	scmd->result = v.result;
	scsi_set_resid(scmd, v.resid);
	if (v.action != VSTOR_ACTION_NONE)
		storvsc_queue_lun_work(sd, v.action, scmd->device->channel,
				       scmd->device->id, scmd->device->lun);
	scsi_done(scmd);
}

static void storvsc_on_completion(struct storvsc_chan *sc,
				  const struct lumen_chan_pkt *p)
{
	struct storvsc_dev *sd = sc->sd;
	struct storvsc_cmd *cmd;
	struct vstor_pkt reply;
	u64 cookie;
	int ret, err;

	err = vstor_msg_parse_host(p->data, p->len,
				   vstor_msg_pkt_size(sd->version), &reply);
	spin_lock(&sc->lock);
	ret = lumen_rqst_put(&sc->rqst, p->trans_id, &cookie);
	spin_unlock(&sc->lock);
	if (ret) {
		atomic64_inc(&sc->stats.bad_id);
		storvsc_log_bad(sd, "completion id", ret);
		return;
	}
	atomic_dec(&sc->inflight);
	cmd = storvsc_cmd_of(sd, cookie);
	if (!cmd) {
		/* Answered after the error handler gave the command up. */
		atomic64_inc(&sc->stats.bad_id);
		storvsc_log_bad(sd, "late completion", -ESTALE);
		return;
	}
	if (err) {
		atomic64_inc(&sc->stats.bad_pkt);
		storvsc_log_bad(sd, "completion", err);
	}
	storvsc_complete(sc, cmd, &reply, err);
}

/* Handle one received packet. */
static void storvsc_on_packet(struct storvsc_chan *sc,
			      const struct lumen_chan_pkt *p)
{
	struct storvsc_dev *sd = sc->sd;
	struct vstor_pkt pkt;
	int ret;

	if (p->trans_id == 0) {
		u32 min = vstor_msg_pkt_size(sd->version);

		ret = vstor_msg_parse_host(p->data, p->len, min, &pkt);
		if (ret) {
			atomic64_inc(&sd->bad_notify);
			storvsc_log_bad(sd, "notification", ret);
			return;
		}
		storvsc_notify(sd, &pkt);
	} else if (p->type != VMBUS_PKT_COMP) {
		atomic64_inc(&sc->stats.bad_pkt);
		storvsc_log_bad(sd, "packet type", -EBADRQC);
	} else if (storvsc_is_exec_id(p->trans_id)) {
		storvsc_on_init_reply(sc, p);
	} else {
		storvsc_on_completion(sc, p);
	}
}

/**
 * storvsc_on_channel() - channel callback: drain the receive ring
 * @ctx: the &struct storvsc_chan.
 *
 * Completions with an init/reset id wake the init waiter,
 * transaction id 0 carries host notifications, any other id is an SRB
 * completion looked up in the channel's table.
 *
 * A packet the host writes after our last look is not lost: the core
 * runs this callback again when the ring is not empty once it unmasks
 * the host's signals.
 *
 * Context: softirq, on the channel's target CPU.
 */
static void storvsc_on_channel(void *ctx)
{
	struct storvsc_chan *sc = ctx;
	struct lumen_chan_pkt p;
	int ret;

	while ((ret = lumen_chan_recv(sc->chan, sc->rxbuf, sizeof(sc->rxbuf),
				      &p)) == 0)
		storvsc_on_packet(sc, &p);
	lumen_chan_recv_done(sc->chan);
	if (ret == -EMSGSIZE) {
		/* Larger than any VSTOR packet: the host is broken. */
		atomic64_inc(&sc->stats.bad_pkt);
		storvsc_log_bad(sc->sd, "oversized packet", ret);
	}
}

/**
 * storvsc_chan_setup() - allocate the state of a channel and open it
 * @sd: the controller.
 * @chan: the VMBus channel (primary or sub-channel).
 * @index: its place in &storvsc_dev.chans.
 *
 * The ring holds (ring size - 4 KiB) / 360 requests; the transaction-id
 * table is that big. The channel is open when this returns 0, and is
 * published in @sd->chans[@index] (the caller bumps &storvsc_dev.nchan).
 *
 * Context: process context, sleeps; the caller holds
 * &storvsc_dev.chan_lock.
 * Return: 0, -ENOMEM, or the error of lumen_chan_open().
 */
int storvsc_chan_setup(struct storvsc_dev *sd, struct lumen_chan *chan,
		       unsigned int index)
{
	struct storvsc_chan *sc;
	u8 userdata[24] = { };
	int ret;

	lockdep_assert_held(&sd->chan_lock);
	sc = kzalloc(sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return -ENOMEM;
	sc->sd = sd;
	sc->chan = chan;
	sc->index = index;
	spin_lock_init(&sc->lock);
	atomic_set(&sc->inflight, 0);
	sc->depth = min_t(u32, (sd->ring_size - 4096) / STORVSC_RING_PER_REQ,
			  LUMEN_RQST_MAX_SIZE);
	sc->slots = kvmalloc(lumen_rqst_slots_size(sc->depth), GFP_KERNEL);
	ret = -ENOMEM;
	if (!sc->slots)
		goto out_free_sc;
	ret = lumen_rqst_init(&sc->rqst, sc->depth, sc->slots);
	if (ret)
		goto out_free_slots;
	sd->chans[index] = sc;
	ret = lumen_chan_open(chan, sd->ring_size, sd->ring_size, userdata,
			      sizeof(userdata), storvsc_on_channel, sc);
	if (ret)
		goto out_unpublish;
	WRITE_ONCE(sc->open, true);
	return 0;

out_unpublish:
	sd->chans[index] = NULL;
out_free_slots:
	kvfree(sc->slots);
out_free_sc:
	kfree(sc);
	return ret;
}

/**
 * storvsc_chan_teardown() - close a channel and free its state
 * @sc: the channel; every request on it must be finished.
 *
 * Context: process context, sleeps.
 */
void storvsc_chan_teardown(struct storvsc_chan *sc)
{
	WRITE_ONCE(sc->open, false);
	lumen_chan_close(sc->chan);
	kvfree(sc->slots);
	kfree(sc);
}
