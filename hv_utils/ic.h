/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IC framework inside hv_utils: what every service (heartbeat,
 * shutdown, time sync, KVP, VSS) shares. One lumen_vmbus_driver per
 * service, one &struct lumen_ic per bound channel.
 */
#ifndef _LUMEN_HV_UTILS_IC_H
#define _LUMEN_HV_UTILS_IC_H

#include <linux/types.h>
#include <linux/uuid.h>
#include <linux/mod_devicetable.h>
#include <lumen/vmbus.h>
#include <lumen/ic_msg.h>

/**
 * DOC: IC framework
 *
 * A service fills a &struct lumen_ic_service and registers it with
 * lumen_ic_service_register(). The framework registers a VMBus driver
 * for the service's class GUID. For every device it binds it allocates a
 * &struct lumen_ic, calls &lumen_ic_service.probe, opens the channel from
 * a work item (16 KiB rings each way, as the in-box driver; a failed open
 * is logged and leaves the device bound but idle) and serves it:
 *
 * 1. The channel callback (softirq) copies each packet into a private
 *    buffer of %LUMEN_IC_BUF_SIZE bytes and parses the IC header. A
 *    packet that is not in-band or is shorter than the header is dropped
 *    (counted, logged with a ratelimit).
 * 2. %IC_MSG_NEGOTIATE is answered by the framework: the newest common
 *    framework and message versions from the service's lists. Nothing is
 *    handed to the service before a negotiation succeeded; a negotiation
 *    that finds nothing answers F = M = 0 and leaves the service idle.
 *    A malformed NEGOTIATE (counts above %IC_NEGOTIATE_MAX_VERSIONS or
 *    overrunning the packet) is answered %IC_STATUS_FAIL with F = M = 0
 *    and changes nothing. &lumen_ic_service.negotiated is called after a
 *    successful negotiation.
 * 3. Any other message goes to &lumen_ic_service.message with a
 *    &struct lumen_ic_req describing the private copy. The service edits
 *    the body in place and returns %LUMEN_IC_REPLY: the framework sets the
 *    status, the sizes and %IC_FLAGS_REPLY (ic_msg_set_reply()) and sends
 *    header and &lumen_ic_req.reply_len body bytes back with the VMBus
 *    transaction id of the request. A negative errno counts the message
 *    as bad, logs it (ratelimited) and answers %IC_STATUS_FAIL with the
 *    body unchanged.
 * 4. %LUMEN_IC_DEFER: the framework keeps the request's IC header and
 *    VMBus transaction id (not the body: copy what you need before
 *    returning); the service answers later, from any context, with
 *    lumen_ic_reply(), which may even run before the hook has returned.
 *    Until then, further requests on the channel are answered
 *    %IC_STATUS_FAIL at once (Hyper-V never has two outstanding; the KVP
 *    host waits for each answer).
 *
 * Remove waits for the open, closes the channel (no callback runs
 * afterwards, a late lumen_ic_reply() returns -ENOTCONN), then calls
 * &lumen_ic_service.remove, then frees the &struct lumen_ic. A service
 * must make sure nothing calls lumen_ic_reply() once its remove hook has
 * returned.
 */

struct lumen_ic;

/* Return values of &lumen_ic_service.message other than a negative errno. */
#define LUMEN_IC_REPLY		0	/* answer now with the edited buffer */
#define LUMEN_IC_DEFER		1	/* answer later with lumen_ic_reply() */

/*
 * Ring size each way, control page included (the in-box driver's). The
 * receive buffer has the same size, so any packet the ring can hold fits.
 */
#define LUMEN_IC_RING_SIZE	(16 * 1024)
#define LUMEN_IC_BUF_SIZE	LUMEN_IC_RING_SIZE

/**
 * struct lumen_ic_req - one request handed to a service
 * @info: the parsed IC header.
 * @body: the body, inside the channel's private copy of the packet; the
 *	service may rewrite it for the reply.
 * @body_len: body bytes present in the packet (@info.body_len).
 * @body_cap: bytes @body may hold for the reply (the receive buffer
 *	after the header).
 * @reply_len: body bytes to send back (&ic_hdr.msg_size of the reply);
 *	starts at the request's msg_size, cut to @body_len. Set it when the
 *	reply body has another size; at most @body_cap.
 * @status: reply status; starts at %IC_STATUS_OK.
 */
