# SPDX-License-Identifier: GPL-2.0
# make demo: the Lumen stack against hvsim. Loading hvsim attaches the
# simulated hypervisor; hv_vmbus negotiates, requests offers and turns them
# into devices on the vmbus bus; an echo round trip crosses a channel.
# The network, storage and utility drivers are still skeletons.

order="hv_vmbus hvsim hv_utils hv_storvsc hv_netvsc"
rev="hv_netvsc hv_storvsc hv_utils hvsim hv_vmbus"
dbg=/sys/kernel/debug

vm_log "kernel $(uname -r), $(nproc) CPUs"
for m in $order; do
	vm_check "load-$m" insmod /lib/lumen/$m.ko
done
vm_log "hvsim offers VMBus up to $(cat $dbg/hvsim/max_version);" \
	"the guest negotiated $(cat $dbg/hv_vmbus/version)"
vm_log "connection: $(tr '\n' ' ' < $dbg/hv_vmbus/connection)"

vm_log "devices hvsim offered, in /sys/bus/vmbus/devices:"
for d in /sys/bus/vmbus/devices/*; do
	[ -e "$d/class_id" ] || continue
	vm_log "  $(basename "$d") class=$(cat "$d/class_id")" \
		"relid=$(cat "$d/relid") cpu=$(cat "$d/target_cpu")" \
		"modalias=$(sed -n 's/^MODALIAS=//p' "$d/uevent")"
done
vm_check devices-offered sh -c 'ls /sys/bus/vmbus/devices | grep -q .'

# The echo KUnit suite binds to the echo device and does round trips.
insmod /lib/lumen/kunit/lumen_echo_test.ko
grep -E '^    (ok|not ok) ' $dbg/kunit/lumen_vmbus_echo/results |
	while read -r line; do vm_log "  echo: $line"; done
vm_check echo-round-trip grep -q 'ok [0-9]* chan_send_inband_sizes' \
	$dbg/kunit/lumen_vmbus_echo/results
d=$(ls -d /sys/bus/vmbus/devices/* | head -n 1)
vm_log "after the suite: $(basename "$d") interrupts=$(cat "$d/interrupts")" \
	"signals=$(cat "$d/signals") bad_packets=$(cat "$d/bad_packets")"
rmmod lumen_echo_test

vm_log "loaded modules:"
grep -E '^(hv_vmbus|hvsim|hv_utils|hv_storvsc|hv_netvsc) ' /proc/modules |
	while read -r name size refs _; do vm_log "  $name size=$size refs=$refs"; done
for m in $rev; do
	vm_check "unload-$m" rmmod $m
done
