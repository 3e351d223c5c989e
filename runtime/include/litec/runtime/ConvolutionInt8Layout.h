#pragma once

// The weight and output-stage layouts of the int8 GEMM convolution microkernels of every SIMD
// target (templates/neon/Convolution.h, templates/x86/Convolution.h), written once and used by
// the code generator (which repacks each layer's weights at compile time), by the kernels and by
// their tests. Plain C++: litec runs it on the build machine.
//
// int8 CONV_2D (symmetric int8 weights, int32 bias): panels of NR output channels (the last
// zero-padded), tap-major, the input channels of a tap in groups of 4 (the last group
// zero-padded); a group holds, for each output channel j of the panel, its 4 weights
// w[j][c..c+3]: the operand of the dot-product instructions (NEON's SDOT by lane, x86's VPDPBUSD:
// four channels' products summed into each output channel's 32-bit lane). No bias inside. Then
// the zero row: filterC bytes (rounded up to 16) of the input zero point, which a padded tap
// reads as the reference reads padding.
//
// The output stage per panel is an int32 table of 4 (or 5) fields of NR words: the biases (the
// input zero point folded in, as the prepared `folded` form has them), the multipliers, the left
// shifts, the right shifts negated (NEON's rounding shift's operand), and, for x86's VNNI
// kernels, the biases less 128 x the sum of the channel's weights: VPDPBUSD multiplies unsigned
// bytes, so those kernels add 128 to every input byte (x XOR 0x80) and take the excess back out
// of the starting sum. Zeros past the last channel.

#include "litec/runtime/ConvolutionLayout.h"

#include <cstdint>
#include <cstring>

