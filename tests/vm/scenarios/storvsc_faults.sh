# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 300
# Every fault knob of hvsim's storage host against hv_storvsc:
# - fail_next: SRB BUSY (the guest retries and the read succeeds), a
#   MEDIUM ERROR (the read fails, the next one works), UNIT ATTENTION
#   "capacity data changed" (the guest rescans and retries); each
#   injection is counted by the host and the knob counts down to 0;
#   malformed settings are refused.
# - delay_ms: completions late but right; then longer than the LUN's
#   timeout, so the guest aborts and resets (the host sees a VSTOR
#   reset) and the late completion must not hurt; the disk works
#   afterwards.
# - The storage channels are fast (served from a tasklet): reads and
#   writes take that path; an armed fault or a command that must sleep
#   hands the channel to its work item (hvsim's devices counters).
# - refuse_version: 6.2 refused (6.0 agreed), 5.1 refused (4.2: a
#   pre-win8 host, whose answers are 48 bytes from the first init step
#   on; no sub-channels), everything refused (the driver gives up
#   cleanly); data written at each version reads back.
# - stale_reply: the host repeats its answer to BEGIN_INITIALIZATION
#   (same transaction id) before answering the version query, which it
#   refuses; the guest must drop the copy (counted as bad_id on the
#   primary) rather than take it for the answer and agree 6.2.
# The debug kernel's lockdep, KASAN, UBSAN and kmemleak checks run
# through all of it (kernel-log-clean).

dbg=/sys/kernel/debug
h=$dbg/hvsim
s=$h/scsi

disk_of() { ls "/sys/bus/scsi/devices/$1:0:0:$2/block" 2>/dev/null; }
stat() { awk -v k="$1" '$1 == k { print $2; exit }' $s/stats; }
# devctr KEY: hvsim's KEY=N device counters (fast, handovers), summed.
devctr() {
	awk -v k="$1=" '{ for (i = 1; i <= NF; i++) if (index($i, k) == 1)
		n += substr($i, length(k) + 1) } END { print n + 0 }' $h/devices
}

fails_with() {
	want=$1
	shift
	out=$(sh -c "$*" 2>&1) && return 1
	echo "$out"
	case "$out" in *"$want"*) return 0 ;; esac
	return 1
}

# read4k DISK [BLOCK]: one direct 4 KiB read. A shell function: call it
# from this shell (vm_check, wait_for), never from "sh -c".
read4k() { dd if="/dev/$1" of=/dev/null bs=4k count=1 skip=${2:-0} iflag=direct 2>/dev/null; }

# rw_check DISK: 1 MiB of random data written and read back, direct.
rw_check() {
	dd if=/dev/urandom of=/tmp/pat bs=64k count=16 2>/dev/null &&
	dd if=/tmp/pat of="/dev/$1" bs=64k count=16 oflag=direct 2>/dev/null &&
	dd if="/dev/$1" of=/tmp/back bs=64k count=16 iflag=direct 2>/dev/null &&
	cmp /tmp/pat /tmp/back
}

