// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: fault injection. Knobs in /sys/kernel/debug/hvsim/faults/ make
 * the simulated host misbehave the way a buggy or hostile Hyper-V host
 * could, so that the guest's defences can be tested:
 *
 *   msg_truncate      the next N messages to the guest are cut below
 *                     their type's minimum length
 *   msg_oversize      the next N messages announce a SynIC payload size of
 *                     241 to 255 bytes (more than a slot holds)
 *   bogus_relid       RESCIND_CHANNELOFFER and OPENCHANNEL_RESULT naming a
 *                     relid the host does not use
 *   dup_offer         the channel's offer again (same relid), and an offer
 *                     of the same instance under a new relid
 *   unknown_type      a message of the type written
 *   ring_corrupt      corrupt the host-to-guest ring of an open channel
 *   delay_ms          delay every control response and completion
 *   drop_responses    drop the next N control responses (of one type)
 *   drop_completions  drop the next N device completions
 *   stall             stop draining a channel's guest-to-host ring
 *   reorder           hold the next response of a type back until the
 *                     host's next message has gone out
 *   late_subchannel   rescind a primary, then offer a sub-channel of it
 *   post_fail         refuse the guest's next N posts (of one message
 *                     type) with HV_STATUS_INVALID_CONNECTION_ID, as a
 *                     host whose message port went away
 *   oversize          a well-formed in-band packet longer than the
 *                     channel's device protocol has, to the guest
 *   stats             what the knobs did
 *
 * Every fault stays within what a host can do: send (or not send)
 * messages, write into the SynIC slot, write the shared rings. Nothing
 * touches guest memory that the guest did not share.
 *
 * This file sits above the server (server.c) and the channels
 * (channel.c): the knobs act through their primitives (a device by relid,
 * the device walk, relids, offers, hvsim_send(), the channel outbox and
 * kick); they call back only into the hooks on their own paths
 * (hvsim_fault_outgoing() from hvsim_send(), the completion and ring
 * faults from the channel's work item or tasklet).
 *
 * Locking: the message knobs are read and written under hvsim_mutex (the
 * outgoing message path, hvsim_send(), holds it); drop_completions is an
 * atomic and delay_ms a READ_ONCE() value, read by the channel work. The
 * knobs that act on a device take hvsim_mutex around their lookup.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <lumen/chmsg.h>
#include <lumen/ring.h>
#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>
#include <proto/vmbus_ring.h>
#include "hvsim.h"

struct hvsim_faults hvsim_faults;

/* The debugfs knobs; each file's i_private is one of these. */
enum hvsim_knob {
	HVSIM_KNOB_MSG_TRUNCATE,
	HVSIM_KNOB_MSG_OVERSIZE,
	HVSIM_KNOB_BOGUS_RELID,
	HVSIM_KNOB_DUP_OFFER,
	HVSIM_KNOB_UNKNOWN_TYPE,
	HVSIM_KNOB_RING_CORRUPT,
	HVSIM_KNOB_DELAY_MS,
	HVSIM_KNOB_DROP_RESPONSES,
	HVSIM_KNOB_DROP_COMPLETIONS,
	HVSIM_KNOB_STALL,
	HVSIM_KNOB_POST_FAIL,
	HVSIM_KNOB_REORDER,
	HVSIM_KNOB_LATE_SUBCHANNEL,
	HVSIM_KNOB_OVERSIZE,
	HVSIM_KNOBS,
};

static const char *const hvsim_knob_names[HVSIM_KNOBS] = {
	[HVSIM_KNOB_MSG_TRUNCATE] = "msg_truncate",
	[HVSIM_KNOB_MSG_OVERSIZE] = "msg_oversize",
	[HVSIM_KNOB_BOGUS_RELID] = "bogus_relid",
	[HVSIM_KNOB_DUP_OFFER] = "dup_offer",
	[HVSIM_KNOB_UNKNOWN_TYPE] = "unknown_type",
	[HVSIM_KNOB_RING_CORRUPT] = "ring_corrupt",
	[HVSIM_KNOB_DELAY_MS] = "delay_ms",
	[HVSIM_KNOB_DROP_RESPONSES] = "drop_responses",
	[HVSIM_KNOB_DROP_COMPLETIONS] = "drop_completions",
	[HVSIM_KNOB_STALL] = "stall",
	[HVSIM_KNOB_POST_FAIL] = "post_fail",
	[HVSIM_KNOB_REORDER] = "reorder",
	[HVSIM_KNOB_LATE_SUBCHANNEL] = "late_subchannel",
	[HVSIM_KNOB_OVERSIZE] = "oversize",
};

/* ring_corrupt modes, by name ("none" is not accepted). */
static const char *const hvsim_corrupt_names[HVSIM_CORRUPT_MODES] = {
	[HVSIM_CORRUPT_NONE] = "none",
	[HVSIM_CORRUPT_INDEX] = "index",
	[HVSIM_CORRUPT_UNALIGNED] = "unaligned",
	[HVSIM_CORRUPT_LEN_SHORT] = "len_short",
	[HVSIM_CORRUPT_LEN_PAST] = "len_past",
};

/* Control responses: what the guest waits for after a request. */
static bool hvsim_fault_is_response(u32 type)
{
	switch (type) {
	case VMBUS_MSG_VERSION_RESPONSE:
	case VMBUS_MSG_ALLOFFERS_DELIVERED:
	case VMBUS_MSG_OPENCHANNEL_RESULT:
	case VMBUS_MSG_GPADL_CREATED:
	case VMBUS_MSG_GPADL_TORNDOWN:
	case VMBUS_MSG_UNLOAD_RESPONSE:
	case VMBUS_MSG_MODIFYCHANNEL_RESPONSE:
	case VMBUS_MSG_TL_CONNECT_RESULT:
		return true;
	default:
		return false;
	}
}

/**
 * hvsim_fault_outgoing() - Apply the message faults to one outgoing message.
 * @msg: the channel message, header first.
 * @size: its length (at most %TLFS_MSG_PAYLOAD_MAX).
 * @len: bytes of @msg to copy into the SynIC slot.
 * @claimed: payload size to announce in the slot header.
 *
 * Control responses are delayed by delay_ms and may be dropped
 * (drop_responses). A message that goes out may be truncated (msg_truncate:
 * one byte below its type's minimum, or 4 bytes when the minimum is the
 * header alone) or announce an oversized payload (msg_oversize: 241 to 255
 * bytes while @size bytes are copied).
 *
 * Context: process context, hvsim_mutex held; sleeps while delaying.
 * Return: true if the message is dropped.
 */
bool hvsim_fault_outgoing(const void *msg, u32 size, u32 *len, u32 *claimed)
{
	const struct vmbus_msg_hdr *hdr = msg;
	const struct vmbus_chmsg_info *info;
	u32 type = le32_to_cpu(hdr->type);
	struct hvsim_faults *f = &hvsim_faults;
	u32 delay = READ_ONCE(f->delay_ms);

	lockdep_assert_held(&hvsim_mutex);
	*len = size;
	*claimed = size;
	if (hvsim_fault_is_response(type)) {
		if (delay) {
			msleep(delay);
			atomic64_inc(&f->responses_delayed);
		}
		if (f->drop_responses && (!f->drop_type || f->drop_type == type)) {
			f->drop_responses--;
			atomic64_inc(&f->responses_dropped);
			pr_info("fault: response type %u dropped\n", type);
			return true;
		}
	}
	if (f->msg_truncate) {
		f->msg_truncate--;
		info = vmbus_chmsg_info(type);
		if (info && info->min_len > sizeof(*hdr))
			*len = info->min_len - 1;
		else
			*len = 4;
		*len = min(*len, size);
		*claimed = *len;
		atomic64_inc(&f->truncated);
		pr_info("fault: message type %u truncated to %u bytes\n", type,
			*len);
	} else if (f->msg_oversize) {
		f->msg_oversize--;
		*claimed = TLFS_MSG_PAYLOAD_MAX + 1 +
			   atomic64_read(&f->oversized) % 15;
		atomic64_inc(&f->oversized);
		pr_info("fault: message type %u sent as %u bytes\n", type,
			*claimed);
	}
	return false;
}

/**
 * hvsim_fault_completion() - Apply the completion faults to one reply.
 * @may_sleep: the caller may sleep (the channel's work item).
 *
 * Delays the reply by delay_ms if @may_sleep, then drops it if
 * drop_completions says so. A fast channel's tasklet hands a packet to
 * the work item while hvsim_fault_completion_sleeps(); a delay armed in
 * between starts with the next packet.
 *
 * Context: the channel's work item or tasklet; sleeps while delaying.
 * Return: true if the reply is dropped.
 */
bool hvsim_fault_completion(bool may_sleep)
{
	struct hvsim_faults *f = &hvsim_faults;
	u32 delay = may_sleep ? READ_ONCE(f->delay_ms) : 0;

	if (delay) {
		msleep(delay);
		atomic64_inc(&f->completions_delayed);
	}
	if (atomic_dec_if_positive(&f->drop_completions) < 0)
		return false;
	atomic64_inc(&f->completions_dropped);
	pr_info("fault: completion dropped\n");
	return true;
}

/**
 * hvsim_fault_completion_sleeps() - Would a completion fault sleep now?
 *
 * Context: any context.
 * Return: true while delay_ms is armed.
 */
bool hvsim_fault_completion_sleeps(void)
{
	return READ_ONCE(hvsim_faults.delay_ms) != 0;
}

/**
 * hvsim_fault_hold() - Hold an outgoing response back (reorder)?
 * @msg: the channel message, header first.
 * @size: its length (at most %TLFS_MSG_PAYLOAD_MAX).
 *
 * The first response of the armed type is copied and held until the host
 * has sent its next message (hvsim_fault_take_held()): Hyper-V does not
 * order a response with messages about other channels, such as an offer.
 *
 * Context: process context, hvsim_mutex held.
 * Return: true if @msg was held (the caller sends nothing now).
 */
bool hvsim_fault_hold(const void *msg, size_t size)
{
	struct hvsim_faults *f = &hvsim_faults;
	const struct vmbus_msg_hdr *hdr = msg;

	lockdep_assert_held(&hvsim_mutex);
	if (!f->hold_type || f->held_len || size > sizeof(f->held) ||
	    le32_to_cpu(hdr->type) != f->hold_type)
		return false;
	memcpy(f->held, msg, size);
	f->held_len = size;
	f->hold_type = 0;
	atomic64_inc(&f->held_count);
	pr_info("fault: response type %u held back\n", le32_to_cpu(hdr->type));
	return true;
}

/**
 * hvsim_fault_take_held() - The response held back, once a message went.
 * @buf: where to copy it.
 * @cap: its size, at least %TLFS_MSG_PAYLOAD_MAX.
 *
 * Context: process context, hvsim_mutex held.
 * Return: its length, or 0 when nothing is held.
 */
u32 hvsim_fault_take_held(void *buf, u32 cap)
{
	struct hvsim_faults *f = &hvsim_faults;
	u32 len = f->held_len;

	lockdep_assert_held(&hvsim_mutex);
	if (!len || len > cap)
		return 0;
	memcpy(buf, f->held, len);
	f->held_len = 0;
	return len;
}

/**
 * hvsim_fault_post() - Should the hypervisor refuse this guest post?
 * @msg: the channel message the guest posts, header first.
 * @size: its length.
 *
 * Context: any context (the guest's HvPostMessage).
 * Return: true while post_fail refuses posts of the message's type.
 */
bool hvsim_fault_post(const void *msg, u32 size)
{
	struct hvsim_faults *f = &hvsim_faults;
	u32 type, want = READ_ONCE(f->post_fail_type);

	if (!atomic_read(&f->post_fail) ||
	    size < sizeof(struct vmbus_msg_hdr))
		return false;
	type = le32_to_cpu(((const struct vmbus_msg_hdr *)msg)->type);
	if ((want && type != want) ||
	    atomic_dec_if_positive(&f->post_fail) < 0)
		return false;
	atomic64_inc(&f->posts_failed);
	pr_info("fault: guest post of message type %u refused\n", type);
	return true;
}

/**
 * hvsim_fault_corrupt_ring() - Corrupt an open channel's host-to-guest ring.
 * @dev: the channel; its work item is the caller.
 * @mode: what to break, see &enum hvsim_corrupt.
 *
 * Only the shared ring the host produces is written: its write index, or
 * a packet with a bad descriptor. The caller stops serving the channel
 * afterwards, so the corruption stays for the guest to find.
 *
 * Context: the channel's work item (it owns the rings).
 */
void hvsim_fault_corrupt_ring(struct hvsim_dev *dev, enum hvsim_corrupt mode)
{
	struct lumen_ring *r = &dev->chan.out;
	struct {
		struct vmbus_pkt_desc desc;
		u8 data[8];
	} __packed pkt = {
		.desc.type = cpu_to_le16(VMBUS_PKT_DATA_INBAND),
		.desc.offset8 = cpu_to_le16(VMBUS_PKT_MIN_OFFSET8),
		.desc.len8 = cpu_to_le16(sizeof(pkt) / VMBUS_PKT_ALIGN),
	};
	struct lumen_ring_buf buf = { .data = &pkt, .len = sizeof(pkt) };
	bool sig;
	int ret = 0;

	switch (mode) {
	case HVSIM_CORRUPT_INDEX:
		/* Pairs with the guest's acquire of the write index. */
		smp_mb();
		WRITE_ONCE(r->ctrl->write_index, cpu_to_le32(r->size));
		break;
	case HVSIM_CORRUPT_UNALIGNED:
		/* As above: after everything written to the ring so far. */
		smp_mb();
		WRITE_ONCE(r->ctrl->write_index,
			   cpu_to_le32((r->priv_write + 4) % r->size));
		break;
	case HVSIM_CORRUPT_LEN_SHORT:
		/* offset8 past len8: the data would start after the end. */
		pkt.desc.offset8 = cpu_to_le16(sizeof(pkt) / VMBUS_PKT_ALIGN + 1);
		ret = lumen_ring_write(r, &buf, 1, &sig);
		break;
	case HVSIM_CORRUPT_LEN_PAST:
		/* len8 far past the bytes written. */
		pkt.desc.len8 = cpu_to_le16(U16_MAX);
		ret = lumen_ring_write(r, &buf, 1, &sig);
		break;
	default:
		return;
	}
	atomic64_inc(&hvsim_faults.rings_corrupted);
	pr_info("fault: relid %u: host-to-guest ring corrupted (%s)%s\n",
		dev->relid, hvsim_corrupt_names[mode],
		ret ? ", packet not written" : "");
}

/*
 * The open channel of @relid, for a knob that needs one; hvsim_mutex held.
 * Returns -ENOENT if no device has @relid, -EBADFD if it is not open.
 */
static int hvsim_fault_open_dev(u32 relid, struct hvsim_dev **devp)
{
	struct hvsim_dev *dev = hvsim_dev_by_relid(relid);

	if (!dev)
		return -ENOENT;
	if (dev->state != HVSIM_DEV_OPEN)
		return -EBADFD;
	*devp = dev;
	return 0;
}

/*
 * bogus_relid: RESCIND_CHANNELOFFER and OPENCHANNEL_RESULT (open id
 * @relid, status 0) for a relid no device has, as a confused host could.
 * -ENOTCONN before the guest asked for offers, -EBUSY if a device has
 * @relid.
 */
static int hvsim_fault_bogus_relid(u32 relid)
{
	struct vmbus_msg_rescind_offer rescind = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_RESCIND_CHANNELOFFER),
		.child_relid = cpu_to_le32(relid),
	};
	struct vmbus_msg_open_result res = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_OPENCHANNEL_RESULT),
		.child_relid = cpu_to_le32(relid),
		.open_id = cpu_to_le32(relid),
		.status = cpu_to_le32(VMBUS_MSG_STATUS_SUCCESS),
	};
	int ret = 0;

	mutex_lock(&hvsim_mutex);
	if (!hvsim_server_offers_out()) {
		ret = -ENOTCONN;
	} else if (hvsim_relid_in_use(relid)) {
		ret = -EBUSY;
	} else {
		hvsim_send(&rescind, sizeof(rescind));
		hvsim_send(&res, sizeof(res));
		atomic64_add(2, &hvsim_faults.injected);
	}
	mutex_unlock(&hvsim_mutex);
	return ret;
}

