// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: GPADLs, the host side. The rules follow OpenVMM's vmbus_server
 * (the protocol facts say what the messages are, not what a host refuses):
 *
 * - GPADL_HEADER names a channel by relid; the handle must not name
 *   another GPADL of that channel, nor a GPADL of any channel that is
 *   still being assembled (bodies carry the handle alone). An unknown
 *   relid, a duplicate handle or a malformed range is answered with
 *   GPADL_CREATED and status 0x8000FFFF.
 * - GPADL_BODY continues the GPADL being assembled under its handle; for
 *   an unknown handle nothing can be answered (no relid), so it is
 *   dropped. A malformed body fails the GPADL (GPADL_CREATED, failure).
 * - Complete: every PFN must be guest memory. The guest is this kernel, so
 *   a PFN is checked with pfn_valid() and mapped with pfn_to_page() and
 *   vmap(). Then GPADL_CREATED, status 0, or the failure status.
 * - A GPADL created for a rescinded channel is accepted without looking at
 *   it (OpenVMM: nobody will use it).
 * - GPADL_TEARDOWN of a complete GPADL: unmapped and answered with
 *   GPADL_TORNDOWN, unless it holds the rings of the open channel; then
 *   the answer waits until the channel is closed. A teardown of an unknown
 *   or unfinished GPADL is not answered (OpenVMM ignores it); an unfinished
 *   one is dropped, as a guest whose body post failed asks for.
 * - RELID_RELEASED and UNLOAD drop the channel's GPADLs without messages.
 *
 * All under hvsim_mutex.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <lumen/gpadl_msg.h>
#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>
#include "hvsim.h"

/* hvsim maps guest frames as kernel pages: both must be 4 KiB. */
static_assert(PAGE_SIZE == TLFS_PAGE_SIZE);

/**
 * enum hvsim_gpadl_state - Life of a GPADL on the host.
 * @HVSIM_GPADL_ASSEMBLING: header seen, bodies missing.
 * @HVSIM_GPADL_READY: complete and accepted (GPADL_CREATED status 0).
 * @HVSIM_GPADL_TEARING: teardown asked while it holds open rings;
 *	GPADL_TORNDOWN goes out when the channel closes.
 */
enum hvsim_gpadl_state {
	HVSIM_GPADL_ASSEMBLING,
	HVSIM_GPADL_READY,
	HVSIM_GPADL_TEARING,
};

/**
 * struct hvsim_gpadl - A GPADL the guest created (or is creating).
 * @node: entry in hvsim_gpadls.
 * @dev: the channel it belongs to.
 * @handle: the guest's handle.
 * @state: HVSIM_GPADL_*.
 * @as: the assembler, with the range description.
 * @pfns: the PFNs, @as.npfn of them.
 * @pages: the pages behind @pfns; NULL if not mapped (rescinded channel).
 * @va: vmap() of @pages.
 * @in_use: the rings of the open channel live in it.
 *
 * Everything under hvsim_mutex.
 */
struct hvsim_gpadl {
	struct list_head node;
	struct hvsim_dev *dev;
	u32 handle;
	enum hvsim_gpadl_state state;
	struct vmbus_gpadl_asm as;
	u64 *pfns;
	struct page **pages;
	void *va;
	bool in_use;
};

static LIST_HEAD(hvsim_gpadls);

/* Unfinished GPADLs the guest tore down (hvsim_gpadl_teardown()). */
static u64 hvsim_gpadls_abandoned;

/**
 * hvsim_map_pfns() - Map guest page frames into the host.
 * @pfns: the guest's 4 KiB page frame numbers.
 * @npfn: how many, at least 1.
 * @pagesp: receives the page array (kvfree() it after vunmap()).
 *
 * Every PFN must be memory of this kernel (pfn_valid()); the guest is the
 * same kernel, so its frames are kernel pages.
 *
 * Context: process context, may sleep.
 * Return: the mapping, or NULL if a PFN is not memory or memory ran out.
 */
