// templates/neon/Convolution.h against the reference kernels, built on the host through SIMDe
// (LITEC_NEON_SIMDE): float CONV_2D as the indirect GEMM (6x8 and 4x8 tiles, filters 1x1 to
// 5x5, strides 1 to 3, dilations 1 and 2, SAME and VALID, channel counts around the tile
// widths, batches, with and without bias, every fused activation) and DEPTHWISE_CONV_2D (tiles
// of 8 and 4 channels), plain and with the fused residual ADD, PRELU and HARD_SWISH epilogues,
// also writing their result as a channel slice of a wider tensor (outPixelStride). The same
// kernels run on ARM through the generated code of the neon conformance and model tests.

#include "neon/Convolution.h"

#include "../TemplateTest.h"
#include "litec/ir/ops/Convolution.h"
#include "litec/runtime/FixedPoint.h"

#include <catch2/catch.hpp>

#include <array>
#include <utility>

using namespace litec;
using ir::ElementType;
using ir::OpKind;

namespace {
using Params = ir::ops::ConvolutionParams;
using ConvolutionKernel = void (*)(const Params &, const float *, const float *, float *,
                                   const float *);
using DepthwiseKernel = void (*)(const Params &, const float *, const float *, const float *,
                                 float *, const float *);

constexpr int kMaxFilter = 5;

// The kernel for a filter of `taps` taps (1..25) and tile MR x NR.
template <int MR, int NR, int... Taps>
ConvolutionKernel convolutionKernel(int taps, std::integer_sequence<int, Taps...>) {
  constexpr ConvolutionKernel kernels[] = {neon::convolutionF32<MR, NR, Taps + 1, Params>...};
  return kernels[taps - 1];
}

template <int CT, int... Index>
DepthwiseKernel depthwiseKernel(int filterH, int filterW, std::integer_sequence<int, Index...>) {
  constexpr DepthwiseKernel kernels[] = {
      neon::depthwiseF32<Index / kMaxFilter + 1, Index % kMaxFilter + 1, CT, Params>...};
  return kernels[(filterH - 1) * kMaxFilter + filterW - 1];
}

int64_t outputSize(bool same, int64_t in, int64_t filter, int stride, int dilation) {
  const int64_t effective = (filter - 1) * dilation + 1;
  return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}

constexpr const char *kActivations[] = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6"};

// Runs the kernel into an output whose pixels are `stride` floats apart (>= outC) and returns
// the dense result.
std::vector<float> runKernel(const ir::ops::PreparedConvolution &prepared, const ir::Op &op,
                             const std::vector<float> &input, const std::vector<float> &extra,
                             int64_t outputCount, int stride, bool smallTiles) {
  Params p = prepared.params;
  p.outPixelStride = stride;
  const int64_t pixels = outputCount / p.outC;
  std::vector<float> strided(size_t(pixels * stride), -7.f);
  const std::vector<float> filter = testing::elementsOf<float>(testing::constantBytes(op, 1));
  const std::vector<float> bias = testing::elementsOf<float>(testing::constantBytes(op, 2));
  const float *biasData = bias.empty() ? nullptr : bias.data();
  const float *extraData = extra.empty() ? nullptr : extra.data();
  if (prepared.depthwise) {
    auto kernel =
        smallTiles ? depthwiseKernel<4>(p.filterH, p.filterW,
                                        std::make_integer_sequence<int, kMaxFilter * kMaxFilter>())
                   : depthwiseKernel<8>(p.filterH, p.filterW,
                                        std::make_integer_sequence<int, kMaxFilter * kMaxFilter>());
    kernel(p, input.data(), filter.data(), biasData, strided.data(), extraData);
  } else {
    const int nr = 8;
    std::vector<float> packed(size_t(neon::convolutionPackedFloats(p, nr)));
    neon::packConvolutionWeights(p, nr, filter.data(), biasData, packed.data());
    const int taps = p.filterH * p.filterW;
    auto sequence = std::make_integer_sequence<int, kMaxFilter * kMaxFilter>();
    auto kernel = smallTiles ? convolutionKernel<4, 8>(taps, sequence)
                             : convolutionKernel<6, 8>(taps, sequence);
    kernel(p, input.data(), packed.data(), strided.data(), extraData);
  }
  std::vector<float> dense(static_cast<size_t>(outputCount));
  for (int64_t pixel = 0; pixel < pixels; ++pixel) {
    for (int c = 0; c < p.outC; ++c)
      dense[size_t(pixel * p.outC + c)] = strided[size_t(pixel * stride + c)];
    for (int c = p.outC; c < stride; ++c)
      if (strided[size_t(pixel * stride + c)] != -7.f)
        dense[0] = 1e30f; // wrote past its channels: fails the comparison
  }
  return dense;
}

struct Case {
  OpKind kind;
  bool same;
  int strideH, strideW, dilationH, dilationW, activation;
  int64_t batches, inH, inW, inC, outC, filterH, filterW;
  bool hasBias;
};

// Builds the case's model, runs the reference and both tiles (dense and strided output).
void check(const Case &c, testing::Choices &choose, uint32_t seed) {
  const std::optional<ir::FusedConvolution> fusedKinds = ir::fusedConvolution(c.kind);
  const bool isFused = fusedKinds.has_value();
  const ir::FusedConvolution fused =
      fusedKinds.value_or(ir::FusedConvolution{c.kind, c.kind, c.kind});
  const bool depthwise = (isFused ? fused.convolution : c.kind) == OpKind::DEPTHWISE_CONV_2D;
  const ir::Shape in{c.batches, c.inH, c.inW, c.inC};
  const ir::Shape filter = depthwise ? ir::Shape{1, c.filterH, c.filterW, c.outC}
                                     : ir::Shape{c.outC, c.filterH, c.filterW, c.inC};
  const ir::Shape out{c.batches, outputSize(c.same, c.inH, c.filterH, c.strideH, c.dilationH),
                      outputSize(c.same, c.inW, c.filterW, c.strideW, c.dilationW), c.outC};
  ir::Module module;
  testing::GraphBuilder b(module);
  ir::Value &x = b.input("x", ElementType::F32, in);
  ir::Value &w = b.constant(
      "w", ElementType::F32, filter,
      testing::randomElements(choose, ElementType::F32, ir::elementCount(filter).value()));
  std::vector<ir::Value *> operands{&x, &w};
  if (c.hasBias || isFused)
    operands.push_back(&b.constant("bias", ElementType::F32, {c.outC},
                                   testing::randomElements(choose, ElementType::F32, c.outC)));
  if (isFused && fused.epilogue == OpKind::ADD) {
    const int64_t channels = choose.range(0, 1) ? c.outC : choose.range(1, int(c.outC));
    operands.push_back(&b.input("r", ElementType::F32, {c.batches, out[1], out[2], channels}));
  } else if (isFused && fused.epilogue == OpKind::PRELU) {
    const int64_t slopes = choose.range(0, 1) ? c.outC : 1;
    operands.push_back(&b.constant("alpha", ElementType::F32, {slopes},
                                   testing::randomElements(choose, ElementType::F32, slopes)));
  }
  ir::Value &y = b.value("y", ElementType::F32, out);
  std::vector<ir::NamedAttr> attrs{
      {"padding", testing::padding(c.same)},
      {"stride_h", int32_t(c.strideH)},
      {"stride_w", int32_t(c.strideW)},
      {"dilation_h_factor", int32_t(c.dilationH)},
      {"dilation_w_factor", int32_t(c.dilationW)},
      {"fused_activation_function", testing::activation(kActivations[c.activation], c.activation)}};
  if (depthwise)
    attrs.push_back({"depth_multiplier", int32_t(c.outC / c.inC)});
  ir::Op &op = b.op(c.kind, operands, {&y}, attrs);
  if (isFused)
    op.intermediates = {&b.value("conv", ElementType::F32, out)};
  b.output(y);
  auto prepared = ir::ops::prepareConvolution(op);
  INFO(ir::opKindInfo(c.kind).name
       << " in " << ir::formatShape(in) << " filter " << ir::formatShape(filter) << " out "
       << ir::formatShape(out) << " strides " << c.strideH << "x" << c.strideW << " dilations "
       << c.dilationH << "x" << c.dilationW << (c.same ? " SAME" : " VALID"));
  if (!prepared)
    FAIL(llvm::toString(prepared.takeError()));
  const testing::ReferenceRun run = testing::runReference(module, seed);
  const std::vector<float> input = testing::elementsOf<float>(run.inputs[0]);
  std::vector<float> extra;
  if (run.inputs.size() > 1)
    extra = testing::elementsOf<float>(run.inputs[1]);
  else if (op.operands.size() > 3)
    extra = testing::elementsOf<float>(testing::constantBytes(op, 3));
  const std::vector<float> reference = testing::elementsOf<float>(run.outputs[0]);
  for (bool smallTiles : {false, true})
    for (int stride : {int(c.outC), int(c.outC) + 3}) {
      INFO((smallTiles ? "small tiles" : "large tiles") << ", pixel stride " << stride);
      CHECK(testing::compareOutputs(runKernel(*prepared, op, input, extra,
                                              int64_t(reference.size()), stride, smallTiles),
                                    reference, 1e-5) == "");
    }
}
} // namespace

