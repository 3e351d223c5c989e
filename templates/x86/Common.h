#pragma once

// What the x86 kernels share: the intrinsics header, the build's float vector, and the float
// epilogue applied in registers.
//
// One generated source serves every x86-64 build with AVX2 and FMA. The vector is the widest the
// build has, chosen by the preprocessor: 16 floats (AVX-512F: 32 registers, masked loads and
// stores) where __AVX512F__ is defined, else 8 (AVX2: 16 registers). `--cpu` chooses the register
// tiles for that width; a source compiled for one --cpu builds and answers the same for every
// other, only slower. Without AVX2 and FMA the build stops here.

#if !defined(__AVX2__) || !defined(__FMA__)
#error                                                                                             \
    "litec: this layer was compiled for --target x86; build it with AVX2 and FMA (-march=x86-64-v3, -mavx2 -mfma, or -march=native on such a CPU), or compile the model with --target generic"
#endif

#include <immintrin.h>

#include "litec/runtime/ConvolutionInt8Layout.h"
#include "litec/runtime/Operators.h"
#include "litec/runtime/Params.h"

#include <cstdint>
#include <limits>

// The microkernels' building blocks are always inlined into the kernel: each works on part of a
// register tile, and a call would put the tile in memory.
#if defined(__GNUC__)
#define LITEC_X86_INLINE inline __attribute__((always_inline))
#define LITEC_X86_INLINE_LAMBDA __attribute__((always_inline))
#else
#define LITEC_X86_INLINE inline
#define LITEC_X86_INLINE_LAMBDA
#endif

