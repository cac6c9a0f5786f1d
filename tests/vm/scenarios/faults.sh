# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 600
# shellcheck disable=SC2016 # the single quotes hold awk programs
# hvsim's fault knobs (/sys/kernel/debug/hvsim/faults/), one by one: the
# guest must survive each, count it in the right counter (debugfs
# hv_vmbus/connection, sysfs bad_packets) and leave its devices alone, and
# the connection must still work afterwards (a hot-added echo device
# appears and goes again). Faults that need an open channel with traffic
# use the benchmark module, which opens the echo channel and does round
# trips for a few seconds. The runner's kernel-log checks then prove that
# no fault caused a lockdep, KASAN, UBSAN, WARN, BUG or kmemleak report.

dbg=/sys/kernel/debug
h=$dbg/hvsim
f=$h/faults
conn=$dbg/hv_vmbus/connection
devs=/sys/bus/vmbus/devices
bench=/lib/lumen/lumen_vmbus_bench.ko


ndev() { ls $devs | wc -l; }
fstat() { awk -v k="$1" '$1 == k { print $2 }' $f/stats; }

# Guest counters: snap, then the change of each since the snap.
snap() { cat $conn > /tmp/conn0; }
deltas() { awk 'NR == FNR { a[$1] = $2; next } $1 != "msg_conn_id" { print $1 "=" $2 - a[$1] }' /tmp/conn0 $conn; }
# conn_moved "bad_proto=2 ...": these moved by that much, every other
# rejection counter not at all (offers may move unless named).
conn_moved() {
	deltas | awk -v want="$1" '
		BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) { split(w[i], kv, "="); e[kv[1]] = kv[2] } }
		{ split($0, kv, "="); x = (kv[1] in e) ? e[kv[1]] : (kv[1] == "offers" ? kv[2] : 0); if (kv[2] != x) bad = 1 }
		END { exit bad }'
}
# check_conn NAME WANT: wait up to 5 s for conn_moved WANT.
check_conn() {
	if wait_for 5 conn_moved "$2"; then
		vm_pass "$1"
	else
		vm_fail "$1" "want $2, moved: $(deltas | grep -v '=0$' | tr '\n' ' ')"
	fi
}

