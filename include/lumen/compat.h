/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API differences between the kernels Lumen builds against (Debian
 * 6.1 and 6.12). The only place with version checks.
 */
#ifndef _LUMEN_COMPAT_H
#define _LUMEN_COMPAT_H

#include <linux/fs.h>
#include <linux/version.h>

/* struct bus_type::match takes a const driver from 6.11. */
#if KERNEL_VERSION(6, 11, 0) <= LINUX_VERSION_CODE
#define LUMEN_BUS_MATCH_CONST const
#else
#define LUMEN_BUS_MATCH_CONST
#endif

/* struct bus_type::uevent takes a const device from 6.3. */
#if KERNEL_VERSION(6, 3, 0) <= LINUX_VERSION_CODE
#define LUMEN_BUS_UEVENT_CONST const
#else
#define LUMEN_BUS_UEVENT_CONST
#endif

/*
 * bus_register() takes a const bus_type from 6.4; before, it writes to it,
 * so the bus can only be const from 6.4. lumen_bus_type names the same
 * struct for the one declaration that must stay writable on 6.1.
 */
#if KERNEL_VERSION(6, 4, 0) <= LINUX_VERSION_CODE
#define LUMEN_BUS_CONST const
#else
#define LUMEN_BUS_CONST
#endif
#define lumen_bus_type bus_type

/**
 * lumen_thaw_user_super() - thaw a file system as FITHAW does
 * @sb: the file system, frozen from user space (FIFREEZE).
 *
 * Freeze holders exist from 6.6; before that there is one kind of freeze.
 *
 * Context: process context, may sleep.
 * Return: 0, or -EINVAL when @sb is not frozen (by user space).
 */
static inline int lumen_thaw_user_super(struct super_block *sb)
{
#if KERNEL_VERSION(6, 6, 0) <= LINUX_VERSION_CODE
	if (sb->s_op->thaw_super)
		return sb->s_op->thaw_super(sb, FREEZE_HOLDER_USERSPACE);
	return thaw_super(sb, FREEZE_HOLDER_USERSPACE);
#else
	if (sb->s_op->thaw_super)
		return sb->s_op->thaw_super(sb);
	return thaw_super(sb);
#endif
}

#endif
