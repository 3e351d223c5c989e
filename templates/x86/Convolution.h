#pragma once

// Float CONV_2D and DEPTHWISE_CONV_2D microkernels for x86-64 with AVX2/FMA (or AVX-512F where
// the build has it: Common.h's F32). p: litec/ir/ops/Convolution.h's ConvolutionParams, the same
// struct the generic and NEON kernels read.
//
// convolutionF32<MR, NR, Taps>: CONV_2D (one group, any filter, stride, dilation and padding) as
// an indirect GEMM, as the NEON kernel: for a block of MR output pixels the kernel gathers, for
// every filter tap, the input row each pixel reads (the indirection; a tap in the padding points
// at the zero row after the packed weights), then for each panel of NR output channels keeps an
// MR x NR tile of sums in registers over every tap and input channel. x86 has no FMA by lane, so
// each step broadcasts one input channel of each pixel (MR broadcasts) and multiplies it into
// the panel's NR weights of that channel (NR / kLanes loads), as XNNPACK's x86 GEMMs do. The
// bias, the clamp and the fused epilogue are applied in registers before the store. Weights in
// the panel layout of litec/runtime/ConvolutionLayout.h, repacked at compile time.
//
// depthwiseF32<KH, KW, Gathered>: DEPTHWISE_CONV_2D, kLanes output channels a vector: for each
// output row, four output pixels at a time share each tap's weight vector (one load, four FMAs);
// pixels whose window lies inside the input take constant tap offsets, border pixels test each
// tap. The filter is read in its own 1HWO layout (tap-major, channels contiguous). With a depth
// multiplier M above 1 (Gathered), output channel c reads input channel c / M: the input lanes
// are gathered (vgatherdps) by an index vector computed once per vector of channels.

#include "Common.h"

#include "litec/runtime/ConvolutionLayout.h"
#include "litec/runtime/Parallel.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace litec::x86 {

namespace detail {
template <int N, typename F> LITEC_X86_INLINE void unrolled(F &&f) {
  if constexpr (N > 0) {
    unrolled<N - 1>(f);
    f(std::integral_constant<int, N - 1>{});
  }
}

// body(c, std::true_type) for each whole vector of L channels from c on, then body(c,
// std::false_type) for the partial vector left, if any: the kernel's code for each, its masks made
// once (the channel count is a compile-time constant of the layer: one of the two folds away).
template <int L, class Body> LITEC_X86_INLINE void forEachChannelVector(int channels, Body &&body) {
  int c = 0;
  for (; c + L <= channels; c += L)
    body(c, std::true_type{});
  if (c < channels)
    body(c, std::false_type{});
}

// The output columns whose windows lie inside the input along x: [begin, end).
struct InteriorColumns {
  int begin, end;
};
template <int KW, class P> InteriorColumns interiorColumns(const P &p) {
  int begin = 0, end = p.outW;
  while (begin < p.outW && begin * p.strideW - p.padLeft < 0)
    ++begin;
  while (end > begin && (end - 1) * p.strideW - p.padLeft + (KW - 1) * p.dilationW >= p.inW)
    --end;
  return {begin, end};
}

// The depthwise kernels' walk over one output row: border(ox) for each pixel whose window
// crosses an edge of the input (every pixel when the row's window rows do: !rowInside),
// interior(ox, n) for runs of n neighbouring pixels inside (Pixels at a time, then one), n a
// compile-time constant.
template <int Pixels, class P, class Border, class Interior>
LITEC_X86_INLINE void walkDepthwiseRow(const P &p, bool rowInside, InteriorColumns columns,
                                       Border &&border, Interior &&interior) {
  if (!rowInside) {
    for (int ox = 0; ox < p.outW; ++ox)
      border(ox);
    return;
  }
  // 0 <= begin <= end <= outW always; said again so that the compiler, which cannot see it, knows
  // how far the loops go (else GCC warns that some iteration would step past the arena).
  const int begin = std::clamp(columns.begin, 0, int(p.outW));
  const int end = std::clamp(columns.end, begin, int(p.outW));
  for (int ox = 0; ox < begin; ++ox)
    border(ox);
  int ox = begin;
  for (; ox + Pixels <= end; ox += Pixels)
    interior(ox, std::integral_constant<int, Pixels>{});
  // Fewer than Pixels left: a loop of constant length.
  for (int i = 1; i < Pixels; ++i)
    if (ox < end)
      interior(ox++, std::integral_constant<int, 1>{});
  for (ox = end; ox < p.outW; ++ox)
    border(ox);
}

// The GEMMs' walk over this part's blocks of MR output pixels (of one batch each), once per group
// of PanelGroup panels (once in all for 0): block(b, m0, rowsHere, g0, g1) for the block of batch
// b from pixel m0, rowsHere of its MR pixels real, and the panels [g0, g1).
template <int MR, int PanelGroup, class P, class Block>
LITEC_X86_INLINE void forEachPixelBlock(const P &p, int panels, runtime::Part part, Block &&block) {
  const int pixels = p.outH * p.outW;
  const int blocks = (pixels + MR - 1) / MR, units = runtime::convolutionBlocks(p, MR);
  const int first = part.begin(units), last = part.end(units);
  const int group = PanelGroup > 0 ? PanelGroup : panels;
  for (int g0 = 0; g0 < panels; g0 += group) {
    const int g1 = g0 + group < panels ? g0 + group : panels;
    for (int b = 0; b < p.batches; ++b) {
      const int lo = first - b * blocks > 0 ? first - b * blocks : 0;
      const int hi = last - b * blocks < blocks ? last - b * blocks : blocks;
      for (int m0 = lo * MR; m0 < hi * MR; m0 += MR) {
        // Every block is full when MR divides the pixels (a compile-time fact the part's run-time
        // bounds would otherwise hide): the row clamps and store tests then fold away.
        const int rowsHere = pixels % MR == 0 || pixels - m0 >= MR ? MR : pixels - m0;
        block(b, m0, rowsHere, g0, g1);
      }
    }
  }
}
} // namespace detail

