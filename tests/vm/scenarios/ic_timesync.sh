# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 150
# vm-tools: phc_ctl
# Time sync IC end to end. hvsim offers a time sync channel, negotiates
# (the guest takes message version 4.0) and sends a SYNC, then samples.
# hvsim's host clock runs on its own (real time at hvsim load plus the raw
# monotonic clock plus an offset). After "sync_offset_s 3600" (a SYNC one
# hour ahead) the guest's clock must be within 1 s of the host clock, and
# the PTP clock hv_utils registers (/dev/ptpN, clock name "hyperv") must
# read host time within 10 ms. Each comparison brackets the guest read
# between two host reads, so process start-up in the VM does not count.
# Then hvsim stamps its messages as if they had spent 500 ms in transit:
# the guest (4.0) must add that time from the reference counter, so after
# another SYNC its clock is within 100 ms of the host's and the PTP clock
# within 10 ms; without the correction both would be 500 ms behind.

dbg=/sys/kernel/debug
ts=$dbg/hvsim/timesync

stat() {
	awk -v k="$1:" '$1 == k { print $2 }' $ts/stats
}

stat_ge() {
	test "$(stat "$1")" -ge "$2"
}

# Host clock minus the guest's CLOCK_REALTIME, ns, read by hvsim in one go.
host_minus_real() {
	read -r d < $ts/host_minus_real_ns
	echo "$d"
}

abs() {
	if [ "$1" -lt 0 ]; then echo $((-$1)); else echo "$1"; fi
}

# The guest's CLOCK_REALTIME is within LIMIT ns of the host clock
# (default 1 s).
clock_close() {
	d=$(host_minus_real)
	vm_log "host - guest realtime: $d ns"
	[ "$(abs "$d")" -le "${1:-1000000000}" ]
}

# The PTP device of the time sync service, e.g. /dev/ptp0.
ptp_dev() {
	for c in /sys/class/ptp/ptp*; do
		[ "$(cat "$c/clock_name" 2>/dev/null)" = hyperv ] || continue
		echo "/dev/$(basename "$c")"
		return 0
	done
	return 1
}

# The PTP clock reads host time within 10 ms. phc_ctl cmp measures
# CLOCK_REALTIME - PTP in the kernel (PTP_SYS_OFFSET); hvsim gives
# host - CLOCK_REALTIME, read before and after: if realtime moved in
# between (a step), the measurement is retried.
ptp_close() {
	dev=$(ptp_dev) || return 1
	d1=$(host_minus_real)
	out=$(phc_ctl "$dev" cmp 2>&1)
	d2=$(host_minus_real)
	c=$(echo "$out" | sed -n 's/.*offset from CLOCK_REALTIME is \(-*[0-9]*\)ns.*/\1/p')
	[ -n "$c" ] || { echo "phc_ctl: $out"; return 1; }
	[ "$(abs $((d2 - d1)))" -le 1000000 ] || return 1
	# PTP - host = (PTP - real) - (host - real)
	off=$((-c - d1))
	vm_log "PTP - host: $off ns ($dev; realtime - PTP $c ns, host - realtime $d1 ns)"
	[ "$(abs "$off")" -le 10000000 ]
}

# The same with phc_ctl get and two host reads around it: a coarse check
# (process start-up is inside the bracket) that needs no realtime.
ptp_bracket() {
	dev=$(ptp_dev) || return 1
	read -r h1 < $ts/host_time_ns
	out=$(phc_ctl "$dev" get 2>&1)
	read -r h2 < $ts/host_time_ns
	t=$(echo "$out" | sed -n 's/.*clock time is \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
	[ -n "$t" ] || { echo "phc_ctl: $out"; return 1; }
	set -- $t
	ns=$(echo "$2" | sed 's/^0*//')
	p=$(($1 * 1000000000 + ${ns:-0}))
	vm_log "host $h1 .. $h2 ns, PTP $p ns ($dev)"
	[ $p -ge $((h1 - 10000000)) ] && [ $p -le $((h2 + 10000000)) ]
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko echo_devices=0 devices=timesync
vm_check load-hv_utils insmod /lib/lumen/hv_utils.ko
vm_check timesync-negotiated wait_for 20 stat_ge negotiated 1
vm_check timesync-version-4 grep -qx 'message: 4.0' $ts/stats
vm_check timesync-first-sync-answered wait_for 20 stat_ge answered 1
vm_check ptp-device-registered ptp_dev
vm_check clock-close-before wait_for 10 clock_close
before=$(date +%s)

vm_check sync-one-hour-ahead wait_for 10 sh -c "echo 3600 > $ts/sync_offset_s"
vm_check sync-answered wait_for 20 stat_ge answered 2
vm_check clock-stepped wait_for 10 sh -c "test \$(date +%s) -ge $((before + 3590))"
vm_check clock-within-1s-of-host wait_for 10 clock_close
vm_check ptp-within-10ms-of-host wait_for 10 ptp_close
vm_check ptp-bracketed-by-host-reads wait_for 10 ptp_bracket

# A sample keeps the PTP clock on host time; the guest answers it too.
vm_check sample-sent wait_for 10 sh -c "echo 1 > $ts/sample"
vm_check sample-answered wait_for 20 stat_ge answered 3
vm_check ptp-after-sample ptp_close
# 500 ms in transit, corrected by the guest.
vm_check transit-500ms sh -c "echo 500 > $ts/transit_ms"
vm_check transit-sync wait_for 10 sh -c "echo 3600 > $ts/sync_offset_s"
vm_check transit-sync-answered wait_for 20 stat_ge answered 4
vm_check transit-clock-within-100ms wait_for 10 clock_close 100000000
vm_check transit-sample-sent wait_for 10 sh -c "echo 1 > $ts/sample"
vm_check transit-sample-answered wait_for 20 stat_ge answered 5
vm_check transit-ptp-within-10ms ptp_close
vm_check transit-off sh -c "echo 0 > $ts/transit_ms"
vm_log "timesync stats: $(tr '\n' ' ' < $ts/stats)"
vm_check timesync-no-bad-replies test "$(stat bad_replies)" -eq 0
vm_check timesync-all-ok test "$(stat last_status)" = 0x00000000
vm_check unload-hv_utils rmmod hv_utils
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
