// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for lib/gpadl_msg.c. The first input byte picks a mode.
 *
 * Even: host-side assembly. Bytes 1-2 give the PFN array capacity (at most
 * GF_CAP); the rest is a sequence of length-prefixed chunks (one length
 * byte, then up to 255 message bytes). Chunks go to vmbus_gpadl_asm_start()
 * until one is accepted, then to vmbus_gpadl_asm_add_body(). Each message
 * is copied to a buffer of exactly its length, so ASan catches any read
 * past it. The PFN array stays poisoned except, during each call, for a
 * window of 32 entries from the first one the message may fill, so ASan
 * catches any access elsewhere; the window is compared with what it must
 * hold.
 * Invariants (abort() or an ASan report on violation):
 *   - have <= npfn <= cap at all times, and the return value is 1 exactly
 *     when have < npfn (so completion is never reported with have != npfn);
 *   - a rejected message changes neither the state nor the PFN array;
 *   - nothing is written past npfn entries of the array, nor outside the
 *     entries the message fills;
 *   - accepted PFNs are the message's bytes, decoded independently here,
 *     and an accepted header satisfies the one-range rules.
 *
 * Odd: guest-side construction. (npfn, byte offset, byte count, buffer
 * length) come from the input; the result must match a reference predicate,
 * and for a valid descriptor every built message must be accepted by the
 * assembler and reproduce the PFNs exactly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/gpadl_msg.c"
#include "fuzz_util.h"

#define GF_CAP		(VMBUS_MSG_GPADL_MAX_PFNS + 2)
#define GF_GUARD	8
#define GF_SENTINEL	0xdeadbeefcafef00dull
/* Entries a call may touch: a message carries at most 28 PFNs. */
#define GF_WINDOW	32

static u64 gf_pfns[GF_CAP + GF_GUARD];
static u64 gf_shadow[GF_WINDOW];
/* gf_pfns[gf_dirty ..] still hold the sentinel; at first, none does. */
static u32 gf_dirty = GF_CAP + GF_GUARD;

FZ_BUF(gf_msg_buf, 255);
FZ_BUF(gf_buf, 255);
FZ_BUF(gf_pfn_buf, GF_CAP * sizeof(u64));
FZ_BUF(gf_got_buf, GF_CAP * sizeof(u64));

static u16 gf_rd16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 gf_rd32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u64 gf_rd64(const u8 *p)
{
	return gf_rd32(p) | (u64)gf_rd32(p + 4) << 32;
}

static int gf_is_errno(int ret)
{
	return ret == -EPROTO || ret == -EMSGSIZE || ret == -EBADRQC ||
	       ret == -ERANGE || ret == -EPROTONOSUPPORT || ret == -EINVAL;
}

/* Pages spanned by (offset, count), written independently of the code. */
static u64 gf_span(u32 off, u32 count)
{
	u64 end = (u64)off + count;

	if (!count)
		return 0;
	return end / 4096 + (end % 4096 ? 1 : 0);
}

static void gf_check_state(const struct vmbus_gpadl_asm *a, u32 cap)
{
	FZ_CHECK(a->cap == cap);
	FZ_CHECK(a->pfns == gf_pfns);
	FZ_CHECK(a->npfn <= a->cap);
	FZ_CHECK(a->have <= a->npfn);
}

/* Open (@open) or close the PFN array's entries [@lo, @lo + @n). */
static noinline __no_sanitize_coverage void gf_fence(u32 lo, u32 n, bool open)
{
	if (open)
		ASAN_UNPOISON_MEMORY_REGION(gf_pfns + lo, n * sizeof(u64));
	else
		ASAN_POISON_MEMORY_REGION(gf_pfns + lo, n * sizeof(u64));
}

