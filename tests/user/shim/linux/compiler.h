/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for READ_ONCE()/WRITE_ONCE() from <linux/compiler.h>:
 * one volatile access of the whole (naturally aligned, word-sized) object.
 */
#ifndef _LUMEN_SHIM_LINUX_COMPILER_H
#define _LUMEN_SHIM_LINUX_COMPILER_H

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)						\
	do {								\
		*(volatile __typeof__(x) *)&(x) = (val);		\
	} while (0)

#endif
