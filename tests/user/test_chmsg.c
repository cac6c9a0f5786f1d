// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of the VMBus channel-message table and parser
 * (lib/chmsg.c): the table against the fact sheet, acceptance at each
 * type's minimum length, the shared case table (tests/kunit/chmsg_cases.h)
 * with exact errnos, decodes of byte images written from the protocol
 * tables, and vmbus_chmsg_init(). Every parse runs on a heap copy of
 * exactly the message length, so ASan catches a read past it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "selftest.h"

#include "../../lib/chmsg.c"
#include "../kunit/chmsg_cases.h"

/* Section 3.1 of the fact sheet, typed in independently of chmsg.h. */
struct chmsg_expect {
	u32 type;
	const char *name;
	u32 dir;
	u16 min_len;
	u16 max_len;
	u32 version;
	u16 relid_off;
	u16 flags;
};

#define G VMBUS_CHMSG_DIR_G2H
#define H VMBUS_CHMSG_DIR_H2G
#define U VMBUS_CHMSG_F_UNCONNECTED
static const struct chmsg_expect chmsg_expect[] = {
	{ 1, "offerchannel", H, 196, 196, 0x0000000d, 184, 0 },
	{ 2, "rescind_channeloffer", H, 12, 12, 0x0000000d, 8, 0 },
	{ 3, "requestoffers", G, 8, 8, 0x0000000d, 0, 0 },
	{ 4, "alloffers_delivered", H, 8, 8, 0x0000000d, 0, 0 },
	{ 5, "openchannel", G, 148, 156, 0x0000000d, 8, 0 },
	{ 6, "openchannel_result", H, 20, 20, 0x0000000d, 8, 0 },
	{ 7, "closechannel", G, 12, 12, 0x0000000d, 8, 0 },
	{ 8, "gpadl_header", G, 28, 28 + 26 * 8, 0x0000000d, 8, 0 },
	{ 9, "gpadl_body", G, 16, 16 + 28 * 8, 0x0000000d, 0, 0 },
	{ 10, "gpadl_created", H, 20, 20, 0x0000000d, 8, 0 },
	{ 11, "gpadl_teardown", G, 16, 16, 0x0000000d, 8, 0 },
	{ 12, "gpadl_torndown", H, 12, 12, 0x0000000d, 0, 0 },
	{ 13, "relid_released", G, 12, 12, 0x0000000d, 8, 0 },
	{ 14, "initiate_contact", G, 40, 56, 0x0000000d, 0, U },
	{ 15, "version_response", H, 16, 40, 0x0000000d, 0, U },
	{ 16, "unload", G, 8, 8, 0x0000000d, 0, U },
	{ 17, "unload_response", H, 8, 8, 0x00010001, 0, U },
	{ 18, "open_reserved_channel", G, 28, 28, 0x00040000, 8, 0 },
	{ 19, "close_reserved_channel", G, 20, 20, 0x00040000, 8, 0 },
	{ 20, "close_reserved_response", H, 12, 12, 0x00040000, 8, 0 },
	{ 21, "tl_connect_request", G, 40, 56, 0x00040000, 0, 0 },
	{ 22, "modifychannel", G, 16, 16, 0x00040001, 8, 0 },
	{ 23, "tl_connect_result", H, 44, 44, 0x00040001, 0, 0 },
	{ 24, "modifychannel_response", H, 16, 16, 0x00050003, 8, 0 },
	{ 25, "modify_connection", G, 24, 24, 0x00060000, 0, 0 },
	{ 26, "modify_connection_response", H, 9, 9, 0x00060000, 0, 0 },
	{ 27, "pause", G, 8, 8, 0x00060000, 0, 0 },
	{ 28, "pause_response", H, 8, 8, 0x00060000, 0, 0 },
	{ 29, "resume", G, 8, 8, 0x00060000, 0, 0 },
};

#undef G
#undef H
#undef U

/* Parse a copy of exactly @len bytes of @msg. */
static int chmsg_parse_exact(const u8 *msg, size_t len, u32 dir, u32 version,
			     struct vmbus_chmsg *out)
{
	u8 *copy = malloc(len ? len : 1);
	int ret;

