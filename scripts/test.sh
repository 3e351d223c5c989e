#!/usr/bin/env bash
# The README's second command: the whole test suite through ctest, twice:
#  1. the release build with g++ and -Werror: unit, model, lit and corruption tests;
#  2. a clang-14 build with AddressSanitizer + UndefinedBehaviorSanitizer: the same tests, plus
#     a bounded libFuzzer run over the frontend seeded with the real models.
# LITEC_FUZZ_SECONDS bounds the fuzzing run (default 60).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
"$root/scripts/install-deps.sh"
export LITEC_MODEL_CACHE="${LITEC_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/litec/models}"
"$root/scripts/fetch-models.sh" >/dev/null

# Each phase prints the seconds since the start, so that CI's time is watched as the suite grows.
phase() {
  echo "== $1: ${SECONDS} s since the start"
}
phase "release build (g++, -Werror)"
"$root/scripts/build.sh" "$root/build"
phase "release tests"
ctest --test-dir "$root/build" --output-on-failure -j "$jobs"

phase "sanitizer build (clang-14, ASan + UBSan, libFuzzer)"
"$root/scripts/build.sh" "$root/build-asan" -DCMAKE_C_COMPILER=clang-14 \
  -DCMAKE_CXX_COMPILER=clang++-14 -DLITEC_SANITIZE=ON -DLITEC_FUZZ=ON
phase "sanitizer tests"
ctest --test-dir "$root/build-asan" --output-on-failure -j "$jobs"
phase "done"