// `extra`: the fused epilogue's operand (the residual, or the PRELU slopes); nullptr for none.
// PanelGroup > 0 (cache blocking, for layers whose packed weights would otherwise come from
// memory for every block of pixels): the panels are taken PanelGroup at a time and every block
// passes through one group before the next, so that a group's weights stay in cache while the
// input is read once per group; 0: every panel per block. The sums are the same either way.
template <int MR, int NR, int Taps, int PanelGroup = 0, class P>
void convolutionF32(const P &p, const float *input, const float *packed, float *output,
                    const float *extra = nullptr, runtime::Part part = {}) {
  // NR need not be a multiple of the build's vector: a source compiled for AVX2's tiles (NR a
  // multiple of 8) also builds for AVX-512, where the panel's last vector is part-used (masked).
  constexpr int L = F32::kLanes;
  constexpr int NV = (NR + L - 1) / L, kLastLanes = NR - (NV - 1) * L;
  const auto loadPanel = [](const float *at, auto j) LITEC_X86_INLINE_LAMBDA {
    if constexpr (decltype(j)::value == NV - 1 && kLastLanes < L)
      return F32::loadUpTo(at + decltype(j)::value * L, kLastLanes);
    else
      return F32::load(at + decltype(j)::value * L);
  };
  // Row taps (runtime::convolutionRowTaps): an image's first layer takes each filter row as one
  // tap of filterW x filterC channels, 5 pointers a pixel instead of 25 for a 5x5 filter.
  const bool rowTaps = runtime::convolutionRowTaps(p);
  const int taps = rowTaps ? p.filterH : Taps;
  const int K = rowTaps ? p.filterW * p.filterC : p.filterC;
  const int pixels = p.outH * p.outW;
  const int panels = runtime::convolutionPanels(p, NR);
  const std::int64_t panelFloats = runtime::convolutionPanelFloats(p, NR);
  const float *zero = packed + panels * panelFloats;
  const bool residual = p.epilogue == int(runtime::ConvolutionEpilogue::kResidual);
  // This part's blocks of MR pixels, for each group of panels.
  detail::forEachPixelBlock<MR, PanelGroup>(
      p, panels, part, [&](int b, int m0, int rowsHere, int g0, int g1) LITEC_X86_INLINE_LAMBDA {
        const float *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
        // rows[t][i]: what tap t of pixel m0 + i reads (the last pixel repeated past the end,
        // computed and not stored).
        const float *rows[Taps][MR];
        // A row-tap pixel's filter rows that cross the left or right edge, copied with zeros.
        float segments[MR][Taps * 3];
        for (int i = 0; i < MR; ++i) {
          const int m = m0 + (i < rowsHere ? i : rowsHere - 1);
          const int oy = m / p.outW, ox = m - oy * p.outW;
          if (rowTaps)
            runtime::gatherRowTaps<MR, Taps>(p, image, zero, oy, ox, rows, i, segments[i]);
          else
            runtime::gatherTaps<MR, Taps>(p, image, zero, oy, ox, rows, i);
        }
        for (int panel = g0; panel < g1; ++panel) {
          const float *w = packed + panel * panelFloats;
          // The bias is added after the sums, as the reference adds it: the same rounding.
          const float *bias = w;
          w += NR;
          F32::V acc[MR][NV];
          detail::unrolled<MR>(
              [&](auto i) { detail::unrolled<NV>([&](auto j) { acc[i][j] = F32::zero(); }); });
          for (int t = 0; t < taps; ++t) {
            const float *a[MR];
            detail::unrolled<MR>([&](auto i) { a[i] = rows[t][i]; });
            for (int k = 0; k < K; ++k, w += NR) {
              F32::V wv[NV];
              detail::unrolled<NV>([&](auto j) { wv[j] = loadPanel(w, j); });
              detail::unrolled<MR>([&](auto i) {
                const F32::V x = F32::broadcast(a[i][k]);
                detail::unrolled<NV>([&](auto j) { acc[i][j] = F32::fma(x, wv[j], acc[i][j]); });
              });
            }
          }
          const int oc0 = panel * NR;
          // Whole panels when NR divides the channels (the layer's constant): stores unmasked.
          const int channels = p.outC % NR == 0 || p.outC - oc0 >= NR ? NR : p.outC - oc0;
          detail::unrolled<MR>([&](auto i) LITEC_X86_INLINE_LAMBDA {
            if (i >= rowsHere)
              return;
            const std::int64_t pixel = std::int64_t(b) * pixels + m0 + i;
            float *out = output + pixel * p.outPixelStride + oc0;
            const float *operand = residual ? extra + pixel * p.epilogueChannels : extra;
            detail::unrolled<NV>([&](auto j) {
              constexpr int c = decltype(j)::value * L;
              F32::V v = clampToRange(F32::add(acc[i][j], loadPanel(bias, j)), p.floatRange);
              if (p.epilogue != int(runtime::ConvolutionEpilogue::kNone))
                v = epilogueLanes(p, v, operand, oc0 + c);
              F32::storeUpTo(out + c, v, channels - c);
            });
          });
        }
      });
}