	if (!copy)
		abort();
	memcpy(copy, msg, len);
	ret = vmbus_chmsg_parse(copy, len, dir, version, out);
	free(copy);
	return ret;
}

static int chmsg_tail_is_zero(const struct vmbus_chmsg *m)
{
	size_t i;

	for (i = m->len; i < sizeof(m->body); i++)
		if (m->body.raw[i])
			return 0;
	return 1;
}

SELFTEST(chmsg_table_matches_fact_sheet)
{
	size_t i;

	ST_EXPECT_EQ(t, ARRAY_SIZE(chmsg_expect), VMBUS_MSG_COUNT - 1);
	for (i = 0; i < ARRAY_SIZE(chmsg_expect); i++) {
		const struct chmsg_expect *e = &chmsg_expect[i];
		const struct vmbus_chmsg_info *info = vmbus_chmsg_info(e->type);

		ST_EXPECT(t, info);
		if (!info)
			continue;
		if (strcmp(info->name, e->name))
			fprintf(stderr, "  type %u: name %s, want %s\n", e->type,
				info->name, e->name);
		ST_EXPECT(t, !strcmp(info->name, e->name));
		ST_EXPECT_EQ(t, info->dir, e->dir);
		ST_EXPECT_EQ(t, info->min_len, e->min_len);
		ST_EXPECT_EQ(t, info->max_len, e->max_len);
		ST_EXPECT_EQ(t, info->version, e->version);
		ST_EXPECT_EQ(t, info->relid_off, e->relid_off);
		ST_EXPECT_EQ(t, info->flags, e->flags);
	}
}

SELFTEST(chmsg_table_matches_wire_structs)
{
	const struct vmbus_chmsg_info *i;
	u32 type;

	/* Today every minimum is the base struct. */
	for (type = 1; type < VMBUS_MSG_COUNT; type++)
		ST_EXPECT_EQ(t, vmbus_chmsg_info(type)->size,
			     vmbus_chmsg_info(type)->min_len);
	i = vmbus_chmsg_info(VMBUS_MSG_MODIFY_CONNECTION_RESPONSE);
	ST_EXPECT_EQ(t, i->size,
		     sizeof(struct vmbus_msg_modify_connection_response));

	i = vmbus_chmsg_info(VMBUS_MSG_OPENCHANNEL);
	ST_EXPECT_EQ(t, i->max_len, sizeof(struct vmbus_msg_open_channel2));
	i = vmbus_chmsg_info(VMBUS_MSG_INITIATE_CONTACT);
	ST_EXPECT_EQ(t, i->max_len, sizeof(struct vmbus_msg_initiate_contact2));
	i = vmbus_chmsg_info(VMBUS_MSG_VERSION_RESPONSE);
	ST_EXPECT_EQ(t, i->max_len, sizeof(struct vmbus_msg_version_response3));
	i = vmbus_chmsg_info(VMBUS_MSG_TL_CONNECT_REQUEST);
	ST_EXPECT_EQ(t, i->max_len,
		     sizeof(struct vmbus_msg_tl_connect_request2));
	i = vmbus_chmsg_info(VMBUS_MSG_GPADL_HEADER);
	ST_EXPECT_EQ(t, i->max_len, sizeof(struct vmbus_msg_gpadl_header) +
		     VMBUS_MSG_GPADL_HEADER_MAX_PFNS * 8);
	i = vmbus_chmsg_info(VMBUS_MSG_GPADL_BODY);
	ST_EXPECT_EQ(t, i->max_len, sizeof(struct vmbus_msg_gpadl_body) +
		     VMBUS_MSG_GPADL_BODY_MAX_PFNS * 8);
	i = vmbus_chmsg_info(VMBUS_MSG_OFFERCHANNEL);
	ST_EXPECT_EQ(t, i->relid_off,
		     offsetof(struct vmbus_msg_offer_channel, child_relid));
	i = vmbus_chmsg_info(VMBUS_MSG_GPADL_CREATED);
	ST_EXPECT_EQ(t, i->relid_off,
		     offsetof(struct vmbus_msg_gpadl_created, child_relid));
}

