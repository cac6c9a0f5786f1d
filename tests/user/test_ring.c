// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of the VMBus ring (lib/ring.c) on plain memory, with a
 * producer view and a consumer view of the same ring. Each data-path case
 * runs twice: on a data area mapped once (malloc'd to the exact size, so
 * ASan catches a copy that runs off the end instead of wrapping) and on a
 * true double mapping (one memfd mapped twice back to back, followed by an
 * inaccessible guard page).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/ring.c"
#include "../kunit/ring_cases.h"
#include "selftest.h"

#define TR_PAGE		4096u
#define TR_BUFLEN	8192u

/* One ring in test memory, with the producer's and the consumer's view. */
struct tring {
	struct vmbus_ring_ctrl *ctrl;
	u8 *data;
	u32 size;
	bool dbl;
	u8 *map;
	size_t maplen;
	struct lumen_ring prod;
	struct lumen_ring cons;
};

static bool tring_setup(struct selftest *t, struct tring *tr, u32 size,
			bool dbl)
{
	memset(tr, 0, sizeof(*tr));
	tr->size = size;
	tr->dbl = dbl;
	tr->ctrl = aligned_alloc(TR_PAGE, sizeof(*tr->ctrl));
	if (!tr->ctrl)
		return false;
	memset(tr->ctrl, 0, sizeof(*tr->ctrl));
	if (dbl) {
		int fd = memfd_create("lumen-ring", 0);
		void *a, *b;

		ST_EXPECT(t, size % TR_PAGE == 0);
		if (fd < 0 || ftruncate(fd, size))
			return false;
		/* Reserve both mappings and a guard page, then alias. */
		tr->maplen = 2 * (size_t)size + TR_PAGE;
		tr->map = mmap(NULL, tr->maplen, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (tr->map == MAP_FAILED)
			return false;
		a = mmap(tr->map, size, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_FIXED, fd, 0);
		b = mmap(tr->map + size, size, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_FIXED, fd, 0);
		close(fd);
		if (a == MAP_FAILED || b == MAP_FAILED)
			return false;
		tr->data = tr->map;
	} else {
		tr->data = malloc(size);
		if (!tr->data)
			return false;
		memset(tr->data, 0, size);
	}
	ST_EXPECT_EQ(t, lumen_ring_init(&tr->prod, tr->ctrl, tr->data, size,
					dbl), 0);
	ST_EXPECT_EQ(t, lumen_ring_init(&tr->cons, tr->ctrl, tr->data, size,
					dbl), 0);
	return true;
}

static void tring_teardown(struct tring *tr)
{
	if (tr->dbl) {
		if (tr->map && tr->map != MAP_FAILED)
			munmap(tr->map, tr->maplen);
	} else {
		free(tr->data);
	}
	free(tr->ctrl);
}

/* Put both shared and private indices at @idx (an empty ring there). */
static void tring_seek(struct tring *tr, u32 idx)
{
	tr->ctrl->write_index = cpu_to_le32(idx);
	tr->ctrl->read_index = cpu_to_le32(idx);
	tr->prod.priv_write = idx;
	tr->cons.priv_read = idx;
	tr->cons.batch_start = idx;
}

static u8 tr_byte(u64 seq, u32 k)
{
	return (u8)(seq * 31 + k * 7 + 1);
}

static void tr_desc(struct vmbus_pkt_desc *d, u16 type, u16 off8, u16 len8,
		    u16 flags, u64 id)
{
	d->type = cpu_to_le16(type);
	d->offset8 = cpu_to_le16(off8);
	d->len8 = cpu_to_le16(len8);
	d->flags = cpu_to_le16(flags);
	d->trans_id = cpu_to_le64(id);
}

/* Send an in-band packet whose payload is tr_byte(seq, 0..plen-1). */
static int tr_send(struct lumen_ring *p, u64 seq, u32 plen, bool *signal)
{
	static u8 payload[TR_BUFLEN];
	struct vmbus_pkt_desc d;
	struct lumen_ring_buf b[2] = {
		{ &d, sizeof(d) }, { payload, plen },
	};
	u32 k;

	for (k = 0; k < plen; k++)
		payload[k] = tr_byte(seq, k);
	tr_desc(&d, VMBUS_PKT_DATA_INBAND, 2, (16 + plen + 7) / 8,
		VMBUS_PKT_FLAG_COMPLETION_REQUESTED, seq);
	return lumen_ring_write(p, b, 2, signal);
}

/* Receive and check the packet tr_send(seq, plen) wrote; 0 or errno. */
static int tr_recv(struct selftest *t, struct lumen_ring *c, u64 seq,
		   u32 plen)
{
	static u8 buf[TR_BUFLEN];
	struct lumen_ring_pkt pkt;
	u32 k, bad = 0;
	int err;

	err = lumen_ring_peek(c, buf, sizeof(buf), &pkt);
	if (err)
		return err;
	ST_EXPECT_EQ(t, pkt.type, VMBUS_PKT_DATA_INBAND);
	ST_EXPECT_EQ(t, pkt.flags, VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	ST_EXPECT_EQ(t, pkt.trans_id, seq);
	ST_EXPECT_EQ(t, pkt.offset, 16);
	ST_EXPECT_EQ(t, pkt.len, ALIGN(plen, 8));
	ST_EXPECT_EQ(t, pkt.ring_len, 16 + ALIGN(plen, 8) + 8);
	for (k = 0; k < pkt.len; k++)
		if (buf[pkt.offset + k] != (k < plen ? tr_byte(seq, k) : 0))
			bad++;
	ST_EXPECT_EQ(t, bad, 0);
	ST_EXPECT_EQ(t, lumen_ring_advance(c, &pkt), 0);
	return 0;
}

SELFTEST(ring_init_rejects_bad_sizes)
{
	static const u32 bad[] = { 0, 8, 24, 33, 36, 100, 0xffffffff };
	struct vmbus_ring_ctrl ctrl;
	struct lumen_ring r;
	u8 data[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ST_EXPECT_EQ(t, lumen_ring_init(&r, &ctrl, data, bad[i], false),
			     -EINVAL);
	ST_EXPECT_EQ(t, lumen_ring_init(&r, &ctrl, data, 32, false), 0);
	ST_EXPECT_EQ(t, lumen_ring_init(&r, &ctrl, data, 64, true), 0);
	ST_EXPECT_EQ(t, r.size, 64);
	ST_EXPECT(t, r.double_mapped);
	ST_EXPECT_EQ(t, r.priv_read, 0);
	ST_EXPECT_EQ(t, r.priv_write, 0);
}

static void ring_empty(struct selftest *t, bool dbl)
{
	struct lumen_ring_pkt pkt = { .ring_len = 12345 };
	struct tring tr;
	u8 buf[64];

	if (!tring_setup(t, &tr, TR_PAGE, dbl)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	ST_EXPECT_EQ(t, lumen_ring_peek(&tr.cons, buf, sizeof(buf), &pkt),
		     -ENODATA);
	ST_EXPECT_EQ(t, pkt.ring_len, 12345);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_read(&tr.cons), 0);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_write(&tr.prod), TR_PAGE);
	ST_EXPECT(t, !lumen_ring_intr_unmask(&tr.cons));
	ST_EXPECT(t, !lumen_ring_read_commit(&tr.cons));
	tring_teardown(&tr);
}

SELFTEST(ring_empty_single)
{
	ring_empty(t, false);
}

SELFTEST(ring_empty_double)
{
	ring_empty(t, true);
}

static void ring_round_trip(struct selftest *t, bool dbl)
{
	static const u8 ext[8] = { 0xca, 0xfe, 1, 0, 0, 0, 0, 0 };
	static const u8 body[13] = "hello, vmbus";
	struct vmbus_pkt_desc d;
	struct lumen_ring_buf b[3] = {
		{ &d, sizeof(d) }, { ext, sizeof(ext) }, { body, sizeof(body) },
	};
	struct vmbus_pkt_trailer trl;
	struct lumen_ring_pkt pkt;
	struct tring tr;
	bool signal;
	u8 buf[128];

	if (!tring_setup(t, &tr, TR_PAGE, dbl)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	/* 16 + 8 + 13 = 37 bytes, padded to 40, data at 24. */
	tr_desc(&d, VMBUS_PKT_DATA_XFER_PAGES, 3, 5, 0, 0x1122334455667788ULL);
	ST_EXPECT_EQ(t, lumen_ring_write(&tr.prod, b, 3, &signal), 0);
	ST_EXPECT(t, signal);
	ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->write_index), 48);
	ST_EXPECT_EQ(t, tr.prod.priv_write, 48);
	ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->read_index), 0);
	ST_EXPECT_MEM(t, tr.data, &d, 16);
	ST_EXPECT_MEM(t, tr.data + 16, ext, 8);
	ST_EXPECT_MEM(t, tr.data + 24, body, 13);
	ST_EXPECT_MEM(t, tr.data + 37, "\0\0\0", 3);
	memcpy(&trl, tr.data + 40, sizeof(trl));
	ST_EXPECT_EQ(t, trl.reserved, 0);
	ST_EXPECT_EQ(t, le32_to_cpu(trl.start_offset), 0);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_read(&tr.cons), 48);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_write(&tr.prod), TR_PAGE - 48);

	ST_EXPECT_EQ(t, lumen_ring_peek(&tr.cons, buf, sizeof(buf), &pkt), 0);
	ST_EXPECT_EQ(t, pkt.type, VMBUS_PKT_DATA_XFER_PAGES);
	ST_EXPECT_EQ(t, pkt.flags, 0);
	ST_EXPECT_EQ(t, pkt.trans_id, 0x1122334455667788ULL);
	ST_EXPECT_EQ(t, pkt.offset, 24);
	ST_EXPECT_EQ(t, pkt.len, 16);
	ST_EXPECT_EQ(t, pkt.ring_len, 48);
	ST_EXPECT_MEM(t, buf, &d, 16);
	ST_EXPECT_MEM(t, buf + 16, ext, 8);
	ST_EXPECT_MEM(t, buf + pkt.offset, body, 13);
	/* Peek does not consume: the same packet again. */
	ST_EXPECT_EQ(t, lumen_ring_peek(&tr.cons, buf, sizeof(buf), &pkt), 0);
	ST_EXPECT_EQ(t, tr.cons.priv_read, 0);
	ST_EXPECT_EQ(t, lumen_ring_advance(&tr.cons, &pkt), 0);
	ST_EXPECT_EQ(t, tr.cons.priv_read, 48);
	ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->read_index), 0);
	ST_EXPECT_EQ(t, lumen_ring_peek(&tr.cons, buf, sizeof(buf), &pkt),
		     -ENODATA);
	ST_EXPECT(t, !lumen_ring_read_commit(&tr.cons));
	ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->read_index), 48);
	ST_EXPECT_EQ(t, tr.cons.batch_start, 48);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_read(&tr.cons), 0);
	tring_teardown(&tr);
}

