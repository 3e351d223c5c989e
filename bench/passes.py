#!/usr/bin/env python3
"""Benchmark (run by hand, not by ctest): what the optimising passes buy on each real model.
The model is compiled twice, at -O0 (only the passes code generation needs) and with the
default pipeline; both are built at -O3 and timed in the same run, alternating (ROUNDS rounds of
`--bench RUNS` each), so the machine's noise falls on both alike. Prints one Markdown table:
layers, arena bytes, the bytes the layers write per invoke (each layer with code writes its
results; layers that compute nothing, such as aliases and concatenations whose producers wrote
in place, write none: the difference is the memory traffic the passes removed), the median
latency of each, and the ratio. `--baseline=ARGS` compiles
the baseline with these litec options instead of -O0 (`--baseline=--disable-pass=fold-pads`:
what one pass buys); `--baseline-litec=PATH` compiles the baseline with another litec build
(what a change to code generation buys). `--aarch64 ARM_INSN_COUNT` also builds both for AArch64
(aarch64-linux-gnu-g++ -O3 -static) and counts the instructions one invoke executes under qemu
(../shared/tools/arm-insn-count: `--bench 2` minus `--bench 1`, deterministic).

Usage: bench/passes.py [--runs N] [--rounds N] [--baseline=ARGS] [--baseline-litec=PATH]
                       [--aarch64 ARM_INSN_COUNT] LITEC WORK_DIR MODEL...
"""
import os
import re
import statistics
import subprocess
import sys


ELEMENT_BYTES = {"f32": 4, "i32": 4, "u32": 4, "f16": 2, "i16": 2, "i8": 1, "u8": 1, "i64": 8,
                 "f64": 8, "bool": 1, "i4": 1}


def bytes_written(source):
    """The bytes the layers of a generated model.cpp write per invoke: the results of every
    layer whose function computes something."""
    total = 0
    for block in re.split(r"\n(?=// Layer \d+: )", open(source).read())[1:]:
        layer = block.split("\n\n")[0]
        if "(void)arena; // nothing to compute" in layer:
            continue
        if "kernel: a copy of each input but" in layer:  # only the slices it copies
            total += sum(int(n) for n in re.findall(r"copyBytes\(.*, (\d+)\);", layer))
            continue
        for dims, kind in re.findall(r"^//   out %\d+ (\S+) (\w+)\b", block, re.M):
            count = 1
            for d in dims.split("x") if dims != "scalar" else []:
                count *= int(d)
            total += count * ELEMENT_BYTES.get(kind, 4)
    return total


def build(litec, model, out, extra):
    summary = subprocess.run([litec, "compile", model, "-o", out, "--emit-main"] + extra,
                             capture_output=True, text=True, check=True).stdout
    layers, arena = re.search(r"compiled (\d+) layers .*arena (\d+) bytes", summary).groups()
    written = bytes_written(os.path.join(out, "model.cpp"))
    return link(out, "c++", "run", []), int(layers), int(arena), written


def link(out, cxx, name, flags):
    objects = []
    for stem in ("model", "model_weights", "model_main"):
        obj = os.path.join(out, "%s.%s.o" % (stem, name))
        subprocess.run([cxx, "-std=c++17", "-O3", "-c", os.path.join(out, stem + ".cpp"), "-o",
                        obj], check=True)
        objects.append(obj)
    binary = os.path.join(out, name)
    subprocess.run([cxx, "-o", binary] + objects + flags, check=True)
    return binary


def aarch64_instructions(counter, out):
    binary = link(out, "aarch64-linux-gnu-g++", "run-aarch64", ["-static"])
    counts = []
    for invokes in (1, 2):
        done = subprocess.run([counter, "--clean-env", "--", binary, "--bench", str(invokes)],
                              capture_output=True, text=True, check=True)
        counts.append(int(re.search(r"insns=(\d+)", done.stderr).group(1)))
    return counts[1] - counts[0]


def median_ms(binary, runs):
    out = subprocess.run([binary, "--bench", str(runs)], capture_output=True, text=True,
                         check=True).stdout
    return float(re.search(r"median_ms=([0-9.]+)", out).group(1))


def main():
    args = sys.argv[1:]
    runs, rounds, baseline, counter, baseline_litec = 20, 5, ["-O0"], None, None
    while args and args[0].startswith("--"):
        if args[0].startswith("--baseline-litec="):
            baseline_litec = args[0][len("--baseline-litec="):]
            args = args[1:]
            continue
        if args[0].startswith("--baseline="):
            baseline = args[0][len("--baseline="):].split()
            args = args[1:]
            continue
        if args[0] == "--runs":
            runs = int(args[1])
        elif args[0] == "--rounds":
            rounds = int(args[1])
        elif args[0] == "--aarch64":
            counter = args[1]
        else:
            sys.exit("unknown option " + args[0])
        args = args[2:]
    litec, work = args[:2]
    base = " ".join(baseline) if not baseline_litec else "baseline"
    if baseline_litec and baseline == ["-O0"]:
        baseline = []
    arm = (f" AArch64 insns {base} | AArch64 insns | optimised / {base} |" if counter else "")
    print(f"| model | layers {base} | layers | arena {base} | arena | bytes written {base} | "
          f"bytes written | ms {base} | ms | {base} / optimised |" + arm)
    print("|---|---|---|---|---|---|---|---|---|---|" + ("---|---|---|" if counter else ""))
    for model in args[2:]:
        name = os.path.basename(model)[:-len(".tflite")]
        plain = build(baseline_litec or litec, model, os.path.join(work, name, "O0"), baseline)
        optimised = build(litec, model, os.path.join(work, name, "O1"), [])
        times = {0: [], 1: []}
        for _ in range(rounds):
            times[0].append(median_ms(plain[0], runs))
            times[1].append(median_ms(optimised[0], runs))
        t0, t1 = statistics.median(times[0]), statistics.median(times[1])
        row = "| %s | %d | %d | %d | %d | %d | %d | %.3f | %.3f | %.2f |" % (
            name, plain[1], optimised[1], plain[2], optimised[2], plain[3], optimised[3], t0, t1,
            t0 / t1)
        if counter:
            i0 = aarch64_instructions(counter, os.path.join(work, name, "O0"))
            i1 = aarch64_instructions(counter, os.path.join(work, name, "O1"))
            row += " %d | %d | %.3f |" % (i0, i1, i1 / i0)
        print(row)
        sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
