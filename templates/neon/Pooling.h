#pragma once

// Float AVERAGE_POOL_2D and MAX_POOL_2D over NHWC windows clipped to the input (padding
// positions are not counted), eight channels per step. p: litec/ir/ops/Pooling.h's PoolingParams
// (batches, inH, inW, channels, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft,
// floatRange). Each lane adds (or compares) the window's pixels in the reference's order and
// divides by the same count, so the results are the reference's bits.

#include "Common.h"

#include "litec/runtime/Parallel.h"

#include <limits>

namespace litec::neon {

// `part`: this call's share of the output rows (Parallel.h).
template <bool IsMax, class P>
void poolF32(const P &p, const float *input, float *output, runtime::Part part = {}) {
  const int channels = p.channels, inRow = p.inW * channels;
  const int rows = p.batches * p.outH;
  for (int row = part.begin(rows); row < part.end(rows); ++row) {
    const int b = row / p.outH, oy = row - b * p.outH;
    const float *image = input + b * p.inH * inRow;
    float *out = output + row * p.outW * channels;
    for (int ox = 0; ox < p.outW; ++ox, out += channels) {
      const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
      const int fyStart = y0 < 0 ? -y0 : 0, fxStart = x0 < 0 ? -x0 : 0;
      const int fyEnd = p.filterH < p.inH - y0 ? p.filterH : p.inH - y0;
      const int fxEnd = p.filterW < p.inW - x0 ? p.filterW : p.inW - x0;
      const int count = (fyEnd - fyStart) * (fxEnd - fxStart);
      const float32x4_t start = vdupq_n_f32(IsMax ? std::numeric_limits<float>::lowest() : 0.f);
      auto combine = [](float32x4_t value, float32x4_t x) {
        return IsMax ? selectGreater(x, value) : vaddq_f32(value, x);
      };
      auto finish = [&](float32x4_t value) {
        if (!IsMax)
          value = divideLanes(value, vdupq_n_f32(float(count)));
        return clampToRange(value, p.floatRange);
      };
      int c = 0;
      for (; c + 8 <= channels; c += 8) {
        float32x4_t v0 = start, v1 = start;
        for (int fy = fyStart; fy < fyEnd; ++fy) {
          const float *row = image + (y0 + fy) * inRow + (x0 + fxStart) * channels + c;
          for (int fx = fxStart; fx < fxEnd; ++fx, row += channels) {
            v0 = combine(v0, vld1q_f32(row));
            v1 = combine(v1, vld1q_f32(row + 4));
          }
        }
        vst1q_f32(out + c, finish(v0));
        vst1q_f32(out + c + 4, finish(v1));
      }
      for (; c < channels; c += 4) {
        const int n = channels - c;
        float32x4_t v = start;
        for (int fy = fyStart; fy < fyEnd; ++fy) {
          const float *row = image + (y0 + fy) * inRow + (x0 + fxStart) * channels + c;
          for (int fx = fxStart; fx < fxEnd; ++fx, row += channels)
            v = combine(v, loadUpTo(row, n));
        }
        storeUpTo(out + c, finish(v), n);
      }
    }
  }
}

} // namespace litec::neon
