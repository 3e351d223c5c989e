#pragma once

// What the NEON kernels share: the intrinsics header, the features the build has, partial
// vector loads and stores for channel remainders, and the float epilogue applied in registers.
//
// One generated source serves every ARM build: AArch64, and 32-bit ARM with NEON
// (-mfpu=neon-vfpv4 or -mfpu=neon). What differs is chosen here by the preprocessor:
// - __aarch64__: 32 vector registers, lane-indexed FMA (vfmaq_laneq_f32);
// - 32-bit ARM: 16 vector registers and no lane-indexed FMA: the multiply-accumulate by a lane
//   is VMLA (a multiply, then an add: rounding differs from a fused FMA by one rounding of the
//   product, well inside the float tolerance against the interpreter);
// - LITEC_NEON_SIMDE: the kernels built on any host through SIMDe's portable NEON (the host
//   unit tests; their speed means nothing).

#if defined(LITEC_NEON_SIMDE)
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/arm/neon.h>
#define LITEC_NEON_A64 1
#elif defined(__ARM_NEON) || defined(__ARM_NEON__)
#include <arm_neon.h>
#if defined(__aarch64__)
#define LITEC_NEON_A64 1
#else
#define LITEC_NEON_A64 0
#endif
#else
#error                                                                                             \
    "litec: this layer was compiled for --target neon; build it for ARM with NEON (AArch64, or 32-bit ARM with -mfpu=neon-vfpv4), or compile the model with --target generic"
#endif

// The dot-product extension (SDOT by lane): AArch64 builds for a CPU that has it
// (-march=armv8.2-a+dotprod, -mcpu=cortex-a55/a76, ...); the SIMDe host build emulates it.
#if defined(LITEC_NEON_SIMDE) || (LITEC_NEON_A64 && defined(__ARM_FEATURE_DOTPROD))
#define LITEC_NEON_DOT 1
#else
#define LITEC_NEON_DOT 0
#endif

// The microkernels' building blocks are always inlined into the kernel: each works on part of a
// register tile, and a call takes the tile's address, so the tile lives in memory (int8 data is
// read through char-typed pointers, which may alias it: GCC stores every accumulator before each
// load). The SIMDe host build leaves inlining to the compiler (it only checks answers).
// LITEC_NEON_INLINE_LAMBDA does the same for a lambda (after its parameter list) that a kernel
// calls per pixel: GCC may otherwise call a large one out of line.
#if defined(__GNUC__) && !defined(LITEC_NEON_SIMDE)
#define LITEC_NEON_INLINE inline __attribute__((always_inline))
#define LITEC_NEON_INLINE_LAMBDA __attribute__((always_inline))
#else
#define LITEC_NEON_INLINE inline
#define LITEC_NEON_INLINE_LAMBDA
#endif

#include "litec/runtime/Operators.h"
#include "litec/runtime/Params.h"

#include <cstdint>
#include <limits>

