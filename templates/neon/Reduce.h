#pragma once

// Float MEAN, SUM, REDUCE_MAX and REDUCE_MIN whose reduced axes are one run of neighbouring
// dimensions (a global pool over H and W of NHWC, say): the input seen as [outer, reduced,
// inner], the output as [outer, inner]. Sixteen outputs at a time each keep their value in a
// lane while the Reduced rows go by, in the reference's order (MEAN then divides by the same
// count): the reference's bits.

#include "Common.h"

#include <limits>

namespace litec::neon {

enum class ReduceOp { kSum, kMean, kMax, kMin };

// Inlined into the layer, whose call passes the three sizes as constants.
template <ReduceOp R>
LITEC_NEON_INLINE void reduceF32(int outer, int reduced, int inner, const float *input,
                                 float *output) {
  const float32x4_t start = vdupq_n_f32(R == ReduceOp::kMax   ? std::numeric_limits<float>::lowest()
                                        : R == ReduceOp::kMin ? std::numeric_limits<float>::max()
                                                              : 0.f);
  auto combine = [](float32x4_t value, float32x4_t x) {
    if constexpr (R == ReduceOp::kMax)
      return selectGreater(x, value);
    else if constexpr (R == ReduceOp::kMin)
      return selectLess(x, value);
    else
      return vaddq_f32(value, x);
  };
  auto finish = [&](float32x4_t value) {
    return R == ReduceOp::kMean ? divideLanes(value, vdupq_n_f32(float(reduced))) : value;
  };
  for (int o = 0; o < outer; ++o, input += reduced * inner, output += inner)
    storeEachVector(output, inner, [&](int c, int count) {
      float32x4_t value = start;
      const float *x = input + c;
      for (int r = 0; r < reduced; ++r, x += inner)
        value = combine(value, loadUpTo(x, count));
      return finish(value);
    });
}

} // namespace litec::neon
