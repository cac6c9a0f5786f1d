#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian 12 packages Lumen needs, as root. Idempotent: when
# everything is present it does nothing (not even apt-get update).
#
#   scripts/deps.sh          everything make check and make demo need
set -euo pipefail

pkgs=(
	make gcc libc6-dev bc bison flex libelf-dev libssl-dev cpio kmod
	xz-utils rsync dwarves python3 perl sparse git
	qemu-system-x86 busybox-static
	clang llvm lld libclang-rt-14-dev
	fio iperf3 e2fsprogs linuxptp linux-perf
	linux-source-6.12 linux-headers-amd64
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
# The newest Debian 6.12 headers (linux-headers-6.12.N+deb12-amd64).
ls -d /usr/src/linux-headers-6.12.*+deb12-amd64 >/dev/null 2>&1 || missing+=(h612)

[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" -eq 0 ] || {
	echo "deps: missing ${missing[*]}; run as root (apt-get install)" >&2
	exit 1
}
export DEBIAN_FRONTEND=noninteractive
echo "deps: installing ${missing[*]}" >&2
apt-get update -qq
h612=$(apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-amd64$' |
	awk '{print $1}' | sort -V | tail -n 1)
[ -n "$h612" ] || { echo "deps: no linux-headers-6.12.*+deb12-amd64 in apt" >&2; exit 1; }
list=()
for p in "${missing[@]}"; do
	[ "$p" = h612 ] && p=$h612
	list+=("$p")
done
apt-get install -y -qq --no-install-recommends "${list[@]}" >/dev/null
