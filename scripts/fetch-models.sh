#!/usr/bin/env bash
# Fetches what the tests and samples need into a cache outside the source tree (never committed)
# and prints the cache folder: from npm the MediaPipe float models and the TFLite runtime
# compiled to WebAssembly (@tensorflow/tfjs-tflite, in CACHE/tflite-runtime) that the tests use
# as the oracle. Versions are pinned; npm checks the packages' integrity. What is already there
# is not fetched again.
set -euo pipefail

cache="${LITEC_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/litec/models}"
packages=(
  "@mediapipe/face_detection@0.4.1657300184"
  "@mediapipe/selfie_segmentation@0.1.1675465747"
)
mkdir -p "$cache"
for spec in "${packages[@]}"; do
  name="${spec%@*}"
  stamp="$cache/.$(echo "$spec" | tr '/@' '__').done"
  [[ -f "$stamp" ]] && continue
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  cp "$work"/package/*.tflite "$cache"/
  rm -rf "$work"
  touch "$stamp"
  echo "fetch-models: $name -> $cache" >&2
done
runtime="$cache/tflite-runtime"
if [[ ! -f "$runtime/node_modules/@tensorflow/tfjs-tflite/wasm/tflite_web_api_cc_simd.wasm" ]]; then
  mkdir -p "$runtime"
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$runtime" \
    "@tensorflow/tfjs-tflite@0.0.1-alpha.10" >/dev/null
  echo "fetch-models: @tensorflow/tfjs-tflite -> $runtime" >&2
fi
# The samples' photographs: scikit-image's sample data in Debian's python3-skimage (public
# domain: the NASA portrait of astronaut Eileen Collins, and a cat and a cup of coffee without a
# person). Only the package file is fetched and the images taken from it; nothing is installed.
# astronaut.png and camera.png (a man with a camera) are the held-out photographs of the
# quantisation tests; calibration/ holds the package's other photographs, which `litec
# quantize` calibrates on.
photos="$cache/photos"
calibration_photos="brick.png cell.png chelsea.png clock_motion.png coffee.png coins.png
  color.png grass.png gravel.png horse.png hubble_deep_field.jpg ihc.png logo.png moon.png
  motorcycle_left.png motorcycle_right.png page.png retina.jpg rocket.jpg text.png"
if [[ ! -f "$photos/astronaut.png" || ! -f "$photos/camera.png" || ! -d "$photos/calibration" ]]; then
  work=$(mktemp -d)
  chmod 755 "$work"
  if ! (cd "$work" && apt-get download -qq python3-skimage 2>/dev/null); then
    apt-get update -qq
    (cd "$work" && apt-get download -qq python3-skimage)
  fi
  data=./usr/lib/python3/dist-packages/skimage/data
  members=("$data/astronaut.png" "$data/camera.png")
  for photo in $calibration_photos; do
    members+=("$data/$photo")
  done
  dpkg-deb --fsys-tarfile "$work"/python3-skimage_*.deb | tar -x -C "$work" "${members[@]}"
  mkdir -p "$photos/calibration"
  cp "$work/$data/astronaut.png" "$work/$data/camera.png" "$work/$data/chelsea.png" \
    "$work/$data/coffee.png" "$photos"/
  for photo in $calibration_photos; do
    cp "$work/$data/$photo" "$photos/calibration/"
  done
  rm -rf "$work"
  echo "fetch-models: photographs from python3-skimage -> $photos" >&2
fi
echo "$cache"