TEST_CASE("NEON convolution microkernels match the reference kernels",
          "[templates][neon][convolution]") {
  testing::Choices choose(23);
  int runs = 0;
  for (OpKind kind : {OpKind::CONV_2D, OpKind::DEPTHWISE_CONV_2D})
    for (int variant = 0; variant < 40; ++variant) {
      Case c{};
      c.kind = kind;
      c.same = variant % 2;
      c.strideH = choose.range(1, 3);
      c.strideW = variant % 5 == 0 ? c.strideH : choose.range(1, 3);
      c.dilationH = variant % 4 == 3 ? 2 : 1;
      c.dilationW = variant % 6 == 5 ? 2 : 1;
      c.activation = variant % 4;
      c.filterH = choose.range(1, kMaxFilter);
      c.filterW = variant % 3 == 0 ? c.filterH : choose.range(1, kMaxFilter);
      c.inH = (c.filterH - 1) * c.dilationH + choose.range(1, 9);
      c.inW = (c.filterW - 1) * c.dilationW + choose.range(1, 9);
      // Channels below, at and past the tile widths (4, 8, 16 and remainders).
      c.inC = choose.range(1, 21);
      // Every fifth depthwise case with a depth multiplier (2, 3, 4 or 8).
      const int multiplier = variant % 5 == 4 ? std::array{2, 3, 4, 8}[variant % 4] : 1;
      if (kind == OpKind::DEPTHWISE_CONV_2D && multiplier > 1)
        c.inC = choose.range(1, 5);
      c.outC = kind == OpKind::DEPTHWISE_CONV_2D ? c.inC * multiplier : choose.range(1, 27);
      c.batches = choose.range(1, 2);
      c.hasBias = variant % 7 != 3;
      check(c, choose, uint32_t(runs++));
    }
  CHECK(runs == 80);
}

