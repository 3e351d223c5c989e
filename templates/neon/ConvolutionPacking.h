#pragma once

// The weight layouts of the NEON convolution microkernels (Convolution.h), written once and used
// by the code generator (which repacks each layer's weights at compile time) and by the kernel
// tests. Plain C++, no NEON: litec runs it on the build machine. The float GEMM's panels are
// every SIMD target's (litec/runtime/ConvolutionLayout.h); the int8 and sparse layouts are
// NEON's own.

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

// int8 CONV_2D (symmetric int8 weights, int32 bias): the same panels of NR output channels,
// tap-major, the input channels of a tap in groups of 4 (the last group zero-padded); a group
// holds, for each output channel j of the panel, its 4 weights w[j][c..c+3]: the operand of
// the dot-product instruction (SDOT by lane: four channels' products summed into each output
// channel's lane), and for the widening kernel four 8-channel vectors after one de-interleaving
// load (VLD4). No bias inside. Then the zero row: filterC bytes (rounded up to 16) of the input
// zero point, which a padded tap reads as the reference reads padding. The output stage per
// panel is an int32 table: NR biases (the input zero point folded in, as the prepared `folded`
// form has them), NR multipliers, NR left shifts and NR right shifts negated (the rounding
// shift's operand), zeros past the last channel.
// A tap of `channels` input channels: its groups of 4 for each of a panel's nr output channels.
constexpr std::int64_t int8TapBytes(int channels, int nr) {
  return std::int64_t(channels + 3) / 4 * 4 * nr;
}
template <class P> constexpr std::int64_t convolutionInt8TapBytes(const P &p, int nr) {
  return int8TapBytes(p.filterC, nr);
}
template <class P> constexpr std::int64_t convolutionInt8PanelBytes(const P &p, int nr) {
  return std::int64_t(p.filterH) * p.filterW * convolutionInt8TapBytes(p, nr);
}
template <class P> constexpr std::int64_t convolutionInt8PackedBytes(const P &p, int nr) {
  return convolutionPanels(p, nr) * convolutionInt8PanelBytes(p, nr) + (p.filterC + 15) / 16 * 16;
}
template <class P> constexpr std::int64_t convolutionInt8StageWords(const P &p, int nr) {
  return std::int64_t(convolutionPanels(p, nr)) * 4 * nr;
}

template <class P>
void packConvolutionWeightsInt8(const P &p, int nr, const std::int8_t *filter,
                                std::int8_t *packed) {
  const int taps = p.filterH * p.filterW;
  std::int8_t *out = packed;
  for (int panel = 0; panel < convolutionPanels(p, nr); ++panel)
    for (int t = 0; t < taps; ++t)
      for (int c0 = 0; c0 < p.filterC; c0 += 4)
        for (int j = 0; j < nr; ++j)
          for (int c = c0; c < c0 + 4; ++c) {
            const int oc = panel * nr + j;
            *out++ = oc < p.outC && c < p.filterC
                         ? filter[(std::int64_t(oc) * taps + t) * p.filterC + c]
                         : 0;
          }
  for (int c = 0; c < (p.filterC + 15) / 16 * 16; ++c)
    *out++ = std::int8_t(p.padValue);
}

// The int8 GEMM gathers each pixel's window into one row (Convolution.h, GatherC) where the input
// has at most this many channels and the filter more than one tap: its taps would each fill a
// group of four channels with a few bytes. The weights are then packed as one tap of
// filterH x filterW x filterC channels: the view below, whose zero row also serves the taps.
constexpr int kGatherMaxChannels = 4;
template <class P> constexpr bool gathersWindows(const P &p) {
  return p.filterC <= kGatherMaxChannels && p.filterH * p.filterW > 1 &&
         p.filterH * p.filterW * p.filterC <= 64;
}
template <class P> P gatheredView(P p) {
  p.filterC *= p.filterH * p.filterW;
  p.filterH = p.filterW = 1;
  return p;
}

// How the int8 output stage shifts: kRightShift where every channel's multiplier has a right
// shift and no left shift (a scale below 1/2, as nearly every layer has), which saves the output
// stage two of its six instructions per vector (Convolution.h, detail::requantize).
enum class Requantization { kGeneral, kRightShift };
template <class P> constexpr Requantization requantizationOf(const P &p) {
  for (int oc = 0; oc < (p.perChannel ? p.outC : 1); ++oc)
    if (p.multipliers[oc].shift >= 0)
      return Requantization::kGeneral;
  return Requantization::kRightShift;
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

// `bias`: the folded bias (or the op's, or nullptr for none).
template <class P>
void packConvolutionStageInt8(const P &p, int nr, const std::int32_t *bias, std::int32_t *stage) {
  std::int32_t *out = stage;
  for (int panel = 0; panel < convolutionPanels(p, nr); ++panel) {
    for (int field = 0; field < 4; ++field)
      for (int j = 0; j < nr; ++j) {
        const int oc = panel * nr + j;
        if (oc >= p.outC) {
          *out++ = 0;
          continue;
        }
        const auto &m = p.multipliers[p.perChannel ? oc : 0];
        const int left = m.shift > 0 ? m.shift : 0, right = m.shift > 0 ? 0 : -m.shift;
        *out++ = field == 0   ? (bias != nullptr ? bias[oc] : 0)
                 : field == 1 ? m.multiplier
                 : field == 2 ? (left > 31 ? 31 : left)
                              : -(right > 31 ? 31 : right);
      }
  }
}

} // namespace litec::neon
