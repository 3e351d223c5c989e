#!/usr/bin/env python3
"""Makes corrupt .tflite files from real models for the error tests.

  corrupt.py truncate MODEL OUT BYTES        keep the first BYTES bytes
  corrupt.py flip MODEL OUT OFFSET...        invert the bytes at OFFSETs
  corrupt.py put32 MODEL OUT OFFSET VALUE    overwrite a little-endian uint32 (a bad offset)
  corrupt.py edit FLATC SCHEMA MODEL OUT PY  decode with flatc, run PY on the JSON as `m`,
                                             encode again: a well-formed flatbuffer whose
                                             contents are wrong
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile


def main():
    mode = sys.argv[1]
    if mode == "edit":
        flatc, schema, model, out, code = sys.argv[2:7]
        with tempfile.TemporaryDirectory() as work:
            subprocess.run([flatc, "--json", "--strict-json", "--raw-binary", "-o", work,
                            schema, "--", model], check=True)
            path = os.path.join(work, os.path.basename(model)[:-7] + ".json")
            m = json.load(open(path))
            exec(code, {"m": m})
            json.dump(m, open(path, "w"))
            subprocess.run([flatc, "-b", "-o", work, schema, path], check=True)
            shutil.copy(path[:-5] + ".tflite", out)
        return
    model, out = sys.argv[2:4]
    data = bytearray(open(model, "rb").read())
    if mode == "truncate":
        data = data[:int(sys.argv[4])]
    elif mode == "flip":
        for offset in sys.argv[4:]:
            data[int(offset)] ^= 0xFF
    elif mode == "put32":
        struct.pack_into("<I", data, int(sys.argv[4]), int(sys.argv[5], 0))
    else:
        sys.exit(f"unknown mode {mode}")
    open(out, "wb").write(data)


if __name__ == "__main__":
    main()
