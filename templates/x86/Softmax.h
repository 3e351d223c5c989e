#pragma once

// Float SOFTMAX along the last dimension, a vector (8 lanes, 16 with AVX-512) a step. p:
// litec/ir/ops/Softmax.h's SoftmaxParams (rows, depth, beta). As the reference: each row's
// maximum (by its comparisons), e^((x - max) beta) written out and summed, then each divided by
// the sum. e^x is the vector exp of Activations.h (about 2e-7 relative error) and the sum adds
// the lanes side by side, so the results are within a few 1e-7 of the reference's, not bit-exact.

#include "Activations.h"

namespace litec::x86 {

template <class P> void softmaxF32(const P &p, const float *input, float *output) {
  constexpr int L = F32::kLanes;
  if (p.depth == 0)
    return;
  const F32::V beta = F32::broadcast(p.beta);
  for (int r = 0; r < p.rows; ++r) {
    const float *in = input + std::int64_t(r) * p.depth;
    float *out = output + std::int64_t(r) * p.depth;
    // The maximum: a vector of running maxima (x > max ? x : max, as the reference compares:
    // max's second operand wins on NaN), then its lanes and the last elements in turn.
    int c = 0;
    float max = in[0];
    if (p.depth >= L) {
      F32::V lanes = F32::load(in);
      for (c = L; c + L <= p.depth; c += L)
        lanes = F32::max(F32::load(in + c), lanes);
      float each[L];
      F32::store(each, lanes);
      for (float v : each)
        max = v > max ? v : max;
    }
    for (; c < p.depth; ++c)
      max = in[c] > max ? in[c] : max;
    const F32::V maxLanes = F32::broadcast(max);
    auto exps = [&](F32::V x) { return detail::expLanes(F32::mul(F32::sub(x, maxLanes), beta)); };
    F32::V sums = F32::zero();
    for (c = 0; c + L <= p.depth; c += L) {
      const F32::V e = exps(F32::load(in + c));
      F32::store(out + c, e);
      sums = F32::add(sums, e);
    }
    float each[L];
    F32::store(each, sums);
    float sum = 0.f;
    for (float v : each)
      sum += v;
    if (c < p.depth) {
      F32::store(each, exps(F32::loadUpTo(in + c, p.depth - c)));
      for (int k = 0; c + k < p.depth; ++k) {
        out[c + k] = each[k];
        sum += each[k];
      }
    }
    const F32::V sumLanes = F32::broadcast(sum);
    storeEachVector(out, p.depth, [&](int i, int count) {
      return F32::div(F32::loadUpTo(out + i, count), sumLanes);
    });
  }
}

} // namespace litec::x86
