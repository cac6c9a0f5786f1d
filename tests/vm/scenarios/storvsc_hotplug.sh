# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio
# vm-timeout: 240
# LUN hot-plug while another LUN is busy: fio writes and verifies LUN 0
# while hvsim adds LUN 2 (ENUMERATE_BUS: the guest rescans and finds it)
# and removes LUN 1 (REMOVE_DEVICE: TEST UNIT READY answers INVALID_LUN
# and the guest removes it). The new LUN takes I/O; fio on LUN 0 finishes
# with no error and no verify failure.
# hvsim runs with fast_channels=0 here: every packet goes through the
# channel's work item, as on a host whose VSP runs on other CPUs, so
# commands are in flight while the LUNs come and go (the other storage
# scenarios use the default tasklet path).

h=/sys/kernel/debug/hvsim

has_lun() { ls "/sys/bus/scsi/devices/$1:0:0:$2/block" >/dev/null 2>&1; }
no_lun() { ! test -e "/sys/bus/scsi/devices/$1:0:0:$2"; }

# exited PID: the background job has ended (a zombie counts: kill -0
# would still succeed on it until it is waited for).
exited() {
	[ ! -e "/proc/$1/stat" ] || [ "$(cut -d' ' -f3 "/proc/$1/stat")" = Z ]
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=scsi scsi_luns=2 scsi_lun_mb=64 fast_channels=0
vm_check work-item-host grep -qx N /sys/module/hvsim/parameters/fast_channels
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check scsi-host wait_for 20 stor_host
host=$(stor_host)
vm_check lun0 wait_for 30 has_lun "$host" 0
vm_check lun1 wait_for 30 has_lun "$host" 1
d0=$(ls "/sys/bus/scsi/devices/$host:0:0:0/block")

fio --name=busy --filename=/dev/$d0 --ioengine=libaio --direct=1 \
	--iodepth=16 --bs=16k --rw=randwrite --size=48M --verify=crc32c \
	--do_verify=1 --verify_fatal=1 >/tmp/fio.out 2>&1 &
fio_pid=$!
sleep 2
vm_check add-lun2 sh -c "echo 0:2 > $h/scsi/add_lun"
vm_check lun2-appears wait_for 30 has_lun "$host" 2
vm_check remove-lun1 sh -c "echo 0:1 > $h/scsi/remove_lun"
vm_check lun1-gone wait_for 30 no_lun "$host" 1
d2=$(ls "/sys/bus/scsi/devices/$host:0:0:2/block" 2>/dev/null)
vm_check lun2-io dd if=/dev/zero of=/dev/$d2 bs=64k count=64 oflag=direct
vm_check fio-lun0-done wait_for 150 exited "$fio_pid"
wait $fio_pid
rc=$?
vm_log "fio: $(grep -E 'err=|verify' /tmp/fio.out | tr '\n' ' ')"
vm_check fio-lun0-clean test "$rc" -eq 0
vm_log "channel_stats: $(tr '\n' ';' < /sys/class/scsi_host/host$host/channel_stats)"
vm_check no-fast-channel sh -c "grep -q ' in=[1-9]' $h/devices && ! grep -q ' fast=' $h/devices"
vm_check unload-hv_storvsc rmmod hv_storvsc
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
