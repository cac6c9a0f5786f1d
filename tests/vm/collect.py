#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge one Lumen VM run from its two channels.

The results channel (ttyS1) carries scenario results, KUnit KTAP blocks and
the kmemleak report; the console (ttyS0) carries the kernel log. A run fails
on any failed or missing test, on a scenario that exits non-zero, on a run
that did not finish, and on any kernel report in the console: oops, panic,
BUG, WARN, lockdep, KASAN, UBSAN or a kmemleak leak.

    collect.py --results R --console C [--expect-kunit a,b] [--json OUT]

Prints one line per test and the closing "N passed, N failed" line; exits 1
when anything failed.
"""

import argparse
import json
import re
import sys

# Kernel log lines that fail a run, with the name the failure is reported
# under. Order matters only for the name printed.
CONSOLE_PATTERNS = [
    ("kernel-panic", re.compile(r"Kernel panic - not syncing")),
    ("kernel-oops", re.compile(r"\bOops\b|general protection fault")),
    ("kernel-kasan", re.compile(r"BUG: KASAN:|KASAN:")),
    ("kernel-ubsan", re.compile(r"UBSAN:")),
    ("kernel-lockdep", re.compile(
        r"possible circular locking dependency|possible recursive locking|"
        r"inconsistent lock state|INFO: possible irq lock inversion|"
        r"suspicious RCU usage|BUG: lock held when returning|"
        r"DEBUG_LOCKS_WARN_ON")),
    ("kernel-bug", re.compile(r"\bBUG:")),
    ("kernel-warn", re.compile(r"WARNING: ")),
    ("kernel-kmemleak", re.compile(r"kmemleak: \d+ new suspected memory leak")),
    ("kernel-debugobjects", re.compile(r"ODEBUG:")),
    ("kernel-hung-task", re.compile(r"blocked for more than \d+ seconds")),
]

RESULT_RE = re.compile(r"^RESULT (ok|not ok) (\S+)(?: # (.*))?$")
KTAP_RESULT_RE = re.compile(r"^(\s*)(ok|not ok) \d+ (\S+)(.*)$")
KTAP_PLAN_RE = re.compile(r"^(\s*)1\.\.(\d+)\s*$")
KTAP_SUBTEST_RE = re.compile(r"^(\s*)# Subtest: (\S+)")


class Verdict:
    """Collected test outcomes."""

    def __init__(self):
        self.rows = []  # (status, name, detail), status ok/fail/skip
        self.logs = []  # the scenarios' vm_log lines, for people

    def add(self, status, name, detail=""):
        self.rows.append((status, name, detail))

    def count(self, status):
        return sum(1 for row in self.rows if row[0] == status)


def clean(text):
    return [line.rstrip("\r\n").replace("\r", "") for line in text.splitlines()]


def parse_ktap(suite, lines, verdict):
    """Add the case-level results of one suite's debugfs results file."""
    case_indent = None
    plan = None
    for line in lines:
        m = KTAP_SUBTEST_RE.match(line)
        if m and m.group(2) == suite and case_indent is None:
            case_indent = len(m.group(1))
            continue
        m = KTAP_PLAN_RE.match(line)
        if m and case_indent is not None and plan is None and \
                len(m.group(1)) == case_indent:
            plan = int(m.group(2))
    if case_indent is None:
        verdict.add("fail", f"{suite}", "no '# Subtest' header in KTAP")
        return
    seen = 0
    diag = []  # the case's own "# ..." lines since the previous result
    for line in lines:
        m = KTAP_RESULT_RE.match(line)
        if not m or len(m.group(1)) != case_indent:
            stripped = line.strip()
            if stripped.startswith("#") and "FAILED" in stripped or \
                    stripped.startswith("Expected") or diag and \
                    not stripped.startswith(("#", "ok", "not ok", "KTAP")):
                diag.append(stripped)
            continue
        detail = " | ".join(diag)[:300] or "KUnit case failed"
        diag = []
        seen += 1
        name = f"{suite}.{m.group(3)}"
        rest = m.group(4)
        if "# SKIP" in rest:
            verdict.add("skip", name, rest.split("# SKIP", 1)[1].strip())
        elif m.group(2) == "ok":
            verdict.add("ok", name)
        else:
            verdict.add("fail", name, detail)
    if plan is None:
        verdict.add("fail", f"{suite}.plan", "no test plan")
    elif seen != plan:
        verdict.add("fail", f"{suite}.plan",
                    f"plan says {plan} cases, {seen} reported")


