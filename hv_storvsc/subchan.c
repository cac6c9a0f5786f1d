// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc multi-channel: CREATE_SUB_CHANNELS with the in-box count rule
 * (one channel per online CPU, within the host's and our own limits) and
 * the sub-channel offers that follow, each opened like the primary. The
 * controller list maps a primary channel back to its controller.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

#include "storvsc.h"

/* Every controller; protected by storvsc_devs_lock. */
static LIST_HEAD(storvsc_devs);
static DEFINE_MUTEX(storvsc_devs_lock);

/**
 * storvsc_register() - make a controller findable by its primary channel
 * @sd: the controller, its primary channel set up.
 *
 * Context: process context, sleeps.
 */
void storvsc_register(struct storvsc_dev *sd)
{
	mutex_lock(&storvsc_devs_lock);
	list_add_tail(&sd->node, &storvsc_devs);
	mutex_unlock(&storvsc_devs_lock);
}

/**
 * storvsc_unregister() - forget a controller
 * @sd: the controller.
 *
 * After this returns no sub-channel callback uses @sd.
 *
 * Context: process context, sleeps.
 */
void storvsc_unregister(struct storvsc_dev *sd)
{
	mutex_lock(&storvsc_devs_lock);
	list_del(&sd->node);
	mutex_unlock(&storvsc_devs_lock);
}

/**
 * storvsc_find() - the controller whose primary channel is @primary
 * @primary: a primary channel.
 *
 * Context: process context; the caller holds storvsc_devs_lock.
 * Return: the controller, or NULL.
 */
struct storvsc_dev *storvsc_find(struct lumen_chan *primary)
{
	struct storvsc_dev *sd;

	lockdep_assert_held(&storvsc_devs_lock);
	list_for_each_entry(sd, &storvsc_devs, node)
		if (sd->vdev->chan == primary)
			return sd;
	return NULL;
}

/**
 * storvsc_sub_channel() - the host offered a sub-channel
 * @primary: the controller's primary channel.
 * @sub: the new sub-channel.
 *
 * The channel is opened from &storvsc_dev.sub_work: opening waits for
 * the host's answers, which arrive through the workqueue this runs on.
 * Sub-channels beyond what was asked for, or offered while the controller
 * goes away, are left closed.
 *
 * Context: process context (hv_vmbus's sub-channel workqueue).
 */
void storvsc_sub_channel(struct lumen_chan *primary, struct lumen_chan *sub)
{
	struct storvsc_dev *sd;

	mutex_lock(&storvsc_devs_lock);
	sd = storvsc_find(primary);
	if (!sd)
		goto out;
	mutex_lock(&sd->chan_lock);
	if (READ_ONCE(sd->removing) ||
	    sd->nchan + sd->npending > sd->nsub_wanted) {
		dev_warn(&sd->vdev->dev, "unexpected sub-channel %u\n",
			 lumen_chan_relid(sub));
	} else {
		sd->sub_pending[sd->npending++] = sub;
		queue_work(system_unbound_wq, &sd->sub_work);
	}
	mutex_unlock(&sd->chan_lock);
out:
	mutex_unlock(&storvsc_devs_lock);
}

/**
 * storvsc_sub_work() - open the sub-channels the host offered
 * @work: &storvsc_dev.sub_work.
 *
 * Each opened channel becomes usable at once: requests pick channels
 * among the first &storvsc_dev.nchan.
 *
 * Context: process context (system_unbound_wq); sleeps.
 */
void storvsc_sub_work(struct work_struct *work)
{
	struct storvsc_dev *sd = container_of(work, struct storvsc_dev,
					      sub_work);
	struct lumen_chan *sub;
	unsigned int idx;
	int ret;

	mutex_lock(&sd->chan_lock);
	while (sd->npending && !READ_ONCE(sd->removing)) {
		sub = sd->sub_pending[--sd->npending];
		idx = sd->nchan;
		ret = storvsc_chan_setup(sd, sub, idx);
		if (ret) {
			dev_warn(&sd->vdev->dev, "sub-channel %u: %d\n",
				 lumen_chan_relid(sub), ret);
			continue;
		}
		/* Pairs with READ_ONCE(nchan) readers: chans[idx] first. */
		smp_store_release(&sd->nchan, idx + 1);
	}
	mutex_unlock(&sd->chan_lock);
}

/**
 * storvsc_subchan_request() - ask the host for sub-channels
 * @sd: the controller, initialised.
 *
 * Only when the host reported multi-channel support and the controller is
 * not IDE. The offers arrive later (storvsc_sub_channel()); the
 * controller starts on the primary alone.
 *
 * Context: process context, sleeps.
 * Return: 0 (also when none were asked for or the host refused), or an
 * error of the request.
 */
int storvsc_subchan_request(struct storvsc_dev *sd)
{
	u32 flags = le32_to_cpu(sd->props.flags);
	struct vstor_pkt pkt;
	u16 count;
	int len, ret;

	if (sd->ide || !(flags & VSTOR_CHAN_PROP_MULTI_CHANNEL))
		return 0;
	count = vstor_msg_sub_channel_count(num_online_cpus(),
					    le16_to_cpu(sd->props.max_sub_channels),
					    storvsc_max_sub_channels);
	count = min_t(u16, count, STORVSC_MAX_CHANNELS - 1);
	if (!count)
		return 0;
	len = vstor_msg_build_sub_channels(&pkt, count);
	if (len < 0)
		return len;
	mutex_lock(&sd->chan_lock);
	sd->nsub_wanted = count;
	mutex_unlock(&sd->chan_lock);
	ret = storvsc_exec(sd, &pkt, len);
	if (!ret && le32_to_cpu(pkt.status) != VSTOR_NT_SUCCESS) {
		dev_warn(&sd->vdev->dev, "sub-channels refused: %#x\n",
			 le32_to_cpu(pkt.status));
		ret = 0;
		count = 0;
	}
	if (ret)
		count = 0;
	mutex_lock(&sd->chan_lock);
	sd->nsub_wanted = count;
	mutex_unlock(&sd->chan_lock);
	return ret;
}
