// SPDX-License-Identifier: GPL-2.0
/*
 * hv_vmbus: the vmbus bus. Each primary channel offer is a device named by
 * its instance GUID; drivers bind by class GUID. The uevent carries
 * MODALIAS=vmbus:<class GUID as 32 hex digits in wire byte order>, the form
 * modpost generates from MODULE_DEVICE_TABLE(vmbus, ...), so udev loads the
 * right driver.
 *
 * sysfs, per device: class_id, device_id, relid, target_cpu (writable:
 * MODIFYCHANNEL), monitor_id, ring_read_avail, ring_write_avail,
 * interrupts, signals, bad_packets (all of the primary channel); and per
 * channel, sub-channels included, channels/<relid>/ with target_cpu,
 * monitor_id, sub_index, ring_read_avail, ring_write_avail, interrupts,
 * signals, bad_packets.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include <lumen/compat.h>
#include "channel.h"
#include "core.h"

static struct lumen_chan *vmbus_dev_chan(struct device *dev)
{
	return to_lumen_vmbus_device(dev)->chan;
}

/*
 * Per-channel sysfs: /sys/bus/vmbus/devices/<instance>/channels/<relid>/,
 * for the primary and every sub-channel.
 */
struct vmbus_chan_attr {
	struct attribute attr;
	ssize_t (*show)(struct lumen_chan *chan, char *buf);
	ssize_t (*store)(struct lumen_chan *chan, const char *buf, size_t n);
};

static ssize_t chan_target_cpu_show(struct lumen_chan *chan, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(chan->target_cpu));
}

static ssize_t chan_monitor_id_show(struct lumen_chan *chan, char *buf)
{
	if (!(chan->offer.monitor_flags & VMBUS_MSG_OFFER_MONITOR_ALLOCATED))
		return sysfs_emit(buf, "none\n");
	return sysfs_emit(buf, "%u\n", chan->offer.monitor_id);
}

static ssize_t chan_sub_index_show(struct lumen_chan *chan, char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  le16_to_cpu(chan->offer.sub_channel_index));
}

static ssize_t chan_ring_avail(struct lumen_chan *chan, char *buf, bool rd)
{
	u32 avail = 0;

	mutex_lock(&chan->lock);
	if (chan->state == VMBUS_CHAN_OPEN)
		avail = rd ? lumen_ring_bytes_to_read(&chan->recv) :
			     lumen_ring_bytes_to_write(&chan->send);
	mutex_unlock(&chan->lock);
	return sysfs_emit(buf, "%u\n", avail);
}

static ssize_t chan_ring_read_avail_show(struct lumen_chan *chan, char *buf)
{
	return chan_ring_avail(chan, buf, true);
}

static ssize_t chan_ring_write_avail_show(struct lumen_chan *chan, char *buf)
{
	return chan_ring_avail(chan, buf, false);
}

static ssize_t chan_interrupts_show(struct lumen_chan *chan, char *buf)
{
	return sysfs_emit(buf, "%lld\n", atomic64_read(&chan->interrupts));
}

static ssize_t chan_signals_show(struct lumen_chan *chan, char *buf)
{
	return sysfs_emit(buf, "%lld\n", atomic64_read(&chan->signals));
}

static ssize_t chan_bad_packets_show(struct lumen_chan *chan, char *buf)
{
	return sysfs_emit(buf, "%lld\n", atomic64_read(&chan->bad_packets));
}

static struct vmbus_chan_attr chan_attr_target_cpu =
	__ATTR(target_cpu, 0444, chan_target_cpu_show, NULL);
static struct vmbus_chan_attr chan_attr_monitor_id =
	__ATTR(monitor_id, 0444, chan_monitor_id_show, NULL);
static struct vmbus_chan_attr chan_attr_sub_index =
	__ATTR(sub_index, 0444, chan_sub_index_show, NULL);
static struct vmbus_chan_attr chan_attr_ring_read_avail =
	__ATTR(ring_read_avail, 0444, chan_ring_read_avail_show, NULL);
static struct vmbus_chan_attr chan_attr_ring_write_avail =
	__ATTR(ring_write_avail, 0444, chan_ring_write_avail_show, NULL);
