# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 240
# shellcheck disable=SC2016 # the single quotes hold awk programs
# hvsim's sub-channels and monitored notification (MNF) from the shell:
# devices offered with and without a monitor id (guest sysfs monitor_id),
# the benchmark's round trips over a monitored echo channel (the guest
# signals only through monitor page 2, so they prove hvsim's polling),
# debugfs subchannels refused for an unknown relid, an unopened primary and
# bad counts, sub-channels offered while a primary is open, and a rescind
# of the primary that takes its sub-channels first, each released by the
# guest. Open and echo over sub-channels is in the KUnit suite
# lumen_vmbus_echo.

dbg=/sys/kernel/debug
h=$dbg/hvsim
conn=$dbg/hv_vmbus/connection
devs=/sys/bus/vmbus/devices
bench=/lib/lumen/lumen_vmbus_bench.ko


guest_clean() {
	! grep -E '^(bad_[a-z]+|unexpected) [1-9]' $conn
}

host_clean() {
	grep -qx 'bad_msgs 0' $h/stats && grep -qx 'refused 0' $h/stats
}

# Field of relid $1's line in hvsim's devices: instance, state.
host_inst() { awk -v r="$1" '$1 == r { print $3 }' $h/devices; }
host_state() { awk -v r="$1" '$1 == r { print $4 }' $h/devices; }
host_has() { awk -v r="$1" '$1 == r { f = 1 } END { exit !f }' $h/devices; }
stat() { awk -v k="$1" '$1 == k { print $2 }' $h/stats; }

# guest_mon RELID: the guest's sysfs monitor_id of that device.
guest_mon() { cat "$devs/$(host_inst "$1")/monitor_id"; }

# fails_with ERRTEXT CMD: the shell write fails with that error message.
fails_with() {
	want=$1
	shift
	out=$(sh -c "$*" 2>&1) && return 1
	echo "$out"
	case "$out" in *"$want"*) return 0 ;; esac
	return 1
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim-mnf insmod /lib/lumen/hvsim.ko mnf=1
vm_check connected grep -qx 5.3 $dbg/hv_vmbus/version
vm_check relid-1-mnf-0 sh -c "grep -q '^1 .* mnf=0\$' $h/devices"
vm_check guest-relid-1-monitor-0 wait_for 5 sh -c "test \"\$(cat $devs/$(host_inst 1)/monitor_id)\" = 0"

# Hot-added: "echo mnf" gets the next monitor id, "echo" none.
vm_check add-echo-mnf sh -c "echo 'echo mnf' > $h/add_device"
vm_check add-echo-plain sh -c "echo echo > $h/add_device"
vm_check add-echo-bad-option fails_with "Invalid argument" "echo 'echo xyz' > $h/add_device"
vm_log "hvsim devices: $(tr "\n" ";" < $h/devices)"
vm_check host-relid-2-mnf-1 sh -c "grep -q '^2 .* mnf=1\$' $h/devices"
vm_check host-relid-3-no-mnf sh -c "! grep -q '^3 .* mnf=' $h/devices"
vm_check guest-relid-2-monitor-1 wait_for 5 sh -c "test \"\$(cat $devs/$(host_inst 2)/monitor_id)\" = 1"
vm_check guest-relid-3-monitor-none wait_for 5 sh -c "test \"\$(cat $devs/$(host_inst 3)/monitor_id)\" = none"
vm_log "guest monitor ids: $(guest_mon 1) $(guest_mon 2) $(guest_mon 3)"

# Sub-channels need an open primary.
vm_check subchan-unopened-einval fails_with "Invalid argument" "echo '2 1' > $h/subchannels"
vm_check subchan-unknown-enoent fails_with "No such file" "echo '77 1' > $h/subchannels"
vm_check subchan-garbage-einval fails_with "Invalid argument" "echo '2' > $h/subchannels"
vm_check subchan-none-offered sh -c "! grep -q ' sub ' $h/devices"

# The benchmark binds to the first echo device, relid 1 (monitored): the
# guest signals it only through monitor page 2. Sub-channels of the
# primary while the benchmark has it open.
sig0=$(stat mnf_signals)
insmod $bench &
bench_pid=$!
if wait_for 20 sh -c "awk '\$4 == \"open\" { f = 1 } END { exit !f }' $h/devices"; then
	r=$(awk '$4 == "open" { print $1; exit }' $h/devices)
	vm_pass bench-opened
	vm_check subchan-bad-count-0 fails_with "Invalid argument" "echo '$r 0' > $h/subchannels"
	vm_check subchan-bad-count-17 fails_with "Invalid argument" "echo '$r 17' > $h/subchannels"
	vm_check subchan-offer-2 sh -c "echo '$r 2' > $h/subchannels"
	vm_check subchan-offer-1-more sh -c "echo '$r 1' > $h/subchannels"
