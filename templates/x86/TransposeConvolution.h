#pragma once

// Float TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias, output by output: each output
// pixel sums the taps that land on it (runtime::transposeTaps: with stride s, every s-th tap row
// and column) as dot products over the input channels, a vector of input channels a step. Four
// output channels of a pixel at a time, their four dot products' lanes summed together; the
// output channels left over (all of them when there are fewer than four: a segmentation mask's
// one) four output pixels at a time, the same way. p: litec/ir/ops/TransposeConvolution.h's
// TransposeConvolutionParams (the window geometry, strideH, strideW, padTop, padLeft,
// floatRange). The filter keeps TFLite's OHWI layout: a tap's input channels are contiguous for
// every output channel, which is the order a dot product reads.
//   The reference scatters input pixel by input pixel; the sums here run in another order, so
// the two differ by a few roundings.

#include "Common.h"

#include "litec/runtime/TransposeTaps.h"

namespace litec::x86 {

namespace detail {
// The lane sums of four vectors, as one 4-float vector [sum a, sum b, sum c, sum d].
LITEC_X86_INLINE __m128 laneSums(F32::V a, F32::V b, F32::V c, F32::V d) {
#if defined(__AVX512F__)
  // The masked extracts: GCC 12's unmasked ones (the cast too) pass an undefined vector that
  // -Wmaybe-uninitialized reports.
  const auto halves = [](__m512 v) LITEC_X86_INLINE_LAMBDA {
    return _mm256_add_ps(
        _mm256_castpd_ps(_mm512_maskz_extractf64x4_pd(0xff, _mm512_castps_pd(v), 0)),
        _mm256_castpd_ps(_mm512_maskz_extractf64x4_pd(0xff, _mm512_castps_pd(v), 1)));
  };
  const __m256 a8 = halves(a), b8 = halves(b), c8 = halves(c), d8 = halves(d);
#else
  const __m256 a8 = a, b8 = b, c8 = c, d8 = d;
#endif
  // [a0+a1, a2+a3, b0+b1, b2+b3 | a4+a5, ...], then [a0..3, b0..3, c0..3, d0..3 | a4..7, ...].
  const __m256 sums = _mm256_hadd_ps(_mm256_hadd_ps(a8, b8), _mm256_hadd_ps(c8, d8));
  return _mm_add_ps(_mm256_castps256_ps128(sums), _mm256_extractf128_ps(sums, 1));
}

// v + bias clamped to the layer's range (the bound first: NaN stays, as the reference's clamp).
LITEC_X86_INLINE __m128 finishFour(__m128 v, __m128 bias, runtime::FloatRange range) {
  v = _mm_add_ps(v, bias);
  if (range.min > -std::numeric_limits<float>::infinity())
    v = _mm_max_ps(_mm_set1_ps(range.min), v);
  if (range.max < std::numeric_limits<float>::infinity())
    v = _mm_min_ps(_mm_set1_ps(range.max), v);
  return v;
}
} // namespace detail

template <class P>
void transposeConvolutionF32(const P &p, const float *input, const float *filter, const float *bias,
                             float *output) {
  constexpr int L = F32::kLanes;
  const int inC = p.inC, outC = p.outC;
  const int tapStride = p.filterW * inC;          // filter floats from one tap row to the next
  const int filterStride = p.filterH * tapStride; // from one output channel to the next
  const int inRow = p.inW * inC;
  const int groups = outC / 4 * 4; // output channels done four at a time
  for (int b = 0; b < p.batches; ++b) {
    const float *image = input + std::int64_t(b) * p.inH * inRow;
    for (int oy = 0; oy < p.outH; ++oy, output += std::int64_t(p.outW) * outC) {
      const runtime::TapRun rows =
          runtime::transposeTaps(oy, p.padTop, p.strideH, p.filterH, p.inH);
      // Calls f(inputPixel, filterTapOffset) for every tap landing on (oy, ox).
      auto forEachTap = [&](int ox, auto &&f) LITEC_X86_INLINE_LAMBDA {
        const runtime::TapRun columns =
            runtime::transposeTaps(ox, p.padLeft, p.strideW, p.filterW, p.inW);
        for (int r = 0; r < rows.count; ++r) {
          const int fy = rows.first + r * p.strideH, iy = rows.input - r;
          for (int c = 0; c < columns.count; ++c) {
            const int fx = columns.first + c * p.strideW, ix = columns.input - c;
            f(image + iy * inRow + ix * inC, fy * tapStride + fx * inC);
          }
        }
      };
      // Four output channels of one pixel.
      for (int ox = 0; ox < p.outW && groups > 0; ++ox) {
        float *out = output + ox * outC;
        for (int oc = 0; oc < groups; oc += 4) {
          const float *w = filter + oc * filterStride;
          F32::V acc0 = F32::zero(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
          forEachTap(ox, [&](const float *in, int tap) LITEC_X86_INLINE_LAMBDA {
            for (int ic = 0; ic < inC; ic += L) {
              const int n = inC - ic;
              const F32::V x = F32::loadUpTo(in + ic, n);
              const float *wt = w + tap + ic;
              acc0 = F32::fma(x, F32::loadUpTo(wt, n), acc0);
              acc1 = F32::fma(x, F32::loadUpTo(wt + filterStride, n), acc1);
              acc2 = F32::fma(x, F32::loadUpTo(wt + 2 * filterStride, n), acc2);
              acc3 = F32::fma(x, F32::loadUpTo(wt + 3 * filterStride, n), acc3);
            }
          });
          const __m128 biases = bias != nullptr ? _mm_loadu_ps(bias + oc) : _mm_setzero_ps();
          _mm_storeu_ps(out + oc, detail::finishFour(detail::laneSums(acc0, acc1, acc2, acc3),
                                                     biases, p.floatRange));
        }
      }
      // Each output channel left over, four output pixels at a time (past the row's end, a
      // pixel's sums stay zero and are not stored).
      for (int oc = groups; oc < outC; ++oc) {
        const float *w = filter + oc * filterStride;
        const __m128 biases = _mm_set1_ps(bias != nullptr ? bias[oc] : 0.f);
        for (int ox = 0; ox < p.outW; ox += 4) {
          F32::V acc[4] = {F32::zero(), F32::zero(), F32::zero(), F32::zero()};
          const int pixels = p.outW - ox < 4 ? p.outW - ox : 4;
          for (int i = 0; i < pixels; ++i)
            forEachTap(ox + i, [&](const float *in, int tap) LITEC_X86_INLINE_LAMBDA {
              for (int ic = 0; ic < inC; ic += L) {
                const int n = inC - ic;
                acc[i] =
                    F32::fma(F32::loadUpTo(in + ic, n), F32::loadUpTo(w + tap + ic, n), acc[i]);
              }
            });
          float sums[4];
          _mm_storeu_ps(sums, detail::finishFour(detail::laneSums(acc[0], acc[1], acc[2], acc[3]),
                                                 biases, p.floatRange));
          for (int i = 0; i < pixels; ++i)
            output[(ox + i) * outC + oc] = sums[i];
        }
      }
    }
  }
}

} // namespace litec::x86
