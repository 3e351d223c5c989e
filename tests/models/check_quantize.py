#!/usr/bin/env python3
"""`litec quantize` on real float models, against the real TFLite runtime.

Each float model is quantised (calibrated on photographs for the image models, on seeded random
inputs for the others); then the int8 model must load and run in TFLite (tests/oracle/run_tflite.js
in node; MediaPipe's Convolution2DTransposeBias, which stays float, rewritten to the builtin
TRANSPOSE_CONV as check_float_models.py does), and litec's interpreter and TFLite must agree on
every output: within one quantisation step (the scale of the int8 tensor the output is
dequantised from) where TFLite runs the model on its reference kernels (no convolution); where
the npm runtime runs int8 convolutions through XNNPACK, whose rounding differs by a step here
and there and adds up over a deep model (../shared/models/README.md: 9 steps on mobilenet_v2),
the two int8 runs must agree with each other (cosine similarity) at least as well as TFLite's
agrees with the float model (what separates them smaller than the quantisation error itself,
which a wrong kernel or parameter in litec would not be), or to 0.995 where the quantisation
error is smaller than XNNPACK's rounding adds up to (face_detection_full_range's regressors:
0.9982 to the float model, 0.9970 between the two int8 runs). Printed per output: steps and the
three cosines. Then op by op, which is exact: each op of the int8 model is cut out alone
(`make-test-model single-op`) and run in TFLite on the values litec's interpreter computed for
its operands (`litec run --dump-values`); see check_each_op.

The input is the held-out photograph (astronaut.png, never in the calibration set) for the
image models, else 0.5 + 0.5 sin(0.37 j).

Usage: check_quantize.py LITEC MAKE_TEST_MODEL NODE ORACLE_JS TFLITE_PACKAGE WORK PHOTOS
       [--whole] MODEL[:MEAN:STD]...
(--whole: the next model is checked whole only, not op by op, and left out of WORK/int8, the
int8 models the code generation tests compile: a large model whose ops the others already
cover, kept out of CI's hour.)
(PHOTOS: a directory with astronaut.png and calibration/; MEAN and STD scale an image model's
pixels, (pixel - MEAN) / STD.)
"""
import array
import math
import os
import shutil
import subprocess
import sys

from check_float_models import compare, inspect


CLOSE_COSINE = 0.995
# int8 LOGISTIC and TANH: TFLite's default kernels read a lookup table made in float, its
# reference kernels (TFLite Micro's, litec's) compute in fixed point; on selfie_segmentation's
# last LOGISTIC (a fine input scale) they differ by up to 3 steps.
LOOKUP_TABLE_STEPS = 3


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def read_floats(path):
    values = array.array("f")
    with open(path, "rb") as f:
        values.frombytes(f.read())
    return values


def output_steps(litec, model):
    """The scale of the int8 tensor each float output is dequantised from (None where the output
    is computed in float)."""
    report = inspect(litec, model)
    dequantized = {}
    for op in report["ops"]:
        if op["name"] == "DEQUANTIZE":
            scales = (op["inputs"][0].get("quantization") or {}).get("scale") or []
            dequantized[op["outputs"][0]["index"]] = scales[0] if scales else None
    return [dequantized.get(output["index"]) for output in report["outputs"]]


def read_integers(path, width):
    values = array.array("b" if width == 1 else "h")
    with open(path, "rb") as f:
        values.frombytes(f.read())
    return values


