#pragma once

// Element-wise ops on dense tensors.
//   Unary float: P::count, P::op (a UnaryOp), P::alpha (LEAKY_RELU).
//   Binary: P::count (output elements), P::sameShape, and for broadcasting P::rank (<= 6),
//   P::outShape[], P::aStrides[], P::bStrides[] (0 along repeated dimensions). Float: P::op (a
//   BinaryOp), actMin, actMax. Quantised ADD/SUB: offsets, leftShift, the three multipliers and
//   shifts, subtract, actMin, actMax. Quantised MUL: offsets, multiplier, shift, bounds.

#include "Common.h"

#include <cmath>

namespace litec::generic {

enum class UnaryOp {
  kRelu,
  kRelu6,
  kReluN1To1,
  kLogistic,
  kTanh,
  kHardSwish,
  kRsqrt,
  kSqrt,
  kExp,
  kLog,
  kAbs,
  kNeg,
  kFloor,
  kCeil,
  kRound,
  kSquare,
  kSin,
  kCos,
  kLeakyRelu
};
enum class BinaryOp { kAdd, kSub, kMul, kDiv, kMaximum, kMinimum, kSquaredDifference, kPow };

// TFLite's ROUND rounds half to even.
inline float roundHalfToEven(float x) {
  const float floor = std::floor(x), diff = x - floor;
  if (diff < 0.5f || (diff == 0.5f && std::fmod(floor, 2.f) == 0.f))
    return floor;
  return floor + 1.f;
}

template <UnaryOp Op> inline float applyUnary(float x, float alpha) {
  if constexpr (Op == UnaryOp::kRelu)
    return x > 0.f ? x : 0.f;
  else if constexpr (Op == UnaryOp::kRelu6)
    return clampFloat(x, 0.f, 6.f);
  else if constexpr (Op == UnaryOp::kReluN1To1)
    return clampFloat(x, -1.f, 1.f);
  else if constexpr (Op == UnaryOp::kLogistic)
    return 1.f / (1.f + std::exp(-x));
  else if constexpr (Op == UnaryOp::kTanh)
    return std::tanh(x);
  else if constexpr (Op == UnaryOp::kHardSwish)
    return x * clampFloat(x + 3.f, 0.f, 6.f) / 6.f;
  else if constexpr (Op == UnaryOp::kRsqrt)
    return 1.f / std::sqrt(x);
  else if constexpr (Op == UnaryOp::kSqrt)
    return std::sqrt(x);
  else if constexpr (Op == UnaryOp::kExp)
    return std::exp(x);
  else if constexpr (Op == UnaryOp::kLog)
    return std::log(x);
  else if constexpr (Op == UnaryOp::kAbs)
    return std::fabs(x);
  else if constexpr (Op == UnaryOp::kNeg)
    return -x;
  else if constexpr (Op == UnaryOp::kFloor)
    return std::floor(x);
  else if constexpr (Op == UnaryOp::kCeil)
    return std::ceil(x);
  else if constexpr (Op == UnaryOp::kRound)
    return roundHalfToEven(x);
  else if constexpr (Op == UnaryOp::kSquare)
    return x * x;
  else if constexpr (Op == UnaryOp::kSin)
    return std::sin(x);
  else if constexpr (Op == UnaryOp::kCos)
    return std::cos(x);
  else
    return x > 0.f ? x : alpha * x;
}

template <class P> void unaryFloat(const float *input, float *output) {
  for (int i = 0; i < P::count; ++i)
    output[i] = applyUnary<P::op>(input[i], P::alpha);
}

// Calls f(outIndex, aIndex, bIndex) for every output element of a broadcasting binary op.
template <class P, typename F> inline void forEachBroadcast(F &&f) {
  if constexpr (P::sameShape) {
    for (int i = 0; i < P::count; ++i)
      f(i, i, i);
  } else {
    forEachBroadcastPair<P::rank>(P::count, P::outShape, P::aStrides, P::bStrides, f);
  }
}

template <BinaryOp Op> inline float applyBinary(float x, float y) {
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
  else
    return std::pow(x, y);
}

template <class P> void binaryFloat(const float *a, const float *b, float *output) {
  forEachBroadcast<P>([&](int o, int i, int j) {
    output[o] = clampFloat(applyBinary<P::op>(a[i], b[j]), P::actMin, P::actMax);
  });
}

// TFLite's quantised ADD and SUB: both inputs moved to a common scale with leftShift bits of
// headroom, added, and rescaled to the output.
template <class P, typename T> void addQuantized(const T *a, const T *b, T *output) {
  auto scaled = [](std::int32_t value, std::int32_t offset, std::int32_t multiplier, int shift) {
    return runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(
        (value + offset) * (1 << P::leftShift), multiplier, shift);
  };
  forEachBroadcast<P>([&](int o, int i, int j) {
    const std::int32_t first = scaled(a[i], P::input1Offset, P::input1Multiplier, P::input1Shift);
    const std::int32_t second = scaled(b[j], P::input2Offset, P::input2Multiplier, P::input2Shift);
    const std::int32_t sum = P::subtract ? first - second : first + second;
    const std::int32_t result = runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(
                                    sum, P::outputMultiplier, P::outputShift) +
                                P::outputOffset;
    output[o] = clampTo<T>(result, P::actMin, P::actMax);
  });
}

// TFLite's quantised MUL: the product of the centred inputs rescaled to the output.
template <class P, typename T> void mulQuantized(const T *a, const T *b, T *output) {
  forEachBroadcast<P>([&](int o, int i, int j) {
    const std::int32_t product =
        (std::int32_t(a[i]) + P::input1Offset) * (std::int32_t(b[j]) + P::input2Offset);
    output[o] = clampTo<T>(
        runtime::multiplyByQuantizedMultiplier(product, P::outputMultiplier, P::outputShift) +
            P::outputOffset,
        P::actMin, P::actMax);
  });
}

} // namespace litec::generic