static void gf_assemble(const u8 *data, size_t size)
{
	struct vmbus_gpadl_asm a, before;
	u32 cap, i, lo, win;
	int started = 0, complete = 0;

	if (size < 3)
		return;
	cap = gf_rd16(data + 1);
	if (cap > GF_CAP)
		cap = GF_CAP;
	data += 3;
	size -= 3;

	/* Only what earlier runs wrote needs the sentinel back. */
	gf_fence(0, gf_dirty, true);
	for (i = 0; i < gf_dirty; i++)
		gf_pfns[i] = GF_SENTINEL;
	gf_fence(0, gf_dirty, false);
	gf_dirty = 0;
	memset(&a, 0x5a, sizeof(a));

	while (size) {
		size_t len = data[0];
		u8 *msg;
		u32 had;
		int ret;

		data++;
		size--;
		if (len > size)
			len = size;
		msg = fz_buf_get(&gf_msg_buf, len);
		memcpy(msg, data, len);
		data += len;
		size -= len;

		before = a;
		had = started ? a.have : 0;
		/* The entries this message may fill, within cap + GF_GUARD. */
		lo = had;
		win = cap + GF_GUARD - lo < GF_WINDOW ? cap + GF_GUARD - lo :
							GF_WINDOW;
		gf_fence(lo, win, true);
		memcpy(gf_shadow, gf_pfns + lo, win * sizeof(u64));
		if (!started)
			ret = vmbus_gpadl_asm_start(&a, msg, len, gf_pfns, cap);
		else
			ret = vmbus_gpadl_asm_add_body(&a, msg, len);

		if (ret < 0) {
			FZ_CHECK(gf_is_errno(ret));
			FZ_CHECK(!memcmp(&a, &before, sizeof(a)));
			FZ_CHECK(!memcmp(gf_pfns + lo, gf_shadow, win * sizeof(u64)));
		} else if (!started) {
			u32 n = (len - 28) / 8, rbl = gf_rd16(msg + 16);

			FZ_CHECK(ret == 0 || ret == 1);
			FZ_CHECK(len >= 28 && len <= 240 && (len - 28) % 8 == 0);
			FZ_CHECK(gf_rd32(msg) == VMBUS_MSG_GPADL_HEADER);
			FZ_CHECK(gf_rd16(msg + 18) == 1);
			FZ_CHECK(rbl >= 16 && rbl % 8 == 0);
			FZ_CHECK(a.npfn == (rbl - 8u) / 8);
			FZ_CHECK(a.relid == gf_rd32(msg + 8));
			FZ_CHECK(a.handle == gf_rd32(msg + 12));
			FZ_CHECK(a.byte_count == gf_rd32(msg + 20));
			FZ_CHECK(a.byte_offset == gf_rd32(msg + 24));
			FZ_CHECK(a.byte_offset < 4096);
			FZ_CHECK(gf_span(a.byte_offset, a.byte_count) == a.npfn);
			FZ_CHECK(a.have == n);
			for (i = 0; i < n; i++)
				FZ_CHECK(gf_pfns[i] == gf_rd64(msg + 28 + 8 * i));
			/* The rest of the window is untouched. */
			FZ_CHECK(!memcmp(gf_pfns + n, gf_shadow + n,
					 (win - n) * sizeof(u64)));
			started = 1;
		} else {
			u32 n = (len - 16) / 8;

			/* After completion every body is refused. */
			FZ_CHECK(!complete);
			FZ_CHECK(ret == 0 || ret == 1);
			FZ_CHECK(len > 16 && len <= 240 && (len - 16) % 8 == 0);
			FZ_CHECK(gf_rd32(msg) == VMBUS_MSG_GPADL_BODY);
			FZ_CHECK(gf_rd32(msg + 12) == a.handle);
			FZ_CHECK(a.have == had + n);
			for (i = 0; i < n; i++)
				FZ_CHECK(gf_pfns[had + i] ==
					 gf_rd64(msg + 16 + 8 * i));
			FZ_CHECK(!memcmp(gf_pfns + had + n, gf_shadow + n,
					 (win - n) * sizeof(u64)));
		}
		gf_fence(lo, win, false);
		if (ret >= 0 && a.have > gf_dirty)
			gf_dirty = a.have;
		if (started) {
			gf_check_state(&a, cap);
			FZ_CHECK(ret < 0 || ret == (a.have < a.npfn));
			if (ret == 0)
				complete = 1;
			FZ_CHECK(complete == (a.have == a.npfn));
		}
	}
}

/* Error a build must return, by the documented rules; 0 if valid. */
static int gf_build_expect(u32 npfn, u32 off, u32 count)
{
	if (!npfn)
		return -EINVAL;
	if (npfn > 8190)
		return -EMSGSIZE;
	if (off >= 4096)
		return -ERANGE;
	if (gf_span(off, count) != npfn)
		return -ERANGE;
	return 0;
}

