#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kernel-doc gate.

1. Runs the kernel's scripts/kernel-doc -none -Wall over every header in
   include/ and every module source: any complaint fails.
2. Checks coverage, which kernel-doc itself does not: every struct and union
   defined in include/ and every non-static function defined in a module
   source must carry a kernel-doc comment naming it.

    kdoc-check.py KERNEL_SOURCE_DIR
"""

import re
import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
MODULE_DIRS = ["lib", "vmbus", "hv_netvsc", "hv_storvsc", "hv_utils", "hvsim",
               "bench"]

STRUCT_DEF = re.compile(r"^(struct|union) (\w+) \{")
FUNC_DEF = re.compile(r"^(?!static\b)(?!#)[A-Za-z_][\w \*]*?\b(\w+)\((.*)$")
KDOC_NAME = re.compile(r"^\s*\*\s*(?:(struct|union)\s+)?(\w+)(?:\(\))?\s+-")


def kdoc_names(lines, upto):
    """Names documented by the kernel-doc comment that ends just above."""
    i = upto - 1
    while i >= 0 and lines[i].strip() == "":
        i -= 1
    if i < 0 or not lines[i].strip().endswith("*/"):
        return set()
    end = i
    while i >= 0 and not lines[i].lstrip().startswith("/*"):
        i -= 1
    if i < 0 or not lines[i].lstrip().startswith("/**"):
        return set()
    names = set()
    for line in lines[i:end + 1]:
        m = KDOC_NAME.match(line.replace("/**", " *", 1))
        if m:
            names.add(m.group(2))
    return names


def coverage(files, want_structs, want_funcs):
    problems = []
    for path in files:
        lines = path.read_text().splitlines()
        for n, line in enumerate(lines):
            name = None
            if want_structs:
                m = STRUCT_DEF.match(line)
                if m:
                    name = m.group(2)
            if name is None and want_funcs:
                m = FUNC_DEF.match(line)
                if m and not line.rstrip().endswith(";") and \
                        not re.match(r"^(return|if|for|while|switch)\b", line):
                    # A definition: the body opens on a later line.
                    j = n
                    while j < len(lines) and not lines[j].rstrip().endswith(
                            (")", "{", ";")):
                        j += 1
                    # A prototype spread over lines ends with ";".
                    if j < len(lines) and lines[j].rstrip().endswith(";"):
                        j = len(lines)
                    if j + 1 < len(lines) and lines[j + 1].startswith("{"):
                        name = m.group(1)
                    if lines[n].startswith(("EXPORT", "MODULE", "module_")):
                        name = None
            if name and name not in kdoc_names(lines, n):
                problems.append(f"{path.relative_to(TOP)}:{n + 1}: "
                                f"'{name}' has no kernel-doc comment")
    return problems


def main():
    ksrc = Path(sys.argv[1])
    headers = sorted((TOP / "include").rglob("*.h"))
    sources = sorted(p for d in MODULE_DIRS for p in (TOP / d).rglob("*.c"))
    sources += sorted(p for d in MODULE_DIRS for p in (TOP / d).rglob("*.h"))
    files = headers + sources
    out = subprocess.run(
        [str(ksrc / "scripts/kernel-doc"), "-none", "-Wall"] +
        [str(f) for f in files],
        capture_output=True, text=True)
    problems = [line for line in (out.stdout + out.stderr).splitlines()
                if line.strip()]
    problems += coverage(headers, want_structs=True, want_funcs=True)
    problems += coverage(sources, want_structs=False, want_funcs=True)
    for p in problems:
        print(p)
    print(f"kdoc-check: {len(files)} files, {len(problems)} problems")
    return 1 if problems or out.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
