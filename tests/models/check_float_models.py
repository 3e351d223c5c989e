#!/usr/bin/env python3
"""Runs every float model in the given folders with `litec run` and with the real TFLite
runtime (tests/oracle/run_tflite.js in node) on the same input, and compares each output.

Input element j is 0.5 + 0.5 sin(0.37 j) (the convention of ../shared/models/golden).
Metric, per output: max |litec - tflite| / (max(tflite) - min(tflite)) must be at most 5e-4
(two TFLite builds differ by up to 2e-4 on deep models), and the cosine similarity at least
0.9999. Models the interpreter cannot run yet, or TFLite cannot (MediaPipe's custom op), are
reported and skipped.

Models with MediaPipe's Convolution2DTransposeBias are given to TFLite rewritten with the
builtin TRANSPOSE_CONV (the same computation; `make-test-model builtin-transpose-conv`).

Usage: check_float_models.py LITEC MAKE_TEST_MODEL NODE ORACLE_JS TFLITE_PACKAGE MODEL_DIR...
"""
import array
import json
import math
import os
import subprocess
import sys
import tempfile

MAX_RELATIVE_ERROR = 5e-4
MIN_COSINE = 0.9999


def inspect(litec, model):
    return json.loads(subprocess.run([litec, "inspect", "--json", model], check=True,
                                     capture_output=True, text=True).stdout)


def compare(ours, theirs):
    span = max(theirs) - min(theirs)
    worst = max(abs(a - b) for a, b in zip(ours, theirs))
    dot = sum(a * b for a, b in zip(ours, theirs))
    norms = math.sqrt(sum(a * a for a in ours)) * math.sqrt(sum(b * b for b in theirs))
    cosine = dot / norms if norms else 1.0
    return worst / span if span else worst, cosine


def main():
    litec, make_test_model, node, oracle, package = sys.argv[1:6]
    models = []
    for place in sys.argv[6:]:
        if os.path.isdir(place):
            models += sorted(os.path.join(place, f) for f in os.listdir(place)
                             if f.endswith(".tflite"))
    if not os.path.isdir(package):
        print(f"TFLite runtime not installed at {package}: skipped")
        return 77
    passed = failed = skipped = 0
    for model in models:
        name = os.path.basename(model)
        report = inspect(litec, model)
        specs = report["inputs"]
        if any(s["type"] != "f32" for s in specs):
            continue
        with tempfile.TemporaryDirectory() as work:
            inputs = []
            for i, spec in enumerate(specs):
                count = math.prod(spec["shape"])
                data = array.array("f", (0.5 + 0.5 * math.sin(0.37 * j) for j in range(count)))
                path = os.path.join(work, f"input_{i}.bin")
                with open(path, "wb") as f:
                    data.tofile(f)
                inputs.append(path)
            ours = subprocess.run([litec, "run", model, "--output-dir", os.path.join(work, "litec")]
                                  + sum((["--input", p] for p in inputs), []),
                                  capture_output=True, text=True)
            if ours.returncode != 0:
                print(f"pending {name}: {ours.stderr.strip().splitlines()[-1]}")
                skipped += 1
                continue
            oracle_model = model
            if "CUSTOM:Convolution2DTransposeBias" in report["op_histogram"]:
                oracle_model = os.path.join(work, "builtin.tflite")
                subprocess.run([make_test_model, "builtin-transpose-conv", model, oracle_model],
                               check=True)
            theirs = subprocess.run([node, oracle, package, oracle_model,
                                     os.path.join(work, "tflite")] + inputs,
                                    capture_output=True, text=True)
            if theirs.returncode != 0:
                print(f"skip {name}: TFLite cannot run it: {theirs.stderr.strip().splitlines()[-1]}")
                skipped += 1
                continue
            problems, figures = [], []
            k = 0
            while os.path.exists(os.path.join(work, "litec", f"output_{k}.bin")):
                a, b = array.array("f"), array.array("f")
                with open(os.path.join(work, "litec", f"output_{k}.bin"), "rb") as f:
                    a.frombytes(f.read())
                with open(os.path.join(work, "tflite", f"output_{k}.bin"), "rb") as f:
                    b.frombytes(f.read())
                relative, cosine = compare(a, b)
                figures.append(f"output {k}: max error {relative:.2e} of range, cosine {cosine:.7f}")
                if len(a) != len(b) or relative > MAX_RELATIVE_ERROR or cosine < MIN_COSINE:
                    problems.append(f"output {k} outside tolerance")
                k += 1
        if problems:
            print(f"FAIL {name}: " + "; ".join(problems + figures))
            failed += 1
        else:
            print(f"ok   {name}: " + "; ".join(figures))
            passed += 1
    print(f"{skipped} models skipped")
    print(f"{passed} passed, {failed} failed")
    if passed + failed == 0:
        return 77
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
