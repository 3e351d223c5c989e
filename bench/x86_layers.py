#!/usr/bin/env python3
"""Benchmark (run by hand, not by ctest): the time of each layer of a model compiled for
--target x86, natively, with the kernel each layer got and its rate of multiply-adds. Where
bench/x86_models.py says how a model compares with its peers, this says which layers to work on.

The model is compiled with `litec compile --target x86 --cpu C --emit-main` and built with
-O2 -march=C and LITEC_PROFILING defined; the per-layer hooks read the time-stamp counter
(rdtsc: cheap, invariant on these CPUs) and add each layer's ticks up over `--bench N` invokes.
Prints the layers by median share of the invoke, most first, with their GMAC/s (ticks turned into
seconds by the invoke's measured wall time).

Usage: bench/x86_layers.py [--cpu NAME] [--top N] [--runs N] [--threads N] LITEC WORK_DIR MODEL
"""
import argparse
import os
import re
import subprocess
import sys

from neon_layers import layer_notes

PROFILE_HOOKS = r"""// The per-layer hooks of litec/runtime/Profiling.h: ticks per layer, summed over the invokes
// after the first, printed at exit.
#include <x86intrin.h>
#include <cstdio>
#include <cstdlib>

namespace {
constexpr int kMaxLayers = 4096;
unsigned long long ticks[kMaxLayers], started[kMaxLayers];
int invokes;
void report() {
  for (int i = 0; i < kMaxLayers; ++i)
    if (ticks[i] != 0)
      std::printf("layer %d ticks=%llu\n", i, ticks[i]);
}
} // namespace

extern "C" void litec_profile_layer_begin(int layer, const char *) {
  if (layer == 0 && invokes++ == 0)
    std::atexit(report);
  if (layer < kMaxLayers)
    started[layer] = __rdtsc();
}
extern "C" void litec_profile_layer_end(int layer, const char *) {
  if (layer < kMaxLayers && invokes > 1)
    ticks[layer] += __rdtsc() - started[layer];
}
"""


def layer_macs(source):
    """Layer index -> multiply-adds of its convolution (output elements x taps x input channels
    per output), from the shapes in the generated layer comments; other layers are left out."""
    macs, current, shapes = {}, None, []
    for line in open(source):
        match = re.match(r"^// Layer (\d+): (\S+)", line)
        if match:
            current, shapes = (int(match.group(1)), match.group(2)), []
            continue
        if current is None:
            continue
        shape = re.match(r"^//   (in|out) +%\d+ (\S+) ", line)
        if shape:
            shapes.append((shape.group(1), [int(d) for d in shape.group(2).split("x")]))
        elif not line.startswith("//"):
            index, op = current
            ins = [s for kind, s in shapes if kind == "in"]
            outs = [s for kind, s in shapes if kind == "out"]
            if "CONV_2D" in op and len(ins) > 1 and outs and len(ins[1]) == 4:
                elements = 1
                for d in outs[0]:
                    elements *= d
                h, w, c = ins[1][1], ins[1][2], ins[1][3]
                macs[index] = elements * h * w * (1 if "DEPTHWISE" in op else c)
            current = None
    return macs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpu", default="x86-64-v3")
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--threads", type=int, default=1,
                        help="workers of the runner's pool (the calling thread's time per layer)")
    parser.add_argument("litec")
    parser.add_argument("work")
    parser.add_argument("model")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    src = os.path.join(args.work, "src")
    subprocess.run([args.litec, "compile", args.model, "-o", src, "--name", "model", "--emit-main",
                    "--target", "x86", "--cpu", args.cpu], check=True, stdout=subprocess.DEVNULL)
    open(os.path.join(src, "profile_hooks.cpp"), "w").write(PROFILE_HOOKS)
    binary = os.path.join(args.work, "run")
    subprocess.run(["c++", "-std=c++17", "-O2", "-march=" + args.cpu, "-DLITEC_PROFILING", "-o",
                    binary] + [os.path.join(src, f) for f in ("model.cpp", "model_weights.cpp",
                                                              "model_main.cpp", "profile_hooks.cpp")],
                   check=True)
    # The same invokes, without the hooks' cost, give the wall time that scales ticks to seconds.
    plain = os.path.join(args.work, "run-plain")
    subprocess.run(["c++", "-std=c++17", "-O2", "-march=" + args.cpu, "-o", plain] +
                   [os.path.join(src, f) for f in ("model.cpp", "model_weights.cpp", "model_main.cpp")],
                   check=True)
    run_args = ["--bench", str(args.runs), "--threads", str(args.threads)]
    out = subprocess.run([binary] + run_args, check=True, capture_output=True,
                         text=True).stdout
    wall = float(re.search(r"median_ms=([0-9.]+)", subprocess.run(
        [plain] + run_args, check=True, capture_output=True, text=True).stdout).group(1))
    ticks = {int(m.group(1)): int(m.group(2)) for m in re.finditer(r"layer (\d+) ticks=(\d+)", out)}
    macs = layer_macs(os.path.join(src, "model.cpp"))
    notes = layer_notes(os.path.join(src, "model.cpp"))
    total = sum(ticks.values())
    print("%s, x86 --cpu %s, %d worker(s): one invoke %.3f ms (wall median of %d without the "
          "hooks)\n" % (os.path.basename(args.model), args.cpu, args.threads, wall, args.runs))
    print("| layer | op | out | ms | share | running | GMAC/s | kernel |")
    print("|---:|---|---|---:|---:|---:|---:|---|")
    running = 0
    for n, (value, index) in enumerate(sorted(((v, i) for i, v in ticks.items()), reverse=True)):
        if args.top and n >= args.top:
            break
        running += value
        op, shape, kernel = notes.get(index, ["?", "", ""])
        ms = wall * value / total
        rate = "%.1f" % (macs[index] / ms * 1e-6) if macs.get(index) else ""
        print("| %d | %s | %s | %.3f | %.1f%% | %.1f%% | %s | %s |" % (
            index, op, shape, ms, 100.0 * value / total, 100.0 * running / total, rate,
            kernel[:80] or "generic"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
