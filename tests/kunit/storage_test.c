// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite hvsim_storage: hvsim's VSTOR host (hvsim/storage.c) fed
 * packets directly, with test doubles for the three hvsim calls it makes
 * (building a packet, posting one, asking for sub-channels): storvsp's
 * init sequence and its refusals, version refusal and fallback, the
 * completion sized like the request up to the host's own packet (a named
 * table per host and agreed version), stale init answers (debugfs
 * stale_reply), SRBs in-band and GPA-direct over a
 * real page, an absent LUN, sub-channel requests, and a table of packets
 * storvsp cannot parse, each of which must stop the channel. The softirq
 * hook (packet_atomic) must serve READ and WRITE exactly as the work item
 * does, and leave every other packet to the work item untouched (a table
 * of named rows).
 *
 * The module carries its own copies of storage.c and scsi_disk.c.
 */
/* storage.c's own definition, before any header brings the default. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>

#include "../../hvsim/scsi_disk.c"
#include "../../lib/vstor_req.c"
#include "../../hvsim/storage.c"

#define STT_CR	VMBUS_PKT_FLAG_COMPLETION_REQUESTED

/* Test doubles for hvsim's channel layer and server. */
DEFINE_MUTEX(hvsim_mutex);
static u32 stt_subreq;
static u32 stt_posts;
/* The last two packets posted, descriptor first. */
static u8 stt_post_buf[2][sizeof(struct vmbus_pkt_desc) + VSTOR_PKT_SIZE];
static u32 stt_post_len[2];

u32 hvsim_pkt_inband(u8 *buf, u16 type, u16 flags, u64 trans_id,
		     const void *payload, u32 len)
{
	struct vmbus_pkt_desc d = {
		.type = cpu_to_le16(type),
		.offset8 = cpu_to_le16(VMBUS_PKT_MIN_OFFSET8),
		.len8 = cpu_to_le16(DIV_ROUND_UP(sizeof(d) + len, 8)),
		.flags = cpu_to_le16(flags),
		.trans_id = cpu_to_le64(trans_id),
	};

	memcpy(buf, &d, sizeof(d));
	memcpy(buf + sizeof(d), payload, len);
	return sizeof(d) + len;
}

int hvsim_dev_post(struct hvsim_dev *dev, const void *pkt, u32 len)
{
	memcpy(stt_post_buf[0], stt_post_buf[1], sizeof(stt_post_buf[0]));
	stt_post_len[0] = stt_post_len[1];
	stt_post_len[1] = min_t(u32, len, sizeof(stt_post_buf[1]));
	memcpy(stt_post_buf[1], pkt, stt_post_len[1]);
	stt_posts++;
	return 0;
}

int hvsim_dev_request_subchannels(struct hvsim_dev *dev, u32 count)
{
	stt_subreq += count;
	return 0;
}

/**
 * struct stt - one controller with its primary channel
 * @dev: the fake primary channel.
 * @buf: the guest packet being sent.
 * @reply: what the host answered.
 * @page: a guest data page for GPA-direct SRBs.
 * @atomic: send through the softirq hook (packet_atomic).
 * @reply_size: VSTOR bytes stt_op() expects back from a full-size request.
 */
struct stt {
	struct hvsim_dev dev;
	u8 buf[256];
	u8 reply[HVSIM_STOR_MAX_PACKET];
	struct page *page;
	bool atomic;
	u32 reply_size;
};

static void stt_free(void *data)
{
	struct stt *t = data;

	mutex_lock(&hvsim_mutex);
	if (t->dev.priv)
		hvsim_stor_destroy(&t->dev);
	mutex_unlock(&hvsim_mutex);
	if (t->page)
		__free_page(t->page);
}

static struct stt *stt_new(struct kunit *test)
{
	struct stt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->dev.cls = &hvsim_scsi_class;
	t->dev.relid = 7;
	t->reply_size = VSTOR_PKT_SIZE;
	stt_subreq = 0;
	stt_posts = 0;
	memset(stt_post_len, 0, sizeof(stt_post_len));
	atomic_set(&hvsim_stor_stale_count, 0);
	WRITE_ONCE(hvsim_stor_refuse_version, 0);
	WRITE_ONCE(hvsim_stor_delay_ms, 0);
	atomic_set(&hvsim_stor_fail_count, 0);
	mutex_lock(&hvsim_mutex);
	ret = hvsim_stor_create_scsi(&t->dev);
	mutex_unlock(&hvsim_mutex);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, stt_free, t));
	t->page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, t->page);
	return t;
}

/*
 * Send @len bytes of @body as a packet of @type with @flags, and with
 * @ranges bytes of GPA ranges before it (GPA-direct), through the hook
 * @t->atomic picks. Returns the reply length (or HVSIM_PKT_SLEEP); the
 * reply's VSTOR packet is copied to @out (zero-padded).
 */
static u32 stt_send_raw(struct stt *t, u16 type, u16 flags, const void *ranges,
			u32 rlen, u32 nranges, const void *body, u32 len,
			struct vstor_pkt *out)
{
	struct vmbus_pkt_gpa_direct h = {};
	struct lumen_ring_pkt pkt = {
		.type = type,
		.flags = flags,
		.trans_id = 0x1234,
		.len = len,
	};
	u32 off = sizeof(struct vmbus_pkt_desc), n;

