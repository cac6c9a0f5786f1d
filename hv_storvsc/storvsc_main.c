// SPDX-License-Identifier: GPL-2.0
/*
 * Lumen: Hyper-V storage driver (hv_storvsc). One SCSI host per storage
 * controller the host offers (SCSI or IDE class), on blk-mq with one
 * hardware queue per VMBus channel. This file: module parameters, the SCSI
 * host template, sysfs counters, probe and remove.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <proto/guids.h>

#include "storvsc.h"

unsigned int storvsc_ring_kb = 128;
module_param_named(ring_size_kb, storvsc_ring_kb, uint, 0444);
MODULE_PARM_DESC(ring_size_kb, "Ring size per direction per channel, KiB (default 128)");

unsigned int storvsc_timeout = 60;
module_param_named(timeout, storvsc_timeout, uint, 0644);
MODULE_PARM_DESC(timeout, "Command timeout for new LUNs, seconds (default 60; per LUN: device/timeout)");

unsigned int storvsc_max_sub_channels;
module_param_named(max_sub_channels, storvsc_max_sub_channels, uint, 0444);
MODULE_PARM_DESC(max_sub_channels, "Most sub-channels per controller (default 0: one channel per CPU)");

#define STORVSC_IDE	1	/* hv_vmbus_device_id.driver_data */

static struct storvsc_dev *storvsc_from_dev(struct device *dev)
{
	return *(struct storvsc_dev **)shost_priv(class_to_shost(dev));
}

static ssize_t channel_stats_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	struct storvsc_dev *sd = storvsc_from_dev(dev);
	unsigned int i, n = storvsc_nchan(sd);
	int len = 0;

	for (i = 0; i < n; i++) {
		struct storvsc_chan *sc = sd->chans[i];
		struct storvsc_stats *s = &sc->stats;

		len += sysfs_emit_at(buf, len,
				     "chan %u relid %u depth %u inflight %d sent %lld completed %lld errors %lld bad_pkt %lld bad_id %lld busy %lld fallback %lld\n",
				     i, lumen_chan_relid(sc->chan), sc->depth,
				     atomic_read(&sc->inflight),
				     atomic64_read(&s->sent),
				     atomic64_read(&s->completed),
				     atomic64_read(&s->errors),
				     atomic64_read(&s->bad_pkt),
				     atomic64_read(&s->bad_id),
				     atomic64_read(&s->busy),
				     atomic64_read(&s->fallback));
	}
	len += sysfs_emit_at(buf, len, "bad_notify %lld resets %lld\n",
			     atomic64_read(&sd->bad_notify),
			     atomic64_read(&sd->resets));
	return len;
}
static DEVICE_ATTR_RO(channel_stats);

static ssize_t vstor_version_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	struct storvsc_dev *sd = storvsc_from_dev(dev);

	return sysfs_emit(buf, "%u.%u\n", VSTOR_VERSION_MAJOR(sd->version),
			  VSTOR_VERSION_MINOR(sd->version));
}
static DEVICE_ATTR_RO(vstor_version);

static struct attribute *storvsc_host_attrs[] = {
	&dev_attr_channel_stats.attr,
	&dev_attr_vstor_version.attr,
	NULL,
};
ATTRIBUTE_GROUPS(storvsc_host);

static int storvsc_slave_configure(struct scsi_device *sdev)
{
	struct storvsc_dev *sd = *(struct storvsc_dev **)shost_priv(sdev->host);

	blk_queue_rq_timeout(sdev->request_queue,
			     max(READ_ONCE(storvsc_timeout), 1u) * HZ);
	/* Hosts before 6.2 mishandle WRITE SAME. */
	if (sd->version < VSTOR_VERSION_6_2)
		sdev->no_write_same = 1;
	return 0;
}

static struct scsi_host_template storvsc_sht = {
	.module = THIS_MODULE,
	.name = "hv_storvsc",
	.proc_name = "hv_storvsc",
	.cmd_size = sizeof(struct storvsc_cmd),
	.queuecommand = storvsc_queuecommand,
	.eh_abort_handler = storvsc_eh_abort,
	.eh_device_reset_handler = storvsc_eh_device_reset,
	.eh_host_reset_handler = storvsc_eh_host_reset,
	.slave_configure = storvsc_slave_configure,
	.this_id = -1,
	.sg_tablesize = STORVSC_MAX_PFNS,
	.max_sectors = STORVSC_MAX_XFER >> 9,
	.virt_boundary_mask = PAGE_SIZE - 1,
	.shost_groups = storvsc_host_groups,
};

static void storvsc_close_all(struct storvsc_dev *sd)
{
	unsigned int i;

	mutex_lock(&sd->chan_lock);
	for (i = sd->nchan; i-- > 0;) {
		storvsc_chan_teardown(sd->chans[i]);
		sd->chans[i] = NULL;
	}
	WRITE_ONCE(sd->nchan, 0);
	mutex_unlock(&sd->chan_lock);
}

/* No rescan or LUN work is queued after this returns. */
static void storvsc_stop_work(struct storvsc_dev *sd)
{
	struct storvsc_chan *sc = sd->chans[0];
	unsigned long flags;

	spin_lock_irqsave(&sc->lock, flags);
	sd->removing = true;
	spin_unlock_irqrestore(&sc->lock, flags);
}

/* No sub-channel is opened after this returns. */
static void storvsc_stop_sub(struct storvsc_dev *sd)
{
	mutex_lock(&sd->chan_lock);
	WRITE_ONCE(sd->removing, true);
	mutex_unlock(&sd->chan_lock);
	cancel_work_sync(&sd->sub_work);
}

