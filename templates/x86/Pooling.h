#pragma once

// Float AVERAGE_POOL_2D and MAX_POOL_2D for x86 over NHWC windows clipped to the input (padding
// positions are not counted), two vectors of channels per step. p: litec/ir/ops/Pooling.h's
// PoolingParams. Each lane adds (or compares) the window's pixels in the reference's order and
// divides by the same count, so the results are the reference's bits.

#include "Common.h"

#include "litec/runtime/Parallel.h"

#include <limits>

namespace litec::x86 {

// `part`: this call's share of the output rows (Parallel.h).
template <bool IsMax, class P>
void poolF32(const P &p, const float *input, float *output, runtime::Part part = {}) {
  constexpr int L = F32::kLanes;
  const int channels = p.channels, inRow = p.inW * channels;
  const int rows = p.batches * p.outH;
  for (int row = part.begin(rows); row < part.end(rows); ++row) {
    const int b = row / p.outH, oy = row - b * p.outH;
    const float *image = input + std::int64_t(b) * p.inH * inRow;
    float *out = output + std::int64_t(row) * p.outW * channels;
    for (int ox = 0; ox < p.outW; ++ox, out += channels) {
      const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
      const int fyStart = y0 < 0 ? -y0 : 0, fxStart = x0 < 0 ? -x0 : 0;
      const int fyEnd = p.filterH < p.inH - y0 ? p.filterH : p.inH - y0;
      const int fxEnd = p.filterW < p.inW - x0 ? p.filterW : p.inW - x0;
      const int count = (fyEnd - fyStart) * (fxEnd - fxStart);
      const F32::V start = F32::broadcast(IsMax ? std::numeric_limits<float>::lowest() : 0.f);
      // The reference's max(value, x): x > value ? x : value.
      const auto combine = [](F32::V value, F32::V x) LITEC_X86_INLINE_LAMBDA {
        return IsMax ? F32::max(x, value) : F32::add(value, x);
      };
      const auto finish = [&](F32::V value) LITEC_X86_INLINE_LAMBDA {
        if (!IsMax)
          value = F32::div(value, F32::broadcast(float(count)));
        return clampToRange(value, p.floatRange);
      };
      const float *window = image + std::int64_t(y0 + fyStart) * inRow + (x0 + fxStart) * channels;
      int c = 0;
      for (; c + 2 * L <= channels; c += 2 * L) {
        F32::V v0 = start, v1 = start;
        for (int fy = fyStart; fy < fyEnd; ++fy) {
          const float *row = window + std::int64_t(fy - fyStart) * inRow + c;
          for (int fx = fxStart; fx < fxEnd; ++fx, row += channels) {
            v0 = combine(v0, F32::load(row));
            v1 = combine(v1, F32::load(row + L));
          }
        }
        F32::store(out + c, finish(v0));
        F32::store(out + c + L, finish(v1));
      }
      for (; c < channels; c += L) {
        const int n = channels - c;
        F32::V v = start;
        for (int fy = fyStart; fy < fyEnd; ++fy) {
          const float *row = window + std::int64_t(fy - fyStart) * inRow + c;
          for (int fx = fxStart; fx < fxEnd; ++fx, row += channels)
            v = combine(v, F32::loadUpTo(row, n));
        }
        F32::storeUpTo(out + c, finish(v), n);
      }
    }
  }
}

} // namespace litec::x86