	memset(t->buf, 0, sizeof(t->buf));
	if (type == VMBUS_PKT_DATA_GPA_DIRECT) {
		h.range_count = cpu_to_le32(nranges);
		memcpy(t->buf, &h, sizeof(h));
		memcpy(t->buf + sizeof(h), ranges, rlen);
		off = sizeof(h) + rlen;
	}
	pkt.offset = off;
	memcpy(t->buf + off, body, len);
	memset(out, 0, sizeof(*out));
	if (t->atomic)
		n = hvsim_stor_packet_atomic(&t->dev, &pkt, t->buf, t->reply);
	else
		n = hvsim_stor_packet(&t->dev, &pkt, t->buf, t->reply);
	if (n != HVSIM_PKT_SLEEP && n > sizeof(struct vmbus_pkt_desc))
		memcpy(out, t->reply + sizeof(struct vmbus_pkt_desc),
		       min_t(u32, n - sizeof(struct vmbus_pkt_desc),
			     sizeof(*out)));
	return n;
}

/* A full-size in-band request of operation @op; returns the NT status. */
static u32 stt_op(struct kunit *test, struct stt *t, u32 op,
		  struct vstor_pkt *req, struct vstor_pkt *out)
{
	u32 n;

	req->operation = cpu_to_le32(op);
	req->flags = cpu_to_le32(VSTOR_PKT_FLAG_COMPLETION);
	n = stt_send_raw(t, VMBUS_PKT_DATA_INBAND,
			 VMBUS_PKT_FLAG_COMPLETION_REQUESTED, NULL, 0, 0, req,
			 sizeof(*req), out);
	KUNIT_EXPECT_EQ(test, n, sizeof(struct vmbus_pkt_desc) + t->reply_size);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out->operation), VSTOR_OP_COMPLETE_IO);
	return le32_to_cpu(out->status);
}

static u32 stt_simple(struct kunit *test, struct stt *t, u32 op)
{
	struct vstor_pkt req = {}, out;

	return stt_op(test, t, op, &req, &out);
}

static u32 stt_version(struct kunit *test, struct stt *t, u16 v)
{
	struct vstor_pkt req = {}, out;
	u32 status;

	req.version.major_minor = cpu_to_le16(v);
	status = stt_op(test, t, VSTOR_OP_QUERY_VERSION, &req, &out);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(out.version.major_minor), v);
	return status;
}

/* Init to ready at @v. */
static void stt_init(struct kunit *test, struct stt *t, u16 v)
{
	KUNIT_ASSERT_EQ(test, stt_simple(test, t, VSTOR_OP_BEGIN_INIT), 0);
	KUNIT_ASSERT_EQ(test, stt_version(test, t, v), 0);
	KUNIT_ASSERT_EQ(test, stt_simple(test, t, VSTOR_OP_QUERY_PROPERTIES), 0);
	KUNIT_ASSERT_EQ(test, stt_simple(test, t, VSTOR_OP_END_INIT), 0);
}

static void init_sequence_as_storvsp(struct kunit *test)
{
	struct stt *t = stt_new(test);
	struct hvsim_stor_chan *ch = t->dev.priv;
	struct vstor_pkt req = {}, out;

	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_BEGIN_INIT), 0);
	KUNIT_EXPECT_EQ(test, stt_version(test, t, VSTOR_VERSION_6_2), 0);
	KUNIT_EXPECT_EQ(test, stt_op(test, t, VSTOR_OP_QUERY_PROPERTIES, &req,
				     &out), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.props.flags),
			VSTOR_CHAN_PROP_MULTI_CHANNEL);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(out.props.max_sub_channels), 16);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.props.max_transfer_bytes),
			0x40000);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_END_INIT), 0);
	KUNIT_EXPECT_EQ(test, ch->ctrl->state, HVSIM_STOR_READY);
	/* Init again once ready: refused. */
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_BEGIN_INIT),
			VSTOR_NT_INVALID_DEVICE_STATE);
	/* Resets are no-ops that succeed. */
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_RESET_BUS), 0);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_RESET_LUN), 0);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_RESET_ADAPTER), 0);
	/* Closing the primary starts over. */
	hvsim_stor_closed(&t->dev);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_BEGIN_INIT), 0);
}

static void init_out_of_order_refused(struct kunit *test)
{
	struct stt *t = stt_new(test);

	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_END_INIT),
			VSTOR_NT_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_BEGIN_INIT), 0);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_QUERY_PROPERTIES),
			VSTOR_NT_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_EQ(test, stt_version(test, t, VSTOR_VERSION_6_0), 0);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_END_INIT),
			VSTOR_NT_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_QUERY_PROPERTIES), 0);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_END_INIT), 0);
}

