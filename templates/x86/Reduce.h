#pragma once

// Float MEAN, SUM, REDUCE_MAX and REDUCE_MIN whose reduced axes are one run of neighbouring
// dimensions (a global pool over H and W of NHWC, say): the input seen as [outer, reduced,
// inner], the output as [outer, inner]. A vector of outputs at a time (four vectors a step) each
// keep their value in a lane while the reduced rows go by, in the reference's order (MEAN then
// divides by the same count): the reference's bits.

#include "Common.h"

#include <limits>

namespace litec::x86 {

enum class ReduceOp { kSum, kMean, kMax, kMin };

// Inlined into the layer, whose call passes the three sizes as constants.
template <ReduceOp R>
LITEC_X86_INLINE void reduceF32(int outer, int reduced, int inner, const float *input,
                                float *output) {
  const F32::V start = F32::broadcast(R == ReduceOp::kMax   ? std::numeric_limits<float>::lowest()
                                      : R == ReduceOp::kMin ? std::numeric_limits<float>::max()
                                                            : 0.f);
  // x > value ? x : value (and x < value ? x : value), as the reference compares: the
  // instructions' second operand wins where x is NaN.
  auto combine = [](F32::V value, F32::V x) LITEC_X86_INLINE_LAMBDA {
    if constexpr (R == ReduceOp::kMax)
      return F32::max(x, value);
    else if constexpr (R == ReduceOp::kMin)
      return F32::min(x, value);
    else
      return F32::add(value, x);
  };
  auto finish = [&](F32::V value) LITEC_X86_INLINE_LAMBDA {
    return R == ReduceOp::kMean ? F32::div(value, F32::broadcast(float(reduced))) : value;
  };
  for (int o = 0; o < outer; ++o, input += std::int64_t(reduced) * inner, output += inner)
    storeEachVector(output, inner, [&](int c, int count) {
      F32::V value = start;
      const float *x = input + c;
      for (int r = 0; r < reduced; ++r, x += inner)
        value = combine(value, F32::loadUpTo(x, count));
      return finish(value);
    });
}

} // namespace litec::x86
