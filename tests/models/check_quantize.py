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
three cosines. (Within one step, op by op, needs single-op models cut from the int8 model: not
done yet.)

The input is the held-out photograph (astronaut.png, never in the calibration set) for the
image models, else 0.5 + 0.5 sin(0.37 j).

Usage: check_quantize.py LITEC MAKE_TEST_MODEL NODE ORACLE_JS TFLITE_PACKAGE WORK PHOTOS
       MODEL[:MEAN:STD]...
(PHOTOS: a directory with astronaut.png and calibration/; MEAN and STD scale an image model's
pixels, (pixel - MEAN) / STD.)
"""
import array
import math
import os
import subprocess
import sys

from check_float_models import compare, inspect


CLOSE_COSINE = 0.995


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


def main():
    litec, make_test_model, node, oracle, package, work, photos = sys.argv[1:8]
    specs = sys.argv[8:]
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
