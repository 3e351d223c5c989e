#!/usr/bin/env python3
"""End to end: each model is compiled by `litec compile --emit-main`, the generated directory is
built with the system C++ compiler (-O2, no flags beyond the standard), run on inputs, and its
outputs compared with the reference interpreter (`litec run`) on the same inputs: integer outputs
bit-exact, float outputs within 1e-4 of the output's range (metric: max |generated - reference|
/ (max - min of the reference)).

Inputs are the model's golden input when ../shared/models has one, the case's own input files
(NAME.input_K.bin next to it) for the conformance cases, else seeded pseudo-random data in the
input's range (written here, fed to both). A model the generic target cannot compile fails.

Beyond the interpreter, the generated outputs are checked against TensorFlow Lite itself: for
models with golden outputs (TFLite Micro's reference kernels), bit-exact with them (float outputs
within the float tolerance where they are not: a build that contracts into FMAs); with
--tflite, the others against the real TFLite runtime in node: float outputs within 5e-4 of the
output range and with cosine similarity above 0.9999 (the reference interpreter's tolerances),
quantised ones within one step, other integers exactly.

Usage: check_generated.py [--sanitize] [--cxxflags FLAGS] [--jobs N] [--cases GENERATOR [--only OP,...] [--only-types T,...]]
                          [--test-models MAKER] [--tflite NODE ORACLE PKG]
                          [--target NAME] [--cpu NAME] [--run-with COMMAND] [--tolerance T]
                          [--threads N,...] LITEC CXX WORK_DIR MODEL...
  --sanitize        build the generated code with -fsanitize=address,undefined -O1 -g (errors
                    abort), then the other --cxxflags
  --cxxflags FLAGS  build it with these flags instead of -O2 ("-O3 -march=native": the flags an
                    app's release build may well use)
  --cases G         also run every single-op conformance case the generator G writes
  --only OP,...     of those cases, the ones of these operators (CONV_2D,SVDF)
  --only-types T,...  of those cases, the ones of these element types (i8,f32)
  --sample K        of those cases, run every K-th (in name order, so every operator family is
                    still reached); the count run is printed
  --test-models M   also run every model `M list` names (make-test-model: the project's own)
  --target, --cpu   compile for this target (and CPU) instead of the default
  --run-with CMD    run the built program through CMD ("qemu-aarch64 -cpu cortex-a76": with a
                    cross compiler as CXX and --cxxflags "-O2 -static")
  --tolerance T     float outputs within T of the output's range (default 1e-4)
  --threads N,...   also run the program with --threads N (its parallel invoke on a pool of N
                    workers) for each N: every output byte-identical to the serial run's
Exit 77 (skipped) when no model exists.
"""
import concurrent.futures
import os
import random
import re
import struct
import subprocess
import sys

from modelfiles import expand, make_test_models

TYPES = {"f32": ("f", 4), "i8": ("b", 1), "u8": ("B", 1), "i16": ("h", 2), "i32": ("i", 4),
         "i64": ("q", 8), "bool": ("?", 1)}
FLOAT_TOLERANCE = 1e-4