/*
 * dup_offer: the OFFERCHANNEL of an offered or open device again under
 * its relid, then under the lowest free relid (not reserved: the guest
 * must refuse it, as the instance GUID is that of a primary channel it
 * has). -ENOTCONN before the guest asked for offers, -ENOENT if no
 * offered or open device has @relid, -ENOSPC without a free relid.
 */
static int hvsim_fault_dup_offer(u32 relid)
{
	struct vmbus_msg_offer_channel offer;
	struct hvsim_dev *dev;
	u32 other;
	int ret = 0;

	mutex_lock(&hvsim_mutex);
	dev = hvsim_dev_by_relid(relid);
	other = hvsim_relid_lowest_free();
	if (!hvsim_server_offers_out()) {
		ret = -ENOTCONN;
	} else if (!dev || (dev->state != HVSIM_DEV_OFFERED &&
			    dev->state != HVSIM_DEV_OPEN)) {
		ret = -ENOENT;
	} else if (other >= VMBUS_MSG_RELID_LIMIT) {
		ret = -ENOSPC;
	} else {
		hvsim_offer_msg(dev, dev->relid, &offer);
		hvsim_send(&offer, sizeof(offer));
		hvsim_offer_msg(dev, other, &offer);
		hvsim_send(&offer, sizeof(offer));
		atomic64_add(2, &hvsim_faults.injected);
	}
	mutex_unlock(&hvsim_mutex);
	return ret;
}