/* Distinct PFNs for a build, from @seed. */
static noinline __no_sanitize_coverage
void gf_fill(u64 *pfns, u32 npfn, u32 seed)
{
	u32 i;

	for (i = 0; i < npfn; i++)
		pfns[i] = ((u64)seed << 48) ^ ((u64)i * 0x9e3779b97f4a7c15ull);
}

static void gf_build(const u8 *data, size_t size)
{
	struct vmbus_gpadl_desc d;
	struct vmbus_gpadl_asm a;
	u32 npfn, off, count, seed, msgs, want_msgs, i, sent = 0;
	size_t buflen;
	u64 *pfns, *got;
	u8 *buf;
	int err, ret;

	if (size < 12)
		return;
	npfn = gf_rd16(data + 1) % (GF_CAP + 1);
	off = gf_rd16(data + 3) & 0x1fff;
	/* Byte 5 bit 0: raw byte count; else derived from npfn and offset. */
	if (data[5] & 1) {
		count = gf_rd32(data + 6);
	} else {
		u32 slack = gf_rd16(data + 6) % 4096;
		u64 full = (u64)npfn * 4096;

		count = full > (u64)off + slack ? full - off - slack : 1;
	}
	seed = gf_rd16(data + 10);
	/* Byte 5 bit 1: a small buffer length from byte 11; else 240. */
	buflen = data[5] & 2 ? data[11] : VMBUS_MSG_MAX_SIZE;

	want_msgs = npfn && npfn <= 8190 ?
		    1 + (npfn > 26 ? (npfn - 26 + 27) / 28 : 0) : 0;
	msgs = vmbus_gpadl_msg_count(npfn);
	FZ_CHECK(msgs == want_msgs);

	pfns = fz_buf_get(&gf_pfn_buf, npfn * sizeof(*pfns));
	got = fz_buf_get(&gf_got_buf, npfn * sizeof(*got));
	buf = fz_buf_get(&gf_buf, buflen);
	gf_fill(pfns, npfn, seed);

	d.relid = seed;
	d.handle = seed ^ 0xe1e10;
	d.pfns = pfns;
	d.npfn = npfn;
	d.byte_count = count;
	d.byte_offset = off;

	err = gf_build_expect(npfn, off, count);
	ret = vmbus_gpadl_msg_build(&d, 0, buf, buflen);
	if (err) {
		FZ_CHECK(ret == err);
		return;
	}
	for (i = 0; i < msgs; i++) {
		u32 n = i == 0 ? (npfn < 26 ? npfn : 26) :
				 (npfn - sent < 28 ? npfn - sent : 28);
		size_t need = (i == 0 ? 28 : 16) + 8 * n;

		ret = vmbus_gpadl_msg_build(&d, i, buf, buflen);
		if (buflen < need) {
			FZ_CHECK(ret == -EMSGSIZE);
			return;
		}
		FZ_CHECK(ret > 0 && (size_t)ret == need);
		FZ_CHECK(ret <= (int)VMBUS_MSG_MAX_SIZE);
		if (i == 0)
			ret = vmbus_gpadl_asm_start(&a, buf, need, got, npfn);
		else
			ret = vmbus_gpadl_asm_add_body(&a, buf, need);
		sent += n;
		FZ_CHECK(ret == (i + 1 < msgs ? 1 : 0));
		FZ_CHECK(a.have == sent);
	}
	FZ_CHECK(sent == npfn);
	FZ_CHECK(a.npfn == npfn && a.have == npfn);
	FZ_CHECK(a.relid == d.relid && a.handle == d.handle);
	FZ_CHECK(a.byte_count == count && a.byte_offset == off);
	FZ_CHECK(!memcmp(got, pfns, npfn * sizeof(*got)));
	FZ_CHECK(vmbus_gpadl_msg_build(&d, msgs, buf, buflen) == -ERANGE);
}

int fuzz_one_input(const unsigned char *data, size_t size);

int fuzz_one_input(const unsigned char *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		gf_build(data, size);
	else
		gf_assemble(data, size);
	return 0;
}
