#pragma once

// Float CONV_2D and DEPTHWISE_CONV_2D microkernels for NEON. p: litec/ir/ops/Convolution.h's
// ConvolutionParams (geometry, strides, dilations, padTop, padLeft, floatRange, the fused
// epilogue, outPixelStride), the same struct the generic kernels read.
//
// convolutionF32<MR, NR, Taps>: CONV_2D (one group, any filter, stride, dilation and padding) as
// an indirect GEMM. For a block of MR output pixels the kernel first gathers, for every filter
// tap, the MR input rows that tap reads (a pointer per pixel and tap: the indirection; a tap in
// the padding points at the zero row at the end of the packed weights); then for each panel of
// NR output channels it keeps an MR x NR tile of sums in registers over every tap and input
// channel, four channels at a time with FMAs by lane (each weight vector loaded once serves MR
// pixels, each input vector NR channels), and stores the tile after the bias, the clamp and the
// fused epilogue. No im2col copy: a 1x1 stride-1 convolution reads the input rows in place.
// The gathering costs MR x Taps pointers per block, shared by all the panels. The weights are
// in the panel layout of ConvolutionPacking.h, repacked at compile time.
//
// depthwiseF32<KH, KW, CT> and depthwiseInt8<KH, KW>: DEPTHWISE_CONV_2D (any depth multiplier:
// above 1 the input lanes are gathered), channel-tiled: for each output row and each tile of CT
// channels (8 for int8, widened to 16 bits) the KH x KW window's weights are loaded into registers
// once, then every output pixel of the row is one FMA (two SMLAL) per tap and vector; pixels whose
// window lies inside the input take constant tap offsets (four at a time at strides 1 and 2,
// sharing the input columns their windows overlap on), border pixels test each tap. The filter is
// read in its own 1HWO layout (already the kernel's: tap-major, channels contiguous).

#include "Binary.h"
#include "Common.h"
#include "ConvolutionPacking.h"

#include "litec/runtime/Parallel.h"

#include <cstring>
#include <type_traits>

