// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the host-input glue outside the channel-message parser
 * (lib/hostmsg.c), driven the way synic.c's message tasklet and
 * connection.c's dispatch drive it, against a model hypervisor.
 *
 * The model hypervisor queues the input's messages for SINT 2 and follows
 * the TLFS: it writes a message only into an empty slot and then raises
 * the SINT; finding the slot occupied it sets the pending flag and waits
 * for the end-of-message write. A message of type NONE stands for a
 * spurious interrupt (the slot stays empty). Per message the input may
 * also have the hypervisor queue the next message between the guest's
 * read and its release (the race the protocol is for), set the pending
 * flag without cause, or scribble over the slot's type before the release.
 * The slot is a buffer of exactly 256 bytes, so ASan catches any read
 * beyond it.
 *
 * The harness abort()s when:
 *   - a read does not copy the whole slot, changes it, returns other than
 *     -ENODATA (empty), -EBADRQC (not VMBus), -EMSGSIZE (payload size
 *     above 240) or 0, or on success gives a payload that is not inside
 *     the private copy or is longer than 240 bytes;
 *   - a release clears a type other than the one read, writes any other
 *     byte of the slot, or does not ask for the EOM when the flag is set;
 *   - a message is stranded (the hypervisor waits for an EOM that never
 *     comes) or the guest sees the messages other than once each, in order;
 *   - for a VMBus message the parser accepts (from a copy of exactly its
 *     length, as connection.c's work item holds it), the route differs
 *     from tests/user/hostmsg_cases.h, the key is not the message's bytes,
 *     or a relid-carrying route has a relid outside 1 .. 2047;
 *   - for the same bytes taken as an unchecked message (any type, any
 *     relid), the route is other than the table's or NONE, or sends a
 *     relid outside 1 .. 2047 to a handler.
 *
 * Input layout:
 *   0      negotiated version: index into fz_versions[] (mod its size)
 *   ...    messages: a control byte (bit 0 race, bit 1 spurious pending,
 *          bit 2 scribble), the message type (4 bytes, little-endian), the
 *          payload size byte (raw: may exceed 240), then min(size, 240)
 *          payload bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/chmsg.c"
#include "../../lib/hostmsg.c"
#include "../user/hostmsg_cases.h"
#include "fuzz_util.h"

#define FZ_RACE		0x01
#define FZ_SPURIOUS	0x02
#define FZ_SCRIBBLE	0x04
#define FZ_MAX_MSGS	64

static const u32 fz_versions[] = {
	0, VMBUS_PROTO_V0_13, VMBUS_PROTO_V1_1, VMBUS_PROTO_V2_4,
	VMBUS_PROTO_V3_0, VMBUS_PROTO_V4_0, VMBUS_PROTO_V4_1,
	VMBUS_PROTO_V5_0, VMBUS_PROTO_V5_1, VMBUS_PROTO_V5_2,
	VMBUS_PROTO_V5_3, VMBUS_PROTO_V6_0,
};

struct fz_msg {
	u8 ctl;
	u8 size;	/* raw payload size field */
	u32 type;
	const u8 *payload;	/* min(size, 240) bytes of the input */
};

/* The model hypervisor's side of SINT 2. */
struct fz_host {
	struct fz_msg msgs[FZ_MAX_MSGS];
	u32 n;		/* messages queued */
	u32 next;	/* next message to write into the slot */
	bool wait_eom;	/* pending flag set: nothing more until the EOM */
	bool sint;	/* the SINT is raised */
};

FZ_BUF(fz_slot_buf, sizeof(struct tlfs_message));
FZ_BUF(fz_work_buf, TLFS_MSG_PAYLOAD_MAX);

static noinline __no_sanitize_coverage u32 fz_get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

/* The hypervisor tries to deliver its next message into @slot. */
static noinline __no_sanitize_coverage
void fz_host_deliver(struct fz_host *h, u8 *slot)
{
	const struct fz_msg *m;
	u32 n;

	if (h->next == h->n || h->wait_eom)
		return;
	if (fz_get32(slot)) {
		slot[5] |= TLFS_MSG_FLAG_PENDING;
		h->wait_eom = true;
		return;
	}
	m = &h->msgs[h->next++];
	h->sint = true;
	if (m->type == TLFS_MSG_NONE)
		return;		/* a spurious interrupt */
	memset(slot, 0, TLFS_MSG_SIZE);
	slot[0] = m->type;
	slot[1] = m->type >> 8;
	slot[2] = m->type >> 16;
	slot[3] = m->type >> 24;
	slot[4] = m->size;
	if (m->ctl & FZ_SPURIOUS)
		slot[5] = TLFS_MSG_FLAG_PENDING;
	n = m->size < TLFS_MSG_PAYLOAD_MAX ? m->size : TLFS_MSG_PAYLOAD_MAX;
	memcpy(slot + 16, m->payload, n);
	/* Stale bytes past the payload, as a reused slot has. */
	memset(slot + 16 + n, 0xa5, TLFS_MSG_PAYLOAD_MAX - n);
}

/* A route to a handler that indexes by relid needs a valid relid. */
static void fz_check_relid(const struct vmbus_chmsg *msg, u32 route)
{
	const struct vmbus_chmsg_info *info = vmbus_chmsg_info(msg->type);

	if (route == VMBUS_ROUTE_OFFER || route == VMBUS_ROUTE_RESCIND ||
	    (route == VMBUS_ROUTE_WAITER && info->relid_off))
		FZ_CHECK(msg->relid && msg->relid < VMBUS_MSG_RELID_LIMIT);
}

/*
 * The route and key of @msg by hostmsg_cases.h: nowhere for a type not
 * listed, or for a relid out of range on a type that has one.
 */
static void fz_check_route(const struct vmbus_chmsg *msg, u32 route, u32 key)
{
	const struct hostmsg_route_case *c = hostmsg_route_case(msg->type);
	const struct vmbus_chmsg_info *info = vmbus_chmsg_info(msg->type);
	bool bad_relid = info && info->relid_off &&
			 (!msg->relid || msg->relid >= VMBUS_MSG_RELID_LIMIT);

	if (!c || bad_relid) {
		FZ_CHECK(route == VMBUS_ROUTE_NONE && key == 0);
		return;
	}
	FZ_CHECK(route == c->route);
	FZ_CHECK(vmbus_chmsg_info(msg->type)->dir == VMBUS_CHMSG_DIR_H2G);
	FZ_CHECK(key == (c->key_off ? fz_get32(msg->body.raw + c->key_off) :
				      0));
	fz_check_relid(msg, route);
}

/* What connection.c does with a VMBus payload: parse, then route. */
static void fz_dispatch(const u8 *payload, u32 size, u32 version)
{
	struct vmbus_chmsg msg, raw;
	u8 *work = fz_buf_get(&fz_work_buf, size);
	u32 key = 0x5a5a5a5a;
	int ret, route;

	memcpy(work, payload, size);
	ret = vmbus_chmsg_parse(work, size, VMBUS_CHMSG_DIR_H2G, version,
				&msg);
	if (!ret) {
		route = vmbus_hostmsg_route(&msg, &key);
		fz_check_route(&msg, route, key);
	}

	/* The same bytes with no parser in front: any type, any relid. */
	memset(&raw, 0, sizeof(raw));
	memcpy(raw.body.raw, payload, size);
	raw.len = size;
	raw.type = size >= 4 ? fz_get32(payload) : 0;
	raw.relid = size >= 12 ? fz_get32(payload + 8) : 0;
	key = 0x5a5a5a5a;
	route = vmbus_hostmsg_route(&raw, &key);
	fz_check_route(&raw, route, key);
}

/* One run of synic.c's message tasklet, checked step by step. */
static void fz_tasklet(struct fz_host *h, u8 *slot, u32 version,
		       const struct fz_msg *m)
{
	struct tlfs_message copy;
	struct vmbus_hostmsg_slot out;
	u8 before[TLFS_MSG_SIZE];
	u32 type, size, scribble = 0;
	bool pending, eom;
	int ret, want;

	memcpy(before, slot, sizeof(before));
	type = fz_get32(before);
	size = before[4];
	memset(&out, 0x5a, sizeof(out));
	ret = vmbus_hostmsg_slot_read((const struct tlfs_message *)slot, &copy,
				      &out);
	if (type == TLFS_MSG_NONE)
		want = -ENODATA;
	else if (type != TLFS_MSG_VMBUS)
		want = -EBADRQC;
	else if (size > TLFS_MSG_PAYLOAD_MAX)
		want = -EMSGSIZE;
	else
		want = 0;
	FZ_CHECK(ret == want);
	FZ_CHECK(out.type == type && type == m->type);
	FZ_CHECK(!memcmp(&copy, before, sizeof(copy)));
	FZ_CHECK(!memcmp(slot, before, sizeof(before)));
	if (ret) {
		FZ_CHECK(!out.payload && !out.size);
	} else {
		FZ_CHECK(out.payload == copy.payload && out.size == size);
		FZ_CHECK(out.payload + out.size <= (u8 *)(&copy + 1));
	}
	if (ret == -ENODATA)
		return;		/* a spurious interrupt, nothing to release */
	if (!ret)
		fz_dispatch(out.payload, out.size, version);

	/* The hypervisor meanwhile: the race, or a hostile scribble. */
	if (m->ctl & FZ_RACE)
		fz_host_deliver(h, slot);
	if (m->ctl & FZ_SCRIBBLE) {
		scribble = type ^ 0x80000100;
		slot[0] = scribble;
		slot[1] = scribble >> 8;
		slot[2] = scribble >> 16;
		slot[3] = scribble >> 24;
	}
	memcpy(before, slot, sizeof(before));
	pending = before[5] & TLFS_MSG_FLAG_PENDING;
	eom = vmbus_hostmsg_slot_release((struct tlfs_message *)slot,
					 out.type);
	FZ_CHECK(eom == pending);
	FZ_CHECK(!memcmp(slot + 4, before + 4, sizeof(before) - 4));
	FZ_CHECK(fz_get32(slot) == (scribble ? scribble : TLFS_MSG_NONE));
	if (scribble)
		memset(slot, 0, 4);	/* the hypervisor takes it back */

	/* Nothing stranded: a hypervisor waiting for the EOM gets it. */
	FZ_CHECK(!h->wait_eom || eom);
	if (eom)
		h->wait_eom = false;
	fz_host_deliver(h, slot);
}

int fuzz_one_input(const unsigned char *data, size_t size);

int fuzz_one_input(const unsigned char *data, size_t size)
{
	struct fz_host h = { .n = 0 };
	u32 version, seen = 0;
	u8 *slot;

	if (!size)
		return 0;
	version = fz_versions[data[0] % ARRAY_SIZE(fz_versions)];
	data++;
	size--;
	while (size >= 6 && h.n < FZ_MAX_MSGS) {
		struct fz_msg *m = &h.msgs[h.n++];
		u32 n;

		m->ctl = data[0];
		m->type = fz_get32(data + 1);
		m->size = data[5];
		data += 6;
		size -= 6;
		n = m->size < TLFS_MSG_PAYLOAD_MAX ? m->size :
						     TLFS_MSG_PAYLOAD_MAX;
		if (n > size) {		/* short input: zeros follow */
			static u8 fz_pad[TLFS_MSG_PAYLOAD_MAX];

			memcpy(fz_pad, data, size);
			memset(fz_pad + size, 0, n - size);
			m->payload = fz_pad;
			size = 0;
			break;
		}
		m->payload = data;
		data += n;
		size -= n;
	}

	slot = fz_buf_get(&fz_slot_buf, TLFS_MSG_SIZE);
	memset(slot, 0, TLFS_MSG_SIZE);
	fz_host_deliver(&h, slot);
	while (h.sint) {
		h.sint = false;
		/* The guest sees each message once, in order. */
		FZ_CHECK(++seen == h.next);
		fz_tasklet(&h, slot, version, &h.msgs[h.next - 1]);
		/* A spurious interrupt: the hypervisor goes on by itself. */
		if (!h.sint)
			fz_host_deliver(&h, slot);
	}
	/* Every message reached the guest exactly once. */
	FZ_CHECK(h.next == h.n && seen == h.n);
	return 0;
}