static void version_refused_then_fallback(struct kunit *test)
{
	struct stt *t = stt_new(test);
	struct vstor_pkt req = {}, out;

	WRITE_ONCE(hvsim_stor_refuse_version, VSTOR_VERSION_6_2);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_BEGIN_INIT), 0);
	KUNIT_EXPECT_EQ(test, stt_version(test, t, VSTOR_VERSION_6_2),
			VSTOR_NT_REVISION_MISMATCH);
	KUNIT_EXPECT_EQ(test, stt_version(test, t, 0x0300),
			VSTOR_NT_REVISION_MISMATCH);
	KUNIT_EXPECT_EQ(test, stt_version(test, t, VSTOR_VERSION_4_2), 0);
	/* Before 5.1: no multi-channel, no sub-channels. */
	KUNIT_EXPECT_EQ(test, stt_op(test, t, VSTOR_OP_QUERY_PROPERTIES, &req,
				     &out), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.props.flags), 0);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(out.props.max_sub_channels), 0);
	req.sub_channel_count = cpu_to_le16(1);
	KUNIT_EXPECT_EQ(test, stt_op(test, t, VSTOR_OP_CREATE_SUB_CHANNELS,
				     &req, &out),
			VSTOR_NT_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_EQ(test, stt_subreq, 0);
}

static void completion_sized_like_request(struct kunit *test)
{
	struct stt *t = stt_new(test);
	/* Room for a packet longer than VSTOR's. */
	union {
		struct vstor_pkt pkt;
		u8 raw[100];
	} req = { .pkt.operation = cpu_to_le32(VSTOR_OP_BEGIN_INIT) };
	struct vstor_pkt out;
	u32 n;

	/* A pre-win8 guest's 48 bytes get 48 back. */
	n = stt_send_raw(t, VMBUS_PKT_DATA_INBAND,
			 VMBUS_PKT_FLAG_COMPLETION_REQUESTED, NULL, 0, 0, &req,
			 VSTOR_PKT_SIZE_PRE_WIN8, &out);
	KUNIT_EXPECT_EQ(test, n, 16 + VSTOR_PKT_SIZE_PRE_WIN8);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.status), 0);
	/* Longer than a packet: cut to 64. */
	req.pkt.operation = cpu_to_le32(VSTOR_OP_QUERY_VERSION);
	req.pkt.version.major_minor = cpu_to_le16(VSTOR_VERSION_5_1);
	n = stt_send_raw(t, VMBUS_PKT_DATA_INBAND,
			 VMBUS_PKT_FLAG_COMPLETION_REQUESTED, NULL, 0, 0, &req,
			 100, &out);
	KUNIT_EXPECT_EQ(test, n, 16 + VSTOR_PKT_SIZE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.status), 0);
}

/**
 * struct stt_size - the size of the host's answers
 * @name: row name.
 * @refuse: refuse_version: 0x0501 or lower makes a pre-win8 host.
 * @version: version agreed first (full-size init packets); 0: none, the
 *	request below is a BEGIN_INITIALIZATION.
 * @req: VSTOR bytes of the request (an SRB once a version is agreed).
 * @want: VSTOR bytes of the completion.
 * @notify: VSTOR bytes of an ENUMERATE_BUS after init; 0: not checked.
 */
struct stt_size {
	const char *name;
	u16 refuse;
	u16 version;
	u32 req;
	u32 want;
	u32 notify;
};

static const struct stt_size stt_size_rows[] = {
	{ "win8_host_begin_init_64", 0, 0, 64, 64 },
	{ "win8_host_begin_init_48", 0, 0, 48, 48 },
	{ "win8_host_6_2_srb_64", 0, VSTOR_VERSION_6_2, 64, 64, 64 },
	{ "win8_host_5_1_srb_64", 0, VSTOR_VERSION_5_1, 64, 64, 64 },
	{ "win8_host_4_2_srb_48", 0, VSTOR_VERSION_4_2, 48, 48, 48 },
	/* Sized like the request, not the version (OpenVMM's storvsp). */
	{ "win8_host_4_2_srb_64", 0, VSTOR_VERSION_4_2, 64, 64, 48 },
	{ "win8_host_2_0_srb_48", 0, VSTOR_VERSION_2_0, 48, 48 },
	{ "win8_host_6_0_refusing_6_2", VSTOR_VERSION_6_2, VSTOR_VERSION_6_0,
	  64, 64, 64 },
	{ "prewin8_host_begin_init_64", VSTOR_VERSION_5_1, 0, 64, 48 },
	{ "prewin8_host_begin_init_48", VSTOR_VERSION_5_1, 0, 48, 48 },
	{ "prewin8_host_4_2_srb_64", VSTOR_VERSION_5_1, VSTOR_VERSION_4_2, 64,
	  48, 48 },
	{ "prewin8_host_4_2_srb_48", VSTOR_VERSION_5_1, VSTOR_VERSION_4_2, 48,
	  48, 48 },
	{ "prewin8_host_2_0_srb_64", VSTOR_VERSION_4_2, VSTOR_VERSION_2_0, 64,
	  48 },
};

