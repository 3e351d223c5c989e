#pragma once

// QUANTIZE float32 to int8 or uint8 and DEQUANTIZE int8 or uint8 to float32, a vector (8 values,
// 16 with AVX-512) a step, bit-exact with the reference (templates/generic/Quantization.h). p:
// litec/ir/ops/Quantization.h's QuantizationParams.
// - QUANTIZE: x / scale (a division, as the reference's), rounded half away from zero (x86 has no
//   such rounding: the quotient truncated, plus one away from zero where the part cut off is at
//   least a half; both exact in float), plus the zero point and clamped to the type in float (a
//   sum past 2^24 may round, but it is clamped to the same end either way), NaN to the zero
//   point as the reference does; then converted and narrowed, exactly.
// - DEQUANTIZE: (q - zero point) converted exactly, times the scale in float. The reference
//   multiplies in double, but the product of a float scale and an integer below 2^16 is exact in
//   double, so its one rounding to float is the float multiply's.

#include "Common.h"

#include <cstring>
#include <limits>
#include <type_traits>

namespace litec::x86 {

namespace detail {
// round(x / scale) + zeroPoint, clamped to [low, high], NaN to zeroPoint: whole numbers in float.
LITEC_X86_INLINE F32::V quantizedLanes(F32::V x, F32::V scale, F32::V zeroPoint, F32::V low,
                                       F32::V high) {
  const F32::V q = F32::div(x, scale);
#if defined(__AVX512F__)
  const F32::V whole =
      _mm512_maskz_roundscale_ps(0xffff, q, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  const __mmask16 up =
      _mm512_cmp_ps_mask(F32::abs(F32::sub(q, whole)), F32::broadcast(0.5f), _CMP_GE_OQ);
  const F32::V away =
      _mm512_maskz_mov_ps(up, F32::ifNonNegative(q, F32::broadcast(1.f), F32::broadcast(-1.f)));
  const __mmask16 nan = _mm512_cmp_ps_mask(q, q, _CMP_UNORD_Q);
  const F32::V v = F32::min(high, F32::max(low, F32::add(F32::add(whole, away), zeroPoint)));
  return _mm512_mask_blend_ps(nan, v, zeroPoint);
#else
  const F32::V whole = _mm256_round_ps(q, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  const F32::V up = _mm256_cmp_ps(F32::abs(F32::sub(q, whole)), F32::broadcast(0.5f), _CMP_GE_OQ);
  const F32::V away =
      _mm256_and_ps(up, F32::ifNonNegative(q, F32::broadcast(1.f), F32::broadcast(-1.f)));
  const F32::V nan = _mm256_cmp_ps(q, q, _CMP_UNORD_Q);
  const F32::V v = F32::min(high, F32::max(low, F32::add(F32::add(whole, away), zeroPoint)));
  return _mm256_blendv_ps(v, zeroPoint, nan);
#endif
}

// The first `count` of a vector of whole numbers in Q's range, stored as Q.
template <typename Q> LITEC_X86_INLINE void storeNarrowed(Q *to, F32::V v, int count) {
#if defined(__AVX512F__)
  _mm512_mask_cvtepi32_storeu_epi8(to, F32::maskOf(count), _mm512_maskz_cvttps_epi32(0xffff, v));
#else
  const __m256i i32 = _mm256_cvttps_epi32(v);
  const __m128i i16 =
      _mm_packs_epi32(_mm256_castsi256_si128(i32), _mm256_extracti128_si256(i32, 1));
  const __m128i i8 =
      std::is_same_v<Q, std::int8_t> ? _mm_packs_epi16(i16, i16) : _mm_packus_epi16(i16, i16);
  if (count >= 8) {
    _mm_storel_epi64(reinterpret_cast<__m128i *>(to), i8);
  } else {
    Q lanes[16];
    _mm_storeu_si128(reinterpret_cast<__m128i *>(lanes), i8);
    std::memcpy(to, lanes, sizeof(Q) * std::size_t(count));
  }
#endif
}

// The first `count` (up to a vector's) of Q at `from` as int32 lanes converted to float; reads
// nothing beyond them.
template <typename Q> LITEC_X86_INLINE F32::V widened(const Q *from, int count) {
  constexpr int L = F32::kLanes;
  Q lanes[L] = {};
  if (count < L) {
    std::memcpy(lanes, from, sizeof(Q) * std::size_t(count));
    from = lanes;
  }
#if defined(__AVX512F__)
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from));
  // Zero-masked forms, as in Common.h: GCC 12's unmasked ones trip -Wmaybe-uninitialized.
  return _mm512_maskz_cvtepi32_ps(0xffff, std::is_same_v<Q, std::int8_t>
                                              ? _mm512_maskz_cvtepi8_epi32(0xffff, bytes)
                                              : _mm512_maskz_cvtepu8_epi32(0xffff, bytes));
#else
  const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(from));
  return _mm256_cvtepi32_ps(std::is_same_v<Q, std::int8_t> ? _mm256_cvtepi8_epi32(bytes)
                                                           : _mm256_cvtepu8_epi32(bytes));
#endif
}
} // namespace detail

template <typename Q, class P> void quantizeF32(const P &p, const float *input, Q *output) {
  static_assert(std::is_same_v<Q, std::int8_t> || std::is_same_v<Q, std::uint8_t>);
  constexpr int L = F32::kLanes;
  const F32::V scale = F32::broadcast(p.scale), zeroPoint = F32::broadcast(float(p.zeroPoint));
  const F32::V low = F32::broadcast(float(std::numeric_limits<Q>::min())),
               high = F32::broadcast(float(std::numeric_limits<Q>::max()));
  for (int i = 0; i < p.count; i += L) {
    const int count = p.count - i < L ? p.count - i : L;
    detail::storeNarrowed(
        output + i,
        detail::quantizedLanes(F32::loadUpTo(input + i, count), scale, zeroPoint, low, high),
        count);
  }
}

template <typename Q, class P> void dequantizeF32(const P &p, const Q *input, float *output) {
  static_assert(std::is_same_v<Q, std::int8_t> || std::is_same_v<Q, std::uint8_t>);
  constexpr int L = F32::kLanes;
  const F32::V scale = F32::broadcast(float(p.dequantizeScale));
  const F32::V zeroPoint = F32::broadcast(float(p.zeroPoint));
  for (int i = 0; i < p.count; i += L) {
    const int count = p.count - i < L ? p.count - i : L;
    // q - zero point is exact in float (both below 2^9).
    F32::storeUpTo(output + i,
                   F32::mul(F32::sub(detail::widened(input + i, count), zeroPoint), scale), count);
  }
}

} // namespace litec::x86