def judge(results_text, console_text, expect_kunit=()):
    verdict = Verdict()
    lines = clean(results_text)
    done = False
    poweroff_expected = poweroff_seen = False
    modules_seen = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = RESULT_RE.match(line)
        if m:
            status = "ok" if m.group(1) == "ok" else "fail"
            verdict.add(status, m.group(2), m.group(3) or "")
        elif line.startswith("LOG "):
            verdict.logs.append(line[4:])
        elif line.startswith("SCENARIO-END "):
            _, name, rc = line.split(" ", 2)
            if rc != "rc=0":
                verdict.add("fail", f"scenario-{name}", f"exited {rc}")
        elif line.startswith("KUNIT-MODULE "):
            modules_seen.add(line.split(" ", 1)[1])
        elif line.startswith("KTAP-BEGIN "):
            suite = line.split(" ", 1)[1]
            block = []
            i += 1
            while i < len(lines) and lines[i] != f"KTAP-END {suite}":
                block.append(lines[i])
                i += 1
            parse_ktap(suite, block, verdict)
        elif line == "KMEMLEAK-BEGIN":
            leaks = []
            i += 1
            while i < len(lines) and lines[i] != "KMEMLEAK-END":
                leaks.append(lines[i])
                i += 1
            objs = [x for x in leaks if x.startswith("unreferenced object")]
            if objs:
                verdict.add("fail", "kmemleak", f"{len(objs)} leaked: {objs[0]}")
            else:
                verdict.add("ok", "kmemleak")
        elif line == "LUMEN-VM-DONE":
            done = True
        elif line == "EXPECT-ORDERLY-POWEROFF":
            poweroff_expected = True
        elif line == "ORDERLY-POWEROFF":
            poweroff_seen = True
        i += 1

    # A scenario that asks for an orderly poweroff (EXPECT-ORDERLY-POWEROFF)
    # must see init receive it (ORDERLY-POWEROFF); nobody else may cause one.
    if poweroff_expected and not poweroff_seen:
        verdict.add("fail", "orderly-poweroff",
                    "expected an orderly poweroff; init never got one")
    elif poweroff_seen and not poweroff_expected:
        verdict.add("fail", "orderly-poweroff", "unexpected orderly poweroff")
    elif poweroff_seen:
        verdict.add("ok", "orderly-poweroff")

    for mod in expect_kunit:
        if mod not in modules_seen:
            verdict.add("fail", f"kunit-module-{mod}", "never loaded")
    if not done:
        verdict.add("fail", "vm-completed",
                    "the VM did not finish (timeout, hang or crash)")

    hits = {}
    for line in clean(console_text):
        for name, pattern in CONSOLE_PATTERNS:
            if pattern.search(line):
                hits.setdefault(name, line.strip())
                break
    for name, _ in CONSOLE_PATTERNS:
        if name in hits:
            verdict.add("fail", name, hits[name])
    if not hits:
        verdict.add("ok", "kernel-log-clean")
    return verdict


def summary_line(verdict):
    line = f"{verdict.count('ok')} passed, {verdict.count('fail')} failed"
    if verdict.count("skip"):
        line += f", {verdict.count('skip')} skipped"
    return line


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--results", required=True)
    ap.add_argument("--console", required=True)
    ap.add_argument("--expect-kunit", default="")
    ap.add_argument("--json")
    args = ap.parse_args()

    def read(path):
        try:
            with open(path, errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    expect = [x for x in args.expect_kunit.split(",") if x]
    verdict = judge(read(args.results), read(args.console), expect)
    for text in verdict.logs:
        print(f"# {text}")
    for status, name, detail in verdict.rows:
        word = {"ok": "ok", "fail": "not ok", "skip": "skip"}[status]
        print(f"{word} {name}" + (f" # {detail}" if detail else ""))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"passed": verdict.count("ok"),
                       "failed": verdict.count("fail"),
                       "skipped": verdict.count("skip")}, f)
    print(summary_line(verdict))
    return 1 if verdict.count("fail") else 0


if __name__ == "__main__":
    sys.exit(main())
