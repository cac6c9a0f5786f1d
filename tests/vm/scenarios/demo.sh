# SPDX-License-Identifier: GPL-2.0
# vm-tools: mkfs.ext4
# make demo: the Lumen stack against hvsim. Loading hvsim attaches the
# simulated hypervisor; hv_vmbus negotiates, requests offers and turns them
# into devices on the vmbus bus; an echo round trip crosses a channel; a
# disk hvsim serves is formatted, mounted and used through hv_storvsc; the
# integration services answer heartbeats, follow a time sync and pass a
# KVP key. make demo then runs the storage benchmark (bench_storvsc).

order="hv_vmbus hvsim hv_utils hv_storvsc hv_netvsc"
rev="hv_netvsc hv_storvsc hv_utils hvsim hv_vmbus"
dbg=/sys/kernel/debug

vm_log "kernel $(uname -r), $(nproc) CPUs"
# hvsim offers the KVP channel and a SCSI controller with one 64 MiB LUN
# from the start (heartbeat and time sync are hot-added below).
hvsim_args="devices=kvp,scsi scsi_luns=1 scsi_lun_mb=64"
for m in $order; do
	a=
	[ "$m" = hvsim ] && a=$hvsim_args
	# shellcheck disable=SC2086 # $a is a list of parameters
	vm_check "load-$m" insmod /lib/lumen/$m.ko $a
done
vm_log "hvsim offers VMBus up to $(cat $dbg/hvsim/max_version);" \
	"the guest negotiated $(cat $dbg/hv_vmbus/version)"
vm_log "connection: $(tr '\n' ' ' < $dbg/hv_vmbus/connection)"