namespace litec::x86 {

// n, hidden from the optimiser (a loop bound it then treats as unknown). GCC 12 allocates the
// registers of an int8 GEMM's inner loop badly when it knows the loop's trip count (every layer's
// K is a compile-time constant): it spilled the 24 VPDPBUSD sums of a 6x64 tile to the stack and
// reloaded them on every step, a third of the rate it reaches with the count unknown.
LITEC_X86_INLINE int opaque(int n) {
#if defined(__GNUC__)
  asm("" : "+r"(n));
#endif
  return n;
}

// The build's float vector: kLanes floats and what the kernels do with them. min and max take the
// bound first: the instructions return their second operand where either is NaN, so a NaN input
// stays NaN, as the reference's clamp keeps it.
#if defined(__AVX512F__)
struct F32 {
  using V = __m512;
  static constexpr int kLanes = 16;
  // The lanes a partial vector uses, made once (maskOf) where a kernel walks many vectors of the
  // same width: made per load, it cost more than the arithmetic (a depthwise layer of 8 channels
  // ran 5x slower than the AVX2 build).
  using Mask = __mmask16;
  static LITEC_X86_INLINE Mask maskOf(int count) {
    return count >= 16 ? Mask(0xffff) : Mask((1u << (count > 0 ? count : 0)) - 1);
  }
  static LITEC_X86_INLINE V zero() { return _mm512_setzero_ps(); }
  static LITEC_X86_INLINE V broadcast(float x) { return _mm512_set1_ps(x); }
  static LITEC_X86_INLINE V load(const float *p) { return _mm512_loadu_ps(p); }
  // The mask's floats at p, zeros after them; reads nothing beyond.
  static LITEC_X86_INLINE V loadMasked(const float *p, Mask m) {
    return _mm512_maskz_loadu_ps(m, p);
  }
  static LITEC_X86_INLINE V loadUpTo(const float *p, int count) {
    return loadMasked(p, maskOf(count));
  }
  // Lanes base[index[j]] for the mask's lanes j, zeros after them.
  static LITEC_X86_INLINE V gatherMasked(const float *base, const std::int32_t *index, Mask m) {
    return _mm512_mask_i32gather_ps(zero(), m, _mm512_loadu_si512(static_cast<const void *>(index)),
                                    base, 4);
  }
  static LITEC_X86_INLINE V gatherUpTo(const float *base, const std::int32_t *index, int count) {
    return gatherMasked(base, index, maskOf(count));
  }
  static LITEC_X86_INLINE void store(float *p, V v) { _mm512_storeu_ps(p, v); }
  static LITEC_X86_INLINE void storeMasked(float *p, V v, Mask m) {
    _mm512_mask_storeu_ps(p, m, v);
  }
  static LITEC_X86_INLINE void storeUpTo(float *p, V v, int count) {
    storeMasked(p, v, maskOf(count));
  }
  // The lanes of m, which are the first `count`: stored the cheaper of the two ways.
  static LITEC_X86_INLINE void storePartial(float *p, V v, Mask m, int) { storeMasked(p, v, m); }
  // a * b + c, fused.
  static LITEC_X86_INLINE V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
  static LITEC_X86_INLINE V add(V a, V b) { return _mm512_add_ps(a, b); }
  static LITEC_X86_INLINE V mul(V a, V b) { return _mm512_mul_ps(a, b); }
  static LITEC_X86_INLINE V div(V a, V b) { return _mm512_div_ps(a, b); }
  // Zero-masked forms with every lane kept, here and below: GCC 12's unmasked _mm512_max_ps,
  // _mm512_min_ps, _mm512_roundscale_ps, _mm512_cvtps_epi32 and _mm512_slli_epi32 pass an
  // undefined vector that -Wmaybe-uninitialized reports, which would stop -Werror builds.
  static LITEC_X86_INLINE V max(V bound, V x) { return _mm512_maskz_max_ps(0xffff, bound, x); }
  static LITEC_X86_INLINE V min(V bound, V x) { return _mm512_maskz_min_ps(0xffff, bound, x); }
  // x >= 0 ? x : other, lane by lane.
  static LITEC_X86_INLINE V whereNonNegative(V x, V other) {
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero(), _CMP_GE_OQ), other, x);
  }
  // x > 0 ? x : other, and x >= 0 ? a : b, lane by lane.
  static LITEC_X86_INLINE V wherePositive(V x, V other) {
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero(), _CMP_GT_OQ), other, x);
  }
  static LITEC_X86_INLINE V ifNonNegative(V x, V a, V b) {
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero(), _CMP_GE_OQ), b, a);
  }
  static LITEC_X86_INLINE V sub(V a, V b) { return _mm512_sub_ps(a, b); }
  // |x| and -x by the sign bit, as the reference's fabs and negation.
  static LITEC_X86_INLINE V abs(V x) {
    return _mm512_castsi512_ps(
        _mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32(0x7fffffff)));
  }
  static LITEC_X86_INLINE V neg(V x) {
    return _mm512_castsi512_ps(
        _mm512_xor_si512(_mm512_castps_si512(x), _mm512_set1_epi32(int(0x80000000u))));
  }
  // x rounded to the nearest integer (ties to even: the rounding mode), and 2^n for integral n
  // in [-126, 127] built in the exponent field.
  static LITEC_X86_INLINE V roundNearest(V x) {
    return _mm512_maskz_roundscale_ps(0xffff, x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  }
  static LITEC_X86_INLINE V powerOfTwo(V n) {
    return _mm512_castsi512_ps(_mm512_maskz_slli_epi32(
        0xffff, _mm512_add_epi32(_mm512_maskz_cvtps_epi32(0xffff, n), _mm512_set1_epi32(127)), 23));
  }
};
#else
struct F32 {
  using V = __m256;
  static constexpr int kLanes = 8;
  using Mask = __m256i;
  static LITEC_X86_INLINE Mask maskOf(int count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static LITEC_X86_INLINE V zero() { return _mm256_setzero_ps(); }
  static LITEC_X86_INLINE V broadcast(float x) { return _mm256_set1_ps(x); }
  static LITEC_X86_INLINE V load(const float *p) { return _mm256_loadu_ps(p); }
  static LITEC_X86_INLINE V loadMasked(const float *p, Mask m) { return _mm256_maskload_ps(p, m); }
  static LITEC_X86_INLINE V loadUpTo(const float *p, int count) {
    return count >= 8 ? _mm256_loadu_ps(p) : loadMasked(p, maskOf(count));
  }
  static LITEC_X86_INLINE V gatherMasked(const float *base, const std::int32_t *index, Mask m) {
    return _mm256_mask_i32gather_ps(zero(), base,
                                    _mm256_loadu_si256(reinterpret_cast<const __m256i *>(index)),
                                    _mm256_castsi256_ps(m), 4);
  }
  static LITEC_X86_INLINE V gatherUpTo(const float *base, const std::int32_t *index, int count) {
    return gatherMasked(base, index, maskOf(count));
  }
  static LITEC_X86_INLINE void store(float *p, V v) { _mm256_storeu_ps(p, v); }
  static LITEC_X86_INLINE void storeMasked(float *p, V v, Mask m) { _mm256_maskstore_ps(p, m, v); }
  // A partial vector stored in pieces of 4, 2 and 1 floats, not by VMASKMOVPS, whose store took
  // 4x a plain store's time on Zen 4 (bench/x86_stores.cpp). The count is nearly always a
  // compile-time constant of the layer, and the tests fold. A count of 0 or less stores nothing
  // (a panel's vectors past the layer's channels).
  static LITEC_X86_INLINE void storeUpTo(float *p, V v, int count) {
    if (count >= 8) {
      _mm256_storeu_ps(p, v);
      return;
    }
    if (count <= 0)
      return;
    __m128 part = _mm256_castps256_ps128(v);
    if (count & 4) {
      _mm_storeu_ps(p, part);
      part = _mm256_extractf128_ps(v, 1);
      p += 4;
    }
    if (count & 2) {
      _mm_storel_pi(reinterpret_cast<__m64 *>(p), part);
      part = _mm_movehl_ps(part, part);
      p += 2;
    }
    if (count & 1)
      _mm_store_ss(p, part);
  }
  // The lanes of m, which are the first `count`: stored the cheaper of the two ways.
  static LITEC_X86_INLINE void storePartial(float *p, V v, Mask, int count) {
    storeUpTo(p, v, count);
  }
  static LITEC_X86_INLINE V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
  static LITEC_X86_INLINE V add(V a, V b) { return _mm256_add_ps(a, b); }
  static LITEC_X86_INLINE V mul(V a, V b) { return _mm256_mul_ps(a, b); }
  static LITEC_X86_INLINE V div(V a, V b) { return _mm256_div_ps(a, b); }
  static LITEC_X86_INLINE V max(V bound, V x) { return _mm256_max_ps(bound, x); }
  static LITEC_X86_INLINE V min(V bound, V x) { return _mm256_min_ps(bound, x); }
  static LITEC_X86_INLINE V whereNonNegative(V x, V other) {
    return _mm256_blendv_ps(other, x, _mm256_cmp_ps(x, zero(), _CMP_GE_OQ));
  }
  static LITEC_X86_INLINE V wherePositive(V x, V other) {
    return _mm256_blendv_ps(other, x, _mm256_cmp_ps(x, zero(), _CMP_GT_OQ));
  }
  static LITEC_X86_INLINE V ifNonNegative(V x, V a, V b) {
    return _mm256_blendv_ps(b, a, _mm256_cmp_ps(x, zero(), _CMP_GE_OQ));
  }
  static LITEC_X86_INLINE V sub(V a, V b) { return _mm256_sub_ps(a, b); }
  static LITEC_X86_INLINE V abs(V x) {
    return _mm256_and_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff)));
  }
  static LITEC_X86_INLINE V neg(V x) {
    return _mm256_xor_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(int(0x80000000u))));
  }
  static LITEC_X86_INLINE V roundNearest(V x) {
    return _mm256_round_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  }
  static LITEC_X86_INLINE V powerOfTwo(V n) {
    return _mm256_castsi256_ps(
        _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23));
  }
};
#endif

