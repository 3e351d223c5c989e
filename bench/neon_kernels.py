#!/usr/bin/env python3
"""Benchmark (run by hand, not by ctest): the NEON microkernels, one layer at a time, in
AArch64 instructions. Each case is a one-op model (written here as IR text with seeded weights),
compiled by `litec compile --target neon` and `--target generic`, built with
aarch64-linux-gnu-g++ -O3 -static, and run under ../shared/tools/arm-insn-count: the
instructions of one invoke are `--bench 2` minus `--bench 1` (deterministic). Prints per case the
kernel the layer got, its multiply-accumulates, the instructions per MAC and per output element
of both targets, the NEON share of the neon build's instructions, and generic / neon. A change to
a microkernel shows here as a change in these counts. An invoke also copies the inputs into the
arena and the outputs out of it (memcpy: about 0.08 instructions per byte each way); that cost,
measured once on a RESHAPE model that only copies, is taken off every count.

Usage: bench/neon_kernels.py [--cpu NAME] LITEC ARM_INSN_COUNT WORK_DIR
"""
import os
import random
import re
import subprocess
import sys


def floats(rng, count, scale=0.1, zeros=0.0):
    values = ["%.4f" % (0.0 if zeros and rng.random() < zeros else rng.uniform(-scale, scale))
              for _ in range(count)]
    return "[" + ", ".join(values) + "]", sum(float(v) != 0.0 for v in values)


def conv_case(name, in_shape, out_c, kernel, stride, padding, depthwise=False, residual=False,
              zeros=0.0):
    """IR text of one CONV_2D / DEPTHWISE_CONV_2D (optionally with a fused residual ADD, which
    the pipeline turns into LITEC_CONV_2D_RESIDUAL) and its MAC count. `zeros`: the share of
    the weights set to zero, as in a sparse model; the MACs then count the non-zero weights'
    only (what the sparse kernel multiplies)."""
    rng = random.Random(name)
    n, h, w, c = in_shape
    kh, kw = kernel
    if padding == "SAME":
        oh, ow = (h + stride - 1) // stride, (w + stride - 1) // stride
    else:
        oh, ow = (h - kh) // stride + 1, (w - kw) // stride + 1
    filter_shape = (1, kh, kw, out_c) if depthwise else (out_c, kh, kw, c)
    count = kh * kw * out_c * (1 if depthwise else c)
    weights, nonzero = floats(rng, count, zeros=zeros)
    macs = n * oh * ow * nonzero
    shape = lambda s: "x".join(str(d) for d in s)
    out = (n, oh, ow, out_c)
    op = "DEPTHWISE_CONV_2D" if depthwise else "CONV_2D"
    attrs = "padding = %s, stride_w = %d, stride_h = %d" % (padding, stride, stride)
    attrs += ", depth_multiplier = 1" if depthwise else ""
    lines = ["module version 3"]
    if residual:
        lines += ['graph 0 "main" (%0, %4) -> (%5) {',
                  '  value %0 "x" : {}xf32'.format(shape(in_shape)),
                  '  const %1 "w" : {}xf32 = {}'.format(shape(filter_shape), weights),
                  '  const %2 "b" : {}xf32 = {}'.format(out_c, floats(rng, out_c)[0]),
                  '  value %3 "conv" : {}xf32'.format(shape(out)),
                  '  value %4 "r" : {}xf32'.format(shape(out)),
                  '  value %5 "y" : {}xf32'.format(shape(out)),
                  '  0: %3 = {} v1(%0, %1, %2) {{{}}}'.format(op, attrs),
                  '  1: %5 = ADD v1(%3, %4) {fused_activation_function = RELU}', "}"]
    else:
        lines += ['graph 0 "main" (%0) -> (%3) {',
                  '  value %0 "x" : {}xf32'.format(shape(in_shape)),
                  '  const %1 "w" : {}xf32 = {}'.format(shape(filter_shape), weights),
                  '  const %2 "b" : {}xf32 = {}'.format(out_c, floats(rng, out_c)[0]),
                  '  value %3 "y" : {}xf32'.format(shape(out)),
                  '  0: %3 = {} v1(%0, %1, %2) {{{}, fused_activation_function = RELU}}'.format(
                      op, attrs), "}"]
    copied = 4 * (n * h * w * c + (2 if residual else 1) * n * oh * ow * out_c)
    return name, "\n".join(lines) + "\n", macs, n * oh * ow * out_c, copied


# A model that computes nothing: an invoke is the copy of its input in and its output out.
COPY_ONLY = """module version 3
graph 0 "main" (%0) -> (%2) {
  value %0 "x" : 1x64x64x24xf32
  const %1 "s" : 2xi32 = [4096, 24]
  value %2 "y" : 4096x24xf32
  0: %2 = RESHAPE v1(%0, %1)
}
"""
COPY_ONLY_BYTES = 2 * 4 * 64 * 64 * 24


