#pragma once

// RSQRT, SQRT, EXP, LOG, ABS, NEG, FLOOR, CEIL, ROUND, SQUARE, SIN, COS. p: litec/ir/ops/Unary.h's
// UnaryParams (count; int8 RSQRT: inputZeroPoint, outputZeroPoint, rescale).

#include "Common.h"

#include "litec/runtime/Operators.h"
#include "litec/runtime/QuantizedArithmetic.h"
#include "litec/runtime/Status.h"

#include <cmath>

namespace litec::generic {

// TFLite's ROUND rounds half to even.
inline float roundHalfToEven(float x) {
  const float floor = std::floor(x), diff = x - floor;
  if (diff < 0.5f || (diff == 0.5f && std::fmod(floor, 2.f) == 0.f))
    return floor;
  return floor + 1.f;
}

template <runtime::UnaryOp Op> inline float applyUnary(float x) {
  using runtime::UnaryOp;
  if constexpr (Op == UnaryOp::kRsqrt)
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
  else
    return std::cos(x);
}

template <runtime::UnaryOp Op, class P>
void unaryFloat(const P &p, const float *input, float *output) {
  for (int i = 0; i < p.count; ++i)
    output[i] = applyUnary<Op>(input[i]);
}

// int8 RSQRT; an input below its zero point is an invalid input, at it the largest output.
template <class P>
runtime::Status rsqrtInt8(const P &p, const std::int8_t *input, std::int8_t *output) {
  bool invalid = false;
  for (int i = 0; i < p.count; ++i) {
    const std::int32_t value = std::int32_t(input[i]) - p.inputZeroPoint;
    if (value <= 0) {
      invalid = invalid || value < 0;
      output[i] = 127;
      continue;
    }
    output[i] = clampTo<std::int8_t>(
        runtime::quantizedInverseSqrt(value, p.rescale.multiplier, p.rescale.shift) +
            p.outputZeroPoint,
        -128, 127);
  }
  return invalid ? runtime::Status::kInvalidInput : runtime::Status::kOk;
}

} // namespace litec::generic
