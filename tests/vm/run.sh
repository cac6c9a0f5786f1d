#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the Lumen test VM under QEMU (TCG) and run scenarios in it.
#
#   tests/vm/run.sh [--kernel debug|plain] [--timeout SEC] [--mem MIB]
#                   SCENARIO...
#
# A scenario is tests/vm/scenarios/NAME.sh; several run in one boot, in the
# order given. The initramfs holds busybox-static, our modules built against
# the test kernel (W=1, sparse), every KUnit module, the scenarios and any
# tools they name in a "# vm-tools: fio mkfs.ext4" line (copied with their
# shared libraries). Results come back over a second serial port; the
# kernel log goes to the first. tests/vm/collect.py judges the run and
# prints "N passed, N failed". Exit status 0 only when everything passed.
#
# Scenario header lines read by this script:
#   # vm-tools: NAME...     Debian binaries to copy in
#   # vm-timeout: SEC       this scenario's share of the hard timeout
#                           (default --timeout; the boot gets the sum)
#   # vm-mem: MIB           raise the guest memory
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
flavor=debug
timeout=120
mem=1024
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) flavor=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "usage: run.sh [--kernel debug|plain] SCENARIO..." >&2; exit 2; }

# One VM run at a time on this machine: runs share build/vm and the CPUs.
mkdir -p "$top/build"
exec 9>"$top/build/vm.lock"
flock 9

kdir=$("$top/tests/vm/build-kernel.sh" "$flavor")
kname=$(basename "$kdir")
modout=$top/build/mod/vm-$kname
echo "run.sh: building modules against the $flavor test kernel" >&2
"$top/scripts/build-modules.sh" "$kdir/obj" "$modout" W=1 C=2 >/dev/null

run=$top/build/vm/run-$flavor
rm -rf "$run"
mkdir -p "$run/root"/{bin,sbin,proc,sys,dev,tmp,etc,lib/lumen/kunit,scenarios,usr/bin}
root=$run/root

cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$top/tests/vm/init.sh" "$root/init"
cp "$top/tests/vm/vm-lib.sh" "$root/lib/lumen/vm-lib.sh"
find "$modout" -name '*.ko' ! -path '*/tests/kunit/*' -exec cp {} "$root/lib/lumen/" \;
kunit_mods=""
for ko in $(find "$modout/tests/kunit" -name '*.ko' | sort); do
	cp "$ko" "$root/lib/lumen/kunit/"
	kunit_mods="$kunit_mods,$(basename "$ko" .ko)"
done

# Lumen's own daemons (tools/Makefile): static, copied as they are.
make -s -C "$top/tools" >/dev/null
cp "$top"/build/tools/* "$root/usr/bin/"

# copy_tool NAME: a dynamically linked Debian binary and its libraries.
copy_tool() {
	local bin lib
	bin=$(command -v "$1" || true)
	[ -n "$bin" ] || { echo "run.sh: tool $1 not installed (scripts/deps.sh)" >&2; exit 1; }
	cp "$bin" "$root/usr/bin/"
	for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# The hard timeout is the sum of the scenarios' own (default $timeout each).
total=0
for s in "$@"; do
	f=$top/tests/vm/scenarios/$s.sh
	[ -f "$f" ] || { echo "run.sh: no scenario $f" >&2; exit 2; }
	cp "$f" "$root/scenarios/"
	echo "$s" >> "$root/scenarios/order"
	for t in $(sed -n 's/^# vm-tools://p' "$f"); do
		copy_tool "$t"
	done
	t=$(sed -n 's/^# vm-timeout: *//p' "$f")
	total=$((total + ${t:-$timeout}))
	m=$(sed -n 's/^# vm-mem: *//p' "$f")
	[ -z "$m" ] || [ "$m" -le "$mem" ] || mem=$m
done

timeout=$total
(cd "$root" && find . | cpio -o -H newc --quiet) > "$run/initramfs.cpio"

echo "run.sh: booting ($flavor kernel, scenarios: $*, timeout ${timeout}s)" >&2
start=$(date +%s.%N)
set +e
timeout -k 5 "$timeout" qemu-system-x86_64 \
	-accel tcg -smp 2 -m "$mem" -cpu max \
	-display none -monitor none -nodefaults -no-reboot \
	-nic none \
	-kernel "$kdir/bzImage" -initrd "$run/initramfs.cpio" \
	-append "console=ttyS0 panic=-1 oops=panic loglevel=6 printk.devkmsg=on" \
	-serial "file:$run/console.log" -serial "file:$run/results.log" \
	</dev/null >"$run/qemu.log" 2>&1
qrc=$?
set -e
end=$(date +%s.%N)
printf 'run.sh: VM ran %.1f s (qemu exit %d); logs in %s\n' \
	"$(echo "$end - $start" | bc)" "$qrc" "$run" >&2
[ $qrc -ne 124 ] || echo "run.sh: hard timeout after ${timeout}s" >&2

# Every KUnit module must report when the kunit scenario ran.
expect=""
case " $* " in *" kunit "*) expect=${kunit_mods#,} ;; esac
python3 "$top/tests/vm/collect.py" --results "$run/results.log" \
	--console "$run/console.log" --expect-kunit "$expect" \
	--json "$run/summary.json"
