# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio perf
# vm-timeout: 300
# Profile of the storage benchmark's 4 KiB random reads (not in make
# check; run it on the plain kernel: tests/vm/run.sh --kernel plain
# profile_storvsc). perf samples all CPUs with the cpu-clock software
# event (TCG has no PMU) while fio runs, first on a LUN that hv_storvsc
# serves from hvsim, then on the brd RAM disk. For each, the split of
# samples per process and the top symbols, by own samples and by samples
# under them (call graphs), go to the results log as "LOG profile:" lines.
# Symbols come from /proc/kallsyms (modules included). Recording call
# graphs slows the I/O about 2.5 times: read the shares, not the IOPS.

size=4M
runtime=${PROFILE_RUNTIME:-8}
top=${PROFILE_TOP:-40}

# report NAME WHAT ARGS...: the top lines of one perf report, logged as
# "profile: NAME WHAT: line".
report() {
	n=$1
	w=$2
	shift 2
	perf report -i "/tmp/$n.data" --stdio -g none "$@" 2>/dev/null |
		grep -v '^#' | grep -v '^$' | head -n "$top" |
		while read -r line; do
			vm_log "profile: $n $w: $line"
		done
}

# profile NAME DEV: 4k random reads at QD32 with 2 jobs under perf (call
# graphs recorded); logs the IOPS, the time per command (process: fio,
# hvsim's kworkers, swapper for idle and the interrupts it took), the top
# symbols by own samples (self) and by samples under them (total).
profile() {
	perf record -q -a -g -e cpu-clock -o "/tmp/$1.data" -- \
		fio --name="$1" --filename="$2" --rw=randread --bs=4k \
		--iodepth=32 --numjobs=2 --group_reporting --ioengine=libaio \
		--direct=1 --size=$size --time_based --runtime="$runtime" \
		--output-format=terse > "/tmp/$1.fio" 2>/dev/null
	vm_log "profile: $1 $2: $(tail -n 1 "/tmp/$1.fio" | cut -d';' -f8) IOPS under perf"
	top=8 report "$1" comm --sort comm --no-children
	report "$1" self --sort sym --no-children
	report "$1" total --sort sym --children
	rm -f "/tmp/$1.data"
}

echo -1 > /proc/sys/kernel/perf_event_paranoid
echo 0 > /proc/sys/kernel/kptr_restrict
vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=scsi scsi_luns=1 scsi_lun_mb=64
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check scsi-host wait_for 20 stor_host
host=$(stor_host)
vm_check disk wait_for 30 sh -c "ls /sys/bus/scsi/devices/$host:0:0:0/block 2>/dev/null | grep -q sd"
disk=/dev/$(ls "/sys/bus/scsi/devices/$host:0:0:0/block")
vm_check brd-present test -b /dev/ram0
vm_check fill-storvsc dd if=/dev/urandom of="$disk" bs=1M count=4 oflag=direct
vm_check fill-brd dd if=/dev/urandom of=/dev/ram0 bs=1M count=4
sleep 2
vm_check perf-runs perf record -q -a -e cpu-clock -o /tmp/probe.data -- sleep 0.1
rm -f /tmp/probe.data
profile storvsc "$disk"
profile brd /dev/ram0
vm_check profiled test -n "$(grep -c . /proc/kallsyms)"
rmmod hv_storvsc
rmmod hvsim
rmmod hv_vmbus
