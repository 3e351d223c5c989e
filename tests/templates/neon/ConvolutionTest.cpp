// templates/neon/Convolution.h against the reference kernels, built on the host through SIMDe
// (LITEC_NEON_SIMDE), float kernels (the int8 ones: ConvolutionInt8Test.cpp): CONV_2D as the
// indirect GEMM (6x8 and 4x8 tiles, filters 1x1 to 5x5, strides 1 to 3, dilations 1 and 2, SAME and
// VALID, channel counts around the tile widths, batches, with and without bias, every fused
// activation) and DEPTHWISE_CONV_2D (tiles of 8 and 4 channels), plain and with the fused residual
// ADD, PRELU and HARD_SWISH epilogues, also writing their result as a channel slice of a wider
// tensor (outPixelStride), each case split into 1, 2, 3 or 7 parts as invoke() splits a layer
// across workers. The same kernels run on ARM through the generated code of the neon
// conformance and model tests.

#include "neon/Convolution.h"

#include "../TemplateTest.h"
#include "ConvolutionTestSupport.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <utility>

using namespace litec;
using ir::ElementType;
using ir::OpKind;

using namespace testing::neon_convolution;

namespace {
using ConvolutionKernel = void (*)(const Params &, const float *, const float *, float *,
                                   const float *, runtime::Part);
using DepthwiseKernel = void (*)(const Params &, const float *, const float *, const float *,
                                 float *, const float *, runtime::Part);

// The kernel for a filter of `taps` taps and tile MR x NR.
template <int MR, int NR, size_t... Index>
ConvolutionKernel convolutionKernel(int taps, std::index_sequence<Index...>) {
  constexpr ConvolutionKernel kernels[] = {neon::convolutionF32<MR, NR, kTaps[Index], Params>...};
  return kernels[tapsIndex(taps)];
}

template <int CT, int... Index>
DepthwiseKernel depthwiseKernel(int filterH, int filterW, std::integer_sequence<int, Index...>) {
  constexpr DepthwiseKernel kernels[] = {
      neon::depthwiseF32<Index / kMaxFilter + 1, Index % kMaxFilter + 1, CT, Params>...};
  return kernels[(filterH - 1) * kMaxFilter + filterW - 1];
}

// The kernels a case runs: the GEMM or depthwise kernel with AArch64's and 32-bit ARM's tiles,
// and for a 1x1 stride-1 convolution the sparse kernel with both pixel tiles.
enum class Kernel { kLargeTiles, kSmallTiles, kSparse16, kSparse8 };

const char *kernelName(Kernel kernel) {
  switch (kernel) {
  case Kernel::kLargeTiles:
    return "large tiles";
  case Kernel::kSmallTiles:
    return "small tiles";
  case Kernel::kSparse16:
    return "sparse, 16 pixels";
  case Kernel::kSparse8:
    return "sparse, 8 pixels";
  }
  return "";
}

// Runs the kernel in `parts` parts into an output whose pixels are `stride` floats apart (>= outC)
// and returns the dense result.
std::vector<float> runKernel(const ir::ops::PreparedConvolution &prepared, const ir::Op &op,
                             const std::vector<float> &input, const std::vector<float> &extra,
                             int64_t outputCount, int stride, Kernel which, int parts) {
  const bool smallTiles = which == Kernel::kSmallTiles;
  Params p = prepared.params;
  p.outPixelStride = stride;
  const int64_t pixels = outputCount / p.outC;
  std::vector<float> strided(size_t(pixels * stride), -7.f);
  const std::vector<float> filter = testing::elementsOf<float>(testing::constantBytes(op, 1));
  const std::vector<float> bias = testing::elementsOf<float>(testing::constantBytes(op, 2));
  const float *biasData = bias.empty() ? nullptr : bias.data();
  const float *extraData = extra.empty() ? nullptr : extra.data();
  if (which == Kernel::kSparse16 || which == Kernel::kSparse8) {
    const size_t elements = size_t(neon::sparsePackedElements(p, filter.data()));
    std::vector<float> weights(elements);
    std::vector<int16_t> indices(elements);
    neon::packSparsePointwise(p, filter.data(), biasData, weights.data(), indices.data());
    auto kernel = which == Kernel::kSparse16 ? neon::pointwiseSparseF32<16, Params>
                                             : neon::pointwiseSparseF32<8, Params>;
    runInParts(parts, [&](runtime::Part part) {
      kernel(p, input.data(), weights.data(), indices.data(), strided.data(), extraData, part);
    });
  } else if (prepared.depthwise) {
    auto kernel = smallTiles ? depthwiseKernel<4>(p.filterH, p.filterW, FilterSequence())
                             : depthwiseKernel<8>(p.filterH, p.filterW, FilterSequence());
    runInParts(parts, [&](runtime::Part part) {
      kernel(p, input.data(), filter.data(), biasData, strided.data(), extraData, part);
    });
  } else {
    const int nr = 8;
    std::vector<float> packed(size_t(neon::convolutionPackedFloats(p, nr)));
    neon::packConvolutionWeights(p, nr, filter.data(), biasData, packed.data());
    const int taps = p.filterH * p.filterW;
    auto kernel = smallTiles ? convolutionKernel<4, 8>(taps, TapsSequence())
                             : convolutionKernel<6, 8>(taps, TapsSequence());
    runInParts(parts, [&](runtime::Part part) {
      kernel(p, input.data(), packed.data(), strided.data(), extraData, part);
    });
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
  // The share of the filter's weights set to zero (at random places), as in sparse models.
  double zeros = 0;
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
  std::vector<uint8_t> weights =
      testing::randomElements(choose, ElementType::F32, ir::elementCount(filter).value());
  for (size_t i = 0; i < weights.size(); i += sizeof(float))
    if (c.zeros > 0 && choose.range(0, 999) < int(c.zeros * 1000))
      std::fill_n(weights.begin() + std::ptrdiff_t(i), sizeof(float), uint8_t(0));
  ir::Value &w = b.constant("w", ElementType::F32, filter, std::move(weights));
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
  const int parts = kPartCounts[seed % 4];
  const ir::ops::ConvolutionParams &p = prepared->params;
  const bool pointwise = !depthwise && p.filterH == 1 && p.filterW == 1 && p.strideH == 1 &&
                         p.strideW == 1 && p.padTop == 0 && p.padLeft == 0;
  std::vector<Kernel> kernels{Kernel::kLargeTiles, Kernel::kSmallTiles};
  if (pointwise && p.filterC <= neon::kSparseMaxChannels)
    kernels.insert(kernels.end(), {Kernel::kSparse16, Kernel::kSparse8});
  for (Kernel kernel : kernels)
    for (int stride : {int(c.outC), int(c.outC) + 3}) {
      INFO(kernelName(kernel) << ", pixel stride " << stride << ", " << parts << " parts");
      CHECK(testing::compareOutputs(runKernel(*prepared, op, input, extra,
                                              int64_t(reference.size()), stride, kernel, parts),
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

TEST_CASE("NEON sparse 1x1 convolution microkernel matches the reference kernels",
          "[templates][neon][convolution]") {
  testing::Choices choose(97);
  int runs = 0;
  for (OpKind kind : {OpKind::CONV_2D, OpKind::LITEC_CONV_2D_RESIDUAL, OpKind::LITEC_CONV_2D_PRELU,
                      OpKind::LITEC_CONV_2D_HARD_SWISH})
    for (int variant = 0; variant < 12; ++variant) {
      Case c{};
      c.kind = kind;
      c.same = variant % 2;
      c.strideH = c.strideW = c.dilationH = c.dilationW = 1;
      c.filterH = c.filterW = 1;
      // The residual ADD carries the activation; the convolution inside has none.
      c.activation =
          kind == OpKind::LITEC_CONV_2D_RESIDUAL || kind == OpKind::CONV_2D ? variant % 4 : 0;
      // Pixel counts around the tiles of 8 and 16 (and a short last block), channels around the
      // vector width and the groups of four, and once far more input channels.
      c.inH = choose.range(1, 7);
      c.inW = choose.range(1, 9);
      c.inC = variant == 11 ? choose.range(300, neon::kSparseMaxChannels) : choose.range(1, 70);
      c.outC = choose.range(1, 37);
      c.batches = choose.range(1, 2);
      c.hasBias = variant % 5 != 2;
      // All zeros, the sparse models' 70%, fewer, none.
      c.zeros = std::array{1.0, 0.7, 0.9, 0.3, 0.0, 0.7}[variant % 6];
      check(c, choose, uint32_t(2000 + runs++));
    }
  CHECK(runs == 48);
}

TEST_CASE("the NEON sparse 1x1 kernel is chosen where it runs fewer instructions",
          "[templates][neon][convolution]") {
  Params p{};
  p.batches = 1;
  p.filterH = p.filterW = p.strideH = p.strideW = 1;
  p.outH = p.outW = p.inH = p.inW = 48;
  p.inC = p.filterC = 64;
  p.outC = p.groupSize = 48;
  const int64_t weights = int64_t(p.filterC) * p.outC;
  // MediaPipe's sparse face detector: 30% of the weights kept.
  CHECK(neon::sparsePays(p, weights * 3 / 10, 16));
  // A dense filter, or one with a tenth of zeros: the GEMM.
  CHECK_FALSE(neon::sparsePays(p, weights, 16));
  CHECK_FALSE(neon::sparsePays(p, weights * 9 / 10, 16));
  // Not a 1x1 stride-1 convolution, or too many input channels for the kernel's tile.
  Params strided = p;
  strided.strideH = strided.strideW = 2;
  CHECK_FALSE(neon::sparsePays(strided, weights * 3 / 10, 16));
  Params wide = p;
  wide.inC = wide.filterC = neon::kSparseMaxChannels + 1;
  CHECK_FALSE(neon::sparsePays(wide, 1, 16));
}
