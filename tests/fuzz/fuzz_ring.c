// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the VMBus ring (lib/ring.c) under a hostile other
 * side. The input is a ring's control fields, its data contents and a
 * sequence of operations: the consumer peeks, advances, commits and masks;
 * an honest producer writes packets; the "other side" scribbles over the
 * shared indices. After the operations the consumer drains until an error.
 *
 * Every return is checked against an independent model of the rules (the
 * errno of each peek, write and the signal decision of each commit), and
 * the harness abort()s if a returned packet does not fit the buffer, if
 * its bytes differ from the ring's, if a peek accepts a descriptor that
 * breaks the rules, or if a private index leaves [0, size) or 8-alignment.
 *
 * Input layout (little-endian):
 *   0      flags: bit 0 double-mapped 4 KiB ring, bit 1 pending-send
 *          feature bit, bit 2 interrupt mask set
 *   1      size selector: size = 32 + 8 * (v % 60) when not double-mapped
 *   2..3   start index, in 8-byte units (mod size): both sides start there
 *   4..7   write index as published (raw, may be corrupt)
 *   8..11  pending_send_sz
 *   12..13 consumer buffer length
 *   14..15 number of data bytes that follow (stored from the start index)
 *   ...    data bytes, then operations: one byte each, some with operands
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../lib/ring.c"
#include "fuzz_util.h"

#define FZ_DBL_SIZE	4096u
#define FZ_MAX_SIZE	(32 + 8 * 59)	/* largest single-mapped ring */

/* The consumer's packet buffer and the single-mapped ring, exact sizes. */
FZ_BUF(fz_pkt_buf, 0xffff);
FZ_BUF(fz_area_buf, FZ_MAX_SIZE);

struct fz_in {
	const unsigned char *p;
	size_t left;
};

static noinline __no_sanitize_coverage
u32 fz_take(struct fz_in *in, unsigned int n)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < n && in->left; i++, in->left--)
		v |= (u32)*in->p++ << (8 * i);
	return v;
}

