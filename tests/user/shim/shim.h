/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included when the wire headers and pure parsers are compiled in
 * userspace (tests/user, tests/fuzz). It stands in for the attributes that
 * Kbuild's compiler_types.h provides to every kernel translation unit.
 */
#ifndef _LUMEN_SHIM_H
#define _LUMEN_SHIM_H

#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __bitwise
#define __force
#define __always_inline	inline __attribute__((__always_inline__))
#define noinline	__attribute__((__noinline__))
#define __no_sanitize_coverage	__attribute__((__no_sanitize__("coverage")))
#define __must_check	__attribute__((__warn_unused_result__))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#endif
