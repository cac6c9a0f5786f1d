# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio mkfs.ext4
# vm-timeout: 900
# vm-mem: 2560
# hv_storvsc against hvsim's SCSI controller with four 320 MiB LUNs:
# the controller comes up with two channels (2 CPUs: one sub-channel),
# each LUN gets ext4, and fio writes and verifies (crc32c) 256 MiB on each
# of the four at once, two jobs pinned to each CPU so both hardware
# queues, hence both channels, carry I/O (per-channel counters in sysfs).
# Then unmount, unload, and check that no bad packet was counted on either
# side.

dbg=/sys/kernel/debug

# stor_host: the SCSI host number of our controller.

# stor_disks HOST: block device names of its LUNs, in LUN order.
stor_disks() {
	for l in 0 1 2 3; do
		ls "/sys/bus/scsi/devices/$1:0:0:$l/block" 2>/dev/null
	done
}

# chan_field HOST N FIELD: a counter of channel N.
chan_field() {
	awk -v c="$2" -v f="$3" '$1 == "chan" && $2 == c {
		for (i = 3; i < NF; i += 2) if ($i == f) print $(i + 1) }' \
		"/sys/class/scsi_host/host$1/channel_stats"
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=scsi scsi_luns=4 scsi_lun_mb=320
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check scsi-host wait_for 20 stor_host
host=$(stor_host)
vm_check four-disks wait_for 30 sh -c "test \$(ls /sys/bus/scsi/devices/$host:0:0:*/block 2>/dev/null | grep -c sd) -eq 4"
vm_log "storvsc host$host: $(cat /sys/class/scsi_host/host$host/vstor_version) disks: $(stor_disks "$host" | tr '\n' ' ')"
vm_check vstor-version-6.2 grep -qx 6.2 /sys/class/scsi_host/host$host/vstor_version
vm_check two-channels sh -c "test \$(grep -c '^chan ' /sys/class/scsi_host/host$host/channel_stats) -eq 2"

args="--ioengine=libaio --direct=1 --iodepth=16 --bs=64k --rw=randwrite --size=256M --verify=crc32c --do_verify=1 --verify_fatal=1 --verify_backlog=0 --group_reporting=0"
i=0
for d in $(stor_disks "$host"); do
	mkdir -p /mnt/$d
	vm_check "mkfs-$d" mkfs.ext4 -q -F /dev/$d
	vm_check "mount-$d" mount -t ext4 /dev/$d /mnt/$d
	args="$args --name=$d --filename=/mnt/$d/fio.dat --cpus_allowed=$((i % 2))"
	i=$((i + 1))
done
# Probing leaves a few CHECK CONDITIONs (unsupported pages): the error
# counters must not move during the fio run.
e0="$(chan_field "$host" 0 errors) $(chan_field "$host" 1 errors)"
# shellcheck disable=SC2086 # $args is a list of options
if out=$(fio $args 2>&1); then
	vm_pass fio-verify-4-luns
else
	vm_fail fio-verify-4-luns "$(echo "$out" | grep -iE 'verify|err' | head -n 3 | tr '\n' ' ')"
fi
echo "$out" | grep -E 'WRITE:|READ:|err=' | while read -r line; do vm_log "fio: $line"; done
vm_check fio-no-errors sh -c '! echo "$1" | grep "err=" | grep -qv "err= 0"' _ "$out"
vm_log "channel_stats: $(tr '\n' ';' < /sys/class/scsi_host/host$host/channel_stats)"
vm_check no-new-errors test "$e0" = "$(chan_field "$host" 0 errors) $(chan_field "$host" 1 errors)"
for c in 0 1; do
	vm_check "chan$c-used" test "$(chan_field "$host" $c sent)" -gt 1000
	for f in bad_pkt bad_id; do
		vm_check "chan$c-$f-0" test "$(chan_field "$host" $c $f)" -eq 0
	done
done
for d in $(stor_disks "$host"); do
	vm_check "umount-$d" umount /mnt/$d
done
vm_log "hvsim storage stats: $(tr '\n' ';' < $dbg/hvsim/scsi/stats 2>/dev/null)"
vm_check unload-hv_storvsc rmmod hv_storvsc
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
