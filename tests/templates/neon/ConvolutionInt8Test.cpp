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
      const bool depthwise = base == OpKind::DEPTHWISE_CONV_2D;
      // Every fifth case with the residual ADD fused (its activation the fused op's).
      const bool residual = variant % 5 == 2;
      const OpKind kind = !residual   ? base
                          : depthwise ? OpKind::LITEC_DEPTHWISE_CONV_2D_RESIDUAL
                                      : OpKind::LITEC_CONV_2D_RESIDUAL;
      const bool same = variant % 2, hasBias = variant % 5 != 4;
      const bool perChannel = variant % 3 != 0;
      const int strideH = choose.range(1, 3), strideW = choose.range(1, 3);
      const int dilation = variant % 7 == 6 ? 2 : 1;
      const int64_t filterH = choose.range(1, kMaxFilter), filterW = choose.range(1, kMaxFilter);
      // Wide enough rows for the depthwise kernel's blocks of 4 interior pixels.
      const int64_t inH = (filterH - 1) * dilation + choose.range(1, 8);
      const int64_t inW = (filterW - 1) * dilation + choose.range(1, depthwise ? 14 : 8);
      // Every seventh depthwise case with a depth multiplier (2, 3, 4, 8 or 16).
      const int multiplier =
          depthwise && variant % 7 == 3 ? std::array{2, 3, 4, 8, 16}[variant % 5] : 1;
      // Every fourth convolution with at most 4 input channels (the gathering kernels).
      const int64_t inC = multiplier > 1 || (!depthwise && variant % 4 == 1) ? choose.range(1, 4)
                                                                             : choose.range(1, 35);
      const int64_t outC = depthwise ? inC * multiplier : choose.range(1, 27);
      const int64_t batches = choose.range(1, 2);
      const ir::Shape in{batches, inH, inW, inC};
      const ir::Shape filter =
          depthwise ? ir::Shape{1, filterH, filterW, outC} : ir::Shape{outC, filterH, filterW, inC};
      const ir::Shape out{batches, outputSize(same, inH, filterH, strideH, dilation),
                          outputSize(same, inW, filterW, strideW, dilation), outC};
      ir::Module module;
      testing::GraphBuilder b(module);
      ir::Value &x = b.input("x", ElementType::I8, in,
                             testing::activationQuantization(choose, ElementType::I8));
      // Every other convolution's weights in [-127, 127] as TFLite's quantiser makes them, both
      // ends present (the kernels that pair products), the others over all of int8.
      std::vector<uint8_t> weights =
          testing::randomElements(choose, ElementType::I8, ir::elementCount(filter).value());
      if (!depthwise && variant % 2 == 0) {
        for (uint8_t &byte : weights)
          byte = byte == 0x80 ? 0x81 : byte;
        weights[0] = 0x81;
        weights[weights.size() - 1] = 0x7f;
      }
      ir::Value &w = b.constant("w", ElementType::I8, filter, weights,
                                testing::weightQuantization(choose, ElementType::I8, outC,
                                                            depthwise ? 3 : 0, perChannel));
      std::vector<ir::Value *> operands{&x, &w};
      if (hasBias)
        operands.push_back(
            &b.constant("bias", ElementType::I32, {outC},
                        testing::randomElements(choose, ElementType::I32, outC, 3000)));
      if (residual)
        operands.push_back(&b.input("r", ElementType::I8, out,
                                    testing::activationQuantization(choose, ElementType::I8)));
      ir::Value &y = b.value("y", ElementType::I8, out,
                             testing::activationQuantization(choose, ElementType::I8));
      std::vector<ir::NamedAttr> attrs{
          {"padding", testing::padding(same)},
          {"stride_h", int32_t(strideH)},
          {"stride_w", int32_t(strideW)},
          {"dilation_h_factor", int32_t(dilation)},
          {"dilation_w_factor", int32_t(dilation)},
          {"fused_activation_function",
           testing::activation(kActivations[variant % 4], variant % 4)}};
      if (depthwise)
        attrs.push_back({"depth_multiplier", int32_t(multiplier)});
      ir::Op &op = b.op(kind, operands, {&y}, attrs);
      if (residual)
        op.intermediates = {&b.value("conv", ElementType::I8, out,
                                     testing::activationQuantization(choose, ElementType::I8))};
      b.output(y);
      auto prepared = ir::ops::prepareConvolution(op);
      INFO(ir::opKindInfo(kind).name << " in " << ir::formatShape(in) << " filter "
                                     << ir::formatShape(filter) << " out " << ir::formatShape(out)
                                     << " variant " << variant);
      if (!prepared)
        FAIL(llvm::toString(prepared.takeError()));
      // The input zero point folded into the bias (or zero: nothing to fold).
      const Params &p = prepared->folded ? *prepared->folded : prepared->params;
      REQUIRE(p.inputOffset == 0);
      std::vector<int32_t> bias;
      if (prepared->folded)
        bias = prepared->foldedBias;
      else if (hasBias)
        bias = testing::elementsOf<int32_t>(testing::constantBytes(op, 2));
      const testing::ReferenceRun run = testing::runReference(module, uint32_t(2000 + runs));
      const std::vector<int8_t> filterData =
          testing::elementsOf<int8_t>(testing::constantBytes(op, 1));
      std::vector<int32_t> stage(size_t(neon::convolutionInt8StageWords(p, 8)));
      neon::packConvolutionStageInt8(p, 8, bias.empty() ? nullptr : bias.data(), stage.data());
      const std::vector<int8_t> input = testing::elementsOf<int8_t>(run.inputs[0]);
      const std::vector<int8_t> extra =
          residual ? testing::elementsOf<int8_t>(run.inputs[1]) : std::vector<int8_t>();
      const int8_t *extraData = residual ? extra.data() : nullptr;
      const std::vector<int8_t> reference = testing::elementsOf<int8_t>(run.outputs[0]);
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
  // Random sums and multipliers, every shift from 8 left to 31 right, and sums that land exactly
  // halfway after the high multiply (the ties the rounding shift must take away from zero).
  testing::Choices choose(5);
  int mismatches = 0, checked = 0;
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
      ++checked;
    }
  CHECK(checked == 40 * 400);
  CHECK(mismatches == 0);
}