// Writes n floats at `out`, a vector at a time: lanes(i, count) gives the vector of elements
// i..i + kLanes (only its first `count` lanes count, count < kLanes only at the very end). Four
// vectors per step while they last, so that their loads and arithmetic overlap.
template <class Lanes> LITEC_X86_INLINE void storeEachVector(float *out, int n, Lanes &&lanes) {
  constexpr int L = F32::kLanes;
  int i = 0;
  for (; i + 4 * L <= n; i += 4 * L) {
    const F32::V r0 = lanes(i, L), r1 = lanes(i + L, L), r2 = lanes(i + 2 * L, L),
                 r3 = lanes(i + 3 * L, L);
    F32::store(out + i, r0);
    F32::store(out + i + L, r1);
    F32::store(out + i + 2 * L, r2);
    F32::store(out + i + 3 * L, r3);
  }
  for (; i + L <= n; i += L)
    F32::store(out + i, lanes(i, L));
  if (i < n)
    F32::storeUpTo(out + i, lanes(i, n - i), n - i);
}

// v clamped to a layer's activation range; an infinite bound costs nothing (the range is a
// compile-time constant of the layer). As the reference's clamp, NaN stays.
LITEC_X86_INLINE F32::V clampToRange(F32::V v, runtime::FloatRange range) {
  if (range.min > -std::numeric_limits<float>::infinity())
    v = F32::max(F32::broadcast(range.min), v);
  if (range.max < std::numeric_limits<float>::infinity())
    v = F32::min(F32::broadcast(range.max), v);
  return v;
}

