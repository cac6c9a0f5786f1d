# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio
# vm-timeout: 300
# The host rescinds the storage controller while fio has commands in
# flight on two LUNs (hvsim delays each completion so some are always
# outstanding): the commands fail, fio ends with errors instead of
# hanging, the SCSI host and its disks go away, and nothing is left
# waiting. Then hv_storvsc is unloaded, the host offers a new controller,
# the driver is loaded again and the new disks read and write.

dbg=/sys/kernel/debug
h=$dbg/hvsim
scsi_class=ba6163d9-04a1-4d29-b605-72e2ffb1dc7f

no_stor_host() { ! stor_host; }

# The relid of the open primary SCSI controller.
primary_relid() {
	awk -v c="$scsi_class" '$2 == c && $4 == "open" && !/ sub / { print $1; exit }' $h/devices
}

disk_of() { ls "/sys/bus/scsi/devices/$1:0:0:$2/block" 2>/dev/null; }

# exited PID: the background job has ended (a zombie counts: kill -0
# would still succeed on it until it is waited for).
exited() {
	[ ! -e "/proc/$1/stat" ] || [ "$(cut -d' ' -f3 "/proc/$1/stat")" = Z ]
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=scsi scsi_luns=2 scsi_lun_mb=64
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check scsi-host wait_for 20 stor_host
host=$(stor_host)
vm_check two-disks wait_for 30 sh -c "test -n \"\$(ls /sys/bus/scsi/devices/$host:0:0:1/block 2>/dev/null)\""
d0=$(disk_of "$host" 0)
d1=$(disk_of "$host" 1)
relid=$(primary_relid)
vm_log "controller relid $relid host$host disks $d0 $d1"

echo 20 > $h/scsi/delay_ms
fio --name=a --filename=/dev/$d0 --name=b --filename=/dev/$d1 \
	--ioengine=libaio --direct=1 --iodepth=32 --bs=4k --rw=randrw \
	--size=32M --time_based --runtime=120 >/tmp/fio.out 2>&1 &
fio_pid=$!
sleep 3
vm_log "before rescind: $(tr '\n' ';' < /sys/class/scsi_host/host$host/channel_stats)"
vm_check rescind sh -c "echo $relid > $h/rescind"
vm_check fio-ends wait_for 60 exited "$fio_pid"
vm_log "fio: $(grep -E 'err=' /tmp/fio.out | tr '\n' ' ')"
vm_check fio-saw-errors grep -qE 'err=[ ]*[1-9-]' /tmp/fio.out
vm_check host-gone wait_for 30 no_stor_host
vm_check disks-gone wait_for 30 sh -c "! test -e /sys/block/$d0 && ! test -e /sys/block/$d1"
vm_check nothing-hung sh -c "! dmesg | grep -q 'blocked for more than'"
echo 0 > $h/scsi/delay_ms

vm_check unload-hv_storvsc rmmod hv_storvsc
vm_check add-controller sh -c "echo scsi > $h/add_device"
vm_check reload-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check new-scsi-host wait_for 20 stor_host
host=$(stor_host)
vm_check new-disk wait_for 30 sh -c "test -n \"\$(ls /sys/bus/scsi/devices/$host:0:0:1/block 2>/dev/null)\""
d0=$(disk_of "$host" 0)
vm_check new-disk-io fio --name=v --filename=/dev/$d0 --ioengine=libaio --direct=1 --iodepth=8 --bs=64k --rw=write --size=16M --verify=crc32c --do_verify=1 --verify_fatal=1
vm_check unload-hv_storvsc-again rmmod hv_storvsc
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
