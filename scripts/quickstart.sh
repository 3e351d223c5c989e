#!/usr/bin/env bash
# The README's first command: installs what is missing, builds litec, fetches MediaPipe's face
# detection model from npm and runs the main job on it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build"
cache=$("$root/scripts/fetch-models.sh")
"$root/build/compiler/litec" inspect "$cache/face_detection_short_range.tflite"
