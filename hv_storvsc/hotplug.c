// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc hot-plug: ENUMERATE_BUS and REMOVE_DEVICE from the host make
 * us rescan the bus from a work item (TEST UNIT READY every known LUN,
 * removing those that are gone, then a REPORT LUNS scan); completions that
 * say a LUN is gone or changed queue a per-LUN work item.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <scsi/scsi.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_host.h>

#include "storvsc.h"

#define STORVSC_TUR_TIMEOUT	(10 * HZ)
/* ASC of LOGICAL UNIT NOT SUPPORTED. */
#define STORVSC_ASC_LUN_NOT_SUPPORTED	0x25

struct storvsc_lun_work {
	struct work_struct work;
	struct storvsc_dev *sd;
	u8 action;
	u8 channel;
	u8 target;
	u8 lun;
};

/* Queue @work unless the controller is going away; false if not queued. */
static bool storvsc_queue(struct storvsc_dev *sd, struct work_struct *work)
{
	struct storvsc_chan *sc = sd->chans[0];
	unsigned long flags;
	bool queued = false;

	spin_lock_irqsave(&sc->lock, flags);
	if (!sd->removing && sd->wq)
		queued = queue_work(sd->wq, work);
	spin_unlock_irqrestore(&sc->lock, flags);
	return queued;
}

/**
 * storvsc_notify() - handle an unsolicited host packet
 * @sd: the controller.
 * @pkt: the packet (transaction id 0), parsed.
 *
 * Context: softirq (channel callback).
 */
void storvsc_notify(struct storvsc_dev *sd, const struct vstor_pkt *pkt)
{
	switch (le32_to_cpu(pkt->operation)) {
	case VSTOR_OP_ENUMERATE_BUS:
	case VSTOR_OP_REMOVE_DEVICE:
		storvsc_queue(sd, &sd->scan_work);
		break;
	case VSTOR_OP_FC_HBA_DATA:
		/* Not a Fibre Channel controller: nothing to update. */
		break;
	default:
		atomic64_inc(&sd->bad_notify);
		storvsc_log_bad(sd, "notification operation", -EBADRQC);
		break;
	}
}

/**
 * storvsc_scan_work() - rescan the bus after a host notification
 * @work: &storvsc_dev.scan_work.
 *
 * Context: process context (the controller's workqueue).
 */
void storvsc_scan_work(struct work_struct *work)
{
	struct storvsc_dev *sd = container_of(work, struct storvsc_dev,
					      scan_work);
	struct Scsi_Host *shost = sd->shost;
	struct scsi_device *sdev;

	if (sd->ide)
		return;
	shost_for_each_device(sdev, shost) {
		struct scsi_sense_hdr sshdr = { };
		int ret;

		ret = scsi_test_unit_ready(sdev, STORVSC_TUR_TIMEOUT, 1, &sshdr);
		if ((ret > 0 && host_byte(ret) == DID_NO_CONNECT) ||
		    (scsi_sense_valid(&sshdr) &&
		     sshdr.asc == STORVSC_ASC_LUN_NOT_SUPPORTED)) {
			dev_info(&sd->vdev->dev, "LUN %u:%u:%llu gone\n",
				 sdev->channel, sdev->id, sdev->lun);
			scsi_remove_device(sdev);
		}
	}
	scsi_scan_host(shost);
}

static void storvsc_lun_work(struct work_struct *work)
{
	struct storvsc_lun_work *w = container_of(work, struct storvsc_lun_work,
						  work);
	struct scsi_device *sdev;

	sdev = scsi_device_lookup(w->sd->shost, w->channel, w->target, w->lun);
	if (sdev) {
		if (w->action == VSTOR_ACTION_REMOVE_LUN)
			scsi_remove_device(sdev);
		else
			scsi_rescan_device(sdev);
		scsi_device_put(sdev);
	}
	kfree(w);
}

/**
 * storvsc_queue_lun_work() - remove or rescan one LUN from a work item
 * @sd: the controller.
 * @action: %VSTOR_ACTION_REMOVE_LUN or %VSTOR_ACTION_RESCAN.
 * @channel: SCSI channel of the LUN.
 * @target: its target.
 * @lun: the LUN.
 *
 * Dropped when memory is short or the controller is going away.
 *
 * Context: any context.
 */
void storvsc_queue_lun_work(struct storvsc_dev *sd, u8 action, u8 channel,
			    u8 target, u8 lun)
{
	struct storvsc_lun_work *w = kzalloc(sizeof(*w), GFP_ATOMIC);

	if (!w)
		return;
	INIT_WORK(&w->work, storvsc_lun_work);
	w->sd = sd;
	w->action = action;
	w->channel = channel;
	w->target = target;
	w->lun = lun;
	if (!storvsc_queue(sd, &w->work))
		kfree(w);
}
