#pragma once

// ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, POW, PRELU with TFLite's
// broadcasting. p: litec/ir/ops/Binary.h's BinaryParams (count, sameShape, rank, outShape,
// aStrides, bStrides, floatRange, intRange, the offsets, leftShift, the multipliers input1,
// input2, output and positive, subtract, rightShift, shiftFirst); each kernel says which it reads.

#include "Common.h"

#include "litec/runtime/Operators.h"
#include "litec/runtime/QuantizedArithmetic.h"
#include "litec/runtime/Status.h"

#include <cmath>

namespace litec::generic {

// Calls f(outIndex, aIndex, bIndex) for every output element.
template <class P, typename F> inline void forEachBinaryElement(const P &p, F &&f) {
  if (p.sameShape) {
    for (int i = 0; i < p.count; ++i)
      f(i, i, i);
  } else {
    forEachBroadcastPair(p.count, p.rank, p.outShape, p.aStrides, p.bStrides, f);
  }
}

template <runtime::BinaryOp Op> inline float applyBinary(float x, float y) {
  using runtime::BinaryOp;
  if constexpr (Op == BinaryOp::kAdd)
    return x + y;
  else if constexpr (Op == BinaryOp::kSub)
    return x - y;
  else if constexpr (Op == BinaryOp::kMul)
    return x * y;
  else if constexpr (Op == BinaryOp::kDiv)
    return x / y;
  else if constexpr (Op == BinaryOp::kMaximum)
    return x > y ? x : y;
  else if constexpr (Op == BinaryOp::kMinimum)
    return x < y ? x : y;
  else if constexpr (Op == BinaryOp::kSquaredDifference)
    return (x - y) * (x - y);
  else if constexpr (Op == BinaryOp::kPow)
    return std::pow(x, y);
  else // kPrelu: y is the slope
    return x >= 0.f ? x : x * y;
}

// Float: the op, clamped to floatRange (the fused activation, or no bounds).
template <runtime::BinaryOp Op, class P>
void binaryFloat(const P &p, const float *a, const float *b, float *output) {
  forEachBinaryElement(p, [&](int o, int i, int j) {
    output[o] = clampFloat(applyBinary<Op>(a[i], b[j]), p.floatRange.min, p.floatRange.max);
  });
}

// TFLite's quantised ADD and SUB: both inputs on a common scale, added (or subtracted), the
// sum rescaled to the output (runtime::quantizedAdd).
template <class P> constexpr runtime::AddRescale addRescale(const P &p) {
  return {p.input1Offset, p.input2Offset, p.leftShift,    p.input1,
          p.input2,       p.output,       p.outputOffset, p.intRange};
}
template <typename T, class P> void addQuantized(const P &p, const T *a, const T *b, T *output) {
  const runtime::AddRescale r = addRescale(p);
  forEachBinaryElement(p, [&](int o, int i, int j) {
    output[o] = T(p.subtract ? runtime::quantizedAdd<true>(r, a[i], b[j])
                             : runtime::quantizedAdd<false>(r, a[i], b[j]));
  });
}

// TFLite's int16 ADD and SUB for power-of-two scales (same shapes only): the input on the
// output's scale as it is, the other shifted right with rounding, added with int16 saturation.
template <class P>
void addInt16PowerOfTwo(const P &p, const std::int16_t *a, const std::int16_t *b,
                        std::int16_t *output) {
  for (int i = 0; i < p.count; ++i) {
    const std::int32_t first =
        p.shiftFirst ? runtime::roundingDivideByPOT(a[i], p.rightShift) : a[i];
    const std::int32_t second =
        p.shiftFirst ? b[i] : runtime::roundingDivideByPOT(b[i], p.rightShift);
    const std::int32_t sum =
        clampTo<std::int32_t>(p.subtract ? first - second : first + second, -32768, 32767);
    output[i] = clampTo<std::int16_t>(sum, p.intRange.min, p.intRange.max);
  }
}

// TFLite's quantised MUL: the product of the centred inputs rescaled to the output.
template <typename T, class P> void mulQuantized(const P &p, const T *a, const T *b, T *output) {
  forEachBinaryElement(p, [&](int o, int i, int j) {
    const std::int32_t product =
        (std::int32_t(a[i]) + p.input1Offset) * (std::int32_t(b[j]) + p.input2Offset);
    output[o] = clampTo<T>(
        runtime::multiplyByQuantizedMultiplier(product, p.output.multiplier, p.output.shift) +
            p.outputOffset,
        p.intRange.min, p.intRange.max);
  });
}

// Quantised DIV; a divisor whose raw value is 0 (which TFLite refuses) or which equals its zero
// point is an invalid input.
template <typename T, class P>
runtime::Status divQuantized(const P &p, const T *a, const T *b, T *output) {
  bool invalid = false;
  forEachBinaryElement(p, [&](int o, int i, int j) {
    const std::int32_t divisor = std::int32_t(b[j]) + p.input2Offset;
    if (b[j] == 0 || divisor == 0) {
      invalid = true;
      output[o] = 0;
      return;
    }
    const std::int32_t scaled = runtime::quantizedDivide(
        std::int32_t(a[i]) + p.input1Offset, divisor, p.output.multiplier, p.output.shift);
    output[o] = clampTo<T>(scaled + p.outputOffset, p.intRange.min, p.intRange.max);
  });
  return invalid ? runtime::Status::kInvalidInput : runtime::Status::kOk;
}

// Quantised PRELU (runtime::quantizedPrelu): x rescaled by `positive` where it is at or above its
// zero point, else its product with the centred slope rescaled by `output`.
template <class P> constexpr runtime::PreluRescale preluRescale(const P &p) {
  return {p.input1Offset, p.input2Offset, p.positive, p.output, p.outputOffset, p.intRange};
}
template <typename T, class P>
void preluQuantized(const P &p, const T *x, const T *alpha, T *output) {
  const runtime::PreluRescale r = preluRescale(p);
  forEachBinaryElement(
      p, [&](int o, int i, int j) { output[o] = T(runtime::quantizedPrelu(r, x[i], alpha[j])); });
}

// int8 SQUARED_DIFFERENCE: both inputs 7 bits up on a common scale, the difference squared.
template <class P>
void squaredDifferenceInt8(const P &p, const std::int8_t *a, const std::int8_t *b,
                           std::int8_t *output) {
  forEachBinaryElement(p, [&](int o, int i, int j) {
    const std::int32_t difference = runtime::onCommonScale(a[i], p.input1Offset, 7, p.input1) -
                                    runtime::onCommonScale(b[j], p.input2Offset, 7, p.input2);
    const std::int32_t scaled = runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(
        difference * difference, p.output.multiplier, p.output.shift);
    output[o] = clampTo<std::int8_t>(scaled + p.outputOffset, p.intRange.min, p.intRange.max);
  });
}

// MAXIMUM / MINIMUM on raw values (inputs and output share their quantisation, or integers).
template <bool IsMax, typename T, class P>
void minMaxRaw(const P &p, const T *a, const T *b, T *output) {
  forEachBinaryElement(p, [&](int o, int i, int j) {
    output[o] = IsMax ? (a[i] > b[j] ? a[i] : b[j]) : (a[i] < b[j] ? a[i] : b[j]);
  });
}

} // namespace litec::generic