SELFTEST(chmsg_info_unknown_types)
{
	ST_EXPECT(t, !vmbus_chmsg_info(0));
	ST_EXPECT(t, !vmbus_chmsg_info(30));
	ST_EXPECT(t, !vmbus_chmsg_info(0x80000000));
	ST_EXPECT(t, !vmbus_chmsg_info(0xffffffff));
	ST_EXPECT(t, vmbus_chmsg_info(1));
	ST_EXPECT(t, vmbus_chmsg_info(29));
}

/*
 * Every type at its minimum length is accepted (GPADL_BODY needs one PFN
 * more) and one byte shorter is -EPROTO.
 */
SELFTEST(chmsg_parse_min_len_each_type)
{
	u8 buf[CHMSG_CASE_BUF_SIZE];
	struct vmbus_chmsg out;
	u32 type;

	for (type = 1; type < VMBUS_MSG_COUNT; type++) {
		const struct vmbus_chmsg_info *info = vmbus_chmsg_info(type);
		struct chmsg_case c = {
			.type = type, .dir = info->dir,
			.version = VMBUS_PROTO_V6_0,
		};
		int ret;

		c.len = info->min_len;
		if (type == VMBUS_MSG_GPADL_BODY)
			c.len += 8;
		chmsg_case_build(&c, buf);
		ret = chmsg_parse_exact(buf, c.len, c.dir, c.version, &out);
		if (ret)
			fprintf(stderr, "  %s at %u: %d\n", info->name, c.len,
				ret);
		ST_EXPECT_EQ(t, ret, 0);
		ST_EXPECT_EQ(t, out.type, type);
		ST_EXPECT_EQ(t, out.len, c.len);
		ST_EXPECT_EQ(t, out.relid, info->relid_off ? 1 : 0);

		c.len--;
		chmsg_case_build(&c, buf);
		ret = chmsg_parse_exact(buf, c.len, c.dir, c.version, &out);
		if (ret != -EPROTO)
			fprintf(stderr, "  %s at %u: %d\n", info->name, c.len,
				ret);
		ST_EXPECT_EQ(t, ret, -EPROTO);
	}
}

SELFTEST(chmsg_parse_case_table)
{
	u8 buf[CHMSG_CASE_BUF_SIZE];
	struct vmbus_chmsg out, before;
	size_t i;

	ST_EXPECT_EQ(t, chmsg_cases_fill(), 0);
	for (i = 0; i < ARRAY_SIZE(chmsg_cases); i++) {
		const struct chmsg_case *c = &chmsg_cases[i];
		int ret;

		chmsg_case_build(c, buf);
		memset(&out, 0xa5, sizeof(out));
		before = out;
		ret = chmsg_parse_exact(buf, c->len, c->dir, c->version, &out);
		if (ret != c->err)
			fprintf(stderr, "  row %s: got %d, want %d\n", c->name,
				ret, c->err);
		ST_EXPECT_EQ(t, ret, c->err);
		if (ret) {
			/* A failed parse leaves @out alone. */
			ST_EXPECT_MEM(t, &out, &before, sizeof(out));
			continue;
		}
		ST_EXPECT_EQ(t, out.type, c->type);
		ST_EXPECT_EQ(t, out.len, c->len);
		ST_EXPECT_MEM(t, out.body.raw, buf, c->len);
		ST_EXPECT(t, chmsg_tail_is_zero(&out));
	}
}

/* Row names are unique: KUnit shows them as the parameter names. */
SELFTEST(chmsg_case_table_names_unique)
{
	size_t i, j, n = ARRAY_SIZE(chmsg_cases);

	ST_EXPECT_EQ(t, chmsg_cases_fill(), 0);
	ST_EXPECT(t, n > 300);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!strcmp(chmsg_cases[i].name, chmsg_cases[j].name)) {
				fprintf(stderr, "  duplicate row %s\n",
					chmsg_cases[i].name);
				ST_EXPECT(t, 0);
			}
}

static void put8(u8 *b, size_t off, u8 v)
{
	b[off] = v;
}

