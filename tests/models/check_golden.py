#!/usr/bin/env python3
"""Runs `litec run` (the reference interpreter) on every model that has golden outputs from
TFLite Micro's reference kernels (../shared/models/golden/<model>/input_0.bin, output_0.bin)
and requires the outputs to be bit-exact.

Every model must run and match: a model the interpreter refuses fails with the interpreter's
own reason.

Usage: check_golden.py LITEC MODEL_DIR ; exits 77 (skipped) when there are no golden files.
"""
import os
import subprocess
import sys
import tempfile


def main():
    litec, model_dir = sys.argv[1:3]
    golden_dir = os.path.join(model_dir, "golden")
    if not os.path.isdir(golden_dir):
        print(f"no golden outputs in {golden_dir}: skipped")
        return 77
    passed = failed = 0
    for name in sorted(os.listdir(golden_dir)):
        model = os.path.join(model_dir, name + ".tflite")
        golden = os.path.join(golden_dir, name)
        with tempfile.TemporaryDirectory() as out:
            run = subprocess.run([litec, "run", model, "--input",
                                  os.path.join(golden, "input_0.bin"), "--output-dir", out],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                reason = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "?"
                print(f"FAIL {name}: exit {run.returncode}: {reason}")
                failed += 1
                continue
            actual = open(os.path.join(out, "output_0.bin"), "rb").read()
        expected = open(os.path.join(golden, "output_0.bin"), "rb").read()
        if actual == expected:
            print(f"ok   {name}: {len(expected)} output bytes bit-exact")
            passed += 1
        else:
            diffs = sum(1 for a, b in zip(actual, expected) if a != b)
            print(f"FAIL {name}: {diffs} of {len(expected)} output bytes differ")
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
