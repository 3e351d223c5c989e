#!/usr/bin/env python3
"""Every real model gives the same outputs with and without each optimising pass, through the
reference interpreter: `litec run MODEL --passes=fold-constants,P` (and the whole pipeline) on
seeded inputs against `litec run MODEL` on the model as imported.

The passes promise exact equivalence (fold-affine, a reassociation, within float rounding), so
integer outputs must be bit-exact and float outputs within 1e-6 of the output's range (measured: bit-exact; the largest difference per model is
printed). Models are every .tflite in the directories given; a model the interpreter refuses as
imported is a failure, not a skip.

Usage: check_passes.py LITEC MODEL_DIR... ; exits 77 (skipped) when there is no model.
"""
import array
import json
import os
import subprocess
import sys
import tempfile

SEEDS = (1, 2)


def run(args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("exit %d: %s" % (result.returncode, (result.stderr.strip().splitlines()
                                                                or ["?"])[-1]))
    return result.stdout


def outputs(litec, model, seed, passes, work):
    out = tempfile.mkdtemp(dir=work)
    run([litec, "run", model, "--seed", str(seed), "--output-dir", out] +
        (["--passes=" + ",".join(passes)] if passes else []))
    files = sorted(os.listdir(out), key=lambda f: int(f[len("output_"):-len(".bin")]))
    return [open(os.path.join(out, f), "rb").read() for f in files]


def float_outputs(litec, model):
    """Which outputs are float32, from `litec inspect --json`."""
    info = json.loads(run([litec, "inspect", "--json", model]))
    return [o["type"] == "f32" for o in info["outputs"]]


def difference(expected, actual, is_float):
    """0 when equal; for floats the largest difference relative to the expected range."""
    if expected == actual:
        return 0.0
    if not is_float or len(expected) != len(actual) or len(expected) % 4:
        return float("inf")
    e, a = array.array("f", expected), array.array("f", actual)
    span = max(max(e) - min(e), 1e-30) if e else 1.0
    return max(abs(x - y) for x, y in zip(e, a)) / span


def main():
    litec, dirs = sys.argv[1], sys.argv[2:]
    models = sorted(os.path.join(d, f) for d in dirs if os.path.isdir(d)
                    for f in os.listdir(d) if f.endswith(".tflite"))
    if not models:
        print("no models: skipped")
        return 77
    listed = [line.split() for line in run([litec, "opt", "--list-passes"]).splitlines()]
    passes = [fields[0] for fields in listed]
    required = [fields[0] for fields in listed if fields[1] == "required"]
    optional = [p for p in passes if p not in required]
    variants = [("as imported", []), ("required", required)] + \
        [(p, required + [p]) for p in optional] + [("pipeline", passes)]
    failed = 0
    with tempfile.TemporaryDirectory() as work:
        for model in models:
            name = os.path.basename(model)[:-len(".tflite")]
            try:
                floats = float_outputs(litec, model)
                worst = 0.0
                for seed in SEEDS:
                    expected = outputs(litec, model, seed, [], work)
                    for label, chosen in variants[1:]:
                        actual = outputs(litec, model, seed, chosen, work)
                        if len(actual) != len(expected):
                            raise RuntimeError(f"{label}: {len(actual)} outputs, expected "
                                               f"{len(expected)}")
                        for k, (e, a) in enumerate(zip(expected, actual)):
                            d = difference(e, a, k < len(floats) and floats[k])
                            if d > 1e-6:
                                raise RuntimeError(f"{label}, seed {seed}: output {k} differs "
                                                   f"({d:.3g} of its range)")
                            worst = max(worst, d)
                print(f"ok   {name}: {len(variants) - 1} pass sets x {len(SEEDS)} seeds, "
                      + ("bit-exact" if worst == 0 else f"at most {worst:.3g} of range"))
            except (RuntimeError, KeyError, ValueError) as error:
                print(f"FAIL {name}: {error}")
                failed += 1
    print(f"{len(models) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