namespace litec::neon {

namespace detail {
template <int N, typename F> LITEC_NEON_INLINE void unrolled(F &&f) {
  if constexpr (N > 0) {
    unrolled<N - 1>(f);
    f(std::integral_constant<int, N - 1>{});
  }
}
using runtime::gatherTaps;
} // namespace detail

// `extra`: the fused epilogue's operand (the residual, or the PRELU slopes); nullptr for none.
template <int MR, int NR, int Taps, class P>
void convolutionF32(const P &p, const float *input, const float *packed, float *output,
                    const float *extra = nullptr, runtime::Part part = {}) {
  static_assert(NR % 4 == 0, "NR is a multiple of the vector width");
  constexpr int NV = NR / 4;
  // Row taps (runtime::convolutionRowTaps): an image's first layer takes each filter row as one
  // tap of filterW x filterC channels.
  const bool rowTaps = runtime::convolutionRowTaps(p);
  const int taps = rowTaps ? p.filterH : Taps;
  const int K = rowTaps ? p.filterW * p.filterC : p.filterC;
  const int pixels = p.outH * p.outW;
  const int panels = convolutionPanels(p, NR);
  const std::int64_t panelFloats = convolutionPanelFloats(p, NR);
  const float *zero = packed + panels * panelFloats;
  const bool residual = p.epilogue == int(runtime::ConvolutionEpilogue::kResidual);
  // This part's blocks of MR pixels (of one batch each).
  const int blocks = (pixels + MR - 1) / MR, units = convolutionBlocks(p, MR);
  const int first = part.begin(units), last = part.end(units);
  // Batch by batch: with one batch (a compile-time constant) b folds to 0.
  for (int b = 0; b < p.batches; ++b) {
    const float *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
    const int lo = first - b * blocks > 0 ? first - b * blocks : 0;
    const int hi = last - b * blocks < blocks ? last - b * blocks : blocks;
    for (int m0 = lo * MR; m0 < hi * MR; m0 += MR) {
      // Every block is full when MR divides the pixels (a compile-time fact the part's run-time
      // bounds would otherwise hide): the row clamps and store tests then fold away.
      const int rowsHere = pixels % MR == 0 || pixels - m0 >= MR ? MR : pixels - m0;
      // The indirection of this block: rows[t][i] is what tap t of pixel m0 + i reads (the
      // last pixel repeated past the end, computed and not stored).
      const float *rows[Taps][MR];
      float segments[rowTaps ? MR : 1][rowTaps ? Taps * 3 : 1];
      for (int i = 0; i < MR; ++i) {
        const int m = m0 + (i < rowsHere ? i : rowsHere - 1);
        const int oy = m / p.outW, ox = m - oy * p.outW;
        if (rowTaps)
          runtime::gatherRowTaps<MR, Taps>(p, image, zero, oy, ox, rows, i,
                                           segments[rowTaps ? i : 0]);
        else
          detail::gatherTaps<MR, Taps>(p, image, zero, oy, ox, rows, i);
      }
      for (int panel = 0; panel < panels; ++panel) {
        const float *w = packed + panel * panelFloats;
        // The bias is added after the sums, as the reference adds it: the same rounding.
        const float *bias = w;
        float32x4_t acc[MR][NV];
        detail::unrolled<NV>(
            [&](auto j) { detail::unrolled<MR>([&](auto i) { acc[i][j] = vdupq_n_f32(0.f); }); });
        w += NR;
        for (int t = 0; t < taps; ++t) {
          const float *a[MR];
          detail::unrolled<MR>([&](auto i) { a[i] = rows[t][i]; });
          int k = 0;
          for (; k + 4 <= K; k += 4) {
            float32x4_t av[MR];
            detail::unrolled<MR>([&](auto i) { av[i] = vld1q_f32(a[i] + k); });
            detail::unrolled<4>([&](auto lane) {
              detail::unrolled<NV>([&](auto j) {
                const float32x4_t bv = vld1q_f32(w + lane * NR + 4 * j);
                detail::unrolled<MR>([&](auto i) {
                  acc[i][j] = multiplyAddLane<decltype(lane)::value>(acc[i][j], bv, av[i]);
                });
              });
            });
            w += 4 * NR;
          }
          for (; k < K; ++k) {
            float32x4_t av[MR];
            detail::unrolled<MR>([&](auto i) { av[i] = vld1q_dup_f32(a[i] + k); });
            detail::unrolled<NV>([&](auto j) {
              const float32x4_t bv = vld1q_f32(w + 4 * j);
              detail::unrolled<MR>([&](auto i) { acc[i][j] = multiplyAdd(acc[i][j], bv, av[i]); });
            });
            w += NR;
          }
        }
        const int oc0 = panel * NR;
        const int channels = p.outC - oc0 < NR ? p.outC - oc0 : NR;
        detail::unrolled<MR>([&](auto i) {
          if (i >= rowsHere)
            return;
          const std::int64_t pixel = std::int64_t(b) * pixels + m0 + i;
          float *out = output + pixel * p.outPixelStride + oc0;
          const float *operand = residual ? extra + pixel * p.epilogueChannels : extra;
          detail::unrolled<NV>([&](auto j) {
            float32x4_t v =
                clampToRange(vaddq_f32(acc[i][j], vld1q_f32(bias + 4 * j)), p.floatRange);
            if (p.epilogue != int(runtime::ConvolutionEpilogue::kNone))
              v = epilogueLanes(p, v, operand, oc0 + 4 * j);
            storeUpTo(out + 4 * j, v, channels - 4 * j);
          });
        });
      }
    }
  }
}

namespace detail {
// The block of PT pixels starting at `pixel` (rows past the `rows` real ones repeat the last)
// transposed from the input's pixel-major rows of `stride` floats to tile[k * PT + i], channel
// k of pixel i, for the K channels; 4 pixels x 4 channels at a time.
// PV vectors at p; on AArch64 one LD1 of four (or two) registers.
template <int PV> LITEC_NEON_INLINE void loadVectors(const float *p, float32x4_t (&v)[PV]) {
#if LITEC_NEON_A64
  if constexpr (PV % 4 == 0) {
    for (int i = 0; i < PV; i += 4) {
      const float32x4x4_t x = vld1q_f32_x4(p + 4 * i);
      v[i] = x.val[0], v[i + 1] = x.val[1], v[i + 2] = x.val[2], v[i + 3] = x.val[3];
    }
    return;
  } else if constexpr (PV % 2 == 0) {
    for (int i = 0; i < PV; i += 2) {
      const float32x4x2_t x = vld1q_f32_x2(p + 4 * i);
      v[i] = x.val[0], v[i + 1] = x.val[1];
    }
    return;
  }
#endif
  unrolled<PV>([&](auto i) { v[i] = vld1q_f32(p + 4 * i); });
}

template <int PT>
LITEC_NEON_INLINE void transposeToChannels(const float *image, std::int64_t stride, int pixel,
                                           int rows, int K, float *tile) {
  const float *row[PT];
  for (int i = 0; i < PT; ++i)
    row[i] = image + (pixel + (i < rows ? i : rows - 1)) * stride;
  int k = 0;
  for (; k + 4 <= K; k += 4)
    unrolled<PT / 4>([&](auto q) {
      float32x4_t v[4];
      unrolled<4>([&](auto i) { v[i] = vld1q_f32(row[4 * q + i] + k); });
      transpose4x4(v);
      unrolled<4>([&](auto j) { vst1q_f32(tile + (k + j) * PT + 4 * q, v[j]); });
    });
  if (k < K)
    unrolled<PT / 4>([&](auto q) {
      float32x4_t v[4];
      unrolled<4>([&](auto i) { v[i] = loadUpTo(row[4 * q + i] + k, K - k); });
      transpose4x4(v);
      for (int j = 0; j < K - k; ++j)
        vst1q_f32(tile + (k + j) * PT + 4 * q, v[j]);
    });
}
} // namespace detail

namespace detail {
// One block of the sparse kernel (pointwiseSparseF32): PT pixels from `pixel` (of which `rows`
// are real; the rest repeat the last, computed and not stored), of the image whose first pixel
// is output pixel `firstPixel`, every output channel.
template <int PT, class P>
LITEC_NEON_INLINE void sparseBlock(const P &p, const float *image, std::int64_t firstPixel,
                                   int pixel, int rows, const float *weights,
                                   const std::int16_t *indices, float *output, const float *extra,
                                   float *tile) {
  constexpr int PV = PT / 4;
  const bool residual = p.epilogue == int(runtime::ConvolutionEpilogue::kResidual);
  // Where channel k's row starts: read as unsigned and widened before the multiply, the address
  // is one load and one add with a shift (as a signed int16, four instructions).
  const auto channelRow = [](std::int16_t k) { return std::size_t(std::uint16_t(k)) * PT; };
  transposeToChannels<PT>(image, p.inC, pixel, rows, p.filterC, tile);
  const float *w = weights;
  const std::int16_t *index = indices;
  for (int g = 0; g < sparseGroups(p); ++g) {
    const float32x4_t bias = vld1q_f32(w);
    const std::int16_t *counts = index;
    w += 4;
    index += 4;
    float32x4_t acc[4][PV];
    unrolled<4>([&](auto c) LITEC_NEON_INLINE_LAMBDA {
      unrolled<PV>([&](auto q) { acc[c][q] = vdupq_n_f32(0.f); });
      const int n = counts[c];
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        const float32x4_t wv = vld1q_f32(w + j);
        unrolled<4>([&](auto lane) {
          float32x4_t x[PV];
          loadVectors(tile + channelRow(index[j + lane]), x);
          unrolled<PV>([&](auto q) {
            acc[c][q] = multiplyAddLane<decltype(lane)::value>(acc[c][q], x[q], wv);
          });
        });
      }
      for (; j < n; ++j) {
        const float32x4_t wv = vdupq_n_f32(w[j]);
        float32x4_t x[PV];
        loadVectors(tile + channelRow(index[j]), x);
        unrolled<PV>([&](auto q) { acc[c][q] = multiplyAdd(acc[c][q], x[q], wv); });
      }
      w += n;
      index += n;
    });
    const int oc0 = 4 * g;
    const int channels = p.outC - oc0 < 4 ? p.outC - oc0 : 4;
    // The block's first pixel in the output and the residual; the others at constant offsets.
    float *out = output + (firstPixel + pixel) * p.outPixelStride + oc0;
    const float *operand = residual ? extra + (firstPixel + pixel) * p.epilogueChannels : extra;
    unrolled<PV>([&](auto q) LITEC_NEON_INLINE_LAMBDA {
      float32x4_t v[4] = {acc[0][q], acc[1][q], acc[2][q], acc[3][q]};
      transpose4x4(v);
      unrolled<4>([&](auto i) {
        constexpr int at = 4 * decltype(q)::value + decltype(i)::value;
        if (at >= rows)
          return;
        float32x4_t result = clampToRange(vaddq_f32(v[i], bias), p.floatRange);
        if (p.epilogue != int(runtime::ConvolutionEpilogue::kNone))
          result =
              epilogueLanes(p, result, residual ? operand + at * p.epilogueChannels : operand, oc0);
        storeUpTo(out + at * p.outPixelStride, result, channels);
      });
    });
  }
}
} // namespace detail

