#pragma once

// QUANTIZE and DEQUANTIZE. P: count, scale, zeroPoint (float -> integer, integer -> float);
// requantising: inputZeroPoint, outputZeroPoint, multiplier, shift.

#include "Common.h"

#include <cmath>
#include <limits>

namespace litec::generic {

// round(x / scale) in float, as TFLite, clamped before the conversion to stay defined.
template <class P, typename Q> void quantizeFloat(const float *input, Q *output) {
  constexpr std::int32_t kLow = std::numeric_limits<Q>::min(),
                         kHigh = std::numeric_limits<Q>::max();
  for (int i = 0; i < P::count; ++i) {
    const double q = double(std::round(input[i] / P::scale)) + P::zeroPoint;
    if (std::isnan(q)) {
      output[i] = Q(P::zeroPoint);
      continue;
    }
    const double clamped =
        q < -2147483648.0 ? -2147483648.0 : (q > 2147483647.0 ? 2147483647.0 : q);
    output[i] = clampTo<Q>(std::int32_t(clamped), kLow, kHigh);
  }
}

template <class P, typename In, typename Out> void requantize(const In *input, Out *output) {
  constexpr std::int32_t kLow = std::numeric_limits<Out>::min();
  constexpr std::int32_t kHigh = std::numeric_limits<Out>::max();
  for (int i = 0; i < P::count; ++i)
    output[i] =
        clampTo<Out>(runtime::multiplyByQuantizedMultiplier(
                         std::int32_t(input[i]) - P::inputZeroPoint, P::multiplier, P::shift) +
                         P::outputZeroPoint,
                     kLow, kHigh);
}

// scale * (q - zero point) in double, as TFLite.
template <class P, typename Q> void dequantize(const Q *input, float *output) {
  for (int i = 0; i < P::count; ++i)
    output[i] = static_cast<float>(P::scale * (std::int32_t(input[i]) - P::zeroPoint));
}

} // namespace litec::generic
