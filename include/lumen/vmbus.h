/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What hv_vmbus offers the other Lumen modules (LUMEN symbol namespace):
 * the vmbus bus, driver registration by class GUID, and an opaque channel
 * handle with the operations a driver needs. Drivers never see the
 * channel's internals.
 */
#ifndef _LUMEN_VMBUS_H
#define _LUMEN_VMBUS_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/types.h>
#include <linux/uuid.h>

struct lumen_chan;

/**
 * struct lumen_vmbus_device - A device the host offered.
 * @dev: the device on the vmbus bus.
 * @class_id: device class (interface type) GUID from the offer.
 * @instance_id: instance GUID from the offer.
 * @chan: the primary channel; valid from probe until remove returns.
 * @channels_kobj: the device's "channels" sysfs directory (hv_vmbus's).
 */
struct lumen_vmbus_device {
	struct device dev;
	guid_t class_id;
	guid_t instance_id;
	struct lumen_chan *chan;
	struct kobject *channels_kobj;
};

#define to_lumen_vmbus_device(d) \
	container_of(d, struct lumen_vmbus_device, dev)

/**
 * struct lumen_vmbus_driver - A driver for VMBus devices.
 * @name: driver name.
 * @id_table: class GUIDs served, ending with an all-zero entry; also
 *	MODULE_DEVICE_TABLE(vmbus, ...) for "vmbus:<guid>" autoloading.
 * @probe: bind to @dev. Process context; may sleep. Returns 0 or -errno.
 * @remove: unbind from @dev; the channel must be closed on return.
 *	Also called when the host rescinds the device. Process context.
 * @sub_channel: optional; a sub-channel of @primary was offered.
 *	Process context (hv_vmbus's sub-channel workqueue); may sleep,
 *	and may open @sub. Never runs beside or after @remove.
 * @driver: the embedded driver-model driver.
 */
struct lumen_vmbus_driver {
	const char *name;
	const struct hv_vmbus_device_id *id_table;
	int (*probe)(struct lumen_vmbus_device *dev,
		     const struct hv_vmbus_device_id *id);
	void (*remove)(struct lumen_vmbus_device *dev);
	void (*sub_channel)(struct lumen_chan *primary, struct lumen_chan *sub);
	struct device_driver driver;
};

int __lumen_vmbus_driver_register(struct lumen_vmbus_driver *drv,
				  struct module *owner);
#define lumen_vmbus_driver_register(drv) \
	__lumen_vmbus_driver_register(drv, THIS_MODULE)
void lumen_vmbus_driver_unregister(struct lumen_vmbus_driver *drv);

/**
 * struct lumen_chan_pkt - One packet received on a channel.
 * @type: packet type, one of VMBUS_PKT_*.
 * @flags: packet flags (VMBUS_PKT_FLAG_*).
 * @trans_id: transaction id; for a completion, the id of the request.
 * @data: the payload, inside the caller's buffer.
 * @len: payload bytes.
 */
struct lumen_chan_pkt {
	u16 type;
	u16 flags;
	u64 trans_id;
	const void *data;
	u32 len;
};

/**
 * struct lumen_chan_range - One range of a GPA-direct packet.
 * @len: bytes described.
 * @offset: offset into the first page, below 4096.
 * @npfn: number of 4 KiB guest page frames in @pfns.
 * @pfns: the page frame numbers.
 */
struct lumen_chan_range {
	u32 len;
	u32 offset;
	u32 npfn;
	const u64 *pfns;
};

int lumen_chan_open(struct lumen_chan *chan, u32 send_ring, u32 recv_ring,
		    const void *userdata, u32 udlen,
		    void (*callback)(void *ctx), void *ctx);
void lumen_chan_close(struct lumen_chan *chan);
int lumen_chan_send(struct lumen_chan *chan, const void *data, u32 len,
		    u64 trans_id, bool want_completion);
int lumen_chan_send_gpa(struct lumen_chan *chan,
			const struct lumen_chan_range *ranges,
			unsigned int nranges, const void *data, u32 len,
			u64 trans_id);
int lumen_chan_recv(struct lumen_chan *chan, void *buf, u32 buflen,
		    struct lumen_chan_pkt *pkt);
void lumen_chan_recv_done(struct lumen_chan *chan);
bool lumen_chan_set_polling(struct lumen_chan *chan, bool poll);
int lumen_chan_gpadl_create(struct lumen_chan *chan, void *buf, u32 size,
			    u32 *handle);
void lumen_chan_gpadl_teardown(struct lumen_chan *chan, u32 handle);
u32 lumen_chan_relid(const struct lumen_chan *chan);
bool lumen_chan_rescinded(const struct lumen_chan *chan);

int vmbus_version_parse(const char *s, u32 *version);

#endif
