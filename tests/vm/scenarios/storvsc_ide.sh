# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio
# vm-timeout: 120
# An IDE controller offer (the IDE accelerator class): hv_storvsc serves
# it with one channel and no sub-channels, adds its single disk at the
# target its instance GUID names, and the disk writes and verifies.

ide_disk() { ls /sys/bus/scsi/devices/"$1":0:*:0/block 2>/dev/null | grep sd; }

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=ide scsi_lun_mb=32
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check ide-host wait_for 20 stor_host
host=$(stor_host)
vm_check ide-disk wait_for 20 ide_disk "$host"
d=$(ide_disk "$host")
vm_log "IDE host$host: $(ls -d /sys/bus/scsi/devices/$host:* | tr '\n' ' ') disk $d version $(cat /sys/class/scsi_host/host$host/vstor_version)"
vm_check ide-one-channel test "$(grep -c '^chan ' /sys/class/scsi_host/host$host/channel_stats)" -eq 1
vm_check ide-io fio --name=ide --filename=/dev/$d --ioengine=libaio --direct=1 --iodepth=8 --bs=32k --rw=randwrite --size=8M --verify=crc32c --do_verify=1 --verify_fatal=1
vm_check unload-hv_storvsc rmmod hv_storvsc
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