namespace detail {
// The depthwise kernel's lanes of output channels c..c + kLanes: the input lanes of a pixel
// whose input channels start at `in`, and the channels' own weights, bias and output (Full: all
// kLanes of them; else those of `mask`).
template <bool Full, bool Gathered> struct FloatChannelLanes {
  int c, count;
  F32::Mask mask;
  std::int32_t index[Gathered ? F32::kLanes : 1];
  template <class P>
  LITEC_X86_INLINE FloatChannelLanes(const P &p, int first)
      : c(first), count(p.outC - first), mask(F32::maskOf(count)) {
    if constexpr (Gathered)
      for (int j = 0; j < F32::kLanes; ++j)
        index[j] = (first + j) / p.depthMultiplier;
  }
  LITEC_X86_INLINE F32::V load(const float *in) const {
    if constexpr (Gathered)
      return Full ? F32::gatherUpTo(in, index, F32::kLanes) : F32::gatherMasked(in, index, mask);
    else
      return Full ? F32::load(in + c) : F32::loadMasked(in + c, mask);
  }
  LITEC_X86_INLINE F32::V loadOwn(const float *at) const {
    return Full ? F32::load(at + c) : F32::loadMasked(at + c, mask);
  }
  LITEC_X86_INLINE void store(float *at, F32::V v) const {
    if constexpr (Full)
      F32::store(at + c, v);
    else
      F32::storePartial(at + c, v, mask, count);
  }
};
} // namespace detail

