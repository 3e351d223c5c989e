#!/usr/bin/env bash
# The README's first command: installs what is missing, fetches MediaPipe's face detection model
# (npm) and a photograph (Debian's python3-skimage), builds litec and the samples (the model is
# compiled to C++ at build time by litec_add_model), and runs the face detection sample on the
# photograph: it prints the faces and writes build/faces.png with them drawn.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
export LITEC_MODEL_CACHE="${LITEC_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/litec/models}"
cache=$("$root/scripts/fetch-models.sh")
"$root/scripts/build.sh" "$root/build" -DLITEC_NPM_MODELS="$cache"
"$root/build/samples/face_detection/face_detection" "$cache/photos/astronaut.png" \
  --output "$root/build/faces.png"
