#!/usr/bin/env python3
"""Benchmark (run by hand, not by ctest): what the optimising passes buy on each real model.
The model is compiled twice, at -O0 (only the passes code generation needs) and with the
default pipeline; both are built at -O3 and timed in the same run, alternating (ROUNDS rounds of
`--bench RUNS` each), so the machine's noise falls on both alike. Prints one Markdown table:
layers, arena bytes and the median latency of each, and the ratio. `--baseline=ARGS` compiles
the baseline with these litec options instead of -O0 (`--baseline=--disable-pass=fold-pads`:
what one pass buys).

Usage: bench/passes.py [--runs N] [--rounds N] [--baseline=ARGS] LITEC WORK_DIR MODEL...
"""
import os
import re
import statistics
import subprocess
import sys


def build(litec, model, out, extra):
    summary = subprocess.run([litec, "compile", model, "-o", out, "--emit-main"] + extra,
                             capture_output=True, text=True, check=True).stdout
    layers, arena = re.search(r"compiled (\d+) layers .*arena (\d+) bytes", summary).groups()
    objects = []
    for stem in ("model", "model_weights", "model_main"):
        obj = os.path.join(out, stem + ".o")
        subprocess.run(["c++", "-std=c++17", "-O3", "-c", os.path.join(out, stem + ".cpp"), "-o",
                        obj], check=True)
        objects.append(obj)
    binary = os.path.join(out, "run")
    subprocess.run(["c++", "-o", binary] + objects, check=True)
    return binary, int(layers), int(arena)


def median_ms(binary, runs):
    out = subprocess.run([binary, "--bench", str(runs)], capture_output=True, text=True,
                         check=True).stdout
    return float(re.search(r"median_ms=([0-9.]+)", out).group(1))


def main():
    args = sys.argv[1:]
    runs, rounds, baseline = 20, 5, ["-O0"]
    while args and args[0].startswith("--baseline="):
        baseline = args[0][len("--baseline="):].split()
        args = args[1:]
    while args and args[0] in ("--runs", "--rounds"):
        if args[0] == "--runs":
            runs = int(args[1])
        else:
            rounds = int(args[1])
        args = args[2:]
    litec, work = args[:2]
    base = " ".join(baseline)
    print(f"| model | layers {base} | layers | arena {base} | arena | ms {base} | ms | "
          f"{base} / optimised |")
    print("|---|---|---|---|---|---|---|---|")
    for model in args[2:]:
        name = os.path.basename(model)[:-len(".tflite")]
        plain = build(litec, model, os.path.join(work, name, "O0"), baseline)
        optimised = build(litec, model, os.path.join(work, name, "O1"), [])
        times = {0: [], 1: []}
        for _ in range(rounds):
            times[0].append(median_ms(plain[0], runs))
            times[1].append(median_ms(optimised[0], runs))
        t0, t1 = statistics.median(times[0]), statistics.median(times[1])
        print("| %s | %d | %d | %d | %d | %.3f | %.3f | %.2f |" % (
            name, plain[1], optimised[1], plain[2], optimised[2], t0, t1, t0 / t1))
        sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