def read_values(path, type_name):
    code, size = TYPES[type_name]
    data = open(path, "rb").read()
    return list(struct.unpack("<%d%s" % (len(data) // size, code), data))


def output_pair(ours_dir, reference_dir, k, type_name):
    """Output k as written into each directory."""
    name = "output_%d.bin" % k
    return (read_values(os.path.join(ours_dir, name), type_name),
            read_values(os.path.join(reference_dir, name), type_name))


def range_error(ours, reference):
    """max |ours - reference| relative to the reference's range (absolute when it has none)."""
    span = max(reference) - min(reference) if reference else 0
    worst = max((abs(x - y) for x, y in zip(ours, reference)), default=0)
    return worst / span if span else worst


def inputs_of(litec, model):
    """(type, element count) of each input, from `litec inspect --json`."""
    import json
    info = json.loads(subprocess.run([litec, "inspect", "--json", model], check=True,
                                     capture_output=True, text=True).stdout)
    out = []
    for tensor in info["inputs"]:
        count = 1
        for d in tensor["shape"]:
            count *= d
        out.append((tensor["type"], count))
    return out


def make_inputs(litec, model, work):
    name = os.path.basename(model)[:-len(".tflite")]
    golden = os.path.join(os.path.dirname(model), "golden", name, "input_0.bin")
    if os.path.exists(golden):
        return [golden]
    own = sorted(f for f in os.listdir(os.path.dirname(model) or ".")
                 if f.startswith(name + ".input_") and f.endswith(".bin"))
    if own:
        return [os.path.join(os.path.dirname(model), f) for f in own]
    rng = random.Random(1234)
    paths = []
    for k, (type_name, count) in enumerate(inputs_of(litec, model)):
        code, _ = TYPES[type_name]
        if type_name == "f32":
            values = [rng.uniform(-1, 1) for _ in range(count)]
        elif type_name == "u8":
            values = [rng.randrange(0, 256) for _ in range(count)]
        elif type_name == "i8":
            values = [rng.randrange(-128, 128) for _ in range(count)]
        elif type_name == "i16":
            values = [rng.randrange(-32768, 32768) for _ in range(count)]
        else:
            values = [rng.randrange(0, 4) for _ in range(count)]
        path = os.path.join(work, "%s.input_%d.bin" % (name, k))
        with open(path, "wb") as f:
            f.write(struct.pack("<%d%s" % (count, code), *values))
        paths.append(path)
    return paths


def compare_tflite(tflite, model, inputs, out_dir, types):
    """Generated outputs against TFLite in node: (ok, detail). Float outputs within 5e-4 of the
    output range with cosine similarity above 0.9999; quantised ones (int8, uint8, int16) within
    one step (TFLite in node runs XNNPACK's and its optimised kernels, which may round
    differently from its reference kernels by one step); other integers exactly."""
    node, oracle, package = tflite
    theirs = os.path.join(out_dir, "tflite")
    run = subprocess.run([node, oracle, package, model, theirs] + inputs, capture_output=True,
                         text=True)
    if run.returncode != 0:
        return True, "TFLite cannot run it"
    ok, details = True, []
    for k, type_name in enumerate(types):
        a, b = output_pair(out_dir, theirs, k, type_name)
        if len(a) != len(b):
            return False, "TFLite output %d has %d values, ours %d" % (k, len(b), len(a))
        if type_name == "f32":
            error = range_error(a, b)
            dot = sum(x * y for x, y in zip(a, b))
            norm = (sum(x * x for x in a) * sum(y * y for y in b)) ** 0.5
            cosine = dot / norm if norm else 1.0
            ok = ok and error <= 5e-4 and cosine >= 0.9999
            details.append("%.1e of range, cosine %.7f" % (error, cosine))
        else:
            steps = max((abs(x - y) for x, y in zip(a, b)), default=0)
            ok = ok and steps <= (1 if type_name in ("i8", "u8", "i16") else 0)
            details.append("max %d steps" % steps)
    return ok, "TFLite " + "; ".join(details)


# --target, --cpu, --run-with, --tolerance.
OPTIONS = {"compile": [], "run_with": [], "tolerance": FLOAT_TOLERANCE, "threads": []}


def check(litec, cxx, flags, work, model, tflite=None):
    name = os.path.basename(model)[:-len(".tflite")]
    out_dir = os.path.join(work, name)
    os.makedirs(out_dir, exist_ok=True)
    tolerance = OPTIONS["tolerance"]
    compiled = subprocess.run([litec, "compile", model, "-o", os.path.join(out_dir, "src"),
                               "--name", "model", "--emit-main"] + OPTIONS["compile"],
                              capture_output=True, text=True)
    if compiled.returncode != 0:
        return False, "litec compile: " + compiled.stderr.strip().splitlines()[-1]
    src = os.path.join(out_dir, "src")
    sources = sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".cpp"))
    binary = os.path.join(out_dir, "run")
    built = subprocess.run([cxx, "-std=c++17"] + flags + ["-o", binary] + sources,
                           capture_output=True, text=True)
    if built.returncode != 0:
        return False, "build failed: " + built.stderr.strip()[:2000]
    inputs = make_inputs(litec, model, out_dir)
    args = sum((["--input", p] for p in inputs), [])
    ours = subprocess.run(OPTIONS["run_with"] + [binary, "--output-dir", out_dir] + args,
                          capture_output=True, text=True)
    if ours.returncode != 0:
        return False, "generated code failed: " + ours.stderr.strip()
    for workers in OPTIONS["threads"]:
        threads_dir = os.path.join(out_dir, "threads_%d" % workers)
        parallel = subprocess.run(OPTIONS["run_with"] + [binary, "--output-dir", threads_dir,
                                                         "--threads", str(workers)] + args,
                                  capture_output=True, text=True)
        if parallel.returncode != 0:
            return False, "generated code failed with %d threads: %s" % (
                workers, parallel.stderr.strip())
        for f in sorted(os.listdir(threads_dir)):
            with open(os.path.join(out_dir, f), "rb") as a, \
                    open(os.path.join(threads_dir, f), "rb") as b:
                if a.read() != b.read():
                    return False, "%s differs with %d threads" % (f, workers)
    ref_dir = os.path.join(out_dir, "reference")
    ref = subprocess.run([litec, "run", model, "--output-dir", ref_dir] + args,
                         capture_output=True, text=True)
    if ref.returncode != 0:
        return False, "litec run: " + ref.stderr.strip().splitlines()[-1]
    details = []
    ok = True
    types = []
    for line in ref.stdout.splitlines():
        match = re.match(r'^output (\d+) ".*" (\S+):', line)
        if not match:
            continue
        k, type_name = int(match.group(1)), match.group(2).split("x")[-1]
        types.append(type_name)
        a, b = output_pair(out_dir, ref_dir, k, type_name)
        if len(a) != len(b):
            return False, "output %d: %d values, the interpreter has %d" % (k, len(a), len(b))
        if type_name == "f32":
            error = range_error(a, b)
            ok = ok and error <= tolerance
            details.append("output %d max error %.2e of range" % (k, error))
        else:
            differ = sum(1 for x, y in zip(a, b) if x != y)
            ok = ok and differ == 0
            details.append("output %d %s" % (k, "bit-exact" if differ == 0 else
                                              "%d of %d values differ" % (differ, len(a))))
    name = os.path.basename(model)[:-len(".tflite")]
    golden = os.path.join(os.path.dirname(model), "golden", name, "output_0.bin")
    if os.path.exists(golden):
        ours0 = open(os.path.join(out_dir, "output_0.bin"), "rb").read()
        same = open(golden, "rb").read() == ours0
        if same or not types or types[0] != "f32":
            ok = ok and same
            details.append("golden " + ("bit-exact" if same else "DIFFERS"))
        else:
            # Floats may round differently where the build contracts a * b + c into an FMA
            # (-march=native in GCC's GNU modes): the float tolerance, as for the interpreter.
            error = range_error(*output_pair(out_dir, os.path.dirname(golden), 0, "f32"))
            ok = ok and error <= FLOAT_TOLERANCE
            details.append("golden within %.2e of range" % error)
    elif tflite:
        tflite_ok, detail = compare_tflite(tflite, model, inputs, out_dir, types)
        ok = ok and tflite_ok
        details.append(detail)
    return ok, ", ".join(details)


def main():
    args = sys.argv[1:]
    if "-h" in args or "--help" in args:
        print(__doc__)
        return 0
    sanitize = "--sanitize" in args
    args = [a for a in args if a != "--sanitize"]
    jobs, generator, maker, tflite, sample, only, only_types = 1, None, None, None, 1, None, None
    cxxflags = ["-O2"]
    while args and args[0] in ("--jobs", "--cases", "--test-models", "--tflite", "--sample",
                               "--only", "--cxxflags", "--target", "--cpu", "--run-with",
                               "--tolerance", "--only-types", "--threads"):
        if args[0] == "--tflite":
            tflite = tuple(args[1:4]) if os.path.isdir(args[3]) else None
            args = args[4:]
            continue
        if args[0] == "--jobs":
            jobs = int(args[1])
        elif args[0] == "--cases":
            generator = args[1]
        elif args[0] == "--sample":
            sample = int(args[1])
        elif args[0] == "--only":  # OP[,OP...]: the conformance cases of those operators
            only = set(args[1].split(","))
        elif args[0] == "--only-types":  # TYPE[,TYPE...]: the cases of those element types
            only_types = set(args[1].split(","))
        elif args[0] == "--cxxflags":
            cxxflags = args[1].split()
        elif args[0] in ("--target", "--cpu"):
            OPTIONS["compile"] += [args[0], args[1]]
        elif args[0] == "--run-with":
            OPTIONS["run_with"] = args[1].split()
        elif args[0] == "--threads":
            OPTIONS["threads"] = [int(n) for n in args[1].split(",")]
        elif args[0] == "--tolerance":
            OPTIONS["tolerance"] = float(args[1])
        else:
            maker = args[1]
        args = args[2:]
    if len(args) < 3:
        print("check_generated.py: needs LITEC CXX WORK_DIR (see --help)", file=sys.stderr)
        return 2
    litec, cxx, work = args[:3]
    os.makedirs(work, exist_ok=True)
    models = expand(args[3:])
    if maker:
        models += make_test_models(maker, os.path.join(work, "test-models"))
    if generator:
        cases = os.path.join(work, "cases")
        subprocess.run([generator, cases], check=True, stdout=subprocess.DEVNULL)
        all_cases = sorted(os.path.join(cases, f) for f in os.listdir(cases)
                           if f.endswith(".tflite"))
        if only is not None or only_types is not None:
            # cases.tsv: name, operator, type, tolerance per case.
            rows = [line.split("\t") for line in open(os.path.join(cases, "cases.tsv"))]
            names = {row[0] for row in rows
                     if (only is None or row[1] in only) and
                     (only_types is None or row[2] in only_types)}
            all_cases = [c for c in all_cases if os.path.basename(c)[:-len(".tflite")] in names]
        models += all_cases[::sample]
        if sample > 1:
            print("running every %d-th conformance case: %d of %d" %
                  (sample, len(all_cases[::sample]), len(all_cases)))
    if not models:
        print("no models found: skipped")
        return 77
    # The sanitizers replace the optimisation level; the other flags given come after theirs
    # (-march, or -g0 to override their -g).
    flags = cxxflags
    if sanitize:
        flags = ["-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"] + [
            f for f in cxxflags if not f.startswith("-O")]
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda m: (m, check(litec, cxx, flags, work, m, tflite)), models))
    failed = 0
    for model, (ok, detail) in results:
        if not ok or len(results) <= 20:
            print(("ok   " if ok else "FAIL ") + os.path.basename(model) + ": " + detail)
        failed += not ok
    print("%d passed, %d failed" % (len(models) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
