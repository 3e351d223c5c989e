#pragma once

// FULLY_CONNECTED: out[r, u] = act(sum_d in[r, d] * w[u, d] + bias[u]).
//   P: rows, units, depth; float: actMin, actMax (float); quantised: inputOffset, weightsOffset
//   (0 when the input zero point is folded into the bias), outputOffset, actMin, actMax,
//   perChannel, multipliers[], shifts[].

#include "Common.h"

namespace litec::generic {

template <class P>
void fullyConnectedFloat(const float *input, const float *weights, const float *bias,
                         float *output) {
  for (int r = 0; r < P::rows; ++r)
    for (int u = 0; u < P::units; ++u) {
      float total = 0.f;
      for (int d = 0; d < P::depth; ++d)
        total += input[r * P::depth + d] * weights[u * P::depth + d];
      total += bias != nullptr ? bias[u] : 0.f;
      output[r * P::units + u] = clampFloat(total, P::actMin, P::actMax);
    }
}

template <class P, typename In, typename W, typename Bias, typename Out>
void fullyConnectedQuantized(const In *input, const W *weights, const Bias *bias, Out *output) {
  using Acc = Accumulator<Out>;
  for (int r = 0; r < P::rows; ++r)
    for (int u = 0; u < P::units; ++u) {
      Acc acc = bias != nullptr ? static_cast<Acc>(bias[u]) : Acc(0);
      for (int d = 0; d < P::depth; ++d)
        acc += static_cast<Acc>((std::int32_t(weights[u * P::depth + d]) + P::weightsOffset) *
                                (std::int32_t(input[r * P::depth + d]) + P::inputOffset));
      output[r * P::units + u] = quantizedOutput<P, Out>(acc, u);
    }
}

} // namespace litec::generic
