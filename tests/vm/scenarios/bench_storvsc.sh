# SPDX-License-Identifier: GPL-2.0
# vm-tools: fio
# vm-timeout: 300
# The storage benchmark (bench/storvsc_bench.sh runs it on the plain
# kernel): in one boot, fio 4 KiB random reads at queue depth 32 and 1 MiB
# sequential reads, first on a LUN that hv_storvsc serves from hvsim, then
# on the brd RAM disk /dev/ram0, over the same 4 MiB region (brd is built
# into the test kernel with its default 4 MiB size). Prints both figures
# and the ratios, plus per-request costs from the kernel's own counters:
# The 4 KiB pair runs BENCH_ROUNDS times (default 5), storvsc and brd
# alternating, and the IOPS ratio is the median of the rounds' ratios, so
# that one disturbed run does not decide it.
# CPU time (all CPUs, /proc/stat, hvsim's host work included since it runs
# in this kernel), interrupts and VMBus packets per request.

h=/sys/kernel/debug/hvsim
size=4M
runtime=${BENCH_RUNTIME:-8}
rounds=${BENCH_ROUNDS:-5}

# Counters sampled around each run, one line: busy system irq softirq
# (jiffies, all CPUs), interrupts, context switches, and the storage
# controller's VMBus channel interrupts and guest-to-host signals.
scsi_class=ba6163d9-04a1-4d29-b605-72e2ffb1dc7f
sample() {
	ci=0; cs=0; vdev=
	for v in /sys/bus/vmbus/devices/*; do
		grep -q "$scsi_class" "$v/class_id" 2>/dev/null && vdev=$v
	done
	for c in "$vdev"/channels/*; do
		[ -e "$c/interrupts" ] || continue
		ci=$((ci + $(cat "$c/interrupts"))); cs=$((cs + $(cat "$c/signals")))
	done
	awk -v ci=$ci -v cs=$cs '/^cpu / { b = $2 + $3 + $4 + $7 + $8; s = $4; i = $7; q = $8 }
		/^intr / { n = $2 } /^ctxt / { x = $2 }
		END { print b, s, i, q, n, x, ci, cs }' /proc/stat
}
sent() {
	awk '$1 == "chan" { for (i = 3; i < NF; i += 2) if ($i == "sent") s += $(i + 1) } END { print s + 0 }' \
		"/sys/class/scsi_host/host$1/channel_stats" 2>/dev/null || echo 0
}

# run_fio NAME DEV RW BS QD JOBS: prints "iops kbps" and, per I/O, "CPU us
# (busy system irq softirq), interrupts, context switches, channel
# interrupts, channel signals" on stdout.
run_fio() {
	s0=$(sample)
	line=$(fio --name="$1" --filename="$2" --rw="$3" --bs="$4" --iodepth="$5" \
		--numjobs="$6" --group_reporting --ioengine=libaio --direct=1 \
		--size=$size --time_based --runtime="$runtime" \
		--output-format=terse 2>/dev/null | tail -n 1)
	s1=$(sample)
	echo "$line;$s0;$s1" | tr ' ' ';' | awk -F';' -v t="$runtime" '{
		n = $8 * t; if (n < 1) n = 1; k = NF - 16;
		us = 1000000 / 100 / n;
		printf "%d %d %.1f %.1f %.1f %.1f %.2f %.2f %.2f %.2f\n", $8, $7,
			($(k + 9) - $(k + 1)) * us, ($(k + 10) - $(k + 2)) * us,
			($(k + 11) - $(k + 3)) * us, ($(k + 12) - $(k + 4)) * us,
			($(k + 13) - $(k + 5)) / n, ($(k + 14) - $(k + 6)) / n,
			($(k + 15) - $(k + 7)) / n, ($(k + 16) - $(k + 8)) / n }'
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=scsi scsi_luns=1 scsi_lun_mb=64
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check scsi-host wait_for 20 stor_host
host=$(stor_host)
vm_check disk wait_for 30 sh -c "ls /sys/bus/scsi/devices/$host:0:0:0/block 2>/dev/null | grep -q sd"
disk=/dev/$(ls "/sys/bus/scsi/devices/$host:0:0:0/block")
vm_check brd-present test -b /dev/ram0
vm_log "bench: brd /dev/ram0 $(($(cat /sys/block/ram0/size) / 2)) KiB, storvsc $disk, region $size, ${runtime}s per run"
# Write both regions first: reads of never-written blocks would be free.
vm_check fill-storvsc dd if=/dev/urandom of="$disk" bs=1M count=4 oflag=direct
vm_check fill-brd dd if=/dev/urandom of=/dev/ram0 bs=1M count=4
# Let sub-channels settle: use every channel the host gave us.
sleep 2
vm_log "bench: storvsc channels: $(grep -c '^chan ' /sys/class/scsi_host/host$host/channel_stats)"

# median LIST: the middle value of a list of numbers (the upper middle
# of an even count).
median() {
	echo "$@" | tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print v[int(NR / 2) + 1] }'
}
rr_s=; rr_b=; rr_r=
for i in $(seq 1 "$rounds"); do
	p0=$(sent "$host")
	s_rr=$(run_fio s-randread "$disk" randread 4k 32 2)
	p1=$(sent "$host")
	b_rr=$(run_fio b-randread /dev/ram0 randread 4k 32 2)
	# shellcheck disable=SC2086 # word splitting wanted
	set -- $s_rr; s_iops=$1
	# shellcheck disable=SC2086
	set -- $b_rr; b_iops=$1
	ratio=$(awk -v a="$s_iops" -v b="$b_iops" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
	vm_log "bench: round $i: 4k randread QD32 (2 jobs): storvsc $s_iops IOPS, brd $b_iops IOPS, ratio $ratio"
	rr_s="$rr_s $s_iops"; rr_b="$rr_b $b_iops"; rr_r="$rr_r $ratio"
done
s_sr=$(run_fio s-seqread "$disk" read 1M 8 1)
# Profile: the same random reads with completions left on the CPU that
# took the interrupt (rq_affinity 0: no IPI back to the submitter).
dn=$(basename "$disk")
aff=$(cat /sys/block/$dn/queue/rq_affinity)
echo 0 > /sys/block/$dn/queue/rq_affinity
s_rr0=$(run_fio s-randread-aff0 "$disk" randread 4k 32 2)
echo "$aff" > /sys/block/$dn/queue/rq_affinity
# And with one job at queue depth 1: the round-trip latency.
s_qd1=$(run_fio s-randread-qd1 "$disk" randread 4k 1 1)
b_qd1=$(run_fio b-randread-qd1 /dev/ram0 randread 4k 1 1)
b_sr=$(run_fio b-seqread /dev/ram0 read 1M 8 1)

s_iops=$(median $rr_s)
b_iops=$(median $rr_b)
# shellcheck disable=SC2086 # word splitting wanted
set -- $s_sr; s_kbps=$2
# shellcheck disable=SC2086
set -- $b_sr; b_kbps=$2
# per_io FIGURES: the per-I/O part of a run_fio line, spelled out.
per_io() {
	echo "$1" | awk '{ printf "CPU %s us (system %s, irq %s, softirq %s), %s interrupts, %s context switches, %s channel interrupts, %s guest signals", $3, $4, $5, $6, $7, $8, $9, $10 }'
}
vm_log "bench: 4k randread QD32 (2 jobs), median of $rounds rounds: storvsc $s_iops IOPS, brd $b_iops IOPS"
vm_log "bench: 1M seqread QD8: storvsc $((s_kbps / 1024)) MB/s, brd $((b_kbps / 1024)) MB/s"
vm_log "bench: ratio IOPS $(median $rr_r) (median of$rr_r; goal >= 0.40), bandwidth $(awk -v a="$s_kbps" -v b="$b_kbps" 'BEGIN { printf "%.2f", b ? a / b : 0 }') (goal >= 0.60)"
vm_log "bench: per 4k read (last round), storvsc: $(per_io "$s_rr")"
vm_log "bench: per 4k read (last round), brd: $(per_io "$b_rr")"
vm_log "bench: profile: 4k randread with rq_affinity 0: $(echo "$s_rr0" | cut -d' ' -f1) IOPS, $(per_io "$s_rr0")"
vm_log "bench: profile: 4k randread QD1: storvsc $(echo "$s_qd1" | cut -d' ' -f1) IOPS ($(per_io "$s_qd1")), brd $(echo "$b_qd1" | cut -d' ' -f1) IOPS"
vm_log "bench: per 1M read, storvsc: $(per_io "$s_sr")"
vm_log "bench: per 1M read, brd: $(per_io "$b_sr")"
vm_log "bench: VMBus packets per 4k read: $(awk -v p=$((p1 - p0)) -v n="$(echo "$s_rr" | cut -d" " -f1)" -v t="$runtime" 'BEGIN { printf "%.2f", n ? p / (n * t) : 0 }')"
vm_log "bench: channel_stats: $(tr '\n' ';' < /sys/class/scsi_host/host$host/channel_stats)"
vm_check bench-storvsc-ran test "$s_iops" -gt 0 -a "$b_iops" -gt 0 -a "$s_kbps" -gt 0
rmmod hv_storvsc
rmmod hvsim
rmmod hv_vmbus