# The echo device the guest has (the bench binds to it): sysfs dir, relid.
echo_dir() { ls -d $devs/* | head -n 1; }
echo_relid() { cat "$(echo_dir)/relid"; }
# host_state RELID: that device's state in hvsim.
host_state() { awk -v r="$1" '$1 == r { print $4 }' $h/devices; }
host_in() { awk -v r="$1" '$1 == r { sub("in=", "", $6); print $6 }' $h/devices; }

# alive: the connection still works: a hot-added echo device appears in
# the guest with hvsim's relid, is rescinded, disappears and its relid is
# released; no rejection counter moves meanwhile.
alive() {
	snap
	echo echo > $h/add_device || return 1
	line=$(tail -n 1 $h/devices)
	relid=${line%% *}
	inst=$(echo "$line" | awk '{ print $3 }')
	wait_for 5 test -e $devs/"$inst" || { echo "no device $inst"; return 1; }
	[ "$(cat $devs/"$inst"/relid)" = "$relid" ] || { echo "relid differs"; return 1; }
	echo "$relid" > $h/rescind || return 1
	wait_for 5 test ! -e $devs/"$inst" || { echo "device stayed"; return 1; }
	wait_for 5 sh -c "! awk '\$1 == $relid { f = 1 } END { exit !f }' $h/devices" ||
		{ echo "relid $relid not released"; return 1; }
	conn_moved "" || { echo "moved: $(deltas | grep -v '=0$' | tr '\n' ' ')"; return 1; }
}

# bench_run: load the benchmark (opens the echo channel, round trips of
# 64, 1024 and 4000 bytes for 2 s each, closes), keep its log in
# /tmp/bench.log, unload it.
bench_run() {
	dmesg -c > /dev/null
	insmod $bench
	dmesg | grep 'lumen_bench: ' | sed 's/^.*lumen_bench: //' > /tmp/bench.log
	rmmod lumen_vmbus_bench
	vm_log "bench: $(tr '\n' ';' < /tmp/bench.log)"
}
# bench_rate SIZE: round trips per second the last run measured.
bench_rate() {
	awk -v s="size=$1" '$1 == "echo_round_trips_per_s" && $2 == s { sub("value=", "", $3); print $3 }' \
		/tmp/bench.log
}
# rate_ok SIZE: the last run did round trips of that size.
rate_ok() {
	rate=$(bench_rate "$1")
	test "${rate:-0}" -gt 0
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko
vm_check connected grep -qx 5.3 $dbg/hv_vmbus/version
vm_check short-response-timeout sh -c "echo 2000 > /sys/module/hv_vmbus/parameters/response_timeout_ms"
vm_check faults-dir-complete sh -c "cd $f && ls msg_truncate msg_oversize bogus_relid dup_offer \
	unknown_type ring_corrupt delay_ms drop_responses drop_completions stall \
	oversize reorder late_subchannel post_fail stats"
vm_check one-guest-device test "$(ndev)" -eq 1
vm_check alive-at-start alive

# --- msg_truncate: messages cut below their type's minimum -> bad_proto.
snap
n0=$(ndev)
echo 2 > $f/msg_truncate
vm_check truncate-armed grep -qx 2 $f/msg_truncate
# RESCIND (12 -> 11 bytes) and OPENCHANNEL_RESULT (20 -> 19) for relid 1500.
vm_check truncate-bogus sh -c "echo 1500 > $f/bogus_relid"
check_conn truncate-counted "bad_proto=2"
vm_check truncate-consumed grep -qx 0 $f/msg_truncate
# A truncated offer (195 bytes): the guest never sees the device.
snap
echo 1 > $f/msg_truncate
echo echo > $h/add_device
lost=$(tail -n 1 $h/devices | awk '{ print $1 }')
check_conn truncate-offer-counted "bad_proto=1 offers=0"
vm_check truncate-offer-no-device test "$(ndev)" -eq "$n0"
# Its rescind names a relid the guest does not know.
snap
vm_check truncate-lost-rescind sh -c "echo $lost > $h/rescind"
check_conn truncate-lost-rescind-counted "bad_other=1"
vm_check truncate-host-stats test "$(fstat truncated)" -eq 3
vm_check truncate-alive alive

# --- msg_oversize: a SynIC payload size of 241..255 -> bad_msgsize.
snap
echo 2 > $f/msg_oversize
vm_check oversize-bogus sh -c "echo 1501 > $f/bogus_relid"
check_conn oversize-counted "bad_msgsize=2"
vm_check oversize-consumed grep -qx 0 $f/msg_oversize
snap
echo 1 > $f/msg_oversize
echo echo > $h/add_device
lost=$(tail -n 1 $h/devices | awk '{ print $1 }')
check_conn oversize-offer-counted "bad_msgsize=1 offers=0"
vm_check oversize-offer-no-device test "$(ndev)" -eq "$n0"
snap
vm_check oversize-lost-rescind sh -c "echo $lost > $h/rescind"
check_conn oversize-lost-rescind-counted "bad_other=1"
vm_check oversize-host-stats test "$(fstat oversized)" -eq 3
vm_check oversize-alive alive

# --- bogus_relid: RESCIND + OPENCHANNEL_RESULT for relids nobody has.
cp $h/devices /tmp/hdev0
for r in 0 2048 0xffffffff; do
	snap
	vm_check "bogus-$r" sh -c "echo $r > $f/bogus_relid"
	check_conn "bogus-$r-bad-range" "bad_range=2 offers=0"
done
snap
vm_check bogus-unused sh -c "echo 1999 > $f/bogus_relid"
# Unknown relid in range: the rescind is refused (bad_other), the result
# matches no request (unexpected).
check_conn bogus-unused-counted "bad_other=1 unexpected=1 offers=0"
vm_check bogus-in-use-refused sh -c "! echo $(echo_relid) > $f/bogus_relid"
vm_check bogus-devices-unchanged test "$(ndev)" -eq "$n0"
vm_check bogus-host-unchanged cmp -s /tmp/hdev0 $h/devices
vm_check bogus-alive alive

# --- dup_offer: the same offer again, and the same instance, new relid.
snap
r=$(echo_relid)
inst=$(basename "$(echo_dir)")
vm_check dup-offer sh -c "echo $r > $f/dup_offer"
check_conn dup-offer-rejected "bad_other=2 offers=2"
vm_check dup-devices-unchanged test "$(ndev)" -eq "$n0"
vm_check dup-same-device test "$(cat $devs/"$inst"/relid)" = "$r"
vm_check dup-unknown-relid-fails sh -c "! echo 1998 > $f/dup_offer"
vm_check dup-alive alive

# --- unknown_type: unknown types -> bad_type; wrong direction or a 6.0
# type at 5.3 -> bad_version.
for t in 30 0xffffffff 0 1000; do
	snap
	vm_check "type-$t" sh -c "echo $t > $f/unknown_type"
	check_conn "type-$t-bad-type" "bad_type=1 offers=0"
done
for t in 3 5 25; do
	snap
	vm_check "type-$t" sh -c "echo $t > $f/unknown_type"
	check_conn "type-$t-bad-version" "bad_version=1 offers=0"
done
vm_check type-devices-unchanged test "$(ndev)" -eq "$n0"
vm_check type-alive alive

# --- ring_corrupt: break the host-to-guest ring of the open echo channel
# while the bench does round trips -> the guest marks the channel broken
# (bad_packets), its I/O fails, it closes cleanly.
for m in index:bad_range unaligned:bad_range len_short:bad_proto len_past:bad_proto; do
	mode=${m%%:*}
	ctr=${m##*:}
	r=$(echo_relid)
	dir=$(echo_dir)
	bp0=$(cat "$dir"/bad_packets)
	nc0=$(fstat rings_corrupted)
	snap
	dmesg -c > /dev/null
	insmod $bench &
	pid=$!
	if wait_for 10 sh -c "test \"\$(awk '\$1 == $r { print \$4 }' $h/devices)\" = open"; then
		vm_check "corrupt-$mode" sh -c "echo '$r $mode' > $f/ring_corrupt"
		vm_check "corrupt-$mode-host-did-it" wait_for 5 sh -c \
			"test \$(awk '\$1 == \"rings_corrupted\" { print \$2 }' $f/stats) -eq $((nc0 + 1))"
		vm_check "corrupt-$mode-guest-bad-packets" wait_for 5 sh -c \
			"test \$(cat $dir/bad_packets) -eq $((bp0 + 1))"
	else
		vm_fail "corrupt-$mode" "channel never opened"
	fi
	wait $pid
	dmesg | grep 'lumen_bench: ' | sed 's/^.*lumen_bench: //' > /tmp/bench.log
	rmmod lumen_vmbus_bench
	vm_log "bench: $(tr '\n' ';' < /tmp/bench.log)"
	vm_check "corrupt-$mode-guest-io-failed" grep -q 'failed: -5' /tmp/bench.log
	check_conn "corrupt-$mode-counted" "$ctr=1 offers=0"
	vm_check "corrupt-$mode-closed" test "$(host_state "$r")" = offered
	vm_check "corrupt-$mode-not-open-fails" sh -c "! echo $r > $f/ring_corrupt"
done
vm_check corrupt-bad-mode-fails sh -c "! echo '$(echo_relid) nosuch' > $f/ring_corrupt"
vm_check corrupt-host-stats test "$(fstat rings_corrupted)" -eq 4
# The reopened channel works again.
snap
bench_run
vm_check corrupt-reopen-works rate_ok 64
vm_check corrupt-reopen-no-failure sh -c "! grep -q failed /tmp/bench.log"
check_conn corrupt-reopen-clean "offers=0"
vm_check corrupt-alive alive

# --- delay_ms: every response and completion 200 ms late: still works.
echo 200 > $f/delay_ms
vm_check delay-armed grep -qx 200 $f/delay_ms
snap
bench_run
rate=$(bench_rate 64)
vm_check delay-round-trips-work test "${rate:-0}" -ge 1
vm_check delay-round-trips-slow test "${rate:-99}" -le 5
vm_check delay-no-failure sh -c "! grep -q -e failed -e 'did not open' /tmp/bench.log"
vm_check delay-responses-delayed test "$(fstat responses_delayed)" -ge 2
vm_check delay-completions-delayed test "$(fstat completions_delayed)" -ge 2
check_conn delay-clean "offers=0"
vm_check delay-alive alive
echo 0 > $f/delay_ms
vm_check delay-too-long-refused sh -c "! echo 100000 > $f/delay_ms"

# --- drop_completions: one echo completion lost: that round trip times
# out in the driver, the channel stays usable.
echo 1 > $f/drop_completions
snap
bench_run
vm_check dropc-one-timeout grep -q 'round trip of 64 bytes failed: -61' /tmp/bench.log
vm_check dropc-next-works rate_ok 1024
vm_check dropc-last-works rate_ok 4000
vm_check dropc-consumed grep -qx 0 $f/drop_completions
vm_check dropc-host-stats test "$(fstat completions_dropped)" -eq 1
check_conn dropc-clean "offers=0"
vm_check dropc-alive alive

# --- stall: the host stops draining the guest-to-host ring; the guest's
# packet waits, unstall resumes.
r=$(echo_relid)
dir=$(echo_dir)
vm_check stall-set sh -c "echo $r > $f/stall"
vm_check stall-shown sh -c "grep -q '^$r .* stalled\$' $h/devices"
in0=$(host_in "$r")
sig0=$(cat "$dir"/signals)
dmesg -c > /dev/null
insmod $bench &
pid=$!
vm_check stall-guest-sent wait_for 10 sh -c "test \$(cat $dir/signals) -gt $sig0"
sleep 0.5
vm_check stall-host-took-nothing test "$(host_in "$r")" -eq "$in0"
vm_check stall-guest-ring-used sh -c "avail=\$(cat $dir/ring_write_avail); test \$avail -gt 0 -a \$avail -lt 258000"
vm_check stall-resume sh -c "echo 0 > $f/stall"
vm_check stall-host-drained wait_for 5 sh -c "test \$(awk '\$1 == $r { sub(\"in=\", \"\", \$6); print \$6 }' $h/devices) -gt $in0"
wait $pid
dmesg | grep 'lumen_bench: ' | sed 's/^.*lumen_bench: //' > /tmp/bench.log
rmmod lumen_vmbus_bench
vm_log "bench: $(tr '\n' ';' < /tmp/bench.log)"
vm_check stall-then-works rate_ok 4000
vm_check stall-cleared sh -c "! grep -q stalled $h/devices"
vm_check stall-unknown-fails sh -c "! echo 1997 > $f/stall"
vm_check stall-alive alive

# --- drop_responses: a lost GPADL_CREATED: the open times out (2 s), the
# driver reports it; the next open works.
snap
echo '1 10' > $f/drop_responses
vm_check dropr-armed grep -qx '1 10' $f/drop_responses
bench_run
vm_check dropr-gpadl-open-failed grep -q 'did not open' /tmp/bench.log
vm_check dropr-gpadl-consumed grep -qx '0 10' $f/drop_responses
vm_check dropr-gpadl-host-stats test "$(fstat responses_dropped)" -eq 1
bench_run
vm_check dropr-gpadl-recovered rate_ok 64
check_conn dropr-gpadl-clean "offers=0"
vm_check dropr-gpadl-alive alive

# A lost OPENCHANNEL_RESULT: the open times out; the host has the channel
# open, so the guest must close it (CLOSECHANNEL) before it can reopen.
r=$(echo_relid)
echo '1 6' > $f/drop_responses
bench_run
vm_check dropr-open-failed grep -q 'did not open' /tmp/bench.log
vm_check dropr-open-host-stats test "$(fstat responses_dropped)" -eq 2
vm_log "after a lost OPENCHANNEL_RESULT, host state of relid $r: $(host_state "$r")"
vm_check dropr-open-host-closed test "$(host_state "$r")" = offered
bench_run
vm_check dropr-open-reopen-works rate_ok 64
# Whatever happened, a rescind and a new device bring the echo back.
vm_check dropr-open-rescind sh -c "echo $r > $h/rescind"
vm_check dropr-open-device-gone wait_for 5 sh -c "! ls $devs/* >/dev/null 2>&1"
vm_check dropr-open-readd sh -c "echo echo > $h/add_device"
vm_check dropr-open-device-back wait_for 5 sh -c "ls $devs/* >/dev/null 2>&1"
bench_run
vm_check dropr-open-recovered rate_ok 64
vm_check dropr-alive alive
vm_check dropr-bad-type-refused sh -c "! echo '1 3' > $f/drop_responses"

# --- late_subchannel: the host rescinds a primary, then offers one more
# sub-channel of it. The guest refuses that offer (bad_other): the
# primary's teardown has begun and would never drop it (kmemleak at the end
# of the run would see it).
echo echo > $h/add_device
line=$(tail -n 1 $h/devices)
lr=${line%% *}
li=$(echo "$line" | awk '{ print $3 }')
vm_check late-sub-device-up wait_for 5 test -e $devs/"$li"
snap
vm_check late-sub-injected sh -c "echo $lr > $f/late_subchannel"
vm_check late-sub-device-gone wait_for 5 test ! -e $devs/"$li"
check_conn late-sub-refused "bad_other=1"
vm_check late-sub-alive alive

# --- Nothing left armed; the guest and hvsim unload cleanly.
vm_log "hvsim fault stats: $(tr '\n' ' ' < $f/stats)"
vm_log "hvsim stats: $(tr '\n' ' ' < $h/stats)"
vm_log "guest connection: $(tr '\n' ' ' < $conn)"
vm_check hvsim-unload rmmod hvsim
vm_check guest-disconnected grep -qx 0.0 $dbg/hv_vmbus/version
vm_check unload-hv_vmbus rmmod hv_vmbus
