# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 120
# Heartbeat IC end to end: hvsim offers a heartbeat channel, negotiates
# as Hyper-V does and sends a heartbeat every 100 ms; hv_utils answers each
# with its sequence number plus one. hvsim must see 20 correct answers in
# a row and no wrong one. Then hvsim sends malformed requests (cut inside
# the IC header, an unknown type, a body too short, NEGOTIATEs whose counts
# overrun the message or exceed 100): the guest drops the first, answers
# the others with HV_E_FAIL and keeps answering heartbeats. Unloading
# hv_utils closes the channel cleanly.

dbg=/sys/kernel/debug
hb=$dbg/hvsim/heartbeat

# stat NAME: one counter from hvsim/heartbeat/stats.
stat() {
	awk -v k="$1:" '$1 == k { print $2 }' $hb/stats
}

# stat_ge NAME N: the counter is at least N now.
stat_ge() {
	test "$(stat "$1")" -ge "$2"
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko echo_devices=0 devices=heartbeat
vm_check heartbeat-interval sh -c "echo 100 > $hb/interval_ms"
vm_check load-hv_utils insmod /lib/lumen/hv_utils.ko
vm_check heartbeat-negotiated wait_for 20 stat_ge negotiated 1
vm_check heartbeat-versions sh -c \
	"grep -qx 'framework: 3.0' $hb/stats && grep -qx 'message: 3.0' $hb/stats"
vm_check heartbeat-20-successive wait_for 60 stat_ge successive 20
vm_log "heartbeat stats: $(tr '\n' ' ' < $hb/stats)"

for k in short unknown_type body_short neg_overrun neg_too_many; do
	vm_check "inject-$k" wait_for 10 sh -c "echo $k > $hb/inject"
done
vm_check malformed-requests-refused wait_for 20 stat_ge refused 4
n=$(stat answered)
vm_check heartbeats-go-on wait_for 20 stat_ge answered $((n + 5))
vm_log "heartbeat stats: $(tr '\n' ' ' < $hb/stats)"
vm_check five-injected-four-refused test "$(stat injected)" -eq 5 -a "$(stat refused)" -eq 4
# The guest counted each of the five as bad (hv_utils debugfs).
vm_log "guest: $(cat $dbg/hv_utils/* | tr '\n' ' ')"
vm_check guest-counted-five-bad grep -qx 'bad: 5' $dbg/hv_utils/*
vm_check heartbeat-no-seq-errors test "$(stat seq_errors)" -eq 0
vm_check heartbeat-no-bad-replies test "$(stat bad_replies)" -eq 0
vm_check heartbeat-all-ok test "$(stat last_status)" = 0x00000000
vm_check unload-hv_utils rmmod hv_utils
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
