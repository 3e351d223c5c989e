// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_QUANTIZED_ARITHMETIC_H
#define LITEC_RUNTIME_QUANTIZED_ARITHMETIC_H

// Quantised addition, PRELU, division and inverse square root with TFLite's arithmetic, element
// by element, shared by generated code and (division, inverse square root) the reference
// interpreter. C++17, header-only, no heap.

#include "litec/runtime/FixedPoint.h"
#include "litec/runtime/Params.h"

#include <cstdint>

namespace litec::runtime {

constexpr std::int32_t clampToRange(std::int32_t x, IntRange range) {
  return x < range.min ? range.min : (x > range.max ? range.max : x);
}

// x centred and moved to the common scale of quantised ADD and SUB (leftShift bits of headroom).
constexpr std::int32_t onCommonScale(std::int32_t x, std::int32_t offset, int leftShift,
                                     QuantizedMultiplier m) {
  return multiplyByQuantizedMultiplierSmallerThanOneExp((x + offset) * (1 << leftShift),
                                                        m.multiplier, m.shift);
}

// TFLite's quantised ADD (SUB: Subtract) of one pair of raw values.
template <bool Subtract = false>
constexpr std::int32_t quantizedAdd(const AddRescale &r, std::int32_t a, std::int32_t b) {
  const std::int32_t first = onCommonScale(a, r.input1Offset, r.leftShift, r.input1);
  const std::int32_t second = onCommonScale(b, r.input2Offset, r.leftShift, r.input2);
  return clampToRange(
      multiplyByQuantizedMultiplierSmallerThanOneExp(Subtract ? first - second : first + second,
                                                     r.output.multiplier, r.output.shift) +
          r.outputOffset,
      r.range);
}

// TFLite's quantised PRELU of one raw value and its raw slope.
constexpr std::int32_t quantizedPrelu(const PreluRescale &r, std::int32_t x, std::int32_t alpha) {
  const std::int32_t value = x + r.inputOffset;
  const std::int32_t scaled =
      value >= 0 ? multiplyByQuantizedMultiplier(value, r.positive.multiplier, r.positive.shift)
                 : multiplyByQuantizedMultiplier(value * (alpha + r.alphaOffset),
                                                 r.negative.multiplier, r.negative.shift);
  return clampToRange(scaled + r.outputOffset, r.range);
}

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
