// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of lib/hostmsg.c: reading a SynIC message slot (empty,
 * VMBus at 0 and 240 payload bytes, 241 and 255, other types; the payload
 * points into the private copy, never the slot), releasing it (the type is
 * cleared only if unchanged, nothing else is written, the pending flag
 * decides the EOM), and the route of every channel-message type against
 * hostmsg_cases.h, including relids out of range. vmbus_chmsg_info() comes
 * from test_chmsg.c's copy of chmsg.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include "selftest.h"

#include "../../lib/hostmsg.c"
#include "hostmsg_cases.h"

/* A slot image: type and payload size at their TLFS offsets, flags. */
static void hm_slot(struct tlfs_message *slot, u32 type, u8 size, u8 flags)
{
	u8 *b = (u8 *)slot;
	size_t i;

	for (i = 0; i < sizeof(*slot); i++)
		b[i] = (u8)(i * 7 + 1);
	put32(b, 0, type);
	b[4] = size;
	b[5] = flags;
}

static const struct {
	const char *name;
	u32 type;
	u8 size;
	int ret;
} hm_read_cases[] = {
	{ "empty", 0, 16, -ENODATA },
	{ "vmbus_0", 1, 0, 0 },
	{ "vmbus_8", 1, 8, 0 },
	{ "vmbus_240", 1, 240, 0 },
	{ "vmbus_241", 1, 241, -EMSGSIZE },
	{ "vmbus_255", 1, 255, -EMSGSIZE },
	{ "timer", 0x80000010, 24, -EBADRQC },
	{ "intercept", 0x80000001, 16, -EBADRQC },
	{ "type_2", 2, 16, -EBADRQC },
	{ "type_0x101", 0x101, 16, -EBADRQC },
};

SELFTEST(hostmsg_slot_read_cases)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hm_read_cases); i++) {
		struct tlfs_message slot, copy, before;
		struct vmbus_hostmsg_slot out;
		int ret;

		hm_slot(&slot, hm_read_cases[i].type, hm_read_cases[i].size, 0);
		before = slot;
		memset(&out, 0x5a, sizeof(out));
		ret = vmbus_hostmsg_slot_read(&slot, &copy, &out);
		if (ret != hm_read_cases[i].ret)
			fprintf(stderr, "  case %s\n", hm_read_cases[i].name);
		ST_EXPECT_EQ(t, ret, hm_read_cases[i].ret);
		ST_EXPECT_EQ(t, out.type, hm_read_cases[i].type);
		ST_EXPECT_MEM(t, &copy, &before, sizeof(copy));
		ST_EXPECT_MEM(t, &slot, &before, sizeof(slot));
		if (ret) {
			ST_EXPECT(t, !out.payload);
			ST_EXPECT_EQ(t, out.size, 0);
		} else {
			ST_EXPECT(t, out.payload == copy.payload);
			ST_EXPECT_EQ(t, out.size, hm_read_cases[i].size);
		}
	}
}

SELFTEST(hostmsg_slot_release)
{
	struct tlfs_message slot, before;
	int pending;

	for (pending = 0; pending < 2; pending++) {
		/* Unchanged type: cleared; the flags decide the EOM. */
		hm_slot(&slot, 1, 40, pending ? 0x01 : 0xfe);
		before = slot;
		ST_EXPECT_EQ(t, vmbus_hostmsg_slot_release(&slot, 1), pending);
		ST_EXPECT_EQ(t, le32_to_cpu(slot.header.message_type), 0);
		ST_EXPECT_MEM(t, (u8 *)&slot + 4, (u8 *)&before + 4,
			      sizeof(slot) - 4);

		/* The hypervisor refilled it meanwhile: not ours, untouched. */
		hm_slot(&slot, 0x80000010, 24, pending);
		before = slot;
		ST_EXPECT_EQ(t, vmbus_hostmsg_slot_release(&slot, 1), pending);
		ST_EXPECT_MEM(t, &slot, &before, sizeof(slot));
	}
}

SELFTEST(hostmsg_route_types)
{
	u32 type;

	for (type = 0; type < VMBUS_MSG_COUNT + 2; type++) {
		const struct hostmsg_route_case *c = hostmsg_route_case(type);
		struct vmbus_chmsg msg;
		u32 key = 0x5a5a5a5a;

		memset(&msg, 0, sizeof(msg));
		msg.type = type;
		msg.relid = 7;
		put32(msg.body.raw, 0, type);
		put32(msg.body.raw, 8, 0x11111111);
		put32(msg.body.raw, 12, 0x22222222);
		if (vmbus_hostmsg_route(&msg, &key) != (c ? c->route :
							     VMBUS_ROUTE_NONE))
			fprintf(stderr, "  type %u\n", type);
		ST_EXPECT_EQ(t, vmbus_hostmsg_route(&msg, &key),
			     c ? c->route : VMBUS_ROUTE_NONE);
		ST_EXPECT_EQ(t, key, !c || !c->key_off ? 0 :
				     c->key_off == 8 ? 0x11111111 : 0x22222222);
	}
}

SELFTEST(hostmsg_route_relid_range)
{
	static const u32 relids[] = { 0, 1, 2047, 2048, 0xffffffff };
	static const u32 types[] = { 1, 2, 6, 10, 24 };
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		for (j = 0; j < ARRAY_SIZE(relids); j++) {
			struct vmbus_chmsg msg;
			bool ok = relids[j] && relids[j] < VMBUS_MSG_RELID_LIMIT;
			u32 key;

			memset(&msg, 0, sizeof(msg));
			msg.type = types[i];
			msg.relid = relids[j];
			ST_EXPECT_EQ(t, vmbus_hostmsg_route(&msg, &key),
				     ok ? hostmsg_route_case(types[i])->route :
					  VMBUS_ROUTE_NONE);
		}
	}
}