static void stt_size_desc(const struct stt_size *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(stt_size, stt_size_rows, stt_size_desc);

static void completion_size_per_host_and_version(struct kunit *test)
{
	const struct stt_size *c = test->param_value;
	struct stt *t = stt_new(test);
	struct hvsim_stor_chan *ch = t->dev.priv;
	u8 cdb[16] = { TEST_UNIT_READY };
	struct vstor_pkt req = {
		.operation = cpu_to_le32(VSTOR_OP_BEGIN_INIT),
		.flags = cpu_to_le32(VSTOR_PKT_FLAG_COMPLETION),
	}, out;
	u32 n;

	WRITE_ONCE(hvsim_stor_refuse_version, c->refuse);
	if (c->version) {
		t->reply_size = c->refuse && c->refuse <= VSTOR_VERSION_5_1 ?
				VSTOR_PKT_SIZE_PRE_WIN8 : VSTOR_PKT_SIZE;
		stt_init(test, t, c->version);
		req.operation = cpu_to_le32(VSTOR_OP_EXECUTE_SRB);
		req.srb.length = cpu_to_le16(c->req - VSTOR_PKT_HDR_SIZE);
		req.srb.cdb_length = 6;
		memcpy(req.srb.cdb, cdb, sizeof(cdb));
	}
	n = stt_send_raw(t, VMBUS_PKT_DATA_INBAND, STT_CR, NULL, 0, 0, &req,
			 c->req, &out);
	KUNIT_EXPECT_EQ(test, n, sizeof(struct vmbus_pkt_desc) + c->want);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.operation), VSTOR_OP_COMPLETE_IO);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.status), 0);
	/* The SRB's length is the host's own (storvsp's), whatever it cut. */
	if (c->version)
		KUNIT_EXPECT_EQ(test, le16_to_cpu(out.srb.length),
				t->reply_size - VSTOR_PKT_HDR_SIZE);
	if (!c->notify)
		return;
	mutex_lock(&hvsim_mutex);
	hvsim_stor_notify(ch->ctrl, VSTOR_OP_ENUMERATE_BUS);
	mutex_unlock(&hvsim_mutex);
	KUNIT_EXPECT_EQ(test, stt_posts, 1);
	KUNIT_EXPECT_EQ(test, stt_post_len[1],
			sizeof(struct vmbus_pkt_desc) + c->notify);
}

/* The transaction id and NT status of posted packet @i. */
static void stt_posted(struct kunit *test, unsigned int i, u64 id, u32 status)
{
	struct vmbus_pkt_desc d;
	struct vstor_pkt p = {};

	KUNIT_ASSERT_GE(test, stt_post_len[i], sizeof(d) + VSTOR_PKT_HDR_SIZE);
	memcpy(&d, stt_post_buf[i], sizeof(d));
	memcpy(&p, stt_post_buf[i] + sizeof(d), VSTOR_PKT_HDR_SIZE);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(d.type), VMBUS_PKT_COMP);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(d.trans_id), id);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(p.status), status);
}

static void stale_reply_repeats_previous_answer_first(struct kunit *test)
{
	struct stt *t = stt_new(test);
	struct hvsim_stor_chan *ch = t->dev.priv;
	struct lumen_ring_pkt pkt = {
		.type = VMBUS_PKT_DATA_INBAND,
		.flags = STT_CR,
		.offset = sizeof(struct vmbus_pkt_desc),
		.len = VSTOR_PKT_SIZE,
	};
	struct vstor_pkt req = {
		.operation = cpu_to_le32(VSTOR_OP_BEGIN_INIT),
		.flags = cpu_to_le32(VSTOR_PKT_FLAG_COMPLETION),
	};

	WRITE_ONCE(hvsim_stor_refuse_version, VSTOR_VERSION_6_2);
	atomic_set(&hvsim_stor_stale_count, 1);
	/* Nothing to repeat yet: answered as usual, the knob stays armed. */
	memcpy(t->buf + pkt.offset, &req, sizeof(req));
	pkt.trans_id = 0x11;
	KUNIT_EXPECT_EQ(test, hvsim_stor_packet(&t->dev, &pkt, t->buf, t->reply),
			sizeof(struct vmbus_pkt_desc) + VSTOR_PKT_SIZE);
	KUNIT_EXPECT_EQ(test, stt_posts, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&hvsim_stor_stale_count), 1);

	/* 6.2 refused: BEGIN_INIT's success goes out again first. */
	req.operation = cpu_to_le32(VSTOR_OP_QUERY_VERSION);
	req.version.major_minor = cpu_to_le16(VSTOR_VERSION_6_2);
	memcpy(t->buf + pkt.offset, &req, sizeof(req));
	pkt.trans_id = 0x22;
	KUNIT_EXPECT_EQ(test, hvsim_stor_packet(&t->dev, &pkt, t->buf, t->reply),
			0);
	KUNIT_EXPECT_EQ(test, stt_posts, 2);
	stt_posted(test, 0, 0x11, VSTOR_NT_SUCCESS);
	stt_posted(test, 1, 0x22, VSTOR_NT_REVISION_MISMATCH);
	KUNIT_EXPECT_EQ(test, atomic_read(&hvsim_stor_stale_count), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&ch->ctrl->stale), 1);

	/* Disarmed: the next answer is the only one. */
	pkt.trans_id = 0x33;
	KUNIT_EXPECT_EQ(test, hvsim_stor_packet(&t->dev, &pkt, t->buf, t->reply),
			sizeof(struct vmbus_pkt_desc) + VSTOR_PKT_SIZE);
	KUNIT_EXPECT_EQ(test, stt_posts, 2);
}

/*
 * Send an SRB, with @xfer bytes of data at page frame @pfn (offset @off)
 * if any. Returns the reply length.
 */