/*
 * unknown_type: a message of any @type, its body zero, as long as the
 * type's base struct (16 bytes for a type the table does not know).
 * -ENOTCONN while no guest is connected.
 */
static int hvsim_fault_send_type(u32 type)
{
	const struct vmbus_chmsg_info *info = vmbus_chmsg_info(type);
	u8 msg[VMBUS_MSG_MAX_SIZE] = {};
	struct vmbus_msg_hdr hdr = { .type = cpu_to_le32(type) };
	u32 size = 16;
	int ret = 0;

	if (info)
		size = clamp_t(u32, info->size, sizeof(hdr), sizeof(msg));
	memcpy(msg, &hdr, sizeof(hdr));
	mutex_lock(&hvsim_mutex);
	if (!hvsim_server_version()) {
		ret = -ENOTCONN;
	} else {
		hvsim_send(msg, size);
		atomic64_inc(&hvsim_faults.injected);
	}
	mutex_unlock(&hvsim_mutex);
	return ret;
}

/*
 * ring_corrupt: the channel's work item corrupts the host-to-guest ring
 * (hvsim_fault_corrupt_ring()), signals the guest and stops serving the
 * channel (state "broken") until it closes. -ENOENT if no device has
 * @relid, -EBADFD if its channel is not open.
 */
