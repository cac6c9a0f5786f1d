/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the le/cpu conversions (x86 is little-endian). */
#ifndef _LUMEN_SHIM_ASM_BYTEORDER_H
#define _LUMEN_SHIM_ASM_BYTEORDER_H

#include <linux/types.h>

#define le16_to_cpu(x)	((u16)(x))
#define le32_to_cpu(x)	((u32)(x))
#define le64_to_cpu(x)	((u64)(x))
#define cpu_to_le16(x)	((__le16)(x))
#define cpu_to_le32(x)	((__le32)(x))
#define cpu_to_le64(x)	((__le64)(x))

#endif
