// SPDX-License-Identifier: GPL-2.0
/*
 * GPADL message construction (guest) and assembly (host). Pure code: no
 * locks, no allocation, no logging, no global state. Built into hv_vmbus
 * and hvsim, each its own copy exporting nothing (see lib/README); KUnit,
 * the userspace tests and the fuzzer #include it.
 *
 * Messages are read and written with memcpy() only, so neither side needs
 * the buffer to be aligned.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <asm/byteorder.h>

#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>
#include <lumen/gpadl_msg.h>

#define GPADL_HDR_SIZE		sizeof(struct vmbus_msg_gpadl_header)
#define GPADL_BODY_SIZE		sizeof(struct vmbus_msg_gpadl_body)
#define GPADL_RANGE_SIZE	sizeof(struct vmbus_msg_gpa_range)
#define GPADL_PFN_SIZE		sizeof(__le64)

static_assert(GPADL_HDR_SIZE == 28);
static_assert(GPADL_BODY_SIZE == 16);
static_assert(GPADL_RANGE_SIZE == GPADL_PFN_SIZE);
static_assert(GPADL_HDR_SIZE + VMBUS_MSG_GPADL_HEADER_MAX_PFNS * GPADL_PFN_SIZE <=
	      VMBUS_MSG_MAX_SIZE);
static_assert(GPADL_BODY_SIZE + VMBUS_MSG_GPADL_BODY_MAX_PFNS * GPADL_PFN_SIZE <=
	      VMBUS_MSG_MAX_SIZE);
/* The largest range buffer length must fit the 16-bit field. */
static_assert(GPADL_RANGE_SIZE + VMBUS_MSG_GPADL_MAX_PFNS * GPADL_PFN_SIZE <=
	      VMBUS_MSG_GPADL_RANGE_BUFLEN_MAX);

/*
 * Pages spanned by a range of @byte_count bytes starting @byte_offset bytes
 * into its first page. An empty range spans no page. 64-bit arithmetic: no
 * overflow for any pair of 32-bit inputs.
 */
static u64 vmbus_gpadl_span(u32 byte_offset, u32 byte_count)
{
	if (!byte_count)
		return 0;
	return ((u64)byte_offset + byte_count + TLFS_PAGE_SIZE - 1) >>
	       TLFS_PAGE_SHIFT;
}

/* Write @n PFNs little-endian at @dst (no alignment needed). */
static void vmbus_gpadl_put_pfns(u8 *dst, const u64 *pfns, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		__le64 v = cpu_to_le64(pfns[i]);

		memcpy(dst + (size_t)i * GPADL_PFN_SIZE, &v, sizeof(v));
	}
}

/* Read @n little-endian PFNs at @src into @pfns (no alignment needed). */
static void vmbus_gpadl_get_pfns(u64 *pfns, const u8 *src, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		__le64 v;

		memcpy(&v, src + (size_t)i * GPADL_PFN_SIZE, sizeof(v));
		pfns[i] = le64_to_cpu(v);
	}
}

/* GPADL_HEADER of a validated @d: the range and the first PFNs. */
static int vmbus_gpadl_build_header(const struct vmbus_gpadl_desc *d,
				    u8 *buf, size_t buflen)
{
	struct vmbus_msg_gpadl_header h;
	u32 n = min_t(u32, d->npfn, VMBUS_MSG_GPADL_HEADER_MAX_PFNS);
	size_t need = GPADL_HDR_SIZE + (size_t)n * GPADL_PFN_SIZE;

	if (buflen < need)
		return -EMSGSIZE;

	memset(&h, 0, sizeof(h));
	h.hdr.type = cpu_to_le32(VMBUS_MSG_GPADL_HEADER);
	h.child_relid = cpu_to_le32(d->relid);
	h.gpadl = cpu_to_le32(d->handle);
	/* Every PFN counts; <= VMBUS_MSG_GPADL_RANGE_BUFLEN_MAX (npfn checked). */
	h.range_buflen = cpu_to_le16(GPADL_RANGE_SIZE + d->npfn * GPADL_PFN_SIZE);
	h.range_count = cpu_to_le16(1);
	h.range.byte_count = cpu_to_le32(d->byte_count);
	h.range.byte_offset = cpu_to_le32(d->byte_offset);
	memcpy(buf, &h, GPADL_HDR_SIZE);
	vmbus_gpadl_put_pfns(buf + GPADL_HDR_SIZE, d->pfns, n);
	return need;
}

