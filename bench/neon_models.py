#!/usr/bin/env python3
"""Benchmark (run by hand, not by ctest): AArch64 instructions of one invoke of each real model,
litec's generic and neon targets against the ARM peers, all under the same qemu CPU model.

- litec: `litec compile --target generic|neon [--cpu C] --emit-main`, built with
  aarch64-linux-gnu-g++ -O3 -static (and -mcpu=<C> for a named core);
- XNNPACK: ../shared/tools/xnnpack/build.sh arm64 (Debian's arm64 XNNPACK, one thread);
- Arm NN: ../shared/tools/armnn/build.sh (Arm NN 20.08's CpuAcc backend: the Arm Compute
  Library's NEON kernels).
Every program runs on the same seeded input files; one invoke is `--bench 2` minus `--bench 1`
under ../shared/tools/arm-insn-count (deterministic; instructions are not time: see its README).
Prints a Markdown table: instructions per invoke of each, the NEON share of the neon build's
instructions, and the ratios. A peer that cannot read a model (Arm NN 20.08 and float16 weights
behind DEQUANTIZE) runs the same model with those constants folded to float32 by
`litec opt --passes=fold-constants` (marked *: the same arithmetic); one that still fails shows -.

Usage: bench/neon_models.py [--cpu NAME] [--qemu-cpu NAME] [--xnn XNN_BUILD_DIR] [--armnn ARMNN_RUN]
                            LITEC ARM_INSN_COUNT WORK_DIR MODEL...
"""
import json
import os
import random
import re
import struct
import subprocess
import sys

TYPES = {"f32": ("f", 4), "i8": ("b", 1), "u8": ("B", 1), "i16": ("h", 2), "i32": ("i", 4)}


def make_inputs(litec, model, work):
    info = json.loads(subprocess.run([litec, "inspect", "--json", model], check=True,
                                     capture_output=True, text=True).stdout)
    rng = random.Random(7)
    paths = []
    for k, tensor in enumerate(info["inputs"]):
        code, _ = TYPES[tensor["type"]]
        count = 1
        for d in tensor["shape"]:
            count *= max(d, 1)
        if code == "f":
            values = [rng.uniform(-1, 1) for _ in range(count)]
        else:
            low, high = {"b": (-128, 127), "B": (0, 255), "h": (-32768, 32767),
                         "i": (-1000, 1000)}[code]
            values = [rng.randint(low, high) for _ in range(count)]
        path = os.path.join(work, "input_%d.bin" % k)
        open(path, "wb").write(struct.pack("<%d%s" % (count, code), *values))
        paths.append(path)
    return paths


def count(counter, command, qemu_cpu, env=None, clean=True):
    """Instructions of one invoke: --bench 2 minus --bench 1; None when the program fails."""
    counts = []
    for invokes in (1, 2):
        done = subprocess.run([counter, "--cpu", qemu_cpu] + (["--clean-env"] if clean else []) +
                              ["--"] + command + ["--bench", str(invokes)], capture_output=True,
                              text=True, env=env)
        found = re.findall(r"insns=(\d+) simd=\d+ ldst=\d+ branch=\d+ other=\d+ simd_vec=(\d+)",
                           done.stderr)
        if done.returncode != 0 or not found:
            return None
        counts.append(tuple(int(x) for x in found[-1]))
    return counts[1][0] - counts[0][0], counts[1][1] - counts[0][1]


def litec_binary(litec, model, work, target, cpu):
    out = os.path.join(work, target)
    options = ["--target", target] + (["--cpu", cpu] if cpu and target == "neon" else [])
    subprocess.run([litec, "compile", model, "-o", out, "--emit-main"] + options, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(out, "run")
    flags = ["-mcpu=" + cpu] if cpu and cpu.startswith("cortex") else []
    subprocess.run(["aarch64-linux-gnu-g++", "-std=c++17", "-O3", "-static", "-o", binary] + flags +
                   [os.path.join(out, f) for f in ("model.cpp", "model_weights.cpp",
                                                   "model_main.cpp")], check=True)
    return binary


def millions(value):
    return "-" if value is None else "%.1f M" % (value / 1e6)


def main():
    args = sys.argv[1:]
    cpu, qemu_cpu = None, "cortex-a76"
    xnn = "/tmp/xnn-build-arm64"
    armnn = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                         "litec-peers", "armnn-run")
    while args and args[0] in ("--cpu", "--qemu-cpu", "--xnn", "--armnn"):
        if args[0] == "--cpu":
            cpu = args[1]
        elif args[0] == "--qemu-cpu":
            qemu_cpu = args[1]
        elif args[0] == "--xnn":
            xnn = args[1]
        else:
            armnn = args[1]
        args = args[2:]
    if len(args) < 4:
        sys.exit(__doc__)
    litec, counter, work = args[:3]
    print("qemu CPU model %s, neon --cpu %s\n" % (qemu_cpu, cpu or "default"))
    print("| model | litec generic | litec neon | NEON share | XNNPACK | Arm NN | "
          "neon / XNNPACK | neon / Arm NN | generic / neon |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for model in args[3:]:
        name = os.path.basename(model)[:-len(".tflite")]
        model_work = os.path.join(work, name)
        os.makedirs(model_work, exist_ok=True)
        inputs = make_inputs(litec, model, model_work)
        flags = sum((["--input", p] for p in inputs), [])
        generic = count(counter, [litec_binary(litec, model, model_work, "generic", cpu)] + flags,
                        qemu_cpu)
        neon = count(counter, [litec_binary(litec, model, model_work, "neon", cpu)] + flags,
                     qemu_cpu)
        xnn_run = os.path.join(xnn, "xnn-run")
        xnn_count = None
        if os.path.exists(xnn_run):
            env = dict(os.environ,
                       LD_LIBRARY_PATH=os.path.join(xnn, "root/usr/lib/aarch64-linux-gnu"))
            xnn_count = count(counter, [xnn_run, model] + flags, qemu_cpu, env, clean=False)
        armnn_count, armnn_mark = None, ""
        if os.path.exists(armnn):
            env = dict(os.environ, QEMU_LD_PREFIX="/")
            armnn_count = count(counter, [armnn, model] + flags, qemu_cpu, env, clean=False)
            if armnn_count is None:
                folded = os.path.join(model_work, "folded.tflite")
                subprocess.run([litec, "opt", model, "--passes=fold-constants", "-o", folded],
                               check=True, stdout=subprocess.DEVNULL)
                armnn_count = count(counter, [armnn, folded] + flags, qemu_cpu, env, clean=False)
                armnn_mark = "*" if armnn_count else ""
        n = neon[0] if neon else None
        ratio = lambda a, b: "%.2f" % (a / b) if a and b else "-"
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            name, millions(generic and generic[0]), millions(n),
            "%.0f%%" % (100.0 * neon[1] / neon[0]) if neon else "-",
            millions(xnn_count and xnn_count[0]),
            millions(armnn_count and armnn_count[0]) + armnn_mark,
            ratio(n, xnn_count and xnn_count[0]), ratio(n, armnn_count and armnn_count[0]),
            ratio(generic and generic[0], n)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
