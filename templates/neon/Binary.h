#pragma once

// Element-wise binary arithmetic on NEON lanes: TFLite's quantised rescaling, shared by the
// convolution microkernels' fused residual ADD, and the float element-wise kernels.

#include "Common.h"

#include "litec/runtime/BinaryRuns.h"
#include "litec/runtime/Params.h"

#include <cstdint>

namespace litec::neon {

namespace detail {
// TFLite's x * multiplier * 2^-right rounded (SaturatingRoundingDoublingHighMul, then
// RoundingDivideByPOT with ties away from zero: a rounding shift rounds ties up, so negative
// values are first moved down by one, as gemmlowp's NEON path does). negRight = -right.
LITEC_NEON_INLINE int32x4_t multiplyHighRoundingShift(int32x4_t x, int32x4_t multiplier,
                                                      int32x4_t negRight) {
  x = vqrdmulhq_s32(x, multiplier);
  const int32x4_t fixup = vshrq_n_s32(vandq_s32(x, negRight), 31);
  return vrshlq_s32(vqaddq_s32(x, fixup), negRight);
}

// The right shift of runtime::multiplyByQuantizedMultiplierSmallerThanOneExp, negated.
constexpr std::int32_t negatedRightShift(int shift) {
  return shift < -31 ? -31 : (shift > 0 ? 0 : shift);
}

// The first `count` (0..8) bytes at p, zeros after them; reads nothing beyond.
LITEC_NEON_INLINE int8x8_t loadUpTo8(const std::int8_t *p, int count) {
  if (count >= 8)
    return vld1_s8(p);
  std::int8_t lanes[8] = {};
  for (int i = 0; i < count; ++i)
    lanes[i] = p[i];
  return vld1_s8(lanes);
}

LITEC_NEON_INLINE void storeUpTo8(std::int8_t *p, int8x8_t v, int count) {
  if (count >= 8) {
    vst1_s8(p, v);
    return;
  }
  std::int8_t lanes[8];
  vst1_s8(lanes, v);
  for (int i = 0; i < count; ++i)
    p[i] = lanes[i];
}

// TFLite's quantised ADD (runtime::quantizedAdd; SUB with Subtract) of four pairs of raw
// values: each centred, given leftShift bits of headroom and moved to the common scale, summed
// (or subtracted), rescaled to the output, offset and clamped.
struct QuantizedAddLanes {
  int32x4_t offset1, offset2, leftShift, multiplier1, negRight1, multiplier2, negRight2;
  int32x4_t outputMultiplier, outputNegRight, outputOffset, low, high;
  explicit QuantizedAddLanes(const runtime::AddRescale &r)
      : offset1(vdupq_n_s32(r.input1Offset)), offset2(vdupq_n_s32(r.input2Offset)),
        leftShift(vdupq_n_s32(r.leftShift)), multiplier1(vdupq_n_s32(r.input1.multiplier)),
        negRight1(vdupq_n_s32(negatedRightShift(r.input1.shift))),
        multiplier2(vdupq_n_s32(r.input2.multiplier)),
        negRight2(vdupq_n_s32(negatedRightShift(r.input2.shift))),
        outputMultiplier(vdupq_n_s32(r.output.multiplier)),
        outputNegRight(vdupq_n_s32(negatedRightShift(r.output.shift))),
        outputOffset(vdupq_n_s32(r.outputOffset)), low(vdupq_n_s32(r.range.min)),
        high(vdupq_n_s32(r.range.max)) {}
  template <bool Subtract = false>
  LITEC_NEON_INLINE int32x4_t operator()(int32x4_t a, int32x4_t b) const {
    const int32x4_t first = multiplyHighRoundingShift(vshlq_s32(vaddq_s32(a, offset1), leftShift),
                                                      multiplier1, negRight1);
    const int32x4_t second = multiplyHighRoundingShift(vshlq_s32(vaddq_s32(b, offset2), leftShift),
                                                       multiplier2, negRight2);
    const int32x4_t sum =
        multiplyHighRoundingShift(Subtract ? vsubq_s32(first, second) : vaddq_s32(first, second),
                                  outputMultiplier, outputNegRight);
    return vminq_s32(vmaxq_s32(vaddq_s32(sum, outputOffset), low), high);
  }
  // Eight int8 pairs.
  template <bool Subtract = false>
  LITEC_NEON_INLINE int8x8_t operator()(int8x8_t a, int8x8_t b) const {
    const int16x8_t a16 = vmovl_s8(a), b16 = vmovl_s8(b);
    const int32x4_t r0 =
        this->operator()<Subtract>(vmovl_s16(vget_low_s16(a16)), vmovl_s16(vget_low_s16(b16)));
    const int32x4_t r1 =
        this->operator()<Subtract>(vmovl_s16(vget_high_s16(a16)), vmovl_s16(vget_high_s16(b16)));
    return vqmovn_s16(vcombine_s16(vqmovn_s32(r0), vqmovn_s32(r1)));
  }
};

// The float op of runtime::BinaryOp on four lanes, as the reference computes each (POW has no
// vector form and stays on the generic kernel).
template <runtime::BinaryOp Op>
LITEC_NEON_INLINE float32x4_t binaryLanes(float32x4_t x, float32x4_t y) {
  using runtime::BinaryOp;
  if constexpr (Op == BinaryOp::kAdd)
    return vaddq_f32(x, y);
  else if constexpr (Op == BinaryOp::kSub)
    return vsubq_f32(x, y);
  else if constexpr (Op == BinaryOp::kMul)
    return vmulq_f32(x, y);
  else if constexpr (Op == BinaryOp::kDiv)
    return divideLanes(x, y);
  else if constexpr (Op == BinaryOp::kMaximum)
    return selectGreater(x, y);
  else if constexpr (Op == BinaryOp::kMinimum)
    return selectLess(x, y);
  else if constexpr (Op == BinaryOp::kSquaredDifference) {
    const float32x4_t difference = vsubq_f32(x, y);
    return vmulq_f32(difference, difference);
  } else {
    static_assert(Op == BinaryOp::kPrelu, "no vector form of this op");
    return vbslq_f32(vcgeq_f32(x, vdupq_n_f32(0.f)), x, vmulq_f32(x, y));
  }
}

// One innermost run of n outputs; each operand steps by AStep / BStep (1: contiguous, 0: one
// value repeated).
template <runtime::BinaryOp Op, int AStep, int BStep>
LITEC_NEON_INLINE void binaryRowF32(const float *a, const float *b, float *out, int n,
                                    runtime::FloatRange range) {
  auto lanes = [&](int i, int count) {
    const float32x4_t x = AStep ? loadUpTo(a + i, count) : vdupq_n_f32(a[0]);
    const float32x4_t y = BStep ? loadUpTo(b + i, count) : vdupq_n_f32(b[0]);
    return clampToRange(binaryLanes<Op>(x, y), range);
  };
  storeEachVector(out, n, lanes);
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
        detail::binaryRowF32<Op, AStep, BStep>(a + ai, b + bi, output + out, n, p.floatRange);
      });
}

