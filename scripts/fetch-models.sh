#!/usr/bin/env bash
# Fetches what the tests need from the npm registry into a cache outside the source tree (never
# committed) and prints the cache folder: the MediaPipe float models, and the TFLite runtime
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
echo "$cache"
