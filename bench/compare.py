#!/usr/bin/env python3
"""Benchmark (run by hand, not by ctest): for each real model, the median latency of litec's
generated code (built at -O3, `--bench N` after a warm-up), the median latency of TFLite
itself in node (the npm @tensorflow/tfjs-tflite runtime, one thread, XNNPACK; LITEC_BENCH=N)
on the same input, their ratio, the planned arena against the peak of live buffers, and the
size of the built objects (text + data of the layers and of the weights). Prints one Markdown
table.

Usage: bench/compare.py [--runs N] LITEC TFLITE_PACKAGE WORK_DIR MODEL...
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORACLE = os.path.join(ROOT, "tests", "oracle", "run_tflite.js")


def median_of(output):
    match = re.search(r"median_ms=([0-9.]+)", output)
    return float(match.group(1)) if match else None


def object_bytes(path):
    """text + data + bss of an object file, from `size`."""
    out = subprocess.run(["size", path], capture_output=True, text=True, check=True).stdout
    fields = out.splitlines()[1].split()
    return int(fields[0]) + int(fields[1]) + int(fields[2])


def bench(litec, package, work, model, runs):
    name = os.path.basename(model)[:-len(".tflite")]
    src = os.path.join(work, name)
    summary = subprocess.run([litec, "compile", model, "-o", src, "--emit-main"],
                             capture_output=True, text=True, check=True).stdout
    arena, bound = re.search(r"arena (\d+) bytes \(peak of live tensors (\d+)", summary).groups()
    objects = {}
    for stem in ("model", "model_weights", "model_main"):
        obj = os.path.join(src, stem + ".o")
        subprocess.run(["c++", "-std=c++17", "-O3", "-c", os.path.join(src, stem + ".cpp"), "-o", obj],
                       check=True)
        objects[stem] = obj
    binary = os.path.join(src, "run")
    subprocess.run(["c++", "-o", binary] + list(objects.values()), check=True)
    golden = os.path.join(os.path.dirname(model), "golden", name, "input_0.bin")
    inputs = ["--input", golden] if os.path.exists(golden) else []
    ours = median_of(subprocess.run([binary, "--bench", str(runs)] + inputs, capture_output=True,
                                    text=True, check=True).stdout)
    theirs = None
    if os.path.isdir(package) and "selfie" not in name:
        # TFLite lacks MediaPipe's custom op; the selfie models are timed on litec only.
        run = subprocess.run(["node", ORACLE, package, model, os.path.join(src, "tflite")] +
                             ([golden] if os.path.exists(golden) else []),
                             capture_output=True, text=True,
                             env=dict(os.environ, LITEC_BENCH=str(runs)))
        theirs = median_of(run.stdout) if run.returncode == 0 else None
    return {"model": name, "ours": ours, "theirs": theirs, "arena": int(arena), "bound": int(bound),
            "layers": object_bytes(objects["model"]), "weights": object_bytes(objects["model_weights"])}


def main():
    args = sys.argv[1:]
    runs = 50
    if args and args[0] == "--runs":
        runs, args = int(args[1]), args[2:]
    litec, package, work = args[:3]
    os.makedirs(work, exist_ok=True)
    print("| model | litec ms | TFLite ms | TFLite / litec | arena bytes | peak of live buffers | layers object | weights object |")
    print("|---|---|---|---|---|---|---|---|")
    for model in args[3:]:
        r = bench(litec, package, work, model, runs)
        ratio = "%.2f" % (r["theirs"] / r["ours"]) if r["theirs"] and r["ours"] else "n/a"
        theirs = "%.3f" % r["theirs"] if r["theirs"] else "n/a"
        print("| %s | %.3f | %s | %s | %d | %d | %d | %d |" % (r["model"], r["ours"], theirs, ratio,
              r["arena"], r["bound"], r["layers"], r["weights"]))
        sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
