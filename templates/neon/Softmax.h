#pragma once

// Float SOFTMAX along the last dimension, four lanes a step. p: litec/ir/ops/Softmax.h's
// SoftmaxParams (rows, depth, beta). As the reference: each row's maximum (by its comparisons),
// e^((x - max) beta) written out and summed, then each divided by the sum. e^x is the vector
// exp of Activations.h (about 2e-7 relative error) and the sum adds four lanes side by side, so
// the results are within a few 1e-7 of the reference's, not bit-exact.

#include "Activations.h"

namespace litec::neon {

template <class P> void softmaxF32(const P &p, const float *input, float *output) {
  if (p.depth == 0)
    return;
  const float32x4_t beta = vdupq_n_f32(p.beta);
  for (int r = 0; r < p.rows; ++r) {
    const float *in = input + std::int64_t(r) * p.depth;
    float *out = output + std::int64_t(r) * p.depth;
    // The maximum: four running maxima, then their lanes and the last elements in turn.
    int c = 0;
    float max = in[0];
    if (p.depth >= 4) {
      float32x4_t lanes = vld1q_f32(in);
      for (c = 4; c + 4 <= p.depth; c += 4)
        lanes = selectGreater(vld1q_f32(in + c), lanes);
      float each[4];
      vst1q_f32(each, lanes);
      for (float v : each)
        max = v > max ? v : max;
    }
    for (; c < p.depth; ++c)
      max = in[c] > max ? in[c] : max;
    const float32x4_t maxLanes = vdupq_n_f32(max);
    auto exps = [&](float32x4_t x) {
      return detail::expLanes(vmulq_f32(vsubq_f32(x, maxLanes), beta));
    };
    float32x4_t sums = vdupq_n_f32(0.f);
    for (c = 0; c + 4 <= p.depth; c += 4) {
      const float32x4_t e = exps(vld1q_f32(in + c));
      vst1q_f32(out + c, e);
      sums = vaddq_f32(sums, e);
    }
    float each[4];
    vst1q_f32(each, sums);
    float sum = (each[0] + each[1]) + (each[2] + each[3]);
    if (c < p.depth) {
      vst1q_f32(each, exps(loadUpTo(in + c, p.depth - c)));
      for (int k = 0; c + k < p.depth; ++k) {
        out[c + k] = each[k];
        sum += each[k];
      }
    }
    const float32x4_t sumLanes = vdupq_n_f32(sum);
    storeEachVector(out, p.depth, [&](int i, int count) {
      return divideLanes(loadUpTo(out + i, count), sumLanes);
    });
  }
}

} // namespace litec::neon
