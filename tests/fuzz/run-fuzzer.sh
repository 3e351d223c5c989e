#!/usr/bin/env bash
# Runs the frontend fuzzer for a bounded time on a corpus seeded with the real models that are
# present (and a few bytes when none are). Fails on any crash, leak or timeout it finds.
set -euo pipefail
fuzzer="$1"
shift
seconds="${LITEC_FUZZ_SECONDS:-60}"
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
for place in "$@"; do
  [[ -d "$place" ]] && find "$place" -maxdepth 1 -name "*.tflite" -size -1024k -exec cp {} "$corpus"/ \;
done
printf 'TFL3' >"$corpus/tiny"
echo "fuzzing for ${seconds}s from $(ls "$corpus" | wc -l) seeds"
"$fuzzer" "$corpus" -seed=20261125 -max_total_time="$seconds" -max_len=1048576 -timeout=20 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix="${TMPDIR:-/tmp}/litec-fuzz-"