SELFTEST(ring_round_trip_single)
{
	ring_round_trip(t, false);
}

SELFTEST(ring_round_trip_double)
{
	ring_round_trip(t, true);
}

/*
 * Start a packet at every 8-byte boundary of the last 96 bytes, with
 * payload lengths that end it on both sides of the wrap (and split the
 * descriptor and the trailer), and check the bytes land at their wrapped
 * positions and come back intact.
 */
static void ring_wrap(struct selftest *t, bool dbl)
{
	struct tring tr;
	u32 start, plen, k, bad = 0;
	u64 seq = 0;

	if (!tring_setup(t, &tr, TR_PAGE, dbl)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	for (start = TR_PAGE - 96; start < TR_PAGE; start += 8) {
		for (plen = 0; plen <= 104; plen += 3) {
			u32 ring_len = 16 + ALIGN(plen, 8) + 8;
			u32 end = (start + ring_len) % TR_PAGE;
			struct vmbus_pkt_trailer trl;
			bool signal;
			u8 pktb[160];

			tring_seek(&tr, start);
			memset(tr.data, 0xee, TR_PAGE);
			seq++;
			ST_EXPECT_EQ(t, tr_send(&tr.prod, seq, plen, &signal), 0);
			ST_EXPECT(t, signal);
			ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->write_index), end);
			/* Payload bytes at their wrapped positions. */
			for (k = 0; k < ring_len; k++)
				pktb[k] = tr.data[(start + k) % TR_PAGE];
			for (k = 0; k < plen; k++)
				if (pktb[16 + k] != tr_byte(seq, k))
					bad++;
			for (k = 16 + plen; k < 16 + ALIGN(plen, 8); k++)
				if (pktb[k])
					bad++;
			memcpy(&trl, pktb + ring_len - 8, sizeof(trl));
			ST_EXPECT_EQ(t, trl.reserved, 0);
			ST_EXPECT_EQ(t, le32_to_cpu(trl.start_offset), start);
			/* Nothing written outside the packet. */
			for (k = ring_len; k < TR_PAGE; k++)
				if (tr.data[(start + k) % TR_PAGE] != 0xee)
					bad++;
			if (dbl)
				ST_EXPECT_MEM(t, tr.data + TR_PAGE, tr.data,
					      TR_PAGE);
			ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, seq, plen), 0);
			ST_EXPECT_EQ(t, tr.cons.priv_read, end);
			ST_EXPECT(t, !lumen_ring_read_commit(&tr.cons));
			ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->read_index), end);
		}
	}
	ST_EXPECT_EQ(t, bad, 0);
	tring_teardown(&tr);
}