static struct vmbus_chan_attr chan_attr_interrupts =
	__ATTR(interrupts, 0444, chan_interrupts_show, NULL);
static struct vmbus_chan_attr chan_attr_signals =
	__ATTR(signals, 0444, chan_signals_show, NULL);
static struct vmbus_chan_attr chan_attr_bad_packets =
	__ATTR(bad_packets, 0444, chan_bad_packets_show, NULL);

static struct attribute *vmbus_chan_attrs[] = {
	&chan_attr_target_cpu.attr,
	&chan_attr_monitor_id.attr,
	&chan_attr_sub_index.attr,
	&chan_attr_ring_read_avail.attr,
	&chan_attr_ring_write_avail.attr,
	&chan_attr_interrupts.attr,
	&chan_attr_signals.attr,
	&chan_attr_bad_packets.attr,
	NULL,
};
ATTRIBUTE_GROUPS(vmbus_chan);

static ssize_t vmbus_chan_attr_show(struct kobject *kobj,
				    struct attribute *attr, char *buf)
{
	struct vmbus_chan_attr *a = container_of(attr, struct vmbus_chan_attr,
						 attr);

	return a->show(container_of(kobj, struct lumen_chan, kobj), buf);
}

static const struct sysfs_ops vmbus_chan_sysfs_ops = {
	.show = vmbus_chan_attr_show,
};

static void vmbus_chan_kobj_release(struct kobject *kobj)
{
	vmbus_chan_put(container_of(kobj, struct lumen_chan, kobj));
}

static const struct kobj_type vmbus_chan_ktype = {
	.sysfs_ops = &vmbus_chan_sysfs_ops,
	.release = vmbus_chan_kobj_release,
	.default_groups = vmbus_chan_groups,
};

/**
 * vmbus_chan_sysfs_add() - Create channels/<relid> under the device.
 * @chan: a primary with its device, or a sub-channel of one.
 *
 * Context: process context (a device workqueue); for a sub-channel, with
 * the primary's lock held.
 */
void vmbus_chan_sysfs_add(struct lumen_chan *chan)
{
	struct lumen_chan *primary = chan->primary ? chan->primary : chan;
	struct lumen_vmbus_device *vdev = primary->device;

	if (!vdev || !vdev->channels_kobj)
		return;
	kref_get(&chan->ref);
	if (kobject_init_and_add(&chan->kobj, &vmbus_chan_ktype,
				 vdev->channels_kobj, "%u", chan->relid)) {
		kobject_put(&chan->kobj);
		return;
	}
	chan->kobj_added = true;
}

/**
 * vmbus_chan_sysfs_remove() - Remove the channel's sysfs directory.
 * @chan: the channel.
 *
 * Context: process context.
 */
void vmbus_chan_sysfs_remove(struct lumen_chan *chan)
{
	if (!chan->kobj_added)
		return;
	chan->kobj_added = false;
	kobject_del(&chan->kobj);
	kobject_put(&chan->kobj);
}

static ssize_t class_id_show(struct device *dev, struct device_attribute *a,
			     char *buf)
{
	return sysfs_emit(buf, "{%pUl}\n", &to_lumen_vmbus_device(dev)->class_id);
}
static DEVICE_ATTR_RO(class_id);

static ssize_t device_id_show(struct device *dev, struct device_attribute *a,
			      char *buf)
{
	return sysfs_emit(buf, "{%pUl}\n",
			  &to_lumen_vmbus_device(dev)->instance_id);
}
static DEVICE_ATTR_RO(device_id);

static ssize_t relid_show(struct device *dev, struct device_attribute *a,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n", vmbus_dev_chan(dev)->relid);
}
static DEVICE_ATTR_RO(relid);

/* The primary channel's attributes, also at the top of the device. */
static ssize_t target_cpu_show(struct device *dev, struct device_attribute *a,
			       char *buf)
{
	return chan_target_cpu_show(vmbus_dev_chan(dev), buf);
}

