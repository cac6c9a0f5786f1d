/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for cmpxchg() from <linux/atomic.h>: a sequentially
 * consistent compare-and-exchange that returns the value found.
 */
#ifndef _LUMEN_SHIM_LINUX_ATOMIC_H
#define _LUMEN_SHIM_LINUX_ATOMIC_H

#define cmpxchg(ptr, old, new)						\
	({								\
		__typeof__(*(ptr)) __cx_old = (old);			\
		__atomic_compare_exchange_n((ptr), &__cx_old, (new), 0,	\
					    __ATOMIC_SEQ_CST,		\
					    __ATOMIC_SEQ_CST);		\
		__cx_old;						\
	})

#endif
