#pragma once

// AVERAGE_POOL_2D and MAX_POOL_2D over NHWC windows clipped to the input (padding positions are
// not counted). p: litec/ir/ops/Pooling.h's PoolingParams (batches, inH, inW, channels, outH,
// outW, filterH, filterW, strideH, strideW, padTop, padLeft, floatRange, intRange).

#include "Common.h"

#include <limits>

namespace litec::generic {

template <bool IsMax, typename T, class P> void pool(const P &p, const T *input, T *output) {
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.outH; ++oy)
      for (int ox = 0; ox < p.outW; ++ox) {
        const int y0 = oy * p.strideH - p.padTop, x0 = ox * p.strideW - p.padLeft;
        const int fyStart = y0 < 0 ? -y0 : 0, fxStart = x0 < 0 ? -x0 : 0;
        const int fyEnd = p.filterH < p.inH - y0 ? p.filterH : p.inH - y0;
        const int fxEnd = p.filterW < p.inW - x0 ? p.filterW : p.inW - x0;
        for (int c = 0; c < p.channels; ++c) {
          const int out = ((b * p.outH + oy) * p.outW + ox) * p.channels + c;
          if constexpr (std::is_same_v<T, float>) {
            float value = IsMax ? std::numeric_limits<float>::lowest() : 0.f;
            int count = 0;
            for (int fy = fyStart; fy < fyEnd; ++fy)
              for (int fx = fxStart; fx < fxEnd; ++fx) {
                const float x = input[((b * p.inH + y0 + fy) * p.inW + x0 + fx) * p.channels + c];
                value = IsMax ? (x > value ? x : value) : value + x;
                ++count;
              }
            if (!IsMax)
              value /= float(count);
            output[out] = clampFloat(value, p.floatRange.min, p.floatRange.max);
          } else {
            std::int32_t acc = IsMax ? std::numeric_limits<T>::lowest() : 0, count = 0;
            for (int fy = fyStart; fy < fyEnd; ++fy)
              for (int fx = fxStart; fx < fxEnd; ++fx) {
                const std::int32_t x =
                    input[((b * p.inH + y0 + fy) * p.inW + x0 + fx) * p.channels + c];
                acc = IsMax ? (x > acc ? x : acc) : acc + x;
                ++count;
              }
            // The average rounds half away from zero, as TFLite's integer kernel divides.
            if (!IsMax && count > 0)
              acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
            output[out] = clampTo<T>(acc, p.intRange.min, p.intRange.max);
          }
        }
      }
}

} // namespace litec::generic