else
	r=1
	vm_fail bench-opened "no echo channel opened"
fi
wait $bench_pid
dmesg | grep 'lumen_bench: ' | sed 's/^.*lumen_bench: //' > /tmp/bench.log
vm_log "bench on relid $r: $(tr '\n' ';' < /tmp/bench.log)"
vm_check bench-unload rmmod lumen_vmbus_bench
vm_check bench-round-trips sh -c "grep -Eq '^echo_round_trips_per_s size=64 value=[1-9]' /tmp/bench.log"
vm_check bench-no-error sh -c "! grep -Eq 'failed|did not open|no echo' /tmp/bench.log"
vm_log "hvsim stats: $(tr "\n" " " < $h/stats)"
vm_check bench-relid-is-mnf sh -c "grep -q '^$r .* mnf=[0-9]*\$' $h/devices"
vm_check mnf-signals-counted test "$(stat mnf_signals)" -gt "$sig0"
vm_check mnf-no-stray test "$(stat mnf_stray)" -eq 0
vm_log "hvsim devices with sub-channels: $(tr "\n" ";" < $h/devices)"
vm_check subchan-three-offered test "$(grep -c " sub [0-9]* of $r" $h/devices)" -eq 3
vm_check subchan-indices-1-2-3 sh -c "grep -q ' sub 1 of $r' $h/devices && \
	grep -q ' sub 2 of $r' $h/devices && grep -q ' sub 3 of $r' $h/devices"
vm_check subchan-same-instance test "$(awk -v p="of $r" '$0 ~ " sub [0-9]* " p { print $3 }' $h/devices | sort -u)" = "$(host_inst "$r")"
vm_check subchan-inherit-mnf test "$(grep " sub [0-9]* of $r" $h/devices | grep -c ' mnf=')" -eq 3
subs=$(awk -v p="of $r" '$0 ~ " sub [0-9]* " p { print $1 }' $h/devices | tr '\n' ' ')
vm_log "sub-channel relids: $subs"
vm_check guest-clean-after-subchan guest_clean
vm_check host-clean-after-subchan host_clean

# Rescind the primary: its sub-channels go first, each released on its own.
vm_check rescind-primary sh -c "echo $r > $h/rescind"
vm_check guest-released-primary wait_for 10 sh -c "! awk '\$1 == $r { f = 1 } END { exit !f }' $h/devices"
for s in $subs; do
	vm_check "guest-released-sub-$s" wait_for 10 sh -c "! awk '\$1 == $s { f = 1 } END { exit !f }' $h/devices"
done
vm_check subchan-all-gone sh -c "! grep -q ' sub ' $h/devices"

# Rescind the unopened mnf device; its relid and monitor id come back.
inst2=$(host_inst 2)
vm_check rescind-mnf-relid-2 sh -c "echo 2 > $h/rescind"
vm_check guest-dropped-relid-2 wait_for 5 test ! -e "$devs/$inst2"
vm_check guest-released-relid-2 wait_for 10 sh -c "! awk '\$1 == 2 { f = 1 } END { exit !f }' $h/devices"
vm_check add-echo-mnf-again sh -c "echo 'echo mnf' > $h/add_device"
vm_log "hvsim devices after rescinds: $(tr "\n" ";" < $h/devices)"
vm_check relid-1-reused-mnf-0 sh -c "grep -q '^1 .* mnf=0\$' $h/devices"
vm_check guest-clean-after-rescind guest_clean
vm_check host-clean-after-rescind host_clean

# UNLOAD with sub-channels and monitored devices offered, then unload.
vm_check hvsim-unload rmmod hvsim
vm_check guest-disconnected grep -qx 0.0 $dbg/hv_vmbus/version
vm_check hvsim-reload insmod /lib/lumen/hvsim.ko mnf=1 echo_devices=2
vm_check reload-mnf-ids sh -c "grep -q '^1 .* mnf=0\$' $h/devices && grep -q '^2 .* mnf=1\$' $h/devices"
vm_check hvsim-unload-again rmmod hvsim
vm_check hv_vmbus-unload rmmod hv_vmbus