/* GPADL_BODY @index (>= 1, below the message count) of a validated @d. */
static int vmbus_gpadl_build_body(const struct vmbus_gpadl_desc *d, u32 index,
				  u8 *buf, size_t buflen)
{
	struct vmbus_msg_gpadl_body b;
	/* index < count <= 293 keeps first below npfn; no overflow. */
	u32 first = VMBUS_MSG_GPADL_HEADER_MAX_PFNS +
		    (index - 1) * VMBUS_MSG_GPADL_BODY_MAX_PFNS;
	u32 n = min_t(u32, d->npfn - first, VMBUS_MSG_GPADL_BODY_MAX_PFNS);
	size_t need = GPADL_BODY_SIZE + (size_t)n * GPADL_PFN_SIZE;

	if (buflen < need)
		return -EMSGSIZE;

	/* Message number 0: hosts match bodies on the handle alone. */
	memset(&b, 0, sizeof(b));
	b.hdr.type = cpu_to_le32(VMBUS_MSG_GPADL_BODY);
	b.gpadl = cpu_to_le32(d->handle);
	memcpy(buf, &b, GPADL_BODY_SIZE);
	vmbus_gpadl_put_pfns(buf + GPADL_BODY_SIZE, d->pfns + first, n);
	return need;
}

/**
 * vmbus_gpadl_msg_count() - number of messages that carry a GPADL
 * @npfn: PFNs in the GPADL's single range.
 *
 * One %VMBUS_MSG_GPADL_HEADER with up to %VMBUS_MSG_GPADL_HEADER_MAX_PFNS
 * PFNs, then one %VMBUS_MSG_GPADL_BODY per further
 * %VMBUS_MSG_GPADL_BODY_MAX_PFNS PFNs or part of it.
 *
 * Context: Any context.
 * Return: the number of messages (header included), or 0 if @npfn is 0 or
 * larger than %VMBUS_MSG_GPADL_MAX_PFNS.
 */
u32 vmbus_gpadl_msg_count(u32 npfn)
{
	if (!npfn || npfn > VMBUS_MSG_GPADL_MAX_PFNS)
		return 0;
	if (npfn <= VMBUS_MSG_GPADL_HEADER_MAX_PFNS)
		return 1;
	return 1 + DIV_ROUND_UP(npfn - VMBUS_MSG_GPADL_HEADER_MAX_PFNS,
				VMBUS_MSG_GPADL_BODY_MAX_PFNS);
}

/**
 * vmbus_gpadl_msg_build() - write one message of a GPADL
 * @d: the GPADL: relid, handle, PFNs and the range's byte count and offset.
 * @index: 0 for the %VMBUS_MSG_GPADL_HEADER, 1 .. count - 1 for the
 *	%VMBUS_MSG_GPADL_BODY messages in order (count from
 *	vmbus_gpadl_msg_count()).
 * @buf: where to write the message; any alignment.
 * @buflen: bytes available at @buf; %VMBUS_MSG_MAX_SIZE always suffices.
 *
 * The header describes one range whose range buffer length counts every
 * PFN, also those sent in bodies, and carries the first
 * %VMBUS_MSG_GPADL_HEADER_MAX_PFNS PFNs. Body @index carries the next
 * %VMBUS_MSG_GPADL_BODY_MAX_PFNS PFNs (fewer in the last one); its message
 * number is left 0, as hosts match bodies on the handle alone. Reserved
 * fields are written as 0; bytes past the returned length are untouched.
 *
 * Context: Any context.
 * Return: the message length in bytes (what to post), or
 * -EINVAL if @d->npfn is 0;
 * -EMSGSIZE if @d->npfn exceeds %VMBUS_MSG_GPADL_MAX_PFNS or @buflen is
 * smaller than the message;
 * -ERANGE if @d->byte_offset is 4096 or more, if @d->byte_offset and
 * @d->byte_count do not span exactly @d->npfn pages, or if @index is not
 * below the message count.
 */
