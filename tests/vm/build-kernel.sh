#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the Lumen test kernel from Debian's linux-source-6.12.
#
#   tests/vm/build-kernel.sh debug|plain
#
# The kernel is allnoconfig plus the committed fragments in tests/vm/config/
# (debug = base + debug, plain = base). It is cached in build/kernel/ under
# the hash of its fragments and of the source package version, so a second
# run with unchanged inputs does nothing. Prints the kernel directory.
set -euo pipefail

flavor=${1:-debug}
top=$(cd "$(dirname "$0")/../.." && pwd)
cfgdir=$top/tests/vm/config
tarball=/usr/src/linux-source-6.12.tar.xz

case $flavor in
debug) frags="$cfgdir/base.config $cfgdir/debug.config" ;;
plain) frags="$cfgdir/base.config" ;;
*) echo "build-kernel: unknown flavor '$flavor' (debug|plain)" >&2; exit 2 ;;
esac

[ -f "$tarball" ] || { echo "build-kernel: $tarball missing (apt-get install linux-source-6.12)" >&2; exit 1; }
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
# shellcheck disable=SC2086
key=$( (echo "$srcver"; cat $frags) | sha256sum | cut -c1-16)
kdir=$top/build/kernel/$flavor-$key
obj=$kdir/obj

if [ -f "$kdir/.done" ]; then
	echo "$kdir"
	exit 0
fi

src=$("$top/scripts/ksrc.sh")

rm -rf "$kdir"
mkdir -p "$obj"
# shellcheck disable=SC2086
cat $frags > "$kdir/fragments.config"
start=$(date +%s)
make -C "$src" O="$obj" ARCH=x86_64 KCONFIG_ALLCONFIG="$kdir/fragments.config" \
	allnoconfig >"$kdir/config.log" 2>&1

# Every fragment line must have survived dependency resolution.
missing=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) grep -qx -- "$line" "$obj/.config" || {
		echo "build-kernel: fragment line '$line' not in the final .config" >&2
		missing=1
	} ;;
	esac
done < "$kdir/fragments.config"
[ $missing -eq 0 ] || exit 1

echo "build-kernel: building $flavor kernel in $obj (log: $kdir/build.log)" >&2
if ! make -C "$obj" ARCH=x86_64 -j"$(nproc)" bzImage modules modules_prepare \
	>"$kdir/build.log" 2>&1; then
	tail -n 40 "$kdir/build.log" >&2
	exit 1
fi
cp "$obj/arch/x86/boot/bzImage" "$kdir/bzImage"
echo $(( $(date +%s) - start )) > "$kdir/build-seconds"
touch "$kdir/.done"
ln -sfn "$flavor-$key" "$top/build/kernel/$flavor"
echo "build-kernel: $flavor kernel built in $(cat "$kdir/build-seconds") s" >&2
echo "$kdir"