SELFTEST(ring_wrap_every_boundary_single)
{
	ring_wrap(t, false);
}

SELFTEST(ring_wrap_every_boundary_double)
{
	ring_wrap(t, true);
}

/* 64-byte ring: a packet needs free space strictly larger than itself. */
SELFTEST(ring_full_is_refused)
{
	struct tring tr;
	bool signal;

	if (!tring_setup(t, &tr, 64, false)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	/* 16 + 40 + 8 = 64 = size: can never fit. */
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 1, 40, &signal), -EMSGSIZE);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 1, 33, &signal), -EMSGSIZE);
	ST_EXPECT(t, !signal);
	/* 16 + 0 + 8 = 24; free 64 -> 40. */
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 1, 0, &signal), 0);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_write(&tr.prod), 40);
	/* 16 + 16 + 8 = 40 == free: refused, ring unchanged. */
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 2, 16, &signal), -EAGAIN);
	ST_EXPECT(t, !signal);
	ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->write_index), 24);
	/* 16 + 8 + 8 = 32 < 40: accepted, 8 bytes stay free. */
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 2, 8, &signal), 0);
	ST_EXPECT(t, !signal);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_write(&tr.prod), 8);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 3, 0, &signal), -EAGAIN);
	/* Draining the first packet frees 24: free 32 > 24 fits. */
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 1, 0), 0);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 3, 0, &signal), -EAGAIN);
	lumen_ring_read_commit(&tr.cons);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 3, 0, &signal), 0);
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 2, 8), 0);
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 3, 0), 0);
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 4, 0), -ENODATA);
	tring_teardown(&tr);
}

