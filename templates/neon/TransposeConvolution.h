#pragma once

// Float TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias, output by output: each output
// pixel sums the taps that land on it (with stride s, every s-th tap row and column), as dot
// products over the input channels, four output channels at a time. p: litec/ir/ops/
// TransposeConvolution.h's TransposeConvolutionParams (the window geometry, strideH, strideW,
// padTop, padLeft, floatRange). The filter keeps TFLite's OHWI layout: a tap's input channels are
// contiguous for every output channel, which is the order a dot product reads.
//   The reference scatters input pixel by input pixel; the sums here run in another order, so
// the two differ by a few roundings.

#include "Common.h"

#include "litec/runtime/TransposeTaps.h"

namespace litec::neon {

namespace detail {
// [v0 + v1, v2 + v3].
LITEC_NEON_INLINE float32x2_t pairSums(float32x4_t v) {
  return vpadd_f32(vget_low_f32(v), vget_high_f32(v));
}
// The lane sums of four vectors, as one vector.
LITEC_NEON_INLINE float32x4_t laneSums(float32x4_t a, float32x4_t b, float32x4_t c, float32x4_t d) {
  return vcombine_f32(vpadd_f32(pairSums(a), pairSums(b)), vpadd_f32(pairSums(c), pairSums(d)));
}

} // namespace detail

template <class P>
void transposeConvolutionF32(const P &p, const float *input, const float *filter, const float *bias,
                             float *output) {
  const int inC = p.inC, outC = p.outC;
  const int tapStride = p.filterW * inC;          // filter floats from one tap row to the next
  const int filterStride = p.filterH * tapStride; // from one output channel to the next
  const int inRow = p.inW * inC;
  for (int b = 0; b < p.batches; ++b) {
    const float *image = input + b * p.inH * inRow;
    for (int oy = 0; oy < p.outH; ++oy) {
      const runtime::TapRun rows =
          runtime::transposeTaps(oy, p.padTop, p.strideH, p.filterH, p.inH);
      for (int ox = 0; ox < p.outW; ++ox, output += outC) {
        const runtime::TapRun columns =
            runtime::transposeTaps(ox, p.padLeft, p.strideW, p.filterW, p.inW);
        // Calls f(inputPixel, filterTapOffset) for every tap landing on (oy, ox).
        auto forEachTap = [&](auto &&f) {
          for (int r = 0; r < rows.count; ++r) {
            const int fy = rows.first + r * p.strideH, iy = rows.input - r;
            for (int c = 0; c < columns.count; ++c) {
              const int fx = columns.first + c * p.strideW, ix = columns.input - c;
              f(image + iy * inRow + ix * inC, fy * tapStride + fx * inC);
            }
          }
        };
        int oc = 0;
        for (; oc + 4 <= outC; oc += 4) {
          const float *w = filter + oc * filterStride;
          float32x4_t acc0 = vdupq_n_f32(0.f), acc1 = acc0, acc2 = acc0, acc3 = acc0;
          forEachTap([&](const float *in, int tap) {
            for (int ic = 0; ic < inC; ic += 4) {
              const int n = inC - ic;
              const float32x4_t x = loadUpTo(in + ic, n);
              const float *wt = w + tap + ic;
              acc0 = multiplyAdd(acc0, x, loadUpTo(wt, n));
              acc1 = multiplyAdd(acc1, x, loadUpTo(wt + filterStride, n));
              acc2 = multiplyAdd(acc2, x, loadUpTo(wt + 2 * filterStride, n));
              acc3 = multiplyAdd(acc3, x, loadUpTo(wt + 3 * filterStride, n));
            }
          });
          float32x4_t sum = detail::laneSums(acc0, acc1, acc2, acc3);
          if (bias != nullptr)
            sum = vaddq_f32(sum, vld1q_f32(bias + oc));
          vst1q_f32(output + oc, clampToRange(sum, p.floatRange));
        }
        for (; oc < outC; ++oc) {
          const float *w = filter + oc * filterStride;
          float32x4_t acc = vdupq_n_f32(0.f);
          forEachTap([&](const float *in, int tap) {
            for (int ic = 0; ic < inC; ic += 4) {
              const int n = inC - ic;
              acc = multiplyAdd(acc, loadUpTo(in + ic, n), loadUpTo(w + tap + ic, n));
            }
          });
          const float32x2_t pair = detail::pairSums(acc);
          float sum = vget_lane_f32(vpadd_f32(pair, pair), 0);
          if (bias != nullptr)
            sum += bias[oc];
          sum = sum < p.floatRange.min ? p.floatRange.min : sum;
          output[oc] = sum > p.floatRange.max ? p.floatRange.max : sum;
        }
      }
    }
  }
}

} // namespace litec::neon
