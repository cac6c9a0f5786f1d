# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 120
# SynIC and CPU hotplug: a CPU that is a channel's target stays online; once
# its channels are re-targeted it goes offline and its SynIC is disabled
# (hvsim sees it); no channel can target it while it is offline; back
# online its SynIC is enabled again and a channel targeted at it carries
# echo round trips (the echo KUnit suite).

dbg=/sys/kernel/debug
cpu1=/sys/devices/system/cpu/cpu1/online

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko
vm_check synic-on-both-cpus grep -qx 'synic_enabled 0 1' $dbg/hvsim/stats

devs=""
for d in /sys/bus/vmbus/devices/*; do
	[ -e "$d/target_cpu" ] && devs="$devs $d"
done
vm_check one-device test "$(echo $devs | wc -w)" -eq 1

# All channels on CPU 1: it must refuse to go.
for d in $devs; do
	echo 1 > "$d/target_cpu"
done
vm_check busy-cpu-stays-online sh -c "! echo 0 > $cpu1"
vm_check busy-cpu-still-online grep -qx 1 $cpu1
vm_check busy-cpu-synic-kept grep -qx 'synic_enabled 0 1' $dbg/hvsim/stats

# Re-targeted to CPU 0: now it goes, and its SynIC with it.
for d in $devs; do
	echo 0 > "$d/target_cpu"
done
vm_check idle-cpu-goes-offline sh -c "echo 0 > $cpu1"
vm_check offline-cpu-synic-disabled grep -qx 'synic_enabled 0' $dbg/hvsim/stats
set -- $devs
vm_check no-target-offline-cpu sh -c "! echo 1 > $1/target_cpu"
vm_check target-unchanged grep -qx 0 "$1/target_cpu"

# Back online: SynIC enabled again and usable.
vm_check cpu-back-online sh -c "echo 1 > $cpu1"
vm_check online-cpu-synic-enabled grep -qx 'synic_enabled 0 1' $dbg/hvsim/stats
for d in $devs; do
	echo 1 > "$d/target_cpu"
done
vm_check retargeted-to-cpu1 grep -qx 1 "$1/target_cpu"
vm_kunit /lib/lumen/kunit/lumen_echo_test.ko

vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
vm_check offline-after-unload sh -c "echo 0 > $cpu1 && echo 1 > $cpu1"