static ssize_t target_cpu_store(struct device *dev, struct device_attribute *a,
				const char *buf, size_t count)
{
	unsigned int cpu;
	int ret;

	ret = kstrtouint(buf, 0, &cpu);
	if (!ret)
		ret = vmbus_chan_retarget(vmbus_dev_chan(dev), cpu);
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(target_cpu);

static ssize_t monitor_id_show(struct device *dev, struct device_attribute *a,
			       char *buf)
{
	return chan_monitor_id_show(vmbus_dev_chan(dev), buf);
}
static DEVICE_ATTR_RO(monitor_id);

static ssize_t ring_read_avail_show(struct device *dev,
				    struct device_attribute *a, char *buf)
{
	return chan_ring_read_avail_show(vmbus_dev_chan(dev), buf);
}
static DEVICE_ATTR_RO(ring_read_avail);

static ssize_t ring_write_avail_show(struct device *dev,
				     struct device_attribute *a, char *buf)
{
	return chan_ring_write_avail_show(vmbus_dev_chan(dev), buf);
}
static DEVICE_ATTR_RO(ring_write_avail);

static ssize_t interrupts_show(struct device *dev, struct device_attribute *a,
			       char *buf)
{
	return chan_interrupts_show(vmbus_dev_chan(dev), buf);
}
static DEVICE_ATTR_RO(interrupts);

static ssize_t signals_show(struct device *dev, struct device_attribute *a,
			    char *buf)
{
	return chan_signals_show(vmbus_dev_chan(dev), buf);
}
static DEVICE_ATTR_RO(signals);

static ssize_t bad_packets_show(struct device *dev, struct device_attribute *a,
				char *buf)
{
	return chan_bad_packets_show(vmbus_dev_chan(dev), buf);
}
static DEVICE_ATTR_RO(bad_packets);

static struct attribute *vmbus_dev_attrs[] = {
	&dev_attr_class_id.attr,
	&dev_attr_device_id.attr,
	&dev_attr_relid.attr,
	&dev_attr_target_cpu.attr,
	&dev_attr_monitor_id.attr,
	&dev_attr_ring_read_avail.attr,
	&dev_attr_ring_write_avail.attr,
	&dev_attr_interrupts.attr,
	&dev_attr_signals.attr,
	&dev_attr_bad_packets.attr,
	NULL,
};
ATTRIBUTE_GROUPS(vmbus_dev);

static const struct hv_vmbus_device_id *
vmbus_match_id(const struct hv_vmbus_device_id *id, const guid_t *class_id)
{
	for (; id && !guid_is_null(&id->guid); id++)
		if (guid_equal(&id->guid, class_id))
			return id;
	return NULL;
}

static int vmbus_bus_match(struct device *dev,
			   LUMEN_BUS_MATCH_CONST struct device_driver *drv)
{
	const struct lumen_vmbus_driver *ldrv =
		container_of(drv, struct lumen_vmbus_driver, driver);

	return !!vmbus_match_id(ldrv->id_table,
				&to_lumen_vmbus_device(dev)->class_id);
}

static int vmbus_bus_uevent(LUMEN_BUS_UEVENT_CONST struct device *dev,
			    struct kobj_uevent_env *env)
{
	const struct lumen_vmbus_device *vdev =
		container_of(dev, struct lumen_vmbus_device, dev);

	return add_uevent_var(env, "MODALIAS=vmbus:%*phN", 16,
			      vdev->class_id.b);
}

static int vmbus_bus_probe(struct device *dev)
{
	struct lumen_vmbus_driver *drv =
		container_of(dev->driver, struct lumen_vmbus_driver, driver);
	struct lumen_vmbus_device *vdev = to_lumen_vmbus_device(dev);
	int ret;

	vmbus_chan_bind(vdev->chan);
	ret = drv->probe(vdev, vmbus_match_id(drv->id_table, &vdev->class_id));
	/* A failed probe is an unbind without remove: no hand-over after. */
	if (ret)
		vmbus_chan_unbind_begin(vdev->chan);
	return ret;
}

static void vmbus_bus_remove(struct device *dev)
{
	struct lumen_vmbus_driver *drv =
		container_of(dev->driver, struct lumen_vmbus_driver, driver);
	struct lumen_chan *chan = vmbus_dev_chan(dev);

	vmbus_chan_unbind_begin(chan);
	if (drv->remove)
		drv->remove(to_lumen_vmbus_device(dev));
}

static LUMEN_BUS_CONST struct lumen_bus_type vmbus_bus = {
	.name = "vmbus",
	.match = vmbus_bus_match,
	.uevent = vmbus_bus_uevent,
	.probe = vmbus_bus_probe,
	.remove = vmbus_bus_remove,
	.dev_groups = vmbus_dev_groups,
};

static void vmbus_dev_release(struct device *dev)
{
	struct lumen_vmbus_device *vdev = to_lumen_vmbus_device(dev);

	vmbus_chan_put(vdev->chan);
	kfree(vdev);
}

/**
 * vmbus_device_add() - Register the device of a primary channel.
 * @chan: the primary channel; the device takes a reference.
 *
 * Context: process context (the device workqueue).
 * Return: 0 or a negative errno.
 */
int vmbus_device_add(struct lumen_chan *chan)
{
	struct lumen_vmbus_device *vdev;
	int ret;

	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		return -ENOMEM;
	vdev->class_id = chan->offer.if_type;
	vdev->instance_id = chan->offer.if_instance;
	vdev->chan = chan;
	kref_get(&chan->ref);
	vdev->dev.bus = &vmbus_bus;
	vdev->dev.release = vmbus_dev_release;
	dev_set_name(&vdev->dev, "%pUl", &vdev->instance_id);
	chan->device = vdev;
	ret = device_register(&vdev->dev);
	if (ret) {
		chan->device = NULL;
		put_device(&vdev->dev);
		return ret;
	}
	vdev->channels_kobj = kobject_create_and_add("channels",
						     &vdev->dev.kobj);
	vmbus_chan_sysfs_add(chan);
	return 0;
}

/**
 * vmbus_device_remove() - Unregister a primary channel's device.
 * @chan: the channel; its driver is unbound (and closes it) first.
 *
 * Context: process context.
 */
void vmbus_device_remove(struct lumen_chan *chan)
{
	struct lumen_vmbus_device *vdev = chan->device;
	struct lumen_chan *sub;

	if (!vdev)
		return;
	/*
	 * Sub-channel hand-overs look at chan->device under chan->lock: from
	 * here on they add no sysfs directory and call no driver. The
	 * primary's own directory goes outside the lock, which its
	 * attributes take.
	 */
	mutex_lock(&chan->lock);
	list_for_each_entry(sub, &chan->subchannels, sibling)
		vmbus_chan_sysfs_remove(sub);
	chan->device = NULL;
	mutex_unlock(&chan->lock);
	vmbus_chan_sysfs_remove(chan);
	kobject_put(vdev->channels_kobj);
	vdev->channels_kobj = NULL;
	device_unregister(&vdev->dev);
}

/**
 * __lumen_vmbus_driver_register() - Register a VMBus driver.
 * @drv: the driver; @drv->name, @drv->id_table and @drv->probe are needed.
 * @owner: the driver's module (THIS_MODULE through the wrapper macro).
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int __lumen_vmbus_driver_register(struct lumen_vmbus_driver *drv,
				  struct module *owner)
{
	if (!drv->name || !drv->id_table || !drv->probe)
		return -EINVAL;
	drv->driver.name = drv->name;
	drv->driver.owner = owner;
	drv->driver.bus = &vmbus_bus;
	return driver_register(&drv->driver);
}
EXPORT_SYMBOL_NS_GPL(__lumen_vmbus_driver_register, LUMEN);

/**
 * lumen_vmbus_driver_unregister() - Unregister a VMBus driver.
 * @drv: the driver; every bound device is removed first.
 *
 * Context: process context.
 */
void lumen_vmbus_driver_unregister(struct lumen_vmbus_driver *drv)
{
	driver_unregister(&drv->driver);
}
EXPORT_SYMBOL_NS_GPL(lumen_vmbus_driver_unregister, LUMEN);

/**
 * vmbus_bus_init() - Register the vmbus bus.
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int vmbus_bus_init(void)
{
	return bus_register(&vmbus_bus);
}

/**
 * vmbus_bus_exit() - Unregister the vmbus bus.
 *
 * Context: process context, after every device is gone.
 */
void vmbus_bus_exit(void)
{
	bus_unregister(&vmbus_bus);
}
