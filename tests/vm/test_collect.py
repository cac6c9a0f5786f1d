#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Self-test of tests/vm/collect.py: the VM harness's verdict logic.

Each named row is a pair of channel logs and the verdict the harness must
reach. A harness that lets a WARN or a missing test through would make every
VM test meaningless, so these run in make check before any VM boots.
Prints "N passed, N failed".
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import collect  # noqa: E402

KTAP_PASS = """KTAP-BEGIN demo_suite
KTAP version 1
1..1
    KTAP version 1
    # Subtest: demo_suite
    # module: demo
    1..2
    ok 1 case_one
        KTAP version 1
        # Subtest: case_two
        ok 1 row a
        ok 2 row b
    # case_two: pass:2 fail:0 skip:0 total:2
    ok 2 case_two
# demo_suite: pass:2 fail:0 skip:0 total:2
ok 1 demo_suite
KTAP-END demo_suite
"""
KUNIT_MOD = "KUNIT-MODULE demo\n"
DONE = "KMEMLEAK-BEGIN\nKMEMLEAK-END\nLUMEN-VM-DONE\n"
CLEAN_CONSOLE = "[    1.0] Run /init as init process\n"

# name, results channel, console, expected kunit modules,
# expected failure names (empty = the run passes)
ROWS = [
    ("clean_run_passes", KUNIT_MOD + KTAP_PASS + DONE, CLEAN_CONSOLE,
     ["demo"], []),
    ("failed_kunit_case", KUNIT_MOD + KTAP_PASS.replace(
        "    ok 1 case_one", "    not ok 1 case_one") + DONE,
     CLEAN_CONSOLE, ["demo"], ["demo_suite.case_one"]),
    ("failed_kunit_case_detail", KUNIT_MOD + KTAP_PASS.replace(
        "    ok 1 case_one", "    # case_one: EXPECTATION FAILED at x.c:7\n"
        "    Expected a == 2, but\n        a == 1 (0x1)\n"
        "    not ok 1 case_one") + DONE,
     CLEAN_CONSOLE, ["demo"], ["demo_suite.case_one"]),
    ("missing_kunit_case", KUNIT_MOD + KTAP_PASS.replace(
        "    ok 1 case_one\n", "") + DONE,
     CLEAN_CONSOLE, ["demo"], ["demo_suite.plan"]),
    ("missing_kunit_module", DONE, CLEAN_CONSOLE, ["demo"],
     ["kunit-module-demo"]),
    ("vm_did_not_finish", KUNIT_MOD + KTAP_PASS, CLEAN_CONSOLE, ["demo"],
     ["vm-completed"]),
    ("scenario_exit_status", "SCENARIO-END x rc=1\n" + DONE, CLEAN_CONSOLE,
     [], ["scenario-x"]),
    ("scenario_failed_check", "RESULT not ok load-x # insmod failed\n" + DONE,
     CLEAN_CONSOLE, [], ["load-x"]),
    ("warn_on_in_console", DONE,
     "------------[ cut here ]------------\n"
     "WARNING: CPU: 0 PID: 1 at vmbus/vmbus_main.c:15 vmbus_init+0x1/0x2\n",
     [], ["kernel-warn"]),
    ("oops_in_console", DONE, "Oops: 0000 [#1] PREEMPT SMP KASAN\n", [],
     ["kernel-oops"]),
    ("panic_in_console", "", "Kernel panic - not syncing: Fatal exception\n",
     [], ["kernel-panic", "vm-completed"]),
    ("kasan_report", DONE,
     "BUG: KASAN: slab-out-of-bounds in vmbus_init+0x1/0x2\n", [],
     ["kernel-kasan"]),
    ("ubsan_report", DONE,
     "UBSAN: shift-out-of-bounds in vmbus/ring.c:10:5\n", [],
     ["kernel-ubsan"]),
    ("lockdep_splat", DONE,
     "WARNING: possible circular locking dependency detected\n", [],
     ["kernel-lockdep"]),
    ("sleep_in_atomic", DONE,
     "BUG: sleeping function called from invalid context at mm/slub.c:1\n",
     [], ["kernel-bug"]),
    ("kmemleak_leak", "KMEMLEAK-BEGIN\n"
     "unreferenced object 0xffff888003c1a000 (size 64):\n"
     "KMEMLEAK-END\nLUMEN-VM-DONE\n", CLEAN_CONSOLE, [], ["kmemleak"]),
    ("orderly_poweroff_seen", "EXPECT-ORDERLY-POWEROFF\nORDERLY-POWEROFF\n"
     + DONE, CLEAN_CONSOLE, [], []),
    ("orderly_poweroff_missing", "EXPECT-ORDERLY-POWEROFF\n" + DONE,
     CLEAN_CONSOLE, [], ["orderly-poweroff"]),
    ("orderly_poweroff_unasked", "ORDERLY-POWEROFF\n" + DONE, CLEAN_CONSOLE,
     [], ["orderly-poweroff"]),
    ("kunit_skip_is_counted", KUNIT_MOD + KTAP_PASS.replace(
        "    ok 1 case_one", "    ok 1 case_one # SKIP no hvsim") + DONE,
     CLEAN_CONSOLE, ["demo"], []),
]


def main():
    passed = failed = 0
    for name, results, console, expect_kunit, want in ROWS:
        verdict = collect.judge(results, console, expect_kunit)
        got = sorted(n for s, n, _ in verdict.rows if s == "fail")
        ok = got == sorted(want)
        if name == "kunit_skip_is_counted":
            ok = ok and verdict.count("skip") == 1
        if name == "failed_kunit_case_detail":
            detail = [d for s, n, d in verdict.rows if s == "fail"]
            ok = ok and "x.c:7" in detail[0] and "a == 1" in detail[0]
        if name == "clean_run_passes":
            ok = ok and verdict.count("ok") >= 3
        if ok:
            passed += 1
            print(f"ok {name}")
        else:
            failed += 1
            print(f"not ok {name} # failures {got}, wanted {sorted(want)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
