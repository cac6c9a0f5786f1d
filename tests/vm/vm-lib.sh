# SPDX-License-Identifier: GPL-2.0
#
# Helpers for VM scenarios (sourced; busybox sh). Everything a scenario
# reports goes to fd 3, the results channel:
#   vm_pass NAME            one passed check
#   vm_fail NAME REASON     one failed check
#   vm_check NAME CMD...    run CMD, pass or fail on its exit status
#   vm_kunit MODULE.ko      load a KUnit module and report its suites
#   vm_log TEXT             a free-form line for the person reading the log
#   wait_for SECS CMD...    retry CMD until it succeeds or SECS pass
#   stor_host               the SCSI host number hv_storvsc registered

LUMEN_LIB=/lib/lumen

vm_pass() { echo "RESULT ok $1" >&3; }

# wait_for SECONDS CMD...: retry CMD every 0.1 s; fail after SECONDS.
wait_for() {
	t=$(($1 * 10))
	shift
	while ! "$@" >/dev/null 2>&1; do
		t=$((t - 1))
		[ $t -gt 0 ] || return 1
		sleep 0.1
	done
}
vm_fail() { echo "RESULT not ok $1 # $2" >&3; }

# stor_host: print the number N of the scsi_host hv_storvsc registered
# (/sys/class/scsi_host/hostN); fail if there is none.
stor_host() {
	# Its own variable name: scenarios' globals are not touched.
	for _stor_h in /sys/class/scsi_host/host*; do
		[ "$(cat "$_stor_h/proc_name" 2>/dev/null)" = hv_storvsc ] &&
			{ basename "$_stor_h" | sed 's/host//'; return 0; }
	done
	return 1
}
vm_log() { echo "LOG $*" >&3; }

vm_check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then
		vm_pass "$name"
	else
		vm_fail "$name" "$(echo "$out" | tail -n 1)"
	fi
}

# vm_kunit FILE.ko: insmod runs the module's suites; their KTAP results
# are read from debugfs before the module (and its debugfs files) goes.
vm_kunit() {
	ko=$1
	mod=$(basename "$ko" .ko)
	before=$(ls /sys/kernel/debug/kunit 2>/dev/null)
	echo "KUNIT-MODULE $mod" >&3
	if ! out=$(insmod "$ko" 2>&1); then
		vm_fail "kunit-load-$mod" "$out"
		return 1
	fi
	found=0
	for d in /sys/kernel/debug/kunit/*; do
		suite=$(basename "$d")
		echo "$before" | grep -qx "$suite" && continue
		found=1
		echo "KTAP-BEGIN $suite" >&3
		cat "$d/results" >&3
		echo "KTAP-END $suite" >&3
	done
	[ $found -eq 1 ] || vm_fail "kunit-suites-$mod" "no suite registered"
	vm_check "kunit-unload-$mod" rmmod "$mod"
}