// The float epilogue of a fused convolution (runtime::ConvolutionEpilogue) on the channels c..
// of one output pixel, after the convolution's own clamp: the residual added and clamped to the
// ADD's activation (the residual's channels from epilogueChannels on add 0), PRELU's
// x >= 0 ? x : x * slope, or HARD_SWISH's x * min(max(x + 3, 0), 6) / 6, as the reference
// computes each. `extra`: the pixel's residual channels, or the PRELU slopes.
template <class P>
LITEC_X86_INLINE F32::V epilogueLanes(const P &p, F32::V v, const float *extra, int c) {
  using runtime::ConvolutionEpilogue;
  if (p.epilogue == int(ConvolutionEpilogue::kResidual)) {
    const F32::V residual = F32::loadUpTo(extra + c, p.epilogueChannels - c);
    return clampToRange(F32::add(residual, v), p.epilogueRange);
  }
  if (p.epilogue == int(ConvolutionEpilogue::kPrelu)) {
    const F32::V slope =
        p.epilogueChannels == 1 ? F32::broadcast(extra[0]) : F32::loadUpTo(extra + c, p.outC - c);
    return F32::whereNonNegative(v, F32::mul(v, slope));
  }
  if (p.epilogue == int(ConvolutionEpilogue::kHardSwish)) {
    const F32::V gate =
        F32::min(F32::broadcast(6.f), F32::max(F32::zero(), F32::add(v, F32::broadcast(3.f))));
    return F32::div(F32::mul(v, gate), F32::broadcast(6.f));
  }
  return v;
}

// ---- int8 ----
//
// The int8 kernels' vector: I32, kLanes int32 lanes, 16 where the build has AVX-512BW and VL (the
// byte and word instructions and masked byte stores), else 8 (AVX2). A lane's four bytes are
// multiplied by four signed weight bytes and summed into it by VPDPBUSD where the build has VNNI
// at that width (LITEC_X86_VNNI: AVX512-VNNI for 16 lanes, AVX-VNNI or AVX512-VNNI with VL for
// 8), else by two VPMADDWD on the bytes sign-extended to 16 bits (the even bytes, then the odd
// ones: exact, each pair's products summed in 32 bits).
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#define LITEC_X86_I32_LANES 16
#if defined(__AVX512VNNI__)
#define LITEC_X86_VNNI 1
#endif
#else
#define LITEC_X86_I32_LANES 8
#if defined(__AVXVNNI__) || (defined(__AVX512VNNI__) && defined(__AVX512VL__))
#define LITEC_X86_VNNI 1
#endif
#endif
#if !defined(LITEC_X86_VNNI)
#define LITEC_X86_VNNI 0
#endif

