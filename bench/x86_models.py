#!/usr/bin/env python3
"""Benchmark (run by hand, not by ctest): litec's x86 target against XNNPACK and TFLite on this
machine, per real model, in one run.

Per model it builds the x86 code for each --cpu asked (with -O2 -march=<cpu>) and the generic
target's code (-O2 -march=x86-64-v3, so the compiler may vectorise it too), then runs them,
xnn-run (Debian's XNNPACK, one thread) and TFLite in node (@tensorflow/tfjs-tflite, WebAssembly
with XNNPACK, one thread) in turn, round after round, so that the machine's load falls on all
alike. Each run is `--bench RUNS`; the figure is the median over the rounds of each run's median.
litec's runner and xnn-run report the process's CPU time (cpu_median_ms), which a shared
machine's other work does not inflate; node reports wall time only. With --threads 2 the x86
code is also run on 2 workers (wall time, the speed-up's measure).

Before and after the models it runs bench/x86_peak.cpp: the f32 FMA and the int8 peaks of one
core, measured by register-only loops; a model's "of peak" is its MACs (litec inspect) over its
time, as a fraction of the better of the two measurements of its type's peak.

Usage: bench/x86_models.py [--runs N] [--rounds R] [--cpu CPU]... [--threads 2] [--no-node]
           LITEC XNN_RUN TFLITE_PACKAGE WORK MODEL...
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORACLE = os.path.join(ROOT, "tests", "oracle", "run_tflite.js")


def field(output, name):
    match = re.search(r"^%s=([0-9.]+)" % name, output, re.M)
    return float(match.group(1)) if match else None


def build(litec, model, out, target, cpu, march):
    os.makedirs(out, exist_ok=True)
    args = [litec, "compile", model, "-o", out, "--emit-main", "--target", target]
    if cpu:
        args += ["--cpu", cpu]
    subprocess.run(args, check=True, capture_output=True)
    sources = [os.path.join(out, f) for f in sorted(os.listdir(out)) if f.endswith(".cpp")]
    binary = os.path.join(out, "run")
    subprocess.run(["c++", "-std=c++17", "-O2", "-march=" + march, "-pthread", "-o", binary] + sources,
                   check=True)
    return binary


def peaks(work):
    binary = os.path.join(work, "x86_peak")
    # clang keeps the twelve accumulators in registers; GCC 12 spills some of the integer ones
    # and then measures stores, not the multiply-adds (half the VPMADDWD and VPDPBUSD rate).
    compiler = shutil.which("clang++-14") or "c++"
    subprocess.run([compiler, "-std=c++17", "-O2", os.path.join(ROOT, "bench", "x86_peak.cpp"), "-o", binary],
                   check=True)
    out = subprocess.run([binary], capture_output=True, text=True, check=True).stdout
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"peak (\S+) gmacs=([0-9.]+)", out)}


def inspect(litec, model):
    out = subprocess.run([litec, "inspect", model, "--json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    # A model is int8 when its convolutions are: its first op's input may be float (QUANTIZE).
    quantised = any(op["name"] in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED") and
                    op["inputs"][0]["type"] in ("i8", "u8") for op in data["ops"])
    return data["total_macs"], "int8" if quantised else "f32"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cpu", action="append", help="x86 --cpu to build (default x86-64-v3)")
    parser.add_argument("--threads", type=int, default=0, help="also run the first --cpu on N workers")
    parser.add_argument("--no-node", action="store_true", help="leave TFLite in node out")
    parser.add_argument("litec")
    parser.add_argument("xnn_run")
    parser.add_argument("package")
    parser.add_argument("work")
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()
    cpus = args.cpu or ["x86-64-v3"]
    os.makedirs(args.work, exist_ok=True)
    before = peaks(args.work)

    rows = []
    for model in args.models:
        name = os.path.basename(model)[:-len(".tflite")]
        macs, kind = inspect(args.litec, model)
        golden = os.path.join(os.path.dirname(model), "golden", name, "input_0.bin")
        inputs = ["--input", golden] if os.path.exists(golden) else []
        # name -> (command, environment, figure printed)
        runners = {}
        for cpu in cpus:
            binary = build(args.litec, model, os.path.join(args.work, name, cpu), "x86", cpu,
                           "x86-64-v4" if cpu == "x86-64-v4" else cpu if cpu != "native" else "native")
            runners["x86 " + cpu] = ([binary, "--bench", str(args.runs)] + inputs, None, "cpu_median_ms")
        if args.threads > 1:
            first = runners["x86 " + cpus[0]][0][0]
            runners["x86 %s %dT" % (cpus[0], args.threads)] = (
                [first, "--threads", str(args.threads), "--bench", str(args.runs)] + inputs, None, "median_ms")
        generic = build(args.litec, model, os.path.join(args.work, name, "generic"), "generic", None,
                        "x86-64-v3")
        runners["generic"] = ([generic, "--bench", str(args.runs)] + inputs, None, "cpu_median_ms")
        runners["xnn-run"] = ([args.xnn_run, model, "--bench", str(args.runs)] + inputs, None,
                              "cpu_median_ms")
        if not args.no_node and os.path.isdir(args.package) and "selfie" not in name:
            # TFLite lacks MediaPipe's custom op: the selfie models run without it.
            runners["TFLite node"] = (["node", ORACLE, args.package, model, os.path.join(args.work, name, "tflite")]
                                      + inputs[1:], dict(os.environ, LITEC_BENCH=str(args.runs)), "median_ms")
        times = {key: [] for key in runners}
        for _ in range(args.rounds):
            for key, (command, env, figure) in runners.items():
                run = subprocess.run(command, capture_output=True, text=True, env=env)
                value = field(run.stdout, figure) if run.returncode == 0 else None
                if value is not None:
                    times[key].append(value)
        medians = {key: statistics.median(v) if v else None for key, v in times.items()}
        rows.append((name, macs, kind, medians))
        print("%s: %s" % (name, ", ".join("%s %.3f ms" % (k, v) for k, v in medians.items() if v)),
              file=sys.stderr)

    after = peaks(args.work)
    peak = {key: max(before.get(key, 0), after.get(key, 0)) for key in before}
    f32_peak = max(v for k, v in peak.items() if k.startswith("f32"))
    i8_peak = max(v for k, v in peak.items() if k.startswith("i8") or k.startswith("i16"))
    print("Peaks of one core (GMAC/s, best of the measurements before and after): " +
          ", ".join("%s %.1f" % kv for kv in sorted(peak.items())))
    print()
    # Every runner that ran on any model, in the order first met (node skips some models).
    keys = list(dict.fromkeys(k for row in rows for k in row[3]))
    x86 = "x86 " + cpus[0]
    print("| model | MMACs | " + " | ".join(k + " ms" for k in keys) +
          " | %s / xnn-run | %s / generic | of peak |" % (x86, x86))
    print("|---|---:|" + "---:|" * len(keys) + "---:|---:|---:|")
    for name, macs, kind, medians in rows:
        best = min(v for k, v in medians.items() if k.startswith("x86") and "T" not in k.split()[-1] and v)
        ratio = lambda other: "%.2f" % (medians[x86] / medians[other]) if medians.get(other) and medians.get(x86) else "n/a"
        fraction = macs / (best * 1e-3) / ((f32_peak if kind == "f32" else i8_peak) * 1e9)
        print("| %s | %.1f | %s | %s | %s | %.0f %% (%s) |" % (
            name, macs / 1e6, " | ".join("%.3f" % medians[k] if medians.get(k) else "n/a" for k in keys),
            ratio("xnn-run"), ratio("generic"), 100 * fraction, kind))
    return 0


if __name__ == "__main__":
    sys.exit(main())
