#pragma once

// FULLY_CONNECTED: out[r, u] = act(sum_d in[r, d] * w[u, d] + bias[u]). p: litec/ir/ops/
// FullyConnected.h's FullyConnectedParams (rows, units, depth; float: floatRange; quantised:
// inputOffset, weightsOffset (inputOffset 0 when the input zero point is folded into the
// bias) and the output stage).

#include "Common.h"

namespace litec::generic {

template <class P>
void fullyConnectedFloat(const P &p, const float *input, const float *weights, const float *bias,
                         float *output) {
  for (int r = 0; r < p.rows; ++r)
    for (int u = 0; u < p.units; ++u) {
      float total = 0.f;
      for (int d = 0; d < p.depth; ++d)
        total += input[r * p.depth + d] * weights[u * p.depth + d];
      total += bias != nullptr ? bias[u] : 0.f;
      output[r * p.units + u] = clampFloat(total, p.floatRange.min, p.floatRange.max);
    }
}

template <typename In, typename W, typename Bias, typename Out, class P>
void fullyConnectedQuantized(const P &p, const In *input, const W *weights, const Bias *bias,
                             Out *output) {
  using Acc = Accumulator<Out>;
  for (int r = 0; r < p.rows; ++r)
    for (int u = 0; u < p.units; ++u) {
      Acc acc = bias != nullptr ? static_cast<Acc>(bias[u]) : Acc(0);
      for (int d = 0; d < p.depth; ++d)
        acc += static_cast<Acc>((std::int32_t(weights[u * p.depth + d]) + p.weightsOffset) *
                                (std::int32_t(input[r * p.depth + d]) + p.inputOffset));
      output[r * p.units + u] = quantizedOutput<Out>(p, acc, u);
    }
}

} // namespace litec::generic
