#pragma once

// AVERAGE_POOL_2D and MAX_POOL_2D over NHWC windows clipped to the input (padding positions are
// not counted). P: batches, inH, inW, channels, outH, outW, filterH, filterW, strideH, strideW,
// padTop, padLeft, actMin, actMax (float for float pools).

#include "Common.h"

#include <limits>

namespace litec::generic {

template <class P, bool IsMax, typename T> void pool(const T *input, T *output) {
  for (int b = 0; b < P::batches; ++b)
    for (int oy = 0; oy < P::outH; ++oy)
      for (int ox = 0; ox < P::outW; ++ox) {
        const int y0 = oy * P::strideH - P::padTop, x0 = ox * P::strideW - P::padLeft;
        const int fyStart = y0 < 0 ? -y0 : 0, fxStart = x0 < 0 ? -x0 : 0;
        const int fyEnd = P::filterH < P::inH - y0 ? P::filterH : P::inH - y0;
        const int fxEnd = P::filterW < P::inW - x0 ? P::filterW : P::inW - x0;
        for (int c = 0; c < P::channels; ++c) {
          const int out = ((b * P::outH + oy) * P::outW + ox) * P::channels + c;
          if constexpr (std::is_same_v<T, float>) {
            float value = IsMax ? std::numeric_limits<float>::lowest() : 0.f;
            int count = 0;
            for (int fy = fyStart; fy < fyEnd; ++fy)
              for (int fx = fxStart; fx < fxEnd; ++fx) {
                const float x =
                    input[((b * P::inH + y0 + fy) * P::inW + x0 + fx) * P::channels + c];
                value = IsMax ? (x > value ? x : value) : value + x;
                ++count;
              }
            if (!IsMax)
              value /= float(count);
            output[out] = clampFloat(value, P::actMin, P::actMax);
          } else {
            std::int32_t acc = IsMax ? std::numeric_limits<T>::lowest() : 0, count = 0;
            for (int fy = fyStart; fy < fyEnd; ++fy)
              for (int fx = fxStart; fx < fxEnd; ++fx) {
                const std::int32_t x =
                    input[((b * P::inH + y0 + fy) * P::inW + x0 + fx) * P::channels + c];
                acc = IsMax ? (x > acc ? x : acc) : acc + x;
                ++count;
              }
            // The average rounds half away from zero, as TFLite's integer kernel divides.
            if (!IsMax && count > 0)
              acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
            output[out] = clampTo<T>(acc, P::actMin, P::actMax);
          }
        }
      }
}

} // namespace litec::generic
