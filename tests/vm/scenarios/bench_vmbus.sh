# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 300
# The VMBus benchmark (bench/vmbus_bench.c) on hvsim: echo round trips per
# second, one-way ring throughput and memcpy in the same boot. Figures go
# to the log; run on the plain kernel: make bench.

insmod /lib/lumen/hv_vmbus.ko
insmod /lib/lumen/hvsim.ko
vm_check bench-vmbus-load insmod /lib/lumen/lumen_vmbus_bench.ko
dmesg | grep 'lumen_bench: ' | sed 's/^.*lumen_bench: //' |
	while read -r line; do vm_log "bench: $line"; done
vm_check bench-vmbus-done sh -c "dmesg | grep -q 'lumen_bench: done'"
rmmod lumen_vmbus_bench
rmmod hvsim
rmmod hv_vmbus