static int hvsim_fault_ring_corrupt(u32 relid, enum hvsim_corrupt mode)
{
	struct hvsim_dev *dev;
	int ret;

	mutex_lock(&hvsim_mutex);
	ret = hvsim_fault_open_dev(relid, &dev);
	if (!ret) {
		WRITE_ONCE(dev->corrupt, mode);
		hvsim_chan_kick(dev);
	}
	mutex_unlock(&hvsim_mutex);
	return ret;
}

/*
 * stall: stop draining @relid's guest-to-host ring (it stays stalled
 * across close and open), or with 0 resume every stalled device. -ENOENT
 * if no device has @relid.
 */
static int hvsim_fault_stall(u32 relid)
{
	struct hvsim_dev *dev;
	int ret = 0;

	mutex_lock(&hvsim_mutex);
	if (!relid) {
		for (dev = hvsim_dev_next(NULL); dev; dev = hvsim_dev_next(dev)) {
			if (!READ_ONCE(dev->stalled))
				continue;
			WRITE_ONCE(dev->stalled, false);
			if (dev->state == HVSIM_DEV_OPEN)
				hvsim_chan_kick(dev);
		}
	} else {
		dev = hvsim_dev_by_relid(relid);
		if (dev)
			WRITE_ONCE(dev->stalled, true);
		else
			ret = -ENOENT;
	}
	mutex_unlock(&hvsim_mutex);
	return ret;
}

