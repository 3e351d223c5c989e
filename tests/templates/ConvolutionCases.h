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

// The requantization tests' values (both targets): random sums and multipliers for every shift
// from 8 left to 31 right, sums that land exactly halfway after the high multiply (the ties the
// rounding shift takes away from zero), and the extreme sums; check(x, multiplier, shift, trial)
// for each of the kRequantizationTrials.
constexpr int kRequantizationTrials = 40 * 400;
template <class Check> void requantizationTrials(Check &&check) {
  Choices choose(5);
  for (int shift = -31; shift <= 8; ++shift)
    for (int trial = 0; trial < 400; ++trial) {
      int32_t multiplier = int32_t(choose.range(1 << 30, 0x7fffffff));
      int32_t x = int32_t(choose.range(-(1 << 20), 1 << 20)) * (trial % 3 + 1);
      if (trial % 4 == 0 && shift < 0 && shift > -30) {
        // The high multiply by 2^30 halves x exactly; an odd multiple of 2^(right - 1) is then
        // a tie of the right shift.
        multiplier = 1 << 30;
        x = (trial % 8 == 0 ? -2 : 2) * (2 * (trial % 5) + 1) * (1 << (-shift - 1));
      }
      if (trial == 1)
        x = INT32_MIN;
      if (trial == 2)
        x = INT32_MAX;
      check(x, multiplier, shift, trial);
    }
}

// An int8 case (both targets' int8 kernel tests): CONV_2D or DEPTHWISE_CONV_2D, its geometry,
// weights and fusion chosen from `variant` (0..59) and `choose`, built and run on the reference
// interpreter, with the input zero point folded into the bias as the kernels read it.
struct Int8Run {
  ir::Module module;
  const ir::Op *op = nullptr;
  bool depthwise = false, residual = false;
  int64_t filterH = 0, filterW = 0, inC = 0;
  // The folded parameters (inputOffset 0) and bias (empty: none).
  Params p;
  std::vector<int32_t> bias;
  std::vector<int8_t> input, extra, filter, reference;
  std::string description;
  const int8_t *extraData() const { return residual ? extra.data() : nullptr; }
};
// Every fifth case with the residual ADD fused; every other CONV_2D's weights in [-127, 127] as
// TFLite's quantiser makes them (both ends present), the others over all of int8; every seventh
// depthwise case with a depth multiplier (2, 3, 4, 8 or 16); every fourth CONV_2D with at most 4
// input channels (the gathering kernels). FAILs the test if the preparation refuses it.
std::unique_ptr<Int8Run> runInt8Case(ir::OpKind base, int variant, Choices &choose, uint32_t seed);

} // namespace litec::testing::convolution