# start: load hv_storvsc and wait for LUN 0; sets $host and $d.
start() {
	insmod /lib/lumen/hv_storvsc.ko || return 1
	wait_for 20 stor_host || return 1
	host=$(stor_host)
	wait_for 30 sh -c "test -n \"\$(ls /sys/bus/scsi/devices/$host:0:0:0/block 2>/dev/null)\"" || return 1
	d=$(disk_of "$host" 0)
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=scsi scsi_luns=1 scsi_lun_mb=64
# start sets variables: not in vm_check's subshell.
run_start() {
	if start; then vm_pass "$1"; else vm_fail "$1" "no disk"; fi
}

run_start start
vm_log "host$host disk $d"
fast=$(devctr fast)
vm_check rw-first rw_check "$d"
vm_check rw-on-fast-path test "$(devctr fast)" -ge $((fast + 16))

# fail_next: BUSY twice, retried by the guest.
inj=$(stat injected)
ho=$(devctr handovers)
vm_check fail-busy sh -c "echo '2 0x05 0 0 0 0' > $s/fail_next"
vm_check busy-read-succeeds read4k "$d"
vm_check busy-injected-2 test "$(stat injected)" -eq $((inj + 2))
vm_check fail-next-drained grep -qx 0 $s/fail_next
vm_check fail-next-handed-over test "$(devctr handovers)" -gt "$ho"

# fail_next: a medium error fails the read; the next read works.
inj=$(stat injected)
vm_check fail-medium sh -c "echo '1 0x04 0x02 0x03 0x11 0x00' > $s/fail_next"
if read4k "$d" 7; then
	vm_fail medium-read-fails "the read succeeded"
else
	vm_pass medium-read-fails
fi
vm_check medium-injected test "$(stat injected)" -eq $((inj + 1))
vm_check after-medium-read read4k "$d" 7

# fail_next: unit attention, capacity data changed: rescan and retry.
vm_check fail-unit-attention sh -c "echo '1 0x04 0x02 0x06 0x2a 0x09' > $s/fail_next"
vm_check unit-attention-read-succeeds read4k "$d" 9
vm_check fail-next-drained-again grep -qx 0 $s/fail_next

# Malformed fail_next settings.
vm_check fail-next-short fails_with "Invalid argument" "echo '1 2 3' > $s/fail_next"
vm_check fail-next-srb-range fails_with "out of range" "echo '1 0x40 0 0 0 0' > $s/fail_next"
vm_check fail-next-key-range fails_with "out of range" "echo '1 4 2 0x10 0 0' > $s/fail_next"
vm_check fail-next-garbage fails_with "Invalid argument" "echo '1 4 2 x 0 0' > $s/fail_next"
vm_check fail-next-unarmed grep -qx 0 $s/fail_next

# delay_ms: late but right.
ho=$(devctr handovers)
vm_check delay-200 sh -c "echo 200 > $s/delay_ms"
vm_check delayed-rw rw_check "$d"
vm_check delay-handed-over test "$(devctr handovers)" -gt "$ho"
# Longer than the LUN's timeout: the guest aborts and resets while the
# host still holds the command; the late completion must not hurt, and
# the retry (no delay by then) succeeds.
resets=$(stat resets)
vm_check lun-timeout-2s sh -c "echo 2 > /sys/block/$d/device/timeout"
vm_check delay-4000 sh -c "echo 4000 > $s/delay_ms"
rm -f /tmp/rd.rc
(read4k "$d" 11; echo $? > /tmp/rd.rc) &
sleep 3
vm_check delay-0 sh -c "echo 0 > $s/delay_ms"
vm_check timed-out-read-ends wait_for 120 test -s /tmp/rd.rc
vm_log "timed-out read exit $(cat /tmp/rd.rc); guest: $(tr '\n' ';' < /sys/class/scsi_host/host$host/channel_stats)"
vm_check lun-timeout-30s sh -c "echo 30 > /sys/block/$d/device/timeout"
vm_check host-saw-reset test "$(stat resets)" -gt "$resets"
vm_check rw-after-timeout wait_for 60 rw_check "$d"

# refuse_version: 6.2 refused, the guest falls back to 6.0.
vm_check unload-1 rmmod hv_storvsc
vm_check refuse-6.2 sh -c "echo 0x0602 > $s/refuse_version"
run_start start-6.0
vm_check guest-6.0 grep -qx 6.0 /sys/class/scsi_host/host$host/vstor_version
vm_check host-6.0 grep -q 'version 0x0600' $s/stats
vm_check rw-6.0 rw_check "$d"

# stale_reply: a late duplicate answer must not complete the next request.
stale=$(stat stale_replies)
vm_check unload-stale rmmod hv_storvsc
vm_check stale-armed sh -c "echo 1 > $s/stale_reply"
run_start start-stale
vm_check stale-sent test "$(stat stale_replies)" -eq $((stale + 1))
vm_check stale-drained grep -qx 0 $s/stale_reply
vm_check stale-guest-6.0 grep -qx 6.0 /sys/class/scsi_host/host$host/vstor_version
vm_check stale-host-6.0 grep -q 'version 0x0600' $s/stats
vm_check stale-dropped grep -q '^chan 0 .* bad_id 1 ' /sys/class/scsi_host/host$host/channel_stats
vm_check rw-stale rw_check "$d"

# 5.1 refused: 4.2, pre-win8 packets, no multi-channel.
vm_check unload-2 rmmod hv_storvsc
vm_check refuse-5.1 sh -c "echo 0x0501 > $s/refuse_version"
run_start start-4.2
vm_check guest-4.2 grep -qx 4.2 /sys/class/scsi_host/host$host/vstor_version
vm_check host-4.2 grep -q 'version 0x0402 subchannels 0' $s/stats
vm_check rw-4.2 rw_check "$d"
vm_log "guest at 4.2: $(tr '\n' ';' < /sys/class/scsi_host/host$host/channel_stats)"

# Nothing accepted: the driver gives up without a disk and unloads.
vm_check unload-3 rmmod hv_storvsc
vm_check refuse-all sh -c "echo 0x0200 > $s/refuse_version"
vm_check load-refused insmod /lib/lumen/hv_storvsc.ko
sleep 3
vm_check no-version-agreed grep -q 'version 0x0000' $s/stats
vm_check no-disk sh -c "! ls /sys/bus/scsi/devices/*/block >/dev/null 2>&1"
vm_check unload-refused rmmod hv_storvsc
vm_check refuse-none sh -c "echo 0 > $s/refuse_version"
run_start start-again
vm_check guest-6.2 grep -qx 6.2 /sys/class/scsi_host/host$host/vstor_version
vm_check rw-6.2 rw_check "$d"

vm_log "host: $(tr '\n' ';' < $s/stats)"
vm_check host-no-bad-packets sh -c "! grep -q '^bad_pkts [1-9]' $s/stats"
vm_check guest-no-bad-packets sh -c "! grep -qE 'bad_pkt [1-9]|bad_id [1-9]' /sys/class/scsi_host/host$host/channel_stats"
vm_check unload-hv_storvsc rmmod hv_storvsc
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
