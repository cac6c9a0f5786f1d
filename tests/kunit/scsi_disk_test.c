// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite hvsim_scsi_disk: hvsim's RAM-backed SCSI disk
 * (hvsim/scsi_disk.c) driven with CDBs over guest buffers made of real
 * pages, with no VMBus: standard INQUIRY and every VPD page it lists,
 * capacity, read-after-write across page boundaries at odd offsets,
 * unwritten blocks reading as zeros, UNMAP and WRITE SAME freeing pages,
 * MODE SENSE, REQUEST SENSE after a failure, REPORT LUNS and an absent
 * LUN; then a table of bad CDBs, one named row each, asserting the exact
 * SRB status and sense Hyper-V gives.
 *
 * The module carries its own copy of the disk model.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>

#include "../../hvsim/scsi_disk.c"

/* Test disk: 16 MiB, 32768 blocks (more than one WRITE SAME may cover). */
#define SDT_DISK_BYTES	(16U << 20)
#define SDT_BLOCKS	(SDT_DISK_BYTES >> HVSIM_SDISK_BLOCK_SHIFT)
/* Guest buffers: up to 17 pages (64 KiB at any offset). */
#define SDT_PAGES	17

/**
 * struct sdt_buf - a guest buffer of real pages
 * @pages: the pages.
 * @sb: the buffer as the disk sees it.
 */
struct sdt_buf {
	struct page *pages[SDT_PAGES];
	struct hvsim_sbuf sb;
};

static struct page *sdt_page(const struct hvsim_sbuf *b, u32 idx)
{
	struct page *const *pages = b->ctx;

	return idx < SDT_PAGES ? pages[idx] : NULL;
}

static void sdt_buf_free(void *data)
{
	struct sdt_buf *t = data;
	unsigned int i;

	for (i = 0; i < SDT_PAGES; i++)
		if (t->pages[i])
			__free_page(t->pages[i]);
}

/* A zeroed buffer of @len bytes starting @off bytes into its first page. */
static struct sdt_buf *sdt_buf_new(struct kunit *test, u32 off, u32 len,
				   bool writable)
{
	struct sdt_buf *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_LE(test, (u64)off + len,
			(u64)SDT_PAGES * HVSIM_SDISK_PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, sdt_buf_free, t));
	for (i = 0; i < SDT_PAGES; i++) {
		t->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		KUNIT_ASSERT_NOT_NULL(test, t->pages[i]);
	}
	t->sb = (struct hvsim_sbuf){
		.page = sdt_page,
		.ctx = t->pages,
		.off = off,
		.len = len,
		.writable = writable,
	};
	return t;
}

/* Copy between a flat array and the buffer's bytes [@pos, @pos + @len). */
static void sdt_copy(struct sdt_buf *t, u32 pos, void *data, u32 len,
		     bool to_buf)
{
	u64 abs;
	u32 in, n;
	u8 *va;

	while (len) {
		abs = (u64)t->sb.off + pos;
		in = abs % HVSIM_SDISK_PAGE_SIZE;
		n = min(len, HVSIM_SDISK_PAGE_SIZE - in);
		va = kmap_local_page(t->pages[abs / HVSIM_SDISK_PAGE_SIZE]);
		if (to_buf)
			memcpy(va + in, data, n);
		else
			memcpy(data, va + in, n);
		kunmap_local(va);
		data += n;
		pos += n;
		len -= n;
	}
}

static void sdt_disk_free(void *d)
{
	hvsim_sdisk_destroy(d);
}

static struct hvsim_sdisk *sdt_disk(struct kunit *test)
{
	struct hvsim_sdisk *d = hvsim_sdisk_create(SDT_DISK_BYTES);

	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, sdt_disk_free, d));
	return d;
}

static void sdt_exec(struct hvsim_sdisk *d, const u8 *cdb6, struct sdt_buf *t,
		     struct hvsim_sres *res)
{
	u8 cdb[VSTOR_CDB_MAX] = {};

	memcpy(cdb, cdb6, VSTOR_CDB_MAX);
	memset(res, 0xa5, sizeof(*res));
	hvsim_sdisk_exec(d, cdb, &t->sb, res);
}