void *hvsim_map_pfns(const u64 *pfns, u32 npfn, struct page ***pagesp)
{
	struct page **pages;
	void *va;
	u32 i;

	pages = kvmalloc_array(npfn, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	for (i = 0; i < npfn; i++) {
		if (!pfn_valid(pfns[i]))
			goto fail;
		pages[i] = pfn_to_page(pfns[i]);
	}
	va = vmap(pages, npfn, VM_MAP, PAGE_KERNEL);
	if (!va)
		goto fail;
	*pagesp = pages;
	return va;

fail:
	kvfree(pages);
	return NULL;
}

static void hvsim_gpadl_free(struct hvsim_gpadl *g)
{
	list_del(&g->node);
	if (g->va)
		vunmap(g->va);
	kvfree(g->pages);
	kvfree(g->pfns);
	kfree(g);
}

/* The GPADL @handle of @dev, in any state. */
static struct hvsim_gpadl *hvsim_gpadl_find(const struct hvsim_dev *dev,
					    u32 handle)
{
	struct hvsim_gpadl *g;

	list_for_each_entry(g, &hvsim_gpadls, node)
		if (g->dev == dev && g->handle == handle)
			return g;
	return NULL;
}

/* The GPADL being assembled under @handle, on any channel. */
static struct hvsim_gpadl *hvsim_gpadl_find_assembling(u32 handle)
{
	struct hvsim_gpadl *g;

	list_for_each_entry(g, &hvsim_gpadls, node)
		if (g->state == HVSIM_GPADL_ASSEMBLING && g->handle == handle)
			return g;
	return NULL;
}

static void hvsim_gpadl_created(u32 relid, u32 handle, u32 status)
{
	struct vmbus_msg_gpadl_created msg = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_GPADL_CREATED),
		.child_relid = cpu_to_le32(relid),
		.gpadl = cpu_to_le32(handle),
		.status = cpu_to_le32(status),
	};

	hvsim_send(&msg, sizeof(msg));
}

static void hvsim_gpadl_torndown(u32 handle)
{
	struct vmbus_msg_gpadl_torndown msg = {
		.hdr.type = cpu_to_le32(VMBUS_MSG_GPADL_TORNDOWN),
		.gpadl = cpu_to_le32(handle),
	};

	hvsim_send(&msg, sizeof(msg));
}

/* All PFNs are in: map them (unless the channel is gone) and answer. */
static void hvsim_gpadl_complete(struct hvsim_gpadl *g)
{
	u32 relid = g->dev->relid, handle = g->handle;

	if (g->dev->state != HVSIM_DEV_RESCINDED) {
		g->va = hvsim_map_pfns(g->pfns, g->as.npfn, &g->pages);
		if (!g->va) {
			pr_warn_ratelimited("GPADL %#x: PFN not guest memory\n",
					    handle);
			hvsim_gpadl_free(g);
			hvsim_gpadl_created(relid, handle,
					    VMBUS_MSG_STATUS_UNSUCCESSFUL);
			return;
		}
	}
	g->state = HVSIM_GPADL_READY;
	hvsim_gpadl_created(relid, handle, VMBUS_MSG_STATUS_SUCCESS);
}