static u32 tr_rand(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Many packets of varying sizes, consumed in batches of varying length. */
static void ring_interleave(struct selftest *t, bool dbl)
{
	static u32 lens[4096];
	u64 sent = 0, got = 0;
	u32 seed = 0x1234567, burst, i, rounds = 0;
	struct tring tr;
	bool signal;

	if (!tring_setup(t, &tr, 2 * TR_PAGE, dbl)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	tr.ctrl->feature_bits = cpu_to_le32(VMBUS_RING_FEAT_PENDING_SEND_SZ);
	while (got < 20000 && ++rounds < 1000000) {
		burst = tr_rand(&seed) % 16;
		for (i = 0; i < burst && sent < 20000; i++) {
			u32 plen = tr_rand(&seed) % 700;

			if (tr_send(&tr.prod, sent, plen, &signal))
				break;
			lens[sent % ARRAY_SIZE(lens)] = plen;
			sent++;
		}
		burst = tr_rand(&seed) % 16;
		for (i = 0; i < burst && got < sent; i++) {
			if (tr_recv(t, &tr.cons, got,
				    lens[got % ARRAY_SIZE(lens)]))
				break;
			got++;
		}
		if (tr_rand(&seed) % 3 == 0 || i == 0)
			lumen_ring_read_commit(&tr.cons);
		if (t->failures)
			break;
	}
	ST_EXPECT_EQ(t, got, 20000);
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, got, 0), -ENODATA);
	tring_teardown(&tr);
}

SELFTEST(ring_interleave_many_single)
{
	ring_interleave(t, false);
}

SELFTEST(ring_interleave_many_double)
{
	ring_interleave(t, true);
}

/*
 * Two threads that only ever sleep: the consumer waits for a data signal
 * when lumen_ring_intr_unmask() finds the ring empty, the producer for a
 * space signal after announcing pending_send_sz. They wake only when the
 * ring code says "signal", so a lost wake-up (a wrong signal decision or a
 * missing barrier) shows as a timeout.
 */
struct tr_thread {
	struct tring *tr;
	u32 count;
	u32 errors;
	u32 lost;
	int stop;
	sem_t data;
	sem_t space;
};