#include "litec/runtime/QuantizedArithmetic.h"
#include "litec/runtime/Status.h"

namespace litec::generic {

// Float PRELU: the slope (broadcast) applies to the negative inputs.
template <class P> void preluFloat(const float *x, const float *alpha, float *output) {
  forEachBroadcast<P>([&](int o, int i, int j) { output[o] = x[i] >= 0 ? x[i] : x[i] * alpha[j]; });
}

// MAXIMUM / MINIMUM on raw values (inputs and output share their quantisation, or integers).
template <class P, bool IsMax, typename T> void minMaxRaw(const T *a, const T *b, T *output) {
  forEachBroadcast<P>([&](int o, int i, int j) {
    output[o] = IsMax ? (a[i] > b[j] ? a[i] : b[j]) : (a[i] < b[j] ? a[i] : b[j]);
  });
}

// Quantised PRELU: the identity multiplier for x >= zero point, else the product with the
// centred slope rescaled.
template <class P, typename T> void preluQuantized(const T *x, const T *alpha, T *output) {
  forEachBroadcast<P>([&](int o, int i, int j) {
    const std::int32_t value = std::int32_t(x[i]) + P::input1Offset;
    const std::int32_t scaled =
        value >= 0
            ? runtime::multiplyByQuantizedMultiplier(value, P::positiveMultiplier, P::positiveShift)
            : runtime::multiplyByQuantizedMultiplier(value *
                                                         (std::int32_t(alpha[j]) + P::input2Offset),
                                                     P::outputMultiplier, P::outputShift);
    output[o] = clampTo<T>(scaled + P::outputOffset, P::actMin, P::actMax);
  });
}

// Quantised DIV; a divisor whose raw value is 0 (which TFLite refuses) or which equals its zero
// point is an invalid input.
template <class P, typename T> runtime::Status divQuantized(const T *a, const T *b, T *output) {
  bool invalid = false;
  forEachBroadcast<P>([&](int o, int i, int j) {
    const std::int32_t divisor = std::int32_t(b[j]) + P::input2Offset;
    if (b[j] == 0 || divisor == 0) {
      invalid = true;
      output[o] = 0;
      return;
    }
    const std::int32_t scaled = runtime::quantizedDivide(
        std::int32_t(a[i]) + P::input1Offset, divisor, P::outputMultiplier, P::outputShift);
    output[o] = clampTo<T>(scaled + P::outputOffset, P::actMin, P::actMax);
  });
  return invalid ? runtime::Status::kInvalidInput : runtime::Status::kOk;
}

// int8 SQUARED_DIFFERENCE: both inputs 7 bits up and on a common scale, the difference squared.
template <class P>
void squaredDifferenceInt8(const std::int8_t *a, const std::int8_t *b, std::int8_t *output) {
  auto common = [](std::int32_t centred, std::int32_t multiplier, int shift) {
    return runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(centred * (1 << 7), multiplier,
                                                                   shift);
  };
  forEachBroadcast<P>([&](int o, int i, int j) {
    const std::int32_t difference =
        common(std::int32_t(a[i]) + P::input1Offset, P::input1Multiplier, P::input1Shift) -
        common(std::int32_t(b[j]) + P::input2Offset, P::input2Multiplier, P::input2Shift);
    const std::int32_t scaled = runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(
        difference * difference, P::outputMultiplier, P::outputShift);
    output[o] = clampTo<std::int8_t>(scaled + P::outputOffset, -128, 127);
  });
}

// int8 RSQRT; an input below its zero point is an invalid input, at it the largest output.
template <class P> runtime::Status rsqrtInt8(const std::int8_t *input, std::int8_t *output) {
  bool invalid = false;
  for (int i = 0; i < P::count; ++i) {
    const std::int32_t value = std::int32_t(input[i]) - P::inputZeroPoint;
    if (value <= 0) {
      invalid = invalid || value < 0;
      output[i] = 127;
      continue;
    }
    output[i] = clampTo<std::int8_t>(runtime::quantizedInverseSqrt(value, P::multiplier, P::shift) +
                                         P::outputZeroPoint,
                                     -128, 127);
  }
  return invalid ? runtime::Status::kInvalidInput : runtime::Status::kOk;
}

// TFLite's int16 ADD / SUB for power-of-two scales: the input on the output's scale as it is,
// the other shifted right with rounding, added with int16 saturation (same shapes only).
template <class P>
void addInt16PowerOfTwo(const std::int16_t *a, const std::int16_t *b, std::int16_t *output) {
  for (int i = 0; i < P::count; ++i) {
    const std::int32_t first =
        P::shiftFirst ? runtime::roundingDivideByPOT(a[i], P::rightShift) : a[i];
    const std::int32_t second =
        P::shiftFirst ? b[i] : runtime::roundingDivideByPOT(b[i], P::rightShift);
    const std::int32_t sum = P::subtract ? first - second : first + second;
    output[i] =
        clampTo<std::int16_t>(clampTo<std::int16_t>(sum, -32768, 32767), P::actMin, P::actMax);
  }
}

} // namespace litec::generic
