#pragma once

// ARG_MAX and ARG_MIN: the index of the largest (smallest) value along the axis, the first one
// winning ties. p: litec/ir/ops/ArgMinMax.h's ArgMinMaxParams: outer, axisSize, inner.

namespace litec::generic {

template <bool IsMax, typename T, typename Index, class P>
void argReduce(const P &p, const T *input, Index *output) {
  for (int o = 0; o < p.outer; ++o)
    for (int i = 0; i < p.inner; ++i) {
      int best = 0;
      double bestValue = double(input[o * p.axisSize * p.inner + i]);
      for (int a = 1; a < p.axisSize; ++a) {
        const double v = double(input[(o * p.axisSize + a) * p.inner + i]);
        if (IsMax ? v > bestValue : v < bestValue)
          best = a, bestValue = v;
      }
      output[o * p.inner + i] = static_cast<Index>(best);
    }
}

} // namespace litec::generic
