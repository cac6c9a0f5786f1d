// SPDX-License-Identifier: GPL-2.0
/*
 * hv_storvsc protocol bring-up: the synchronous init/reset request and the
 * matching of its answer, which the channel callback hands over, and the
 * VSTOR init sequence (BEGIN_INIT, QUERY_VERSION newest first with
 * fallback, QUERY_PROPERTIES, END_INIT).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/spinlock.h>

#include "storvsc.h"

/* How long the host may take to answer one init or reset request. */
#define STORVSC_INIT_TIMEOUT	(30 * HZ)
/* How often a waiter checks whether the channel was rescinded. */
#define STORVSC_INIT_POLL	(HZ / 10)

/**
 * storvsc_exec() - send an init or reset request and wait for its answer
 * @sd: the controller.
 * @pkt: the request; on success it holds the host's answer.
 * @len: bytes of @pkt to send.
 *
 * One such request is outstanding at a time, on the primary channel,
 * with a transaction id of its own (storvsc_exec_id() of the next
 * sequence number): only the primary's callback, and only with that id,
 * takes the answer, so an answer to an earlier request that comes late or
 * twice never completes this one. The wait ends early if the channel is
 * rescinded.
 *
 * Context: process context, sleeps.
 * Return: 0 with the answer in @pkt (its NT status is the caller's to
 * judge); -ENODEV if rescinded; -ETIMEDOUT; or a send error.
 */
int storvsc_exec(struct storvsc_dev *sd, struct vstor_pkt *pkt, int len)
{
	struct storvsc_chan *sc = sd->chans[0];
	unsigned long deadline = jiffies + STORVSC_INIT_TIMEOUT;
	unsigned long flags;
	u64 id;
	int ret;

	mutex_lock(&sd->init_lock);
	reinit_completion(&sd->init_done);
	id = storvsc_exec_id(++sd->init_seq);
	spin_lock_irqsave(&sd->exec_lock, flags);
	sd->init_id = id;
	sd->init_wait = true;
	spin_unlock_irqrestore(&sd->exec_lock, flags);

	ret = lumen_chan_send(sc->chan, pkt, len, id, true);
	while (!ret && !wait_for_completion_timeout(&sd->init_done,
						    STORVSC_INIT_POLL)) {
		if (lumen_chan_rescinded(sc->chan))
			ret = -ENODEV;
		else if (time_after(jiffies, deadline))
			ret = -ETIMEDOUT;
	}

	spin_lock_irqsave(&sd->exec_lock, flags);
	sd->init_wait = false;
	if (!ret)
		*pkt = sd->init_reply;
	spin_unlock_irqrestore(&sd->exec_lock, flags);
	mutex_unlock(&sd->init_lock);
	return ret;
}

/*
 * Give @reply to the outstanding init or reset request if @id is its.
 * Returns 0, -EALREADY when none is outstanding, -ESTALE for the id of an
 * earlier request (an answer late or sent twice).
 */
static int storvsc_exec_match(struct storvsc_dev *sd, u64 id,
			      const struct vstor_pkt *reply)
{
	lockdep_assert_held(&sd->exec_lock);
	if (!sd->init_wait)
		return -EALREADY;
	if (sd->init_id != id)
		return -ESTALE;
	sd->init_reply = *reply;
	sd->init_wait = false;
	complete(&sd->init_done);
	return 0;
}

/**
 * storvsc_on_init_reply() - an answer with an init or reset id arrived
 * @sc: the channel it came on.
 * @p: the packet, a completion whose id storvsc_is_exec_id() accepts.
 *
 * It answers the outstanding request only if it came on the primary,
 * where the request went, with that request's id; anything else is
 * dropped and counted.
 *
 * Context: softirq (channel callback).
 */