// pointwiseSparseF32<PT>: a 1x1 stride-1 CONV_2D whose weights are mostly zeros (MediaPipe's
// sparse models: 70% zeros in no pattern) as a sparse x dense product that multiplies only the
// non-zero weights, as XNNPACK's sparse inference does (there in NCHW; here the block is
// transposed in place of the whole network). For a block of PT output pixels the kernel first
// transposes the block's input into a tile of channel rows ([K][PT]: each channel's PT pixels
// as PT / 4 vectors); then for each group of 4 output channels, each channel's non-zero weights
// w[n][k] add w x row k to the channel's PT sums (PT / 4 FMAs a weight, four weights a vector
// and FMAs by lane); the 4 x PT sums are transposed back to pixels, 4 x 4 at a time, and stored
// after the bias, the clamp and the fused epilogue. The last block of an image may be short: its
// missing pixels repeat the last one, computed and not stored (blocks of 4 for them counted
// worse on the 6x6 layers of the face detector: 0.41 M instructions against 0.35 M, since a
// block's cost per output channel does not shrink with its pixels). Weights and indices in the
// tables of ConvolutionPacking.h (packSparsePointwise). A zero weight is skipped, not
// multiplied: where the input is infinite or NaN at a zero weight the reference's sum is NaN
// and this one is not.
// `extra`: the fused epilogue's operand (the residual, or the PRELU slopes); nullptr for none.
template <int PT, class P>
void pointwiseSparseF32(const P &p, const float *input, const float *weights,
                        const std::int16_t *indices, float *output, const float *extra = nullptr,
                        runtime::Part part = {}) {
  static_assert(PT % 4 == 0, "PT is a multiple of the vector width");
  const int pixels = p.outH * p.outW;
  // This part's blocks of PT pixels (of one batch each).
  const int blocks = (pixels + PT - 1) / PT, units = convolutionBlocks(p, PT);
  const int first = part.begin(units), last = part.end(units);
  alignas(16) float tile[kSparseMaxChannels * PT];
  for (int b = 0; b < p.batches; ++b) {
    const float *image = input + std::int64_t(b) * pixels * p.inC;
    const std::int64_t firstPixel = std::int64_t(b) * pixels;
    const int lo = first - b * blocks > 0 ? first - b * blocks : 0;
    const int hi = last - b * blocks < blocks ? last - b * blocks : blocks;
    for (int m0 = lo * PT; m0 < hi * PT; m0 += PT) {
      // Every block is full when PT divides the pixels (a compile-time fact the part's run-time
      // bounds would otherwise hide): the row clamps and store tests then fold away.
      const int rowsHere = pixels % PT == 0 || pixels - m0 >= PT ? PT : pixels - m0;
      detail::sparseBlock<PT>(p, image, firstPixel, m0, rowsHere, weights, indices, output, extra,
                              tile);
    }
  }
}