#if LITEC_X86_I32_LANES == 16
// The zero-masked forms with every lane kept, as F32's: GCC 12's unmasked forms of these
// instructions pass an undefined vector that -Wuninitialized reports.
struct I32 {
  using V = __m512i;
  using Mask = __mmask16;
  static constexpr int kLanes = 16;
  static LITEC_X86_INLINE Mask maskOf(int count) {
    return count >= 16 ? Mask(0xffff) : Mask((1u << (count > 0 ? count : 0)) - 1);
  }
  static LITEC_X86_INLINE V zero() { return _mm512_setzero_si512(); }
  static LITEC_X86_INLINE V broadcast(std::int32_t x) { return _mm512_set1_epi32(x); }
  static LITEC_X86_INLINE V load(const std::int32_t *p) {
    return _mm512_loadu_si512(static_cast<const void *>(p));
  }
  // 64 bytes (a group of 16 output channels' four weights).
  static LITEC_X86_INLINE V loadBytes(const std::int8_t *p) {
    return _mm512_loadu_si512(static_cast<const void *>(p));
  }
  // The first `count` bytes at p sign-extended to int32 lanes, zeros after them; reads nothing
  // beyond.
  static LITEC_X86_INLINE V widenMasked(const std::int8_t *p, Mask m) {
    return _mm512_maskz_cvtepi8_epi32(Mask(0xffff), _mm_maskz_loadu_epi8(m, p));
  }
  static LITEC_X86_INLINE V widenUpTo(const std::int8_t *p, int count) {
    return widenMasked(p, maskOf(count));
  }
  static LITEC_X86_INLINE V widen(const std::int8_t *p) {
    return _mm512_maskz_cvtepi8_epi32(Mask(0xffff),
                                      _mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
  }
  // Lane j of the result is lane index[j] of v.
  static LITEC_X86_INLINE V permute(V v, V index) {
    return _mm512_mask_permutexvar_epi32(v, Mask(0xffff), index, v);
  }
  static LITEC_X86_INLINE V add(V a, V b) { return _mm512_add_epi32(a, b); }
  static LITEC_X86_INLINE V sub(V a, V b) { return _mm512_sub_epi32(a, b); }
  static LITEC_X86_INLINE V mullo(V a, V b) { return _mm512_mullo_epi32(a, b); }
  static LITEC_X86_INLINE V max(V a, V b) { return _mm512_maskz_max_epi32(Mask(0xffff), a, b); }
  static LITEC_X86_INLINE V min(V a, V b) { return _mm512_maskz_min_epi32(Mask(0xffff), a, b); }
  static LITEC_X86_INLINE V shiftLeft(V x, V count) {
    return _mm512_maskz_sllv_epi32(Mask(0xffff), x, count);
  }
  static LITEC_X86_INLINE V shiftRight(V x, V count) {
    return _mm512_maskz_srav_epi32(Mask(0xffff), x, count);
  }
  // round(x * m / 2^31) lane by lane, halves up (gemmlowp's rounding doubling high multiply, whose
  // one saturating case, both INT32_MIN, a multiplier never is): the even lanes' 64-bit products,
  // then the odd lanes' (mOdd: m's odd lanes moved down), each nudged by 2^30 and shifted.
  static LITEC_X86_INLINE V highMultiply(V x, V m, V mOdd) {
    const V nudge = _mm512_set1_epi64(std::int64_t(1) << 30);
    const V even = _mm512_maskz_srli_epi64(
        __mmask8(0xff), _mm512_add_epi64(_mm512_maskz_mul_epi32(__mmask8(0xff), x, m), nudge), 31);
    const V odd = _mm512_maskz_slli_epi64(
        __mmask8(0xff),
        _mm512_add_epi64(_mm512_maskz_mul_epi32(
                             __mmask8(0xff), _mm512_maskz_srli_epi64(__mmask8(0xff), x, 32), mOdd),
                         nudge),
        1);
    return _mm512_mask_blend_epi32(Mask(0xaaaa), even, odd);
  }
  static LITEC_X86_INLINE V oddLanesDown(V m) {
    return _mm512_maskz_srli_epi64(__mmask8(0xff), m, 32);
  }
  // The 64-bit products x * m of the even lanes (the odd lanes': x and m moved down first).
  static LITEC_X86_INLINE V multiplyEven(V x, V m) {
    return _mm512_maskz_mul_epi32(__mmask8(0xff), x, m);
  }
  // 64-bit lanes: product + (product < 0 ? negative : nonNegative).
  static LITEC_X86_INLINE V addRounding(V product, V nonNegative, V negative) {
    return _mm512_add_epi64(
        product, _mm512_mask_blend_epi64(_mm512_cmplt_epi64_mask(product, _mm512_setzero_si512()),
                                         nonNegative, negative));
  }
  // The high halves of the 64-bit lanes of even and odd as one vector of int32 lanes.
  static LITEC_X86_INLINE V highHalves(V even, V odd) {
    return _mm512_mask_blend_epi32(Mask(0xaaaa), _mm512_maskz_srli_epi64(__mmask8(0xff), even, 32),
                                   odd);
  }
  // 64-bit lanes: the low (even) int32 lane of each, zero-extended; 2^shift of each lane.
  static LITEC_X86_INLINE V evenLanes64(V x) {
    return _mm512_and_si512(x, _mm512_set1_epi64(0xffffffff));
  }
  static LITEC_X86_INLINE V powerOfTwo64(V shift) {
    return _mm512_maskz_sllv_epi64(__mmask8(0xff), _mm512_set1_epi64(1), shift);
  }
  static LITEC_X86_INLINE V add64(V a, V b) { return _mm512_add_epi64(a, b); }
  static LITEC_X86_INLINE V broadcast64(std::int64_t x) { return _mm512_set1_epi64(x); }
  // x >> right, plus one where the remainder (x & mask) exceeds threshold: the rounding of
  // roundingDivideByPOT.
  static LITEC_X86_INLINE V roundShift(V x, V right, V mask, V half) {
    const V threshold = _mm512_sub_epi32(half, _mm512_maskz_srai_epi32(Mask(0xffff), x, 31));
    const V shifted = _mm512_maskz_srav_epi32(Mask(0xffff), x, right);
    return _mm512_mask_add_epi32(shifted,
                                 _mm512_cmpgt_epi32_mask(_mm512_and_si512(x, mask), threshold),
                                 shifted, _mm512_set1_epi32(1));
  }
  // Lanes already within int8, stored as `count` bytes (all 16 when count >= 16).
  static LITEC_X86_INLINE void storeBytesMasked(std::int8_t *p, V v, Mask m) {
    _mm512_mask_cvtepi32_storeu_epi8(p, m, v);
  }
  static LITEC_X86_INLINE void storeBytes(std::int8_t *p, V v, int count) {
    storeBytesMasked(p, v, maskOf(count));
  }
  // The dot product's operands: an input word or a weight vector as dot() reads them (VNNI: the
  // input's bytes moved to unsigned by XOR 0x80, the stage table's starting sums taking the
  // excess back; else each split into its even and odd bytes, sign-extended to 16 bits).
  struct Operand {
    V first, second;
  };
  static LITEC_X86_INLINE Operand input(V x) {
#if LITEC_X86_VNNI
    return {_mm512_xor_si512(x, _mm512_set1_epi32(int(0x80808080u))), x};
#else
    return {_mm512_srai_epi16(_mm512_slli_epi16(x, 8), 8), _mm512_srai_epi16(x, 8)};
#endif
  }
  static LITEC_X86_INLINE Operand weights(V w) {
#if LITEC_X86_VNNI
    return {w, w};
#else
    return {_mm512_srai_epi16(_mm512_slli_epi16(w, 8), 8), _mm512_srai_epi16(w, 8)};
#endif
  }
  // acc + each lane's four products of x's bytes and w's.
  static LITEC_X86_INLINE V dot(V acc, const Operand &x, const Operand &w) {
#if LITEC_X86_VNNI
    return _mm512_dpbusd_epi32(acc, x.first, w.first);
#else
    return _mm512_add_epi32(acc, _mm512_add_epi32(_mm512_madd_epi16(x.first, w.first),
                                                  _mm512_madd_epi16(x.second, w.second)));
#endif
  }
};
#else
struct I32 {
  using V = __m256i;
  // AVX2 has no byte masks: a partial vector's "mask" is its count of lanes.
  using Mask = int;
  static constexpr int kLanes = 8;
  static LITEC_X86_INLINE Mask maskOf(int count) { return count; }
  static LITEC_X86_INLINE V zero() { return _mm256_setzero_si256(); }
  static LITEC_X86_INLINE V broadcast(std::int32_t x) { return _mm256_set1_epi32(x); }
  static LITEC_X86_INLINE V load(const std::int32_t *p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
  }
  static LITEC_X86_INLINE V loadBytes(const std::int8_t *p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
  }
  // The first `count` bytes at p sign-extended to int32 lanes, zeros after them; reads nothing
  // beyond. The bytes are put together in a register: stored to the stack and loaded as one
  // word, they stalled every load on a failed store-to-load forwarding (micro_speech's depthwise
  // layer, one input channel gathered per tap, ran 5x slower than on generic code).
  static LITEC_X86_INLINE V widenUpTo(const std::int8_t *p, int count) {
    if (count >= 8)
      return widen(p);
    std::uint64_t bytes = 0;
    for (int i = 0; i < count; ++i)
      bytes |= std::uint64_t(std::uint8_t(p[i])) << (8 * i);
    return _mm256_cvtepi8_epi32(_mm_cvtsi64_si128(static_cast<long long>(bytes)));
  }
  static LITEC_X86_INLINE V widenMasked(const std::int8_t *p, Mask m) { return widenUpTo(p, m); }
  static LITEC_X86_INLINE V widen(const std::int8_t *p) {
    return _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p)));
  }
  static LITEC_X86_INLINE V permute(V v, V index) { return _mm256_permutevar8x32_epi32(v, index); }
  static LITEC_X86_INLINE V add(V a, V b) { return _mm256_add_epi32(a, b); }
  static LITEC_X86_INLINE V sub(V a, V b) { return _mm256_sub_epi32(a, b); }
  static LITEC_X86_INLINE V mullo(V a, V b) { return _mm256_mullo_epi32(a, b); }
  static LITEC_X86_INLINE V max(V a, V b) { return _mm256_max_epi32(a, b); }
  static LITEC_X86_INLINE V min(V a, V b) { return _mm256_min_epi32(a, b); }
  static LITEC_X86_INLINE V shiftLeft(V x, V count) { return _mm256_sllv_epi32(x, count); }
  static LITEC_X86_INLINE V shiftRight(V x, V count) { return _mm256_srav_epi32(x, count); }
  static LITEC_X86_INLINE V highMultiply(V x, V m, V mOdd) {
    const V nudge = _mm256_set1_epi64x(std::int64_t(1) << 30);
    const V even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, m), nudge), 31);
    const V odd = _mm256_slli_epi64(
        _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), mOdd), nudge), 1);
    return _mm256_blend_epi32(even, odd, 0xaa);
  }
  static LITEC_X86_INLINE V oddLanesDown(V m) { return _mm256_srli_epi64(m, 32); }
  static LITEC_X86_INLINE V multiplyEven(V x, V m) { return _mm256_mul_epi32(x, m); }
  static LITEC_X86_INLINE V addRounding(V product, V nonNegative, V negative) {
    return _mm256_add_epi64(
        product, _mm256_blendv_epi8(nonNegative, negative,
                                    _mm256_cmpgt_epi64(_mm256_setzero_si256(), product)));
  }
  static LITEC_X86_INLINE V highHalves(V even, V odd) {
    return _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xaa);
  }
  static LITEC_X86_INLINE V evenLanes64(V x) {
    return _mm256_and_si256(x, _mm256_set1_epi64x(0xffffffff));
  }
  static LITEC_X86_INLINE V powerOfTwo64(V shift) {
    return _mm256_sllv_epi64(_mm256_set1_epi64x(1), shift);
  }
  static LITEC_X86_INLINE V add64(V a, V b) { return _mm256_add_epi64(a, b); }
  static LITEC_X86_INLINE V broadcast64(std::int64_t x) { return _mm256_set1_epi64x(x); }
  static LITEC_X86_INLINE V roundShift(V x, V right, V mask, V half) {
    const V threshold = _mm256_sub_epi32(half, _mm256_srai_epi32(x, 31));
    // The comparison's -1 where the remainder exceeds the threshold: subtracted, one added.
    return _mm256_sub_epi32(_mm256_srav_epi32(x, right),
                            _mm256_cmpgt_epi32(_mm256_and_si256(x, mask), threshold));
  }
  static LITEC_X86_INLINE void storeBytes(std::int8_t *p, V v, int count) {
    const __m128i words =
        _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    const __m128i bytes = _mm_packs_epi16(words, words);
    if (count >= 8) {
      _mm_storel_epi64(reinterpret_cast<__m128i *>(p), bytes);
      return;
    }
    std::int8_t lanes[16];
    _mm_storeu_si128(reinterpret_cast<__m128i *>(lanes), bytes);
    for (int i = 0; i < count; ++i)
      p[i] = lanes[i];
  }
  static LITEC_X86_INLINE void storeBytesMasked(std::int8_t *p, V v, Mask m) {
    storeBytes(p, v, m);
  }
  struct Operand {
    V first, second;
  };
  static LITEC_X86_INLINE Operand input(V x) {
#if LITEC_X86_VNNI
    return {_mm256_xor_si256(x, _mm256_set1_epi32(int(0x80808080u))), x};
#else
    return {_mm256_srai_epi16(_mm256_slli_epi16(x, 8), 8), _mm256_srai_epi16(x, 8)};
#endif
  }
  static LITEC_X86_INLINE Operand weights(V w) {
#if LITEC_X86_VNNI
    return {w, w};
#else
    return {_mm256_srai_epi16(_mm256_slli_epi16(w, 8), 8), _mm256_srai_epi16(w, 8)};
#endif
  }
  static LITEC_X86_INLINE V dot(V acc, const Operand &x, const Operand &w) {
#if LITEC_X86_VNNI && defined(__AVXVNNI__)
    return _mm256_dpbusd_avx_epi32(acc, x.first, w.first);
#elif LITEC_X86_VNNI
    return _mm256_dpbusd_epi32(acc, x.first, w.first);
#else
    return _mm256_add_epi32(acc, _mm256_add_epi32(_mm256_madd_epi16(x.first, w.first),
                                                  _mm256_madd_epi16(x.second, w.second)));
#endif
  }
};
#endif

