#pragma once

// Element-wise unary ops on dense tensors: float (P::count, P::op a UnaryOp, P::alpha for
// LEAKY_RELU) and int8 RSQRT.

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

} // namespace litec::generic

#include "litec/runtime/QuantizedArithmetic.h"
#include "litec/runtime/Status.h"

namespace litec::generic {

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

} // namespace litec::generic