static void sdt_expect_ok(struct kunit *test, const struct hvsim_sres *res,
			  u32 tx)
{
	KUNIT_EXPECT_EQ(test, res->srb_status, VSTOR_SRB_SUCCESS);
	KUNIT_EXPECT_EQ(test, res->scsi_status, 0);
	KUNIT_EXPECT_FALSE(test, res->has_sense);
	KUNIT_EXPECT_EQ(test, res->tx, tx);
}

static void sdt_rw10(u8 *cdb, u8 op, u32 lba, u16 count)
{
	memset(cdb, 0, VSTOR_CDB_MAX);
	cdb[0] = op;
	sd_put_be32(lba, cdb + 2);
	sd_put_be16(count, cdb + 7);
}

static void inquiry_standard_is_msft_virtual_disk(struct kunit *test)
{
	struct hvsim_sdisk *d = sdt_disk(test);
	struct sdt_buf *t = sdt_buf_new(test, 0, 255, true);
	u8 cdb[16] = { INQUIRY, 0, 0, 0, 255 }, data[HVSIM_SDISK_INQUIRY_LEN];
	struct hvsim_sres res;

	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, HVSIM_SDISK_INQUIRY_LEN);
	sdt_copy(t, 0, data, sizeof(data), false);
	KUNIT_EXPECT_EQ(test, data[0], TYPE_DISK);
	KUNIT_EXPECT_EQ(test, data[1], 0);		/* not removable */
	KUNIT_EXPECT_EQ(test, data[2], 0x05);		/* SPC-3 */
	KUNIT_EXPECT_EQ(test, data[3], 0x02);
	KUNIT_EXPECT_EQ(test, data[4], HVSIM_SDISK_INQUIRY_LEN - 5);
	KUNIT_EXPECT_EQ(test, data[7], 0x02);		/* CmdQue */
	KUNIT_EXPECT_EQ(test, memcmp(data + 8, "Msft    ", 8), 0);
	KUNIT_EXPECT_EQ(test, memcmp(data + 16, "Virtual Disk    ", 16), 0);
	KUNIT_EXPECT_EQ(test, memcmp(data + 32, "1.0 ", 4), 0);

	/* A short allocation length cuts the answer. */
	cdb[4] = 36;
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 36);
}

/* Fetch VPD page @code; returns its page length. */
static u32 sdt_vpd(struct kunit *test, struct hvsim_sdisk *d, u8 code,
		   u8 *page)
{
	struct sdt_buf *t = sdt_buf_new(test, 4000, 255, true);
	u8 cdb[16] = { INQUIRY, 0x01, code, 0, 255 };
	struct hvsim_sres res;

	sdt_exec(d, cdb, t, &res);
	KUNIT_EXPECT_EQ(test, res.srb_status, VSTOR_SRB_SUCCESS);
	sdt_copy(t, 0, page, res.tx, false);
	KUNIT_EXPECT_EQ(test, page[0], TYPE_DISK);
	KUNIT_EXPECT_EQ(test, page[1], code);
	KUNIT_EXPECT_EQ(test, res.tx, SD_VPD_HDR + page[3]);
	return page[3];
}