static int storvsc_probe(struct lumen_vmbus_device *vdev,
			 const struct hv_vmbus_device_id *id)
{
	struct Scsi_Host *shost;
	struct storvsc_dev *sd;
	int ret;

	shost = scsi_host_alloc(&storvsc_sht, sizeof(sd));
	if (!shost)
		return -ENOMEM;
	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	ret = -ENOMEM;
	if (!sd)
		goto out_put_host;
	*(struct storvsc_dev **)shost_priv(shost) = sd;
	sd->vdev = vdev;
	sd->shost = shost;
	sd->ide = id->driver_data == STORVSC_IDE;
	sd->ide_target = VSTOR_IDE_TARGET(vdev->instance_id.b[4],
					  vdev->instance_id.b[5]);
	sd->ring_size = PAGE_ALIGN(clamp(storvsc_ring_kb, 16u, 4096u) * 1024);
	mutex_init(&sd->chan_lock);
	mutex_init(&sd->init_lock);
	spin_lock_init(&sd->exec_lock);
	INIT_WORK(&sd->sub_work, storvsc_sub_work);
	init_completion(&sd->init_done);
	INIT_WORK(&sd->scan_work, storvsc_scan_work);
	atomic64_set(&sd->bad_notify, 0);
	atomic64_set(&sd->resets, 0);

	mutex_lock(&sd->chan_lock);
	ret = storvsc_chan_setup(sd, vdev->chan, 0);
	if (!ret)
		WRITE_ONCE(sd->nchan, 1);
	mutex_unlock(&sd->chan_lock);
	if (ret)
		goto out_free_sd;
	storvsc_register(sd);

	ret = storvsc_protocol_init(sd);
	if (ret)
		goto out_close;
	ret = storvsc_subchan_request(sd);
	if (ret)
		goto out_close;

	if (sd->ide) {
		shost->max_id = sd->ide_target + 1;
		shost->max_lun = STORVSC_IDE_MAX_LUNS;
	} else {
		shost->max_id = STORVSC_SCSI_MAX_TARGETS;
		shost->max_lun = STORVSC_SCSI_MAX_LUNS;
	}
	shost->max_channel = 0;
	shost->max_cmd_len = VSTOR_CDB_MAX;
	shost->max_sectors = sd->max_xfer >> 9;
	shost->sg_tablesize = sd->max_xfer / PAGE_SIZE + 1;
	/* One queue per channel, those still to be offered included. */
	shost->nr_hw_queues = 1 + sd->nsub_wanted;
	shost->can_queue = sd->chans[0]->depth;
	shost->cmd_per_lun = sd->chans[0]->depth;

	sd->wq = alloc_ordered_workqueue("hv_storvsc_%u", 0, shost->host_no);
	ret = -ENOMEM;
	if (!sd->wq)
		goto out_close;
	ret = scsi_add_host(shost, &vdev->dev);
	if (ret)
		goto out_destroy_wq;
	if (sd->ide) {
		ret = scsi_add_device(shost, 0, sd->ide_target, 0);
		if (ret)
			goto out_remove_host;
	} else {
		scsi_scan_host(shost);
	}
	dev_set_drvdata(&vdev->dev, shost);
	dev_info(&vdev->dev, "%s controller: host%u, %u channel(s), max transfer %u\n",
		 sd->ide ? "IDE" : "SCSI", shost->host_no, sd->nchan,
		 sd->max_xfer);
	return 0;

out_remove_host:
	scsi_remove_host(shost);
out_destroy_wq:
	storvsc_stop_work(sd);
	destroy_workqueue(sd->wq);
out_close:
	storvsc_stop_sub(sd);
	storvsc_unregister(sd);
	storvsc_close_all(sd);
out_free_sd:
	kfree(sd);
out_put_host:
	scsi_host_put(shost);
	return ret;
}

static void storvsc_remove(struct lumen_vmbus_device *vdev)
{
	struct Scsi_Host *shost = dev_get_drvdata(&vdev->dev);
	struct storvsc_dev *sd = *(struct storvsc_dev **)shost_priv(shost);

	storvsc_stop_work(sd);
	storvsc_stop_sub(sd);
	if (lumen_chan_rescinded(vdev->chan)) {
		/* The host will answer nothing more. */
		WRITE_ONCE(sd->gone, true);
		storvsc_fail_all(sd);
	}
	destroy_workqueue(sd->wq);
	scsi_remove_host(shost);
	WRITE_ONCE(sd->gone, true);
	storvsc_fail_all(sd);
	storvsc_unregister(sd);
	storvsc_close_all(sd);
	kfree(sd);
	scsi_host_put(shost);
}

static const struct hv_vmbus_device_id storvsc_ids[] = {
	{ .guid = LUMEN_GUID_SCSI },
	{ .guid = LUMEN_GUID_IDE, .driver_data = STORVSC_IDE },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, storvsc_ids);

static struct lumen_vmbus_driver storvsc_driver = {
	.name = "hv_storvsc",
	.id_table = storvsc_ids,
	.probe = storvsc_probe,
	.remove = storvsc_remove,
	.sub_channel = storvsc_sub_channel,
	/*
	 * Probe opens the channel and waits for the host's answers, which
	 * hv_vmbus delivers from the workqueue that adds hot-plugged
	 * devices: probing there synchronously would wait on itself.
	 */
	.driver.probe_type = PROBE_PREFER_ASYNCHRONOUS,
};

static int __init storvsc_init(void)
{
	return lumen_vmbus_driver_register(&storvsc_driver);
}
module_init(storvsc_init);

static void __exit storvsc_exit(void)
{
	lumen_vmbus_driver_unregister(&storvsc_driver);
}
module_exit(storvsc_exit);

MODULE_DESCRIPTION("Lumen Hyper-V storage driver (hv_storvsc)");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(LUMEN);