// TFLite's MultiplyByQuantizedMultiplier (runtime::multiplyByQuantizedMultiplier) on I32 lanes,
// each with its own multiplier and shifts: the left shift (dropped for kRightShift, where every
// lane's is 0), the rounding doubling high multiply, the rounding right shift with ties away
// from zero. Bit-exact.
template <runtime::Requantization R = runtime::Requantization::kGeneral> struct Requantizer {
  I32::V multiplier, multiplierOdd, left, right, mask, half;
  Requantizer() = default;
  // From the lanes' multipliers, left shifts and right shifts (non-negative, at most 31).
  LITEC_X86_INLINE Requantizer(I32::V m, I32::V leftShift, I32::V rightShift)
      : multiplier(m), multiplierOdd(I32::oddLanesDown(m)), left(leftShift), right(rightShift) {
    mask = I32::sub(I32::shiftLeft(I32::broadcast(1), right), I32::broadcast(1));
    half = I32::shiftRight(mask, I32::broadcast(1));
  }
  LITEC_X86_INLINE I32::V operator()(I32::V x) const {
    if constexpr (R == runtime::Requantization::kGeneral)
      x = I32::shiftLeft(x, left);
    return I32::roundShift(I32::highMultiply(x, multiplier, multiplierOdd), right, mask, half);
  }
};

