/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What hv_vmbus offers the other Lumen modules (LUMEN symbol namespace).
 */
#ifndef _LUMEN_VMBUS_H
#define _LUMEN_VMBUS_H

#include <linux/types.h>

int vmbus_version_parse(const char *s, u32 *version);

#endif