static void inquiry_vpd_pages_as_hyperv(struct kunit *test)
{
	static const u8 pages[] = { 0x00, 0x80, 0x83, 0xb0, 0xb1, 0xb2,
				    0xce, 0xcf };
	struct hvsim_sdisk *d = sdt_disk(test);
	char serial[33] = {};
	u8 p[256];

	KUNIT_ASSERT_EQ(test, sdt_vpd(test, d, 0x00, p), sizeof(pages));
	KUNIT_EXPECT_EQ(test, memcmp(p + 4, pages, sizeof(pages)), 0);

	KUNIT_ASSERT_EQ(test, sdt_vpd(test, d, 0x80, p), 32);
	bin2hex(serial, d->id, sizeof(d->id));
	KUNIT_EXPECT_EQ(test, memcmp(p + 4, serial, 32), 0);

	/* T10 vendor id designator, then NAA 6 with Microsoft's OUI. */
	KUNIT_ASSERT_EQ(test, sdt_vpd(test, d, 0x83, p), 48);
	KUNIT_EXPECT_EQ(test, p[4], 0x01);
	KUNIT_EXPECT_EQ(test, p[5], 0x01);
	KUNIT_EXPECT_EQ(test, p[7], 24);
	KUNIT_EXPECT_EQ(test, memcmp(p + 8, "Msft    ", 8), 0);
	KUNIT_EXPECT_EQ(test, memcmp(p + 16, d->id, 16), 0);
	KUNIT_EXPECT_EQ(test, p[33], 0x03);
	KUNIT_EXPECT_EQ(test, p[35], 16);
	KUNIT_EXPECT_EQ(test, sd_be32(p + 36), 0x60022480);
	KUNIT_EXPECT_EQ(test, memcmp(p + 40, d->id, 6), 0);
	KUNIT_EXPECT_EQ(test, memcmp(p + 46, d->id + 10, 6), 0);

	/* Block limits: UNMAP and WRITE SAME limits. */
	KUNIT_ASSERT_EQ(test, sdt_vpd(test, d, 0xb0, p), 60);
	KUNIT_EXPECT_EQ(test, sd_be32(p + 4 + 16), U32_MAX);
	KUNIT_EXPECT_EQ(test, sd_be32(p + 4 + 20), 4096);
	KUNIT_EXPECT_EQ(test, sd_be32(p + 4 + 24), 1);
	KUNIT_EXPECT_EQ(test, p[4 + 28], 0x80);
	KUNIT_EXPECT_EQ(test, sd_be64(p + 4 + 32), 16384);

	KUNIT_ASSERT_EQ(test, sdt_vpd(test, d, 0xb1, p), 60);
	KUNIT_EXPECT_EQ(test, sd_be16(p + 4), 1);	/* non-rotating */

	KUNIT_ASSERT_EQ(test, sdt_vpd(test, d, 0xb2, p), 4);
	KUNIT_EXPECT_EQ(test, p[4], 1);		/* threshold exponent */
	KUNIT_EXPECT_EQ(test, p[5], 0x80);	/* LBPU */
	KUNIT_EXPECT_EQ(test, p[6], 0x02);	/* thin */

	KUNIT_ASSERT_EQ(test, sdt_vpd(test, d, 0xce, p), 4);
	KUNIT_ASSERT_EQ(test, sdt_vpd(test, d, 0xcf, p), 20);
	KUNIT_EXPECT_EQ(test, memcmp(p + 8, &sd_msft_vdp_sig, 16), 0);
}

static void read_capacity_reports_blocks(struct kunit *test)
{
	struct hvsim_sdisk *d = sdt_disk(test);
	struct sdt_buf *t = sdt_buf_new(test, 0, 32, true);
	u8 cdb[16] = { READ_CAPACITY }, data[32];
	struct hvsim_sres res;

	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 8);
	sdt_copy(t, 0, data, 8, false);
	KUNIT_EXPECT_EQ(test, sd_be32(data), SDT_BLOCKS - 1);
	KUNIT_EXPECT_EQ(test, sd_be32(data + 4), 512);

	cdb[0] = SERVICE_ACTION_IN_16;
	cdb[1] = SAI_READ_CAPACITY_16;
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 32);
	sdt_copy(t, 0, data, 32, false);
	KUNIT_EXPECT_EQ(test, sd_be64(data), SDT_BLOCKS - 1);
	KUNIT_EXPECT_EQ(test, sd_be32(data + 8), 512);
	KUNIT_EXPECT_EQ(test, data[13], 3);	/* 4 KiB physical */
	KUNIT_EXPECT_EQ(test, data[14], 0x80);	/* LBPME */
}

