// What the float and int8 NEON convolution tests share: the filter sizes they cover and the
// kernel tables over them. The kernels are instantiated only for the tap counts a filter of
// 1..kMaxFilter x 1..kMaxFilter can have, since every instantiation through SIMDe costs seconds
// of build time.

#pragma once

#include "litec/ir/ops/Convolution.h"
#include "litec/runtime/Parallel.h"

#include <array>
#include <cstdint>
#include <utility>

namespace litec::testing::neon_convolution {

using Params = ir::ops::ConvolutionParams;

constexpr int kMaxFilter = 5;

// Every product filterH * filterW with both in 1..kMaxFilter.
constexpr std::array<int, 14> kTaps{1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25};

// The index of `taps` in kTaps (a filter of the tested sizes always has one).
inline size_t tapsIndex(int taps) {
  for (size_t i = 0; i < kTaps.size(); ++i)
    if (kTaps[i] == taps)
      return i;
  return 0;
}

using TapsSequence = std::make_index_sequence<kTaps.size()>;
// (filterH - 1) * kMaxFilter + filterW - 1 indexes the depthwise tables.
using FilterSequence = std::make_integer_sequence<int, kMaxFilter * kMaxFilter>;

inline int64_t outputSize(bool same, int64_t in, int64_t filter, int stride, int dilation) {
  const int64_t effective = (filter - 1) * dilation + 1;
  return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}

// How many parts a case's kernels are split into, as invoke() splits a layer across that many
// workers (7: more parts than some layers have units, so some parts are empty).
constexpr int kPartCounts[] = {1, 2, 3, 7};

// Runs kernel(part) for every part of `parts`, one after another: together the parts must
// compute the whole output.
template <class Kernel> void runInParts(int parts, Kernel &&kernel) {
  for (int i = 0; i < parts; ++i)
    kernel(runtime::Part{i, parts});
}

constexpr const char *kActivations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};

} // namespace litec::testing::neon_convolution
