// SPDX-License-Identifier: GPL-2.0
/* hvsim's private copy of the pure IC message code (hv_utils/ic_msg.c). */
#define LUMEN_PURE_NO_EXPORT
#include "../hv_utils/ic_msg.c"
