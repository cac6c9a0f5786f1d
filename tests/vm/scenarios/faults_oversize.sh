# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 240
# shellcheck disable=SC2016 # the single quotes hold awk programs
# hvsim's faults/oversize on every driver's channel: a well-formed in-band
# packet longer than the driver's receive buffer, written into the
# host-to-guest ring as every host packet is. The guest must take it off
# the ring, count it in the channel's bad_packets, log it (ratelimited)
# and stop the channel; its CPU must not spin on the packet (the TASKLET
# softirqs of 2 s after the injection stay below a bound that grows with
# the channel's traffic; a guest that leaves the packet on the ring
# reschedules its channel tasklet forever).
#
# Channels: the echo device opened by the benchmark module (buffer 64 KiB
# + 128 bytes), the SCSI controller's sub-channel and primary (hv_storvsc,
# 256-byte buffer). The integration services (heartbeat, shutdown,
# timesync, kvp, vss) get the longest packet their 16 KiB ring takes: their
# buffer is the size of the ring, so no packet can be longer than it, and
# the guest must count the packet as a bad IC message (hv_utils debugfs)
# and keep serving. Then the rest still works: the heartbeat is answered, a
# hot-added echo device comes and goes, the modules unload.

dbg=/sys/kernel/debug
h=$dbg/hvsim
f=$h/faults
devs=/sys/bus/vmbus/devices
bench=/lib/lumen/lumen_vmbus_bench.ko
# TASKLET softirqs allowed in the 2 s after an injection: SPIN_BASE, and
# SPIN_PER_PKT for each packet the host took off or wrote to that channel
# meanwhile (traffic brings a tasklet or two per packet). An idle guest
# runs about 25; one spinning channel tasklet, tens of thousands.
SPIN_BASE=200
SPIN_PER_PKT=4

# host_relid CLASS-GUID-PREFIX: relid of that class's primary channel.
host_relid() {
	awk -v c="$1" 'index($2, c) == 1 && !/ sub / { print $1; exit }' $h/devices
}
# host_sub RELID: relid of that primary's first sub-channel.
host_sub() {
	awk -v p="$1" '/ sub / && $NF == p { print $1; n++; exit } END { exit !n }' $h/devices
}
# host_col RELID N: column N of that device's line in hvsim's devices,
# without its "name=".
host_col() {
	awk -v r="$1" -v n="$2" '$1 == r { sub(/^[a-z_]+=/, "", $n); print $n }' $h/devices
}
state_is() { test "$(host_col "$1" 4)" = "$2"; }
out_above() { test "$(host_col "$1" 7)" -gt "$2"; }
fstat() { awk -v k="$1" '$1 == k { print $2 }' $f/stats; }
# chan_bad RELID: the guest's bad_packets of that channel.
chan_bad() { cat $devs/*/channels/"$1"/bad_packets; }
bad_is() {
	b=$(chan_bad "$1")
	[ "$b" -eq "$2" ] || { echo "bad_packets of relid $1: $b, want $2"; return 1; }
}
# eventually SECS CMD...: wait_for, then once more to report why not.
eventually() {
	t=$1
	shift
	wait_for "$t" "$@" || "$@"
}
# host_pkts RELID: packets hvsim took off and wrote to that channel.
host_pkts() { echo $(($(host_col "$1" 6) + $(host_col "$1" 7))); }
# spin_ok N PKTS: N TASKLET softirqs in 2 s with PKTS packets of traffic
# is not a spinning CPU.
spin_ok() {
	max=$((SPIN_BASE + SPIN_PER_PKT * $2))
	[ "$1" -le $max ] || { echo "$1 TASKLET softirqs in 2 s, $2 packets: at most $max"; return 1; }
}
# tasklets: TASKLET softirqs run so far, all CPUs.
tasklets() { awk '$1 == "TASKLET:" { for (i = 2; i <= NF; i++) n += $i; print n }' /proc/softirqs; }
# knob_fails WHAT LINE: writing LINE to oversize fails with that strerror.
knob_fails() {
	out=$(sh -c "echo '$2' > $f/oversize" 2>&1) && { echo "accepted"; return 1; }
	echo "$out" | grep -qi "$1" || { echo "$out"; return 1; }
}
# ic_bad_is INSTANCE N: the guest's IC counted N bad messages there.
ic_bad() { awk '$1 == "bad:" { print $2 }' "$dbg/hv_utils/$1"; }
ic_bad_is() {
	b=$(ic_bad "$1")
	[ "$b" -eq "$2" ] || { echo "IC bad messages $b, want $2"; return 1; }
}
hb_answered() { awk '$1 == "answered:" { print $2 }' $h/heartbeat/stats; }
answered_ge() { test "$(hb_answered)" -ge "$1"; }
# logged RELID: the guest's core logged the oversized packet there.
logged() {
	dmesg | grep -q "relid $1: .*(-90); channel stopped" ||
		{ echo "no 'relid $1: ... (-90); channel stopped' in the kernel log"; return 1; }
}
has_chan() { ls $devs/*/channels/"$1" >/dev/null 2>&1; }

