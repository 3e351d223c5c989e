// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_QUANTIZED_ACTIVATIONS_H
#define LITEC_RUNTIME_QUANTIZED_ACTIVATIONS_H

// Quantised activations with TFLite's arithmetic, element by element, shared by the reference
// interpreter and generated code: int8 LOGISTIC and TANH (gemmlowp's fixed point on the input
// rescaled into Q4.27) and int8 / uint8 HARD_SWISH (TFLite's 16-bit evaluation). C++17,
// header-only, no heap.

#include "litec/runtime/FixedPoint.h"
#include "litec/runtime/Params.h"

#include <cstdint>
#include <limits>

namespace litec::runtime {

// int8 LOGISTIC / TANH: x - zero point rescaled into Q4.27 by multiplier * 2^leftShift; inputs
// beyond `radius` saturate.
struct SigmoidalRescale {
  std::int32_t inputZeroPoint, multiplier, leftShift, radius;
};

// LOGISTIC's output has TFLite's fixed quantisation (scale 1/256, zero point -128), TANH's
// (scale 1/128, zero point 0).
template <bool IsTanh> constexpr std::int8_t int8Sigmoidal(std::int8_t in, SigmoidalRescale r) {
  const std::int32_t x = std::int32_t(in) - r.inputZeroPoint;
  if (x <= -r.radius)
    return -128;
  if (x >= r.radius)
    return 127;
  const auto q4 =
      FixedPoint<4>::fromRaw(multiplyByQuantizedMultiplier(x, r.multiplier, r.leftShift));
  // tanh: Q0.31 to 1/128 steps; logistic: to 1/256 steps, zero point -128.
  const std::int32_t value = IsTanh ? roundingDivideByPOT(tanh(q4).raw, 31 - 7)
                                    : roundingDivideByPOT(logistic(q4).raw, 31 - 8) - 128;
  return static_cast<std::int8_t>(value < -128 ? -128 : (value > 127 ? 127 : value));
}

// The int16 arithmetic of TFLite's quantised HARD_SWISH.
constexpr std::int16_t saturatingRoundingDoublingHighMul16(std::int16_t a, std::int16_t b) {
  if (a == b && a == std::numeric_limits<std::int16_t>::min())
    return std::numeric_limits<std::int16_t>::max();
  const std::int32_t product = std::int32_t(a) * std::int32_t(b);
  const std::int32_t nudge = product >= 0 ? (1 << 14) : (1 - (1 << 14));
  return std::int16_t((product + nudge) / (1 << 15));
}
// Truncating: rounding here would bias the product (TFLite measured the accuracy cost).
constexpr std::int16_t saturatingDoublingHighMul16(std::int16_t a, std::int16_t b) {
  if (a == b && a == std::numeric_limits<std::int16_t>::min())
    return std::numeric_limits<std::int16_t>::max();
  return std::int16_t((std::int32_t(a) * std::int32_t(b)) / (1 << 15));
}
constexpr std::int16_t saturatingLeftShift16(std::int16_t x, int shift) {
  const std::int32_t v = std::int32_t(x) * (std::int32_t(1) << shift);
  return std::int16_t(v < -32768 ? -32768 : (v > 32767 ? 32767 : v));
}

template <typename T> constexpr T hardSwish(T x, HardSwishRescale p) {
  const auto hires = std::int16_t((std::int32_t(x) - p.inputZeroPoint) * (1 << 7));
  const std::int16_t onPreshiftOutputScale =
      saturatingRoundingDoublingHighMul16(hires, p.outputMultiplier);
  // The reluish factor: hires rescaled to [-1, 1] in Q0.15 (3 maps to 1), the shift split around
  // the multiply so that only the last bit of it can saturate.
  std::int16_t reluish = hires;
  if (p.reluishExponent > 0)
    reluish = saturatingLeftShift16(reluish, p.reluishExponent - 1);
  reluish = saturatingRoundingDoublingHighMul16(reluish, p.reluishMultiplier);
  if (p.reluishExponent > 0)
    reluish = saturatingLeftShift16(reluish, 1);
  if (p.reluishExponent < 0)
    reluish = std::int16_t(roundingDivideByPOT(reluish, -p.reluishExponent));
  // [-1, 1] to [0, 1].
  reluish = std::int16_t((std::int32_t(reluish) + (1 << 15)) >> 1);
  const std::int16_t preshift = saturatingDoublingHighMul16(reluish, onPreshiftOutputScale);
  const std::int32_t value = roundingDivideByPOT(preshift, -p.outputExponent) + p.outputZeroPoint;
  constexpr std::int32_t kLow = std::numeric_limits<T>::min(),
                         kHigh = std::numeric_limits<T>::max();
  return static_cast<T>(value < kLow ? kLow : (value > kHigh ? kHigh : value));
}

} // namespace litec::runtime

#endif // LITEC_RUNTIME_QUANTIZED_ACTIVATIONS_H