namespace detail {
// TFLite's rounding x * multiplier * 2^shift on four lanes
// (runtime::multiplyByQuantizedMultiplier): the exact left shift, VQRDMULH (its rounding doubling
// high multiply, saturation included), then the rounding right shift with ties away from zero (a
// rounding shift rounds ties up: negative values are first moved down by one, as gemmlowp's NEON
// path does). With Requantization::kRightShift (every channel's left shift 0 and right shift
// above 0) the left shift goes and the move down is one shift-accumulate of the sign: the high
// product is never INT32_MIN (the multiplier is below 2^31), so subtracting one cannot wrap.
template <Requantization R = Requantization::kGeneral>
LITEC_NEON_INLINE int32x4_t requantize(int32x4_t x, int32x4_t multiplier, int32x4_t left,
                                       int32x4_t negRight) {
  if constexpr (R == Requantization::kRightShift) {
    (void)left;
    const int32x4_t high = vqrdmulhq_s32(x, multiplier);
    return vrshlq_s32(vsraq_n_s32(high, high, 31), negRight);
  } else {
    return multiplyHighRoundingShift(vshlq_s32(x, left), multiplier, negRight);
  }
}

// The int8 output stage of eight channels, from a stage table panel of 8
// (ConvolutionPacking.h: biases, multipliers, left shifts, negated right shifts), and the layer's
// output zero point and activation bounds; then the fused residual ADD, if any.
template <Requantization R> struct OutputStageInt8 {
  int32x4_t multiplier[2], left[2], negRight[2];
  int16x8_t zeroPoint;
  int8x8_t low, high;
  // The residual ADD's rescaling, read where a residual is added (layers without one carry no
  // vectors for it).
  const runtime::AddRescale *residualAdd;
  template <class P>
  OutputStageInt8(const P &p, const std::int32_t *s)
      : residualAdd(p.epilogue == int(runtime::ConvolutionEpilogue::kResidual) ? &p.epilogueAdd
                                                                               : nullptr) {
    for (int j = 0; j < 2; ++j) {
      multiplier[j] = vld1q_s32(s + 8 + 4 * j);
      left[j] = vld1q_s32(s + 16 + 4 * j);
      negRight[j] = vld1q_s32(s + 24 + 4 * j);
    }
    zeroPoint = vdupq_n_s16(std::int16_t(p.outputOffset));
    low = vdup_n_s8(std::int8_t(p.outputRange.min));
    high = vdup_n_s8(std::int8_t(p.outputRange.max));
  }
  // Eight sums (the bias in them) requantised, offset, clamped and narrowed. The zero point is
  // added and the bounds applied after saturating to 16 and 8 bits: as the reference's clamp in
  // 32 bits, since the bounds lie inside int8 and a sum past int16 saturates to the same end.
  // `extra`: the pixel's residual at the eight channels (`count` of them real), or nullptr.
  LITEC_NEON_INLINE int8x8_t operator()(int32x4_t sum0, int32x4_t sum1, const std::int8_t *extra,
                                        int count) const {
    const int32x4_t r0 = requantize<R>(sum0, multiplier[0], left[0], negRight[0]);
    const int32x4_t r1 = requantize<R>(sum1, multiplier[1], left[1], negRight[1]);
    const int16x8_t wide = vqaddq_s16(vcombine_s16(vqmovn_s32(r0), vqmovn_s32(r1)), zeroPoint);
    const int8x8_t v = vmin_s8(vmax_s8(vqmovn_s16(wide), low), high);
    if (residualAdd == nullptr)
      return v;
    return QuantizedAddLanes(*residualAdd)(v, loadUpTo8(extra, count));
  }
};

// acc[0..1] + the products of x's and w's eight int16 lanes (SMLAL, SMLAL2).
LITEC_NEON_INLINE void multiplyAddWide(int32x4_t (&acc)[2], int16x8_t x, int16x8_t w) {
  acc[0] = vmlal_s16(acc[0], vget_low_s16(x), vget_low_s16(w));
#if LITEC_NEON_A64
  acc[1] = vmlal_high_s16(acc[1], x, w);
#else
  acc[1] = vmlal_s16(acc[1], vget_high_s16(x), vget_high_s16(w));
#endif
}

// One tap's sums of the int8 GEMM, MR pixels (rows a) x 8 output channels, K input channels,
// the weights w in the 4-channel groups of ConvolutionPacking.h: the dot-product form, four
// channels' products summed into each lane by one SDOT (sixteen channels of a pixel loaded at
// once, a group of the panel's weights serving all MR pixels).
template <int MR>
LITEC_NEON_INLINE void accumulateTapDot(int32x4_t (&acc)[MR][2], const std::int8_t *const (&a)[MR],
                                        const std::int8_t *w, int K) {
#if LITEC_NEON_DOT
  int k = 0;
  for (; k + 16 <= K; k += 16) {
    int8x16_t x[MR];
    unrolled<MR>([&](auto i) { x[i] = vld1q_s8(a[i] + k); });
    unrolled<4>([&](auto g) {
      constexpr int group = decltype(g)::value;
      const int8x16_t w0 = vld1q_s8(w + 32 * group), w1 = vld1q_s8(w + 32 * group + 16);
      unrolled<MR>([&](auto i) {
        acc[i][0] = vdotq_laneq_s32(acc[i][0], w0, x[i], group);
        acc[i][1] = vdotq_laneq_s32(acc[i][1], w1, x[i], group);
      });
    });
    w += 128;
  }
  // The last groups of 4 (the padded weights past K are zeros; nothing past K is read).
  for (; k < K; k += 4) {
    int8x16_t x[MR];
    unrolled<MR>([&](auto i) {
      std::int32_t bytes = 0;
      if (k + 4 <= K) {
        std::memcpy(&bytes, a[i] + k, 4);
      } else {
        for (int c = k; c < K; ++c)
          bytes |= std::int32_t(std::uint8_t(a[i][c])) << (8 * (c - k));
      }
      x[i] = vreinterpretq_s8_s32(vdupq_n_s32(bytes));
    });
    const int8x16_t w0 = vld1q_s8(w), w1 = vld1q_s8(w + 16);
    unrolled<MR>([&](auto i) {
      acc[i][0] = vdotq_laneq_s32(acc[i][0], w0, x[i], 0);
      acc[i][1] = vdotq_laneq_s32(acc[i][1], w1, x[i], 0);
    });
    w += 32;
  }
#else
  (void)acc, (void)a, (void)w, (void)K;
#endif
}

// The same sums without the dot-product extension: eight channels of a pixel widened to 16 bits,
// each multiplied by lane into the sums (SMLAL); a 4-channel group of weights becomes four
// 8-channel vectors by one de-interleaving load.
template <int MR>
LITEC_NEON_INLINE void accumulateTapWidening(int32x4_t (&acc)[MR][2],
                                             const std::int8_t *const (&a)[MR],
                                             const std::int8_t *w, int K) {
  int k = 0;
  for (; k + 8 <= K; k += 8) {
    int16x8_t x[MR];
    unrolled<MR>([&](auto i) { x[i] = vmovl_s8(vld1_s8(a[i] + k)); });
    const int8x8x4_t groups[2] = {vld4_s8(w), vld4_s8(w + 32)};
    unrolled<8>([&](auto kk) {
      constexpr int half = decltype(kk)::value / 4, lane = decltype(kk)::value % 4;
      const int16x8_t wv = vmovl_s8(groups[half].val[lane]);
      unrolled<MR>([&](auto i) {
        const int16x4_t xs = half == 0 ? vget_low_s16(x[i]) : vget_high_s16(x[i]);
        acc[i][0] = vmlal_lane_s16(acc[i][0], vget_low_s16(wv), xs, lane);
        acc[i][1] = vmlal_lane_s16(acc[i][1], vget_high_s16(wv), xs, lane);
      });
    });
    w += 64;
  }
  // The last channels, one at a time (the group's padded weights are never multiplied).
  for (; k < K; k += 4) {
    const int8x8x4_t group = vld4_s8(w);
    unrolled<4>([&](auto lane) {
      if (k + lane >= K)
        return;
      const int16x8_t wv = vmovl_s8(group.val[lane]);
      unrolled<MR>([&](auto i) {
        const std::int16_t x = a[i][k + lane];
        acc[i][0] = vmlal_n_s16(acc[i][0], vget_low_s16(wv), x);
        acc[i][1] = vmlal_n_s16(acc[i][1], vget_high_s16(wv), x);
      });
    });
    w += 32;
  }
}

// The same sums by pairs of products (SMULL, then SMLAL of the next group, then SADALP, as
// XNNPACK's MLAL kernels do), where no weight is -128 (Int8Products::kPaired): two products of
// int8 values then lie within +-2 x 128 x 127 and their sum fits 16 bits. The 4-channel groups
// of the dot-product layout serve unchanged: a group's 32 bytes hold the 4 weights of each of
// the panel's 8 channels, so SMULL of 8 of them by the pixel's 4 channels repeated gives the
// products of two output channels, and SADALP sums each channel's pairs into two lanes.
// part[i][q] holds output channels 2q and 2q + 1 of pixel i, two lanes each (their sum is the
// channel's sum: foldPairs).
// The products of the high eight lanes of w and x in 16 bits (SMULL2), and acc plus them (SMLAL2).
LITEC_NEON_INLINE int16x8_t multiplyHigh(int8x16_t w, int8x16_t x) {
#if LITEC_NEON_A64
  return vmull_high_s8(w, x);
#else
  return vmull_s8(vget_high_s8(w), vget_high_s8(x));
#endif
}
LITEC_NEON_INLINE int16x8_t multiplyAddHigh(int16x8_t acc, int8x16_t w, int8x16_t x) {
#if LITEC_NEON_A64
  return vmlal_high_s8(acc, w, x);
#else
  return vmlal_s8(acc, vget_high_s8(w), vget_high_s8(x));
#endif
}

// The four bytes at p (a group of four input channels) in every lane, read through a may_alias
// word so that int8 data is read without breaking the aliasing rules. GCC makes it a load and a
// DUP; an LD1R written as inline asm counted worse on mobilenet_v2 (134.3 M instructions against
// 131.6 M): it has no register-offset address and keeps GCC from pairing the loads.
LITEC_NEON_INLINE int8x16_t broadcastGroup(const std::int8_t *p) {
#if defined(__GNUC__) && !defined(LITEC_NEON_SIMDE)
  typedef std::int32_t __attribute__((may_alias, aligned(1))) Word;
  return vreinterpretq_s8_s32(vdupq_n_s32(*reinterpret_cast<const Word *>(p)));
#else
  std::int32_t word;
  std::memcpy(&word, p, 4);
  return vreinterpretq_s8_s32(vdupq_n_s32(word));
#endif
}
// The same for the last 1 to 3 channels of a row, zeros after them (nothing past them is read).
LITEC_NEON_INLINE int8x16_t broadcastPartialGroup(const std::int8_t *p, int count) {
  std::int32_t word = 0;
  for (int c = 0; c < count; ++c)
    word |= std::int32_t(std::uint8_t(p[c])) << (8 * c);
  return vreinterpretq_s8_s32(vdupq_n_s32(word));
}

// A pixel's products with two groups of four channels (x0, x1: each group in every lane) into
// its pairs: w[0..1] the first group's 32 bytes, w[2..3] the second's. With one group (Two
// false) only SMULL.
template <bool Two>
LITEC_NEON_INLINE void addPairs(int32x4_t (&p)[4], const int8x16_t (&w)[4], int8x16_t x0,
                                int8x16_t x1) {
  for (int h = 0; h < 2; ++h) {
    int16x8_t low = vmull_s8(vget_low_s8(w[h]), vget_low_s8(x0));
    int16x8_t high = multiplyHigh(w[h], x0);
    if constexpr (Two) {
      low = vmlal_s8(low, vget_low_s8(w[2 + h]), vget_low_s8(x1));
      high = multiplyAddHigh(high, w[2 + h], x1);
    } else {
      (void)x1;
    }
    p[2 * h] = vpadalq_s16(p[2 * h], low);
    p[2 * h + 1] = vpadalq_s16(p[2 * h + 1], high);
  }
}

// The pixels one pass of the paired kernel keeps: 2, whose 8 sum vectors, 4 weight vectors and
// products in flight fit 32-bit ARM's 16 registers too. On AArch64 passes of 3 or 4 would load
// the weights less often, but GCC then spills the sums (counted on mobilenet_v2: 2 pixels a pass
// ran 137.4 M instructions, 3 ran 137.9 M, and a 6-pixel pass 142.5 M).
template <int MR> constexpr int pairedRows() {
  constexpr int most = 2;
  constexpr int passes = (MR + most - 1) / most;
  return (MR + passes - 1) / passes;
}

template <int MR>
LITEC_NEON_INLINE void accumulateTapPairs(int32x4_t (&part)[MR][4],
                                          const std::int8_t *const (&a)[MR], const std::int8_t *w,
                                          int K) {
  int k = 0;
  for (; k + 8 <= K; k += 8, w += 64) {
    const int8x16_t wv[4] = {vld1q_s8(w), vld1q_s8(w + 16), vld1q_s8(w + 32), vld1q_s8(w + 48)};
    unrolled<MR>([&](auto i) {
      addPairs<true>(part[i], wv, broadcastGroup(a[i] + k), broadcastGroup(a[i] + k + 4));
    });
  }
  // 1 to 7 channels left: their one or two groups (the padded weights are zeros, the input's
  // bytes past K read as zeros; nothing past K is read).
  if (k < K) {
    const bool two = K - k > 4;
    const int8x16_t wv[4] = {vld1q_s8(w), vld1q_s8(w + 16), two ? vld1q_s8(w + 32) : vdupq_n_s8(0),
                             two ? vld1q_s8(w + 48) : vdupq_n_s8(0)};
    unrolled<MR>([&](auto i) {
      if (two)
        addPairs<true>(part[i], wv, broadcastGroup(a[i] + k),
                       broadcastPartialGroup(a[i] + k + 4, K - k - 4));
      else
        addPairs<false>(part[i], wv, broadcastPartialGroup(a[i] + k, K - k), vdupq_n_s8(0));
    });
  }
}

// Each output channel's sum from its two lanes: the 8 channels of a pixel as two vectors.
LITEC_NEON_INLINE void foldPairs(const int32x4_t (&p)[4], int32x4_t (&acc)[2]) {
#if LITEC_NEON_A64
  acc[0] = vpaddq_s32(p[0], p[1]);
  acc[1] = vpaddq_s32(p[2], p[3]);
#else
  for (int h = 0; h < 2; ++h)
    acc[h] = vcombine_s32(vpadd_s32(vget_low_s32(p[2 * h]), vget_high_s32(p[2 * h])),
                          vpadd_s32(vget_low_s32(p[2 * h + 1]), vget_high_s32(p[2 * h + 1])));
#endif
}
} // namespace detail