static void read_after_write_crosses_pages(struct kunit *test)
{
	const u32 blocks = 19, bytes = blocks * 512;
	struct hvsim_sdisk *d = sdt_disk(test);
	struct sdt_buf *w = sdt_buf_new(test, 100, bytes, false);
	struct sdt_buf *r = sdt_buf_new(test, 3000, bytes, true);
	struct hvsim_sres res;
	u8 *in, *out, cdb[16];

	in = kunit_kmalloc(test, bytes, GFP_KERNEL);
	out = kunit_kmalloc(test, bytes, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, out);
	get_random_bytes(in, bytes);
	sdt_copy(w, 0, in, bytes, true);

	/* Block 7: not page-aligned on the disk either. */
	sdt_rw10(cdb, WRITE_10, 7, blocks);
	sdt_exec(d, cdb, w, &res);
	sdt_expect_ok(test, &res, bytes);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&d->nr_pages), 4);

	sdt_rw10(cdb, READ_10, 7, blocks);
	sdt_exec(d, cdb, r, &res);
	sdt_expect_ok(test, &res, bytes);
	sdt_copy(r, 0, out, bytes, false);
	KUNIT_EXPECT_EQ(test, memcmp(in, out, bytes), 0);

	/* READ(16) and READ(6) of the same blocks agree. */
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = READ_16;
	sd_put_be64(8, cdb + 2);
	sd_put_be32(2, cdb + 10);
	sdt_exec(d, cdb, r, &res);
	sdt_expect_ok(test, &res, 1024);
	sdt_copy(r, 0, out, 1024, false);
	KUNIT_EXPECT_EQ(test, memcmp(in + 512, out, 1024), 0);
	memset(cdb, 0, sizeof(cdb));
	cdb[0] = READ_6;
	cdb[3] = 9;
	cdb[4] = 1;
	sdt_exec(d, cdb, r, &res);
	sdt_expect_ok(test, &res, 512);
	sdt_copy(r, 0, out, 512, false);
	KUNIT_EXPECT_EQ(test, memcmp(in + 1024, out, 512), 0);

	/* Never written: zeros, and no page appears. */
	sdt_rw10(cdb, READ_10, SDT_BLOCKS - 16, 16);
	sdt_exec(d, cdb, r, &res);
	sdt_expect_ok(test, &res, 8192);
	sdt_copy(r, 0, out, 8192, false);
	KUNIT_EXPECT_NULL(test, memchr_inv(out, 0, 8192));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&d->nr_pages), 4);
}

/* Write @blocks blocks of 0xab at @lba. */
static void sdt_fill(struct kunit *test, struct hvsim_sdisk *d, u32 lba,
		     u32 blocks)
{
	struct sdt_buf *w = sdt_buf_new(test, 0, blocks * 512, false);
	u8 *in = kunit_kmalloc(test, blocks * 512, GFP_KERNEL), cdb[16];
	struct hvsim_sres res;

	KUNIT_ASSERT_NOT_NULL(test, in);
	memset(in, 0xab, blocks * 512);
	sdt_copy(w, 0, in, blocks * 512, true);
	sdt_rw10(cdb, WRITE_10, lba, blocks);
	sdt_exec(d, cdb, w, &res);
	sdt_expect_ok(test, &res, blocks * 512);
}

/* Read block @lba; true if it holds only @val. */
static bool sdt_block_is(struct kunit *test, struct hvsim_sdisk *d, u32 lba,
			 u8 val)
{
	struct sdt_buf *r = sdt_buf_new(test, 0, 512, true);
	struct hvsim_sres res;
	u8 cdb[16], out[512];

	sdt_rw10(cdb, READ_10, lba, 1);
	sdt_exec(d, cdb, r, &res);
	sdt_copy(r, 0, out, sizeof(out), false);
	return res.srb_status == VSTOR_SRB_SUCCESS &&
	       !memchr_inv(out, val, sizeof(out));
}

