# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 300
# hv_vmbus and hvsim loaded and unloaded 50 times: connect, offers, UNLOAD,
# teardown each time. The kmemleak scan at the end of the run and the
# kernel-log checks catch leaks and splats.

dbg=/sys/kernel/debug
i=0
fails=0
while [ $i -lt 50 ]; do
	if ! insmod /lib/lumen/hv_vmbus.ko || ! insmod /lib/lumen/hvsim.ko ||
	   ! grep -qx 5.3 $dbg/hv_vmbus/version ||
	   ! rmmod hvsim || ! rmmod hv_vmbus; then
		fails=$((fails + 1))
		vm_log "reload round $i failed"
		rmmod hvsim 2>/dev/null
		rmmod hv_vmbus 2>/dev/null
	fi
	i=$((i + 1))
done
if [ $fails -eq 0 ]; then
	vm_pass reload-50-times
else
	vm_fail reload-50-times "$fails of 50 rounds failed"
fi
vm_check reload-nothing-left sh -c '! grep -qE "^(hv_vmbus|hvsim) " /proc/modules'