def check_each_op(litec, make_test_model, node, oracle, package, quantized, inputs, place,
                  figures):
    """Each op of the int8 model alone in TFLite, fed the values litec's interpreter computed
    for its operands: integer results within one step of litec's (LOGISTIC and TANH within
    LOOKUP_TABLE_STEPS), float ones (the ops kept float, DEQUANTIZE) within 5e-4 of their range.
    Returns the problems."""
    values = os.path.join(place, "values")
    dumped = run([litec, "run", quantized, "--dump-values", values]
                 + sum((["--input", p] for p in inputs), []))
    if dumped.returncode != 0:
        return [f"litec run --dump-values: {dumped.stderr.strip()}"]
    report = inspect(litec, quantized)
    problems, worst_steps = [], 0
    for op in report["ops"]:
        single = os.path.join(place, "op.tflite")
        cut = run([make_test_model, "single-op", quantized, str(op["index"]), single])
        if cut.returncode != 0:
            problems.append(f"op {op['index']}: {cut.stderr.strip()}")
            continue
        ids = dict(line.split(" ", 1)[0:2] if " " in line else (line, "")
                   for line in cut.stdout.strip().splitlines())
        operand_ids = ids.get("inputs", "").split()
        result_ids = ids.get("outputs", "").split()
        if op["name"].startswith("CUSTOM"):
            subprocess.run([make_test_model, "builtin-transpose-conv", single, single], check=True)
        out = os.path.join(place, "op_out")
        theirs = run([node, oracle, package, single, out]
                     + [os.path.join(values, f"value_{i}.bin") for i in operand_ids])
        if theirs.returncode != 0:
            problems.append(f"op {op['index']} ({op['name']}): TFLite cannot run it alone: "
                            f"{theirs.stderr.strip().splitlines()[-1]}")
            continue
        for k, (result, result_id) in enumerate(zip(op["outputs"], result_ids)):
            ours_path = os.path.join(values, f"value_{result_id}.bin")
            theirs_path = os.path.join(out, f"output_{k}.bin")
            if result["type"] in ("i8", "i16"):
                width = 1 if result["type"] == "i8" else 2
                a, b = read_integers(ours_path, width), read_integers(theirs_path, width)
                steps = max((abs(x - y) for x, y in zip(a, b)), default=0)
                worst_steps = max(worst_steps, steps)
                allowed_steps = LOOKUP_TABLE_STEPS if op["name"] in ("LOGISTIC", "TANH") else 1
                if len(a) != len(b) or steps > allowed_steps:
                    problems.append(f"op {op['index']} ({op['name']}): {steps} steps from TFLite")
            else:
                a, b = read_floats(ours_path), read_floats(theirs_path)
                relative, _ = compare(a, b)
                if len(a) != len(b) or relative > 5e-4:
                    problems.append(f"op {op['index']} ({op['name']}): {relative:.2e} of range "
                                    f"from TFLite")
    figures.append(f"{len(report['ops'])} ops alone in TFLite: at most {worst_steps} step(s) apart")
    return problems


