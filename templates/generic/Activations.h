#pragma once

// RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1, LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU. p: litec/ir/ops/
// Activations.h's ActivationParams (count; alpha; inputZeroPoint, outputZeroPoint; rescale,
// alphaRescale, intRange; multiplier, leftShift, radius; the HARD_SWISH multipliers and
// exponents); each kernel says which it reads.

#include "Common.h"

#include "litec/runtime/Int16Activations.h"
#include "litec/runtime/Operators.h"
#include "litec/runtime/QuantizedActivations.h"

#include <cmath>

namespace litec::generic {

template <runtime::Activation Op> inline float applyActivation(float x, float alpha) {
  using runtime::Activation;
  if constexpr (Op == Activation::kRelu)
    return x > 0.f ? x : 0.f;
  else if constexpr (Op == Activation::kRelu6)
    return clampFloat(x, 0.f, 6.f);
  else if constexpr (Op == Activation::kReluN1To1)
    return clampFloat(x, -1.f, 1.f);
  else if constexpr (Op == Activation::kRelu0To1)
    return clampFloat(x, 0.f, 1.f);
  else if constexpr (Op == Activation::kLogistic)
    return 1.f / (1.f + std::exp(-x));
  else if constexpr (Op == Activation::kTanh)
    return std::tanh(x);
  else if constexpr (Op == Activation::kHardSwish)
    return x * clampFloat(x + 3.f, 0.f, 6.f) / 6.f;
  else
    return x > 0.f ? x : alpha * x;
}

// Float (count, alpha).
template <runtime::Activation Op, class P>
void activationFloat(const P &p, const float *input, float *output) {
  for (int i = 0; i < p.count; ++i)
    output[i] = applyActivation<Op>(input[i], p.alpha);
}

// int8 / uint8 RELU family: rescaled to the output, clamped to intRange.
template <typename T, class P> void reluQuantized(const P &p, const T *input, T *output) {
  for (int i = 0; i < p.count; ++i)
    output[i] = clampTo<T>(p.outputZeroPoint + runtime::multiplyByQuantizedMultiplier(
                                                   std::int32_t(input[i]) - p.inputZeroPoint,
                                                   p.rescale.multiplier, p.rescale.shift),
                           p.intRange.min, p.intRange.max);
}

// int8 LEAKY_RELU: rescale (x >= z_in) or alphaRescale.
template <class P> void leakyReluInt8(const P &p, const std::int8_t *input, std::int8_t *output) {
  for (int i = 0; i < p.count; ++i) {
    const std::int32_t x = std::int32_t(input[i]) - p.inputZeroPoint;
    const runtime::QuantizedMultiplier &m = x >= 0 ? p.rescale : p.alphaRescale;
    output[i] = clampTo<std::int8_t>(
        p.outputZeroPoint + runtime::multiplyByQuantizedMultiplier(x, m.multiplier, m.shift), -128,
        127);
  }
}

// int8 LOGISTIC / TANH (inputZeroPoint, multiplier, leftShift, radius).
template <bool IsTanh, class P>
void sigmoidalInt8(const P &p, const std::int8_t *input, std::int8_t *output) {
  const runtime::SigmoidalRescale r{p.inputZeroPoint, p.multiplier, p.leftShift, p.radius};
  for (int i = 0; i < p.count; ++i)
    output[i] = runtime::int8Sigmoidal<IsTanh>(input[i], r);
}

// int16 LOGISTIC / TANH through TFLite's table (multiplier, leftShift).
template <bool IsTanh, class P>
void sigmoidalInt16(const P &p, const std::int16_t *input, std::int16_t *output) {
  const runtime::Int16SigmoidalScaling s{p.multiplier, p.leftShift};
  for (int i = 0; i < p.count; ++i)
    output[i] = IsTanh ? runtime::tanhInt16(input[i], s) : runtime::logisticInt16(input[i], s);
}

// int8 / uint8 HARD_SWISH (the zero points, the Q15 multipliers and exponents).
template <typename T, class P> void hardSwishQuantized(const P &p, const T *input, T *output) {
  const runtime::HardSwishRescale r{p.inputZeroPoint,
                                    p.outputZeroPoint,
                                    std::int16_t(p.outputMultiplier),
                                    std::int16_t(p.reluishMultiplier),
                                    p.outputExponent,
                                    p.reluishExponent};
  for (int i = 0; i < p.count; ++i)
    output[i] = runtime::hardSwish<T>(input[i], r);
}

} // namespace litec::generic