/* An OFFERCHANNEL written from fact sheet 3.2, byte by byte. */
SELFTEST(chmsg_parse_decodes_offer)
{
	static const u8 netvsc[16] = {
		0x63, 0x51, 0x61, 0xf8, 0x3e, 0xdf, 0xc5, 0x46,
		0x91, 0x3f, 0xf2, 0xd2, 0xf9, 0x65, 0xed, 0x0e,
	};
	const struct vmbus_msg_offer_channel *o;
	struct vmbus_chmsg out;
	u8 img[196] = { 0 };
	int i;

	put32(img, 0, 1);			/* OFFERCHANNEL */
	memcpy(img + 8, netvsc, 16);		/* interface type */
	for (i = 0; i < 16; i++)
		img[24 + i] = 0x10 + i;		/* interface instance */
	put16(img, 56, 0x0001);			/* flags: enumerate */
	put16(img, 58, 8);			/* MMIO MiB */
	put32(img, 60, 4);			/* pipe mode: message */
	img[64] = 0x77;				/* first user byte */
	put16(img, 180, 3);			/* sub-channel index */
	put32(img, 184, 14);			/* child relid */
	put8(img, 188, 5);			/* monitor id */
	put8(img, 189, 1);			/* monitor allocated */
	put16(img, 190, 1);			/* dedicated interrupt */
	put32(img, 192, 0x2000e);		/* connection id */

	ST_EXPECT_EQ(t, chmsg_parse_exact(img, sizeof(img),
					  VMBUS_CHMSG_DIR_H2G,
					  VMBUS_PROTO_V5_3, &out), 0);
	o = &out.body.offerchannel;
	ST_EXPECT_EQ(t, out.type, VMBUS_MSG_OFFERCHANNEL);
	ST_EXPECT_EQ(t, out.len, 196);
	ST_EXPECT_EQ(t, out.relid, 14);
	ST_EXPECT_EQ(t, le32_to_cpu(o->hdr.type), VMBUS_MSG_OFFERCHANNEL);
	ST_EXPECT_MEM(t, &o->if_type, netvsc, 16);
	ST_EXPECT_EQ(t, o->if_instance.b[15], 0x1f);
	ST_EXPECT_EQ(t, le16_to_cpu(o->flags), VMBUS_MSG_OFFER_FLAG_ENUMERATE);
	ST_EXPECT_EQ(t, le16_to_cpu(o->mmio_mb), 8);
	ST_EXPECT_EQ(t, le32_to_cpu(o->user.pipe.mode),
		     VMBUS_MSG_PIPE_MODE_MESSAGE);
	ST_EXPECT_EQ(t, o->user.pipe.data[0], 0x77);
	ST_EXPECT_EQ(t, le16_to_cpu(o->sub_channel_index), 3);
	ST_EXPECT_EQ(t, le32_to_cpu(o->child_relid), 14);
	ST_EXPECT_EQ(t, o->monitor_id, 5);
	ST_EXPECT_EQ(t, o->monitor_flags, VMBUS_MSG_OFFER_MONITOR_ALLOCATED);
	ST_EXPECT_EQ(t, le16_to_cpu(o->interrupt_flags),
		     VMBUS_MSG_OFFER_DEDICATED_INTERRUPT);
	ST_EXPECT_EQ(t, le32_to_cpu(o->connection_id), 0x2000e);
	ST_EXPECT(t, chmsg_tail_is_zero(&out));

	/* The same image is not a message the guest sends. */
	ST_EXPECT_EQ(t, chmsg_parse_exact(img, sizeof(img),
					  VMBUS_CHMSG_DIR_G2H,
					  VMBUS_PROTO_V5_3, &out),
		     -EPROTONOSUPPORT);
}

