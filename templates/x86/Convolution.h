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

#include <type_traits>

namespace litec::x86 {

namespace detail {
template <int N, typename F> LITEC_X86_INLINE void unrolled(F &&f) {
  if constexpr (N > 0) {
    unrolled<N - 1>(f);
    f(std::integral_constant<int, N - 1>{});
  }
}
} // namespace detail

// `extra`: the fused epilogue's operand (the residual, or the PRELU slopes); nullptr for none.
template <int MR, int NR, int Taps, class P>
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
  const int K = p.filterC;
  const int pixels = p.outH * p.outW;
  const int panels = runtime::convolutionPanels(p, NR);
  const std::int64_t panelFloats = runtime::convolutionPanelFloats(p, NR);
  const float *zero = packed + panels * panelFloats;
  const bool residual = p.epilogue == int(runtime::ConvolutionEpilogue::kResidual);
  // This part's blocks of MR pixels (of one batch each).
  const int blocks = (pixels + MR - 1) / MR, units = runtime::convolutionBlocks(p, MR);
  const int first = part.begin(units), last = part.end(units);
  for (int b = 0; b < p.batches; ++b) {
    const float *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
    const int lo = first - b * blocks > 0 ? first - b * blocks : 0;
    const int hi = last - b * blocks < blocks ? last - b * blocks : blocks;
    for (int m0 = lo * MR; m0 < hi * MR; m0 += MR) {
      // Every block is full when MR divides the pixels (a compile-time fact the part's run-time
      // bounds would otherwise hide): the row clamps and store tests then fold away.
      const int rowsHere = pixels % MR == 0 || pixels - m0 >= MR ? MR : pixels - m0;
      // rows[t][i]: what tap t of pixel m0 + i reads (the last pixel repeated past the end,
      // computed and not stored).
      const float *rows[Taps][MR];
      for (int i = 0; i < MR; ++i) {
        const int m = m0 + (i < rowsHere ? i : rowsHere - 1);
        const int oy = m / p.outW, ox = m - oy * p.outW;
        runtime::gatherTaps<MR, Taps>(p, image, zero, oy, ox, rows, i);
      }
      for (int panel = 0; panel < panels; ++panel) {
        const float *w = packed + panel * panelFloats;
        // The bias is added after the sums, as the reference adds it: the same rounding.
        const float *bias = w;
        w += NR;
        F32::V acc[MR][NV];
        detail::unrolled<MR>(
            [&](auto i) { detail::unrolled<NV>([&](auto j) { acc[i][j] = F32::zero(); }); });
        for (int t = 0; t < Taps; ++t) {
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
        const int channels = p.outC - oc0 < NR ? p.outC - oc0 : NR;
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
    }
  }
}

// `bias` may be nullptr; `extra` as for convolutionF32. Gathered: the depth multiplier is above 1
// (with 1 the kernel gathers too, only slower).
template <int KH, int KW, bool Gathered = false, class P>
void depthwiseF32(const P &p, const float *input, const float *filter, const float *bias,
                  float *output, const float *extra = nullptr, runtime::Part part = {}) {
  constexpr int L = F32::kLanes;
  constexpr int kPixels = 4; // output pixels sharing each weight load
  const int C = p.outC;
  const bool residual = p.epilogue == int(runtime::ConvolutionEpilogue::kResidual);
  // The input lanes of output channels c..c + L of a pixel whose input channels start at `in`.
  struct InputLanes {
    int c;
    std::int32_t index[Gathered ? L : 1];
    LITEC_X86_INLINE InputLanes(const P &p, int first) : c(first) {
      if constexpr (Gathered)
        for (int j = 0; j < L; ++j)
          index[j] = (first + j) / p.depthMultiplier;
    }
    LITEC_X86_INLINE F32::V load(const float *in, int count) const {
      if constexpr (Gathered)
        return F32::gatherUpTo(in, index, count);
      else
        return F32::loadUpTo(in + c, count);
    }
    LITEC_X86_INLINE F32::V loadFull(const float *in) const {
      if constexpr (Gathered)
        return F32::gatherUpTo(in, index, L);
      else
        return F32::load(in + c);
    }
  };
  const int rows = runtime::depthwiseRows(p);
  const int first = part.begin(rows), last = part.end(rows);
  // Output columns whose windows lie inside the input along x: [xBegin, xEnd).
  int xBegin = 0, xEnd = p.outW;
  while (xBegin < p.outW && xBegin * p.strideW - p.padLeft < 0)
    ++xBegin;
  while (xEnd > xBegin && (xEnd - 1) * p.strideW - p.padLeft + (KW - 1) * p.dilationW >= p.inW)
    --xEnd;
  for (int row = first; row < last; ++row) {
    const int b = row / p.outH, oy = row - b * p.outH;
    const float *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
    const int y0 = oy * p.strideH - p.padTop;
    const bool rowInside = y0 >= 0 && y0 + (KH - 1) * p.dilationH < p.inH;
    const std::int64_t outRow = std::int64_t(row) * p.outW;
    // The output of `count` pixels from ox on, channels c..c + L, from their sums.
    const auto store = [&](int ox, int count, int c, const F32::V *acc) LITEC_X86_INLINE_LAMBDA {
      const F32::V biasV = bias != nullptr ? F32::loadUpTo(bias + c, C - c) : F32::zero();
      for (int i = 0; i < count; ++i) {
        const std::int64_t pixel = outRow + ox + i;
        F32::V v = clampToRange(F32::add(acc[i], biasV), p.floatRange);
        if (p.epilogue != int(runtime::ConvolutionEpilogue::kNone))
          v = epilogueLanes(p, v, residual ? extra + pixel * p.epilogueChannels : extra, c);
        F32::storeUpTo(output + pixel * p.outPixelStride + c, v, C - c);
      }
    };
    // Pixels one at a time, each tap tested: the border.
    const auto border = [&](int ox) {
      const int x0 = ox * p.strideW - p.padLeft;
      for (int c = 0; c < C; c += L) {
        const InputLanes lanes(p, c);
        F32::V acc[1] = {F32::zero()};
        for (int fy = 0; fy < KH; ++fy) {
          const int iy = y0 + fy * p.dilationH;
          if (iy < 0 || iy >= p.inH)
            continue;
          for (int fx = 0; fx < KW; ++fx) {
            const int ix = x0 + fx * p.dilationW;
            if (ix < 0 || ix >= p.inW)
              continue;
            const float *in = image + (std::int64_t(iy) * p.inW + ix) * p.inC;
            const float *w = filter + std::int64_t(fy * KW + fx) * C + c;
            acc[0] = F32::fma(lanes.load(in, C - c), F32::loadUpTo(w, C - c), acc[0]);
          }
        }
        store(ox, 1, c, acc);
      }
    };
    if (!rowInside) {
      for (int ox = 0; ox < p.outW; ++ox)
        border(ox);
      continue;
    }
    for (int ox = 0; ox < xBegin; ++ox)
      border(ox);
    // Interior: kPixels pixels a step, then one at a time; every tap at a constant offset.
    int ox = xBegin;
    const auto interior = [&](auto pixelsConstant) LITEC_X86_INLINE_LAMBDA {
      constexpr int n = decltype(pixelsConstant)::value;
      const float *origin = image + (std::int64_t(y0) * p.inW + ox * p.strideW - p.padLeft) * p.inC;
      const std::int64_t pixelStep = std::int64_t(p.strideW) * p.inC;
      for (int c = 0; c < C; c += L) {
        const bool full = C - c >= L;
        const InputLanes lanes(p, c);
        F32::V acc[n];
        detail::unrolled<n>([&](auto i) { acc[i] = F32::zero(); });
        detail::unrolled<KH * KW>([&](auto tap) {
          constexpr int fy = decltype(tap)::value / KW, fx = decltype(tap)::value % KW;
          const float *w = filter + std::int64_t(fy * KW + fx) * C + c;
          const F32::V wv = full ? F32::load(w) : F32::loadUpTo(w, C - c);
          const float *in =
              origin + (std::int64_t(fy) * p.dilationH * p.inW + fx * p.dilationW) * p.inC;
          detail::unrolled<n>([&](auto i) {
            const float *at = in + i * pixelStep;
            acc[i] = F32::fma(full ? lanes.loadFull(at) : lanes.load(at, C - c), wv, acc[i]);
          });
        });
        store(ox, n, c, acc);
      }
    };
    for (; ox + kPixels <= xEnd; ox += kPixels)
      interior(std::integral_constant<int, kPixels>{});
    for (; ox < xEnd; ++ox)
      interior(std::integral_constant<int, 1>{});
    for (ox = xEnd > xBegin ? xEnd : xBegin; ox < p.outW; ++ox)
      border(ox);
  }
}

} // namespace litec::x86
