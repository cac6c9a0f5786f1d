# SPDX-License-Identifier: GPL-2.0
# VMBus connection against hvsim: with hvsim capped at each version from 5.3
# down to 0.13 the guest negotiates exactly that version (every fallback
# step, including the INVALID_CONNECTION_ID fallback below 5.0); the
# guest's own max_version caps it; UNLOAD and reconnect work.

dbg=/sys/kernel/debug
versions="5.3 5.2 5.1 5.0 4.1 4.0 3.0 2.4 1.1 0.13"

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
for v in $versions; do
	vm_check "hvsim-load-$v" insmod /lib/lumen/hvsim.ko max_version=$v
	vm_check "guest-version-$v" grep -qx "$v" $dbg/hv_vmbus/version
	vm_check "host-version-$v" grep -qx "$v" $dbg/hvsim/version
	vm_check "no-bad-messages-$v" sh -c \
		"! grep -E '^(bad_|unexpected) [1-9]' $dbg/hv_vmbus/connection"
	vm_check "hvsim-unload-$v" rmmod hvsim
	vm_check "guest-disconnected-$v" grep -qx 0.0 $dbg/hv_vmbus/version
done
vm_check unload-hv_vmbus rmmod hv_vmbus

# The guest's cap wins over a newer host.
vm_check load-hv_vmbus-capped insmod /lib/lumen/hv_vmbus.ko max_version=4.0
vm_check hvsim-load-capped insmod /lib/lumen/hvsim.ko max_version=5.3
vm_check guest-capped-4.0 grep -qx 4.0 $dbg/hv_vmbus/version
vm_check hvsim-unload-capped rmmod hvsim
vm_check unload-hv_vmbus-capped rmmod hv_vmbus

# Reconnect: UNLOAD, then contact again, 20 times. Each round must load,
# connect at 5.3, unload and leave the guest disconnected; the verdict
# counts the rounds that did all four.
vm_check load-hv_vmbus-again insmod /lib/lumen/hv_vmbus.ko
i=0
good=0
why=""
while [ $i -lt 20 ]; do
	if ! insmod /lib/lumen/hvsim.ko; then
		why="round $i: hvsim did not load"
	elif ! grep -qx 5.3 $dbg/hv_vmbus/version; then
		why="round $i: version $(cat $dbg/hv_vmbus/version)"
		rmmod hvsim
	elif ! rmmod hvsim; then
		why="round $i: hvsim did not unload"
	elif ! grep -qx 0.0 $dbg/hv_vmbus/version; then
		why="round $i: still connected after unload"
	else
		good=$((good + 1))
	fi
	i=$((i + 1))
done
if [ $good -eq 20 ]; then
	vm_pass reconnect-20-times
else
	vm_fail reconnect-20-times "$good of 20 rounds; last failure: $why"
fi
vm_check unload-hv_vmbus-final rmmod hv_vmbus