// DEPTHWISE_CONV_2D: each output row walked once per vector of channels, 4 output pixels a step
// in the interior, one at a time where a window crosses the border. `bias` may be nullptr;
// `extra` as for convolutionF32. Gathered: the depth multiplier is above 1 (with 1 the kernel
// gathers too, only slower).
template <int KH, int KW, bool Gathered = false, class P>
void depthwiseF32(const P &p, const float *input, const float *filter, const float *bias,
                  float *output, const float *extra = nullptr, runtime::Part part = {}) {
  constexpr int L = F32::kLanes;
  constexpr int kPixels = 4; // output pixels a step
  const int C = p.outC;
  const bool residual = p.epilogue == int(runtime::ConvolutionEpilogue::kResidual);
  const int rows = runtime::depthwiseRows(p);
  const int first = part.begin(rows), last = part.end(rows);
  const detail::InteriorColumns columns = detail::interiorColumns<KW>(p);
  for (int row = first; row < last; ++row) {
    const int b = row / p.outH, oy = row - b * p.outH;
    const float *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
    const int y0 = oy * p.strideH - p.padTop;
    const bool rowInside = y0 >= 0 && y0 + (KH - 1) * p.dilationH < p.inH;
    const std::int64_t outRow = std::int64_t(row) * p.outW;
    // A vector of channels at a time along the whole row: its bias and KH x KW weight vectors
    // are loaded once per row and stay in registers (AVX-512) across its pixels.
    detail::forEachChannelVector<L>(C, [&](int c, auto full) LITEC_X86_INLINE_LAMBDA {
      const detail::FloatChannelLanes<decltype(full)::value, Gathered> lanes(p, c);
      const F32::V biasV = bias != nullptr ? lanes.loadOwn(bias) : F32::zero();
      F32::V weights[KH * KW];
      detail::unrolled<KH * KW>([&](auto tap) {
        weights[tap] = lanes.loadOwn(filter + std::int64_t(decltype(tap)::value) * C);
      });
      // The output of the pixel at ox from its sums.
      const auto store = [&](int ox, F32::V acc) LITEC_X86_INLINE_LAMBDA {
        const std::int64_t pixel = outRow + ox;
        F32::V v = clampToRange(F32::add(acc, biasV), p.floatRange);
        if (p.epilogue != int(runtime::ConvolutionEpilogue::kNone))
          v = epilogueLanes(p, v, residual ? extra + pixel * p.epilogueChannels : extra, c);
        lanes.store(output + pixel * p.outPixelStride, v);
      };
      // Pixels one at a time, each tap tested: the border. (Inlined like the rest: a call would
      // take the row's weights by address and keep them out of registers.)
      const auto border = [&](int ox) LITEC_X86_INLINE_LAMBDA {
        const int x0 = ox * p.strideW - p.padLeft;
        F32::V acc = F32::zero();
        detail::unrolled<KH * KW>([&](auto tap) LITEC_X86_INLINE_LAMBDA {
          constexpr int fy = decltype(tap)::value / KW, fx = decltype(tap)::value % KW;
          const int iy = y0 + fy * p.dilationH, ix = x0 + fx * p.dilationW;
          if (iy >= 0 && iy < p.inH && ix >= 0 && ix < p.inW)
            acc = F32::fma(lanes.load(image + (std::int64_t(iy) * p.inW + ix) * p.inC),
                           weights[tap], acc);
        });
        store(ox, acc);
      };
      // Interior: kPixels pixels a step, then one at a time; every tap at a constant offset.
      const auto interior = [&](int ox, auto pixelsConstant) LITEC_X86_INLINE_LAMBDA {
        constexpr int n = decltype(pixelsConstant)::value;
        const float *origin =
            image + (std::int64_t(y0) * p.inW + ox * p.strideW - p.padLeft) * p.inC;
        const std::int64_t pixelStep = std::int64_t(p.strideW) * p.inC;
        F32::V acc[n];
        detail::unrolled<n>([&](auto i) LITEC_X86_INLINE_LAMBDA { acc[i] = F32::zero(); });
        detail::unrolled<KH * KW>([&](auto tap) LITEC_X86_INLINE_LAMBDA {
          constexpr int fy = decltype(tap)::value / KW, fx = decltype(tap)::value % KW;
          const float *in =
              origin + (std::int64_t(fy) * p.dilationH * p.inW + fx * p.dilationW) * p.inC;
          detail::unrolled<n>([&](auto i) LITEC_X86_INLINE_LAMBDA {
            acc[i] = F32::fma(lanes.load(in + i * pixelStep), weights[tap], acc[i]);
          });
        });
        detail::unrolled<n>([&](auto i) LITEC_X86_INLINE_LAMBDA { store(ox + i, acc[i]); });
      };
      detail::walkDepthwiseRow<kPixels>(p, rowInside, columns, border, interior);
    });
  }
}