int vmbus_gpadl_msg_build(const struct vmbus_gpadl_desc *d, u32 index,
			  void *buf, size_t buflen)
{
	if (!d->npfn)
		return -EINVAL;
	if (d->npfn > VMBUS_MSG_GPADL_MAX_PFNS)
		return -EMSGSIZE;
	if (d->byte_offset >= TLFS_PAGE_SIZE)
		return -ERANGE;
	if (vmbus_gpadl_span(d->byte_offset, d->byte_count) != d->npfn)
		return -ERANGE;
	if (index >= vmbus_gpadl_msg_count(d->npfn))
		return -ERANGE;

	if (index == 0)
		return vmbus_gpadl_build_header(d, buf, buflen);
	return vmbus_gpadl_build_body(d, index, buf, buflen);
}

/**
 * vmbus_gpadl_asm_start() - begin assembling a GPADL from its header
 * @a: assembler state to fill; left unchanged on error.
 * @msg: the %VMBUS_MSG_GPADL_HEADER, in a private copy the caller made of
 *	the message; any alignment.
 * @len: message length in bytes.
 * @pfns: array receiving the PFNs; the assembler writes at most the
 *	declared PFN count of entries.
 * @cap: entries available at @pfns.
 *
 * Only range count 1 is supported: Linux and FreeBSD guests always describe
 * a GPADL with one range. The range buffer length then gives the PFN count,
 * (length - 8) / 8, which must match the pages spanned by the range's byte
 * offset and byte count. The PFNs in the header are stored; the rest must
 * follow in %VMBUS_MSG_GPADL_BODY messages (vmbus_gpadl_asm_add_body()).
 * A header may carry fewer PFNs than fit. The relid is recorded but not
 * checked: that is the caller's channel lookup.
 *
 * Context: Any context.
 * Return: 1 if more bodies are needed, 0 if the GPADL is complete, or
 * -EPROTO if @len is shorter than the header or its PFN area is not a
 * multiple of 8 bytes, if the range buffer length is below 16 or not
 * 8 + a multiple of 8, if the byte count and offset do not span exactly
 * the declared PFN count, or if the message carries more PFNs than
 * declared;
 * -EMSGSIZE if @len exceeds %VMBUS_MSG_MAX_SIZE or the declared PFN count
 * exceeds @cap;
 * -EBADRQC if the message type is not %VMBUS_MSG_GPADL_HEADER;
 * -EPROTONOSUPPORT if the range count is not 1;
 * -ERANGE if the byte offset is 4096 or more.
 */