namespace litec::runtime {

// A tap of `channels` input channels: its groups of 4 for each of a panel's nr output channels.
constexpr std::int64_t int8TapBytes(int channels, int nr) {
  return std::int64_t(channels + 3) / 4 * 4 * nr;
}
template <class P> constexpr std::int64_t convolutionInt8TapBytes(const P &p, int nr) {
  return int8TapBytes(p.filterC, nr);
}
// The steps of an int8 GEMM over a panel: every tap's groups of 4 input channels.
template <class P> constexpr std::int64_t convolutionGroupsOf4(const P &p) {
  return std::int64_t(p.filterH) * p.filterW * ((p.filterC + 3) / 4);
}
template <class P> constexpr std::int64_t convolutionInt8PanelBytes(const P &p, int nr) {
  return std::int64_t(p.filterH) * p.filterW * convolutionInt8TapBytes(p, nr);
}
template <class P> constexpr std::int64_t convolutionInt8PackedBytes(const P &p, int nr) {
  return convolutionPanels(p, nr) * convolutionInt8PanelBytes(p, nr) + (p.filterC + 15) / 16 * 16;
}
// The x86 int8 depthwise kernel's stage table: panels of this many channels (four fields), so that
// a vector of 8 or 16 lanes starts at a whole or half panel.
constexpr int kDepthwiseInt8Panel = 16;
// The output stage's fields: 4, or 5 with the unsigned-input biases.
constexpr int kInt8StageFields = 4, kInt8StageFieldsUnsigned = 5;
template <class P>
constexpr std::int64_t convolutionInt8StageWords(const P &p, int nr,
                                                 int fields = kInt8StageFields) {
  return std::int64_t(convolutionPanels(p, nr)) * fields * nr;
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

// The int8 GEMMs gather each pixel's window into one row where the input has at most this many
// channels and the filter more than one tap: its taps would each fill a group of four channels
// with a few bytes. The weights are then packed as one tap of filterH x filterW x filterC
// channels: the view below, whose zero row also serves the taps.
constexpr int kGatherMaxChannels = 4;
// A tile's windows live on the stack (MR rows of up to this many bytes: 6 KiB for 24 pixels);
// keyword models' first layers reach 80 (micro_speech: 10x8 taps of 1 channel).
constexpr int kGatherMaxWindowBytes = 256;
template <class P> constexpr bool gathersWindows(const P &p) {
  return p.filterC <= kGatherMaxChannels && p.filterH * p.filterW > 1 &&
         p.filterH * p.filterW * p.filterC <= kGatherMaxWindowBytes;
}
template <class P> P gatheredView(P p) {
  p.filterC *= p.filterH * p.filterW;
  p.filterH = p.filterW = 1;
  return p;
}

// The int8 GEMMs' indirection of a block of MR output pixels from m0 (rowsHere of them real, the
// last repeated past them): rows[t][i] as gatherTaps makes it; or, where GatherC > 0, each
// pixel's window copied into its row of `windows` (Taps x GatherC bytes), which the kernel sums
// as one tap (rows is then not made).
template <int MR, int Taps, int GatherC, class P, class Windows>
inline void gatherInt8Block(const P &p, const std::int8_t *image, const std::int8_t *zero, int m0,
                            int rowsHere, const std::int8_t *(&rows)[Taps][MR], Windows &windows) {
  for (int i = 0; i < MR; ++i) {
    const int m = m0 + (i < rowsHere ? i : rowsHere - 1);
    const int oy = m / p.outW, ox = m - oy * p.outW;
    if constexpr (GatherC == 0) {
      gatherTaps<MR, Taps>(p, image, zero, oy, ox, rows, i);
    } else {
      // A window inside the input is filterH runs of the input, one per filter row (dilationW 1):
      // copied a run at a time, with no tap's bounds tested (a first layer's windows nearly all
      // are: the per-tap indirection cost more than the window's dot products).
      const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
      const int rowBytes = p.filterW * GatherC;
      if (p.dilationW == 1 && windowInside(p, y0, x0)) {
        for (int fy = 0; fy < p.filterH; ++fy)
          std::memcpy(&windows[i][fy * rowBytes],
                      image + (std::int64_t(y0 + fy * p.dilationH) * p.inW + x0) * p.inC,
                      std::size_t(rowBytes));
        continue;
      }
      // Else tap by tap, a padded tap reading the zero row.
      gatherTaps<MR, Taps>(p, image, zero, oy, ox, rows, i);
      for (int t = 0; t < Taps; ++t)
        std::memcpy(&windows[i][t * GatherC], rows[t][i], GatherC);
    }
  }
}

// How the int8 output stage shifts: kRightShift where every channel's multiplier has a right
// shift and no left shift (a scale below 1/2, as nearly every layer has), which lets the kernels
// drop the left shift and simplify the rounding.
enum class Requantization { kGeneral, kRightShift };
template <class P> constexpr Requantization requantizationOf(const P &p) {
  for (int oc = 0; oc < (p.perChannel ? p.outC : 1); ++oc)
    if (p.multipliers[oc].shift >= 0)
      return Requantization::kGeneral;
  return Requantization::kRightShift;
}

// Each output channel's bias less 128 x the sum of its weights (wrapped to int32 as the kernels'
// sums wrap), for kernels that add 128 to every input byte; `bias` may be nullptr. filter: OHWI,
// filterH x filterW x filterC weights per output channel.
template <class P>
void unsignedInputBiases(const P &p, const std::int8_t *filter, const std::int32_t *bias,
                         std::int32_t *out) {
  const std::int64_t depth = std::int64_t(p.filterH) * p.filterW * p.filterC;
  for (int oc = 0; oc < p.outC; ++oc) {
    std::uint32_t sum = bias != nullptr ? std::uint32_t(bias[oc]) : 0u;
    for (std::int64_t k = 0; k < depth; ++k)
      sum -= 128u * std::uint32_t(std::int32_t(filter[oc * depth + k]));
    out[oc] = std::int32_t(sum);
  }
}

// `bias`: the folded bias (or the op's, or nullptr for none); `unsignedBias`: the fifth field
// (unsignedInputBiases), or nullptr for the four-field table.
template <class P>
void packConvolutionStageInt8(const P &p, int nr, const std::int32_t *bias, std::int32_t *stage,
                              const std::int32_t *unsignedBias = nullptr) {
  std::int32_t *out = stage;
  const int fields = unsignedBias != nullptr ? kInt8StageFieldsUnsigned : kInt8StageFields;
  for (int panel = 0; panel < convolutionPanels(p, nr); ++panel) {
    for (int field = 0; field < fields; ++field)
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
                 : field == 3 ? -(right > 31 ? 31 : right)
                              : unsignedBias[oc];
      }
  }
}

} // namespace litec::runtime
