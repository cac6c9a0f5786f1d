// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: a RAM-backed SCSI disk answering as Hyper-V's virtual disk does.
 *
 * What it answers, command by command, is taken from OpenVMM's scsidisk
 * (the disk Hyper-V's storvsp puts behind a VSTOR channel) and the SCSI
 * standards, never from Lumen's guest:
 *
 * - INQUIRY: "Msft" "Virtual Disk" "1.0", SPC-3, response format 2, command
 *   queueing, 104 bytes. VPD pages 0x00, 0x80 (serial), 0x83 (a T10
 *   vendor designator carrying the disk id and an NAA-6 designator with
 *   Microsoft's OUI), 0xB0 (block limits: UNMAP up to 4096 descriptors,
 *   granularity 1, WRITE SAME up to 8 MiB), 0xB1 (non-rotating), 0xB2
 *   (thin provisioned, UNMAP supported), and Microsoft's 0xCE and 0xCF.
 * - READ CAPACITY 10/16: 512-byte logical blocks, 4 KiB physical blocks,
 *   LBPME set (thin provisioning), LBPRZ clear.
 * - READ/WRITE 6/10/12/16, VERIFY and WRITE AND VERIFY (checked, no data),
 *   WRITE SAME 10/16, UNMAP, SYNCHRONIZE CACHE 10/16, START STOP UNIT,
 *   MODE SENSE/SELECT 6/10 (the caching page only, as Hyper-V), REQUEST
 *   SENSE, TEST UNIT READY and the no-ops Windows disks accept.
 * - Failures as Hyper-V reports them: SRB status INVALID_REQUEST, CHECK
 *   CONDITION and fixed-format sense ILLEGAL REQUEST with INVALID FIELD IN
 *   CDB (0x24), LBA OUT OF RANGE (0x21), INVALID COMMAND OPERATION CODE
 *   (0x20), PARAMETER LIST LENGTH ERROR (0x1A) or INVALID FIELD IN
 *   PARAMETER LIST (0x26); DATA_OVERRUN for a READ CAPACITY buffer too
 *   small; the last sense is kept for REQUEST SENSE.
 *
 * Storage: 4 KiB pages in an xarray, allocated on first write; absent
 * pages read as zeros; UNMAP and an all-zero WRITE SAME free whole pages
 * and zero partial ones. Readers look pages up under RCU and freed pages
 * wait a grace period, so commands on several channels run concurrently.
 * Guest memory is reached only through &struct hvsim_sbuf.
 */
#include <linux/build_bug.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uuid.h>
#include <scsi/scsi_proto.h>

#include <proto/vstor.h>
#include "scsi_disk.h"

/* Additional sense codes the disk reports. */
#define SD_ASC_NONE			0x00
#define SD_ASC_PARAM_LIST_LENGTH	0x1a
#define SD_ASC_INVALID_OPCODE		0x20
#define SD_ASC_LBA_OUT_OF_RANGE		0x21
#define SD_ASC_INVALID_FIELD_CDB	0x24
#define SD_ASC_INVALID_FIELD_PARAM	0x26

/* Fixed-format sense: response code "current", additional length 10. */
#define SD_SENSE_FIXED_CURRENT		0x70
#define SD_SENSE_ADD_LEN		(HVSIM_SDISK_SENSE_LEN - 8)

/* VPD pages, in the order page 0x00 lists them. */
#define SD_VPD_SUPPORTED	0x00
#define SD_VPD_SERIAL		0x80
#define SD_VPD_IDENT		0x83
#define SD_VPD_LIMITS		0xb0
#define SD_VPD_CHARACTERISTICS	0xb1
#define SD_VPD_PROVISIONING	0xb2
#define SD_VPD_MSFT_PAGING	0xce
#define SD_VPD_MSFT_VIRTUAL	0xcf
#define SD_VPD_HDR		4
#define SD_VPD_MAX		64

/* Mode pages: caching page (Windows' 12-byte layout), headers. */
#define SD_MODE_PAGE_CACHING	0x08
#define SD_MODE_PAGE_ALL	0x3f
#define SD_MODE_PC_SAVED	0xc0
#define SD_MODE_PC_CHANGEABLE	0x40
#define SD_MODE_CACHING_LEN	12
#define SD_MODE_CACHING_WCE	0x04
#define SD_MODE_HDR6		4
#define SD_MODE_HDR10		8
#define SD_MODE_DSP_DPOFUA	0x10

#define SD_REPORT_LUNS_HDR	8
#define SD_UNMAP_HDR		8
#define SD_UNMAP_DESC		16
#define SD_RC10_LEN		8
#define SD_RC16_MIN		12
#define SD_RC16_LEN		32
#define SD_SENSE_HDR		8
/* WRITE SAME limit in blocks: the smaller of the two byte limits. */
#define HVSIM_SDISK_WS_BLOCKS						\
	(min(HVSIM_SDISK_MAX_TRANSFER, HVSIM_SDISK_WRITE_SAME_MAX) >>	\
	 HVSIM_SDISK_BLOCK_SHIFT)

/* Microsoft's virtual device properties page signature (VPD 0xCF). */
static const guid_t sd_msft_vdp_sig =
	GUID_INIT(0x89a98f15, 0xc928, 0x4d8b,
		  0x94, 0xcd, 0xef, 0x51, 0xfa, 0xa9, 0x9d, 0x33);

static const u8 sd_vpd_pages[] = {
	SD_VPD_SUPPORTED, SD_VPD_SERIAL, SD_VPD_IDENT, SD_VPD_LIMITS,
	SD_VPD_CHARACTERISTICS, SD_VPD_PROVISIONING, SD_VPD_MSFT_PAGING,
	SD_VPD_MSFT_VIRTUAL,
};

/*
 * Big-endian fields of CDBs and parameter data, byte by byte (the
 * unaligned-access header moved between 6.1 and 6.12).
 */
static u16 sd_be16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 sd_be32(const u8 *p)
{
	return (u32)sd_be16(p) << 16 | sd_be16(p + 2);
}

static u64 sd_be64(const u8 *p)
{
	return (u64)sd_be32(p) << 32 | sd_be32(p + 4);
}

static void sd_put_be16(u16 v, u8 *p)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void sd_put_be32(u32 v, u8 *p)
{
	sd_put_be16(v >> 16, p);
	sd_put_be16(v, p + 2);
}

static void sd_put_be64(u64 v, u8 *p)
{
	sd_put_be32(v >> 32, p);
	sd_put_be32(v, p + 4);
}

static void sd_ok(struct hvsim_sres *res, u32 tx)
{
	res->srb_status = VSTOR_SRB_SUCCESS;
	res->scsi_status = SAM_STAT_GOOD;
	res->tx = tx;
	res->has_sense = false;
}

static void sd_sense(struct hvsim_sres *res, u8 srb, u8 key, u8 asc, u8 ascq)
{
	res->srb_status = srb;
	res->scsi_status = SAM_STAT_CHECK_CONDITION;
	res->tx = 0;
	res->has_sense = true;
	memset(res->sense, 0, sizeof(res->sense));
	res->sense[0] = SD_SENSE_FIXED_CURRENT;
	res->sense[2] = key;
	res->sense[7] = SD_SENSE_ADD_LEN;
	res->sense[12] = asc;
	res->sense[13] = ascq;
}

/* ILLEGAL REQUEST with @asc, SRB status INVALID_REQUEST. */
static void sd_illegal(struct hvsim_sres *res, u8 asc)
{
	sd_sense(res, VSTOR_SRB_INVALID_REQUEST, ILLEGAL_REQUEST, asc, 0);
}

/*
 * Hyper-V's answer to a request it cannot serve as sent (buffer too small
 * for what the CDB asks, memory it may not write, a page or service
 * action it lacks): INVALID FIELD IN CDB.
 */
static void sd_bad_request(struct hvsim_sres *res)
{
	sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
}

static void sd_overrun(struct hvsim_sres *res)
{
	sd_sense(res, VSTOR_SRB_DATA_OVERRUN, ILLEGAL_REQUEST,
		 SD_ASC_INVALID_FIELD_CDB, 0);
}

/* The backing store failed (out of memory): a medium error. */
static void sd_io_error(struct hvsim_sres *res)
{
	sd_sense(res, VSTOR_SRB_ERROR, MEDIUM_ERROR, SD_ASC_NONE, 0);
}

/* Where byte @pos of @b lives: page index and offset in it. */
static struct page *sbuf_at(const struct hvsim_sbuf *b, u32 pos, u32 *in)
{
	u64 abs = (u64)b->off + pos;

	*in = abs & (HVSIM_SDISK_PAGE_SIZE - 1);
	return b->page(b, abs >> HVSIM_SDISK_PAGE_SHIFT);
}

/* Copy @len bytes at @pos of the guest buffer; @pos + @len <= @b->len. */
static void sbuf_read(const struct hvsim_sbuf *b, u32 pos, void *dst,
		      u32 len)
{
	struct page *page;
	u32 in, n;
	u8 *va;

	while (len) {
		page = sbuf_at(b, pos, &in);
		n = min(len, HVSIM_SDISK_PAGE_SIZE - in);
		va = kmap_local_page(page);
		memcpy(dst, va + in, n);
		kunmap_local(va);
		dst += n;
		pos += n;
		len -= n;
	}
}

/* Write @len bytes at @pos of the guest buffer: -EACCES if read-only. */
static int sbuf_write(const struct hvsim_sbuf *b, u32 pos, const void *src,
		      u32 len)
{
	struct page *page;
	u32 in, n;
	u8 *va;

	if (!b->writable)
		return -EACCES;
	while (len) {
		page = sbuf_at(b, pos, &in);
		n = min(len, HVSIM_SDISK_PAGE_SIZE - in);
		va = kmap_local_page(page);
		memcpy(va + in, src, n);
		kunmap_local(va);
		flush_dcache_page(page);
		src += n;
		pos += n;
		len -= n;
	}
	return 0;
}

/* Answer with @len bytes of @data, at most @alloc of them. */
static void sd_reply(const struct hvsim_sbuf *b, const void *data, u32 len,
		     u32 alloc, struct hvsim_sres *res)
{
	u32 tx = min(len, alloc);

	if (sbuf_write(b, 0, data, tx))
		sd_bad_request(res);
	else
		sd_ok(res, tx);
}

/*
 * Make sure backing page @idx exists (zeroed if new), allocating with
 * @gfp: 0 or -ENOMEM.
 */
static int sd_page_ensure(struct hvsim_sdisk *d, u64 idx, gfp_t gfp)
{
	struct page *page, *old;

	if (xa_load(&d->pages, idx))
		return 0;
	page = alloc_page(gfp | __GFP_ZERO);
	if (!page)
		return -ENOMEM;
	old = xa_cmpxchg_bh(&d->pages, idx, NULL, page, gfp);
	if (xa_is_err(old)) {
		__free_page(page);
		return -ENOMEM;
	}
	if (old)
		__free_page(page);	/* another command's write won */
	else
		atomic_long_inc(&d->nr_pages);
	return 0;
}

/*
 * Move @len bytes between disk byte @pos and the guest buffer from its
 * start; pages for written data come with @gfp. Returns 0, or -ENOMEM
 * when such a page cannot be had.
 * A write racing an UNMAP of the same blocks may land before it (and be
 * unmapped) or after it, as on any disk.
 */
static int sd_xfer(struct hvsim_sdisk *d, u64 pos, const struct hvsim_sbuf *b,
		   u32 len, bool to_guest, gfp_t gfp)
{
	struct page *gpage, *dpage;
	u32 gpos = 0, gin, din, n;
	u64 idx;
	u8 *gva, *dva;

	while (len) {
		gpage = sbuf_at(b, gpos, &gin);
		din = pos & (HVSIM_SDISK_PAGE_SIZE - 1);
		idx = pos >> HVSIM_SDISK_PAGE_SHIFT;
		n = min3(len, HVSIM_SDISK_PAGE_SIZE - gin,
			 HVSIM_SDISK_PAGE_SIZE - din);
		if (!to_guest && sd_page_ensure(d, idx, gfp))
			return -ENOMEM;
		gva = kmap_local_page(gpage);
		/* A page found under RCU stays until the unlock. */
		rcu_read_lock();
		dpage = xa_load(&d->pages, idx);
		if (dpage) {
			dva = kmap_local_page(dpage);
			if (to_guest)
				memcpy(gva + gin, dva + din, n);
			else
				memcpy(dva + din, gva + gin, n);
			kunmap_local(dva);
		} else if (to_guest) {
			memset(gva + gin, 0, n);
		}
		rcu_read_unlock();
		kunmap_local(gva);
		if (to_guest)
			flush_dcache_page(gpage);
		gpos += n;
		pos += n;
		len -= n;
	}
	return 0;
}

/* Zero @len bytes at disk byte @pos inside one page, if it is backed. */
static void sd_zero_part(struct hvsim_sdisk *d, u64 pos, u32 len)
{
	struct page *page;
	u8 *va;

	rcu_read_lock();
	page = xa_load(&d->pages, pos >> HVSIM_SDISK_PAGE_SHIFT);
	if (page) {
		va = kmap_local_page(page);
		memset(va + (pos & (HVSIM_SDISK_PAGE_SIZE - 1)), 0, len);
		kunmap_local(va);
	}
	rcu_read_unlock();
}

/*
 * Make blocks [@lba, @lba + @count) read as zeros: whole pages are freed
 * (after a grace period, so concurrent readers finish), partial ones
 * zeroed. The range is inside the disk.
 */
static void sd_discard(struct hvsim_sdisk *d, u64 lba, u64 count)
{
	u64 pos = lba << HVSIM_SDISK_BLOCK_SHIFT;
	u64 end = (lba + count) << HVSIM_SDISK_BLOCK_SHIFT;
	u64 first = DIV_ROUND_UP(pos, HVSIM_SDISK_PAGE_SIZE);
	u64 last = end >> HVSIM_SDISK_PAGE_SHIFT;	/* exclusive */
	struct page *page, *tmp;
	unsigned long idx;
	LIST_HEAD(freed);
	u32 n;

	if (!count)
		return;
	if (first >= last) {
		/* Inside one page. */
		sd_zero_part(d, pos, end - pos);
		return;
	}
	if (pos < first << HVSIM_SDISK_PAGE_SHIFT) {
		n = (first << HVSIM_SDISK_PAGE_SHIFT) - pos;
		sd_zero_part(d, pos, n);
	}
	if (end > last << HVSIM_SDISK_PAGE_SHIFT)
		sd_zero_part(d, last << HVSIM_SDISK_PAGE_SHIFT,
			     end - (last << HVSIM_SDISK_PAGE_SHIFT));
	xa_for_each_range(&d->pages, idx, page, first, last - 1) {
		if (xa_cmpxchg_bh(&d->pages, idx, page, NULL, 0) != page)
			continue;
		atomic_long_dec(&d->nr_pages);
		list_add(&page->lru, &freed);
		cond_resched();
	}
	if (list_empty(&freed))
		return;
	synchronize_rcu();
	list_for_each_entry_safe(page, tmp, &freed, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/* OpenVMM's LBA range rule (UNMAP, WRITE SAME, VERIFY). */
static bool sd_range_ok(const struct hvsim_sdisk *d, u64 lba, u64 count)
{
	return lba < d->blocks && count <= d->blocks &&
	       lba <= d->blocks - count;
}

/* Standard INQUIRY data with device type @type. */
static void sd_std_inquiry(u8 *p, u8 type, bool ident)
{
	memset(p, 0, HVSIM_SDISK_INQUIRY_LEN);
	p[0] = type;
	p[2] = 0x05;		/* SPC-3 */
	p[3] = 0x02;		/* response data format */
	p[4] = HVSIM_SDISK_INQUIRY_LEN - 5;
	p[7] = 0x02;		/* CmdQue */
	if (ident) {
		memcpy(p + 8, "Msft    ", 8);
		memcpy(p + 16, "Virtual Disk    ", 16);
		memcpy(p + 32, "1.0 ", 4);
	}
}

/* Build VPD page @code into @p (header first); returns its length or 0. */
static u32 sd_vpd(const struct hvsim_sdisk *d, u8 code, u8 *p)
{
	u64 hi = d->blocks >> 32;
	u32 len = 0;
	u8 *q = p + SD_VPD_HDR;

	memset(p, 0, SD_VPD_HDR + SD_VPD_MAX);
	switch (code) {
	case SD_VPD_SUPPORTED:
		len = sizeof(sd_vpd_pages);
		memcpy(q, sd_vpd_pages, len);
		break;
	case SD_VPD_SERIAL:
		len = sizeof(d->serial);
		memcpy(q, d->serial, len);
		break;
	case SD_VPD_IDENT:
		/* T10 vendor id designator: vendor, then the disk id. */
		q[0] = 0x01;	/* code set: binary (as Hyper-V) */
		q[1] = 0x01;	/* designator type: T10 vendor id */
		q[3] = 24;
		memcpy(q + 4, "Msft    ", 8);
		memcpy(q + 12, d->id, 16);
		/* NAA 6 with Microsoft's OUI 00-22-48. */
		q[28] = 0x01;
		q[29] = 0x03;	/* designator type: NAA */
		q[31] = 16;
		q[32] = 0x60;
		q[33] = 0x02;
		q[34] = 0x24;
		q[35] = 0x80;
		memcpy(q + 36, d->id, 6);
		memcpy(q + 42, d->id + 10, 6);
		len = 48;
		break;
	case SD_VPD_LIMITS:
		sd_put_be32(U32_MAX, q + 16);	/* max UNMAP LBAs */
		sd_put_be32(HVSIM_SDISK_UNMAP_DESC_MAX, q + 20);
		sd_put_be32(1, q + 24);		/* UNMAP granularity */
		q[28] = 0x80;				/* UGAVALID */
		sd_put_be64(HVSIM_SDISK_WS_BLOCKS, q + 32);
		len = 60;
		break;
	case SD_VPD_CHARACTERISTICS:
		sd_put_be16(1, q);	/* non-rotating medium */
		len = 60;
		break;
	case SD_VPD_PROVISIONING:
		/* (blocks >> exponent) must fit 32 bits; at least 1. */
		q[0] = max(hi > 1 ? ilog2(hi - 1) + 1 : 0, 1);
		q[1] = 0x80;	/* LBPU: UNMAP supported */
		q[2] = 0x02;	/* thin provisioned */
		len = 4;
		break;
	case SD_VPD_MSFT_PAGING:
		q[0] = 1;	/* version */
		q[1] = 1;	/* mode select extension */
		len = 4;
		break;
	case SD_VPD_MSFT_VIRTUAL:
		q[0] = 1;	/* version */
		memcpy(q + 4, &sd_msft_vdp_sig, sizeof(sd_msft_vdp_sig));
		len = 20;
		break;
	default:
		return 0;
	}
	p[1] = code;
	p[3] = len;
	return SD_VPD_HDR + len;
}

static void sd_inquiry(struct hvsim_sdisk *d, const u8 *cdb,
		       const struct hvsim_sbuf *b, struct hvsim_sres *res)
{
	u8 data[HVSIM_SDISK_INQUIRY_LEN];
	u32 alloc = sd_be16(cdb + 3), len;
	bool evpd = cdb[1] & 0x01;

	BUILD_BUG_ON(sizeof(data) < SD_VPD_HDR + SD_VPD_MAX);

	if (b->len < alloc)
		return sd_bad_request(res);
	/* CmdDt is obsolete; a page code needs EVPD. */
	if ((cdb[1] & 0x02) || (cdb[2] && !evpd))
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	if (evpd) {
		if (alloc < SD_VPD_HDR)
			return sd_bad_request(res);
		len = sd_vpd(d, cdb[2], data);
		if (!len)
			return sd_bad_request(res);
		return sd_reply(b, data, len, alloc, res);
	}
	if (alloc < 5)
		return sd_bad_request(res);
	sd_std_inquiry(data, TYPE_DISK, true);
	sd_reply(b, data, HVSIM_SDISK_INQUIRY_LEN, alloc, res);
}

static void sd_read_capacity(struct hvsim_sdisk *d,
			     const struct hvsim_sbuf *b, struct hvsim_sres *res)
{
	u8 data[SD_RC10_LEN];

	if (b->len < SD_RC10_LEN)
		return sd_overrun(res);
	sd_put_be32(min_t(u64, d->blocks - 1, U32_MAX), data);
	sd_put_be32(HVSIM_SDISK_BLOCK_SIZE, data + 4);
	sd_reply(b, data, sizeof(data), sizeof(data), res);
}

static void sd_service_in(struct hvsim_sdisk *d, const u8 *cdb,
			  const struct hvsim_sbuf *b, struct hvsim_sres *res)
{
	u8 data[SD_RC16_LEN] = {};

	switch (cdb[1] & 0x1f) {
	case SAI_READ_CAPACITY_16:
		if (b->len < SD_RC16_MIN)
			return sd_overrun(res);
		sd_put_be64(d->blocks - 1, data);
		sd_put_be32(HVSIM_SDISK_BLOCK_SIZE, data + 8);
		data[13] = HVSIM_SDISK_PHYS_EXP;
		data[14] = 0x80;	/* LBPME */
		/* The buffer's size, not the CDB's, bounds it (Hyper-V). */
		return sd_reply(b, data, sizeof(data), b->len, res);
	case SAI_GET_LBA_STATUS:
		return sd_illegal(res, SD_ASC_INVALID_OPCODE);
	default:
		return sd_bad_request(res);
	}
}

static void sd_take_sense(struct hvsim_sdisk *d, u8 *sense)
{
	bool valid = false;

	if (READ_ONCE(d->sense_valid)) {
		spin_lock_bh(&d->sense_lock);
		valid = d->sense_valid;
		if (valid)
			memcpy(sense, d->sense, HVSIM_SDISK_SENSE_LEN);
		d->sense_valid = false;
		spin_unlock_bh(&d->sense_lock);
	}
	if (!valid) {
		memset(sense, 0, HVSIM_SDISK_SENSE_LEN);
		sense[0] = SD_SENSE_FIXED_CURRENT;
		sense[7] = SD_SENSE_ADD_LEN;
	}
}

static void sd_request_sense(struct hvsim_sdisk *d, const u8 *cdb,
			     const struct hvsim_sbuf *b, struct hvsim_sres *res)
{
	/* Hyper-V reads bytes 3-4 (byte 3 is reserved, so byte 4). */
	u32 alloc = sd_be16(cdb + 3);
	u8 sense[HVSIM_SDISK_SENSE_LEN];

	if (alloc < SD_SENSE_HDR || alloc > b->len)
		return sd_bad_request(res);
	sd_take_sense(d, sense);
	sd_reply(b, sense, sizeof(sense), alloc, res);
}

static void sd_mode_sense(const u8 *cdb, const struct hvsim_sbuf *b,
			  struct hvsim_sres *res)
{
	bool ten = cdb[0] == MODE_SENSE_10;
	u32 hdr = ten ? SD_MODE_HDR10 : SD_MODE_HDR6;
	u32 alloc = ten ? sd_be16(cdb + 7) : cdb[4];
	u8 pc = cdb[2] & 0xc0, code = cdb[2] & 0x3f;
	u8 data[SD_MODE_HDR10 + SD_MODE_CACHING_LEN] = {};
	u8 *page = data + hdr;

	if (!b->len || !alloc)
		return sd_ok(res, 0);
	if (alloc > b->len || alloc < hdr)
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	if (pc == SD_MODE_PC_SAVED ||
	    (code != SD_MODE_PAGE_CACHING && code != SD_MODE_PAGE_ALL))
		return sd_bad_request(res);
	if (ten) {
		sd_put_be16(hdr + SD_MODE_CACHING_LEN - 2, data);
		data[3] = SD_MODE_DSP_DPOFUA;
	} else {
		data[0] = hdr + SD_MODE_CACHING_LEN - 1;
		data[2] = SD_MODE_DSP_DPOFUA;
	}
	page[0] = SD_MODE_PAGE_CACHING;
	page[1] = SD_MODE_CACHING_LEN - 2;
	/* Write cache on; nothing is changeable. */
	if (pc != SD_MODE_PC_CHANGEABLE && b->len - hdr >= 3)
		page[2] = SD_MODE_CACHING_WCE;
	sd_reply(b, data, hdr + SD_MODE_CACHING_LEN, alloc, res);
}

static void sd_mode_select(const u8 *cdb, const struct hvsim_sbuf *b,
			   struct hvsim_sres *res)
{
	bool ten = cdb[0] == MODE_SELECT_10;
	u32 hdr = ten ? SD_MODE_HDR10 : SD_MODE_HDR6;
	u32 len = ten ? sd_be16(cdb + 7) : cdb[4];
	u8 head[SD_MODE_HDR10], page[SD_MODE_CACHING_LEN];
	u32 skip;

	if (!len)
		return sd_ok(res, 0);
	if (len != b->len || len < hdr + SD_MODE_CACHING_LEN)
		return sd_illegal(res, SD_ASC_PARAM_LIST_LENGTH);
	/* Saving pages is not supported. */
	if (cdb[1] & 0x01)
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	sbuf_read(b, 0, head, hdr);
	skip = hdr + (ten ? sd_be16(head + 6) : head[3]);
	if (len < skip + SD_MODE_CACHING_LEN)
		return sd_illegal(res, SD_ASC_PARAM_LIST_LENGTH);
	sbuf_read(b, skip, page, sizeof(page));
	/* Only the caching page, and the write cache cannot be turned off. */
	if (page[0] != SD_MODE_PAGE_CACHING || page[1] < SD_MODE_CACHING_LEN ||
	    !(page[2] & SD_MODE_CACHING_WCE))
		return sd_illegal(res, SD_ASC_INVALID_FIELD_PARAM);
	sd_ok(res, len);
}

/* Decode LBA and block count of a READ/WRITE/VERIFY CDB. */
static bool sd_decode_rw(const u8 *cdb, u64 *lba, u64 *count)
{
	switch (cdb[0]) {
	case READ_6:
	case WRITE_6:
		/* Hyper-V takes all of byte 1, old LUN bits included. */
		*lba = sd_be32(cdb) & 0xffffff;
		*count = cdb[4];
		return true;
	case READ_10:
	case WRITE_10:
	case VERIFY:
	case WRITE_VERIFY:
	case WRITE_SAME:
		*lba = sd_be32(cdb + 2);
		*count = sd_be16(cdb + 7);
		return !(cdb[1] & 0x01);	/* no relative addressing */
	case READ_12:
	case WRITE_12:
	case VERIFY_12:
	case WRITE_VERIFY_12:
		*lba = sd_be32(cdb + 2);
		*count = sd_be32(cdb + 6);
		return !(cdb[1] & 0x01);
	default:
		*lba = sd_be64(cdb + 2);
		*count = sd_be32(cdb + 10);
		return true;
	}
}

/*
 * READ and WRITE; pages for written data come with @gfp. Returns 0 with
 * @res filled, or -ENOMEM with nothing answered when @gfp may not sleep
 * and a page could not be had (the blocks copied so far are copied again
 * when the command is retried).
 */
static int sd_rw(struct hvsim_sdisk *d, const u8 *cdb,
		 const struct hvsim_sbuf *b, struct hvsim_sres *res, gfp_t gfp)
{
	bool read = hvsim_sdisk_op_reads(cdb[0]);
	u64 lba, count;
	u32 tx;

	if (!sd_decode_rw(cdb, &lba, &count)) {
		sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
		return 0;
	}
	/* The buffer must hold every block; zero blocks is refused too. */
	if (!count || count > b->len >> HVSIM_SDISK_BLOCK_SHIFT ||
	    d->blocks <= lba || d->blocks - lba < count) {
		sd_illegal(res, SD_ASC_LBA_OUT_OF_RANGE);
		return 0;
	}
	tx = count << HVSIM_SDISK_BLOCK_SHIFT;
	if (read && !b->writable) {
		sd_bad_request(res);
		return 0;
	}
	if (sd_xfer(d, lba << HVSIM_SDISK_BLOCK_SHIFT, b, tx, read, gfp)) {
		if (!gfpflags_allow_blocking(gfp))
			return -ENOMEM;
		sd_io_error(res);
		return 0;
	}
	sd_ok(res, tx);
	return 0;
}

static void sd_verify(struct hvsim_sdisk *d, const u8 *cdb,
		      struct hvsim_sres *res)
{
	u64 lba, count;

	if (!sd_decode_rw(cdb, &lba, &count))
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	if (!sd_range_ok(d, lba, count))
		return sd_illegal(res, SD_ASC_LBA_OUT_OF_RANGE);
	sd_ok(res, 0);
}

static void sd_write_same(struct hvsim_sdisk *d, const u8 *cdb,
			  const struct hvsim_sbuf *b, struct hvsim_sres *res)
{
	u8 block[HVSIM_SDISK_BLOCK_SIZE];
	struct hvsim_sbuf one = *b;
	u64 lba, count, i;

	if (!sd_decode_rw(cdb, &lba, &count))
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	if (!sd_range_ok(d, lba, count))
		return sd_illegal(res, SD_ASC_LBA_OUT_OF_RANGE);
	if (count << HVSIM_SDISK_BLOCK_SHIFT > HVSIM_SDISK_WRITE_SAME_MAX)
		return sd_illegal(res, SD_ASC_LBA_OUT_OF_RANGE);
	if (!count)
		return sd_ok(res, 0);
	if (b->len < HVSIM_SDISK_BLOCK_SIZE)
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	sbuf_read(b, 0, block, sizeof(block));
	/* Zeros (what UNMAP-bit requests carry) need no pages at all. */
	if (!memchr_inv(block, 0, sizeof(block))) {
		sd_discard(d, lba, count);
	} else {
		one.len = HVSIM_SDISK_BLOCK_SIZE;
		for (i = 0; i < count; i++)
			if (sd_xfer(d, (lba + i) << HVSIM_SDISK_BLOCK_SHIFT,
				    &one, HVSIM_SDISK_BLOCK_SIZE, false,
				    GFP_NOIO))
				return sd_io_error(res);
	}
	/* Hyper-V reports the bytes written, not the bytes sent. */
	sd_ok(res, count << HVSIM_SDISK_BLOCK_SHIFT);
}

static void sd_unmap(struct hvsim_sdisk *d, const u8 *cdb,
		     const struct hvsim_sbuf *b, struct hvsim_sres *res)
{
	u32 alloc = sd_be16(cdb + 7), n, i;
	u8 hdr[SD_UNMAP_HDR], desc[SD_UNMAP_DESC];
	u64 lba, count;

	if (alloc < SD_UNMAP_HDR || alloc != b->len)
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	sbuf_read(b, 0, hdr, sizeof(hdr));
	if (sd_be16(hdr) != alloc - 2)
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	if (sd_be16(hdr + 2) != alloc - SD_UNMAP_HDR)
		return sd_illegal(res, SD_ASC_NONE);
	n = (alloc - SD_UNMAP_HDR) / SD_UNMAP_DESC;
	if (n > HVSIM_SDISK_UNMAP_DESC_MAX)
		return sd_illegal(res, SD_ASC_INVALID_FIELD_PARAM);
	/* One descriptor at a time: earlier ones stay done on a failure. */
	for (i = 0; i < n; i++) {
		sbuf_read(b, SD_UNMAP_HDR + i * SD_UNMAP_DESC, desc,
			  sizeof(desc));
		lba = sd_be64(desc);
		count = sd_be32(desc + 8);
		if (!sd_range_ok(d, lba, count))
			return sd_illegal(res, SD_ASC_LBA_OUT_OF_RANGE);
		sd_discard(d, lba, count);
	}
	sd_ok(res, 0);
}

static void sd_send_diag(const u8 *cdb, struct hvsim_sres *res)
{
	/* Only the default self-test, no page format, no parameters. */
	if ((cdb[1] & 0xf0) || sd_be16(cdb + 3))
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	sd_ok(res, 0);
}

/* Keep the sense of a failed command for REQUEST SENSE; success clears. */
static void sd_save_sense(struct hvsim_sdisk *d, const struct hvsim_sres *res)
{
	if (!res->has_sense && !READ_ONCE(d->sense_valid))
		return;
	spin_lock_bh(&d->sense_lock);
	if (res->has_sense)
		memcpy(d->sense, res->sense, sizeof(d->sense));
	WRITE_ONCE(d->sense_valid, res->has_sense);
	spin_unlock_bh(&d->sense_lock);
}

/**
 * hvsim_sdisk_exec() - Execute one SCSI command on a disk.
 * @d: the disk.
 * @cdb: the command descriptor block, %VSTOR_CDB_MAX bytes (zero-padded).
 * @buf: the request's guest memory.
 * @res: filled with the answer.
 *
 * Context: process context; may sleep (page allocation, UNMAP). Commands
 * on one disk may run concurrently.
 */
void hvsim_sdisk_exec(struct hvsim_sdisk *d, const u8 *cdb,
		      const struct hvsim_sbuf *buf, struct hvsim_sres *res)
{
	switch (cdb[0]) {
	case READ_6:
	case READ_10:
	case READ_12:
	case READ_16:
	case WRITE_6:
	case WRITE_10:
	case WRITE_12:
	case WRITE_16:
		sd_rw(d, cdb, buf, res, GFP_NOIO);
		break;
	case WRITE_SAME:
	case WRITE_SAME_16:
		sd_write_same(d, cdb, buf, res);
		break;
	case UNMAP:
		sd_unmap(d, cdb, buf, res);
		break;
	case SYNCHRONIZE_CACHE:
	case SYNCHRONIZE_CACHE_16:
	case TEST_UNIT_READY:
	case FORMAT_UNIT:
	case RESERVE:
	case RELEASE:
	case ALLOW_MEDIUM_REMOVAL:
		sd_ok(res, 0);
		break;
	case START_STOP:
		/* The immediate bit is not supported. */
		if (cdb[1] & 0x01)
			sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
		else
			sd_ok(res, 0);
		break;
	case INQUIRY:
		sd_inquiry(d, cdb, buf, res);
		break;
	case REQUEST_SENSE:
		sd_request_sense(d, cdb, buf, res);
		break;
	case MODE_SENSE:
	case MODE_SENSE_10:
		sd_mode_sense(cdb, buf, res);
		break;
	case MODE_SELECT:
	case MODE_SELECT_10:
		sd_mode_select(cdb, buf, res);
		break;
	case READ_CAPACITY:
		sd_read_capacity(d, buf, res);
		break;
	case SERVICE_ACTION_IN_16:
		sd_service_in(d, cdb, buf, res);
		break;
	case VERIFY:
	case VERIFY_12:
	case VERIFY_16:
	case WRITE_VERIFY:
	case WRITE_VERIFY_12:
	case WRITE_VERIFY_16:
		sd_verify(d, cdb, res);
		break;
	case SEND_DIAGNOSTIC:
		sd_send_diag(cdb, res);
		break;
	default:
		sd_illegal(res, SD_ASC_INVALID_OPCODE);
		break;
	}
	sd_save_sense(d, res);
}

/**
 * hvsim_sdisk_exec_atomic() - Execute a READ or WRITE without sleeping.
 * @d: the disk.
 * @cdb: the command descriptor block, %VSTOR_CDB_MAX bytes (zero-padded).
 * @buf: the request's guest memory.
 * @res: filled with the answer on success.
 *
 * READ and WRITE (6, 10, 12, 16) as hvsim_sdisk_exec() runs them, with
 * pages for written data allocated without sleeping.
 *
 * Context: any context but hard irq; does not sleep.
 * Return: 0 with @res filled; -EWOULDBLOCK for any other command, or when
 * a page for written data cannot be had without sleeping: nothing is
 * answered, and the caller runs the command with hvsim_sdisk_exec().
 */
int hvsim_sdisk_exec_atomic(struct hvsim_sdisk *d, const u8 *cdb,
			    const struct hvsim_sbuf *buf,
			    struct hvsim_sres *res)
{
	if (!hvsim_sdisk_op_reads(cdb[0]) && !hvsim_sdisk_op_writes(cdb[0]))
		return -EWOULDBLOCK;
	if (sd_rw(d, cdb, buf, res, GFP_NOWAIT | __GFP_NOWARN))
		return -EWOULDBLOCK;
	sd_save_sense(d, res);
	return 0;
}

/**
 * hvsim_sdisk_report_luns() - Answer REPORT LUNS for a controller.
 * @luns: the LUNs present on the addressed path and target, ascending.
 * @nluns: how many.
 * @buf: the request's guest memory; its size, not the CDB's allocation
 *	length, bounds the answer (as Hyper-V).
 * @res: filled with the answer.
 *
 * Context: any context but hard irq.
 */
void hvsim_sdisk_report_luns(const u8 *luns, u32 nluns,
			     const struct hvsim_sbuf *buf,
			     struct hvsim_sres *res)
{
	u8 entry[8] = {};
	u32 i, tx, pos;

	if (buf->len < SD_REPORT_LUNS_HDR)
		return sd_ok(res, 0);
	tx = min_t(u64, buf->len, SD_REPORT_LUNS_HDR + (u64)nluns * 8);
	sd_put_be32(nluns * 8, entry);
	if (sbuf_write(buf, 0, entry, SD_REPORT_LUNS_HDR))
		return sd_bad_request(res);
	memset(entry, 0, sizeof(entry));
	for (i = 0, pos = SD_REPORT_LUNS_HDR; i < nluns && pos < tx;
	     i++, pos += 8) {
		sd_put_be16(luns[i], entry);
		sbuf_write(buf, pos, entry, min_t(u32, 8, tx - pos));
	}
	sd_ok(res, tx);
}

/**
 * hvsim_sdisk_absent() - Answer a command for a LUN that does not exist.
 * @lun: the addressed LUN.
 * @cdb: the command descriptor block.
 * @data_in: the request moves data to the guest.
 * @buf: the request's guest memory.
 * @res: filled with the answer.
 *
 * As Hyper-V: a standard INQUIRY answers "logical unit not present"
 * (vendor and product only for LUN 0), VPD inquiries fail, and anything
 * else gets SRB status INVALID_LUN without sense.
 *
 * Context: any context but hard irq.
 */
void hvsim_sdisk_absent(u8 lun, const u8 *cdb, bool data_in,
			const struct hvsim_sbuf *buf, struct hvsim_sres *res)
{
	u8 data[HVSIM_SDISK_INQUIRY_LEN];
	u32 alloc;

	if (cdb[0] != INQUIRY) {
		res->srb_status = VSTOR_SRB_INVALID_LUN;
		res->scsi_status = SAM_STAT_CHECK_CONDITION;
		res->tx = 0;
		res->has_sense = false;
		return;
	}
	alloc = sd_be16(cdb + 3);
	if (buf->len < alloc || !data_in || alloc < 5 ||
	    (cdb[1] & 0x01) || cdb[2])
		return sd_illegal(res, SD_ASC_INVALID_FIELD_CDB);
	sd_std_inquiry(data, HVSIM_SDISK_TYPE_NO_LUN, lun == 0);
	sd_reply(buf, data, sizeof(data), alloc, res);
}

/**
 * hvsim_sdisk_create() - A new, all-zero disk.
 * @bytes: capacity; rounded down to whole 4 KiB pages, at least one.
 *
 * Context: process context.
 * Return: the disk, or NULL without memory.
 */
struct hvsim_sdisk *hvsim_sdisk_create(u64 bytes)
{
	struct hvsim_sdisk *d = kzalloc(sizeof(*d), GFP_KERNEL);
	guid_t id;

	if (!d)
		return NULL;
	xa_init_flags(&d->pages, XA_FLAGS_LOCK_BH);
	spin_lock_init(&d->sense_lock);
	bytes = max_t(u64, round_down(bytes, HVSIM_SDISK_PAGE_SIZE),
		      HVSIM_SDISK_PAGE_SIZE);
	d->blocks = bytes >> HVSIM_SDISK_BLOCK_SHIFT;
	guid_gen(&id);
	memcpy(d->id, &id, sizeof(d->id));
	BUILD_BUG_ON(sizeof(d->serial) != 2 * sizeof(d->id));
	BUILD_BUG_ON(PAGE_SIZE != HVSIM_SDISK_PAGE_SIZE);
	bin2hex(d->serial, d->id, sizeof(d->id));
	return d;
}

/**
 * hvsim_sdisk_destroy() - Free a disk and its pages.
 * @d: the disk, with no command running; NULL is ignored.
 *
 * Context: process context.
 */
void hvsim_sdisk_destroy(struct hvsim_sdisk *d)
{
	struct page *page;
	unsigned long idx;

	if (!d)
		return;
	xa_for_each(&d->pages, idx, page) {
		xa_erase_bh(&d->pages, idx);
		__free_page(page);
		cond_resched();
	}
	xa_destroy(&d->pages);
	kfree(d);
}