/**
 * hvsim_gpadl_header() - GPADL_HEADER from the guest.
 * @dev: the channel @relid names, or NULL if none.
 * @relid: the message's relid.
 * @msg: the message (parsed private copy).
 * @len: its length.
 *
 * Starts a GPADL; completes it at once if the header carries every PFN.
 * Every failure is answered with GPADL_CREATED, status 0x8000FFFF.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_gpadl_header(struct hvsim_dev *dev, u32 relid, const void *msg,
			u32 len)
{
	const struct vmbus_msg_gpadl_header *h = msg;
	u32 handle = le32_to_cpu(h->gpadl);
	u32 buflen = le16_to_cpu(h->range_buflen);
	struct hvsim_gpadl *g = NULL;
	u32 cap;
	int ret;

	lockdep_assert_held(&hvsim_mutex);
	if (!dev) {
		pr_warn_ratelimited("GPADL %#x for unknown relid %u\n", handle,
				    relid);
		goto fail;
	}
	if (hvsim_gpadl_find(dev, handle) ||
	    hvsim_gpadl_find_assembling(handle)) {
		pr_warn_ratelimited("duplicate GPADL handle %#x\n", handle);
		goto fail;
	}
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		goto fail;
	/* The assembler checks the range buffer length; size the array. */
	cap = buflen > sizeof(struct vmbus_msg_gpa_range) ?
	      (buflen - (u32)sizeof(struct vmbus_msg_gpa_range)) / 8 : 1;
	g->pfns = kvcalloc(cap, sizeof(*g->pfns), GFP_KERNEL);
	if (!g->pfns)
		goto fail;
	ret = vmbus_gpadl_asm_start(&g->as, msg, len, g->pfns, cap);
	if (ret < 0) {
		pr_warn_ratelimited("GPADL %#x: bad header (%d)\n", handle,
				    ret);
		goto fail;
	}
	g->dev = dev;
	g->handle = handle;
	g->state = HVSIM_GPADL_ASSEMBLING;
	list_add_tail(&g->node, &hvsim_gpadls);
	if (!ret)
		hvsim_gpadl_complete(g);
	return;

fail:
	if (g)
		kvfree(g->pfns);
	kfree(g);
	hvsim_gpadl_created(relid, handle, VMBUS_MSG_STATUS_UNSUCCESSFUL);
}

/**
 * hvsim_gpadl_body() - GPADL_BODY from the guest.
 * @msg: the message (parsed private copy).
 * @len: its length.
 *
 * Adds the PFNs to the GPADL being assembled under the body's handle;
 * completes it after the last one. A malformed body fails the GPADL with
 * GPADL_CREATED, status 0x8000FFFF.
 *
 * Context: process context, hvsim_mutex held.
 * Return: 0, or -ENOENT if no GPADL is being assembled under that handle
 * (dropped: there is no relid to answer to).
 */
int hvsim_gpadl_body(const void *msg, u32 len)
{
	const struct vmbus_msg_gpadl_body *b = msg;
	u32 handle = le32_to_cpu(b->gpadl);
	struct hvsim_gpadl *g;
	u32 relid;
	int ret;

	lockdep_assert_held(&hvsim_mutex);
	g = hvsim_gpadl_find_assembling(handle);
	if (!g)
		return -ENOENT;
	ret = vmbus_gpadl_asm_add_body(&g->as, msg, len);
	if (ret < 0) {
		pr_warn_ratelimited("GPADL %#x: bad body (%d)\n", handle, ret);
		relid = g->dev->relid;
		hvsim_gpadl_free(g);
		hvsim_gpadl_created(relid, handle,
				    VMBUS_MSG_STATUS_UNSUCCESSFUL);
		return 0;
	}
	if (!ret)
		hvsim_gpadl_complete(g);
	return 0;
}

/**
 * hvsim_gpadl_teardown() - GPADL_TEARDOWN from the guest.
 * @dev: the channel the message names.
 * @handle: the GPADL.
 *
 * Answers GPADL_TORNDOWN once the GPADL is unmapped: now, or when the
 * channel whose rings it holds is closed.
 *
 * Context: process context, hvsim_mutex held.
 * Return: 0 (an unfinished GPADL is dropped unanswered), -ENOENT if @dev
 * has no GPADL @handle, -EBUSY if it is already being torn down.
 */
int hvsim_gpadl_teardown(struct hvsim_dev *dev, u32 handle)
{
	struct hvsim_gpadl *g;

	lockdep_assert_held(&hvsim_mutex);
	g = hvsim_gpadl_find(dev, handle);
	if (!g)
		return -ENOENT;
	if (g->state == HVSIM_GPADL_ASSEMBLING) {
		/* Never created, never mapped: gone, and nothing to answer. */
		hvsim_gpadl_free(g);
		hvsim_gpadls_abandoned++;
		return 0;
	}
	if (g->state != HVSIM_GPADL_READY)
		return -EBUSY;
	if (g->in_use) {
		g->state = HVSIM_GPADL_TEARING;
		return 0;
	}
	hvsim_gpadl_free(g);
	hvsim_gpadl_torndown(handle);
	return 0;
}

