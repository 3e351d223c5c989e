// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_BINARY_RUNS_H
#define LITEC_RUNTIME_BINARY_RUNS_H

// The broadcast walk of an element-wise binary op, written once for every SIMD target's kernel
// (templates/<target>/Binary.h). p: litec/ir/ops/Binary.h's BinaryParams, its dimensions
// collapsed so that the innermost one is a run in which each operand is contiguous (stride 1)
// or one repeated value (stride 0); the outer dimensions step through the operands by their
// strides. A layer split across workers (Parallel.h) splits its output elements into units of
// kBinaryUnit, a cache line of floats, so that no two parts write one line.

#include "Parallel.h"

#include <cstdint>

namespace litec::runtime {

constexpr int kBinaryUnit = 16;

// The units a layer of `count` output elements is split into.
constexpr int binaryUnits(std::int64_t count) {
  return static_cast<int>((count + kBinaryUnit - 1) / kBinaryUnit);
}

// Calls run(out, a, b, n) for each piece of an innermost run among this part's output elements,
// in order: n outputs from element `out` on, the operands' first elements at `a` and `b` (each
// then steps by its innermost stride).
template <class P, class Run> void forEachBinaryRun(const P &p, Part part, Run &&run) {
  constexpr int kMaxRank = 8;
  const int last = p.rank - 1;
  const int inner = p.outShape[last];
  const int units = binaryUnits(p.count);
  const std::int64_t begin = std::int64_t(part.begin(units)) * kBinaryUnit;
  std::int64_t end = std::int64_t(part.end(units)) * kBinaryUnit;
  if (end > p.count)
    end = p.count;
  if (inner == 0 || begin >= end)
    return;
  // Where the part starts: the outer index of its first run and the offset into that run.
  const std::int64_t row = begin / inner;
  int offset = static_cast<int>(begin - row * inner);
  int index[kMaxRank] = {};
  std::int64_t a = 0, b = 0, rest = row;
  for (int d = last - 1; d >= 0; --d) {
    index[d] = static_cast<int>(rest % p.outShape[d]);
    rest /= p.outShape[d];
    a += std::int64_t(index[d]) * p.aStrides[d];
    b += std::int64_t(index[d]) * p.bStrides[d];
  }
  for (std::int64_t at = begin; at < end;) {
    const int n = end - at < inner - offset ? static_cast<int>(end - at) : inner - offset;
    run(at, a + std::int64_t(offset) * p.aStrides[last],
        b + std::int64_t(offset) * p.bStrides[last], n);
    at += n;
    offset = 0;
    for (int d = last - 1; d >= 0; --d) {
      a += p.aStrides[d];
      b += p.bStrides[d];
      if (++index[d] < p.outShape[d])
        break;
      a -= std::int64_t(p.aStrides[d]) * p.outShape[d];
      b -= std::int64_t(p.bStrides[d]) * p.outShape[d];
      index[d] = 0;
    }
  }
}

} // namespace litec::runtime

#endif // LITEC_RUNTIME_BINARY_RUNS_H
