# SPDX-License-Identifier: GPL-2.0
# make demo: show the Lumen stack coming up against hvsim and going away.
# Loading hvsim attaches the simulated hypervisor and hv_vmbus connects.
# The driver modules are still skeletons; this grows with each driver.

order="hv_vmbus hvsim hv_utils hv_storvsc hv_netvsc"
rev="hv_netvsc hv_storvsc hv_utils hvsim hv_vmbus"

vm_log "kernel $(uname -r), $(nproc) CPUs"
for m in $order; do
	vm_check "load-$m" insmod /lib/lumen/$m.ko
done
vm_log "hvsim offers VMBus up to $(cat /sys/kernel/debug/hvsim/max_version);" \
	"the guest negotiated $(cat /sys/kernel/debug/hv_vmbus/version)"
vm_log "connection: $(tr '\n' ' ' < /sys/kernel/debug/hv_vmbus/connection)"
vm_log "loaded modules:"
grep -E '^(hv_vmbus|hvsim|hv_utils|hv_storvsc|hv_netvsc) ' /proc/modules |
	while read -r name size refs _; do vm_log "  $name size=$size refs=$refs"; done
dmesg | grep -E '(hv_vmbus|hvsim|hv_utils|hv_storvsc|hv_netvsc): ' |
	while read -r line; do vm_log "  dmesg: $line"; done
for m in $rev; do
	vm_check "unload-$m" rmmod $m
done