vm_log "devices hvsim offered, in /sys/bus/vmbus/devices:"
for d in /sys/bus/vmbus/devices/*; do
	[ -e "$d/class_id" ] || continue
	vm_log "  $(basename "$d") class=$(cat "$d/class_id")" \
		"relid=$(cat "$d/relid") cpu=$(cat "$d/target_cpu")" \
		"modalias=$(sed -n 's/^MODALIAS=//p' "$d/uevent")"
done
vm_check devices-offered sh -c 'ls /sys/bus/vmbus/devices | grep -q .'

# KVP: the host sets a key in the external pool and the guest reads it
# through lumen-kvpd.
kctl=$dbg/hvsim/kvp/ctl
lumen-kvpd -s /tmp/kvp-demo 2>/dev/null &
kvpd=$!
vm_check kvp-host-sets-key wait_for 20 sh -c \
	"echo 'set external DemoKey Hello from the host' > $kctl &&
	 grep -q status=0x00000000 $kctl"
echo "get external DemoKey" > $kctl
vm_log "kvp host: get external DemoKey -> $(cat $kctl)"
vm_log "kvp guest: lumen-kvpd get external DemoKey ->" \
	"$(lumen-kvpd -s /tmp/kvp-demo get external DemoKey)"
vm_check kvp-guest-reads-key sh -c \
	"test \"\$(lumen-kvpd -s /tmp/kvp-demo get external DemoKey)\" = 'Hello from the host'"
echo "enum auto 4" > $kctl
vm_log "kvp host: enum auto 4 -> $(cat $kctl)"
kill $kvpd
wait $kvpd

# Storage: the LUN hvsim serves, through hv_storvsc: format, mount, use.
disk_of() {
	for h in /sys/class/scsi_host/host*; do
		[ "$(cat "$h/proc_name")" = hv_storvsc ] || continue
		ls /sys/bus/scsi/devices/"$(basename "$h" | sed 's/host//')":0:0:0/block 2>/dev/null
	done
}
vm_check storvsc-disk wait_for 30 disk_of
disk=$(disk_of)
for h in /sys/class/scsi_host/host*; do
	[ "$(cat "$h/proc_name")" = hv_storvsc ] &&
		vm_log "storage: $(basename "$h"): VSTOR $(cat "$h/vstor_version"), disk /dev/$disk," \
			"$(($(cat /sys/block/$disk/size) / 2048)) MiB"
done
mkdir -p /mnt/demo
vm_check storvsc-mkfs mkfs.ext4 -q -F /dev/$disk
vm_check storvsc-mount mount -t ext4 /dev/$disk /mnt/demo
dd if=/dev/urandom of=/tmp/demo.dat bs=1M count=8 2>/dev/null
vm_check storvsc-write sh -c "cp /tmp/demo.dat /mnt/demo/ && sync"
vm_check storvsc-remount sh -c "umount /mnt/demo && mount -t ext4 /dev/$disk /mnt/demo"
vm_check storvsc-read-back cmp /tmp/demo.dat /mnt/demo/demo.dat
vm_log "storage: $(df -k /mnt/demo | tail -n 1 | awk '{ print $1 " " $2 " KiB, " $3 " KiB used, mounted on " $6 }')"
vm_check storvsc-umount umount /mnt/demo

# The echo KUnit suite binds to the echo device and does round trips.
insmod /lib/lumen/kunit/lumen_echo_test.ko
grep -E '^    (ok|not ok) ' $dbg/kunit/lumen_vmbus_echo/results |
	while read -r line; do vm_log "  echo: $line"; done
vm_check echo-round-trip grep -q 'ok [0-9]* chan_send_inband_sizes' \
	$dbg/kunit/lumen_vmbus_echo/results
d=$(ls -d /sys/bus/vmbus/devices/* | head -n 1)
vm_log "after the suite: $(basename "$d") interrupts=$(cat "$d/interrupts")" \
	"signals=$(cat "$d/signals") bad_packets=$(cat "$d/bad_packets")"
rmmod lumen_echo_test

# Heartbeat and time sync: hvsim adds both IC channels; hv_utils binds
# them, negotiates, answers heartbeats and follows a SYNC one hour ahead.
hb=$dbg/hvsim/heartbeat
ts=$dbg/hvsim/timesync
echo 200 > $hb/interval_ms
vm_check heartbeat-channel-added sh -c "echo heartbeat > $dbg/hvsim/add_device"
vm_check heartbeat-answered wait_for 20 sh -c \
	"test \$(awk '\$1 == \"successive:\" { print \$2 }' $hb/stats) -ge 3"
vm_log "heartbeat host: $(grep -E '^(message|sent|answered|last_seq|seq_errors):' $hb/stats | tr '\n' ' ')"
vm_check timesync-channel-added sh -c "echo timesync > $dbg/hvsim/add_device"
vm_check timesync-negotiated wait_for 20 sh -c \
	"test \$(awk '\$1 == \"answered:\" { print \$2 }' $ts/stats) -ge 1"
vm_log "time sync: guest clock $(date -u '+%F %T'), host - guest $(cat $ts/host_minus_real_ns) ns"
vm_check timesync-one-hour-ahead wait_for 10 sh -c "echo 3600 > $ts/sync_offset_s"
vm_check timesync-stepped wait_for 20 sh -c \
	"d=\$(cat $ts/host_minus_real_ns); test \$d -lt 1000000000 -a \$d -gt -1000000000"
vm_log "time sync: after a SYNC one hour ahead the guest clock reads $(date -u '+%F %T')," \
	"host - guest $(cat $ts/host_minus_real_ns) ns"
for c in /sys/class/ptp/ptp*; do
	[ "$(cat "$c/clock_name" 2>/dev/null)" = hyperv ] &&
		vm_log "time sync: PTP clock /dev/$(basename "$c") (\"hyperv\") for chrony"
done

vm_log "loaded modules:"
grep -E '^(hv_vmbus|hvsim|hv_utils|hv_storvsc|hv_netvsc) ' /proc/modules |
	while read -r name size refs _; do vm_log "  $name size=$size refs=$refs"; done
for m in $rev; do
	vm_check "unload-$m" rmmod $m
done
