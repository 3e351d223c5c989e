#pragma once

// Float RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1, LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU, 16
// lanes per step. p: litec/ir/ops/Activations.h's ActivationParams (count, alpha).
//   LOGISTIC and TANH go through a vector exp (range reduction by ln 2, a degree-6 polynomial:
// relative error about 2e-7 over the whole range) instead of libm's; the results stay within
// 3e-7 of the reference's (tests/templates/neon/ElementwiseTest.cpp measures it).

#include "Common.h"

namespace litec::neon {

namespace detail {
// e^x for x in [-87, 88]: x = n ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor polynomial to
// r^6 / 720, times 2^n built in the exponent field.
LITEC_NEON_INLINE float32x4_t expLanes(float32x4_t x) {
  x = vminq_f32(vmaxq_f32(x, vdupq_n_f32(-87.f)), vdupq_n_f32(88.f));
  // n = x / ln 2 rounded half away from zero (the conversion truncates).
  const float32x4_t scaled = vmulq_f32(x, vdupq_n_f32(1.44269504f));
  const float32x4_t half =
      vbslq_f32(vcgeq_f32(scaled, vdupq_n_f32(0.f)), vdupq_n_f32(0.5f), vdupq_n_f32(-0.5f));
  const int32x4_t n = vcvtq_s32_f32(vaddq_f32(scaled, half));
  const float32x4_t nf = vcvtq_f32_s32(n);
  // ln 2 in two parts, so that n ln 2 is exact enough for the reduction.
  float32x4_t r = multiplyAdd(x, nf, vdupq_n_f32(-0.693145751953125f));
  r = multiplyAdd(r, nf, vdupq_n_f32(-1.428606765330187e-06f));
  float32x4_t poly = vdupq_n_f32(1.f / 720);
  poly = multiplyAdd(vdupq_n_f32(1.f / 120), poly, r);
  poly = multiplyAdd(vdupq_n_f32(1.f / 24), poly, r);
  poly = multiplyAdd(vdupq_n_f32(1.f / 6), poly, r);
  poly = multiplyAdd(vdupq_n_f32(0.5f), poly, r);
  poly = multiplyAdd(vdupq_n_f32(1.f), poly, r);
  poly = multiplyAdd(vdupq_n_f32(1.f), poly, r);
  const int32x4_t twoToN = vshlq_n_s32(vaddq_s32(n, vdupq_n_s32(127)), 23);
  return vmulq_f32(poly, vreinterpretq_f32_s32(twoToN));
}

template <runtime::Activation Op>
LITEC_NEON_INLINE float32x4_t activationLanes(float32x4_t x, float32x4_t alpha) {
  using runtime::Activation;
  const float32x4_t zero = vdupq_n_f32(0.f), one = vdupq_n_f32(1.f);
  if constexpr (Op == Activation::kRelu)
    return vmaxq_f32(x, zero);
  else if constexpr (Op == Activation::kRelu6)
    return clampVector(x, zero, vdupq_n_f32(6.f));
  else if constexpr (Op == Activation::kReluN1To1)
    return clampVector(x, vdupq_n_f32(-1.f), one);
  else if constexpr (Op == Activation::kRelu0To1)
    return clampVector(x, zero, one);
  else if constexpr (Op == Activation::kLogistic) {
    // 1 / (1 + e^-|x|), and e^-|x| / (1 + e^-|x|) for negative x: no overflow on either side.
    const float32x4_t e = expLanes(vnegq_f32(vabsq_f32(x)));
    const float32x4_t positive = divideLanes(one, vaddq_f32(one, e));
    return vbslq_f32(vcgeq_f32(x, zero), positive, vmulq_f32(e, positive));
  } else if constexpr (Op == Activation::kTanh) {
    // (1 - e^-2|x|) / (1 + e^-2|x|) with x's sign.
    const float32x4_t e = expLanes(vmulq_f32(vabsq_f32(x), vdupq_n_f32(-2.f)));
    const float32x4_t magnitude = divideLanes(vsubq_f32(one, e), vaddq_f32(one, e));
    return vbslq_f32(vcgeq_f32(x, zero), magnitude, vnegq_f32(magnitude));
  } else if constexpr (Op == Activation::kHardSwish) {
    const float32x4_t gate = clampVector(vaddq_f32(x, vdupq_n_f32(3.f)), zero, vdupq_n_f32(6.f));
    return divideLanes(vmulq_f32(x, gate), vdupq_n_f32(6.f));
  } else { // kLeakyRelu
    return vbslq_f32(vcgtq_f32(x, zero), x, vmulq_f32(x, alpha));
  }
}
} // namespace detail

template <runtime::Activation Op, class P>
void activationF32(const P &p, const float *input, float *output) {
  const float32x4_t alpha = vdupq_n_f32(p.alpha);
  auto lanes = [&](int i, int count) {
    return detail::activationLanes<Op>(loadUpTo(input + i, count), alpha);
  };
  storeEachVector(output, p.count, lanes);
}

} // namespace litec::neon
