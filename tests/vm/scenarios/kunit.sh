# SPDX-License-Identifier: GPL-2.0
# Load every KUnit module under /lib/lumen/kunit; each one runs its suites
# at load time and is unloaded again. vm_kunit reports the KTAP results.
# hv_vmbus and hvsim (with its echo device) are loaded first, for the
# suites that run against the simulated host; the pure suites ignore them.

vm_check kunit-load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check kunit-load-hvsim insmod /lib/lumen/hvsim.ko
rc=0
for ko in /lib/lumen/kunit/*.ko; do
	[ -e "$ko" ] || { vm_fail kunit-modules "no KUnit module in the image"; exit 1; }
	vm_kunit "$ko" || rc=1
done
vm_check kunit-unload-hvsim rmmod hvsim
vm_check kunit-unload-hv_vmbus rmmod hv_vmbus
exit $rc
