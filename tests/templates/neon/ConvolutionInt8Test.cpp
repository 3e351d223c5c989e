// templates/neon/Convolution.h's int8 kernels against the reference kernel, built on the host
// through SIMDe (LITEC_NEON_SIMDE): CONV_2D as the indirect GEMM with SDOT, with SMLAL and by
// pairs of products (6x8, 4x8 and 2x8 tiles) and DEPTHWISE_CONV_2D, filters 1x1 to 5x5, strides 1
// to 3, dilations 1 and 2, per-tensor and per-channel weights, depth multipliers, the fused
// residual ADD, every fused activation, each case split into 1, 2, 3 or 7 parts as invoke() splits
// a layer across workers; bit-exact. And the requantization against TFLite's
// MultiplyByQuantizedMultiplier.

#include "neon/Convolution.h"

#include "../ConvolutionCases.h"
#include "../TemplateTest.h"
#include "litec/runtime/FixedPoint.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <utility>

using namespace litec;
using namespace testing::convolution;
using ir::ElementType;
using ir::OpKind;

namespace {
using Int8Kernel = void (*)(const Params &, const int8_t *, const int8_t *, const int32_t *,
                            int8_t *, const int8_t *, runtime::Part);
using neon::Int8Products;
using neon::Requantization;
template <int MR, bool Dot, Requantization R = Requantization::kGeneral, int GatherC = 0,
          Int8Products Products = Int8Products::kWidened, size_t... Index>
Int8Kernel int8Kernel(int taps, std::index_sequence<Index...>) {
  constexpr Int8Kernel kernels[] = {
      neon::convolutionInt8<MR, 8, kTaps[Index], R, GatherC, Products, Dot, Params>...};
  return kernels[tapsIndex(taps)];
}
// The gathering kernels for 1..4 input channels (6x8 SDOT; 4x8 SMLAL for 3 channels; 6x8 by
// pairs of products for 1 and 3).
Int8Kernel gatheringKernel(int taps, int channels, bool dot, bool paired) {
  using R = Requantization;
  if (paired)
    return channels == 1
               ? int8Kernel<6, false, R::kGeneral, 1, Int8Products::kPaired>(taps, TapsSequence())
           : channels == 3
               ? int8Kernel<6, false, R::kGeneral, 3, Int8Products::kPaired>(taps, TapsSequence())
               : nullptr;
  if (!dot)
    return channels == 3 ? int8Kernel<4, false, R::kGeneral, 3>(taps, TapsSequence()) : nullptr;
  switch (channels) {
  case 1:
    return int8Kernel<6, true, R::kGeneral, 1>(taps, TapsSequence());
  case 2:
    return int8Kernel<6, true, R::kGeneral, 2>(taps, TapsSequence());
  case 3:
    return int8Kernel<6, true, R::kGeneral, 3>(taps, TapsSequence());
  default:
    return int8Kernel<6, true, R::kGeneral, 4>(taps, TapsSequence());
  }
}
template <Requantization R, int... Index>
Int8Kernel depthwiseInt8Kernel(int filterH, int filterW, std::integer_sequence<int, Index...>) {
  constexpr Int8Kernel kernels[] = {
      neon::depthwiseInt8<Index / kMaxFilter + 1, Index % kMaxFilter + 1, R, Params>...};
  return kernels[(filterH - 1) * kMaxFilter + filterW - 1];
}
} // namespace