static u32 stt_srb_send(struct stt *t, u8 lun, const u8 *cdb, u8 dir,
			u32 xfer, u32 off, u64 pfn, struct vstor_pkt *out)
{
	struct vstor_pkt req = {
		.operation = cpu_to_le32(VSTOR_OP_EXECUTE_SRB),
		.flags = cpu_to_le32(VSTOR_PKT_FLAG_COMPLETION),
	};
	struct {
		struct vmbus_pkt_gpa_range r;
		__le64 pfn;
	} range = {
		.r.byte_count = cpu_to_le32(xfer),
		.r.byte_offset = cpu_to_le32(off),
		.pfn = cpu_to_le64(pfn),
	};

	req.srb.length = cpu_to_le16(VSTOR_SRB_SIZE);
	req.srb.lun = lun;
	req.srb.cdb_length = 10;
	req.srb.data_dir = dir;
	req.srb.xfer_len = cpu_to_le32(xfer);
	memcpy(req.srb.cdb, cdb, VSTOR_CDB_MAX);
	if (xfer)
		return stt_send_raw(t, VMBUS_PKT_DATA_GPA_DIRECT,
				    VMBUS_PKT_FLAG_COMPLETION_REQUESTED, &range,
				    sizeof(range), 1, &req, sizeof(req), out);
	return stt_send_raw(t, VMBUS_PKT_DATA_INBAND,
			    VMBUS_PKT_FLAG_COMPLETION_REQUESTED, NULL, 0, 0,
			    &req, sizeof(req), out);
}

/* Send an SRB; data over t->page (offset @off). Checks the reply. */
static void stt_srb(struct kunit *test, struct stt *t, u8 lun, const u8 *cdb,
		    u8 dir, u32 xfer, u32 off, struct vstor_pkt *out)
{
	u32 n = stt_srb_send(t, lun, cdb, dir, xfer, off,
			     page_to_pfn(t->page), out);

	KUNIT_EXPECT_EQ(test, n, 16 + VSTOR_PKT_SIZE);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(out->srb.length), VSTOR_SRB_SIZE);
	KUNIT_EXPECT_EQ(test, out->srb.sense_len, VSTOR_SENSE_SIZE);
}

static void srb_read_write_and_absent_lun(struct kunit *test)
{
	struct stt *t = stt_new(test);
	u8 cdb[16] = { WRITE_10, 0, 0, 0, 0, 3, 0, 0, 2 }, *va;
	struct vstor_pkt out;

	stt_init(test, t, VSTOR_VERSION_6_2);
	va = kmap_local_page(t->page);
	memset(va + 100, 0x3c, 1024);
	kunmap_local(va);
	stt_srb(test, t, 1, cdb, VSTOR_DIR_WRITE, 1024, 100, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status, VSTOR_SRB_SUCCESS);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.srb.xfer_len), 1024);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.status), 0);

	va = kmap_local_page(t->page);
	memset(va, 0, PAGE_SIZE);
	kunmap_local(va);
	cdb[0] = READ_10;
	stt_srb(test, t, 1, cdb, VSTOR_DIR_READ, 1024, 2000, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status, VSTOR_SRB_SUCCESS);
	va = kmap_local_page(t->page);
	KUNIT_EXPECT_NULL(test, memchr_inv(va + 2000, 0x3c, 1024));
	KUNIT_EXPECT_NULL(test, memchr_inv(va, 0, 2000));
	kunmap_local(va);

	/* Past the end: INVALID_REQUEST with autosense, LBA out of range. */
	cdb[2] = 0x7f;
	stt_srb(test, t, 1, cdb, VSTOR_DIR_READ, 1024, 0, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status,
			VSTOR_SRB_INVALID_REQUEST | VSTOR_SRB_AUTOSENSE_VALID);
	KUNIT_EXPECT_EQ(test, out.srb.scsi_status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_EQ(test, out.srb.sense[12], 0x21);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.status),
			VSTOR_NT_IO_DEVICE_ERROR);

	/* LUN 9 does not exist. */
	memset(cdb, 0, sizeof(cdb));
	stt_srb(test, t, 9, cdb, VSTOR_DIR_NONE, 0, 0, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status, VSTOR_SRB_INVALID_LUN);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.status),
			VSTOR_NT_DEVICE_DOES_NOT_EXIST);

	/* fail_next answers in the disk's place. */
	hvsim_stor_fail_res = (struct hvsim_sres){ .srb_status = VSTOR_SRB_BUSY };
	atomic_set(&hvsim_stor_fail_count, 1);
	stt_srb(test, t, 0, cdb, VSTOR_DIR_NONE, 0, 0, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status, VSTOR_SRB_BUSY);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.status), VSTOR_NT_DEVICE_BUSY);
	stt_srb(test, t, 0, cdb, VSTOR_DIR_NONE, 0, 0, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status, VSTOR_SRB_SUCCESS);
}

