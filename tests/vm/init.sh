#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the Lumen test VM. Mounts the pseudo filesystems, runs the
# scenarios listed in /scenarios/order, scans for leaks and powers off.
# Results go to /dev/ttyS1 (the results channel), never to the kernel log
# on ttyS0; the host's tests/vm/collect.py reads both.

/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp
mkdir -p /dev/pts /run
stty -F /dev/ttyS1 raw -echo 2>/dev/null
exec 3>/dev/ttyS1

# Forget what kmemleak suspects from boot: only leaks made by the
# scenarios count.
kmemleak=/sys/kernel/debug/kmemleak
[ -w $kmemleak ] && echo clear > $kmemleak

. /lib/lumen/vm-lib.sh
echo "LUMEN-VM-BEGIN $(uname -r)" >&3

# An orderly poweroff (busybox poweroff signals init with SIGUSR2, as the
# kernel's orderly_poweroff() runs it) is recorded and, once the running
# scenario returns, ends the run: the remaining scenarios are skipped.
orderly=
trap 'echo "ORDERLY-POWEROFF" >&3; orderly=1' USR2

while read -r name; do
	[ -z "$orderly" ] || break
	[ -n "$name" ] || continue
	echo "SCENARIO-BEGIN $name" >&3
	sh -c ". /lib/lumen/vm-lib.sh; . /scenarios/$name.sh"
	rc=$?
	echo "SCENARIO-END $name rc=$rc" >&3
done < /scenarios/order

if [ -w $kmemleak ]; then
	# kmemleak only reports objects older than 5 s.
	sleep 6
	echo scan > $kmemleak
	echo "KMEMLEAK-BEGIN" >&3
	cat $kmemleak >&3
	echo "KMEMLEAK-END" >&3
fi
echo "LUMEN-VM-DONE" >&3
sync
poweroff -f
reboot -f
