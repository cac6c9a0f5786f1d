/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/export.h>: exports vanish. The expansion is
 * a declaration so that the ';' after EXPORT_SYMBOL_*() stays valid C.
 */
#ifndef _LUMEN_SHIM_LINUX_EXPORT_H
#define _LUMEN_SHIM_LINUX_EXPORT_H

#define EXPORT_SYMBOL_NS_GPL(sym, ns)	_Static_assert(1, #sym)

#endif