static bool tr_wait(sem_t *sem)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	while (sem_timedwait(sem, &ts))
		if (errno != EINTR)
			return false;
	return true;
}

static void *tr_producer(void *arg)
{
	struct tr_thread *th = arg;
	struct lumen_ring *p = &th->tr->prod;
	bool signal, waiting = false;
	u32 seq = 0;
	int err;

	while (seq < th->count && !__atomic_load_n(&th->stop, __ATOMIC_RELAXED)) {
		u32 plen = seq % 333;

		err = tr_send(p, seq, plen, &signal);
		if (err == -EAGAIN) {
			if (!waiting) {
				/* Announce, then retry once before sleeping. */
				lumen_ring_set_pending_send(p, 16 + ALIGN(plen, 8) + 8);
				waiting = true;
				continue;
			}
			if (!tr_wait(&th->space)) {
				th->lost++;
				break;
			}
			continue;
		}
		if (waiting) {
			lumen_ring_set_pending_send(p, 0);
			waiting = false;
		}
		if (err)
			th->errors++;
		if (signal)
			sem_post(&th->data);
		seq++;
	}
	return NULL;
}

static void ring_threads(struct selftest *t, bool dbl, bool mask)
{
	struct tr_thread th = {};
	pthread_t prod;
	struct tring tr;
	u32 seq = 0;
	int err;

	if (!tring_setup(t, &tr, TR_PAGE, dbl)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	tr.ctrl->feature_bits = cpu_to_le32(VMBUS_RING_FEAT_PENDING_SEND_SZ);
	th.tr = &tr;
	th.count = 20000;
	sem_init(&th.data, 0, 0);
	sem_init(&th.space, 0, 0);
	if (pthread_create(&prod, NULL, tr_producer, &th)) {
		ST_EXPECT(t, !"pthread_create");
		tring_teardown(&tr);
		return;
	}
	while (seq < th.count && !t->failures) {
		if (mask)
			lumen_ring_intr_mask(&tr.cons);
		for (;;) {
			err = tr_recv(t, &tr.cons, seq, seq % 333);
			if (err)
				break;
			seq++;
			if (seq % 4 == 0 && lumen_ring_read_commit(&tr.cons))
				sem_post(&th.space);
		}
		ST_EXPECT_EQ(t, err, -ENODATA);
		if (lumen_ring_read_commit(&tr.cons))
			sem_post(&th.space);
		if (lumen_ring_intr_unmask(&tr.cons) || seq == th.count)
			continue;
		if (!tr_wait(&th.data)) {
			ST_EXPECT(t, !"consumer lost a data signal");
			break;
		}
	}
	__atomic_store_n(&th.stop, 1, __ATOMIC_RELAXED);
	sem_post(&th.space);
	pthread_join(prod, NULL);
	ST_EXPECT_EQ(t, th.errors, 0);
	ST_EXPECT_EQ(t, th.lost, 0);
	ST_EXPECT_EQ(t, seq, th.count);
	sem_destroy(&th.data);
	sem_destroy(&th.space);
	tring_teardown(&tr);
}

SELFTEST(ring_threads_signals_single)
{
	ring_threads(t, false, false);
}

SELFTEST(ring_threads_signals_masked_double)
{
	ring_threads(t, true, true);
}

SELFTEST(ring_signal_only_on_empty_to_non_empty)
{
	struct tring tr;
	bool signal;

	if (!tring_setup(t, &tr, TR_PAGE, false)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 1, 8, &signal), 0);
	ST_EXPECT(t, signal);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 2, 8, &signal), 0);
	ST_EXPECT(t, !signal);
	/* Consumed but not yet published: still not empty for the host. */
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 1, 8), 0);
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 2, 8), 0);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 3, 8, &signal), 0);
	ST_EXPECT(t, !signal);
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 3, 8), 0);
	lumen_ring_read_commit(&tr.cons);
	ST_EXPECT(t, !lumen_ring_intr_unmask(&tr.cons));
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 4, 8, &signal), 0);
	ST_EXPECT(t, signal);

	/* Masked: no signal even on empty -> non-empty. */
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 4, 8), 0);
	lumen_ring_read_commit(&tr.cons);
	lumen_ring_intr_mask(&tr.cons);
	ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->interrupt_mask), 1);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 5, 8, &signal), 0);
	ST_EXPECT(t, !signal);
	/* The unmask re-check sees the packet the producer did not signal. */
	ST_EXPECT(t, lumen_ring_intr_unmask(&tr.cons));
	ST_EXPECT_EQ(t, tr.ctrl->interrupt_mask, 0);
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 5, 8), 0);
	lumen_ring_read_commit(&tr.cons);
	ST_EXPECT(t, !lumen_ring_intr_unmask(&tr.cons));
	/* A failed write never asks for a signal. */
	tr.ctrl->read_index = cpu_to_le32(3);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 6, 8, &signal), -ERANGE);
	ST_EXPECT(t, !signal);
	tring_teardown(&tr);
}

