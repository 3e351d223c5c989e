#!/usr/bin/env python3
"""The sample applications, each checked against the reference interpreter's run of the same
pipeline:

  face_detection    the sample on a photograph writes its model input (--save-input); `litec run`
                    runs the model on that input with the reference interpreter; the sample then
                    decodes the interpreter's raw outputs (--model-outputs). Both must find the
                    same faces (count and every box and keypoint within 1e-4), at least one face,
                    and write a PNG the size of the photo.
  person_detection  for each photograph, the sample's int8 scores must equal those of
                    `litec run` on the input the sample made, bit for bit; a photograph of a
                    person must be classified "person".

Usage: check_samples.py SAMPLE SAMPLE_BINARY LITEC MODEL PHOTOS_DIR WORK_DIR ; exit 77 (skipped)
when the model or the photographs are absent.
"""
import os
import re
import shutil
import struct
import subprocess
import sys


def run(args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        print("FAIL: " + " ".join(args) + "\n" + result.stdout[-3000:] + result.stderr[-3000:])
        sys.exit(1)
    return result.stdout


def faces(text):
    """The faces a face_detection run printed: [(score, [box and keypoint coordinates])]."""
    found = []
    for line in text.splitlines():
        m = re.match(r"face \d+: score (\S+) box x (\S+)\.\.(\S+) y (\S+)\.\.(\S+) ", line)
        if m:
            found.append((float(m.group(1)), [float(v) for v in m.groups()[1:]]))
        elif line.startswith("  keypoints"):
            found[-1][1].extend(float(v) for v in re.findall(r"-?\d+\.\d+", line))
    count = re.search(r"^faces: (\d+)$", text, re.M)
    assert count and int(count.group(1)) == len(found), text
    return found


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    return struct.unpack(">II", header[16:24])


def check_face_detection(binary, litec, model, photos, work):
    photo = os.path.join(photos, "astronaut.png")
    drawn = os.path.join(work, "faces.png")
    tensor = os.path.join(work, "input_0.bin")
    generated = run([binary, photo, "--output", drawn, "--save-input", tensor])
    print(generated)
    run([litec, "run", model, "--input", tensor, "--output-dir", os.path.join(work, "reference")])
    reference = run([binary, photo, "--model-outputs", os.path.join(work, "reference")])
    ours, theirs = faces(generated), faces(reference)
    if not ours:
        print("FAIL: no face found in " + photo)
        return 1
    if len(ours) != len(theirs):
        print(f"FAIL: {len(ours)} faces, the reference interpreter's pipeline finds {len(theirs)}")
        return 1
    for (score, coords), (ref_score, ref_coords) in zip(ours, theirs):
        worst = max(abs(a - b) for a, b in zip(coords + [score], ref_coords + [ref_score]))
        if worst > 1e-4:
            print(f"FAIL: a face differs from the reference's by {worst}:\n{generated}\n{reference}")
            return 1
    if png_size(drawn) != (512, 512):
        print(f"FAIL: {drawn} is {png_size(drawn)}, the photo is 512x512")
        return 1
    print(f"PASS: {len(ours)} face(s), equal to the reference interpreter's pipeline")
    return 0


def check_person_detection(binary, litec, model, photos, work):
    for name, person in (("astronaut.png", True), ("chelsea.png", None), ("coffee.png", None)):
        photo = os.path.join(photos, name)
        tensor = os.path.join(work, "input_0.bin")
        text = run([binary, photo, "--save-input", tensor])
        print(text, end="")
        m = re.search(r": (person|no person) \(.*raw (-?\d+) (-?\d+)\)", text)
        out = os.path.join(work, "reference")
        run([litec, "run", model, "--input", tensor, "--output-dir", out])
        with open(os.path.join(out, "output_0.bin"), "rb") as f:
            no_person, yes = struct.unpack("bb", f.read())
        if (int(m.group(2)), int(m.group(3))) != (yes, no_person):
            print(f"FAIL: {name}: scores {m.group(2)} {m.group(3)}, the reference interpreter's "
                  f"{yes} {no_person}")
            return 1
        if person and m.group(1) != "person":
            print(f"FAIL: {name} shows a person")
            return 1
    print("PASS: every score equal to the reference interpreter's")
    return 0


def main():
    sample, binary, litec, model, photos, work = sys.argv[1:7]
    if not os.path.exists(model) or not os.path.exists(os.path.join(photos, "astronaut.png")):
        print("model or photographs not found (scripts/fetch-models.sh): skipped")
        return 77
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    check = {"face_detection": check_face_detection,
             "person_detection": check_person_detection}[sample]
    return check(binary, litec, model, photos, work)


if __name__ == "__main__":
    sys.exit(main())