static void atomic_hook_serves_read_and_write(struct kunit *test)
{
	struct stt *t = stt_new(test);
	struct hvsim_stor_chan *ch = t->dev.priv;
	u8 cdb[16] = { WRITE_10, 0, 0, 0, 0, 5, 0, 0, 2 }, *va;
	struct vstor_pkt out;

	stt_init(test, t, VSTOR_VERSION_6_2);
	t->atomic = true;
	va = kmap_local_page(t->page);
	memset(va + 100, 0x5a, 1024);
	kunmap_local(va);
	stt_srb(test, t, 0, cdb, VSTOR_DIR_WRITE, 1024, 100, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status, VSTOR_SRB_SUCCESS);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.srb.xfer_len), 1024);

	va = kmap_local_page(t->page);
	memset(va, 0, PAGE_SIZE);
	kunmap_local(va);
	cdb[0] = READ_10;
	stt_srb(test, t, 0, cdb, VSTOR_DIR_READ, 1024, 2000, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status, VSTOR_SRB_SUCCESS);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.status), 0);
	va = kmap_local_page(t->page);
	KUNIT_EXPECT_NULL(test, memchr_inv(va + 2000, 0x5a, 1024));
	KUNIT_EXPECT_NULL(test, memchr_inv(va, 0, 2000));
	kunmap_local(va);
	/* Counted once each, as the work item counts them. */
	KUNIT_EXPECT_EQ(test, atomic64_read(&ch->ctrl->ops[WRITE_10]), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&ch->ctrl->ops[READ_10]), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&ch->ctrl->bytes_in), 1024);
	KUNIT_EXPECT_EQ(test, atomic64_read(&ch->ctrl->bytes_out), 1024);

	/* Past the end: answered here too, with the same sense. */
	cdb[2] = 0x7f;
	stt_srb(test, t, 0, cdb, VSTOR_DIR_READ, 1024, 0, &out);
	KUNIT_EXPECT_EQ(test, out.srb.srb_status,
			VSTOR_SRB_INVALID_REQUEST | VSTOR_SRB_AUTOSENSE_VALID);
	KUNIT_EXPECT_EQ(test, out.srb.sense[12], 0x21);
}

/**
 * struct stt_sleep - a packet the softirq hook leaves to the work item
 * @name: row name.
 * @op: VSTOR operation.
 * @before_init: sent before the init sequence.
 * @lun: SRB: the LUN.
 * @cdb0: SRB: the CDB's operation code (a 10-byte CDB for 512 bytes at
 *	LBA 0).
 * @xfer: SRB: bytes of data (a READ into the test page).
 * @bad_pfn: SRB: the data page is not guest memory.
 * @fail_next: SRB: fail_next armed (once).
 * @delay: SRB: a completion delay armed (1 ms).
 */
struct stt_sleep {
	const char *name;
	u32 op;
	bool before_init;
	u8 lun;
	u8 cdb0;
	u32 xfer;
	bool bad_pfn;
	bool fail_next;
	bool delay;
};

static const struct stt_sleep stt_sleep_rows[] = {
	{ .name = "init_step", .op = VSTOR_OP_BEGIN_INIT, .before_init = true },
	{ .name = "reset_bus", .op = VSTOR_OP_RESET_BUS },
	{ .name = "inquiry", .op = VSTOR_OP_EXECUTE_SRB, .cdb0 = INQUIRY,
	  .xfer = 36 },
	{ .name = "test_unit_ready", .op = VSTOR_OP_EXECUTE_SRB,
	  .cdb0 = TEST_UNIT_READY },
	{ .name = "absent_lun", .op = VSTOR_OP_EXECUTE_SRB, .lun = 9,
	  .cdb0 = READ_10, .xfer = 512 },
	{ .name = "fail_next_armed", .op = VSTOR_OP_EXECUTE_SRB,
	  .cdb0 = READ_10, .xfer = 512, .fail_next = true },
	{ .name = "completion_delay_armed", .op = VSTOR_OP_EXECUTE_SRB,
	  .cdb0 = READ_10, .xfer = 512, .delay = true },
	{ .name = "guest_page_not_memory", .op = VSTOR_OP_EXECUTE_SRB,
	  .cdb0 = READ_10, .xfer = 512, .bad_pfn = true },
};

static void stt_sleep_desc(const struct stt_sleep *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(stt_sleep, stt_sleep_rows, stt_sleep_desc);

/* Commands the controller has executed, all opcodes. */
static u64 stt_ops(struct hvsim_stor_ctrl *c)
{
	u64 n = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c->ops); i++)
		n += atomic64_read(&c->ops[i]);
	return n;
}

/* Send the row's packet through the hook @t->atomic picks. */
static u32 stt_sleep_send(struct stt *t, const struct stt_sleep *c,
			  struct vstor_pkt *out)
{
	u8 cdb[16] = { c->cdb0, 0, 0, 0, 0, 0, 0, 0, 1 };
	u64 pfn = c->bad_pfn ? 1ULL << 40 : page_to_pfn(t->page);
	struct vstor_pkt req = {
		.operation = cpu_to_le32(c->op),
		.flags = cpu_to_le32(VSTOR_PKT_FLAG_COMPLETION),
	};

	if (c->cdb0 == INQUIRY)
		cdb[4] = c->xfer;
	if (c->op == VSTOR_OP_EXECUTE_SRB)
		return stt_srb_send(t, c->lun, cdb,
				    c->xfer ? VSTOR_DIR_READ : VSTOR_DIR_NONE,
				    c->xfer, 0, pfn, out);
	return stt_send_raw(t, VMBUS_PKT_DATA_INBAND, STT_CR, NULL, 0, 0,
			    &req, sizeof(req), out);
}