SELFTEST(ring_pending_send_table)
{
	struct tring tr;
	size_t i;

	if (!tring_setup(t, &tr, TR_PAGE, false)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(ring_t_pend_cases); i++) {
		const struct ring_t_pend *c = &ring_t_pend_cases[i];
		/* Published read index 0; consumed up to b; used = w - b. */
		u32 w = (c->b + TR_PAGE - c->f) % TR_PAGE;
		bool got;

		tring_seek(&tr, 0);
		tr.ctrl->write_index = cpu_to_le32(w);
		tr.cons.priv_read = c->b;
		tr.ctrl->feature_bits = cpu_to_le32(c->feat);
		tr.ctrl->pending_send_sz = cpu_to_le32(c->p);
		got = lumen_ring_read_commit(&tr.cons);
		if (got != c->signal)
			fprintf(stderr, "  row %s: got %d\n", c->name, got);
		ST_EXPECT_EQ(t, got, c->signal);
		ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->read_index), c->b);
		ST_EXPECT_EQ(t, tr.cons.batch_start, c->b);
		/* A second commit has consumed nothing: never a signal. */
		ST_EXPECT(t, !lumen_ring_read_commit(&tr.cons));
	}
	/* Corrupt write index: no decision can be made. */
	tring_seek(&tr, 0);
	tr.cons.priv_read = 304;
	tr.ctrl->write_index = cpu_to_le32(5);
	tr.ctrl->feature_bits = cpu_to_le32(RING_T_FEAT);
	tr.ctrl->pending_send_sz = cpu_to_le32(200);
	ST_EXPECT(t, !lumen_ring_read_commit(&tr.cons));
	tring_teardown(&tr);
}

/* The producer's side of pending_send_sz, and a wake-up round trip. */
SELFTEST(ring_pending_send_round_trip)
{
	struct tring tr;
	bool signal;

	if (!tring_setup(t, &tr, 128, false)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	tr.ctrl->feature_bits = cpu_to_le32(RING_T_FEAT);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 1, 40, &signal), 0);	/* 64 */
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 2, 16, &signal), 0);	/* 40 */
	/* Free 24: a 64-byte packet must wait for more than 64 free. */
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 3, 40, &signal), -EAGAIN);
	lumen_ring_set_pending_send(&tr.prod, 64);
	ST_EXPECT_EQ(t, le32_to_cpu(tr.ctrl->pending_send_sz), 64);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 3, 40, &signal), -EAGAIN);
	/* Consuming the first packet frees 64: free 24 -> 88 > P. */
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 1, 40), 0);
	ST_EXPECT(t, lumen_ring_read_commit(&tr.cons));
	lumen_ring_set_pending_send(&tr.prod, 0);
	ST_EXPECT_EQ(t, tr_send(&tr.prod, 3, 40, &signal), 0);
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 2, 16), 0);
	ST_EXPECT(t, !lumen_ring_read_commit(&tr.cons));	/* P == 0 */
	ST_EXPECT_EQ(t, tr_recv(t, &tr.cons, 3, 40), 0);
	tring_teardown(&tr);
}

