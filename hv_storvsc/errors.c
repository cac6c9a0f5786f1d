// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc error handling: VSTOR cannot abort one request, so the error
 * handler escalates to resets, which go through the protocol's RESET_BUS;
 * a rescind fails every outstanding command.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ratelimit.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_host.h>

#include "storvsc.h"

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
		storvsc_cmd_fail(cmd, VSTOR_HOST_NO_CONNECT);
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