// Requantizer<kRightShift> where every lane's right shift e is at least 1 (a convolution's
// kRightShift: each multiplier's shift negative), in one rounding instead of TFLite's two. With
// t = x * m, the rounding doubling high multiply is y = floor((t + 2^30) / 2^31) (halves up), and
// the rounding divide by 2^e of y (halves away from zero) is floor((y + 2^(e-1)) / 2^e) for
// y >= 0, floor((y + 2^(e-1) - 1) / 2^e) for y < 0. Floors of floors with integers added
// between them compose, so the result is floor((t + 2^30 + 2^(30+e) - (t < 0 ? 2^31 : 0)) /
// 2^(31+e)): the condition may be t < 0 rather than y < 0, since for -2^30 <= t < 0 both forms
// give 0 when e >= 1. The 64-bit sum's high half then takes an arithmetic shift by e - 1.
// Bit-exact with the two roundings; 12 instructions a vector against their 14.
struct RightShiftRequantizer {
  I32::V multiplier, multiplierOdd, roundEven, roundEvenNegative, roundOdd, roundOddNegative, shift;
  RightShiftRequantizer() = default;
  // From the lanes' multipliers and right shifts (1 to 31); the left shifts are all 0.
  LITEC_X86_INLINE RightShiftRequantizer(I32::V m, I32::V, I32::V rightShift)
      : multiplier(m), multiplierOdd(I32::oddLanesDown(m)),
        shift(I32::sub(rightShift, I32::broadcast(1))) {
    const I32::V half = I32::broadcast64(std::int64_t(1) << 30);
    const I32::V thirty = I32::broadcast64(30),
                 negative = I32::broadcast64(-(std::int64_t(1) << 31));
    roundEven =
        I32::add64(half, I32::powerOfTwo64(I32::add64(I32::evenLanes64(rightShift), thirty)));
    roundOdd =
        I32::add64(half, I32::powerOfTwo64(I32::add64(I32::oddLanesDown(rightShift), thirty)));
    roundEvenNegative = I32::add64(roundEven, negative);
    roundOddNegative = I32::add64(roundOdd, negative);
  }
  LITEC_X86_INLINE I32::V operator()(I32::V x) const {
    const I32::V even =
        I32::addRounding(I32::multiplyEven(x, multiplier), roundEven, roundEvenNegative);
    const I32::V odd = I32::addRounding(I32::multiplyEven(I32::oddLanesDown(x), multiplierOdd),
                                        roundOdd, roundOddNegative);
    return I32::shiftRight(I32::highHalves(even, odd), shift);
  }
};

