/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvsim: a RAM-backed SCSI disk that answers the commands a Linux guest
 * sends the way Hyper-V's virtual disk does (scsi_disk.c). Used by the
 * VSTOR host (storage.c) and by the KUnit suite hvsim_scsi_disk, which
 * compiles its own copy; it knows nothing about VMBus.
 */
#ifndef _HVSIM_SCSI_DISK_H
#define _HVSIM_SCSI_DISK_H

#include <linux/bits.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <scsi/scsi_proto.h>

struct page;

/* Logical block size; the physical block is 8 of them (4 KiB). */
#define HVSIM_SDISK_BLOCK_SHIFT		9
#define HVSIM_SDISK_BLOCK_SIZE		BIT(HVSIM_SDISK_BLOCK_SHIFT)
#define HVSIM_SDISK_PHYS_EXP		3
/* Backing pages are 4 KiB: blocks per page. */
#define HVSIM_SDISK_PAGE_SHIFT		12
#define HVSIM_SDISK_PAGE_SIZE		BIT(HVSIM_SDISK_PAGE_SHIFT)
/* Fixed-format sense data, as the disk builds it. */
#define HVSIM_SDISK_SENSE_LEN		18
/* Standard INQUIRY data (the Windows INQUIRYDATA layout). */
#define HVSIM_SDISK_INQUIRY_LEN		104
/* Most UNMAP block descriptors per command. */
#define HVSIM_SDISK_UNMAP_DESC_MAX	4096
/* Longest WRITE SAME, in bytes. */
#define HVSIM_SDISK_WRITE_SAME_MAX	(8U << 20)
/* Largest transfer the disk reports in its block limits, in bytes. */
#define HVSIM_SDISK_MAX_TRANSFER	(8U << 20)
/* Device type byte of an INQUIRY for a LUN that does not exist. */
#define HVSIM_SDISK_TYPE_NO_LUN		0x7f

/**
 * struct hvsim_sbuf - The guest memory of one request, page by page.
 * @page: returns the @idx-th guest page the buffer covers (0 is the page
 *	holding byte 0); called only for pages inside @off + @len.
 * @ctx: for @page.
 * @off: offset of byte 0 in page 0, below %HVSIM_SDISK_PAGE_SIZE.
 * @len: bytes in the buffer (the request's data transfer length).
 * @writable: the host may write the buffer (the request moves data to
 *	the guest, or its direction is unknown); it may always read it.
 *
 * The caller has checked every page before the disk sees the buffer.
 */
struct hvsim_sbuf {
	struct page *(*page)(const struct hvsim_sbuf *b, u32 idx);
	const void *ctx;
	u32 off;
	u32 len;
	bool writable;
};

/**
 * struct hvsim_sres - What the disk answers to one command.
 * @srb_status: SRB status code (%VSTOR_SRB_*, without flag bits).
 * @scsi_status: SCSI status byte.
 * @tx: data transfer length to report, in bytes.
 * @has_sense: @sense holds sense data (autosense).
 * @sense: fixed-format sense data.
 */
struct hvsim_sres {
	u8 srb_status;
	u8 scsi_status;
	u32 tx;
	bool has_sense;
	u8 sense[HVSIM_SDISK_SENSE_LEN];
};

/**
 * struct hvsim_sdisk - A RAM-backed disk.
 * @pages: backing 4 KiB pages by index, allocated on first write; an
 *	absent page reads as zeros. Readers look pages up under RCU; a freed
 *	page goes only after a grace period.
 * @blocks: capacity in logical blocks; constant.
 * @id: disk id (VPD 0x83 designators, VPD 0x80 serial); constant.
 * @serial: VPD 0x80 serial number, hex of @id; constant.
 * @sense_lock: protects @sense; taken with bottom halves off (commands
 *	also run in softirq context).
 * @sense_valid: @sense holds the last command's sense (READ_ONCE() for a
 *	lockless look on the fast path).
 * @sense: sense data of the last command that failed, for REQUEST SENSE.
 * @nr_pages: backing pages allocated.
 */
struct hvsim_sdisk {
	struct xarray pages;
	u64 blocks;
	u8 id[16];
	char serial[32];
	spinlock_t sense_lock;	/* see above */
	bool sense_valid;
	u8 sense[HVSIM_SDISK_SENSE_LEN];
	atomic_long_t nr_pages;
};

/**
 * hvsim_sdisk_op_reads() - Is @op one of the READ commands (6, 10, 12, 16)?
 * @op: the CDB's operation code.
 *
 * Return: true for a READ.
 */
static inline bool hvsim_sdisk_op_reads(u8 op)
{
	return op == READ_6 || op == READ_10 || op == READ_12 || op == READ_16;
}

/**
 * hvsim_sdisk_op_writes() - Is @op one of the WRITE commands (6, 10, 12,
 * 16)?
 * @op: the CDB's operation code.
 *
 * Return: true for a WRITE.
 */
static inline bool hvsim_sdisk_op_writes(u8 op)
{
	return op == WRITE_6 || op == WRITE_10 || op == WRITE_12 ||
	       op == WRITE_16;
}

struct hvsim_sdisk *hvsim_sdisk_create(u64 bytes);
void hvsim_sdisk_destroy(struct hvsim_sdisk *d);
void hvsim_sdisk_exec(struct hvsim_sdisk *d, const u8 *cdb,
		      const struct hvsim_sbuf *buf, struct hvsim_sres *res);
int hvsim_sdisk_exec_atomic(struct hvsim_sdisk *d, const u8 *cdb,
			    const struct hvsim_sbuf *buf,
			    struct hvsim_sres *res);
void hvsim_sdisk_report_luns(const u8 *luns, u32 nluns,
			     const struct hvsim_sbuf *buf,
			     struct hvsim_sres *res);
void hvsim_sdisk_absent(u8 lun, const u8 *cdb, bool data_in,
			const struct hvsim_sbuf *buf, struct hvsim_sres *res);

#endif