void storvsc_on_init_reply(struct storvsc_chan *sc,
			   const struct lumen_chan_pkt *p)
{
	struct storvsc_dev *sd = sc->sd;
	struct vstor_pkt reply;
	int ret;

	if (sc->index) {
		atomic64_inc(&sc->stats.bad_id);
		storvsc_log_bad(sd, "init completion on a sub-channel", -EXDEV);
		return;
	}
	ret = vstor_msg_parse_init_reply(p->data, p->len, &reply);
	if (ret) {
		atomic64_inc(&sc->stats.bad_pkt);
		storvsc_log_bad(sd, "init completion", ret);
		return;
	}
	spin_lock(&sd->exec_lock);
	ret = storvsc_exec_match(sd, p->trans_id, &reply);
	spin_unlock(&sd->exec_lock);
	if (ret) {
		atomic64_inc(&sc->stats.bad_id);
		storvsc_log_bad(sd, "unexpected init completion", ret);
	}
}

/* One init step whose answer must be NT success. */
static int storvsc_init_step(struct storvsc_dev *sd, u32 op)
{
	struct vstor_pkt pkt;
	int len = vstor_msg_build_simple(&pkt, op);
	int ret;

	if (len < 0)
		return len;
	ret = storvsc_exec(sd, &pkt, len);
	if (ret)
		return ret;
	if (le32_to_cpu(pkt.status) != VSTOR_NT_SUCCESS) {
		dev_err_ratelimited(&sd->vdev->dev,
				    "VSTOR operation %u refused: %#x\n", op,
				    le32_to_cpu(pkt.status));
		return -EIO;
	}
	if (op == VSTOR_OP_QUERY_PROPERTIES)
		sd->props = pkt.props;
	return 0;
}

static int storvsc_negotiate(struct storvsc_dev *sd)
{
	struct vstor_pkt pkt;
	unsigned int i;
	u16 v;
	int ret;

	for (i = 0; (v = vstor_msg_version(i)); i++) {
		ret = vstor_msg_build_query_version(&pkt, v);
		if (ret < 0)
			return ret;
		ret = storvsc_exec(sd, &pkt, ret);
		if (ret)
			return ret;
		if (le32_to_cpu(pkt.status) == VSTOR_NT_SUCCESS) {
			sd->version = v;
			dev_info(&sd->vdev->dev, "VSTOR version %u.%u\n",
				 VSTOR_VERSION_MAJOR(v), VSTOR_VERSION_MINOR(v));
			return 0;
		}
		dev_dbg(&sd->vdev->dev, "version %#x refused: %#x\n", v,
			le32_to_cpu(pkt.status));
	}
	dev_err(&sd->vdev->dev, "host accepts no VSTOR version\n");
	return -EPROTONOSUPPORT;
}

/**
 * storvsc_protocol_init() - run the VSTOR init sequence on the primary
 * @sd: the controller, primary channel open.
 *
 * BEGIN_INIT, QUERY_VERSION (6.2, 6.0, 5.1, 4.2, 2.0 until one is
 * accepted), QUERY_PROPERTIES, END_INIT. Fills &storvsc_dev.version,
 * &storvsc_dev.props and &storvsc_dev.max_xfer.
 *
 * Context: process context, sleeps.
 * Return: 0 or a negative errno.
 */
int storvsc_protocol_init(struct storvsc_dev *sd)
{
	u32 max;
	int ret;

	ret = storvsc_init_step(sd, VSTOR_OP_BEGIN_INIT);
	if (ret)
		return ret;
	ret = storvsc_negotiate(sd);
	if (ret)
		return ret;
	ret = storvsc_init_step(sd, VSTOR_OP_QUERY_PROPERTIES);
	if (ret)
		return ret;
	ret = storvsc_init_step(sd, VSTOR_OP_END_INIT);
	if (ret)
		return ret;

	max = le32_to_cpu(sd->props.max_transfer_bytes) & ~4095u;
	if (max < 4096) {
		dev_err_ratelimited(&sd->vdev->dev,
				    "bad max transfer size %u\n",
				    le32_to_cpu(sd->props.max_transfer_bytes));
		return -ERANGE;
	}
	sd->max_xfer = min_t(u32, max, STORVSC_MAX_XFER);
	return 0;
}