CASES = [
    conv_case("conv1x1_32x32x64_to_64", (1, 32, 32, 64), 64, (1, 1), 1, "VALID"),
    conv_case("conv1x1_16x16x128_to_128", (1, 16, 16, 128), 128, (1, 1), 1, "VALID"),
    conv_case("conv1x1_64x64x24_to_24_residual", (1, 64, 64, 24), 24, (1, 1), 1, "VALID",
              residual=True),
    conv_case("conv1x1_16x16x96_to_21", (1, 16, 16, 96), 21, (1, 1), 1, "VALID"),
    # MediaPipe's sparse models: 70% of the 1x1 weights zero, in no pattern.
    conv_case("conv1x1_sparse70_48x48x64_to_48", (1, 48, 48, 64), 48, (1, 1), 1, "VALID",
              zeros=0.7),
    conv_case("conv1x1_sparse70_24x24x32_to_128_residual", (1, 24, 24, 32), 128, (1, 1), 1,
              "VALID", residual=True, zeros=0.7),
    conv_case("conv3x3_32x32x32_to_32", (1, 32, 32, 32), 32, (3, 3), 1, "SAME"),
    conv_case("conv3x3_s2_64x64x16_to_32", (1, 64, 64, 16), 32, (3, 3), 2, "SAME"),
    conv_case("conv5x5_s2_128x128x3_to_24", (1, 128, 128, 3), 24, (5, 5), 2, "SAME"),
    conv_case("depthwise3x3_64x64x24", (1, 64, 64, 24), 24, (3, 3), 1, "SAME", depthwise=True),
    conv_case("depthwise3x3_s2_64x64x32", (1, 64, 64, 32), 32, (3, 3), 2, "SAME",
              depthwise=True),
    conv_case("depthwise3x3_16x16x96", (1, 16, 16, 96), 96, (3, 3), 1, "SAME", depthwise=True),
    conv_case("depthwise5x5_32x32x36", (1, 32, 32, 36), 36, (5, 5), 1, "SAME", depthwise=True),
]


def instructions(counter, binary):
    counts = []
    for invokes in (1, 2):
        done = subprocess.run([counter, "--clean-env", "--", binary, "--bench", str(invokes)],
                              capture_output=True, text=True, check=True)
        fields = dict(re.findall(r"(\w+)=(\d+)", done.stderr.strip().splitlines()[-1]))
        counts.append({k: int(v) for k, v in fields.items()})
    return {k: counts[1][k] - counts[0][k] for k in counts[0]}


def build(litec, work, name, model, target, cpu):
    out = os.path.join(work, name, target)
    options = ["--target", target] + (["--cpu", cpu] if cpu and target == "neon" else [])
    subprocess.run([litec, "compile", model, "-o", out, "--emit-main"] + options, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(out, "run")
    subprocess.run(["aarch64-linux-gnu-g++", "-std=c++17", "-O3", "-static", "-o", binary] +
                   [os.path.join(out, f) for f in ("model.cpp", "model_weights.cpp",
                                                   "model_main.cpp")], check=True)
    source = open(os.path.join(out, "model.cpp")).read()
    note = re.search(r"//   kernel: (NEON [^\n]*)", source)
    return binary, note.group(1).split(",")[0] if note else "generic"


def main():
    args = sys.argv[1:]
    cpu = None
    if args[:1] == ["--cpu"]:
        cpu, args = args[1], args[2:]
    if len(args) != 3:
        sys.exit(__doc__)
    litec, counter, work = args
    os.makedirs(work, exist_ok=True)
    control = os.path.join(work, "copy-only")
    open(control + ".ir", "w").write(COPY_ONLY)
    subprocess.run([litec, "opt", "-O0", control + ".ir", "-o", control + ".tflite"], check=True,
                   stdout=subprocess.DEVNULL)
    binary, _ = build(litec, work, "copy-only", control + ".tflite", "generic", None)
    per_byte = instructions(counter, binary)["insns"] / COPY_ONLY_BYTES
    print("invoke's copies: %.3f instructions per byte (taken off below)\n" % per_byte)
    print("| case | kernel | MACs | neon insns/MAC | neon insns/output | NEON share | "
          "generic insns/MAC | generic / neon |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, text, macs, outputs, copied in CASES:
        ir = os.path.join(work, name + ".ir")
        model = os.path.join(work, name + ".tflite")
        open(ir, "w").write(text)
        subprocess.run([litec, "opt", "-O0", ir, "-o", model], check=True, stdout=subprocess.DEVNULL)
        neon, kernel = build(litec, work, name, model, "neon", cpu)
        generic, _ = build(litec, work, name, model, "generic", cpu)
        n, g = instructions(counter, neon), instructions(counter, generic)
        for counts in (n, g):
            counts["insns"] -= per_byte * copied
        print("| %s | %s | %d | %.3f | %.2f | %.0f%% | %.2f | %.1f |" % (
            name, kernel, macs, n["insns"] / macs, n["insns"] / outputs,
            100.0 * min(1.0, n["simd_vec"] / n["insns"]), g["insns"] / macs, g["insns"] / n["insns"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
