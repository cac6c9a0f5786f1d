/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/stddef.h>. */
#ifndef _LUMEN_SHIM_LINUX_STDDEF_H
#define _LUMEN_SHIM_LINUX_STDDEF_H

#include <stddef.h>

#endif
