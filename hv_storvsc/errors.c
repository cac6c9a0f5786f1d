// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc completions and error handling: a completion becomes a
 * midlayer result through the pure mapping in vstor_msg.c; malformed
 * completions fail their command with DID_ERROR and never report data;
 * resets go through the protocol's RESET_BUS; a rescind fails every
 * outstanding command.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ratelimit.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_host.h>

#include "storvsc.h"

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
void storvsc_complete(struct storvsc_chan *sc, struct storvsc_cmd *cmd,
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
		scmd->result = VSTOR_RESULT(VSTOR_HOST_ERROR, 0);
		scsi_set_resid(scmd, cmd->xfer_len);
		scsi_done(scmd);
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

struct storvsc_drain_ctx {
	struct storvsc_chan *sc;
	struct list_head cmds;
};

static void storvsc_drain_one(void *ctx, u64 id, u64 cookie)
{
	struct storvsc_drain_ctx *dc = ctx;
	struct storvsc_cmd *cmd = storvsc_cmd_of(dc->sc->sd, cookie);

	atomic_dec(&dc->sc->inflight);
	if (cmd)
		list_add_tail(&cmd->drain, &dc->cmds);
}

/* Free every outstanding id and fail the commands still waiting on one. */
static u32 storvsc_drain(struct storvsc_dev *sd)
{
	struct storvsc_drain_ctx dc = { };
	struct storvsc_cmd *cmd, *tmp;
	unsigned long flags;
	unsigned int i;
	u32 n = 0;

	INIT_LIST_HEAD(&dc.cmds);
	for (i = 0; i < storvsc_nchan(sd); i++) {
		dc.sc = sd->chans[i];
		spin_lock_irqsave(&dc.sc->lock, flags);
		n += lumen_rqst_drain(&dc.sc->rqst, storvsc_drain_one, &dc);
		spin_unlock_irqrestore(&dc.sc->lock, flags);
	}
	/* Completed outside the channel locks: scsi_done() may dispatch. */
	list_for_each_entry_safe(cmd, tmp, &dc.cmds, drain) {
		list_del(&cmd->drain);
		cmd->scmd->result = VSTOR_RESULT(VSTOR_HOST_NO_CONNECT, 0);
		scsi_set_resid(cmd->scmd, cmd->xfer_len);
		scsi_done(cmd->scmd);
	}
	return n;
}

/**
 * storvsc_fail_all() - fail every outstanding command of a controller
 * @sd: the controller, marked &storvsc_dev.gone so nothing new is sent.
 *
 * Used when the host rescinded the controller: it will answer nothing
 * more, so each outstanding command ends now with DID_NO_CONNECT. A
 * completion racing with this finds its id free and is dropped.
 *
 * Context: process context.
 */
void storvsc_fail_all(struct storvsc_dev *sd)
{
	u32 n = storvsc_drain(sd);

	if (n)
		dev_info(&sd->vdev->dev, "failed %u outstanding commands\n", n);
}

/**
 * storvsc_eh_abort() - abort one command
 * @scmd: the timed-out command.
 *
 * VSTOR has no way to abort one request; the error handler escalates to
 * the reset handlers, which do the work.
 *
 * Context: SCSI error handler thread.
 * Return: FAILED.
 */
int storvsc_eh_abort(struct scsi_cmnd *scmd)
{
	return FAILED;
}

static int storvsc_reset(struct Scsi_Host *shost)
{
	struct storvsc_dev *sd = *(struct storvsc_dev **)shost_priv(shost);
	struct vstor_pkt pkt;
	int len, ret;

	if (READ_ONCE(sd->gone))
		return FAILED;
	atomic64_inc(&sd->resets);
	len = vstor_msg_build_simple(&pkt, VSTOR_OP_RESET_BUS);
	ret = storvsc_exec(sd, &pkt, len);
	if (!ret && le32_to_cpu(pkt.status) != VSTOR_NT_SUCCESS)
		ret = -EIO;
	if (ret) {
		dev_warn_ratelimited(&sd->vdev->dev, "bus reset failed: %d\n",
				     ret);
		return FAILED;
	}
	/*
	 * The ids of the commands the error handler now finishes stay taken
	 * until the host answers them: an id handed out again too early could
	 * take a late answer meant for the old command. The answer is then
	 * dropped, as its sequence number no longer matches.
	 */
	return SUCCESS;
}

/**
 * storvsc_eh_device_reset() - reset a LUN
 * @scmd: a command of the LUN.
 *
 * VSTOR reset requests carry no LUN address, so this resets the bus.
 *
 * Context: SCSI error handler thread.
 * Return: SUCCESS or FAILED.
 */
int storvsc_eh_device_reset(struct scsi_cmnd *scmd)
{
	return storvsc_reset(scmd->device->host);
}

/**
 * storvsc_eh_host_reset() - reset the controller
 * @scmd: a command of the host.
 *
 * Sends %VSTOR_OP_RESET_BUS and waits for the host's answer.
 *
 * Context: SCSI error handler thread.
 * Return: SUCCESS or FAILED.
 */
int storvsc_eh_host_reset(struct scsi_cmnd *scmd)
{
	return storvsc_reset(scmd->device->host);
}
