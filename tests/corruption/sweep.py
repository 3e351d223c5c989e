#!/usr/bin/env python3
"""Corrupts real models in many seeded ways (truncation, flipped bytes, overwritten offsets)
and runs `litec inspect` on each. Every run must end with exit 0 (the damage hit data that
still makes a valid model) or exit 1 with one `litec: error: FILE: WHERE: WHAT` line; never a
crash, a sanitizer report, a hang or another exit code.

Usage: sweep.py LITEC MODEL_DIR... ; exits 77 (skipped) when no model is found.
"""
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import tempfile

SEED_MODELS = ["hello_world_int8.tflite", "micro_speech_quantized.tflite",
               "keyword_scrambled.tflite", "trained_lstm_int8.tflite", "person_detect.tflite",
               "face_detection_short_range.tflite", "selfie_segmentation.tflite"]
MUTATIONS_PER_MODEL = 60
TIMEOUT_SECONDS = 30


def mutate(data, rng):
    data = bytearray(data)
    kind = rng.choice(["truncate", "flip", "offset", "offset"])
    # Table and vector offsets live mostly near the start and end of TFLite files; the middle
    # is constant data. Aim at both.
    def position():
        if rng.random() < 0.7:
            window = min(len(data), 4096)
            return rng.randrange(window) if rng.random() < 0.5 else len(data) - 1 - rng.randrange(window)
        return rng.randrange(len(data))
    if kind == "truncate":
        return data[:rng.randrange(len(data))], kind
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            data[position()] ^= 1 << rng.randrange(8)
        return data, kind
    offset = position() & ~3
    value = rng.choice([0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, len(data), rng.randrange(1 << 32),
                        rng.randrange(64)])
    data[offset:offset + 4] = value.to_bytes(4, "little")[:len(data) - offset]
    return data, kind


def check(litec, path, label):
    """Returns (outcome, failure): outcome is "valid" or "rejected"; failure is None if fine."""
    try:
        run = subprocess.run([litec, "inspect", path], capture_output=True, text=True,
                             errors="replace", timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return "hang", f"{label}: hang (more than {TIMEOUT_SECONDS} s)"
    error_lines = [l for l in run.stderr.splitlines() if not l.startswith("litec: warning: ")]
    if run.returncode == 0 and not error_lines:
        return "valid", None
    if run.returncode == 1 and len(error_lines) == 1 and re.match(
            r"^litec: error: " + re.escape(path) + r": .+: .+$", error_lines[0]):
        return "rejected", None
    return "broken", f"{label}: exit {run.returncode}: {run.stderr.strip()[:500]}"


def main():
    litec = sys.argv[1]
    seeds = []
    for place in sys.argv[2:]:
        for name in SEED_MODELS:
            if os.path.isfile(os.path.join(place, name)):
                seeds.append(os.path.join(place, name))
    if not seeds:
        print("no seed models found: skipped")
        return 77
    rng = random.Random(20261125)
    failures, counts = [], {}
    with tempfile.TemporaryDirectory() as work, concurrent.futures.ThreadPoolExecutor(
            os.cpu_count() or 2) as pool:
        jobs = []
        for seed in seeds:
            data = open(seed, "rb").read()
            for i in range(MUTATIONS_PER_MODEL):
                mutated, kind = mutate(data, rng)
                path = os.path.join(work, f"{os.path.basename(seed)[:-7]}-{i}-{kind}.tflite")
                open(path, "wb").write(mutated)
                jobs.append(pool.submit(check, litec, path, os.path.basename(path)))
        for job in jobs:
            outcome, failure = job.result()
            counts[outcome] = counts.get(outcome, 0) + 1
            if failure:
                failures.append(failure)
        for job_failure in failures:
            print("FAIL", job_failure)
    total = len(seeds) * MUTATIONS_PER_MODEL
    print(f"corrupted {total} files from {len(seeds)} models: "
          f"{counts.get('rejected', 0)} rejected with an error, {counts.get('valid', 0)} still "
          f"valid models")
    print(f"{total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
