#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the directory of the extracted Debian linux-source-6.12 tree
# (build/src/linux-source-6.12-VERSION), extracting it on first use. The
# test kernel, checkpatch.pl and kernel-doc all come from it.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz
[ -f "$tarball" ] || { echo "ksrc: $tarball missing (scripts/deps.sh)" >&2; exit 1; }
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
src=$top/build/src/linux-source-6.12-$ver
if [ ! -f "$src/.extracted" ]; then
	echo "ksrc: extracting $tarball" >&2
	rm -rf "$src"
	mkdir -p "$src"
	tar -xf "$tarball" -C "$src" --strip-components=1
	touch "$src/.extracted"
fi
echo "$src"
