#pragma once

// Float element-wise binary ops for x86 (AVX2/FMA or AVX-512: Common.h's F32), four vectors per
// step.

#include "Common.h"

#include "litec/runtime/BinaryRuns.h"
#include "litec/runtime/Params.h"

namespace litec::x86 {

namespace detail {
// The float op of runtime::BinaryOp on a vector, as the reference computes each (POW has no
// vector form and stays on the generic kernel). MAXIMUM and MINIMUM pick as the reference's
// comparisons do: x > y ? x : y (the instruction's own rule, NaN included).
template <runtime::BinaryOp Op> LITEC_X86_INLINE F32::V binaryLanes(F32::V x, F32::V y) {
  using runtime::BinaryOp;
  if constexpr (Op == BinaryOp::kAdd)
    return F32::add(x, y);
  else if constexpr (Op == BinaryOp::kSub)
    return F32::sub(x, y);
  else if constexpr (Op == BinaryOp::kMul)
    return F32::mul(x, y);
  else if constexpr (Op == BinaryOp::kDiv)
    return F32::div(x, y);
  else if constexpr (Op == BinaryOp::kMaximum)
    return F32::max(x, y);
  else if constexpr (Op == BinaryOp::kMinimum)
    return F32::min(x, y);
  else if constexpr (Op == BinaryOp::kSquaredDifference) {
    const F32::V difference = F32::sub(x, y);
    return F32::mul(difference, difference);
  } else {
    static_assert(Op == BinaryOp::kPrelu, "no vector form of this op");
    return F32::whereNonNegative(x, F32::mul(x, y));
  }
}
} // namespace detail

// Float ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE and PRELU with TFLite's
// broadcasting, clamped to the fused activation. p: litec/ir/ops/Binary.h's BinaryParams, its
// dimensions collapsed so that the innermost one is a run in which each operand is contiguous
// (AStep, BStep = 1) or one repeated value (0); the outer dimensions walk by the strides
// (runtime/BinaryRuns.h). Element i of each operand is read before output i is written, so the
// output may be an operand. `part`: this call's share of the output elements (Parallel.h).
template <runtime::BinaryOp Op, int AStep, int BStep, class P>
void binaryF32(const P &p, const float *a, const float *b, float *output, runtime::Part part = {}) {
  runtime::forEachBinaryRun(
      p, part, [&](std::int64_t out, std::int64_t ai, std::int64_t bi, int n) {
        const float *x = a + ai, *y = b + bi;
        storeEachVector(output + out, n, [&](int i, int count) {
          const F32::V xv = AStep ? F32::loadUpTo(x + i, count) : F32::broadcast(x[0]);
          const F32::V yv = BStep ? F32::loadUpTo(y + i, count) : F32::broadcast(y[0]);
          return clampToRange(detail::binaryLanes<Op>(xv, yv), p.floatRange);
        });
      });
}

// int8 ADD and SUB (Subtract) with TFLite's broadcasting, bit-exact with the reference
// (runtime::quantizedAdd, QuantizedAddLanes): p is the same BinaryParams as for binaryF32, with
// the quantised rescaling (input offsets, leftShift, input1, input2, output, outputOffset,
// intRange); a vector of int32 lanes a step, widened from and narrowed to bytes.
template <bool Subtract, int AStep, int BStep, class P>
void addInt8(const P &p, const std::int8_t *a, const std::int8_t *b, std::int8_t *output,
             runtime::Part part = {}) {
  constexpr int L = I32::kLanes;
  const QuantizedAddLanes add(runtime::AddRescale{p.input1Offset, p.input2Offset, p.leftShift,
                                                  p.input1, p.input2, p.output, p.outputOffset,
                                                  p.intRange});
  runtime::forEachBinaryRun(
      p, part, [&](std::int64_t out, std::int64_t ai, std::int64_t bi, int n) {
        const std::int8_t *x = a + ai, *y = b + bi;
        for (int i = 0; i < n; i += L) {
          const int count = n - i < L ? n - i : L;
          const I32::V xv = AStep ? I32::widenUpTo(x + i, count) : I32::broadcast(x[0]);
          const I32::V yv = BStep ? I32::widenUpTo(y + i, count) : I32::broadcast(y[0]);
          I32::storeBytes(output + out + i, add.template operator()<Subtract>(xv, yv), count);
        }
      });
}

} // namespace litec::x86
