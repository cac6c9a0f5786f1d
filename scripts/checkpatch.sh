#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the kernel's checkpatch.pl (from Debian's linux-source-6.12) over every
# C source and header of the project, with the options in .checkpatch.conf.
# Fails on any error, warning or check.
#
# Not checked: tests/user/shim/ stands in for kernel headers in userspace
# (typedefs of the kernel's own types), so kernel style does not apply.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
src=$("$top/scripts/ksrc.sh")
cd "$top"
mapfile -t files < <(git ls-files --cached --others --exclude-standard \
	'*.c' '*.h' | grep -v '^tests/user/shim/' | sort)
bad=0
for f in "${files[@]}"; do
	out=$("$src/scripts/checkpatch.pl" -f "$f" 2>&1) || true
	if ! echo "$out" | grep -q 'total: 0 errors, 0 warnings, 0 checks'; then
		echo "$out" | grep -E '^(ERROR|WARNING|CHECK):|^#' | head -n 20
		echo "checkpatch: $f is not clean"
		bad=1
	fi
done
echo "checkpatch: ${#files[@]} files checked"
exit $bad
