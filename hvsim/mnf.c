// SPDX-License-Identifier: GPL-2.0
/*
 * hvsim: monitored notification (MNF), the host side of the two monitor
 * pages the guest names in INITIATE_CONTACT (protocol facts 2.3, 4.3, 5):
 *
 * - Page 1 is parent-to-child, page 2 child-to-parent. Both are guest
 *   memory; hvsim maps them as it maps GPADLs (pfn_valid() + vmap()). The
 *   shared-GPA bit of confidential VMs does not apply: hvsim's guest is not
 *   one.
 * - A device that wants MNF gets the lowest free monitor id (0..127) when
 *   it is offered. The host fills what it owns in both pages for that id:
 *   the group-enable bit of its trigger group in trigger_state, its
 *   latency and its parameter (the channel's event connection id, flag 0).
 *   The guest only ever sets pending bits in page 2.
 * - While a monitored channel is open an hrtimer fires every
 *   HVSIM_MNF_PERIOD_NS (1 ms) and atomically test-and-clears every pending
 *   bit of page 2. A bit whose id belongs to an open channel is handled
 *   exactly like HvSignalEvent on that channel's connection id; any other
 *   bit is counted as stray and dropped (OpenVMM warns and drops a write
 *   for an unknown id). The latency written to the pages is that period,
 *   in 100 ns units.
 *
 * Locking: everything but the timer runs under hvsim_mutex. The timer
 * (hard irq) reads the mapping and the id-to-connection table with
 * READ_ONCE(); the mapping goes only after hrtimer_cancel(), and the timer
 * runs only while a monitored channel is open, which needs the mapping.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <proto/tlfs.h>
#include <proto/vmbus_msg.h>
#include "hvsim.h"

/* Poll period of page 2, and the latency hvsim reports (100 ns units). */
#define HVSIM_MNF_PERIOD_NS	NSEC_PER_MSEC
#define HVSIM_MNF_LATENCY	(HVSIM_MNF_PERIOD_NS / 100)

static_assert(HVSIM_MNF_LATENCY <= U16_MAX);
static_assert(TLFS_MONITOR_IDS == VMBUS_MSG_MONITOR_ID_LIMIT);

/**
 * struct hvsim_mnf - The monitor pages and their ids.
 * @va: both pages mapped, page 1 then page 2; NULL while the guest gave
 *	none (written under the mutex, read by the timer).
 * @pages: page array of @va, for the unmap.
 * @ids: monitor ids given to offered devices.
 * @conn: event connection id per monitor id, 0 for none (written under
 *	the mutex, read by the timer).
 * @open: monitored channels open now (mutex); the timer runs while > 0.
 * @timer: polls page 2.
 * @signals: pending bits that signalled an open channel.
 * @stray: pending bits of no open monitored channel.
 */
struct hvsim_mnf {
	void *va;
	struct page **pages;
	DECLARE_BITMAP(ids, TLFS_MONITOR_IDS);
	u32 conn[TLFS_MONITOR_IDS];
	unsigned int open;
	struct hrtimer timer;
	atomic64_t signals;
	atomic64_t stray;
};

static struct hvsim_mnf hvsim_mnf;

static struct tlfs_monitor_page *hvsim_mnf_page(void *va, unsigned int n)
{
	return va + n * TLFS_PAGE_SIZE;
}

static enum hrtimer_restart hvsim_mnf_poll(struct hrtimer *timer)
{
	void *va = READ_ONCE(hvsim_mnf.va);
	struct tlfs_monitor_page *mon;
	unsigned long pending, *word;
	unsigned int g, bit;
	u32 conn;

