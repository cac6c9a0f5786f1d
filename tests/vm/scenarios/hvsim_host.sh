# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 300
# shellcheck disable=SC2016 # the single quotes hold awk programs
# hvsim's host side on its own: echo devices are offered at load (at every
# protocol version), hot-added devices are offered at once, a rescinded
# device keeps its relid until the guest releases it, the guest sees no bad
# message and hvsim refuses none, and hvsim unloads cleanly (UNLOAD drops
# every device's relid; a reconnect starts again at relid 1).

dbg=/sys/kernel/debug
h=$dbg/hvsim
conn=$dbg/hv_vmbus/connection
echo_guid=bf540ecf-acb3-4187-9878-f4d307853dba

# Number of hvsim devices of the echo class whose state is $1.
echo_count() {
	awk -v g=$echo_guid -v s="$1" '$2 == g && $4 == s { n++ } END { print n + 0 }' \
		$h/devices
}

# The guest's offers counter.
guest_offers() {
	awk '$1 == "offers" { print $2 }' $conn
}

guest_clean() {
	! grep -E '^(bad_[a-z]+|unexpected) [1-9]' $conn
}

host_clean() {
	grep -qx 'bad_msgs 0' $h/stats && grep -qx 'refused 0' $h/stats
}


vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko
vm_check connected grep -qx 5.3 $dbg/hv_vmbus/version
vm_log "hvsim devices after load: $(tr "\n" ";" < $h/devices)"
vm_check one-echo-device test "$(wc -l < $h/devices)" -eq 1
vm_check echo-offered-relid-1 awk -v g=$echo_guid \
	'$1 == 1 && $2 == g && ($4 == "offered" || $4 == "open") { ok = 1 } END { exit !ok }' \
	$h/devices
vm_check guest-saw-offer test "$(guest_offers)" -ge 1
vm_check guest-no-bad-messages guest_clean
vm_check host-no-bad-messages host_clean

# Hot add: offered at once with the next relid.
vm_check add-echo sh -c "echo echo > $h/add_device"
vm_check two-echo-devices test "$(wc -l < $h/devices)" -eq 2
vm_check hot-added-relid-2 awk -v g=$echo_guid \
	'$1 == 2 && $2 == g && $4 != "idle" { ok = 1 } END { exit !ok }' $h/devices
vm_check instances-differ test "$(awk '{ print $3 }' $h/devices | sort -u | wc -l)" -eq 2
vm_check guest-saw-hot-add wait_for 5 sh -c "test \$(awk '\$1 == \"offers\" { print \$2 }' $conn) -ge 2"
vm_check add-unknown-class-fails sh -c "! echo nosuch > $h/add_device"

# Rescind relid 2: the relid stays reserved until RELID_RELEASED.
vm_check rescind-relid-2 sh -c "echo 2 > $h/rescind"
vm_check rescind-unknown-relid-fails sh -c "! echo 77 > $h/rescind"
vm_check rescind-garbage-fails sh -c "! echo x > $h/rescind"
vm_log "hvsim devices after rescind: $(tr "\n" ";" < $h/devices)"
vm_check relid-1-untouched awk '$1 == 1 && $4 != "rescinded" { ok = 1 } END { exit !ok }' \
	$h/devices
# The guest must answer a rescind with RELID_RELEASED; hvsim then forgets
# the device and relid 2 is free again.
vm_check guest-released-relid-2 wait_for 10 sh -c \
	"! awk '\$1 == 2 { f = 1 } END { exit !f }' $h/devices"
vm_check relid-2-reused sh -c "echo echo > $h/add_device && \
	awk '\$1 == 2 && \$4 != \"idle\" { ok = 1 } END { exit !ok }' $h/devices"
vm_check guest-no-bad-messages-after-rescind guest_clean
vm_check host-no-bad-messages-after-rescind host_clean
vm_log "hvsim stats: $(tr "\n" " " < $h/stats)"
vm_check hvsim-unload rmmod hvsim
vm_check guest-disconnected grep -qx 0.0 $dbg/hv_vmbus/version

# Several devices at load, offered in order at every version hvsim speaks.
for v in 5.3 5.0 4.1 3.0 2.4 1.1 0.13; do
	vm_check "load-3-echo-$v" insmod /lib/lumen/hvsim.ko max_version=$v echo_devices=3
	vm_check "connected-$v" grep -qx $v $dbg/hv_vmbus/version
	vm_check "three-offered-$v" sh -c \
		"test \$(awk '\$2 == \"$echo_guid\" && \$1 >= 1 && \$1 <= 3 && \$4 != \"idle\"' $h/devices | wc -l) -eq 3"
	vm_check "guest-clean-$v" guest_clean
	vm_check "host-clean-$v" host_clean
	vm_check "unload-3-echo-$v" rmmod hvsim
done

# No device at all: nothing offered, still connects.
before=$(guest_offers)
vm_check load-no-echo insmod /lib/lumen/hvsim.ko echo_devices=0
vm_check no-devices test "$(wc -l < $h/devices)" -eq 0
after=$(guest_offers)
vm_check no-offers sh -c "test $after -eq $before || test $after -eq 0"
vm_check hot-add-after-empty-connect sh -c "echo echo > $h/add_device"
vm_check hot-add-offered-relid-1 awk '$1 == 1 && $4 != "idle" { ok = 1 } END { exit !ok }' \
	$h/devices
vm_check unload-no-echo rmmod hvsim

# Too many devices: refused at load.
vm_check too-many-devices-refused sh -c "! insmod /lib/lumen/hvsim.ko echo_devices=65"

# UNLOAD and reconnect: every connection starts again at relid 1.
i=0
while [ $i -lt 10 ]; do
	insmod /lib/lumen/hvsim.ko echo_devices=2 || vm_fail "reconnect-load-$i" insmod
	echo echo > $h/add_device || vm_fail "reconnect-add-$i" add_device
	echo 1 > $h/rescind || vm_fail "reconnect-rescind-$i" rescind
	awk '$1 == 2 && $4 != "idle" { ok = 1 } END { exit !ok }' $h/devices ||
		vm_fail "reconnect-relid-$i" "$(cat $h/devices)"
	rmmod hvsim || vm_fail "reconnect-unload-$i" rmmod
	i=$((i + 1))
done
vm_pass reconnect-10-times
vm_check unload-hv_vmbus rmmod hv_vmbus
vm_check nothing-left sh -c '! grep -qE "^(hv_vmbus|hvsim) " /proc/modules'