SELFTEST(ring_peek_bad_table)
{
	struct lumen_ring_pkt pkt;
	struct vmbus_pkt_desc d;
	struct tring tr;
	u8 *buf;
	size_t i;

	if (!tring_setup(t, &tr, 256, false)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(ring_t_peek_cases); i++) {
		const struct ring_t_peek *c = &ring_t_peek_cases[i];
		int err;

		tring_seek(&tr, 0);
		memset(tr.data, 0x5a, tr.size);
		tr_desc(&d, VMBUS_PKT_COMP, c->off8, c->len8, 0, 42);
		memcpy(tr.data, &d, sizeof(d));
		tr.ctrl->write_index = cpu_to_le32(c->wr);
		/* Exact-size heap buffer: ASan catches any overrun. */
		buf = malloc(c->buflen ? c->buflen : 1);
		memset(&pkt, 0xa5, sizeof(pkt));
		err = lumen_ring_peek(&tr.cons, buf, c->buflen, &pkt);
		if (err != c->err)
			fprintf(stderr, "  row %s: got %d\n", c->name, err);
		ST_EXPECT_EQ(t, err, c->err);
		if (!err) {
			ST_EXPECT_EQ(t, pkt.offset, c->off8 * 8u);
			ST_EXPECT_EQ(t, pkt.offset + pkt.len, c->len8 * 8u);
			ST_EXPECT_EQ(t, pkt.ring_len, c->len8 * 8u + 8);
			ST_EXPECT_EQ(t, pkt.trans_id, 42);
			ST_EXPECT_EQ(t, pkt.type, VMBUS_PKT_COMP);
		} else {
			ST_EXPECT_EQ(t, pkt.ring_len, 0xa5a5a5a5);
		}
		ST_EXPECT_EQ(t, tr.cons.priv_read, 0);
		free(buf);
	}
	tring_teardown(&tr);
}

SELFTEST(ring_write_bad_table)
{
	static u8 piece[256];
	struct tring tr;
	size_t i;

	if (!tring_setup(t, &tr, 256, false)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(ring_t_write_cases); i++) {
		const struct ring_t_write *c = &ring_t_write_cases[i];
		/* Huge lengths point nowhere valid: they must not be read. */
		struct lumen_ring_buf b[2] = {
			{ c->len0 <= sizeof(piece) ? piece : NULL, c->len0 },
			{ c->len1 <= sizeof(piece) ? piece : NULL, c->len1 },
		};
		bool signal = true;
		int err;

		/* Write at 0, read index @rd: free = rd (or size if 0). */
		tring_seek(&tr, 0);
		tr.ctrl->read_index = cpu_to_le32(c->rd);
		err = lumen_ring_write(&tr.prod, b, c->nbufs, &signal);
		if (err != c->err)
			fprintf(stderr, "  row %s: got %d\n", c->name, err);
		ST_EXPECT_EQ(t, err, c->err);
		if (err) {
			ST_EXPECT(t, !signal);
			ST_EXPECT_EQ(t, tr.ctrl->write_index, 0);
			ST_EXPECT_EQ(t, tr.prod.priv_write, 0);
		}
	}
	tring_teardown(&tr);
}

SELFTEST(ring_advance_bad_lengths)
{
	static const u32 bad[] = { 0, 8, 16, 20, 36, 256, 264, 0xfffffff8 };
	struct lumen_ring_pkt pkt = {};
	struct tring tr;
	size_t i;

	if (!tring_setup(t, &tr, 256, false)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	tring_seek(&tr, 200);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		pkt.ring_len = bad[i];
		ST_EXPECT_EQ(t, lumen_ring_advance(&tr.cons, &pkt), -EINVAL);
		ST_EXPECT_EQ(t, tr.cons.priv_read, 200);
	}
	pkt.ring_len = 248;
	ST_EXPECT_EQ(t, lumen_ring_advance(&tr.cons, &pkt), 0);
	ST_EXPECT_EQ(t, tr.cons.priv_read, 192);
	pkt.ring_len = 64;
	ST_EXPECT_EQ(t, lumen_ring_advance(&tr.cons, &pkt), 0);
	ST_EXPECT_EQ(t, tr.cons.priv_read, 0);
	tring_teardown(&tr);
}

SELFTEST(ring_bytes_to_read_write_corrupt_indices)
{
	struct tring tr;

	if (!tring_setup(t, &tr, 256, false)) {
		ST_EXPECT(t, !"setup");
		return;
	}
	tr.ctrl->write_index = cpu_to_le32(16);
	tr.ctrl->read_index = cpu_to_le32(200);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_read(&tr.cons), 72);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_write(&tr.prod), 184);
	tr.ctrl->write_index = cpu_to_le32(256);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_read(&tr.cons), 0);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_write(&tr.prod), 0);
	tr.ctrl->write_index = cpu_to_le32(16);
	tr.ctrl->read_index = cpu_to_le32(201);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_read(&tr.cons), 0);
	ST_EXPECT_EQ(t, lumen_ring_bytes_to_write(&tr.prod), 0);
	tring_teardown(&tr);
}
