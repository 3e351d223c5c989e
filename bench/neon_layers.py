#!/usr/bin/env python3
"""Benchmark (run by hand, not by ctest): AArch64 instructions of each layer of one invoke of a
model compiled for --target neon, under qemu, with the kernel each layer got. Where
bench/neon_models.py says how a model compares with its peers, this says which layers to work on.

The model is compiled with `litec compile --target neon [--cpu C] --emit-main` and built as
neon_models.py builds it (aarch64-linux-gnu-g++ -O3 -static, -mcpu=C for a named core) with
LITEC_PROFILING defined and empty marker functions for the per-layer hooks; the plugin
bench/qemu_layer_count.c (built here with gcc) counts the instructions between the markers of the
second invoke (`--bench 1`). Prints the layers by instructions, most first, with their share and
the running total; the last line gives the whole invoke and the instructions outside the layers.

With --hot N it then lists the N translated blocks (straight-line runs of code) that executed the
most instructions, with the function they are in: the hot loops to read in
`aarch64-linux-gnu-objdump -d WORK_DIR/run`.

Usage: bench/neon_layers.py [--cpu NAME] [--qemu-cpu NAME] [--top N] [--hot N]
                            LITEC WORK_DIR MODEL
"""
import os
import re
import subprocess
import sys

from neon_models import make_inputs

HERE = os.path.dirname(os.path.abspath(__file__))

PROFILE_HOOKS = """// The per-layer hooks of litec/runtime/Profiling.h as empty markers whose addresses the
// qemu_layer_count plugin watches.
extern "C" __attribute__((noinline)) void litec_profile_layer_begin(int, const char *) {
  asm volatile("");
}
extern "C" __attribute__((noinline)) void litec_profile_layer_end(int, const char *) {
  asm volatile("");
}
"""


def layer_notes(source):
    """Layer index -> (op, output shape, first kernel line) from the generated layer comments."""
    notes, current = {}, None
    for line in open(source):
        match = re.match(r"^// Layer (\d+): (\S+)", line)
        if match:
            current = int(match.group(1))
            notes[current] = [match.group(2), "", ""]
        elif current is not None and line.startswith("//   out ") and not notes[current][1]:
            notes[current][1] = line.split()[3]
        elif current is not None and line.startswith("//   kernel: ") and not notes[current][2]:
            notes[current][2] = line[len("//   kernel: "):].strip()
        elif not line.startswith("//"):
            current = None
    return notes


def main():
    args = sys.argv[1:]
    cpu, qemu_cpu, top, hot = None, "cortex-a76", 0, 0
    while args and args[0] in ("--cpu", "--qemu-cpu", "--top", "--hot"):
        if args[0] == "--cpu":
            cpu = args[1]
        elif args[0] == "--qemu-cpu":
            qemu_cpu = args[1]
        elif args[0] == "--top":
            top = int(args[1])
        else:
            hot = int(args[1])
        args = args[2:]
    if len(args) != 3:
        sys.exit(__doc__)
    litec, work, model = args
    os.makedirs(work, exist_ok=True)
    src = os.path.join(work, "src")
    options = ["--target", "neon"] + (["--cpu", cpu] if cpu else [])
    subprocess.run([litec, "compile", model, "-o", src, "--name", "model", "--emit-main"] +
                   options, check=True, stdout=subprocess.DEVNULL)
    open(os.path.join(src, "profile_hooks.cpp"), "w").write(PROFILE_HOOKS)
    binary = os.path.join(work, "run")
    flags = ["-mcpu=" + cpu] if cpu and cpu.startswith("cortex") else []
    subprocess.run(["aarch64-linux-gnu-g++", "-std=c++17", "-O3", "-static", "-DLITEC_PROFILING",
                    "-o", binary] + flags +
                   [os.path.join(src, f) for f in ("model.cpp", "model_weights.cpp",
                                                   "model_main.cpp", "profile_hooks.cpp")],
                   check=True)
    symbols = subprocess.run(["aarch64-linux-gnu-nm", binary], check=True, capture_output=True,
                             text=True).stdout
    address = {}
    for line in symbols.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in ("litec_profile_layer_begin", "litec_profile_layer_end"):
            address[parts[2]] = "0x" + parts[0]
    plugin = os.path.join(work, "libqemu_layer_count.so")
    subprocess.run(["gcc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared",
                    "-fvisibility=hidden", "-o", plugin, os.path.join(HERE, "qemu_layer_count.c")],
                   check=True)
    inputs = make_inputs(litec, model, work)
    events_path = os.path.join(work, "events.txt")
    subprocess.run(["qemu-aarch64", "-cpu", qemu_cpu, "-plugin",
                    "%s,begin=%s,end=%s,hot=%d,out=%s" % (
                        plugin, address["litec_profile_layer_begin"],
                        address["litec_profile_layer_end"], hot, events_path), binary] +
                   sum((["--input", p] for p in inputs), []) + ["--bench", "1"],
                   check=True, stdout=subprocess.DEVNULL, env={})
    events = [line.split() for line in open(events_path)]
    marks = [(e[0], int(e[1])) for e in events if e[0] in "BE"]
    notes = layer_notes(os.path.join(src, "model.cpp"))
    layers = len(notes)
    if len(marks) != 4 * layers:
        sys.exit("expected %d markers (2 invokes of %d layers), got %d" %
                 (4 * layers, layers, len(marks)))
    second = marks[2 * layers:]
    counts = []
    for index in range(layers):
        (b, begin), (e, end) = second[2 * index], second[2 * index + 1]
        assert b == "B" and e == "E"
        counts.append((end - begin, index))
    invoke = second[-1][1] - marks[2 * layers - 1][1]
    inside = sum(c for c, _ in counts)
    print("%s, qemu CPU model %s, neon --cpu %s\n" % (os.path.basename(model), qemu_cpu,
                                                    cpu or "default"))
    print("| layer | op | out | instructions | share | running | kernel |")
    print("|---:|---|---|---:|---:|---:|---|")
    running = 0
    for n, (value, index) in enumerate(sorted(counts, reverse=True)):
        if top and n >= top:
            break
        running += value
        op, shape, kernel = notes[index]
        print("| %d | %s | %s | %.2f M | %.1f%% | %.1f%% | %s |" % (
            index, op, shape, value / 1e6, 100.0 * value / invoke, 100.0 * running / invoke,
            kernel[:90] or "generic"))
    print("\none invoke: %.2f M instructions, %.2f M in layers, %.2f M between them" %
          (invoke / 1e6, inside / 1e6, (invoke - inside) / 1e6))
    hot_blocks = [e[1:] for e in events if e[0] == "H"]
    if hot_blocks:
        functions = sorted((int(parts[0], 16), parts[2]) for parts in
                           (line.split() for line in symbols.splitlines())
                           if len(parts) == 3 and parts[1] in "tTwW")
        print("\n| block | instructions (2 invokes) | per run | runs | function |")
        print("|---|---:|---:|---:|---|")
        for vaddr, insns, runs in hot_blocks:
            at = int(vaddr, 16)
            owner = max((f for f in functions if f[0] <= at), default=(0, "?"))
            demangled = subprocess.run(["c++filt"], input=owner[1], capture_output=True,
                                       text=True).stdout.strip()
            print("| %s | %.2f M | %s | %s | %s+0x%x |" % (
                vaddr, int(insns) * int(runs) / 1e6, insns, runs, demangled[:100],
                at - owner[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