// int8 CONV_2D (one group, symmetric int8 weights, int32 bias; the input zero point folded into
// the bias as the prepared `folded` form has it, padding reading the zero point) as the same
// indirect GEMM: MR x NR tiles of int32 sums in registers (the sums wrap modulo 2^32 as the
// reference's do), accumulated by SDOT where the build has the dot-product extension
// (Dot, by default __ARM_FEATURE_DOTPROD on AArch64), otherwise by pairs of products summed in
// 16 bits where the weights allow it (Products, ConvolutionPacking.h) or by widening SMLAL; then
// TFLite's output stage per channel (requantize, output zero point, activation bounds), narrowed
// and stored. Bit-exact with the reference kernel. Weights and the stage table in the layouts
// of ConvolutionPacking.h.
// `extra`: the fused residual ADD's other operand, nullptr for none.
// GatherC > 0 (the input's channel count, 1..4: first layers on RGB or grey images): each
// pixel's window is first gathered into a row of Taps x GatherC bytes, and the sums run over it
// as one tap of that many channels (weights packed so, ConvolutionPacking.h), instead of Taps
// taps of GatherC channels that each fill a group of four with a few bytes.
template <int MR, int NR, int Taps, Requantization R = Requantization::kGeneral, int GatherC = 0,
          Int8Products Products = Int8Products::kWidened, bool Dot = bool(LITEC_NEON_DOT), class P>
