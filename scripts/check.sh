#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every gate, in order, each one run even when an earlier one
# failed, so one run shows everything that is wrong.
#
#   1. userspace tests of the wire headers (tests/user)
#   2. self-test of the VM harness's verdict logic (tests/vm/test_collect.py)
#   3. libFuzzer smoke run of every harness (tests/fuzz)
#   4. distro build gate: Debian 6.1 and 6.12 headers, W=1 and sparse (C=2)
#   5. checkpatch.pl --strict on every source
#   6. kernel-doc on include/ and the modules, with coverage
#   7. the debug test kernel (cached)
#   8. export check: LUMEN namespace, no in-box hv_vmbus export names
#   9. KUnit and the module scenarios in the VM
#
# A stage that prints its own "N passed, N failed" line adds those counts;
# any other stage counts as one test. The last line is the total.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=$top/build/check
rm -rf "$out"
mkdir -p "$out"
passed=0
failed=0
skipped=0
failed_stages=()

# stage NAME CMD...: run CMD, log to build/check/NAME.log, count results.
stage() {
	local name=$1 rc line p f s
	shift
	printf '=== %s\n' "$name"
	"$@" >"$out/$name.log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/$name.log" | tail -n 1)
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
		f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
		s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + ${s:-0}))
		# A stage that died after its summary still fails.
		[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || failed=$((failed + 1))
	elif [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	if [ "$rc" -eq 0 ]; then
		printf '    ok %s %s\n' "$name" "${line:+($line)}"
	else
		failed_stages+=("$name")
		grep -E '^(not ok|ERROR|WARNING|CHECK)|warning:|error:|failed' \
			"$out/$name.log" | head -n 40 | sed 's/^/    /'
		printf '    not ok %s (log: build/check/%s.log)\n' "$name" "$name"
	fi
	return "$rc"
}

distro_gate() {
	local h61 h612
	h61=$(ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null | sort -V | tail -n 1)
	h612=$(ls -d /usr/src/linux-headers-6.12.*+deb12-amd64 2>/dev/null | sort -V | tail -n 1)
	[ -n "$h61" ] && [ -n "$h612" ] || { echo "distro headers missing"; return 1; }
	echo "6.1: $h61"
	echo "6.12: $h612"
	local rc=0
	scripts/build-modules.sh "$h61" build/mod/deb-6.1 W=1 C=2 || rc=1
	scripts/build-modules.sh "$h612" build/mod/deb-6.12 W=1 C=2 || rc=1
	return $rc
}

stage userspace-tests make -s -C tests/user run
stage harness-selftest python3 tests/vm/test_collect.py
stage fuzz-smoke make -s -C tests/fuzz smoke
stage tools make -s -C tools
stage distro-gate distro_gate
stage checkpatch scripts/checkpatch.sh
stage kernel-doc python3 scripts/kdoc-check.py "$(scripts/ksrc.sh)"
if stage test-kernel tests/vm/build-kernel.sh debug; then
	kdir=$(tail -n 1 "$out/test-kernel.log")
	stage vm-kunit tests/vm/run.sh --kernel debug kunit modules connect \
		hvsim_host hvsim_subchan reload faults tools cpu_hotplug \
		tracepoints platform_unload storvsc_io storvsc_rescind \
		storvsc_hotplug storvsc_ide hvsim_storage storvsc_faults \
		ic_heartbeat ic_timesync ic_kvp ic_vss faults_oversize
	# Ends with an orderly poweroff: a boot of its own, last.
	stage vm-shutdown tests/vm/run.sh --kernel debug ic_shutdown
	stage exports scripts/check-exports.sh "$kdir/obj" \
		"build/mod/vm-$(basename "$kdir")"
else
	failed_stages+=("vm-kunit (no kernel)")
	failed=$((failed + 1))
fi

echo
if [ ${#failed_stages[@]} -gt 0 ]; then
	echo "make check: FAILED stages: ${failed_stages[*]}"
fi
summary="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