TEST_CASE("NEON fused convolution microkernels match the reference kernels",
          "[templates][neon][convolution]") {
  testing::Choices choose(71);
  int runs = 0;
  for (OpKind kind : {OpKind::LITEC_CONV_2D_RESIDUAL, OpKind::LITEC_DEPTHWISE_CONV_2D_RESIDUAL,
                      OpKind::LITEC_CONV_2D_PRELU, OpKind::LITEC_DEPTHWISE_CONV_2D_PRELU,
                      OpKind::LITEC_CONV_2D_HARD_SWISH, OpKind::LITEC_DEPTHWISE_CONV_2D_HARD_SWISH})
    for (int variant = 0; variant < 8; ++variant) {
      const bool depthwise = ir::fusedConvolution(kind)->convolution == OpKind::DEPTHWISE_CONV_2D;
      Case c{};
      c.kind = kind;
      c.same = variant % 2;
      c.strideH = c.strideW = choose.range(1, 2);
      c.dilationH = c.dilationW = 1;
      // The residual ADD carries the activation; the convolution inside has none.
      c.activation = ir::fusedConvolution(kind)->epilogue == OpKind::ADD ? variant % 4 : 0;
      c.filterH = c.filterW = variant < 4 ? 3 : choose.range(1, 5);
      c.inH = c.filterH + choose.range(0, 6);
      c.inW = c.filterW + choose.range(0, 6);
      c.inC = choose.range(1, 19);
      c.outC = depthwise ? c.inC : choose.range(1, 19);
      c.batches = 1;
      c.hasBias = true;
      check(c, choose, uint32_t(1000 + runs++));
    }
  CHECK(runs == 48);
}