void convolutionInt8(const P &p, const std::int8_t *input, const std::int8_t *packed,
                     const std::int32_t *stage, std::int8_t *output,
                     const std::int8_t *extra = nullptr, runtime::Part part = {}) {
  static_assert(NR == 8, "the panels are 8 output channels wide");
  static_assert(!Dot || LITEC_NEON_DOT, "this build has no dot-product instructions");
  static_assert(GatherC >= 0 && GatherC <= kGatherMaxChannels, "windows of 1 to 4 channels");
  constexpr int windowBytes = Taps * GatherC;
  constexpr int windowRow = (windowBytes + 15) / 16 * 16;
  constexpr int sumTaps = GatherC > 0 ? 1 : Taps;
  const int K = GatherC > 0 ? windowBytes : p.filterC;
  const int pixels = p.outH * p.outW;
  const int panels = convolutionPanels(p, NR);
  const std::int64_t tapBytes = int8TapBytes(K, NR);
  const std::int64_t panelBytes = sumTaps * tapBytes;
  const std::int8_t *zero = packed + panels * panelBytes;
  // The gathered windows, one row per pixel of the tile (the bytes past a window stay zero).
  std::int8_t windows[GatherC > 0 ? MR : 1][GatherC > 0 ? windowRow : 1] = {};
  // This part's blocks of MR pixels (of one batch each).
  const int blocks = (pixels + MR - 1) / MR, units = convolutionBlocks(p, MR);
  const int first = part.begin(units), last = part.end(units);
  // Batch by batch: with one batch (a compile-time constant) b folds to 0.
  for (int b = 0; b < p.batches; ++b) {
    const std::int8_t *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
    const int lo = first - b * blocks > 0 ? first - b * blocks : 0;
    const int hi = last - b * blocks < blocks ? last - b * blocks : blocks;
    for (int m0 = lo * MR; m0 < hi * MR; m0 += MR) {
      // Every block is full when MR divides the pixels (a compile-time fact the part's run-time
      // bounds would otherwise hide): the row clamps and store tests then fold away.
      const int rowsHere = pixels % MR == 0 || pixels - m0 >= MR ? MR : pixels - m0;
      const std::int8_t *rows[Taps][MR];
      runtime::gatherInt8Block<MR, Taps, GatherC>(p, image, zero, m0, rowsHere, rows, windows);
      for (int panel = 0; panel < panels; ++panel) {
        const std::int8_t *panelWeights = packed + panel * panelBytes;
        const std::int32_t *s = stage + std::int64_t(panel) * 4 * NR;
        const int oc0 = panel * NR;
        const int channels = p.outC - oc0 < NR ? p.outC - oc0 : NR;
        // Pixel i of the tile from its eight sums (the bias in them): requantised and stored.
        const auto store = [&](const detail::OutputStageInt8<R> &outputStage, int i, int32x4_t sum0,
                               int32x4_t sum1) LITEC_NEON_INLINE_LAMBDA {
          if (i >= rowsHere)
            return;
          const std::int64_t pixel = std::int64_t(b) * pixels + m0 + i;
          const std::int8_t *residual =
              extra != nullptr ? extra + pixel * p.epilogueChannels + oc0 : nullptr;
          detail::storeUpTo8(output + pixel * p.outPixelStride + oc0,
                             outputStage(sum0, sum1, residual, channels), channels);
        };
        // The sums start at the bias, as the reference adds it before requantising.
        const int32x4_t bias0 = vld1q_s32(s), bias1 = vld1q_s32(s + 4);
        if constexpr (!Dot && Products == Int8Products::kPaired) {
          // Each channel's sum in two lanes (the bias in the first) until the taps are done, a
          // few pixels per pass (detail::pairedRows), each pass stored before the next.
          constexpr int passRows = detail::pairedRows<MR>();
          const detail::OutputStageInt8<R> outputStage(p, s);
          const int32x4x2_t low = vzipq_s32(bias0, vdupq_n_s32(0)),
                            high = vzipq_s32(bias1, vdupq_n_s32(0));
          detail::unrolled<(MR + passRows - 1) / passRows>([&](auto pass) LITEC_NEON_INLINE_LAMBDA {
            constexpr int first = decltype(pass)::value * passRows;
            constexpr int count = MR - first < passRows ? MR - first : passRows;
            int32x4_t part[count][4];
            detail::unrolled<count>([&](auto i) {
              part[i][0] = low.val[0];
              part[i][1] = low.val[1];
              part[i][2] = high.val[0];
              part[i][3] = high.val[1];
            });
            const std::int8_t *w = panelWeights;
            for (int t = 0; t < sumTaps; ++t, w += tapBytes) {
              const std::int8_t *a[count];
              detail::unrolled<count>([&](auto i) {
                if constexpr (GatherC > 0)
                  a[i] = windows[first + i];
                else
                  a[i] = rows[t][first + i];
              });
              detail::accumulateTapPairs<count>(part, a, w, K);
            }
            detail::unrolled<count>([&](auto i) {
              int32x4_t sums[2];
              detail::foldPairs(part[i], sums);
              store(outputStage, first + i, sums[0], sums[1]);
            });
          });
        } else {
          int32x4_t acc[MR][2];
          detail::unrolled<MR>([&](auto i) {
            acc[i][0] = bias0;
            acc[i][1] = bias1;
          });
          const std::int8_t *w = panelWeights;
          for (int t = 0; t < sumTaps; ++t, w += tapBytes) {
            const std::int8_t *a[MR];
            detail::unrolled<MR>([&](auto i) {
              if constexpr (GatherC > 0)
                a[i] = windows[i];
              else
                a[i] = rows[t][i];
            });
            if constexpr (Dot)
              detail::accumulateTapDot<MR>(acc, a, w, K);
            else
              detail::accumulateTapWidening<MR>(acc, a, w, K);
          }
          const detail::OutputStageInt8<R> outputStage(p, s);
          detail::unrolled<MR>([&](auto i) { store(outputStage, i, acc[i][0], acc[i][1]); });
        }
      }
    }
  }
}

