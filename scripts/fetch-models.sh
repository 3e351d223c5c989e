#!/usr/bin/env bash
# Fetches the MediaPipe float models from their npm packages into a cache outside the source
# tree (never committed) and prints the cache folder. Versions are pinned; npm checks the
# packages' integrity. Already fetched packages are not fetched again.
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
echo "$cache"
