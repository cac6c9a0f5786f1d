# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio
# vm-timeout: 300
# hvsim's storage host controls against hv_storvsc, while fio writes and
# verifies (crc32c) LUN 0: hvsim/scsi/add_lun makes the host send
# ENUMERATE_BUS and the new LUN appears as a disk that reads back what is
# written (one with a size of its own too); remove_lun sends ENUMERATE_BUS
# (as storvsp does) or REMOVE_DEVICE ("remove_device") and the disk goes.
# Bad add_lun and remove_lun writes are refused with their errno. An IDE
# controller added while the driver runs brings one more disk. At the end
# fio has no verify error and neither side counted a bad packet.

dbg=/sys/kernel/debug
h=$dbg/hvsim
s=$h/scsi

# disk_of HOST LUN: the block device of that LUN (channel 0, target 0).
disk_of() { ls "/sys/bus/scsi/devices/$1:0:0:$2/block" 2>/dev/null; }
has_lun() { test -n "$(disk_of "$1" "$2")"; }
no_lun() { ! test -e "/sys/bus/scsi/devices/$1:0:0:$2"; }
stat() { awk -v k="$1" '$1 == k { print $2; exit }' $s/stats; }

# fails_with ERRTEXT CMD: the shell write fails with that error message.
fails_with() {
	want=$1
	shift
	out=$(sh -c "$*" 2>&1) && return 1
	echo "$out"
	case "$out" in *"$want"*) return 0 ;; esac
	return 1
}

# rw_check DISK: 1 MiB of random data written and read back, direct.
rw_check() {
	dd if=/dev/urandom of="/tmp/pat.$1" bs=64k count=16 2>/dev/null &&
	dd if="/tmp/pat.$1" of="/dev/$1" bs=64k count=16 oflag=direct 2>/dev/null &&
	dd if="/dev/$1" of="/tmp/back.$1" bs=64k count=16 iflag=direct 2>/dev/null &&
	cmp "/tmp/pat.$1" "/tmp/back.$1"
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=scsi scsi_luns=2 scsi_lun_mb=64
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check scsi-host wait_for 20 stor_host
host=$(stor_host)
vm_check two-luns wait_for 30 has_lun "$host" 1
d0=$(disk_of "$host" 0)
vm_log "host$host lun0 $d0"

# The exit status lands in a file: a finished background job stays a
# zombie (kill -0 succeeds) until the shell waits for it.
rm -f /tmp/fio.rc
(fio --name=bg --filename=/dev/$d0 --ioengine=libaio --direct=1 \
	--iodepth=16 --bs=4k --rw=randwrite --size=8M --loops=3 \
	--verify=crc32c --do_verify=1 --verify_fatal=1 >/tmp/fio.out 2>&1
 echo $? > /tmp/fio.rc) &
sleep 1

# Hot-add LUN 2 (default size) and LUN 3 (16 MiB) during the I/O.
vm_check add-lun-2 sh -c "echo 2 > $s/add_lun"
vm_check lun-2-appears wait_for 30 has_lun "$host" 2
vm_check lun-2-rw rw_check "$(disk_of "$host" 2)"
vm_check add-lun-3-16m sh -c "echo '0:3 16' > $s/add_lun"
vm_check lun-3-appears wait_for 30 has_lun "$host" 3
vm_check lun-3-size sh -c "test \"\$(cat /sys/block/$(disk_of "$host" 3)/size)\" = 32768"
vm_check host-notified-2 test "$(stat notified)" -ge 2

# Refused requests.
vm_check add-existing-lun fails_with "File exists" "echo 2 > $s/add_lun"
vm_check add-lun-out-of-range fails_with "out of range" "echo 64 > $s/add_lun"
vm_check add-lun-bad-size fails_with "Invalid argument" "echo '5 x' > $s/add_lun"
vm_check add-lun-no-controller fails_with "No such file" "echo 9:1 > $s/add_lun"
vm_check remove-absent-lun fails_with "No such file" "echo 7 > $s/remove_lun"
vm_check remove-bad-option fails_with "Invalid argument" "echo '2 xyz' > $s/remove_lun"

# Hot-remove: ENUMERATE_BUS (storvsp's way), then REMOVE_DEVICE.
vm_check remove-lun-2 sh -c "echo 2 > $s/remove_lun"
vm_check lun-2-gone wait_for 30 no_lun "$host" 2
vm_check remove-lun-3-remove-device sh -c "echo '3 remove_device' > $s/remove_lun"
vm_check lun-3-gone wait_for 30 no_lun "$host" 3
vm_check lun-1-stays has_lun "$host" 1
vm_check lun-1-rw rw_check "$(disk_of "$host" 1)"

# A whole IDE controller, hot-added: one more disk.
before=$(ls /sys/class/scsi_host | wc -l)
vm_check add-ide sh -c "echo ide > $h/add_device"
vm_check ide-host wait_for 30 sh -c "test \$(ls /sys/class/scsi_host | wc -l) -gt $before"
vm_check ide-controller-ready wait_for 30 grep -q 'ide relid [0-9]* state ready' $s/stats
vm_check ide-disk wait_for 30 sh -c "test \$(ls -d /sys/bus/scsi/devices/*/block/* | wc -l) -eq 3"
vm_log "scsi devices: $(ls /sys/bus/scsi/devices | tr '\n' ' ')"
vm_check ide-add-lun-refused fails_with "not supported" "echo 1:1 > $s/add_lun"

vm_check fio-done wait_for 200 test -s /tmp/fio.rc
vm_log "fio: $(grep -E 'err=|verify' /tmp/fio.out | tr '\n' ';')"
vm_check fio-verified grep -qx 0 /tmp/fio.rc

vm_log "host: $(tr '\n' ';' < $s/stats)"
vm_log "guest: $(cat /sys/class/scsi_host/host*/channel_stats 2>/dev/null | tr '\n' ';')"
vm_check host-no-bad-packets sh -c "! grep -q '^bad_pkts [1-9]' $s/stats"
vm_check guest-no-bad-packets sh -c "! grep -qE 'bad_pkt [1-9]|bad_id [1-9]' /sys/class/scsi_host/host*/channel_stats"
vm_check hvsim-clean sh -c "grep -qx 'bad_msgs 0' $h/stats && grep -qx 'refused 0' $h/stats"

vm_check unload-hv_storvsc rmmod hv_storvsc
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
