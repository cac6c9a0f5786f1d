# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio
# vm-timeout: 180
# Two IDE controller offers (the IDE accelerator class), as Hyper-V makes
# them for the two devices of IDE channel 0: instance GUIDs
# {0, 0, 0x8899, 0...} and {0, 1, 0x8899, 0...}. hv_storvsc serves each
# with one channel and no sub-channels and adds its single disk at SCSI
# address HOST:0:T:0, where T is the target the instance GUID names:
# bytes 4 and 5 (little-endian), the GUID string's second field, as the
# in-box driver and the fact sheet (8.5) derive it. Nothing else appears
# on that SCSI host, the two targets differ (0 and 1, so a driver that
# ignored the GUID would put a disk at the wrong address), and each disk
# writes and verifies.

# ide_hosts: the SCSI host numbers hv_storvsc registered, ascending.
ide_hosts() {
	for _h in /sys/class/scsi_host/host*; do
		[ "$(cat "$_h/proc_name" 2>/dev/null)" = hv_storvsc ] &&
			basename "$_h" | sed 's/host//'
	done | sort -n
}
# guid_of HOST: the instance GUID of the VMBus device under SCSI host HOST.
guid_of() {
	basename "$(dirname "$(readlink -f "/sys/class/scsi_host/host$1/device")")"
}
# target_of GUID: the IDE target it names (its second field, hex).
target_of() { echo $((0x$(echo "$1" | cut -d- -f2))); }
# disk_at H:C:T:L: the block device at exactly that SCSI address.
disk_at() { ls "/sys/bus/scsi/devices/$1/block" 2>/dev/null | grep sd; }

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=ide,ide scsi_lun_mb=32
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check ide-two-hosts wait_for 20 sh -c "test \$(grep -lx hv_storvsc /sys/class/scsi_host/host*/proc_name | wc -l) -eq 2"

targets=
for host in $(ide_hosts); do
	guid=$(guid_of "$host")
	t=$(target_of "$guid")
	targets="$targets $t"
	addr=$host:0:$t:0
	vm_check "ide-disk-at-$addr" wait_for 20 disk_at "$addr"
	d=$(disk_at "$addr")
	vm_log "IDE host$host GUID $guid: $(ls -d /sys/bus/scsi/devices/$host:* | tr '\n' ' ') disk $d version $(cat /sys/class/scsi_host/host$host/vstor_version)"
	vm_check "ide-only-device-host$host" test "$(ls -d /sys/bus/scsi/devices/$host:* | wc -l)" -eq 1
	vm_check "ide-one-channel-host$host" test "$(grep -c '^chan ' /sys/class/scsi_host/host$host/channel_stats)" -eq 1
	vm_check "ide-io-host$host" fio --name=ide --filename=/dev/$d --ioengine=libaio --direct=1 --iodepth=8 --bs=32k --rw=randwrite --size=8M --verify=crc32c --do_verify=1 --verify_fatal=1
done
vm_check ide-targets-0-and-1 test "$(echo $targets | tr ' ' '\n' | sort -n | tr '\n' ' ')" = "0 1 "

vm_check unload-hv_storvsc rmmod hv_storvsc
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