static void atomic_hook_leaves_packet_to_work_item(struct kunit *test)
{
	const struct stt_sleep *c = test->param_value;
	struct stt *t = stt_new(test);
	struct hvsim_stor_chan *ch = t->dev.priv;
	struct hvsim_stor_ctrl *ctrl = ch->ctrl;
	int state, fails;
	struct vstor_pkt out;
	u64 ops, resets;

	if (!c->before_init)
		stt_init(test, t, VSTOR_VERSION_6_2);
	if (c->fail_next) {
		hvsim_stor_fail_res = (struct hvsim_sres){
			.srb_status = VSTOR_SRB_BUSY };
		atomic_set(&hvsim_stor_fail_count, 1);
	}
	if (c->delay)
		WRITE_ONCE(hvsim_stor_delay_ms, 1);
	state = READ_ONCE(ctrl->state);
	fails = atomic_read(&hvsim_stor_fail_count);
	ops = stt_ops(ctrl);
	resets = atomic64_read(&ctrl->resets);

	t->atomic = true;
	KUNIT_EXPECT_EQ(test, stt_sleep_send(t, c, &out), HVSIM_PKT_SLEEP);
	/* Nothing changed: the work item starts from the same state. */
	KUNIT_EXPECT_EQ(test, READ_ONCE(ctrl->state), state);
	KUNIT_EXPECT_EQ(test, atomic_read(&hvsim_stor_fail_count), fails);
	KUNIT_EXPECT_EQ(test, stt_ops(ctrl), ops);
	KUNIT_EXPECT_EQ(test, atomic64_read(&ctrl->resets), resets);
	KUNIT_EXPECT_FALSE(test, ch->failed);

	/* The work item answers it. */
	t->atomic = false;
	KUNIT_EXPECT_EQ(test, stt_sleep_send(t, c, &out),
			sizeof(struct vmbus_pkt_desc) + VSTOR_PKT_SIZE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out.operation), VSTOR_OP_COMPLETE_IO);
	if (c->fail_next)
		KUNIT_EXPECT_EQ(test, out.srb.srb_status, VSTOR_SRB_BUSY);
	WRITE_ONCE(hvsim_stor_delay_ms, 0);
}

static void subchannels_requested_within_limit(struct kunit *test)
{
	struct stt *t = stt_new(test);
	struct vstor_pkt req = {}, out;

	KUNIT_ASSERT_EQ(test, stt_simple(test, t, VSTOR_OP_BEGIN_INIT), 0);
	KUNIT_ASSERT_EQ(test, stt_version(test, t, VSTOR_VERSION_6_0), 0);
	KUNIT_ASSERT_EQ(test, stt_simple(test, t, VSTOR_OP_QUERY_PROPERTIES), 0);
	req.sub_channel_count = cpu_to_le16(17);
	KUNIT_EXPECT_EQ(test, stt_op(test, t, VSTOR_OP_CREATE_SUB_CHANNELS,
				     &req, &out), VSTOR_NT_INVALID_PARAMETER);
	req.sub_channel_count = cpu_to_le16(2);
	KUNIT_EXPECT_EQ(test, stt_op(test, t, VSTOR_OP_CREATE_SUB_CHANNELS,
				     &req, &out), 0);
	KUNIT_EXPECT_EQ(test, stt_subreq, 2);
	/* Once during init. */
	KUNIT_EXPECT_EQ(test, stt_op(test, t, VSTOR_OP_CREATE_SUB_CHANNELS,
				     &req, &out),
			VSTOR_NT_INVALID_DEVICE_STATE);
	KUNIT_EXPECT_EQ(test, stt_simple(test, t, VSTOR_OP_END_INIT), 0);
	/* After init: only the ones not offered yet. */
	req.sub_channel_count = cpu_to_le16(3);
	KUNIT_EXPECT_EQ(test, stt_op(test, t, VSTOR_OP_CREATE_SUB_CHANNELS,
				     &req, &out), 0);
	KUNIT_EXPECT_EQ(test, stt_subreq, 3);
}

/**
 * struct stt_bad - a packet storvsp cannot parse
 * @name: row name.
 * @type: VMBus packet type.
 * @flags: VMBus packet flags.
 * @op: VSTOR operation.
 * @len: VSTOR bytes sent.
 * @xfer: SRB data transfer length.
 * @nranges: GPA ranges (GPA-direct rows).
 * @count: first range's byte count.
 * @offset: first range's byte offset.
 */
struct stt_bad {
	const char *name;
	u16 type;
	u16 flags;
	u32 op;
	u32 len;
	u32 xfer;
	u32 nranges;
	u32 count;
	u32 offset;
};