namespace detail {
// Walks one output row oy of a depthwise convolution with a KH x KW window: `block(ox, S)` for
// kPixelBlock neighbouring pixels at once where all their windows lie inside the input and the
// stride S is 1 or 2 (no dilation along the row), `pixel(ox, interior)` for every other pixel.
// A block lets the kernel load an input column that several windows cover once for all of
// them: a 3x3 window costs (kPixelBlock - 1) S + 3 loads per row of taps instead of
// 3 kPixelBlock.
constexpr int kPixelBlock = 4;
template <int KH, int KW, class P, class Block, class Pixel>
LITEC_NEON_INLINE void depthwiseRowPixels(const P &p, int oy, Block &&block, Pixel &&pixel) {
  const int y0 = oy * p.strideH - p.padTop;
  const bool rowsInside = y0 >= 0 && y0 + (KH - 1) * p.dilationH < p.inH;
  auto interior = [&](int ox) {
    const int x0 = ox * p.strideW - p.padLeft;
    return rowsInside && x0 >= 0 && x0 + (KW - 1) * p.dilationW < p.inW;
  };
  const bool blocks = p.dilationW == 1 && (p.strideW == 1 || p.strideW == 2);
  for (int ox = 0; ox < p.outW;) {
    if (blocks && ox + kPixelBlock <= p.outW && interior(ox) && interior(ox + kPixelBlock - 1)) {
      if (p.strideW == 1)
        block(ox, std::integral_constant<int, 1>{});
      else
        block(ox, std::integral_constant<int, 2>{});
      ox += kPixelBlock;
      continue;
    }
    pixel(ox, interior(ox));
    ++ox;
  }
}

// A block's window taps: `column(fy, j)` loads input column j (0 .. (kPixelBlock - 1) S + KW - 1)
// of tap row fy once, then `tap(q, t, x)` gets that column for every pixel q of the block whose
// tap t = fy * KW + fx reads it.
template <int KH, int KW, int S, class Column, class Tap>
LITEC_NEON_INLINE void depthwiseBlockTaps(Column &&column, Tap &&tap) {
  unrolled<KH>([&](auto row) {
    constexpr int fy = decltype(row)::value;
    unrolled<(kPixelBlock - 1) * S + KW>([&](auto j) {
      constexpr int c = decltype(j)::value;
      const auto x = column(fy, c);
      unrolled<kPixelBlock>([&](auto q) {
        constexpr int fx = c - decltype(q)::value * S;
        if constexpr (fx >= 0 && fx < KW)
          tap(decltype(q)::value, fy * KW + fx, x);
      });
    });
  });
}

// One output row of a float depthwise convolution for the channel tile c.. (CT channels,
// `count` of them real): weights and bias in registers, the window's taps unrolled.
template <int KH, int KW, int CT, bool Full, class P>
inline void depthwiseRowF32(const P &p, const float *image, const float *filter, const float *bias,
                            float *outRow, const float *extraRow, int oy, int c) {
  constexpr int CV = CT / 4;
  const int count = p.outC - c;
  auto load = [&](const float *q, int v) {
    return Full ? vld1q_f32(q + 4 * v) : loadUpTo(q + 4 * v, count - 4 * v);
  };
  // With a depth multiplier M, output channel c + j reads input channel (c + j) / M: lane j of
  // the input vectors comes from channel cin + gather[j] (one broadcast when M is a multiple of
  // the vector width). Lanes past the real channels read channel cin.
  const int M = p.depthMultiplier, cin = c / M;
  int gather[CT];
  for (int j = 0; j < CT; ++j)
    gather[j] = j < count ? (c + j) / M - cin : 0;
  auto loadInput = [&](const float *q, int v) {
    if (M == 1)
      return load(q, v);
    if (M % 4 == 0)
      return vld1q_dup_f32(q + gather[4 * v]);
    float32x4_t x = vld1q_dup_f32(q + gather[4 * v]);
    x = vld1q_lane_f32(q + gather[4 * v + 1], x, 1);
    x = vld1q_lane_f32(q + gather[4 * v + 2], x, 2);
    return vld1q_lane_f32(q + gather[4 * v + 3], x, 3);
  };
  float32x4_t w[KH * KW][CV], b0[CV];
  unrolled<CV>([&](auto v) {
    b0[v] = bias != nullptr ? load(bias + c, v) : vdupq_n_f32(0.f);
    unrolled<KH * KW>([&](auto t) { w[t][v] = load(filter + t * p.outC + c, v); });
  });
  const bool residual = p.epilogue == int(runtime::ConvolutionEpilogue::kResidual);
  const int y0 = oy * p.strideH - p.padTop;
  // The bias is added after the sums, as the reference adds it: the same rounding.
  // Vector v of pixel ox's sums: bias, clamp, epilogue, store.
  auto storeVector = [&](int ox, int v, float32x4_t sum) {
    float *out = outRow + std::int64_t(ox) * p.outPixelStride + c;
    const float *operand = residual ? extraRow + std::int64_t(ox) * p.epilogueChannels : extraRow;
    float32x4_t r = clampToRange(vaddq_f32(sum, b0[v]), p.floatRange);
    if (p.epilogue != int(runtime::ConvolutionEpilogue::kNone))
      r = epilogueLanes(p, r, operand, c + 4 * v);
    if (Full)
      vst1q_f32(out + 4 * v, r);
    else
      storeUpTo(out + 4 * v, r, count - 4 * v);
  };
  // One vector of channels at a time in a block, so that only its pixels' sums are live beside
  // the weights.
  auto block = [&](int ox, auto stride) {
    constexpr int S = decltype(stride)::value;
    const float *base = image + (std::int64_t(y0) * p.inW + ox * S - p.padLeft) * p.inC + cin;
    unrolled<CV>([&](auto v) {
      float32x4_t acc[kPixelBlock];
      unrolled<kPixelBlock>([&](auto q) { acc[q] = vdupq_n_f32(0.f); });
      depthwiseBlockTaps<KH, KW, S>(
          [&](int fy, int column) {
            return loadInput(base + (std::int64_t(fy * p.dilationH) * p.inW + column) * p.inC, v);
          },
          [&](int q, int t, float32x4_t x) { acc[q] = multiplyAdd(acc[q], x, w[t][v]); });
      unrolled<kPixelBlock>([&](auto q) { storeVector(ox + q, v, acc[q]); });
    });
  };
  auto pixel = [&](int ox, bool interior) {
    const int x0 = ox * p.strideW - p.padLeft;
    float32x4_t acc[CV];
    unrolled<CV>([&](auto v) { acc[v] = vdupq_n_f32(0.f); });
    unrolled<KH * KW>([&](auto t) {
      constexpr int fy = decltype(t)::value / KW, fx = decltype(t)::value % KW;
      const int iy = y0 + fy * p.dilationH, ix = x0 + fx * p.dilationW;
      // A tap in the padding adds nothing, as the reference skips it.
      if (!interior && (iy < 0 || iy >= p.inH || ix < 0 || ix >= p.inW))
        return;
      const float *q = image + (std::int64_t(iy) * p.inW + ix) * p.inC + cin;
      unrolled<CV>([&](auto v) { acc[v] = multiplyAdd(acc[v], loadInput(q, v), w[t][v]); });
    });
    unrolled<CV>([&](auto v) { storeVector(ox, v, acc[v]); });
  };
  depthwiseRowPixels<KH, KW>(p, oy, block, pixel);
}

// One output row of an int8 depthwise convolution for the channel tile c..c+7 (`count` of them
// real): the window's weights widened to 16 bits in registers, the sums starting at the bias
// (input zero point folded in), a tap in the padding reading the zero point as the folded sum
// needs.
template <int KH, int KW, Requantization R, bool Full, class P>
inline void depthwiseRowInt8(const P &p, const std::int8_t *image, const std::int8_t *filter,
                             const std::int32_t *stage, std::int8_t *outRow,
                             const std::int8_t *extraRow, int oy, int c) {
  const int count = p.outC - c;
  auto load = [&](const std::int8_t *q) {
    return vmovl_s8(Full ? vld1_s8(q) : loadUpTo8(q, count));
  };
  // With a depth multiplier M, output channel c + j reads input channel (c + j) / M: the input
  // vector is gathered by a table lookup (VTBL; a broadcast when M is a multiple of 8) from the
  // channels at cin. Lanes past the real channels read channel cin.
  const int M = p.depthMultiplier, cin = c / M;
  std::int8_t gatherLanes[8];
  for (int j = 0; j < 8; ++j)
    gatherLanes[j] = std::int8_t(j < count ? (c + j) / M - cin : 0);
  const int8x8_t gather = vld1_s8(gatherLanes);
  auto loadInput = [&](const std::int8_t *q) {
    if (M == 1)
      return load(q);
    if (M % 8 == 0)
      return vmovl_s8(vld1_dup_s8(q));
    const int8x8_t channels = p.inC - cin >= 8 ? vld1_s8(q) : loadUpTo8(q, p.inC - cin);
    return vmovl_s8(vtbl1_s8(channels, gather));
  };
  int16x8_t w[KH * KW];
  unrolled<KH * KW>([&](auto t) { w[t] = load(filter + t * p.outC + c); });
  const std::int32_t *s = stage + std::int64_t(c / 8) * 32;
  const int32x4_t bias0 = vld1q_s32(s), bias1 = vld1q_s32(s + 4);
  const OutputStageInt8<R> outputStage(p, s);
  const int16x8_t padding = vdupq_n_s16(std::int16_t(p.padValue));
  const int y0 = oy * p.strideH - p.padTop;
  // Inlined: GCC otherwise calls it out of line for every pixel (36 instructions a call).
  auto store = [&](int ox, const int32x4_t(&sum)[2]) LITEC_NEON_INLINE_LAMBDA {
    std::int8_t *out = outRow + std::int64_t(ox) * p.outPixelStride + c;
    const std::int8_t *residual =
        extraRow != nullptr ? extraRow + std::int64_t(ox) * p.epilogueChannels + c : nullptr;
    const int8x8_t r = outputStage(sum[0], sum[1], residual, count);
    if (Full)
      vst1_s8(out, r);
    else
      storeUpTo8(out, r, count);
  };
  auto block = [&](int ox, auto stride) {
    constexpr int S = decltype(stride)::value;
    const std::int8_t *base = image + (std::int64_t(y0) * p.inW + ox * S - p.padLeft) * p.inC + cin;
    int32x4_t acc[kPixelBlock][2];
    unrolled<kPixelBlock>([&](auto q) {
      acc[q][0] = bias0;
      acc[q][1] = bias1;
    });
    depthwiseBlockTaps<KH, KW, S>(
        [&](int fy, int column) {
          return loadInput(base + (std::int64_t(fy * p.dilationH) * p.inW + column) * p.inC);
        },
        [&](int q, int t, int16x8_t x) { multiplyAddWide(acc[q], x, w[t]); });
    unrolled<kPixelBlock>([&](auto q) { store(ox + q, acc[q]); });
  };
  auto pixel = [&](int ox, bool interior) {
    const int x0 = ox * p.strideW - p.padLeft;
    int32x4_t acc[2] = {bias0, bias1};
    unrolled<KH * KW>([&](auto t) {
      constexpr int fy = decltype(t)::value / KW, fx = decltype(t)::value % KW;
      const int iy = y0 + fy * p.dilationH, ix = x0 + fx * p.dilationW;
      const bool inside = interior || (iy >= 0 && iy < p.inH && ix >= 0 && ix < p.inW);
      const int16x8_t x =
          inside ? loadInput(image + (std::int64_t(iy) * p.inW + ix) * p.inC + cin) : padding;
      multiplyAddWide(acc, x, w[t]);
    });
    store(ox, acc);
  };
  depthwiseRowPixels<KH, KW>(p, oy, block, pixel);
}
} // namespace detail

