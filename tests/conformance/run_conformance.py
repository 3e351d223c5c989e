#!/usr/bin/env python3
"""Runs every conformance case (see GenerateCases.cpp) with `litec run` and with the real TFLite
runtime (tests/oracle/run_tflite.js in node) and compares the outputs.

Metric: float32 outputs within 1e-5 of the output's range (max |litec - tflite| divided by
max(tflite) - min(tflite); absolute 1e-6 when the range is 0); int8/int16 outputs within one
quantisation step (TFLite's XNNPACK rounds some int8 results differently from its reference
kernels). The first output's shape must be TFLite's too. Prints the number of cases per operator.

Usage: run_conformance.py [--only OP,...] LITEC CASES_GENERATOR NODE ORACLE_JS TFLITE_PACKAGE WORK_DIR
"""
import array
import collections
import concurrent.futures
import os
import re
import subprocess
import sys

FLOAT_TOLERANCE = 1e-5
TYPECODES = {"f32": "f", "i8": "b", "i16": "h", "i32": "i", "u8": "B", "i64": "q"}


def read(path, type_name):
    values = array.array(TYPECODES[type_name])
    with open(path, "rb") as f:
        values.frombytes(f.read())
    return values


# Stateful cases run three times on the same input, in litec and in TFLite: the outputs of the
# last run depend on the state carried over.
STATEFUL_INVOKES = 3


def first_output_shape(text, pattern, separator):
    """The dimensions of output 0 in a tool's report, or None when the line is missing."""
    match = re.search(pattern, text, re.MULTILINE)
    if not match:
        return None
    return [int(d) for d in match.group(1).split(separator) if d]


def run_case(litec, node, oracle, package, work, name, type_name):
    model = os.path.join(work, name + ".tflite")
    invokes = STATEFUL_INVOKES if name.startswith(("lstm_", "svdf_")) else 1
    inputs = sorted(p for p in os.listdir(work) if p.startswith(name + ".input_"))
    inputs = [os.path.join(work, p) for p in inputs]
    ours_dir, theirs_dir = os.path.join(work, name + ".litec"), os.path.join(work, name + ".tflite_out")
    ours = subprocess.run([litec, "run", model, "--output-dir", ours_dir, f"--invokes={invokes}"]
                          + sum((["--input", p] for p in inputs), []), capture_output=True, text=True)
    if ours.returncode != 0:
        return "refused", ours.stderr.strip().splitlines()[-1]
    theirs = subprocess.run([node, oracle, package, model, theirs_dir] + inputs,
                            capture_output=True, text=True,
                            env=dict(os.environ, LITEC_INVOKES=str(invokes)))
    if theirs.returncode != 0:
        return "fail", "TFLite rejects the case: " + theirs.stderr.strip().splitlines()[-1]
    our_shape = first_output_shape(ours.stdout, r'^output 0 ".*" ((?:\d+x)*)\w+:', "x")
    their_shape = first_output_shape(theirs.stdout, r"^output 0 \S+ \[([\d,]*)\]", ",")
    if our_shape is None or their_shape is None:
        return "fail", "an output shape is missing from the reports"
    if our_shape != their_shape:
        return "fail", f"shape {our_shape} against TFLite's {their_shape}"
    a = read(os.path.join(ours_dir, "output_0.bin"), type_name)
    b = read(os.path.join(theirs_dir, "output_0.bin"), type_name)
    if len(a) != len(b):
        return "fail", f"{len(a)} values against TFLite's {len(b)}"
    worst = max((abs(x - y) for x, y in zip(a, b)), default=0)
    if type_name == "f32":
        span = (max(b) - min(b)) if b else 0
        error = worst / span if span else worst
        ok = error <= FLOAT_TOLERANCE if span else worst <= 1e-6
        return ("pass" if ok else "fail"), f"max error {error:.2e} of range"
    return ("pass" if worst <= 1 else "fail"), f"max difference {worst} steps" + (
        "" if worst else " (bit-exact)")


def main():
    # --only OP[,OP...] runs the cases of those operators alone (CONV_2D, SVDF, ...).
    args = sys.argv[1:]
    only = None
    if len(args) >= 2 and args[0] == "--only":
        only, args = set(args[1].split(",")), args[2:]
    litec, generator, node, oracle, package, work = args[:6]
    if not os.path.isdir(package):
        print(f"TFLite runtime not installed at {package}: skipped")
        return 77
    subprocess.run([generator, work], check=True, stdout=subprocess.DEVNULL)
    cases = [line.rstrip("\n").split("\t") for line in open(os.path.join(work, "cases.tsv"))]
    if only is not None:
        cases = [case for case in cases if case[1] in only]
        if not cases:
            print("no conformance case of " + ", ".join(sorted(only)))
            return 1
    results = collections.defaultdict(collections.Counter)
    failures = []
    not_exact = collections.Counter()  # integer cases within one step of TFLite, not equal
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        jobs = {pool.submit(run_case, litec, node, oracle, package, work, name, type_name): (name, op)
                for name, op, type_name, _ in cases}
        for job in concurrent.futures.as_completed(jobs):
            name, op = jobs[job]
            outcome, detail = job.result()
            results[op][outcome] += 1
            if outcome == "pass" and "steps" in detail:
                results[op]["integer"] += 1
                if "(bit-exact)" not in detail:
                    not_exact[op] += 1
            if outcome != "pass":
                failures.append(f"{outcome.upper()} {name}: {detail}")
    for line in sorted(failures):
        print(line)
    print("cases per operator (passed / refused / failed):")
    for op in sorted(results):
        r = results[op]
        print(f"  {op:24} {r['pass']:4} / {r['refused']:3} / {r['fail']:3}")
    passed = sum(r["pass"] for r in results.values())
    failed = sum(r["fail"] for r in results.values())
    refused = sum(r["refused"] for r in results.values())
    # Every case must run: a case the interpreter refuses counts against the suite.
    print(f"{passed} passed, {failed} failed, {refused} refused by litec")
    integer = sum(r["integer"] for r in results.values())
    print(f"integer cases bit-exact with TFLite: {integer - sum(not_exact.values())} of {integer}; "
          "one step apart: " + ", ".join(f"{op} {n}" for op, n in sorted(not_exact.items())))
    return 1 if failed or refused else 0


if __name__ == "__main__":
    sys.exit(main())
