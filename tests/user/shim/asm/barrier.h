/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <asm/barrier.h>: the SMP and virt_ barriers and
 * acquire/release accessors, as C11 fences and atomics (which the thread
 * sanitizer understands). The other side of a ring may be another thread.
 */
#ifndef _LUMEN_SHIM_ASM_BARRIER_H
#define _LUMEN_SHIM_ASM_BARRIER_H

#define barrier()		__asm__ __volatile__("" : : : "memory")

#define smp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n(p, __ATOMIC_ACQUIRE)
#define smp_store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)

#define virt_mb()		smp_mb()
#define virt_rmb()		smp_rmb()
#define virt_wmb()		smp_wmb()
#define virt_load_acquire(p)	smp_load_acquire(p)
#define virt_store_release(p, v) smp_store_release(p, v)

#endif