namespace detail {
// Four bytes at p as one int32 word (memcpy: int8 data read without breaking the aliasing
// rules; the compiler makes it one load), or the first `count` (1..3) of them, zeros after.
LITEC_X86_INLINE std::int32_t loadWord(const std::int8_t *p) {
  std::int32_t word;
  std::memcpy(&word, p, 4);
  return word;
}
LITEC_X86_INLINE std::int32_t loadPartialWord(const std::int8_t *p, int count) {
  std::uint32_t word = 0;
  for (int c = 0; c < count; ++c)
    word |= std::uint32_t(std::uint8_t(p[c])) << (8 * c);
  return std::int32_t(word);
}

// The int8 output stage of NV vectors of channels from their stage table panel of nr channels
// (litec/runtime/ConvolutionInt8Layout.h: biases, multipliers, left shifts, negated right
// shifts): requantised, offset and clamped in 32 bits as the reference computes them; then the
// fused residual ADD, if any.
template <int NV, runtime::Requantization R> struct OutputStageInt8 {
  using Requantize = std::conditional_t<R == runtime::Requantization::kRightShift,
                                        RightShiftRequantizer, Requantizer<R>>;
  Requantize requantize[NV];
  I32::V zeroPoint, low, high;
  template <class P>
  LITEC_X86_INLINE OutputStageInt8(const P &p, const std::int32_t *s, int nr)
      : zeroPoint(I32::broadcast(p.outputOffset)), low(I32::broadcast(p.outputRange.min)),
        high(I32::broadcast(p.outputRange.max)) {
    unrolled<NV>([&](auto j) LITEC_X86_INLINE_LAMBDA {
      constexpr int c = decltype(j)::value * I32::kLanes;
      requantize[j] = Requantize(I32::load(s + nr + c), I32::load(s + 2 * nr + c),
                                 I32::sub(I32::zero(), I32::load(s + 3 * nr + c)));
    });
  }
  // Vector j's sums (the bias in them) as output lanes; `residual`: the residual ADD's operand
  // at these channels (`count` of them real), or nullptr.
  LITEC_X86_INLINE I32::V operator()(I32::V sum, int j, const QuantizedAddLanes &add,
                                     const std::int8_t *residual, int count) const {
    const I32::V v = I32::min(I32::max(I32::add(requantize[j](sum), zeroPoint), low), high);
    if (residual == nullptr)
      return v;
    return add(v, I32::widenUpTo(residual, count));
  }
};
} // namespace detail

// int8 CONV_2D (one group, symmetric int8 weights, int32 bias; the input zero point folded into
// the bias as the prepared `folded` form has it, padding reading the zero point) as the float
// kernel's indirect GEMM: MR x NR tiles of int32 sums in registers (wrapping modulo 2^32 as the
// reference's do), each step a broadcast word of four input channels per pixel and the panel's
// weight vectors for those channels, summed by VPDPBUSD where the build has VNNI (the input made
// unsigned, the table's unsigned-input biases starting the sums) or else by VPMADDWD on
// sign-extended bytes (I32::dot); then TFLite's output stage per channel (requantised, output
// zero point, activation bounds, the fused residual ADD), narrowed and stored. Bit-exact with the
// reference kernel. Weights and the five-field stage table in the layouts of
// litec/runtime/ConvolutionInt8Layout.h, NR a multiple of 16 so that a panel is whole vectors in
// every build. `extra`: the residual ADD's other operand, nullptr for none.
// GatherC > 0 (the input's channel count, 1..4: first layers on RGB or grey images): each
// pixel's window is first gathered into a row of Taps x GatherC bytes and summed as one tap of
// that many channels (weights packed so: runtime::gatheredView). PanelGroup: as for
// convolutionF32.
template <int MR, int NR, int Taps, runtime::Requantization R = runtime::Requantization::kGeneral,
          int GatherC = 0, int PanelGroup = 0, class P>