static const struct stt_bad stt_bad_rows[] = {
	{ "completion_from_guest", VMBUS_PKT_COMP, 0, VSTOR_OP_BEGIN_INIT, 64 },
	{ "transfer_page_packet", VMBUS_PKT_DATA_XFER_PAGES, STT_CR,
	  VSTOR_OP_BEGIN_INIT, 64 },
	{ "no_completion_requested", VMBUS_PKT_DATA_INBAND, 0,
	  VSTOR_OP_BEGIN_INIT, 64 },
	{ "shorter_than_header", VMBUS_PKT_DATA_INBAND, STT_CR,
	  VSTOR_OP_BEGIN_INIT, 11 },
	{ "version_query_short", VMBUS_PKT_DATA_INBAND, STT_CR,
	  VSTOR_OP_QUERY_VERSION, 14 },
	{ "sub_channel_request_short", VMBUS_PKT_DATA_INBAND, STT_CR,
	  VSTOR_OP_CREATE_SUB_CHANNELS, 13 },
	{ "unknown_operation", VMBUS_PKT_DATA_INBAND, STT_CR, 99, 64 },
	{ "remove_device_from_guest", VMBUS_PKT_DATA_INBAND, STT_CR,
	  VSTOR_OP_REMOVE_DEVICE, 64 },
	{ "complete_io_from_guest", VMBUS_PKT_DATA_INBAND, STT_CR,
	  VSTOR_OP_COMPLETE_IO, 64 },
	{ "srb_data_in_band", VMBUS_PKT_DATA_INBAND, STT_CR,
	  VSTOR_OP_EXECUTE_SRB, 64, 512 },
	{ "srb_two_ranges", VMBUS_PKT_DATA_GPA_DIRECT, STT_CR,
	  VSTOR_OP_EXECUTE_SRB, 64, 512, 2, 512, 0 },
	{ "srb_range_shorter_than_xfer", VMBUS_PKT_DATA_GPA_DIRECT, STT_CR,
	  VSTOR_OP_EXECUTE_SRB, 64, 1024, 1, 512, 0 },
	{ "srb_range_offset_4096", VMBUS_PKT_DATA_GPA_DIRECT, STT_CR,
	  VSTOR_OP_EXECUTE_SRB, 64, 512, 1, 512, 4096 },
	{ "srb_range_pfns_missing", VMBUS_PKT_DATA_GPA_DIRECT, STT_CR,
	  VSTOR_OP_EXECUTE_SRB, 64, 512, 1, 8192, 0 },
};

static void stt_bad_desc(const struct stt_bad *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(stt_bad, stt_bad_rows, stt_bad_desc);

static void packet_storvsp_cannot_parse_stops_channel(struct kunit *test)
{
	const struct stt_bad *c = test->param_value;
	struct stt *t = stt_new(test);
	struct hvsim_stor_chan *ch = t->dev.priv;
	struct vstor_pkt req = {}, out;
	struct {
		struct vmbus_pkt_gpa_range r;
		__le64 pfn[2];
	} ranges = {
		.r.byte_count = cpu_to_le32(c->count),
		.r.byte_offset = cpu_to_le32(c->offset),
		.pfn = { cpu_to_le64(page_to_pfn(t->page)),
			 cpu_to_le64(page_to_pfn(t->page)) },
	};
	u32 rlen = c->count > 4096 ? sizeof(ranges.r) + 8 : sizeof(ranges);

	stt_init(test, t, VSTOR_VERSION_6_2);
	req.operation = cpu_to_le32(c->op);
	req.srb.xfer_len = cpu_to_le32(c->xfer);
	req.srb.data_dir = VSTOR_DIR_READ;
	req.srb.cdb[0] = TEST_UNIT_READY;
	KUNIT_EXPECT_EQ(test, stt_send_raw(t, c->type, c->flags, &ranges, rlen,
					   c->nranges, &req, c->len, &out), 0);
	KUNIT_EXPECT_TRUE(test, ch->failed);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(t->dev.broken));
	KUNIT_EXPECT_EQ(test, atomic64_read(&ch->ctrl->bad_pkts), 1);
	/* Nothing more is served on this channel until it is closed. */
	req = (struct vstor_pkt){ .operation = cpu_to_le32(VSTOR_OP_RESET_BUS) };
	KUNIT_EXPECT_EQ(test, stt_send_raw(t, VMBUS_PKT_DATA_INBAND, STT_CR,
					   NULL, 0, 0, &req, sizeof(req), &out),
			0);
	hvsim_stor_closed(&t->dev);
	KUNIT_EXPECT_FALSE(test, ch->failed);
}

static struct kunit_case hvsim_storage_cases[] = {
	KUNIT_CASE(init_sequence_as_storvsp),
	KUNIT_CASE(init_out_of_order_refused),
	KUNIT_CASE(version_refused_then_fallback),
	KUNIT_CASE(completion_sized_like_request),
	KUNIT_CASE_PARAM(completion_size_per_host_and_version,
			 stt_size_gen_params),
	KUNIT_CASE(stale_reply_repeats_previous_answer_first),
	KUNIT_CASE(srb_read_write_and_absent_lun),
	KUNIT_CASE(atomic_hook_serves_read_and_write),
	KUNIT_CASE_PARAM(atomic_hook_leaves_packet_to_work_item,
			 stt_sleep_gen_params),
	KUNIT_CASE(subchannels_requested_within_limit),
	KUNIT_CASE_PARAM(packet_storvsp_cannot_parse_stops_channel,
			 stt_bad_gen_params),
	{}
};

static struct kunit_suite hvsim_storage_suite = {
	.name = "hvsim_storage",
	.test_cases = hvsim_storage_cases,
};

kunit_test_suites(&hvsim_storage_suite);

MODULE_DESCRIPTION("KUnit tests for hvsim's VSTOR host");
MODULE_LICENSE("GPL");