static void unmap_frees_pages_and_reads_zero(struct kunit *test)
{
	struct hvsim_sdisk *d = sdt_disk(test);
	struct sdt_buf *t = sdt_buf_new(test, 10, 24, false);
	u8 cdb[16] = { UNMAP }, list[24] = {};
	struct hvsim_sres res;

	sdt_fill(test, d, 0, 32);
	KUNIT_ASSERT_EQ(test, atomic_long_read(&d->nr_pages), 4);
	/* Blocks 4 .. 27: pages 1 and 2 go, pages 0 and 3 half zeroed. */
	sd_put_be16(22, list);
	sd_put_be16(16, list + 2);
	sd_put_be64(4, list + 8);
	sd_put_be32(24, list + 16);
	sdt_copy(t, 0, list, sizeof(list), true);
	sd_put_be16(24, cdb + 7);
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&d->nr_pages), 2);
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 3, 0xab));
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 4, 0));
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 12, 0));
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 27, 0));
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 28, 0xab));
}

static void write_same_zero_frees_pattern_writes(struct kunit *test)
{
	struct hvsim_sdisk *d = sdt_disk(test);
	struct sdt_buf *t = sdt_buf_new(test, 0, 512, false);
	u8 cdb[16] = {}, block[512];
	struct hvsim_sres res;

	sdt_fill(test, d, 0, 16);
	/* WRITE SAME(16) with UNMAP and a zero block over blocks 0-15. */
	cdb[0] = WRITE_SAME_16;
	cdb[1] = 0x08;
	sd_put_be32(16, cdb + 10);
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 16 * 512);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&d->nr_pages), 0);
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 5, 0));

	/* WRITE SAME(10) of a pattern writes every block. */
	memset(block, 0x5a, sizeof(block));
	sdt_copy(t, 0, block, sizeof(block), true);
	sdt_rw10(cdb, WRITE_SAME, 100, 9);
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 9 * 512);
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 100, 0x5a));
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 108, 0x5a));
	KUNIT_EXPECT_TRUE(test, sdt_block_is(test, d, 109, 0));
}

static void mode_sense_caching_page(struct kunit *test)
{
	struct hvsim_sdisk *d = sdt_disk(test);
	struct sdt_buf *t = sdt_buf_new(test, 0, 192, true);
	u8 cdb[16] = { MODE_SENSE, 0, 0x3f, 0, 192 }, p[32];
	struct hvsim_sres res;

	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 16);
	sdt_copy(t, 0, p, 16, false);
	KUNIT_EXPECT_EQ(test, p[0], 15);	/* mode data length */
	KUNIT_EXPECT_EQ(test, p[2], 0x10);	/* DPO/FUA */
	KUNIT_EXPECT_EQ(test, p[3], 0);		/* no block descriptor */
	KUNIT_EXPECT_EQ(test, p[4], 0x08);
	KUNIT_EXPECT_EQ(test, p[5], 10);
	KUNIT_EXPECT_EQ(test, p[6], 0x04);	/* WCE */

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = MODE_SENSE_10;
	cdb[2] = 0x08;
	sd_put_be16(192, cdb + 7);
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 20);
	sdt_copy(t, 0, p, 20, false);
	KUNIT_EXPECT_EQ(test, sd_be16(p), 18);
	KUNIT_EXPECT_EQ(test, p[3], 0x10);
	KUNIT_EXPECT_EQ(test, p[8], 0x08);
	KUNIT_EXPECT_EQ(test, p[10], 0x04);

	/* Changeable values: nothing. */
	cdb[2] = 0x48;
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 20);
	sdt_copy(t, 0, p, 20, false);
	KUNIT_EXPECT_EQ(test, p[10], 0);
}

static void request_sense_returns_last_failure(struct kunit *test)
{
	struct hvsim_sdisk *d = sdt_disk(test);
	struct sdt_buf *t = sdt_buf_new(test, 0, 252, true);
	u8 cdb[16], sense[18];
	struct hvsim_sres res;

	sdt_rw10(cdb, READ_10, SDT_BLOCKS, 1);
	sdt_exec(d, cdb, t, &res);
	KUNIT_EXPECT_EQ(test, res.srb_status, VSTOR_SRB_INVALID_REQUEST);

	memset(cdb, 0, sizeof(cdb));
	cdb[0] = REQUEST_SENSE;
	cdb[4] = 252;
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 18);
	sdt_copy(t, 0, sense, sizeof(sense), false);
	KUNIT_EXPECT_EQ(test, sense[0], 0x70);
	KUNIT_EXPECT_EQ(test, sense[2], ILLEGAL_REQUEST);
	KUNIT_EXPECT_EQ(test, sense[7], 10);
	KUNIT_EXPECT_EQ(test, sense[12], 0x21);

	/* Taken: the next one has nothing to say. */
	sdt_exec(d, cdb, t, &res);
	sdt_expect_ok(test, &res, 18);
	sdt_copy(t, 0, sense, sizeof(sense), false);
	KUNIT_EXPECT_EQ(test, sense[2], 0);
	KUNIT_EXPECT_EQ(test, sense[12], 0);
}