void convolutionInt8(const P &p, const std::int8_t *input, const std::int8_t *packed,
                     const std::int32_t *stage, std::int8_t *output,
                     const std::int8_t *extra = nullptr, runtime::Part part = {}) {
  constexpr int L = I32::kLanes;
  static_assert(NR % 16 == 0, "panels of 16 channels or multiples: whole vectors in every build");
  static_assert(GatherC >= 0 && GatherC <= runtime::kGatherMaxChannels, "1 to 4 channels");
  constexpr int NV = NR / L;
  constexpr int windowBytes = Taps * GatherC;
  constexpr int windowRow = (windowBytes + 15) / 16 * 16;
  constexpr int sumTaps = GatherC > 0 ? 1 : Taps;
  const int K = GatherC > 0 ? windowBytes : p.filterC;
  // The groups of four channels as a count the compiler cannot see (opaque: why).
  const int groups = opaque(K / 4), rest = K % 4;
  const int pixels = p.outH * p.outW;
  const int panels = runtime::convolutionPanels(p, NR);
  const std::int64_t tapBytes = runtime::int8TapBytes(K, NR);
  const std::int64_t panelBytes = sumTaps * tapBytes;
  const std::int8_t *zero = packed + panels * panelBytes;
  const QuantizedAddLanes residualAdd(p.epilogueAdd);
  // The gathered windows, one row per pixel of the tile (the bytes past a window stay zero).
  std::int8_t windows[GatherC > 0 ? MR : 1][GatherC > 0 ? windowRow : 1] = {};
  // This part's blocks of MR pixels, for each group of panels.
  detail::forEachPixelBlock<MR, PanelGroup>(
      p, panels, part, [&](int b, int m0, int rowsHere, int g0, int g1) LITEC_X86_INLINE_LAMBDA {
        const std::int8_t *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
        const std::int8_t *rows[Taps][MR];
        runtime::gatherInt8Block<MR, Taps, GatherC>(p, image, zero, m0, rowsHere, rows, windows);
        for (int panel = g0; panel < g1; ++panel) {
          const std::int32_t *s =
              stage + std::int64_t(panel) * runtime::kInt8StageFieldsUnsigned * NR;
          // The sums start at the bias (less the unsigned inputs' excess with VNNI), as the
          // reference adds the bias before requantising.
          const std::int32_t *start = s + (LITEC_X86_VNNI ? 4 * NR : 0);
          I32::V acc[MR][NV];
          detail::unrolled<MR>([&](auto i) LITEC_X86_INLINE_LAMBDA {
            detail::unrolled<NV>(
                [&](auto j) LITEC_X86_INLINE_LAMBDA { acc[i][j] = I32::load(start + j * L); });
          });
          const std::int8_t *w = packed + panel * panelBytes;
          // One group of four input channels at byte k of every pixel's row.
          const auto step = [&](const std::int8_t *const(&a)[MR], int k,
                                int count) LITEC_X86_INLINE_LAMBDA {
            I32::Operand wv[NV];
            detail::unrolled<NV>([&](auto j) LITEC_X86_INLINE_LAMBDA {
              wv[j] = I32::weights(I32::loadBytes(w + j * 4 * L));
            });
            detail::unrolled<MR>([&](auto i) LITEC_X86_INLINE_LAMBDA {
              const I32::Operand x =
                  I32::input(I32::broadcast(count == 4 ? detail::loadWord(a[i] + k)
                                                       : detail::loadPartialWord(a[i] + k, count)));
              detail::unrolled<NV>([&](auto j) LITEC_X86_INLINE_LAMBDA {
                acc[i][j] = I32::dot(acc[i][j], x, wv[j]);
              });
            });
            w += 4 * NR;
          };
          for (int t = 0; t < sumTaps; ++t) {
            const std::int8_t *a[MR];
            detail::unrolled<MR>([&](auto i) LITEC_X86_INLINE_LAMBDA {
              if constexpr (GatherC > 0)
                a[i] = windows[i];
              else
                a[i] = rows[t][i];
            });
            for (int g = 0; g < groups; ++g)
              step(a, 4 * g, 4);
            // The last channels short of a group: the bytes past them are not read (they may lie
            // past the input); their weights are zeros.
            if (rest != 0)
              step(a, 4 * groups, rest);
          }
          const detail::OutputStageInt8<NV, R> outputStage(p, s, NR);
          const int oc0 = panel * NR;
          // Whole panels when NR divides the channels (the layer's constant): stores unmasked.
          const int channels = p.outC % NR == 0 || p.outC - oc0 >= NR ? NR : p.outC - oc0;
          detail::unrolled<MR>([&](auto i) LITEC_X86_INLINE_LAMBDA {
            if (i >= rowsHere)
              return;
            const std::int64_t pixel = std::int64_t(b) * pixels + m0 + i;
            std::int8_t *out = output + pixel * p.outPixelStride + oc0;
            const std::int8_t *residual =
                extra != nullptr ? extra + pixel * p.epilogueChannels + oc0 : nullptr;
            detail::unrolled<NV>([&](auto j) LITEC_X86_INLINE_LAMBDA {
              constexpr int c = decltype(j)::value * L;
              if (c >= channels)
                return;
              I32::storeBytes(out + c,
                              outputStage(acc[i][j], j, residualAdd,
                                          residual != nullptr ? residual + c : nullptr,
                                          channels - c),
                              channels - c);
            });
          });
        }
      });
}

