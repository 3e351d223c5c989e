#pragma once

// QUANTIZE float32 to int8 or uint8 and DEQUANTIZE int8 or uint8 to float32 on NEON, eight
// elements a step, bit-exact with the reference (templates/generic/Quantization.h). p:
// litec/ir/ops/Quantization.h's QuantizationParams.
// - QUANTIZE: x / scale (a division, as the reference's), rounded half away from zero
//   (FCVTAS), plus the zero point, saturated to the type by the narrowing moves. FCVTAS turns NaN
//   into 0 (the reference's zero point) and saturates at the int32 ends, which the clamp to 8 bits
//   maps as the reference's clamp does. 32-bit ARM has neither vector division nor FCVTAS (nor
//   has SIMDe's host build FCVTAS): each lane is divided and rounded as the reference does.
// - DEQUANTIZE: (q - zero point) converted exactly, times the scale in float. The reference
//   multiplies in double, but the product of a float scale and an integer below 2^16 is exact in
//   double, so its one rounding to float is the float multiply's.

#include "Common.h"

#include <cmath>
#include <type_traits>

namespace litec::neon {

namespace detail {
// Copies the first `count` (0..8) elements from `from` to `to`, nothing else.
template <typename Q> LITEC_NEON_INLINE void copyUpTo8(Q *to, const Q *from, int count) {
  for (int i = 0; i < count; ++i)
    to[i] = from[i];
}

// round(x / scale) half away from zero, on four lanes.
LITEC_NEON_INLINE int32x4_t roundedQuotient(float32x4_t x, float32x4_t scale) {
  const float32x4_t q = divideLanes(x, scale);
#if LITEC_NEON_A64 && !defined(LITEC_NEON_SIMDE)
  return vcvtaq_s32_f32(q);
#else
  float lanes[4];
  vst1q_f32(lanes, q);
  std::int32_t rounded[4];
  for (int i = 0; i < 4; ++i) {
    // std::round, then the conversion's saturation (NaN to 0) as FCVTAS does it.
    const float r = std::round(lanes[i]);
    rounded[i] = r != r              ? 0
                 : r >= 2147483648.f ? 2147483647
                 : r < -2147483648.f ? INT32_MIN
                                     : std::int32_t(r);
  }
  return vld1q_s32(rounded);
#endif
}
} // namespace detail

template <typename Q, class P> void quantizeF32(const P &p, const float *input, Q *output) {
  static_assert(std::is_same_v<Q, std::int8_t> || std::is_same_v<Q, std::uint8_t>);
  const float32x4_t scale = vdupq_n_f32(p.scale);
  const int32x4_t zeroPoint = vdupq_n_s32(p.zeroPoint);
  // Eight values from `from` (count of them real) narrowed with saturation.
  auto eight = [&](const float *from, int count) {
    const float32x4_t low = loadUpTo(from, count), high = loadUpTo(from + 4, count - 4);
    const int16x8_t wide =
        vcombine_s16(vqmovn_s32(vqaddq_s32(detail::roundedQuotient(low, scale), zeroPoint)),
                     vqmovn_s32(vqaddq_s32(detail::roundedQuotient(high, scale), zeroPoint)));
    if constexpr (std::is_same_v<Q, std::int8_t>)
      return vqmovn_s16(wide);
    else
      return vqmovun_s16(wide);
  };
  int i = 0;
  for (; i + 8 <= p.count; i += 8) {
    if constexpr (std::is_same_v<Q, std::int8_t>)
      vst1_s8(output + i, eight(input + i, 8));
    else
      vst1_u8(output + i, eight(input + i, 8));
  }
  if (i < p.count) {
    Q lanes[8];
    if constexpr (std::is_same_v<Q, std::int8_t>)
      vst1_s8(lanes, eight(input + i, p.count - i));
    else
      vst1_u8(lanes, eight(input + i, p.count - i));
    detail::copyUpTo8(output + i, lanes, p.count - i);
  }
}

template <typename Q, class P> void dequantizeF32(const P &p, const Q *input, float *output) {
  static_assert(std::is_same_v<Q, std::int8_t> || std::is_same_v<Q, std::uint8_t>);
  const float32x4_t scale = vdupq_n_f32(float(p.dequantizeScale));
  const int16x4_t zeroPoint = vdup_n_s16(std::int16_t(p.zeroPoint));
  // Eight values widened to 16 bits (uint8 fits as is).
  auto widen = [](const Q *from) {
    if constexpr (std::is_same_v<Q, std::int8_t>)
      return vmovl_s8(vld1_s8(from));
    else
      return vreinterpretq_s16_u16(vmovl_u8(vld1_u8(from)));
  };
  auto lanes = [&](int16x4_t q) {
    return vmulq_f32(vcvtq_f32_s32(vsubl_s16(q, zeroPoint)), scale);
  };
  int i = 0;
  for (; i + 8 <= p.count; i += 8) {
    const int16x8_t q = widen(input + i);
    vst1q_f32(output + i, lanes(vget_low_s16(q)));
    vst1q_f32(output + i + 4, lanes(vget_high_s16(q)));
  }
  if (i < p.count) {
    Q bytes[8] = {};
    detail::copyUpTo8(bytes, input + i, p.count - i);
    const int16x8_t q = widen(bytes);
    float values[8];
    vst1q_f32(values, lanes(vget_low_s16(q)));
    vst1q_f32(values + 4, lanes(vget_high_s16(q)));
    for (int k = 0; i + k < p.count; ++k)
      output[i + k] = values[k];
  }
}

} // namespace litec::neon
