#pragma once

// Float RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1, LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU for
// x86, four vectors per step. p: litec/ir/ops/Activations.h's ActivationParams (count, alpha).
//   LOGISTIC and TANH go through a vector e^x (range reduction by ln 2, a degree-6 polynomial:
// relative error about 2e-7 over the whole range) instead of libm's, as the NEON kernels do; the
// results stay within 3e-7 of the reference's (tests/templates/SimdElementwiseTests.h measures
// it).

#include "Common.h"

namespace litec::x86 {

namespace detail {
// e^x for x in [-87, 88]: x = n ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor polynomial to
// r^6 / 720, times 2^n built in the exponent field.
LITEC_X86_INLINE F32::V expLanes(F32::V x) {
  x = F32::min(F32::broadcast(88.f), F32::max(F32::broadcast(-87.f), x));
  const F32::V n = F32::roundNearest(F32::mul(x, F32::broadcast(1.44269504f)));
  // ln 2 in two parts, so that n ln 2 is exact enough for the reduction.
  F32::V r = F32::fma(n, F32::broadcast(-0.693145751953125f), x);
  r = F32::fma(n, F32::broadcast(-1.428606765330187e-06f), r);
  F32::V poly = F32::broadcast(1.f / 720);
  poly = F32::fma(poly, r, F32::broadcast(1.f / 120));
  poly = F32::fma(poly, r, F32::broadcast(1.f / 24));
  poly = F32::fma(poly, r, F32::broadcast(1.f / 6));
  poly = F32::fma(poly, r, F32::broadcast(0.5f));
  poly = F32::fma(poly, r, F32::broadcast(1.f));
  poly = F32::fma(poly, r, F32::broadcast(1.f));
  return F32::mul(poly, F32::powerOfTwo(n));
}

// low <= v <= high, as the reference's clamps order them.
LITEC_X86_INLINE F32::V clampLanes(F32::V v, float low, float high) {
  return F32::min(F32::broadcast(high), F32::max(F32::broadcast(low), v));
}

template <runtime::Activation Op> LITEC_X86_INLINE F32::V activationLanes(F32::V x, F32::V alpha) {
  using runtime::Activation;
  const F32::V one = F32::broadcast(1.f);
  if constexpr (Op == Activation::kRelu)
    return F32::max(F32::zero(), x);
  else if constexpr (Op == Activation::kRelu6)
    return clampLanes(x, 0.f, 6.f);
  else if constexpr (Op == Activation::kReluN1To1)
    return clampLanes(x, -1.f, 1.f);
  else if constexpr (Op == Activation::kRelu0To1)
    return clampLanes(x, 0.f, 1.f);
  else if constexpr (Op == Activation::kLogistic) {
    // 1 / (1 + e^-|x|), and e^-|x| / (1 + e^-|x|) for negative x: no overflow on either side.
    const F32::V e = expLanes(F32::neg(F32::abs(x)));
    const F32::V positive = F32::div(one, F32::add(one, e));
    return F32::ifNonNegative(x, positive, F32::mul(e, positive));
  } else if constexpr (Op == Activation::kTanh) {
    // (1 - e^-2|x|) / (1 + e^-2|x|) with x's sign.
    const F32::V e = expLanes(F32::mul(F32::abs(x), F32::broadcast(-2.f)));
    const F32::V magnitude = F32::div(F32::sub(one, e), F32::add(one, e));
    return F32::ifNonNegative(x, magnitude, F32::neg(magnitude));
  } else if constexpr (Op == Activation::kHardSwish) {
    const F32::V gate = clampLanes(F32::add(x, F32::broadcast(3.f)), 0.f, 6.f);
    return F32::div(F32::mul(x, gate), F32::broadcast(6.f));
  } else { // kLeakyRelu
    return F32::wherePositive(x, F32::mul(x, alpha));
  }
}
} // namespace detail

template <runtime::Activation Op, class P>
void activationF32(const P &p, const float *input, float *output) {
  const F32::V alpha = F32::broadcast(p.alpha);
  storeEachVector(output, p.count, [&](int i, int count) LITEC_X86_INLINE_LAMBDA {
    return detail::activationLanes<Op>(F32::loadUpTo(input + i, count), alpha);
  });
}

} // namespace litec::x86