/*
 * oversize: one well-formed in-band packet of @bytes bytes (descriptor
 * included; len8 = @bytes / 8, offset8 = 2, no flags, transaction id 0,
 * zero payload) into the open channel's host-to-guest ring, longer than
 * any packet its device protocol has. It goes through the channel's
 * outbox, so the channel's work item (or tasklet) writes it as it writes
 * every host-initiated packet, waiting for ring space and signalling the
 * guest by the ring rules. -EINVAL for @bytes not a multiple of 8, below
 * a descriptor or beyond what len8 can say; -EMSGSIZE if the ring could
 * never hold it; -ENOENT, -EBADFD as ring_corrupt; -ENOSPC with the
 * outbox full; -ENOMEM.
 */
static int hvsim_fault_oversize(u32 relid, u32 bytes)
{
	struct vmbus_pkt_desc d = {
		.type = cpu_to_le16(VMBUS_PKT_DATA_INBAND),
		.offset8 = cpu_to_le16(VMBUS_PKT_MIN_OFFSET8),
		.len8 = cpu_to_le16(bytes / VMBUS_PKT_ALIGN),
	};
	struct hvsim_outpkt *o;
	struct hvsim_dev *dev;
	int ret;

	if (bytes < sizeof(d) || bytes % VMBUS_PKT_ALIGN ||
	    bytes / VMBUS_PKT_ALIGN > U16_MAX)
		return -EINVAL;
	o = kvzalloc(struct_size(o, data, bytes), GFP_KERNEL);
	if (!o)
		return -ENOMEM;
	o->len = bytes;
	memcpy(o->data, &d, sizeof(d));
	mutex_lock(&hvsim_mutex);
	ret = hvsim_fault_open_dev(relid, &dev);
	/* The ring's size is set at open, under the mutex. */
	if (!ret && bytes + sizeof(struct vmbus_pkt_trailer) >= dev->chan.out.size)
		ret = -EMSGSIZE;
	if (!ret)
		ret = hvsim_chan_queue(dev, o);
	mutex_unlock(&hvsim_mutex);
	if (ret) {
		kvfree(o);
		return ret;
	}
	atomic64_inc(&hvsim_faults.oversize_packets);
	pr_info("fault: relid %u: %u-byte packet queued for the guest\n",
		relid, bytes);
	return 0;
}