static void report_luns_and_absent_lun(struct kunit *test)
{
	static const u8 luns[] = { 0, 1, 5 };
	struct sdt_buf *t = sdt_buf_new(test, 0, 64, true);
	u8 cdb[16] = { INQUIRY, 0, 0, 0, 64 }, p[64];
	struct hvsim_sres res;

	hvsim_sdisk_report_luns(luns, ARRAY_SIZE(luns), &t->sb, &res);
	sdt_expect_ok(test, &res, 32);
	sdt_copy(t, 0, p, 32, false);
	KUNIT_EXPECT_EQ(test, sd_be32(p), 24);
	KUNIT_EXPECT_EQ(test, sd_be16(p + 8), 0);
	KUNIT_EXPECT_EQ(test, sd_be16(p + 16), 1);
	KUNIT_EXPECT_EQ(test, sd_be16(p + 24), 5);

	/* An absent LUN answers INQUIRY "not present", no vendor but LUN 0. */
	hvsim_sdisk_absent(3, cdb, true, &t->sb, &res);
	sdt_expect_ok(test, &res, 64);
	sdt_copy(t, 0, p, 64, false);
	KUNIT_EXPECT_EQ(test, p[0], HVSIM_SDISK_TYPE_NO_LUN);
	KUNIT_EXPECT_NULL(test, memchr_inv(p + 8, 0, 28));
	hvsim_sdisk_absent(0, cdb, true, &t->sb, &res);
	sdt_copy(t, 0, p, 64, false);
	KUNIT_EXPECT_EQ(test, memcmp(p + 8, "Msft    ", 8), 0);

	/* Anything else: INVALID_LUN without sense. */
	cdb[0] = TEST_UNIT_READY;
	hvsim_sdisk_absent(3, cdb, false, &t->sb, &res);
	KUNIT_EXPECT_EQ(test, res.srb_status, VSTOR_SRB_INVALID_LUN);
	KUNIT_EXPECT_EQ(test, res.scsi_status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_FALSE(test, res.has_sense);
	/* A VPD inquiry of an absent LUN fails. */
	cdb[0] = INQUIRY;
	cdb[1] = 1;
	hvsim_sdisk_absent(3, cdb, true, &t->sb, &res);
	KUNIT_EXPECT_EQ(test, res.srb_status, VSTOR_SRB_INVALID_REQUEST);
}

/**
 * struct sdt_bad - one bad command and Hyper-V's answer
 * @name: row name.
 * @cdb: the CDB.
 * @len: guest buffer length.
 * @ro: the buffer is data-out (the disk may not write it).
 * @data: parameter data at the start of the buffer.
 * @srb: expected SRB status.
 * @asc: expected additional sense code (key ILLEGAL REQUEST).
 */
struct sdt_bad {
	const char *name;
	u8 cdb[16];
	u32 len;
	bool ro;
	u8 data[24];
	u8 srb;
	u8 asc;
};

/* In the rows, 0x7f, 0xff is the last block, SDT_BLOCKS - 1. */

static const struct sdt_bad sdt_bad_rows[] = {
	{ "read10_past_end", { READ_10, 0, 0, 0, 0x7f, 0xff, 0, 0, 2 },
	  1024, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "read10_lba_beyond", { READ_10, 0, 0, 0, 0x80, 0, 0, 0, 1 },
	  512, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "read10_zero_blocks", { READ_10, 0, 0, 0, 0, 0, 0, 0, 0 },
	  512, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "read10_buffer_short", { READ_10, 0, 0, 0, 0, 0, 0, 0, 2 },
	  1023, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "read10_relative_address", { READ_10, 1, 0, 0, 0, 0, 0, 0, 1 },
	  512, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "read10_into_data_out_buffer", { READ_10, 0, 0, 0, 0, 0, 0, 0, 1 },
	  512, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "read16_lba_huge", { READ_16, 0, 0x80, 0, 0, 0, 0, 0, 0, 0,
			       0, 0, 0, 1 },
	  512, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "read16_count_wraps", { READ_16, 0, 0, 0, 0, 0, 0, 0, 0, 1,
				  0xff, 0xff, 0xff, 0xff },
	  512, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "write6_zero_blocks", { WRITE_6, 0, 0, 0, 0 },
	  512, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "write12_past_end", { WRITE_12, 0, 0, 0, 0x7f, 0xff, 0, 0, 0, 2 },
	  1024, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "inquiry_cmddt", { INQUIRY, 0x02, 0, 0, 36 },
	  36, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "inquiry_page_without_evpd", { INQUIRY, 0, 0x80, 0, 36 },
	  36, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "inquiry_unknown_vpd_page", { INQUIRY, 1, 0x99, 0, 36 },
	  36, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "inquiry_control_vpd_page_0x8f", { INQUIRY, 1, 0x8f, 0, 36 },
	  36, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "inquiry_alloc_above_buffer", { INQUIRY, 0, 0, 0, 200 },
	  100, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "inquiry_alloc_below_header", { INQUIRY, 0, 0, 0, 4 },
	  4, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "inquiry_vpd_alloc_below_header", { INQUIRY, 1, 0, 0, 3 },
	  3, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "inquiry_into_data_out_buffer", { INQUIRY, 0, 0, 0, 36 },
	  36, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "read_capacity10_buffer_short", { READ_CAPACITY },
	  4, false, {}, VSTOR_SRB_DATA_OVERRUN, 0x24 },
	{ "read_capacity16_buffer_short", { SERVICE_ACTION_IN_16,
					    SAI_READ_CAPACITY_16 },
	  8, false, {}, VSTOR_SRB_DATA_OVERRUN, 0x24 },
	{ "service_action_unknown", { SERVICE_ACTION_IN_16, 0x1f },
	  32, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "get_lba_status_unsupported", { SERVICE_ACTION_IN_16,
					  SAI_GET_LBA_STATUS },
	  32, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x20 },
	{ "mode_sense_saved_values", { MODE_SENSE, 0, 0xc8, 0, 64 },
	  64, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "mode_sense_control_page", { MODE_SENSE, 0, 0x0a, 0, 64 },
	  64, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "mode_sense_alloc_above_buffer", { MODE_SENSE, 0, 0x3f, 0, 64 },
	  32, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "mode_sense10_alloc_below_header", { MODE_SENSE_10, 0, 0x3f, 0, 0,
					       0, 0, 0, 7 },
	  32, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "mode_select_list_short", { MODE_SELECT, 0x10, 0, 0, 8 },
	  8, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x1a },
	{ "mode_select_write_cache_off", { MODE_SELECT, 0x10, 0, 0, 16 },
	  16, true, { 0, 0, 0, 0, 0x08, 12, 0x00 },
	  VSTOR_SRB_INVALID_REQUEST, 0x26 },
	{ "mode_select_save_pages", { MODE_SELECT, 0x11, 0, 0, 16 },
	  16, true, { 0, 0, 0, 0, 0x08, 12, 0x04 },
	  VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "unknown_opcode", { 0xc0 },
	  0, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x20 },
	{ "persistent_reserve_in_unsupported", { 0x5e },
	  0, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x20 },
	{ "unmap_alloc_not_buffer", { UNMAP, 0, 0, 0, 0, 0, 0, 0, 24 },
	  32, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "unmap_bad_data_length", { UNMAP, 0, 0, 0, 0, 0, 0, 0, 24 },
	  24, true, { 0, 23, 0, 16 }, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "unmap_bad_descriptor_length", { UNMAP, 0, 0, 0, 0, 0, 0, 0, 24 },
	  24, true, { 0, 22, 0, 15 }, VSTOR_SRB_INVALID_REQUEST, 0x00 },
	{ "unmap_past_end", { UNMAP, 0, 0, 0, 0, 0, 0, 0, 24 },
	  24, true, { 0, 22, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0xff,
		      0, 0, 0, 2 },
	  VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "write_same_too_long", { WRITE_SAME_16, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				   0, 0, 0x40, 0x01 },
	  512, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "write_same_past_end", { WRITE_SAME, 0, 0, 0, 0x7f, 0xff, 0, 0,
				   2 },
	  512, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "write_same_no_block", { WRITE_SAME, 0, 0, 0, 0, 0, 0, 0, 1 },
	  511, true, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "verify_past_end", { VERIFY, 0, 0, 0, 0x80, 0, 0, 0, 1 },
	  0, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x21 },
	{ "start_stop_immediate", { START_STOP, 0x01, 0, 0, 0x01 },
	  0, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "send_diagnostic_page_format", { SEND_DIAGNOSTIC, 0x10 },
	  0, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "request_sense_alloc_below_header", { REQUEST_SENSE, 0, 0, 0, 7 },
	  7, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
	{ "request_sense_alloc_above_buffer", { REQUEST_SENSE, 0, 0, 0, 18 },
	  17, false, {}, VSTOR_SRB_INVALID_REQUEST, 0x24 },
};

static void sdt_bad_desc(const struct sdt_bad *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sdt_bad, sdt_bad_rows, sdt_bad_desc);

static void exec_bad_cdb_fails_as_hyperv(struct kunit *test)
{
	const struct sdt_bad *c = test->param_value;
	struct hvsim_sdisk *d = sdt_disk(test);
	struct sdt_buf *t = sdt_buf_new(test, 4090, c->len, !c->ro);
	struct hvsim_sres res;

	sdt_copy(t, 0, (void *)c->data, min_t(u32, c->len, sizeof(c->data)),
		 true);
	sdt_exec(d, c->cdb, t, &res);
	KUNIT_EXPECT_EQ(test, res.srb_status, c->srb);
	KUNIT_EXPECT_EQ(test, res.scsi_status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_EQ(test, res.tx, 0);
	KUNIT_ASSERT_TRUE(test, res.has_sense);
	KUNIT_EXPECT_EQ(test, res.sense[0], 0x70);
	KUNIT_EXPECT_EQ(test, res.sense[2], ILLEGAL_REQUEST);
	KUNIT_EXPECT_EQ(test, res.sense[12], c->asc);
	KUNIT_EXPECT_EQ(test, res.sense[13], 0);
	/* Nothing was written. */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&d->nr_pages), 0);
}

static struct kunit_case hvsim_scsi_disk_cases[] = {
	KUNIT_CASE(inquiry_standard_is_msft_virtual_disk),
	KUNIT_CASE(inquiry_vpd_pages_as_hyperv),
	KUNIT_CASE(read_capacity_reports_blocks),
	KUNIT_CASE(read_after_write_crosses_pages),
	KUNIT_CASE(unmap_frees_pages_and_reads_zero),
	KUNIT_CASE(write_same_zero_frees_pattern_writes),
	KUNIT_CASE(mode_sense_caching_page),
	KUNIT_CASE(request_sense_returns_last_failure),
	KUNIT_CASE(report_luns_and_absent_lun),
	KUNIT_CASE_PARAM(exec_bad_cdb_fails_as_hyperv, sdt_bad_gen_params),
	{}
};

static struct kunit_suite hvsim_scsi_disk_suite = {
	.name = "hvsim_scsi_disk",
	.test_cases = hvsim_scsi_disk_cases,
};

kunit_test_suites(&hvsim_scsi_disk_suite);

MODULE_DESCRIPTION("KUnit tests for hvsim's RAM-backed SCSI disk");
MODULE_LICENSE("GPL");