def main():
    litec, make_test_model, node, oracle, package, work, photos = sys.argv[1:8]
    specs, whole_only = [], set()
    arguments = iter(sys.argv[8:])
    for argument in arguments:
        if argument == "--whole":
            argument = next(arguments)
            whole_only.add(argument)
        specs.append(argument)
    if not os.path.isdir(package):
        print(f"TFLite runtime not installed at {package}: skipped")
        return 77
    calibration = os.path.join(photos, "calibration")
    held_out = os.path.join(photos, "astronaut.png")
    if not os.path.isdir(calibration) or not os.path.exists(held_out):
        print(f"no calibration photographs in {photos} (scripts/fetch-models.sh): skipped")
        return 77
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    for spec in specs:
        model, *scaling = spec.split(":")
        if not os.path.exists(model):
            print(f"skip {model}: not there")
            continue
        name = os.path.basename(model)[:-len(".tflite")]
        place = os.path.join(work, name)
        os.makedirs(place, exist_ok=True)
        quantized = os.path.join(place, name + "_int8.tflite")
        command = [litec, "quantize", model, "-o", quantized]
        image = bool(scaling)
        if image:
            command += ["--calibration", calibration, "--image-mean", scaling[0],
                        "--image-std", scaling[1]]
        else:
            command += ["--samples", "50"]
        made = run(command)
        if made.returncode != 0:
            print(f"FAIL {name}: litec quantize: {made.stderr.strip()}")
            failed += 1
            continue
        print(made.stdout.strip())
        # The int8 models together, for the code generation tests (codegen.*.quantized).
        shelf = os.path.join(work, "int8")
        os.makedirs(shelf, exist_ok=True)
        if spec not in whole_only:
            shutil.copyfile(quantized, os.path.join(shelf, os.path.basename(quantized)))
        # The input: the held-out photograph (litec run writes the floats it became), or the
        # sine pattern.
        report = inspect(litec, quantized)
        ours_dir = os.path.join(place, "litec")
        if image:
            ours = run([litec, "run", quantized, "--input", held_out, "--image-mean", scaling[0],
                        "--image-std", scaling[1], "--output-dir", ours_dir])
            inputs = [os.path.join(ours_dir, "input_0.bin")]
        else:
            inputs = []
            for i, tensor in enumerate(report["inputs"]):
                path = os.path.join(place, f"input_{i}.bin")
                count = math.prod(tensor["shape"])
                data = array.array("f", (0.5 + 0.5 * math.sin(0.37 * j) for j in range(count)))
                with open(path, "wb") as f:
                    data.tofile(f)
                inputs.append(path)
            ours = run([litec, "run", quantized, "--output-dir", ours_dir]
                       + sum((["--input", p] for p in inputs), []))
        if ours.returncode != 0:
            print(f"FAIL {name}: litec run: {ours.stderr.strip()}")
            failed += 1
            continue
        oracle_model = quantized
        if "CUSTOM:Convolution2DTransposeBias" in report["op_histogram"]:
            oracle_model = os.path.join(place, "builtin.tflite")
            subprocess.run([make_test_model, "builtin-transpose-conv", quantized, oracle_model],
                           check=True)
        theirs = run([node, oracle, package, oracle_model, os.path.join(place, "tflite")]
                     + inputs)
        if theirs.returncode != 0:
            print(f"FAIL {name}: TFLite cannot run the int8 model: {theirs.stderr.strip()}")
            failed += 1
            continue
        floats = run([litec, "run", model, "--output-dir", os.path.join(place, "float")]
                     + sum((["--input", p] for p in inputs), []))
        if floats.returncode != 0:
            print(f"FAIL {name}: litec run (float model): {floats.stderr.strip()}")
            failed += 1
            continue
        problems, figures = [], []
        convolutions = any(op in report["op_histogram"]
                           for op in ("CONV_2D", "DEPTHWISE_CONV_2D", "TRANSPOSE_CONV"))
        for k, step in enumerate(output_steps(litec, quantized)):
            a = read_floats(os.path.join(place, "litec", f"output_{k}.bin"))
            b = read_floats(os.path.join(place, "tflite", f"output_{k}.bin"))
            worst = max((abs(x - y) for x, y in zip(a, b)), default=0.0)
            allowed = step if step else 1e-4 * max(1.0, max(map(abs, b), default=1.0))
            f = read_floats(os.path.join(place, "float", f"output_{k}.bin"))
            similarity, theirs_to_float = compare(a, b)[1], compare(b, f)[1]
            figures.append(f"output {k}: max |litec - TFLite| {worst / allowed:.1f} steps, cosine "
                           f"litec-TFLite {similarity:.5f}, TFLite-float {theirs_to_float:.5f}, "
                           f"litec-float {compare(a, f)[1]:.5f}")
            if len(a) != len(b):
                problems.append(f"output {k} has {len(a)} values, TFLite's {len(b)}")
            elif convolutions and similarity < min(theirs_to_float, CLOSE_COSINE):
                problems.append(f"output {k}: litec and TFLite further apart than TFLite and "
                                f"float, and below cosine {CLOSE_COSINE}")
            elif not convolutions and worst > allowed * 1.0001:
                problems.append(f"output {k} differs by more than one step")
        if spec not in whole_only:
            problems += check_each_op(litec, make_test_model, node, oracle, package, quantized,
                                      inputs, place, figures)
        if problems:
            print(f"FAIL {name}: " + "; ".join(problems + figures))
            failed += 1
        else:
            print(f"ok   {name}: " + "; ".join(figures))
            passed += 1
    print(f"{passed} passed, {failed} failed")
    if passed + failed == 0:
        return 77
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