static int hvsim_faults_stats_show(struct seq_file *m, void *v)
{
	struct hvsim_faults *f = &hvsim_faults;

	seq_printf(m, "truncated %lld\n", atomic64_read(&f->truncated));
	seq_printf(m, "oversized %lld\n", atomic64_read(&f->oversized));
	seq_printf(m, "responses_dropped %lld\n",
		   atomic64_read(&f->responses_dropped));
	seq_printf(m, "responses_delayed %lld\n",
		   atomic64_read(&f->responses_delayed));
	seq_printf(m, "completions_dropped %lld\n",
		   atomic64_read(&f->completions_dropped));
	seq_printf(m, "completions_delayed %lld\n",
		   atomic64_read(&f->completions_delayed));
	seq_printf(m, "injected %lld\n", atomic64_read(&f->injected));
	seq_printf(m, "rings_corrupted %lld\n",
		   atomic64_read(&f->rings_corrupted));
	seq_printf(m, "posts_failed %lld\n", atomic64_read(&f->posts_failed));
	seq_printf(m, "responses_held %lld\n", atomic64_read(&f->held_count));
	seq_printf(m, "oversize_packets %lld\n",
		   atomic64_read(&f->oversize_packets));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hvsim_faults_stats);

static ssize_t hvsim_knob_read(struct file *file, char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	enum hvsim_knob knob = (uintptr_t)file->private_data;
	struct hvsim_faults *f = &hvsim_faults;
	char buf[32];
	int n;

	mutex_lock(&hvsim_mutex);
	switch (knob) {
	case HVSIM_KNOB_MSG_TRUNCATE:
		n = scnprintf(buf, sizeof(buf), "%u\n", f->msg_truncate);
		break;
	case HVSIM_KNOB_MSG_OVERSIZE:
		n = scnprintf(buf, sizeof(buf), "%u\n", f->msg_oversize);
		break;
	case HVSIM_KNOB_DELAY_MS:
		n = scnprintf(buf, sizeof(buf), "%u\n", READ_ONCE(f->delay_ms));
		break;
	case HVSIM_KNOB_DROP_RESPONSES:
		n = scnprintf(buf, sizeof(buf), "%u %u\n", f->drop_responses,
			      f->drop_type);
		break;
	case HVSIM_KNOB_DROP_COMPLETIONS:
		n = scnprintf(buf, sizeof(buf), "%d\n",
			      atomic_read(&f->drop_completions));
		break;
	case HVSIM_KNOB_REORDER:
		n = scnprintf(buf, sizeof(buf), "%u\n", f->hold_type);
		break;
	case HVSIM_KNOB_POST_FAIL:
		n = scnprintf(buf, sizeof(buf), "%d %u\n",
			      atomic_read(&f->post_fail),
			      READ_ONCE(f->post_fail_type));
		break;
	default:
		n = 0;
		break;
	}
	mutex_unlock(&hvsim_mutex);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

/* "WORD [WORD]": the first as a u32 (any base), the second as text. */
static int hvsim_knob_parse(char *buf, u32 *val, char **arg)
{
	char *s = strim(buf), *first;

	first = strsep(&s, " \t");
	*arg = s ? strim(s) : NULL;
	if (*arg && !**arg)
		*arg = NULL;
	return kstrtou32(first, 0, val);
}

static int hvsim_knob_corrupt(u32 relid, const char *arg)
{
	int mode = HVSIM_CORRUPT_INDEX;

	if (arg) {
		mode = match_string(hvsim_corrupt_names, HVSIM_CORRUPT_MODES,
				    arg);
		if (mode <= HVSIM_CORRUPT_NONE)
			return -EINVAL;
	}
	return hvsim_fault_ring_corrupt(relid, mode);
}

/* "RELID BYTES". */
static int hvsim_knob_oversize(u32 relid, const char *arg)
{
	u32 bytes;
	int ret;

	if (!arg)
		return -EINVAL;
	ret = kstrtou32(arg, 0, &bytes);
	return ret ? ret : hvsim_fault_oversize(relid, bytes);
}

static int hvsim_knob_set(enum hvsim_knob knob, u32 val, const char *arg)
{
	struct hvsim_faults *f = &hvsim_faults;
	u32 type = 0;
	int ret = 0;

	if (arg && knob != HVSIM_KNOB_RING_CORRUPT &&
	    knob != HVSIM_KNOB_DROP_RESPONSES && knob != HVSIM_KNOB_POST_FAIL &&
	    knob != HVSIM_KNOB_OVERSIZE)
		return -EINVAL;
	switch (knob) {
	case HVSIM_KNOB_BOGUS_RELID:
		return hvsim_fault_bogus_relid(val);
	case HVSIM_KNOB_DUP_OFFER:
		return hvsim_fault_dup_offer(val);
	case HVSIM_KNOB_UNKNOWN_TYPE:
		return hvsim_fault_send_type(val);
	case HVSIM_KNOB_RING_CORRUPT:
		return hvsim_knob_corrupt(val, arg);
	case HVSIM_KNOB_STALL:
		return hvsim_fault_stall(val);
	case HVSIM_KNOB_OVERSIZE:
		return hvsim_knob_oversize(val, arg);
	case HVSIM_KNOB_LATE_SUBCHANNEL:
		return hvsim_server_rescind_then(val, true);
	case HVSIM_KNOB_REORDER:
		if (val && !hvsim_fault_is_response(val))
			return -EINVAL;
		break;
	case HVSIM_KNOB_DROP_COMPLETIONS:
		if (val > INT_MAX)
			return -EINVAL;
		atomic_set(&f->drop_completions, val);
		return 0;
	case HVSIM_KNOB_DELAY_MS:
		if (val > HVSIM_FAULT_DELAY_MAX)
			return -EINVAL;
		WRITE_ONCE(f->delay_ms, val);
		return 0;
	case HVSIM_KNOB_DROP_RESPONSES:
		if (arg) {
			ret = kstrtou32(arg, 0, &type);
			if (ret)
				return ret;
			if (!hvsim_fault_is_response(type))
				return -EINVAL;
		}
		break;
	case HVSIM_KNOB_POST_FAIL:
		if (arg) {
			ret = kstrtou32(arg, 0, &type);
			if (ret)
				return ret;
		}
		if (val > INT_MAX)
			return -EINVAL;
		/* The type first: a post that sees the count sees it too. */
		WRITE_ONCE(f->post_fail_type, type);
		atomic_set_release(&f->post_fail, val);
		return 0;
	default:
		break;
	}

	mutex_lock(&hvsim_mutex);
	switch (knob) {
	case HVSIM_KNOB_MSG_TRUNCATE:
		f->msg_truncate = val;
		break;
	case HVSIM_KNOB_MSG_OVERSIZE:
		f->msg_oversize = val;
		break;
	case HVSIM_KNOB_DROP_RESPONSES:
		f->drop_responses = val;
		f->drop_type = type;
		break;
	case HVSIM_KNOB_REORDER:
		f->hold_type = val;
		break;
	default:
		ret = -EINVAL;
		break;
	}
	mutex_unlock(&hvsim_mutex);
	return ret;
}

static ssize_t hvsim_knob_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	enum hvsim_knob knob = (uintptr_t)file->private_data;
	char buf[48], *arg;
	u32 val;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	ret = hvsim_knob_parse(buf, &val, &arg);
	if (!ret)
		ret = hvsim_knob_set(knob, val, arg);
	return ret ? ret : len;
}

