#pragma once

// Quantised activations. P: count and, by kernel:
//   relu: inputZeroPoint, outputZeroPoint, multiplier, shift, actMin, actMax (the op's bounds);
//   leakyRelu (int8): inputZeroPoint, outputZeroPoint, identity and alpha multipliers and shifts;
//   int8 LOGISTIC / TANH: inputZeroPoint, multiplier, leftShift, radius;
//   int16 LOGISTIC / TANH: multiplier, leftShift (TFLite's table);
//   HARD_SWISH: inputZeroPoint, outputZeroPoint, the Q15 multipliers and exponents.

#include "Common.h"
#include "litec/runtime/Int16Activations.h"
#include "litec/runtime/QuantizedActivations.h"

namespace litec::generic {

template <class P, typename T> void reluQuantized(const T *input, T *output) {
  for (int i = 0; i < P::count; ++i)
    output[i] = clampTo<T>(P::outputZeroPoint + runtime::multiplyByQuantizedMultiplier(
                                                    std::int32_t(input[i]) - P::inputZeroPoint,
                                                    P::multiplier, P::shift),
                           P::actMin, P::actMax);
}

template <class P> void leakyReluInt8(const std::int8_t *input, std::int8_t *output) {
  for (int i = 0; i < P::count; ++i) {
    const std::int32_t x = std::int32_t(input[i]) - P::inputZeroPoint;
    const std::int32_t value =
        P::outputZeroPoint +
        (x >= 0 ? runtime::multiplyByQuantizedMultiplier(x, P::identityMultiplier, P::identityShift)
                : runtime::multiplyByQuantizedMultiplier(x, P::alphaMultiplier, P::alphaShift));
    output[i] = clampTo<std::int8_t>(value, -128, 127);
  }
}

template <class P, bool IsTanh> void sigmoidalInt8(const std::int8_t *input, std::int8_t *output) {
  constexpr runtime::SigmoidalRescale r{P::inputZeroPoint, P::multiplier, P::leftShift, P::radius};
  for (int i = 0; i < P::count; ++i)
    output[i] = runtime::int8Sigmoidal<IsTanh>(input[i], r);
}

template <class P, bool IsTanh>
void sigmoidalInt16(const std::int16_t *input, std::int16_t *output) {
  constexpr runtime::Int16SigmoidalScaling s{P::multiplier, P::leftShift};
  for (int i = 0; i < P::count; ++i)
    output[i] = IsTanh ? runtime::tanhInt16(input[i], s) : runtime::logisticInt16(input[i], s);
}

template <class P, typename T> void hardSwishQuantized(const T *input, T *output) {
  constexpr runtime::HardSwishRescale r{P::inputZeroPoint,   P::outputZeroPoint,
                                        P::outputMultiplier, P::reluishMultiplier,
                                        P::outputExponent,   P::reluishExponent};
  for (int i = 0; i < P::count; ++i)
    output[i] = runtime::hardSwish<T>(input[i], r);
}

} // namespace litec::generic
