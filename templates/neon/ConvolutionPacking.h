#pragma once

// The weight layouts of the NEON convolution microkernels (Convolution.h), written once and used
// by the code generator (which repacks each layer's weights at compile time) and by the kernel
// tests. Plain C++, no NEON: litec runs it on the build machine. The float and int8 GEMMs' panels
// are every SIMD target's (litec/runtime/ConvolutionLayout.h, ConvolutionInt8Layout.h); the
// sparse layout is NEON's own.

#include "litec/runtime/ConvolutionInt8Layout.h"
#include "litec/runtime/ConvolutionLayout.h"

#include <cstdint>

namespace litec::neon {

using runtime::convolutionBlocks;
using runtime::convolutionPackedFloats;
using runtime::convolutionPanelFloats;
using runtime::convolutionPanels;
using runtime::convolutionZeroRowFloats;
using runtime::depthwiseRows;
using runtime::packConvolutionWeights;
// The int8 layouts (litec/runtime/ConvolutionInt8Layout.h).
using runtime::convolutionInt8PackedBytes;
using runtime::convolutionInt8StageWords;
using runtime::gatheredView;
using runtime::gathersWindows;
using runtime::int8TapBytes;
using runtime::kGatherMaxChannels;
using runtime::packConvolutionStageInt8;
using runtime::packConvolutionWeightsInt8;
using runtime::Requantization;
using runtime::requantizationOf;

// The sparse pointwise kernel (Convolution.h, pointwiseSparseF32): a 1x1 stride-1 CONV_2D whose
// weights are mostly zeros keeps only the non-zero ones, in two tables. For each group of 4
// output channels (the last padded with channels of no weights): the floats hold its 4 biases
// (zeros without a bias), then each channel's non-zero weights in input-channel order; the
// indices (int16) hold its 4 counts of non-zero weights, then each channel's input channels of
// them. The kernel transposes a block of pixels into a [channel][pixel] tile on its stack, at
// most kSparseMaxChannels input channels (32 KB for 16 pixels).
constexpr int kSparseMaxChannels = 512;

template <class P> constexpr int sparseGroups(const P &p) {
  return (p.outC + 3) / 4;
}
template <class P> std::int64_t countNonZeros(const P &p, const float *filter) {
  std::int64_t count = 0;
  for (std::int64_t i = 0; i < std::int64_t(p.outC) * p.filterC; ++i)
    count += filter[i] != 0.f;
  return count;
}
// Both tables have this many elements.
template <class P> std::int64_t sparsePackedElements(const P &p, const float *filter) {
  return 4 * std::int64_t(sparseGroups(p)) + countNonZeros(p, filter);
}

// Whether the sparse kernel, with tiles of `pixels` pixels, runs fewer instructions than the
// dense GEMM on these weights. Per output pixel, as counted under qemu
// (cortex-a76 model) on MediaPipe's sparse face detector: the dense GEMM about 0.39 per
// multiply-accumulate; the sparse kernel about 1 per input channel (the transposition),
// (4 + pixels / 4) / pixels per non-zero weight (an index, an address, one load and pixels / 4
// FMAs; 0.5 for 16 pixels) and 3 per output channel (the counts, the transposition back, the
// store).
template <class P> bool sparsePays(const P &p, std::int64_t nonZeros, int pixels) {
  if (p.filterH != 1 || p.filterW != 1 || p.strideH != 1 || p.strideW != 1 || p.padTop != 0 ||
      p.padLeft != 0 || p.groupSize != p.outC || p.filterC > kSparseMaxChannels)
    return false;
  const double dense = 0.39 * double(p.filterC) * p.outC;
  const double sparse = p.filterC + (4 + pixels / 4.0) / pixels * double(nonZeros) + 3.0 * p.outC;
  return sparse < dense;
}

// Writes sparsePackedElements(p, filter) elements to each table; `bias` may be nullptr.
template <class P>
void packSparsePointwise(const P &p, const float *filter, const float *bias, float *weights,
                         std::int16_t *indices) {
  for (int g = 0; g < sparseGroups(p); ++g) {
    for (int j = 0; j < 4; ++j) {
      const int oc = 4 * g + j;
      std::int16_t count = 0;
      for (int c = 0; oc < p.outC && c < p.filterC; ++c)
        count = std::int16_t(count + (filter[std::int64_t(oc) * p.filterC + c] != 0.f));
      *weights++ = oc < p.outC && bias != nullptr ? bias[oc] : 0.f;
      *indices++ = count;
    }
    for (int oc = 4 * g; oc < 4 * g + 4 && oc < p.outC; ++oc)
      for (int c = 0; c < p.filterC; ++c) {
        const float w = filter[std::int64_t(oc) * p.filterC + c];
        if (w != 0.f) {
          *weights++ = w;
          *indices++ = std::int16_t(c);
        }
      }
  }
}

// How the int8 GEMM multiplies where the build has no dot-product extension: kWidened widens
// inputs and weights to 16 bits and adds each product to 32-bit sums (SMLAL by lane), right for
// any weights; kPaired sums two products in 16 bits before widening (SMULL, SMLAL, SADALP),
// about a quarter fewer instructions, and is chosen where no weight is -128 (TFLite's
// quantiser keeps weights in [-127, 127]): two products then stay within 2 x 128 x 127.
enum class Int8Products { kWidened, kPaired };
inline Int8Products int8ProductsOf(const std::int8_t *filter, std::int64_t count) {
  for (std::int64_t i = 0; i < count; ++i)
    if (filter[i] == -128)
      return Int8Products::kWidened;
  return Int8Products::kPaired;
}

} // namespace litec::neon
