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

#include "../ConvolutionCases.h"

#include <catch2/catch.hpp>

#include <utility>

using namespace litec;
using namespace testing::convolution;

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

// Runs the kernel in `parts` parts into out, whose pixels are `stride` floats apart.
void runKernel(const Run &run, Kernel which, int stride, int parts, float *out) {
  Params p = run.prepared.params;
  p.outPixelStride = stride;
  const float *bias = run.bias.empty() ? nullptr : run.bias.data();
  const float *extra = run.extra.empty() ? nullptr : run.extra.data();
  const bool smallTiles = which == Kernel::kSmallTiles;
  if (which == Kernel::kSparse16 || which == Kernel::kSparse8) {
    const size_t elements = size_t(neon::sparsePackedElements(p, run.filter.data()));
    std::vector<float> weights(elements);
    std::vector<int16_t> indices(elements);
    neon::packSparsePointwise(p, run.filter.data(), bias, weights.data(), indices.data());
    auto kernel = which == Kernel::kSparse16 ? neon::pointwiseSparseF32<16, Params>
                                             : neon::pointwiseSparseF32<8, Params>;
    runInParts(parts, [&](runtime::Part part) {
      kernel(p, run.input.data(), weights.data(), indices.data(), out, extra, part);
    });
  } else if (run.depthwise) {
    auto kernel = smallTiles ? depthwiseKernel<4>(p.filterH, p.filterW, FilterSequence())
                             : depthwiseKernel<8>(p.filterH, p.filterW, FilterSequence());
    runInParts(parts, [&](runtime::Part part) {
      kernel(p, run.input.data(), run.filter.data(), bias, out, extra, part);
    });
  } else {
    const int nr = 8;
    std::vector<float> packed(size_t(neon::convolutionPackedFloats(p, nr)));
    neon::packConvolutionWeights(p, nr, run.filter.data(), bias, packed.data());
    const int taps = p.filterH * p.filterW;
    auto kernel = smallTiles ? convolutionKernel<4, 8>(taps, TapsSequence())
                             : convolutionKernel<6, 8>(taps, TapsSequence());
    runInParts(parts, [&](runtime::Part part) {
      kernel(p, run.input.data(), packed.data(), out, extra, part);
    });
  }
}

// Builds the case's model, runs the reference and each kernel (dense and strided output).
void check(const Case &c, testing::Choices &choose, uint32_t seed) {
  INFO(describe(c));
  const std::unique_ptr<Run> run = runCase(c, choose, seed);
  const int parts = kPartCounts[seed % 4];
  std::vector<Kernel> kernels{Kernel::kLargeTiles, Kernel::kSmallTiles};
  if (run->pointwise && run->prepared.params.filterC <= neon::kSparseMaxChannels)
    kernels.insert(kernels.end(), {Kernel::kSparse16, Kernel::kSparse8});
  for (Kernel kernel : kernels)
    for (int stride : {int(c.outC), int(c.outC) + 3}) {
      INFO(kernelName(kernel) << ", pixel stride " << stride << ", " << parts << " parts");
      const std::vector<float> result = denseResult(
          *run, stride, [&](float *out) { runKernel(*run, kernel, stride, parts, out); });
      CHECK(testing::compareOutputs(result, run->reference, 1e-5) == "");
    }
}
} // namespace

TEST_CASE("NEON convolution microkernels match the reference kernels",
          "[templates][neon][convolution]") {
  testing::Choices choose(23);
  int runs = 0;
  for (const Case &c : plainCases(choose))
    check(c, choose, uint32_t(runs++));
  CHECK(runs == 80);
}

TEST_CASE("NEON fused convolution microkernels match the reference kernels",
          "[templates][neon][convolution]") {
  testing::Choices choose(71);
  int runs = 0;
  for (const Case &c : fusedCases(choose))
    check(c, choose, uint32_t(1000 + runs++));
  CHECK(runs == 48);
}

TEST_CASE("NEON sparse 1x1 convolution microkernel matches the reference kernels",
          "[templates][neon][convolution]") {
  testing::Choices choose(97);
  int runs = 0;
  for (const Case &c : sparseCases(choose, neon::kSparseMaxChannels))
    check(c, choose, uint32_t(2000 + runs++));
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