/**
 * hvsim_gpadl_ring_pages() - Take a GPADL for a channel's rings.
 * @dev: the channel being opened.
 * @handle: the ring GPADL named by OPENCHANNEL.
 * @pagesp: receives the GPADL's pages (owned by the GPADL).
 * @npages: receives their number.
 *
 * The GPADL must be complete, mapped, not being torn down, and one range
 * of whole pages starting at offset 0 (OpenVMM's rule for ring GPADLs). It
 * is marked in use until hvsim_gpadl_ring_put().
 *
 * Context: process context, hvsim_mutex held.
 * Return: 0, -ENOENT for no usable GPADL @handle on @dev, -EINVAL for one
 * that is not page aligned.
 */
int hvsim_gpadl_ring_pages(struct hvsim_dev *dev, u32 handle,
			   struct page ***pagesp, u32 *npages)
{
	struct hvsim_gpadl *g;

	lockdep_assert_held(&hvsim_mutex);
	g = hvsim_gpadl_find(dev, handle);
	if (!g || g->state != HVSIM_GPADL_READY || !g->pages || g->in_use)
		return -ENOENT;
	if (g->as.byte_offset || g->as.byte_count % TLFS_PAGE_SIZE)
		return -EINVAL;
	g->in_use = true;
	*pagesp = g->pages;
	*npages = g->as.npfn;
	return 0;
}

/**
 * hvsim_gpadl_ring_put() - The channel no longer uses its ring GPADL.
 * @dev: the channel, now stopped.
 * @handle: its ring GPADL.
 * @notify: send the deferred GPADL_TORNDOWN (false when the guest released
 *	the channel or disconnected: it expects no more messages for it).
 *
 * Completes a teardown that waited for the close.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_gpadl_ring_put(struct hvsim_dev *dev, u32 handle, bool notify)
{
	struct hvsim_gpadl *g;

	lockdep_assert_held(&hvsim_mutex);
	g = hvsim_gpadl_find(dev, handle);
	if (!g)
		return;
	g->in_use = false;
	if (g->state != HVSIM_GPADL_TEARING)
		return;
	hvsim_gpadl_free(g);
	if (notify)
		hvsim_gpadl_torndown(handle);
}

/**
 * hvsim_gpadl_drop_dev() - Forget every GPADL of a channel, silently.
 * @dev: the channel; its rings are already unmapped.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_gpadl_drop_dev(struct hvsim_dev *dev)
{
	struct hvsim_gpadl *g, *tmp;

	lockdep_assert_held(&hvsim_mutex);
	list_for_each_entry_safe(g, tmp, &hvsim_gpadls, node)
		if (g->dev == dev)
			hvsim_gpadl_free(g);
}

/**
 * hvsim_gpadl_drop_all() - Forget every GPADL, silently.
 *
 * Context: process context, hvsim_mutex held, every channel stopped.
 */
void hvsim_gpadl_drop_all(void)
{
	struct hvsim_gpadl *g, *tmp;

	lockdep_assert_held(&hvsim_mutex);
	list_for_each_entry_safe(g, tmp, &hvsim_gpadls, node)
		hvsim_gpadl_free(g);
}

/**
 * hvsim_gpadl_show_stats() - GPADL lines of debugfs "stats".
 * @m: the seq_file.
 *
 * gpadls (every GPADL known), gpadls_assembling (header seen, bodies
 * missing) and gpadls_abandoned (unfinished ones the guest tore down).
 *
 * Context: process context; takes hvsim_mutex.
 */
void hvsim_gpadl_show_stats(struct seq_file *m)
{
	struct hvsim_gpadl *g;
	u32 all = 0, assembling = 0;

	mutex_lock(&hvsim_mutex);
	list_for_each_entry(g, &hvsim_gpadls, node) {
		all++;
		assembling += g->state == HVSIM_GPADL_ASSEMBLING;
	}
	seq_printf(m, "gpadls %u\ngpadls_assembling %u\ngpadls_abandoned %llu\n",
		   all, assembling, hvsim_gpadls_abandoned);
	mutex_unlock(&hvsim_mutex);
}
