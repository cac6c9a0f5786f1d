# SPDX-License-Identifier: GPL-2.0
# Every Lumen module loads and unloads cleanly, in dependency order, three
# times over (a failed unload or a leak shows up on the later rounds).

order="hv_vmbus hvsim hv_utils hv_storvsc hv_netvsc"
rev="hv_netvsc hv_storvsc hv_utils hvsim hv_vmbus"

for round in 1 2 3; do
	for m in $order; do
		vm_check "load-$m-$round" insmod /lib/lumen/$m.ko
	done
	for m in $order; do
		vm_check "loaded-$m-$round" grep -q "^$m " /proc/modules
	done
	for m in $rev; do
		vm_check "unload-$m-$round" rmmod $m
	done
done
vm_check "all-unloaded" sh -c '! grep -qE "^(hv_vmbus|hvsim|hv_utils|hv_storvsc|hv_netvsc) " /proc/modules'
