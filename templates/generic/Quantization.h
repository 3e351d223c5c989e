#pragma once

// QUANTIZE and DEQUANTIZE. p: litec/ir/ops/Quantization.h's QuantizationParams: count; float to
// integer: scale, zeroPoint; integer to float: dequantizeScale, zeroPoint; requantising:
// inputZeroPoint, outputZeroPoint, rescale.

#include "Common.h"

#include <cmath>
#include <limits>

namespace litec::generic {

// round(x / scale) in float, as TFLite, clamped before the conversion to stay defined.
template <typename Q, class P> void quantizeFloat(const P &p, const float *input, Q *output) {
  constexpr std::int32_t kLow = std::numeric_limits<Q>::min(),
                         kHigh = std::numeric_limits<Q>::max();
  for (int i = 0; i < p.count; ++i) {
    const double q = double(std::round(input[i] / p.scale)) + p.zeroPoint;
    if (std::isnan(q)) {
      output[i] = Q(p.zeroPoint);
      continue;
    }
    const double clamped =
        q < -2147483648.0 ? -2147483648.0 : (q > 2147483647.0 ? 2147483647.0 : q);
    output[i] = clampTo<Q>(std::int32_t(clamped), kLow, kHigh);
  }
}

template <typename In, typename Out, class P>
void requantize(const P &p, const In *input, Out *output) {
  constexpr std::int32_t kLow = std::numeric_limits<Out>::min();
  constexpr std::int32_t kHigh = std::numeric_limits<Out>::max();
  for (int i = 0; i < p.count; ++i)
    output[i] = clampTo<Out>(
        runtime::multiplyByQuantizedMultiplier(std::int32_t(input[i]) - p.inputZeroPoint,
                                               p.rescale.multiplier, p.rescale.shift) +
            p.outputZeroPoint,
        kLow, kHigh);
}

// scale * (q - zero point) in double, as TFLite.
template <typename Q, class P> void dequantize(const P &p, const Q *input, float *output) {
  for (int i = 0; i < p.count; ++i)
    output[i] = static_cast<float>(p.dequantizeScale * (std::int32_t(input[i]) - p.zeroPoint));
}

} // namespace litec::generic
