# SPDX-License-Identifier: GPL-2.0
# Load every KUnit module under /lib/lumen/kunit; each one runs its suites
# at load time and is unloaded again. vm_kunit reports the KTAP results.

rc=0
for ko in /lib/lumen/kunit/*.ko; do
	[ -e "$ko" ] || { vm_fail kunit-modules "no KUnit module in the image"; exit 1; }
	vm_kunit "$ko" || rc=1
done
exit $rc