// int8 ADD and SUB (Subtract) with TFLite's broadcasting, bit-exact with the reference
// (runtime::quantizedAdd): p is the same BinaryParams as for binaryF32, with the quantised
// rescaling (input offsets, leftShift, input1, input2, output, outputOffset, intRange); eight
// outputs a step.
template <bool Subtract, int AStep, int BStep, class P>
void addInt8(const P &p, const std::int8_t *a, const std::int8_t *b, std::int8_t *output,
             runtime::Part part = {}) {
  const detail::QuantizedAddLanes add(runtime::AddRescale{p.input1Offset, p.input2Offset,
                                                          p.leftShift, p.input1, p.input2, p.output,
                                                          p.outputOffset, p.intRange});
  runtime::forEachBinaryRun(
      p, part, [&](std::int64_t out, std::int64_t ai, std::int64_t bi, int n) {
        const std::int8_t *x = a + ai, *y = b + bi;
        for (int i = 0; i < n; i += 8) {
          const int count = n - i < 8 ? n - i : 8;
          const int8x8_t xv = AStep ? detail::loadUpTo8(x + i, count) : vdup_n_s8(x[0]);
          const int8x8_t yv = BStep ? detail::loadUpTo8(y + i, count) : vdup_n_s8(y[0]);
          detail::storeUpTo8(output + out + i, add.template operator()<Subtract>(xv, yv), count);
        }
      });
}

} // namespace litec::neon