static u8 *fz_double_map(void)
{
	static u8 *map;
	int fd;

	if (map)
		return map;
	fd = memfd_create("fuzz-ring", 0);
	if (fd < 0 || ftruncate(fd, FZ_DBL_SIZE))
		abort();
	map = mmap(NULL, 2 * FZ_DBL_SIZE + 4096, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED ||
	    mmap(map, FZ_DBL_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED ||
	    mmap(map + FZ_DBL_SIZE, FZ_DBL_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
		abort();
	close(fd);
	return map;
}

static bool fz_idx_ok(u32 idx, u32 size)
{
	return idx < size && idx % 8 == 0;
}

static u32 fz_used(u32 rd, u32 wr, u32 size)
{
	return wr >= rd ? wr - rd : size - rd + wr;
}

static noinline __no_sanitize_coverage
void fz_check_private(const struct lumen_ring *r)
{
	if (!fz_idx_ok(r->priv_read, r->size) ||
	    !fz_idx_ok(r->batch_start, r->size) ||
	    !fz_idx_ok(r->priv_write, r->size))
		abort();
}

/*
 * The @n ring bytes from offset @k after @idx on, read through the first
 * mapping: copied to @dst, or compared with @src (NULL: all zero).
 */
static noinline __no_sanitize_coverage
bool fz_ring_bytes(const struct lumen_ring *r, u32 idx, u32 k,
		   u8 *dst, const u8 *src, u32 n)
{
	u32 i, p = idx + k;	/* idx < size and k < 2 * size: no overflow */

	for (i = 0; i < n; i++, p++) {
		while (p >= r->size)
			p -= r->size;
		if (dst)
			dst[i] = r->data[p];
		else if (r->data[p] != (src ? src[i] : 0))
			return false;
	}
	return true;
}

static bool fz_ring_equal(const struct lumen_ring *r, u32 idx, u32 k,
			  const u8 *src, u32 n)
{
	return fz_ring_bytes(r, idx, k, NULL, src, n);
}

/*
 * One peek checked against the model; advance past it on success.
 * Returns the peek's result.
 */
static int fz_peek(struct lumen_ring *c, u32 buflen)
{
	u32 wr = le32_to_cpu(c->ctrl->write_index);
	u32 rd = c->priv_read, size = c->size, avail = 0;
	struct vmbus_pkt_desc d;
	struct lumen_ring_pkt pkt;
	u8 *buf, raw[16];
	int want, err;

	/* The model, in the documented order. */
	fz_ring_bytes(c, rd, 0, raw, NULL, sizeof(raw));
	memcpy(&d, raw, sizeof(d));
	if (!fz_idx_ok(wr, size)) {
		want = -ERANGE;
	} else {
		avail = fz_used(rd, wr, size);
		if (!avail)
			want = -ENODATA;
		else if (avail < 24)
			want = -EPROTO;
		else if (buflen < 16)
			want = -EMSGSIZE;
		else if (d.len8 < 2 || d.offset8 < 2 || d.offset8 > d.len8)
			want = -EPROTO;
		else if (d.len8 * 8u + 8 > avail)
			want = -EPROTO;
		else if (d.len8 * 8u > buflen)
			want = -EMSGSIZE;
		else
			want = 0;
	}

	buf = fz_buf_get(&fz_pkt_buf, buflen);	/* exact size: ASan bounds */
	memset(&pkt, 0, sizeof(pkt));
	err = lumen_ring_peek(c, buf, buflen, &pkt);
	if (err != want) {
		fprintf(stderr, "peek %d, model %d\n", err, want);
		abort();
	}
	if (!err) {
		u32 len = pkt.offset + pkt.len;

		/* Never a packet that breaks the rules or the buffer. */
		if (pkt.offset < 16 || pkt.offset > len || len > buflen ||
		    len % 8 || pkt.offset % 8 || pkt.ring_len != len + 8 ||
		    pkt.ring_len > avail || pkt.ring_len >= size ||
		    len != d.len8 * 8u || pkt.offset != d.offset8 * 8u)
			abort();
		if (pkt.type != d.type || pkt.flags != d.flags ||
		    pkt.trans_id != d.trans_id)
			abort();
		if (!fz_ring_equal(c, rd, 0, buf, len))
			abort();
		if (lumen_ring_advance(c, &pkt))
			abort();
		if (c->priv_read != (rd + pkt.ring_len) % size)
			abort();
	} else if (c->priv_read != rd) {
		abort();
	}
	fz_check_private(c);
	return err;
}

/* One commit checked against the signal rule. */
static void fz_commit(struct lumen_ring *c)
{
	u32 size = c->size, rd = c->priv_read;
	u32 b = fz_used(c->batch_start, rd, size);
	u32 feat = le32_to_cpu(c->ctrl->feature_bits);
	u32 p = le32_to_cpu(c->ctrl->pending_send_sz);
	u32 wr = le32_to_cpu(c->ctrl->write_index);
	bool want = false;

	if ((feat & VMBUS_RING_FEAT_PENDING_SEND_SZ) && p &&
	    fz_idx_ok(wr, size)) {
		u64 f = size - fz_used(rd, wr, size);

		want = f > p && (s64)f - (s64)b <= (s64)p;
	}
	if (lumen_ring_read_commit(c) != want)
		abort();
	if (le32_to_cpu(c->ctrl->read_index) != rd || c->batch_start != rd)
		abort();
	fz_check_private(c);
}

/* An honest producer packet of @plen payload bytes from the input. */
static void fz_write(struct lumen_ring *pr, struct fz_in *in, u32 plen)
{
	u32 size = pr->size, rd = le32_to_cpu(pr->ctrl->read_index);
	u32 old = pr->priv_write, ring_len = 16 + (plen + 7) / 8 * 8 + 8;
	u8 payload[256], trailer[8];
	struct vmbus_pkt_desc d = {
		.type = cpu_to_le16(VMBUS_PKT_DATA_INBAND),
		.offset8 = cpu_to_le16(2),
		.len8 = cpu_to_le16((16 + plen + 7) / 8),
		.trans_id = cpu_to_le64(fz_take(in, 4)),
	};
	struct lumen_ring_buf b[2] = {
		{ &d, sizeof(d) }, { payload, plen },
	};
	bool signal;
	int want, err;
	u32 k;

	for (k = 0; k < plen; k++)
		payload[k] = (u8)fz_take(in, 1);
	if (ring_len >= size)
		want = -EMSGSIZE;
	else if (!fz_idx_ok(rd, size))
		want = -ERANGE;
	else if (size - fz_used(rd, old, size) <= ring_len)
		want = -EAGAIN;
	else
		want = 0;
	err = lumen_ring_write(pr, b, 2, &signal);
	if (err != want) {
		fprintf(stderr, "write %d, model %d\n", err, want);
		abort();
	}
	if (err) {
		if (signal || pr->priv_write != old)
			abort();
		return;
	}
	if (pr->priv_write != (old + ring_len) % size ||
	    le32_to_cpu(pr->ctrl->write_index) != pr->priv_write)
		abort();
	/* The bytes landed at their wrapped places, then padding, trailer. */
	if (!fz_ring_equal(pr, old, 0, (u8 *)&d, 16) ||
	    !fz_ring_equal(pr, old, 16, payload, plen) ||
	    !fz_ring_equal(pr, old, 16 + plen, NULL, ring_len - 8 - 16 - plen))
		abort();
	/* The trailer: 0, then the start index as the upper half. */
	for (k = 0; k < 8; k++)
		trailer[k] = k < 4 ? 0 : (u8)(old >> (8 * (k - 4)));
	if (!fz_ring_equal(pr, old, ring_len - 8, trailer, 8))
		abort();
	if (signal != (!pr->ctrl->interrupt_mask && rd == old))
		abort();
	fz_check_private(pr);
}

int fuzz_one_input(const unsigned char *data, size_t size);

int fuzz_one_input(const unsigned char *data, size_t size)
{
	static struct vmbus_ring_ctrl ctrl __aligned(4096);
	struct fz_in in = { data, size };
	struct lumen_ring cons, prod;
	u32 flags, rsize, start, buflen, ndata, k, guard;
	bool dbl;
	u8 *area;

	flags = fz_take(&in, 1);
	dbl = flags & 1;
	rsize = dbl ? FZ_DBL_SIZE : 32 + 8 * (fz_take(&in, 1) % 60);
	if (dbl)
		fz_take(&in, 1);
	area = dbl ? fz_double_map() : fz_buf_get(&fz_area_buf, rsize);
	memset(area, 0, rsize);
	memset(&ctrl, 0, sizeof(ctrl));
	if (lumen_ring_init(&cons, &ctrl, area, rsize, dbl) ||
	    lumen_ring_init(&prod, &ctrl, area, rsize, dbl))
		abort();

	start = fz_take(&in, 2) * 8 % rsize;
	cons.priv_read = start;
	cons.batch_start = start;
	prod.priv_write = start;
	ctrl.read_index = cpu_to_le32(start);
	ctrl.write_index = cpu_to_le32(fz_take(&in, 4));
	ctrl.pending_send_sz = cpu_to_le32(fz_take(&in, 4));
	ctrl.feature_bits = cpu_to_le32(flags & 2 ? 1 : 0);
	ctrl.interrupt_mask = cpu_to_le32(flags & 4 ? 1 : 0);
	buflen = fz_take(&in, 2);
	ndata = fz_take(&in, 2);
	for (k = 0; k < ndata && k < rsize && in.left; k++)
		area[(start + k) % rsize] = (u8)fz_take(&in, 1);

	while (in.left) {
		u32 op = fz_take(&in, 1);

		switch (op % 10) {
		case 0:
		case 1:
			fz_peek(&cons, buflen);
			break;
		case 2:
			fz_commit(&cons);
			break;
		case 3:
			lumen_ring_intr_mask(&cons);
			break;
		case 4:
			if (lumen_ring_intr_unmask(&cons) !=
			    (le32_to_cpu(ctrl.write_index) != cons.priv_read))
				abort();
			break;
		case 5:	/* the producer side scribbles its index */
			ctrl.write_index = cpu_to_le32(fz_take(&in, 4));
			break;
		case 6:	/* the consumer side scribbles its index */
			ctrl.read_index = cpu_to_le32(fz_take(&in, 4));
			break;
		case 7:	/* honest producer, resynced to the published index */
			if (fz_idx_ok(le32_to_cpu(ctrl.write_index), rsize))
				prod.priv_write = le32_to_cpu(ctrl.write_index);
			fz_write(&prod, &in, fz_take(&in, 1) % 200);
			break;
		case 8:
			lumen_ring_set_pending_send(&prod, fz_take(&in, 2));
			break;
		default:
			buflen = fz_take(&in, 2);
			break;
		}
		if (op % 10 != 2) {
			u32 wr = le32_to_cpu(ctrl.write_index);
			u32 rd = le32_to_cpu(ctrl.read_index);
			u32 tr = lumen_ring_bytes_to_read(&cons);
			u32 tw = lumen_ring_bytes_to_write(&cons);

			if (fz_idx_ok(wr, rsize) && fz_idx_ok(rd, rsize)) {
				if (tr + tw != rsize ||
				    tr != fz_used(rd, wr, rsize))
					abort();
			} else if (tr || tw) {
				abort();
			}
		}
		fz_check_private(&cons);
		fz_check_private(&prod);
	}

	/* Drain until empty or an error, committing as a driver would. */
	for (guard = 0; guard < rsize; guard++)
		if (fz_peek(&cons, buflen))
			break;
	if (guard == rsize)	/* each packet is >= 24 bytes: impossible */
		abort();
	fz_commit(&cons);
	if (dbl && memcmp(area, area + FZ_DBL_SIZE, FZ_DBL_SIZE))
		abort();
	return 0;
}
