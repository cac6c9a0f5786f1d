#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build every Lumen module against one kernel tree, in a private copy of the
# sources so builds against different kernels never share object files.
#
#   scripts/build-modules.sh KDIR OUTDIR [make arguments, e.g. W=1 C=2]
#
# The log is OUTDIR.log. Any compiler, sparse or modpost warning fails the
# build: warnings count as failures.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kdir=$1
out=$2
shift 2

mkdir -p "$out"
out=$(cd "$out" && pwd)
rsync -a --delete --delete-excluded \
	--include='/Kbuild' --include='/include/***' \
	--include='/vmbus/***' --include='/hv_netvsc/***' \
	--include='/hv_storvsc/***' --include='/hv_utils/***' \
	--include='/hvsim/***' --include='/bench/***' --include='/lib/***' \
	--include='/tests/' --include='/tests/kunit/***' \
	--exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' --exclude='*' \
	"$top/" "$out/"

log=$out.log
if ! make -C "$kdir" M="$out" -j"$(nproc)" "$@" modules >"$log" 2>&1; then
	grep -Ei '(warning|error)[: ]' "$log" >&2 || tail -n 30 "$log" >&2
	echo "build-modules: build against $kdir failed (log: $log)" >&2
	exit 1
fi
if grep -Ei '(warning|error)[: ]' "$log" >&2; then
	echo "build-modules: warnings against $kdir (log: $log)" >&2
	exit 1
fi
find "$out" -name '*.ko' | sort
