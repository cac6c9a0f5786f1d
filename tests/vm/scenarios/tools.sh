# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio iperf3 mkfs.ext4
# The runner's tool copying works: Debian's dynamically linked fio, iperf3
# and mkfs.ext4 run in the guest with their libraries. mkfs.ext4 formats a
# brd RAM disk, it mounts, and fio verifies a file on it.

vm_check fio-runs fio --version
vm_check iperf3-runs iperf3 --version
vm_check mkfs-ext4-runs sh -c 'mkfs.ext4 -V 2>&1 | grep -q mke2fs'
vm_check brd-present test -b /dev/ram0
vm_check mkfs-ext4-ram0 mkfs.ext4 -q -F /dev/ram0
mkdir -p /mnt/ram0
vm_check mount-ram0 mount -t ext4 /dev/ram0 /mnt/ram0
vm_check fio-verify-ram0 fio --name=v --filename=/mnt/ram0/f --size=1m \
	--rw=randwrite --bs=4k --verify=crc32c --do_verify=1 --ioengine=psync
vm_check umount-ram0 umount /mnt/ram0