int vmbus_gpadl_asm_start(struct vmbus_gpadl_asm *a, const void *msg,
			  size_t len, u64 *pfns, u32 cap)
{
	struct vmbus_msg_gpadl_header h;
	u32 buflen, npfn, n, off, count;

	if (len < GPADL_HDR_SIZE)
		return -EPROTO;
	if (len > VMBUS_MSG_MAX_SIZE)
		return -EMSGSIZE;
	if ((len - GPADL_HDR_SIZE) % GPADL_PFN_SIZE)
		return -EPROTO;
	/* <= VMBUS_MSG_GPADL_HEADER_MAX_PFNS after the checks above. */
	n = (len - GPADL_HDR_SIZE) / GPADL_PFN_SIZE;

	memcpy(&h, msg, GPADL_HDR_SIZE);
	if (le32_to_cpu(h.hdr.type) != VMBUS_MSG_GPADL_HEADER)
		return -EBADRQC;
	if (le16_to_cpu(h.range_count) != 1)
		return -EPROTONOSUPPORT;

	buflen = le16_to_cpu(h.range_buflen);
	if (buflen < GPADL_RANGE_SIZE + GPADL_PFN_SIZE ||
	    (buflen - GPADL_RANGE_SIZE) % GPADL_PFN_SIZE)
		return -EPROTO;
	npfn = (buflen - GPADL_RANGE_SIZE) / GPADL_PFN_SIZE;

	off = le32_to_cpu(h.range.byte_offset);
	count = le32_to_cpu(h.range.byte_count);
	if (off >= TLFS_PAGE_SIZE)
		return -ERANGE;
	if (vmbus_gpadl_span(off, count) != npfn)
		return -EPROTO;
	if (npfn > cap)
		return -EMSGSIZE;
	if (n > npfn)
		return -EPROTO;

	a->relid = le32_to_cpu(h.child_relid);
	a->handle = le32_to_cpu(h.gpadl);
	a->byte_count = count;
	a->byte_offset = off;
	a->npfn = npfn;
	a->pfns = pfns;
	a->cap = cap;
	vmbus_gpadl_get_pfns(pfns, (const u8 *)msg + GPADL_HDR_SIZE, n);
	a->have = n;
	return a->have < a->npfn;
}

/**
 * vmbus_gpadl_asm_add_body() - add one GPADL_BODY to a GPADL being assembled
 * @a: assembler started by vmbus_gpadl_asm_start(); left unchanged on error.
 * @msg: the %VMBUS_MSG_GPADL_BODY, in a private copy the caller made of
 *	the message; any alignment.
 * @len: message length in bytes.
 *
 * The body's PFNs continue the range after those already received. Its
 * message number is ignored (Linux leaves it 0).
 *
 * Context: Any context.
 * Return: 1 if more bodies are needed, 0 if the GPADL is now complete, or
 * -EPROTO if @len is shorter than the body header or the PFN area is empty
 * or not a multiple of 8 bytes;
 * -EMSGSIZE if @len exceeds %VMBUS_MSG_MAX_SIZE or the body carries more
 * PFNs than are still missing (also when none are: the GPADL is complete
 * or was never started);
 * -EBADRQC if the message type is not %VMBUS_MSG_GPADL_BODY;
 * -EINVAL if the handle is not the one of the header.
 */
int vmbus_gpadl_asm_add_body(struct vmbus_gpadl_asm *a, const void *msg,
			     size_t len)
{
	struct vmbus_msg_gpadl_body b;
	u32 n;

	if (len < GPADL_BODY_SIZE)
		return -EPROTO;
	if (len > VMBUS_MSG_MAX_SIZE)
		return -EMSGSIZE;
	if (len == GPADL_BODY_SIZE || (len - GPADL_BODY_SIZE) % GPADL_PFN_SIZE)
		return -EPROTO;
	/* <= VMBUS_MSG_GPADL_BODY_MAX_PFNS after the checks above. */
	n = (len - GPADL_BODY_SIZE) / GPADL_PFN_SIZE;

	memcpy(&b, msg, GPADL_BODY_SIZE);
	if (le32_to_cpu(b.hdr.type) != VMBUS_MSG_GPADL_BODY)
		return -EBADRQC;
	if (le32_to_cpu(b.gpadl) != a->handle)
		return -EINVAL;
	/* have <= npfn <= cap holds for a started assembler; check anyway. */
	if (a->have > a->npfn || a->npfn > a->cap ||
	    n > a->npfn - a->have)
		return -EMSGSIZE;

	vmbus_gpadl_get_pfns(a->pfns + a->have,
			     (const u8 *)msg + GPADL_BODY_SIZE, n);
	a->have += n;
	return a->have < a->npfn;
}