namespace litec::neon {

// acc + b * a[lane].
template <int Lane>
LITEC_NEON_INLINE float32x4_t multiplyAddLane(float32x4_t acc, float32x4_t b, float32x4_t a) {
#if LITEC_NEON_A64
  return vfmaq_laneq_f32(acc, b, a, Lane);
#else
  if constexpr (Lane < 2)
    return vmlaq_lane_f32(acc, b, vget_low_f32(a), Lane);
  else
    return vmlaq_lane_f32(acc, b, vget_high_f32(a), Lane - 2);
#endif
}

// acc + a * b, fused where the build has FMA.
LITEC_NEON_INLINE float32x4_t multiplyAdd(float32x4_t acc, float32x4_t a, float32x4_t b) {
#if LITEC_NEON_A64 || defined(__ARM_FEATURE_FMA)
  return vfmaq_f32(acc, a, b);
#else
  return vmlaq_f32(acc, a, b);
#endif
}

// The first `count` (0..4) floats at `p`, zeros after them; reads nothing beyond.
LITEC_NEON_INLINE float32x4_t loadUpTo(const float *p, int count) {
  if (count >= 4)
    return vld1q_f32(p);
  float32x4_t v = vdupq_n_f32(0.f);
  if (count > 0)
    v = vld1q_lane_f32(p, v, 0);
  if (count > 1)
    v = vld1q_lane_f32(p + 1, v, 1);
  if (count > 2)
    v = vld1q_lane_f32(p + 2, v, 2);
  return v;
}

// Stores the first `count` (0..4) lanes of v at p; writes nothing beyond.
LITEC_NEON_INLINE void storeUpTo(float *p, float32x4_t v, int count) {
  if (count >= 4) {
    vst1q_f32(p, v);
    return;
  }
  if (count > 0)
    vst1q_lane_f32(p, v, 0);
  if (count > 1)
    vst1q_lane_f32(p + 1, v, 1);
  if (count > 2)
    vst1q_lane_f32(p + 2, v, 2);
}

// x / y on four lanes: AArch64 divides vectors; 32-bit ARM has no vector division (and SIMDe's
// native aliases leave out AArch64's), so each lane is divided as the reference divides.
LITEC_NEON_INLINE float32x4_t divideLanes(float32x4_t x, float32x4_t y) {
#if LITEC_NEON_A64 && !defined(LITEC_NEON_SIMDE)
  return vdivq_f32(x, y);
#else
  float xs[4], ys[4];
  vst1q_f32(xs, x);
  vst1q_f32(ys, y);
  for (int i = 0; i < 4; ++i)
    xs[i] /= ys[i];
  return vld1q_f32(xs);
#endif
}

// Writes n floats at `out`, four lanes at a time: lanes(i, count) gives the vector of elements
// i..i+3 (only its first `count` lanes count, count < 4 only at the very end). Four vectors per
// step while they last, so that their loads and arithmetic overlap.
template <class Lanes> LITEC_NEON_INLINE void storeEachVector(float *out, int n, Lanes &&lanes) {
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    const float32x4_t r0 = lanes(i, 4), r1 = lanes(i + 4, 4), r2 = lanes(i + 8, 4),
                      r3 = lanes(i + 12, 4);
    vst1q_f32(out + i, r0);
    vst1q_f32(out + i + 4, r1);
    vst1q_f32(out + i + 8, r2);
    vst1q_f32(out + i + 12, r3);
  }
  for (; i + 4 <= n; i += 4)
    vst1q_f32(out + i, lanes(i, 4));
  if (i < n)
    storeUpTo(out + i, lanes(i, n - i), n - i);
}

// v[i][j] becomes v[j][i]: four vectors as the rows of a 4x4 matrix, transposed (TRN of lanes,
// then of lane pairs).
LITEC_NEON_INLINE void transpose4x4(float32x4_t (&v)[4]) {
#if LITEC_NEON_A64
  const float32x4_t t0 = vtrn1q_f32(v[0], v[1]), t1 = vtrn2q_f32(v[0], v[1]);
  const float32x4_t t2 = vtrn1q_f32(v[2], v[3]), t3 = vtrn2q_f32(v[2], v[3]);
  const auto pairs = [](float32x4_t x) { return vreinterpretq_f64_f32(x); };
  v[0] = vreinterpretq_f32_f64(vtrn1q_f64(pairs(t0), pairs(t2)));
  v[1] = vreinterpretq_f32_f64(vtrn1q_f64(pairs(t1), pairs(t3)));
  v[2] = vreinterpretq_f32_f64(vtrn2q_f64(pairs(t0), pairs(t2)));
  v[3] = vreinterpretq_f32_f64(vtrn2q_f64(pairs(t1), pairs(t3)));
#else
  const float32x4x2_t a = vtrnq_f32(v[0], v[1]), b = vtrnq_f32(v[2], v[3]);
  v[0] = vcombine_f32(vget_low_f32(a.val[0]), vget_low_f32(b.val[0]));
  v[1] = vcombine_f32(vget_low_f32(a.val[1]), vget_low_f32(b.val[1]));
  v[2] = vcombine_f32(vget_high_f32(a.val[0]), vget_high_f32(b.val[0]));
  v[3] = vcombine_f32(vget_high_f32(a.val[1]), vget_high_f32(b.val[1]));
#endif
}

