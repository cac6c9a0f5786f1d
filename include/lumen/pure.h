/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lumen: what every pure wire file (no locks, no allocation, no logging)
 * includes last. Such a file is compiled into its module, where it exports
 * its functions to the LUMEN namespace, and also #included for private
 * copies: by hvsim's wrappers, the KUnit suites (both define
 * LUMEN_PURE_NO_EXPORT first) and the userspace tests and fuzzers (no
 * __KERNEL__). Those copies export nothing.
 */
#ifndef _LUMEN_PURE_H
#define _LUMEN_PURE_H

#ifdef __KERNEL__
#include <linux/export.h>
#endif
#if !defined(__KERNEL__) || defined(LUMEN_PURE_NO_EXPORT)
#undef EXPORT_SYMBOL_NS_GPL
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	static_assert(1, #sym #ns)
#endif

#endif /* _LUMEN_PURE_H */