namespace {
using Int8Kernel = void (*)(const Params &, const int8_t *, const int8_t *, const int32_t *,
                            int8_t *, const int8_t *);
template <int MR, bool Dot, int... Taps>
Int8Kernel int8Kernel(int taps, std::integer_sequence<int, Taps...>) {
  constexpr Int8Kernel kernels[] = {neon::convolutionInt8<MR, 8, Taps + 1, Dot, Params>...};
  return kernels[taps - 1];
}
template <int... Index>
Int8Kernel depthwiseInt8Kernel(int filterH, int filterW, std::integer_sequence<int, Index...>) {
  constexpr Int8Kernel kernels[] = {
      neon::depthwiseInt8<Index / kMaxFilter + 1, Index % kMaxFilter + 1, Params>...};
  return kernels[(filterH - 1) * kMaxFilter + filterW - 1];
}
} // namespace

TEST_CASE("NEON int8 convolution microkernels are bit-exact with the reference kernel",
          "[templates][neon][convolution]") {
  testing::Choices choose(41);
  int runs = 0;
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
      const int64_t inC = multiplier > 1 ? choose.range(1, 5) : choose.range(1, 35);
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
      ir::Value &w = b.constant(
          "w", ElementType::I8, filter,
          testing::randomElements(choose, ElementType::I8, ir::elementCount(filter).value()),
          testing::weightQuantization(choose, ElementType::I8, outC, depthwise ? 3 : 0,
                                      perChannel));
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
      auto sequence = std::make_integer_sequence<int, kMaxFilter * kMaxFilter>();
      if (depthwise) {
        std::vector<int8_t> output(reference.size());
        depthwiseInt8Kernel(int(filterH), int(filterW), sequence)(
            p, input.data(), filterData.data(), stage.data(), output.data(), extraData);
        CHECK(testing::compareOutputs(output, reference) == "");
      } else {
        std::vector<int8_t> packed(size_t(neon::convolutionInt8PackedBytes(p, 8)));
        neon::packConvolutionWeightsInt8(p, 8, filterData.data(), packed.data());
        const int taps = int(filterH * filterW);
        const std::pair<const char *, Int8Kernel> kernels[] = {
            {"6x8 SMLAL", int8Kernel<6, false>(taps, sequence)},
            {"4x8 SMLAL", int8Kernel<4, false>(taps, sequence)},
            {"6x8 SDOT", int8Kernel<6, true>(taps, sequence)},
            {"4x8 SDOT", int8Kernel<4, true>(taps, sequence)}};
        for (const auto &[name, kernel] : kernels) {
          std::vector<int8_t> output(reference.size());
          kernel(p, input.data(), packed.data(), stage.data(), output.data(), extraData);
          INFO(name);
          CHECK(testing::compareOutputs(output, reference) == "");
        }
      }
      ++runs;
    }
  CHECK(runs == 120);
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
      ++checked;
    }
  CHECK(checked == 40 * 400);
  CHECK(mismatches == 0);
}
