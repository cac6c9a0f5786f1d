/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/errno.h>. glibc's <errno.h> itself includes
 * <linux/errno.h> (this file), so take the values from the system's
 * <asm/errno.h> rather than from <errno.h>.
 */
#ifndef _LUMEN_SHIM_LINUX_ERRNO_H
#define _LUMEN_SHIM_LINUX_ERRNO_H

#include <asm/errno.h>

#endif