# inject NAME RELID BYTES: one oversized packet; check that hvsim wrote it
# and the CPU did not spin.
inject() {
	q0=$(fstat oversize_packets)
	out0=$(host_col "$2" 7)
	p0=$(host_pkts "$2")
	t0=$(tasklets)
	vm_check "$1-inject" sh -c "echo '$2 $3' > $f/oversize"
	sleep 2
	spin=$(($(tasklets) - t0))
	pkts=$(($(host_pkts "$2") - p0))
	vm_log "$1: relid $2, $3 bytes: $spin TASKLET softirqs, $pkts packets in 2 s"
	vm_check "$1-host-counted" test "$(fstat oversize_packets)" -eq $((q0 + 1))
	vm_check "$1-host-wrote" wait_for 5 out_above "$2" "$out0"
	vm_check "$1-no-spin" spin_ok "$spin" "$pkts"
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko devices=scsi,heartbeat,shutdown,timesync,kvp,vss scsi_luns=1 scsi_lun_mb=16
vm_check heartbeat-interval sh -c "echo 100 > $h/heartbeat/interval_ms"
vm_check load-hv_utils insmod /lib/lumen/hv_utils.ko
vm_check load-hv_storvsc insmod /lib/lumen/hv_storvsc.ko
vm_check scsi-host wait_for 20 stor_host
scsi=$(host_relid ba6163d9)
vm_check scsi-primary-open wait_for 20 state_is "$scsi" open
# Two vCPUs: hv_storvsc asks for one sub-channel.
vm_check scsi-sub-offered wait_for 20 host_sub "$scsi"
sub=$(host_sub "$scsi")
vm_check scsi-sub-open wait_for 20 state_is "$sub" open
lun0=/sys/bus/scsi/devices/$(stor_host):0:0:0/block
vm_check disk wait_for 30 ls "$lun0"
vm_check disk-read dd if="/dev/$(ls "$lun0")" of=/dev/null bs=4k count=16
vm_log "hvsim devices: $(tr '\n' ';' < $h/devices)"

# --- The knob's refusals.
hb=$(host_relid 57164f39)
vm_check oversize-no-relid knob_fails "no such file" "1999 4096"
# The echo channel is not open until the benchmark opens it.
vm_check oversize-closed knob_fails "bad state" "$(host_relid bf540ecf) 4096"
vm_check oversize-no-bytes knob_fails "invalid" "$hb"
vm_check oversize-unaligned knob_fails "invalid" "$hb 4100"
vm_check oversize-below-descriptor knob_fails "invalid" "$hb 8"
vm_check oversize-past-len8 knob_fails "invalid" "$hb 524288"
# 16 KiB ring: a control page and 12 KiB of data.
vm_check oversize-past-ring knob_fails "too long" "$hb 12288"
vm_check oversize-refusals-not-counted test "$(fstat oversize_packets)" -eq 0

# --- Integration services: the longest packet the ring takes (12 KiB
# less the trailer and the 8-byte gap) is within the 16 KiB buffer, so
# the guest takes it and refuses it as an IC message.
for ic in heartbeat:57164f39 shutdown:0e0b6031 timesync:9527e630 kvp:a9a0f4e7 vss:35fa2e29; do
	ch=${ic%%:*}
	r=$(host_relid "${ic##*:}")
	inst=$(host_col "$r" 3)
	vm_check "$ch-open" wait_for 20 state_is "$r" open
	b0=$(ic_bad "$inst")
	inject "$ch" "$r" 12272
	vm_check "$ch-guest-bad-ic" eventually 5 ic_bad_is "$inst" $((b0 + 1))
	vm_check "$ch-channel-not-broken" bad_is "$r" 0
done
n=$(hb_answered)
vm_check heartbeat-still-answered wait_for 10 answered_ge $((n + 5))

# --- hv_storvsc: 264 bytes on the sub-channel, 4 KiB on the primary.
for c in scsi-sub:$sub:264 scsi-primary:$scsi:4096; do
	ch=${c%%:*}
	r=${c#*:}
	r=${r%%:*}
	bp0=$(chan_bad "$r")
	inject "$ch" "$r" "${c##*:}"
	vm_check "$ch-bad-packets" eventually 5 bad_is "$r" $((bp0 + 1))
	vm_check "$ch-logged" logged "$r"
done

# --- The echo device, opened by the benchmark module while it does its
# round trips: 68 KiB, past its 64 KiB + 128-byte buffer.
e=$(host_relid bf540ecf)
bp0=$(chan_bad "$e")
dmesg -c > /dev/null
insmod $bench &
pid=$!
if wait_for 10 state_is "$e" open; then
	inject echo "$e" 69632
else
	vm_fail echo-inject "channel never opened"
fi
wait $pid
dmesg | grep 'lumen_bench: ' | sed 's/^.*lumen_bench: //' > /tmp/bench.log
vm_log "bench: $(tr '\n' ';' < /tmp/bench.log)"
vm_check echo-io-failed grep -q 'failed: -' /tmp/bench.log
vm_check echo-bad-packets bad_is "$e" $((bp0 + 1))
vm_check echo-logged logged "$e"
vm_check echo-unload-bench rmmod lumen_vmbus_bench
vm_check echo-closed state_is "$e" offered

# --- Everything else still works.
n=$(hb_answered)
vm_check after-heartbeat-answered wait_for 10 answered_ge $((n + 5))
vm_check after-hot-add sh -c "echo echo > $h/add_device"
new=$(tail -n 1 $h/devices | awk '{ print $1 }')
vm_check after-hot-add-seen wait_for 5 has_chan "$new"
vm_check after-rescind sh -c "echo $new > $h/rescind"
vm_check after-rescind-gone wait_for 5 sh -c "! ls $devs/*/channels/$new >/dev/null 2>&1"
vm_check oversize-host-stats test "$(fstat oversize_packets)" -eq 8
vm_log "hvsim devices: $(tr '\n' ';' < $h/devices)"
vm_log "guest connection: $(tr '\n' ' ' < $dbg/hv_vmbus/connection)"
vm_check unload-hv_storvsc rmmod hv_storvsc
vm_check unload-hv_utils rmmod hv_utils
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