struct lumen_ic_req {
	struct ic_msg_info info;
	void *body;
	u32 body_len;
	u32 body_cap;
	u32 reply_len;
	u32 status;
};

/**
 * struct lumen_ic_stats - per-channel counters, read with lumen_ic_stats()
 * @rx: packets received.
 * @tx: replies sent.
 * @bad: packets dropped or answered %IC_STATUS_FAIL as malformed.
 * @busy: requests refused while a deferred one was outstanding.
 * @send_errors: replies that could not be sent.
 */
struct lumen_ic_stats {
	u64 rx;
	u64 tx;
	u64 bad;
	u64 busy;
	u64 send_errors;
};

/**
 * struct lumen_ic_service - one IC service
 * @name: service and driver name ("heartbeat", "shutdown", ...).
 * @class_id: the class GUID it binds to (LUMEN_GUID_IC_* from
 *	<proto/guids.h>).
 * @fw_versions: framework versions, best first (%IC_FW_VERSIONS).
 * @fw_count: entries in @fw_versions.
 * @msg_versions: message versions, best first (%IC_*_MSG_VERSIONS).
 * @msg_count: entries in @msg_versions.
 * @probe: optional; a device was bound, before its channel opens. Use
 *	lumen_ic_set_priv(). Process context, may sleep. Returns 0 or an
 *	errno that fails the bind.
 * @remove: optional; the channel is closed, undo @probe. Process
 *	context, may sleep.
 * @negotiated: optional; a negotiation succeeded, lumen_ic_msg_ver()
 *	is valid. Softirq context, must not sleep.
 * @message: a request other than NEGOTIATE. Softirq context, must not
 *	sleep. Returns %LUMEN_IC_REPLY, %LUMEN_IC_DEFER or a negative errno
 *	(-EPROTO, -EBADRQC, -ERANGE, ...).
 * @init: optional; called by lumen_ic_service_register() before the
 *	driver is registered (e.g. to create a character device). Process
 *	context. Returns 0 or an errno that fails the registration.
 * @exit: optional; undoes @init, after the driver is unregistered (no
 *	device is bound any more). Process context.
 * @drv: private to the framework: the VMBus driver.
 * @ids: private to the framework: its id table.
 */
struct lumen_ic_service {
	const char *name;
	guid_t class_id;
	const u32 *fw_versions;
	unsigned int fw_count;
	const u32 *msg_versions;
	unsigned int msg_count;
	int (*probe)(struct lumen_ic *ic);
	void (*remove)(struct lumen_ic *ic);
	void (*negotiated)(struct lumen_ic *ic);
	int (*message)(struct lumen_ic *ic, struct lumen_ic_req *req);
	int (*init)(void);
	void (*exit)(void);
	struct lumen_vmbus_driver drv;
	struct hv_vmbus_device_id ids[2];
};

void lumen_ic_init(void);
void lumen_ic_exit(void);
int lumen_ic_service_register(struct lumen_ic_service *svc);
void lumen_ic_service_unregister(struct lumen_ic_service *svc);

int lumen_ic_reply(struct lumen_ic *ic, u32 status, const void *body,
		   u32 len);
void lumen_ic_set_priv(struct lumen_ic *ic, void *priv);
void *lumen_ic_priv(const struct lumen_ic *ic);
struct device *lumen_ic_dev(const struct lumen_ic *ic);
u32 lumen_ic_msg_ver(const struct lumen_ic *ic);
u32 lumen_ic_fw_ver(const struct lumen_ic *ic);
void lumen_ic_stats(struct lumen_ic *ic, struct lumen_ic_stats *st);

/* The services, one file each. */
extern struct lumen_ic_service lumen_ic_heartbeat;
extern struct lumen_ic_service lumen_ic_shutdown;
extern struct lumen_ic_service lumen_ic_timesync;
extern struct lumen_ic_service lumen_ic_kvp;
extern struct lumen_ic_service lumen_ic_vss;

#endif /* _LUMEN_HV_UTILS_IC_H */
