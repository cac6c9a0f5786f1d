/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/stddef.h>. */
#ifndef _LUMEN_SHIM_LINUX_STDDEF_H
#define _LUMEN_SHIM_LINUX_STDDEF_H

#include <stddef.h>

/* The size of a struct member, as the kernel's. */
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))

#endif