/* A GPADL_HEADER with three PFNs, written from fact sheet 3.5. */
SELFTEST(chmsg_parse_decodes_gpadl_header)
{
	const struct vmbus_msg_gpadl_header *g;
	struct vmbus_chmsg out;
	u8 img[28 + 3 * 8] = { 0 };
	__le64 pfn;

	put32(img, 0, 8);			/* GPADL_HEADER */
	put32(img, 8, 7);			/* child relid */
	put32(img, 12, 0xe1e10);		/* handle */
	put16(img, 16, 8 + 3 * 8);		/* range buffer length */
	put16(img, 18, 1);			/* one range */
	put32(img, 20, 3 * 4096);		/* byte count */
	put32(img, 24, 0);			/* byte offset */
	put64(img, 28, 0x1000);
	put64(img, 36, 0x2000);
	put64(img, 44, 0xfffffffff);

	ST_EXPECT_EQ(t, chmsg_parse_exact(img, sizeof(img),
					  VMBUS_CHMSG_DIR_G2H,
					  VMBUS_PROTO_V5_3, &out), 0);
	g = &out.body.gpadl_header;
	ST_EXPECT_EQ(t, out.relid, 7);
	ST_EXPECT_EQ(t, le32_to_cpu(g->gpadl), 0xe1e10);
	ST_EXPECT_EQ(t, le16_to_cpu(g->range_buflen), 32);
	ST_EXPECT_EQ(t, le16_to_cpu(g->range_count), 1);
	ST_EXPECT_EQ(t, le32_to_cpu(g->range.byte_count), 3 * 4096);
	memcpy(&pfn, out.body.raw + 28 + 2 * 8, sizeof(pfn));
	ST_EXPECT_EQ(t, le64_to_cpu(pfn), 0xfffffffff);
	ST_EXPECT(t, chmsg_tail_is_zero(&out));
}

/* A short 16-byte VERSION_RESPONSE reads as a 40-byte one with zeros. */
SELFTEST(chmsg_parse_zeroes_tail)
{
	struct vmbus_chmsg out;
	u8 img[16] = { 0 };

	put32(img, 0, 15);			/* VERSION_RESPONSE */
	put8(img, 8, 1);			/* supported */
	put8(img, 9, 0);			/* success */
	put32(img, 12, 0x10);			/* message connection id */
	memset(&out, 0xff, sizeof(out));
	ST_EXPECT_EQ(t, chmsg_parse_exact(img, sizeof(img),
					  VMBUS_CHMSG_DIR_H2G, 0, &out), 0);
	ST_EXPECT_EQ(t, out.relid, 0);
	ST_EXPECT_EQ(t, out.body.version_response.version_supported, 1);
	ST_EXPECT_EQ(t, le32_to_cpu(out.body.version_response.msg_conn_id),
		     0x10);
	ST_EXPECT_EQ(t, out.body.version_response3.resp2.feature_flags, 0);
	ST_EXPECT_EQ(t, out.body.version_response3.monitor_page2, 0);
	ST_EXPECT(t, chmsg_tail_is_zero(&out));
}

SELFTEST(chmsg_init_writes_base_struct)
{
	u8 buf[CHMSG_CASE_BUF_SIZE];
	u32 type;
	size_t i;

	for (type = 1; type < VMBUS_MSG_COUNT; type++) {
		const struct vmbus_chmsg_info *info = vmbus_chmsg_info(type);
		int dirty = 0;

		memset(buf, 0xa5, sizeof(buf));
		ST_EXPECT_EQ(t, vmbus_chmsg_init(buf, info->size, type),
			     info->size);
		ST_EXPECT_EQ(t, buf[0], type);
		for (i = 1; i < info->size; i++)
			dirty |= buf[i];
		for (i = info->size; i < sizeof(buf); i++)
			dirty |= buf[i] != 0xa5;
		ST_EXPECT(t, !dirty);

		memset(buf, 0xa5, sizeof(buf));
		ST_EXPECT_EQ(t, vmbus_chmsg_init(buf, info->size - 1, type), 0);
		ST_EXPECT_EQ(t, buf[0], 0xa5);
	}
	ST_EXPECT_EQ(t, vmbus_chmsg_init(buf, sizeof(buf), 0), 0);
	ST_EXPECT_EQ(t, vmbus_chmsg_init(buf, sizeof(buf), 30), 0);
	ST_EXPECT_EQ(t, vmbus_chmsg_init(buf, sizeof(buf), 0xffffffff), 0);
	ST_EXPECT_EQ(t, buf[0], 0xa5);
}
