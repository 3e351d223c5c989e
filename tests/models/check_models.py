#!/usr/bin/env python3
"""Checks what `litec inspect --json` reports for real models against values established
independently of litec's reader:

- flatc (the flatbuffers compiler) decodes each model to JSON with the schema; from that JSON
  this script computes the op histogram of subgraph 0 (the op being the larger of
  deprecated_builtin_code and builtin_code) and the input shapes and types;
- for ../shared/models, the operator census and input shapes in that folder's README (written
  by people, from TFLite's own tools).

Usage: check_models.py LITEC FLATC SCHEMA MODEL_DIR... ; exits 77 (skipped) if no model exists.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

TYPE_NAMES = {"FLOAT32": "f32", "FLOAT16": "f16", "INT8": "i8", "UINT8": "u8",
              "INT16": "i16", "INT32": "i32", "INT64": "i64", "BOOL": "bool"}


def operator_codes(schema_path):
    text = open(schema_path).read()
    body = re.search(r"enum BuiltinOperator : int32 \{(.*?)\n\}", text, re.S).group(1)
    return {name: int(code) for name, code in re.findall(r"([A-Z0-9_]+)\s*=\s*(\d+)", body)}


def flatc_view(flatc, schema, model, codes):
    names = {code: name for name, code in codes.items()}
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([flatc, "--json", "--strict-json", "--raw-binary", "--defaults-json",
                        "-o", out, schema, "--", model], check=True)
        data = json.load(open(os.path.join(out, os.path.basename(model)[:-7] + ".json")))
    histogram = {}
    graph = data["subgraphs"][0]
    for op in graph.get("operators", []):
        code = data["operator_codes"][op.get("opcode_index", 0)]
        builtin = code.get("builtin_code", "ADD")
        builtin = codes[builtin] if isinstance(builtin, str) else builtin
        value = max(code.get("deprecated_builtin_code", 0), builtin)
        name = names[value]
        if name == "CUSTOM":
            name = "CUSTOM:" + code["custom_code"]
        histogram[name] = histogram.get(name, 0) + 1
    inputs = [(graph["tensors"][i].get("shape", []), TYPE_NAMES[graph["tensors"][i]["type"]])
              for i in graph["inputs"]]
    return histogram, inputs


def readme_census(model_dir):
    """file -> (histogram, input type, input shape) from the README's table."""
    path = os.path.join(model_dir, "README.md")
    census = {}
    if not os.path.exists(path):
        return census
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[0].endswith(".tflite"):
            continue
        histogram = {name: int(count) for name, count in
                     re.findall(r"([A-Z0-9_]+) (\d+)", cells[2])}
        kind, shape = re.match(r"(\w+) \[([\d,]+)\]", cells[3]).groups()
        census[cells[0]] = (histogram, kind, [int(d) for d in shape.split(",")])
    return census


def main():
    litec, flatc, schema = sys.argv[1:4]
    codes = operator_codes(schema)
    models = []
    for place in sys.argv[4:]:
        if os.path.isdir(place):
            models += sorted(os.path.join(place, f) for f in os.listdir(place)
                             if f.endswith(".tflite"))
        else:
            print(f"skipping {place}: not found")
    if not models:
        print("no models found: skipped")
        return 77
    passed = failed = 0
    for model in models:
        name = os.path.basename(model)
        run = subprocess.run([litec, "inspect", "--json", model], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL {name}: litec exited {run.returncode}: {run.stderr.strip()}")
            failed += 1
            continue
        report = json.loads(run.stdout)
        histogram, inputs = flatc_view(flatc, schema, model, codes)
        problems = []
        if report["op_histogram"] != histogram:
            problems.append(f"histogram {report['op_histogram']} != flatc's {histogram}")
        litec_inputs = [(t["shape"], t["type"]) for t in report["inputs"]]
        if litec_inputs != inputs:
            problems.append(f"inputs {litec_inputs} != flatc's {inputs}")
        census = readme_census(os.path.dirname(model)).get(name)
        if census:
            readme_hist, kind, shape = census
            if report["op_histogram"] != readme_hist:
                problems.append(f"histogram differs from the README's {readme_hist}")
            if litec_inputs[0] != (shape, kind):
                problems.append(f"input differs from the README's {kind} {shape}")
        if problems:
            print(f"FAIL {name}: " + "; ".join(problems))
            failed += 1
        else:
            source = "flatc + README" if census else "flatc"
            print(f"ok   {name}: {sum(histogram.values())} ops, inputs {inputs} ({source})")
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