TEST_CASE("NEON int8 convolution microkernels are bit-exact with the reference kernel",
          "[templates][neon][convolution]") {
  testing::Choices choose(41);
  int runs = 0, rightShiftRuns = 0, gatherRuns = 0, pairedRuns = 0;
  for (OpKind base : {OpKind::CONV_2D, OpKind::DEPTHWISE_CONV_2D})
    for (int variant = 0; variant < 60; ++variant) {
      const std::unique_ptr<Int8Run> c = runInt8Case(base, variant, choose, uint32_t(2000 + runs));
      INFO(c->description);
      const Params &p = c->p;
      const bool depthwise = c->depthwise;
      const std::vector<int8_t> &filterData = c->filter, &input = c->input,
                                &reference = c->reference;
      const std::vector<int32_t> &bias = c->bias;
      const int8_t *extraData = c->extraData();
      const int64_t filterH = c->filterH, filterW = c->filterW, inC = c->inC;
      std::vector<int32_t> stage(size_t(neon::convolutionInt8StageWords(p, 8)));
      neon::packConvolutionStageInt8(p, 8, bias.empty() ? nullptr : bias.data(), stage.data());
      // The short output stage too, where every channel shifts right only.
      const bool rightShift = neon::requantizationOf(p) == Requantization::kRightShift;
      // Split as invoke() splits a layer across workers.
      const int parts = kPartCounts[runs % 4];
      INFO(parts << " parts");
      // Runs `kernel` in the parts on `weights` (the filter, or its packed panels): bit-exact.
      auto checkKernel = [&](const std::string &name, Int8Kernel kernel, const int8_t *weights) {
        std::vector<int8_t> output(reference.size());
        runInParts(parts, [&](runtime::Part part) {
          kernel(p, input.data(), weights, stage.data(), output.data(), extraData, part);
        });
        INFO(name);
        CHECK(testing::compareOutputs(output, reference) == "");
      };
      rightShiftRuns += rightShift;
      if (depthwise) {
        const std::pair<const char *, Int8Kernel> kernels[] = {
            {"general requantization", depthwiseInt8Kernel<Requantization::kGeneral>(
                                           int(filterH), int(filterW), FilterSequence())},
            {"right-shift requantization", rightShift
                                               ? depthwiseInt8Kernel<Requantization::kRightShift>(
                                                     int(filterH), int(filterW), FilterSequence())
                                               : nullptr}};
        for (const auto &[name, kernel] : kernels) {
          if (kernel == nullptr)
            continue;
          checkKernel(name, kernel, filterData.data());
        }
      } else {
        // The kernels that pair products, where no weight is -128 (and only there).
        const bool pairs = neon::int8ProductsOf(filterData.data(), int64_t(filterData.size())) ==
                           Int8Products::kPaired;
        CHECK(pairs == (variant % 2 == 0 ||
                        std::find(filterData.begin(), filterData.end(), -128) == filterData.end()));
        pairedRuns += pairs;
        std::vector<int8_t> packed(size_t(neon::convolutionInt8PackedBytes(p, 8)));
        neon::packConvolutionWeightsInt8(p, 8, filterData.data(), packed.data());
        if (neon::gathersWindows(p)) {
          ++gatherRuns;
          const Params view = neon::gatheredView(p);
          std::vector<int8_t> gatheredPacked(size_t(neon::convolutionInt8PackedBytes(view, 8)));
          neon::packConvolutionWeightsInt8(view, 8, filterData.data(), gatheredPacked.data());
          for (int form = 0; form < 3; ++form) {
            const bool dot = form == 0, paired = form == 2;
            if (paired && !pairs)
              continue;
            const Int8Kernel kernel =
                gatheringKernel(int(filterH * filterW), int(inC), dot, paired);
            if (kernel == nullptr)
              continue;
            checkKernel(std::array{"6x8 SDOT, windows gathered", "4x8 SMLAL, windows gathered",
                                   "6x8 pairs, windows gathered"}[form],
                        kernel, gatheredPacked.data());
          }
        }
        const int taps = int(filterH * filterW);
        const std::pair<const char *, Int8Kernel> kernels[] = {
            {"6x8 SMLAL", int8Kernel<6, false>(taps, TapsSequence())},
            {"4x8 SMLAL", int8Kernel<4, false>(taps, TapsSequence())},
            {"6x8 SDOT", int8Kernel<6, true>(taps, TapsSequence())},
            {"4x8 SDOT", int8Kernel<4, true>(taps, TapsSequence())},
            {"6x8 SDOT, right-shift requantization",
             rightShift ? int8Kernel<6, true, Requantization::kRightShift>(taps, TapsSequence())
                        : nullptr},
            {"4x8 SMLAL, right-shift requantization",
             rightShift ? int8Kernel<4, false, Requantization::kRightShift>(taps, TapsSequence())
                        : nullptr},
            {"6x8 pairs",
             pairs ? int8Kernel<6, false, Requantization::kGeneral, 0, Int8Products::kPaired>(
                         taps, TapsSequence())
                   : nullptr},
            {"4x8 pairs, right-shift requantization",
             pairs && rightShift
                 ? int8Kernel<4, false, Requantization::kRightShift, 0, Int8Products::kPaired>(
                       taps, TapsSequence())
                 : nullptr},
            {"2x8 pairs",
             pairs ? int8Kernel<2, false, Requantization::kGeneral, 0, Int8Products::kPaired>(
                         taps, TapsSequence())
                   : nullptr}};
        for (const auto &[name, kernel] : kernels) {
          if (kernel == nullptr)
            continue;
          checkKernel(name, kernel, packed.data());
        }
      }
      ++runs;
    }
  CHECK(runs == 120);
  CHECK(rightShiftRuns >= 30);
  CHECK(gatherRuns >= 10);
  CHECK(pairedRuns >= 30);
}

TEST_CASE("NEON requantization is TFLite's MultiplyByQuantizedMultiplier",
          "[templates][neon][convolution]") {
  int mismatches = 0, checked = 0;
  requantizationTrials([&](int32_t x, int32_t multiplier, int shift, int) {
    ++checked;
    // SIMDe's VRSHL rounds in 32 bits and wraps for sums next to INT32_MAX; the instruction
    // rounds in wider precision, and so does the kernel under qemu (exact there).
    if (x == INT32_MAX)
      return;
    const int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
    const int32x4_t got = neon::detail::requantize(vdupq_n_s32(x), vdupq_n_s32(multiplier),
                                                   vdupq_n_s32(left), vdupq_n_s32(-right));
    const int32_t expected = runtime::multiplyByQuantizedMultiplier(x, multiplier, shift);
    mismatches += vgetq_lane_s32(got, 0) != expected;
    if (shift < 0) {
      const int32x4_t rightOnly = neon::detail::requantize<neon::Requantization::kRightShift>(
          vdupq_n_s32(x), vdupq_n_s32(multiplier), vdupq_n_s32(0), vdupq_n_s32(-right));
      mismatches += vgetq_lane_s32(rightOnly, 0) != expected;
    }
  });
  CHECK(checked == kRequantizationTrials);
  CHECK(mismatches == 0);
}