	if (!va)
		return HRTIMER_NORESTART;
	mon = hvsim_mnf_page(va, 1);
	for (g = 0; g < TLFS_MONITOR_GROUPS; g++) {
		pending = le32_to_cpu(READ_ONCE(mon->trigger_group[g].pending));
		if (!pending)
			continue;
		/* The guest sets these bits with set_bit() on this word too. */
		word = (unsigned long *)&mon->trigger_group[g];
		for_each_set_bit(bit, &pending, TLFS_MONITOR_IDS_PER_GROUP) {
			if (!test_and_clear_bit(bit, word))
				continue;
			conn = READ_ONCE(hvsim_mnf.conn[g *
					TLFS_MONITOR_IDS_PER_GROUP + bit]);
			if (conn &&
			    hvsim_chan_signal(conn) == TLFS_STATUS_SUCCESS)
				atomic64_inc(&hvsim_mnf.signals);
			else
				atomic64_inc(&hvsim_mnf.stray);
		}
	}
	if (!READ_ONCE(hvsim_mnf.open))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(timer, ns_to_ktime(HVSIM_MNF_PERIOD_NS));
	return HRTIMER_RESTART;
}

/* trigger_state of both pages: the groups that hold a monitor id. */
static void hvsim_mnf_set_enable(void)
{
	u32 enable = 0;
	unsigned int g, p;

	for (g = 0; g < TLFS_MONITOR_GROUPS; g++)
		if (find_next_bit(hvsim_mnf.ids, (g + 1) *
				  TLFS_MONITOR_IDS_PER_GROUP,
				  g * TLFS_MONITOR_IDS_PER_GROUP) <
		    (g + 1) * TLFS_MONITOR_IDS_PER_GROUP)
			enable |= BIT(g);
	for (p = 0; p < 2; p++)
		WRITE_ONCE(hvsim_mnf_page(hvsim_mnf.va, p)->trigger_state,
			   cpu_to_le32(enable));
}

/* Write the host-owned fields of monitor id @id in both pages. */
static void hvsim_mnf_fill(u8 id, u16 latency, u32 conn)
{
	unsigned int g = id / TLFS_MONITOR_IDS_PER_GROUP;
	unsigned int b = id % TLFS_MONITOR_IDS_PER_GROUP;
	struct tlfs_monitor_page *mon;
	unsigned int p;

	for (p = 0; p < 2; p++) {
		mon = hvsim_mnf_page(hvsim_mnf.va, p);
		WRITE_ONCE(mon->latency[g][b], cpu_to_le16(latency));
		WRITE_ONCE(mon->parameter[g][b].connection_id,
			   cpu_to_le32(conn));
		WRITE_ONCE(mon->parameter[g][b].flag_number, 0);
		WRITE_ONCE(mon->parameter[g][b].reserved, 0);
	}
	hvsim_mnf_set_enable();
}

/**
 * hvsim_mnf_map() - Map the guest's monitor pages.
 * @gpa1: page 1 (parent to child), from INITIATE_CONTACT.
 * @gpa2: page 2 (child to parent).
 *
 * Context: process context, hvsim_mutex held, no monitor id in use.
 * Return: 0, or -EINVAL if a GPA is not a page-aligned page of guest
 * memory or cannot be mapped (the connection then goes on without MNF).
 */
int hvsim_mnf_map(u64 gpa1, u64 gpa2)
{
	u64 pfns[2] = { gpa1 / TLFS_PAGE_SIZE, gpa2 / TLFS_PAGE_SIZE };
	void *va;

	lockdep_assert_held(&hvsim_mutex);
	hvsim_mnf_unmap();
	if (gpa1 % TLFS_PAGE_SIZE || gpa2 % TLFS_PAGE_SIZE || pfns[0] == pfns[1])
		return -EINVAL;
	va = hvsim_map_pfns(pfns, 2, &hvsim_mnf.pages);
	if (!va)
		return -EINVAL;
	WRITE_ONCE(hvsim_mnf.va, va);
	return 0;
}

/**
 * hvsim_mnf_unmap() - Stop polling and unmap the monitor pages, if any.
 *
 * Context: process context, hvsim_mutex held, every monitor id freed.
 */
