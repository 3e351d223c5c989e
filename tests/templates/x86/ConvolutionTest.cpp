// templates/x86/Convolution.h against the reference kernels, built natively: this file is
// compiled twice, for AVX2/FMA (8-float vectors) and for AVX-512 (16-float vectors; run where the
// machine has it, only compiled elsewhere). CONV_2D as the indirect GEMM with every tile the code
// generator chooses from, AVX2's and AVX-512's, and with its panels in cache-blocking groups
// (either builds with either vector width: a panel narrower than a vector, or not a multiple of it,
// masks its last vector), DEPTHWISE_CONV_2D (with and without gathered input lanes: every depth
// multiplier gathered, multiplier 1 also not), plain and with the fused residual ADD, PRELU and
// HARD_SWISH epilogues, writing a dense output and a channel slice of a wider tensor, each case
// split into 1, 2, 3 or 7 parts as invoke() splits a layer.

#include "x86/Convolution.h"

#include "../ConvolutionCases.h"

#include <catch2/catch.hpp>

#include <iterator>
#include <utility>

using namespace litec;
using namespace testing::convolution;

namespace {
using ConvolutionKernel = void (*)(const Params &, const float *, const float *, float *,
                                   const float *, runtime::Part);
using DepthwiseKernel = void (*)(const Params &, const float *, const float *, const float *,
                                 float *, const float *, runtime::Part);

template <int MR, int NR, int PanelGroup, size_t... Index>
ConvolutionKernel convolutionKernel(int taps, std::index_sequence<Index...>) {
  constexpr ConvolutionKernel kernels[] = {
      x86::convolutionF32<MR, NR, kTaps[Index], PanelGroup, Params>...};
  return kernels[tapsIndex(taps)];
}

template <bool Gathered, int... Index>
DepthwiseKernel depthwiseKernel(int filterH, int filterW, std::integer_sequence<int, Index...>) {
  constexpr DepthwiseKernel kernels[] = {
      x86::depthwiseF32<Index / kMaxFilter + 1, Index % kMaxFilter + 1, Gathered, Params>...};
  return kernels[(filterH - 1) * kMaxFilter + filterW - 1];
}

// The tiles of x86::tilesFor: AVX2's, then AVX-512's; then one with cache blocking
// (x86::panelGroup), its panels of 8 channels taken two at a time (up to 3 groups here).
struct Tile {
  int mr, nr, panelGroup;
};
constexpr Tile kTiles[] = {{12, 8, 0},  {6, 16, 0}, {4, 24, 0}, {3, 32, 0}, {24, 16, 0},
                           {12, 32, 0}, {8, 48, 0}, {4, 64, 0}, {12, 8, 2}};

template <size_t... T>
ConvolutionKernel tileKernel(size_t tile, int taps, std::index_sequence<T...>) {
  using Pick = ConvolutionKernel (*)(int);
  constexpr Pick picks[] = {[](int t) {
    return convolutionKernel<kTiles[T].mr, kTiles[T].nr, kTiles[T].panelGroup>(t, TapsSequence());
  }...};
  return picks[tile](taps);
}

// Runs the case's kernel (for CONV_2D with kTiles[tile]; for DEPTHWISE_CONV_2D the gathering
// kernel when tile is 1) in `parts` parts into out, whose pixels are `stride` floats apart.
void runKernel(const Run &run, size_t tile, int stride, int parts, float *out) {
  Params p = run.prepared.params;
  p.outPixelStride = stride;
  const float *bias = run.bias.empty() ? nullptr : run.bias.data();
  const float *extra = run.extra.empty() ? nullptr : run.extra.data();
  if (run.depthwise) {
    auto kernel = tile == 1 ? depthwiseKernel<true>(p.filterH, p.filterW, FilterSequence())
                            : depthwiseKernel<false>(p.filterH, p.filterW, FilterSequence());
    runInParts(parts, [&](runtime::Part part) {
      kernel(p, run.input.data(), run.filter.data(), bias, out, extra, part);
    });
    return;
  }
  const int nr = kTiles[tile].nr;
  std::vector<float> packed(size_t(runtime::convolutionPackedFloats(p, nr)));
  runtime::packConvolutionWeights(p, nr, run.filter.data(), bias, packed.data());
  auto kernel =
      tileKernel(tile, p.filterH * p.filterW, std::make_index_sequence<std::size(kTiles)>());
  runInParts(parts, [&](runtime::Part part) {
    kernel(p, run.input.data(), packed.data(), out, extra, part);
  });
}

// Builds the case's model, runs the reference and the kernels (dense and strided output).
// Returns whether it was a depthwise case with a depth multiplier above 1.
bool check(const Case &c, testing::Choices &choose, uint32_t seed) {
  INFO(describe(c) << ", " << x86::F32::kLanes << "-float vectors");
  const std::unique_ptr<Run> run = runCase(c, choose, seed);
  const bool multiplied = run->depthwise && run->prepared.params.depthMultiplier != 1;
  const int parts = kPartCounts[seed % 4];
  for (size_t tile = 0; tile < std::size(kTiles); ++tile) {
    // Depthwise: 0 the plain kernel (multiplier 1 only), 1 the gathering one.
    if (run->depthwise && (tile > 1 || (tile == 0 && multiplied)))
      continue;
    for (int stride : {int(c.outC), int(c.outC) + 3}) {
      INFO(kTiles[tile].mr << "x" << kTiles[tile].nr << " tile, panels in groups of "
                           << kTiles[tile].panelGroup << " (0: all), pixel stride " << stride
                           << ", " << parts << " parts");
      const std::vector<float> result =
          denseResult(*run, stride, [&](float *out) { runKernel(*run, tile, stride, parts, out); });
      CHECK(testing::compareOutputs(result, run->reference, 1e-5) == "");
    }
  }
  return multiplied;
}
} // namespace

TEST_CASE("x86 convolution microkernels match the reference kernels",
          "[templates][x86][convolution]") {
  testing::Choices choose(23);
  int runs = 0, multiplied = 0;
  for (const Case &c : plainCases(choose))
    multiplied += check(c, choose, uint32_t(runs++));
  CHECK(multiplied > 4);
}

TEST_CASE("x86 fused convolution microkernels match the reference kernels",
          "[templates][x86][convolution]") {
  testing::Choices choose(71);
  int runs = 0;
  for (const Case &c : fusedCases(choose))
    check(c, choose, uint32_t(1000 + runs++));
  CHECK(runs == 48);
}

TEST_CASE("x86 1x1 convolutions with many input channels and zero weights",
          "[templates][x86][convolution]") {
  testing::Choices choose(97);
  int runs = 0;
  for (const Case &c : sparseCases(choose, 512))
    check(c, choose, uint32_t(2000 + runs++));
  CHECK(runs == 48);
}
