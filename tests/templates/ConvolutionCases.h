// What the SIMD targets' convolution kernel tests share (NEON through SIMDe, x86 natively): the
// filter sizes they cover and the kernel tables over them, and the float cases (a one-op model,
// its reference run, its operands as the kernels read them). The kernels are instantiated only
// for the tap counts a filter of 1..kMaxFilter x 1..kMaxFilter can have, since every
// instantiation through SIMDe costs seconds of build time.

#pragma once

#include "TemplateTest.h"

#include "litec/ir/ops/Convolution.h"
#include "litec/runtime/Parallel.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace litec::testing::convolution {

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

// A float convolution case: the op (CONV_2D, DEPTHWISE_CONV_2D or a fused form), its geometry.
struct Case {
  ir::OpKind kind;
  bool same;
  int strideH, strideW, dilationH, dilationW, activation;
  int64_t batches, inH, inW, inC, outC, filterH, filterW;
  bool hasBias;
  // The share of the filter's weights set to zero (at random places), as in sparse models.
  double zeros = 0;
};

// A case built and run on the reference interpreter: what a kernel reads and must write.
struct Run {
  ir::Module module;
  const ir::Op *op = nullptr;
  ir::ops::PreparedConvolution prepared;
  std::vector<float> input, filter, bias, extra, reference;
  bool depthwise = false;
  // 1x1, stride 1, no padding.
  bool pointwise = false;
};

// The case in one line, for the test's messages.
std::string describe(const Case &c);

// Builds the case's one-op model with seeded weights (choices from `choose`) and runs the
// reference; FAILs the test if the preparation refuses it.
std::unique_ptr<Run> runCase(const Case &c, Choices &choose, uint32_t seed);

// Runs write(stridedOutput, pixelStride) into an output whose pixels are `stride` floats apart
// (>= outC, filled with a marker first) and returns the dense result; a write past a pixel's
// channels spoils the result so that the comparison fails.
std::vector<float> denseResult(const Run &run, int stride,
                               const std::function<void(float *)> &write);

// The case matrices both targets run: 80 plain (CONV_2D and DEPTHWISE_CONV_2D over filters,
// strides, dilations, paddings, channels, batches, activations, depth multipliers), 48 fused
// (residual ADD, PRELU, HARD_SWISH), 48 1x1 with 0% to 100% zero weights.
std::vector<Case> plainCases(Choices &choose);
std::vector<Case> fusedCases(Choices &choose);
std::vector<Case> sparseCases(Choices &choose, int maxChannels);

} // namespace litec::testing::convolution
