// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_QUANTIZED_ARITHMETIC_H
#define LITEC_RUNTIME_QUANTIZED_ARITHMETIC_H

// Quantised division and inverse square root with TFLite's arithmetic, element by element,
// shared by the reference interpreter and generated code. C++17, header-only, no heap.

#include "litec/runtime/FixedPoint.h"

#include <cstdint>

namespace litec::runtime {

// TFLite's CountLeadingSignBits for int32: the redundant sign bits (31 for 0 and -1).
constexpr int leadingSignBits(std::int32_t x) {
  const std::uint32_t magnitude = x >= 0 ? std::uint32_t(x) : ~std::uint32_t(x);
  return countLeadingZeros(magnitude) - 1;
}

// numerator / divisor (both centred on their zero points, divisor != 0) rescaled by the
// quantised multiplier of scale1 / (scale2 * scale_out): the numerator shifted up by its
// headroom, times the fixed-point reciprocal of the divisor, then one rounding shift. Tiny
// quotients push that shift beyond 31 bits, where TFLite's result follows the CPU's shift
// (roundingDivideByPOTBeyond31).
constexpr std::int32_t quantizedDivide(std::int32_t numerator, std::int32_t divisor,
                                       std::int32_t multiplier, int shift) {
  if (divisor < 0) {
    numerator = -numerator;
    divisor = -divisor;
  }
  int reciprocalShift = 0;
  const std::int32_t inverse = reciprocal(divisor, 31, &reciprocalShift);
  const int headroom = leadingSignBits(numerator);
  const std::int32_t unscaled =
      multiplyByQuantizedMultiplierGreaterThanOne(numerator, inverse, headroom);
  const int totalShift = shift - reciprocalShift - headroom;
  const std::int32_t product = saturatingRoundingDoublingHighMul(unscaled, multiplier);
  if (totalShift >= 0)
    return product;
  return totalShift < -31 ? roundingDivideByPOTBeyond31(product, -totalShift)
                          : roundingDivideByPOT(product, -totalShift);
}

// 1 / sqrt(value) for value > 0 (value - zero point of an int8 input), rescaled by the quantised
// multiplier of 1 / (sqrt(s_in) * s_out): TFLite keeps 20 more bits before that rescaling.
constexpr std::int32_t quantizedInverseSqrt(std::int32_t value, std::int32_t multiplier,
                                            int shift) {
  constexpr int kShift = 20;
  std::int32_t inverse = 0;
  int inverseShift = 0;
  inverseSqrtMultiplier(value, &inverse, &inverseShift);
  const std::int32_t root = multiplyByQuantizedMultiplier(1, inverse, inverseShift + kShift);
  return multiplyByQuantizedMultiplier(root, multiplier, shift - kShift);
}

} // namespace litec::runtime

#endif // LITEC_RUNTIME_QUANTIZED_ARITHMETIC_H