namespace detail {
// The int8 depthwise kernel's lanes of output channels c..c + kLanes: the input lanes of a pixel
// whose channels start at `in` (Full: all kLanes of them; else those of `mask`): in place, or
// (Gathered) the input channels they read (c / M on) widened and moved to their lanes by one
// permutation, its index vector made once per vector of channels.
template <bool Full, bool Gathered> struct Int8ChannelLanes {
  int c, first = 0, span = 0;
  I32::Mask mask, spanMask;
  I32::V index = I32::zero();
  template <class P>
  LITEC_X86_INLINE Int8ChannelLanes(const P &p, int c0)
      : c(c0), mask(I32::maskOf(p.outC - c0)), spanMask(mask) {
    if constexpr (Gathered) {
      const int last = (c0 + I32::kLanes < p.outC ? c0 + I32::kLanes : p.outC) - 1;
      first = c0 / p.depthMultiplier;
      span = last / p.depthMultiplier - first + 1;
      spanMask = I32::maskOf(span);
      std::int32_t lanes[I32::kLanes];
      for (int j = 0; j < I32::kLanes; ++j)
        lanes[j] = (c0 + j < last ? c0 + j : last) / p.depthMultiplier - first;
      index = I32::load(lanes);
    }
  }
  LITEC_X86_INLINE I32::V load(const std::int8_t *in) const {
    if constexpr (Gathered) {
      if (span == 1) // every lane reads one input channel (depth multiplier >= the lanes)
        return I32::broadcast(in[first]);
      return I32::permute(I32::widenMasked(in + first, spanMask), index);
    } else
      return loadOwn(in);
  }
  LITEC_X86_INLINE I32::V loadOwn(const std::int8_t *at) const {
    return Full ? I32::widen(at + c) : I32::widenMasked(at + c, mask);
  }
  LITEC_X86_INLINE void store(std::int8_t *at, I32::V v) const {
    I32::storeBytesMasked(at + c, v, Full ? I32::maskOf(I32::kLanes) : mask);
  }
};
} // namespace detail

// int8 DEPTHWISE_CONV_2D (symmetric int8 weights read in place in their 1HWO layout, the input
// zero point folded into the bias, a stage table of panels of 16 channels in the four-field
// layout of litec/runtime/ConvolutionInt8Layout.h): the float kernel's walk of each output row
// once per vector of I32 channels (its weights, bias and output stage set up once per row), 4
// output pixels a step, inputs and weights widened to 32 bits and multiplied (VPMULLD), a tap in
// the padding reading the zero point as the folded sum needs; TFLite's output stage; bit-exact with
// the reference kernel. Gathered: a depth multiplier above 1 (the input channels a vector reads,
// widened and permuted into its lanes). `extra`: the residual ADD's other operand, nullptr for
// none.
using runtime::kDepthwiseInt8Panel;
template <int KH, int KW, runtime::Requantization R = runtime::Requantization::kGeneral,
          bool Gathered = false, class P>
