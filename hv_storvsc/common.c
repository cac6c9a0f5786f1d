// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc helpers every other file uses: the ratelimited report of bad
 * host input, the command behind a transaction-id cookie, and failing a
 * command. This file calls none of the driver's other files.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ratelimit.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_tcq.h>

#include "storvsc.h"

/**
 * storvsc_log_bad() - ratelimited report of bad host input
 * @sd: the controller.
 * @what: what was bad.
 * @err: the parser's errno.
 *
 * One ratelimit for every caller, so a host cannot flood the log.
 *
 * Context: any context.
 */
void storvsc_log_bad(struct storvsc_dev *sd, const char *what, int err)
{
	dev_warn_ratelimited(&sd->vdev->dev, "bad %s from host: %d\n", what,
			     err);
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
 * storvsc_cmd_fail() - finish a command with no data moved
 * @cmd: the command; whoever calls this freed its transaction id.
 * @host: the host byte (%VSTOR_HOST_*).
 *
 * The residual is the whole request: nothing the host may have claimed
 * about the command is believed.
 *
 * Context: any context; not under a channel's &storvsc_chan.lock
 * (scsi_done() may dispatch).
 */
void storvsc_cmd_fail(struct storvsc_cmd *cmd, u8 host)
{
	cmd->scmd->result = VSTOR_RESULT(host, 0);
	scsi_set_resid(cmd->scmd, cmd->xfer_len);
	scsi_done(cmd->scmd);
}