// x > y ? x : y and x < y ? x : y lane by lane, as the reference's comparisons choose (a NaN
// x gives y; VMAX/VMIN would give NaN): MAXIMUM, MINIMUM, max pooling and REDUCE_MAX/MIN.
LITEC_NEON_INLINE float32x4_t selectGreater(float32x4_t x, float32x4_t y) {
  return vbslq_f32(vcgtq_f32(x, y), x, y);
}
LITEC_NEON_INLINE float32x4_t selectLess(float32x4_t x, float32x4_t y) {
  return vbslq_f32(vcltq_f32(x, y), x, y);
}

LITEC_NEON_INLINE float32x4_t clampVector(float32x4_t v, float32x4_t low, float32x4_t high) {
  return vminq_f32(vmaxq_f32(v, low), high);
}

// v clamped to a layer's activation range; an infinite bound costs nothing (with the range a
// compile-time constant of the layer, the test folds away). As the reference's clamp, NaN stays.
LITEC_NEON_INLINE float32x4_t clampToRange(float32x4_t v, runtime::FloatRange range) {
  if (range.min > -std::numeric_limits<float>::infinity())
    v = vmaxq_f32(v, vdupq_n_f32(range.min));
  if (range.max < std::numeric_limits<float>::infinity())
    v = vminq_f32(v, vdupq_n_f32(range.max));
  return v;
}

// The float epilogue of a fused convolution (runtime::ConvolutionEpilogue) on four channels
// c..c+3 of one output pixel, in registers, after the convolution's own clamp: the residual
// added and clamped to the ADD's activation (the residual's channels from epilogueChannels on
// add 0), PRELU's x >= 0 ? x : x * slope, or HARD_SWISH's x * min(max(x + 3, 0), 6) / 6.
// `extra`: the pixel's residual channels, or the PRELU slopes.
template <class P>
LITEC_NEON_INLINE float32x4_t epilogueLanes(const P &p, float32x4_t v, const float *extra, int c) {
  using runtime::ConvolutionEpilogue;
  if (p.epilogue == int(ConvolutionEpilogue::kResidual)) {
    const float32x4_t residual = loadUpTo(extra + c, p.epilogueChannels - c);
    return clampToRange(vaddq_f32(residual, v), p.epilogueRange);
  }
  if (p.epilogue == int(ConvolutionEpilogue::kPrelu)) {
    const float32x4_t slope =
        p.epilogueChannels == 1 ? vdupq_n_f32(extra[0]) : loadUpTo(extra + c, p.outC - c);
    return vbslq_f32(vcgeq_f32(v, vdupq_n_f32(0.f)), v, vmulq_f32(v, slope));
  }
  if (p.epilogue == int(ConvolutionEpilogue::kHardSwish)) {
    const float32x4_t gate =
        clampVector(vaddq_f32(v, vdupq_n_f32(3.f)), vdupq_n_f32(0.f), vdupq_n_f32(6.f));
    // x * gate / 6 as the reference computes it where the build divides; a multiply by 1/6
    // (one rounding apart) on 32-bit ARM, which has no vector division.
    const float32x4_t product = vmulq_f32(v, gate);
#if defined(LITEC_NEON_SIMDE)
    float lanes[4];
    vst1q_f32(lanes, product);
    for (float &lane : lanes)
      lane /= 6.f;
    return vld1q_f32(lanes);
#elif LITEC_NEON_A64
    return vdivq_f32(product, vdupq_n_f32(6.f));
#else
    return vmulq_f32(product, vdupq_n_f32(1.f / 6.f));
#endif
  }
  return v;
}

} // namespace litec::neon
