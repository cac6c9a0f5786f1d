// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc I/O path: queuecommand builds an EXECUTE_SRB whose data goes
 * as one GPA-direct range over the request's own pages (no bounce copy),
 * on the channel of the submitting CPU's hardware queue, falling back to
 * the least busy channel when that ring is nearly full; the channel
 * callback receives completions and notifications.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blk-mq.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_tcq.h>
#include <proto/vmbus_ring.h>

#include "storvsc.h"

static_assert(PAGE_SIZE == 4096);

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
 * storvsc_cmd_of() - the command a transaction-id cookie stands for
 * @sd: the controller.
 * @cookie: a cookie from a channel's transaction-id table: the command's
 *	sequence number in bits 63:32, its blk-mq unique tag in bits 31:0.
 *
 * The cookie is ours, but the command may have been finished by the error
 * handler since, and its tag reused: only a started request whose
 * sequence number still matches is the one the id was handed out for.
 *
 * Context: any context.
 * Return: the command, or NULL when the id's command is gone (a late
 * completion after a reset).
 */
struct storvsc_cmd *storvsc_cmd_of(struct storvsc_dev *sd, u64 cookie)
{
	struct scsi_cmnd *scmd = scsi_host_find_tag(sd->shost, (u32)cookie);
	struct storvsc_cmd *cmd;

	if (!scmd)
		return NULL;
	cmd = scsi_cmd_priv(scmd);
	if (cmd->seq != (u32)(cookie >> 32))
		return NULL;
	return cmd;
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

/*
 * Give @reply to the outstanding init or reset request if @id is its.
 * Returns 0, -EALREADY when none is outstanding, -ESTALE for the id of an
 * earlier request (an answer late or sent twice).
 */
static int storvsc_exec_match(struct storvsc_dev *sd, u64 id,
			      const struct vstor_pkt *reply)
{
	lockdep_assert_held(&sd->exec_lock);
	if (!sd->init_wait)
		return -EALREADY;
	if (sd->init_id != id)
		return -ESTALE;
	sd->init_reply = *reply;
	sd->init_wait = false;
	complete(&sd->init_done);
	return 0;
}

/*
 * An answer with an init/reset id: for the outstanding request only if it
 * came on the primary, where the request went, with that request's id.
 */
static void storvsc_on_init_reply(struct storvsc_chan *sc,
				  const struct lumen_chan_pkt *p)
{
	struct storvsc_dev *sd = sc->sd;
	struct vstor_pkt reply;
	int ret;

	if (sc->index) {
		atomic64_inc(&sc->stats.bad_id);
		storvsc_log_bad(sd, "init completion on a sub-channel", -EXDEV);
		return;
	}
	ret = vstor_msg_parse_init_reply(p->data, p->len, &reply);
	if (ret) {
		atomic64_inc(&sc->stats.bad_pkt);
		storvsc_log_bad(sd, "init completion", ret);
		return;
	}
	spin_lock(&sd->exec_lock);
	ret = storvsc_exec_match(sd, p->trans_id, &reply);
	spin_unlock(&sd->exec_lock);
	if (ret) {
		atomic64_inc(&sc->stats.bad_id);
		storvsc_log_bad(sd, "unexpected init completion", ret);
	}
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
void storvsc_on_channel(void *ctx)
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
