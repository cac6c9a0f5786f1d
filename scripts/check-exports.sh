#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every symbol a Lumen module exports is in the LUMEN namespace, and none
# reuses a name the kernel (including the in-box hv_vmbus) already exports.
#
#   scripts/check-exports.sh KERNEL_OBJ_DIR LUMEN_BUILD_DIR
set -euo pipefail

ksyms=$1/Module.symvers
ours=$2/Module.symvers
[ -f "$ksyms" ] || { echo "check-exports: $ksyms missing"; exit 1; }
[ -f "$ours" ] || { echo "check-exports: $ours missing"; exit 1; }

bad=0
n=0
# Module.symvers: CRC <tab> symbol <tab> module <tab> export type <tab> ns
while IFS=$'\t' read -r _ sym mod _ ns; do
	n=$((n + 1))
	if [ "$ns" != LUMEN ]; then
		echo "check-exports: $sym ($mod) is not in the LUMEN namespace"
		bad=1
	fi
	if awk -F'\t' -v s="$sym" '$2 == s { f = 1 } END { exit !f }' "$ksyms"; then
		echo "check-exports: $sym ($mod) reuses a kernel export name"
		bad=1
	fi
done < "$ours"
echo "check-exports: $n Lumen exports checked"
exit $bad