void depthwiseInt8(const P &p, const std::int8_t *input, const std::int8_t *filter,
                   const std::int32_t *stage, std::int8_t *output,
                   const std::int8_t *extra = nullptr, runtime::Part part = {}) {
  constexpr int L = I32::kLanes;
  constexpr int kPixels = 4;
  const int C = p.outC;
  const QuantizedAddLanes residualAdd(p.epilogueAdd);
  const I32::V padding = I32::broadcast(p.padValue);
  const int rows = runtime::depthwiseRows(p);
  const int first = part.begin(rows), last = part.end(rows);
  const detail::InteriorColumns columns = detail::interiorColumns<KW>(p);
  for (int row = first; row < last; ++row) {
    const int b = row / p.outH, oy = row - b * p.outH;
    const std::int8_t *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
    const int y0 = oy * p.strideH - p.padTop;
    const bool rowInside = y0 >= 0 && y0 + (KH - 1) * p.dilationH < p.inH;
    const std::int64_t outRow = std::int64_t(row) * p.outW;
    // A vector of channels at a time along the whole row: its bias, output stage and KH x KW
    // weight vectors are set up once per row and stay in registers (AVX-512) across its pixels.
    detail::forEachChannelVector<L>(C, [&](int c, auto full) LITEC_X86_INLINE_LAMBDA {
      const std::int32_t *s =
          stage +
          std::int64_t(c / kDepthwiseInt8Panel) * runtime::kInt8StageFields * kDepthwiseInt8Panel +
          c % kDepthwiseInt8Panel;
      const I32::V bias = I32::load(s);
      const detail::OutputStageInt8<1, R> outputStage(p, s, kDepthwiseInt8Panel);
      const detail::Int8ChannelLanes<decltype(full)::value, Gathered> lanes(p, c);
      I32::V weights[KH * KW];
      detail::unrolled<KH * KW>([&](auto tap) LITEC_X86_INLINE_LAMBDA {
        weights[tap] = lanes.loadOwn(filter + std::int64_t(decltype(tap)::value) * C);
      });
      const auto store = [&](int ox, I32::V acc) LITEC_X86_INLINE_LAMBDA {
        const std::int64_t pixel = outRow + ox;
        const std::int8_t *residual =
            extra != nullptr ? extra + pixel * p.epilogueChannels + c : nullptr;
        lanes.store(output + pixel * p.outPixelStride,
                    outputStage(acc, 0, residualAdd, residual, C - c));
      };
      // Inlined like the rest: a call would take the row's lanes and weights by address and keep
      // them out of registers.
      const auto border = [&](int ox) LITEC_X86_INLINE_LAMBDA {
        const int x0 = ox * p.strideW - p.padLeft;
        I32::V acc = bias;
        detail::unrolled<KH * KW>([&](auto tap) LITEC_X86_INLINE_LAMBDA {
          constexpr int fy = decltype(tap)::value / KW, fx = decltype(tap)::value % KW;
          const int iy = y0 + fy * p.dilationH, ix = x0 + fx * p.dilationW;
          const bool inside = iy >= 0 && iy < p.inH && ix >= 0 && ix < p.inW;
          const I32::V x =
              inside ? lanes.load(image + (std::int64_t(iy) * p.inW + ix) * p.inC) : padding;
          acc = I32::add(acc, I32::mullo(x, weights[tap]));
        });
        store(ox, acc);
      };
      // Interior: kPixels pixels a step, then one at a time; every tap at a constant offset.
      const auto interior = [&](int ox, auto pixelsConstant) LITEC_X86_INLINE_LAMBDA {
        constexpr int n = decltype(pixelsConstant)::value;
        const std::int8_t *origin =
            image + (std::int64_t(y0) * p.inW + ox * p.strideW - p.padLeft) * p.inC;
        const std::int64_t pixelStep = std::int64_t(p.strideW) * p.inC;
        I32::V acc[n];
        detail::unrolled<n>([&](auto i) LITEC_X86_INLINE_LAMBDA { acc[i] = bias; });
        detail::unrolled<KH * KW>([&](auto tap) LITEC_X86_INLINE_LAMBDA {
          constexpr int fy = decltype(tap)::value / KW, fx = decltype(tap)::value % KW;
          const std::int8_t *in =
              origin + (std::int64_t(fy) * p.dilationH * p.inW + fx * p.dilationW) * p.inC;
          detail::unrolled<n>([&](auto i) LITEC_X86_INLINE_LAMBDA {
            acc[i] = I32::add(acc[i], I32::mullo(lanes.load(in + i * pixelStep), weights[tap]));
          });
        });
        detail::unrolled<n>([&](auto i) LITEC_X86_INLINE_LAMBDA { store(ox + i, acc[i]); });
      };
      detail::walkDepthwiseRow<kPixels>(p, rowInside, columns, border, interior);
    });
  }
}

} // namespace litec::x86
