#!/usr/bin/env sh
# Prints the compiled size (text, data, bss) of litec's runtime at -O2 and -Os.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
for level in -O2 -Os; do
  ${CXX:-c++} -std=c++17 -fno-exceptions -fno-rtti $level -I"$root/runtime/include" \
    -c "$root/bench/runtime_size.cpp" -o "$out/runtime$level.o"
  printf '%s: ' "$level"
  size "$out/runtime$level.o" | tail -1 | awk '{print "text " $1 " B, data " $2 " B, bss " $3 " B"}'
done
rm -rf "$out"
