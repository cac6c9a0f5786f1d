#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Storage benchmark: boots the plain test kernel once and runs
# tests/vm/scenarios/bench_storvsc.sh in it (fio 4 KiB random reads at
# QD32 and 1 MiB sequential reads through hv_storvsc + hvsim, then on a
# brd RAM disk over the same region), then prints the figures and ratios
# from the run's log.
#
#   bench/storvsc_bench.sh
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
rc=0
"$top/tests/vm/run.sh" --kernel plain bench_storvsc || rc=$?
sed -n 's/^LOG bench: //p' "$top/build/vm/run-plain/results.log"
exit $rc