// `extra`: the fused epilogue's operand (the residual, or the PRELU slopes); nullptr for none.
template <int KH, int KW, int CT, class P>
void depthwiseF32(const P &p, const float *input, const float *filter, const float *bias,
                  float *output, const float *extra = nullptr, runtime::Part part = {}) {
  static_assert(CT % 4 == 0, "CT is a multiple of the vector width");
  const bool residual = p.epilogue == int(runtime::ConvolutionEpilogue::kResidual);
  // This part's output rows.
  const int units = depthwiseRows(p);
  const int first = part.begin(units), last = part.end(units);
  // Batch by batch: with one batch (a compile-time constant) b folds to 0.
  for (int b = 0; b < p.batches; ++b) {
    const float *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
    const int lo = first - b * p.outH > 0 ? first - b * p.outH : 0;
    const int hi = last - b * p.outH < p.outH ? last - b * p.outH : p.outH;
    for (int oy = lo; oy < hi; ++oy) {
      const std::int64_t rowPixel = (std::int64_t(b) * p.outH + oy) * p.outW;
      float *outRow = output + rowPixel * p.outPixelStride;
      const float *extraRow = residual ? extra + rowPixel * p.epilogueChannels : extra;
      int c = 0;
      for (; c + CT <= p.outC; c += CT)
        detail::depthwiseRowF32<KH, KW, CT, true>(p, image, filter, bias, outRow, extraRow, oy, c);
      // The last channels: a tile of 4 at a time, partial vectors at the very end.
      for (; c < p.outC; c += 4)
        detail::depthwiseRowF32<KH, KW, 4, false>(p, image, filter, bias, outRow, extraRow, oy, c);
    }
  }
}

// int8 DEPTHWISE_CONV_2D (symmetric int8 weights read in place in
// their 1HWO layout, the input zero point folded into the bias of the stage table, panels of 8
// channels as ConvolutionPacking.h lays them out): tiles of 8 channels, the sums in int32 from
// 16-bit products (SMLAL), TFLite's output stage; bit-exact with the reference kernel.
// `extra`: the fused residual ADD's other operand, nullptr for none.
template <int KH, int KW, Requantization R = Requantization::kGeneral, class P>
void depthwiseInt8(const P &p, const std::int8_t *input, const std::int8_t *filter,
                   const std::int32_t *stage, std::int8_t *output,
                   const std::int8_t *extra = nullptr, runtime::Part part = {}) {
  // This part's output rows.
  const int units = depthwiseRows(p);
  const int first = part.begin(units), last = part.end(units);
  // Batch by batch: with one batch (a compile-time constant) b folds to 0.
  for (int b = 0; b < p.batches; ++b) {
    const std::int8_t *image = input + std::int64_t(b) * p.inH * p.inW * p.inC;
    const int lo = first - b * p.outH > 0 ? first - b * p.outH : 0;
    const int hi = last - b * p.outH < p.outH ? last - b * p.outH : p.outH;
    for (int oy = lo; oy < hi; ++oy) {
      const std::int64_t rowPixel = (std::int64_t(b) * p.outH + oy) * p.outW;
      std::int8_t *outRow = output + rowPixel * p.outPixelStride;
      const std::int8_t *extraRow =
          extra != nullptr ? extra + rowPixel * p.epilogueChannels : nullptr;
      int c = 0;
      for (; c + 8 <= p.outC; c += 8)
        detail::depthwiseRowInt8<KH, KW, R, true>(p, image, filter, stage, outRow, extraRow, oy, c);
      if (c < p.outC)
        detail::depthwiseRowInt8<KH, KW, R, false>(p, image, filter, stage, outRow, extraRow, oy,
                                                   c);
    }
  }
}

} // namespace litec::neon
