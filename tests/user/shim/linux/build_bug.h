/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/build_bug.h>. The kernel's static_assert()
 * takes an optional message; glibc's takes one argument only in C2x, so
 * replace it with a form that accepts both, as the kernel's does.
 */
#ifndef _LUMEN_SHIM_LINUX_BUILD_BUG_H
#define _LUMEN_SHIM_LINUX_BUILD_BUG_H

#include <assert.h>

#undef static_assert
#define static_assert(expr, ...) shim_static_assert(expr, ##__VA_ARGS__, #expr)
#define shim_static_assert(expr, msg, ...) _Static_assert(expr, msg)

#endif
