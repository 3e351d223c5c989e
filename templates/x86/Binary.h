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

} // namespace litec::x86