static const struct file_operations hvsim_knob_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = hvsim_knob_read,
	.write = hvsim_knob_write,
	.llseek = default_llseek,
};

/**
 * hvsim_faults_debugfs() - Create the faults/ directory and its knobs.
 * @parent: hvsim's debugfs directory.
 *
 * Context: process context (module init).
 */
void hvsim_faults_debugfs(struct dentry *parent)
{
	struct dentry *dir = debugfs_create_dir("faults", parent);
	uintptr_t knob;
	umode_t mode;

	for (knob = 0; knob < HVSIM_KNOBS; knob++) {
		switch (knob) {
		case HVSIM_KNOB_BOGUS_RELID:
		case HVSIM_KNOB_DUP_OFFER:
		case HVSIM_KNOB_UNKNOWN_TYPE:
		case HVSIM_KNOB_RING_CORRUPT:
		case HVSIM_KNOB_STALL:
		case HVSIM_KNOB_LATE_SUBCHANNEL:
		case HVSIM_KNOB_OVERSIZE:
			mode = 0200;
			break;
		default:
			mode = 0644;
			break;
		}
		debugfs_create_file(hvsim_knob_names[knob], mode, dir,
				    (void *)knob, &hvsim_knob_fops);
	}
	debugfs_create_file("stats", 0444, dir, NULL, &hvsim_faults_stats_fops);
}