void hvsim_mnf_unmap(void)
{
	void *va = hvsim_mnf.va;

	lockdep_assert_held(&hvsim_mutex);
	hrtimer_cancel(&hvsim_mnf.timer);
	if (!va)
		return;
	WRITE_ONCE(hvsim_mnf.va, NULL);
	vunmap(va);
	kvfree(hvsim_mnf.pages);
	hvsim_mnf.pages = NULL;
}

/**
 * hvsim_mnf_alloc() - Give a device the lowest free monitor id.
 * @conn_id: the channel's event connection id, written to the parameter.
 *
 * Context: process context, hvsim_mutex held.
 * Return: the id, or %HVSIM_MONITOR_NONE when the guest gave no monitor
 * pages or every id is taken (the device is then offered without MNF).
 */
u8 hvsim_mnf_alloc(u32 conn_id)
{
	unsigned long id;

	lockdep_assert_held(&hvsim_mutex);
	if (!hvsim_mnf.va)
		return HVSIM_MONITOR_NONE;
	id = find_first_zero_bit(hvsim_mnf.ids, TLFS_MONITOR_IDS);
	if (id >= TLFS_MONITOR_IDS)
		return HVSIM_MONITOR_NONE;
	__set_bit(id, hvsim_mnf.ids);
	WRITE_ONCE(hvsim_mnf.conn[id], conn_id);
	hvsim_mnf_fill(id, HVSIM_MNF_LATENCY, conn_id);
	return id;
}

/**
 * hvsim_mnf_free() - Take a monitor id back.
 * @id: the id, or %HVSIM_MONITOR_NONE for nothing to do.
 *
 * Context: process context, hvsim_mutex held, the id's channel stopped.
 */
void hvsim_mnf_free(u8 id)
{
	lockdep_assert_held(&hvsim_mutex);
	if (id >= TLFS_MONITOR_IDS || !test_bit(id, hvsim_mnf.ids))
		return;
	__clear_bit(id, hvsim_mnf.ids);
	WRITE_ONCE(hvsim_mnf.conn[id], 0);
	if (hvsim_mnf.va)
		hvsim_mnf_fill(id, 0, 0);
}

/**
 * hvsim_mnf_chan_open() - A monitored channel opened: poll page 2.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_mnf_chan_open(void)
{
	lockdep_assert_held(&hvsim_mutex);
	WRITE_ONCE(hvsim_mnf.open, hvsim_mnf.open + 1);
	/* Restarting a running or queued timer is harmless. */
	hrtimer_start(&hvsim_mnf.timer, ns_to_ktime(HVSIM_MNF_PERIOD_NS),
		      HRTIMER_MODE_REL);
}

/**
 * hvsim_mnf_chan_close() - A monitored channel stopped.
 *
 * The timer stops by itself once no monitored channel is open.
 *
 * Context: process context, hvsim_mutex held.
 */
void hvsim_mnf_chan_close(void)
{
	lockdep_assert_held(&hvsim_mutex);
	if (!WARN_ON_ONCE(!hvsim_mnf.open))
		WRITE_ONCE(hvsim_mnf.open, hvsim_mnf.open - 1);
}

/**
 * hvsim_mnf_show_stats() - MNF counters for debugfs stats.
 * @m: the seq_file.
 *
 * Context: process context.
 */
void hvsim_mnf_show_stats(struct seq_file *m)
{
	seq_printf(m, "mnf_signals %lld\nmnf_stray %lld\n",
		   (s64)atomic64_read(&hvsim_mnf.signals),
		   (s64)atomic64_read(&hvsim_mnf.stray));
}

/**
 * hvsim_mnf_init() - Set up the poll timer.
 *
 * Context: process context, module init.
 */
void hvsim_mnf_init(void)
{
	hrtimer_init(&hvsim_mnf.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hvsim_mnf.timer.function = hvsim_mnf_poll;
}
