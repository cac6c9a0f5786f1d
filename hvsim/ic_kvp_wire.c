// SPDX-License-Identifier: GPL-2.0
/* hvsim's private copy of the pure KVP/VSS body code (hv_utils/kvp_msg.c). */
#define LUMEN_PURE_NO_EXPORT
#include "../hv_utils/kvp_msg.c"