// TFLite's quantised ADD (runtime::quantizedAdd) of I32 lanes of raw int8 values: each centred,
// given leftShift bits of headroom and moved to the common scale, summed, rescaled to the output,
// offset and clamped.
struct QuantizedAddLanes {
  I32::V offset1, offset2, leftShift, outputOffset, low, high;
  Requantizer<runtime::Requantization::kRightShift> input1, input2, output;
  static LITEC_X86_INLINE Requantizer<runtime::Requantization::kRightShift>
  rescale(runtime::QuantizedMultiplier m) {
    const int right = m.shift > 0 ? 0 : (m.shift < -31 ? 31 : -m.shift);
    return {I32::broadcast(m.multiplier), I32::zero(), I32::broadcast(right)};
  }
  explicit LITEC_X86_INLINE QuantizedAddLanes(const runtime::AddRescale &r)
      : offset1(I32::broadcast(r.input1Offset)), offset2(I32::broadcast(r.input2Offset)),
        leftShift(I32::broadcast(r.leftShift)), outputOffset(I32::broadcast(r.outputOffset)),
        low(I32::broadcast(r.range.min)), high(I32::broadcast(r.range.max)),
        input1(rescale(r.input1)), input2(rescale(r.input2)), output(rescale(r.output)) {}
  // Subtract: SUB's rescaling, the second operand subtracted.
  template <bool Subtract = false> LITEC_X86_INLINE I32::V operator()(I32::V a, I32::V b) const {
    const I32::V first = input1(I32::shiftLeft(I32::add(a, offset1), leftShift));
    const I32::V second = input2(I32::shiftLeft(I32::add(b, offset2), leftShift));
    const I32::V sum = output(Subtract ? I32::sub(first, second) : I32::add(first, second));
    return I32::min(I32::max(I32::add(sum, outputOffset), low), high);
  }
};

} // namespace litec::x86
