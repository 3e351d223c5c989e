#pragma once

// TRANSPOSE for any element type T. p: litec/ir/ops/Transpose.h's TransposeParams: rank,
// count, outShape[], inStrides[] (the input stride of each output dimension).

#include <cstdint>

namespace litec::generic {

template <typename T, class P> void transpose(const P &p, const T *input, T *output) {
  constexpr int kMaxRank = 8;
  int index[kMaxRank] = {};
  int in = 0;
  for (int o = 0; o < p.count; ++o) {
    output[o] = input[in];
    for (int d = p.rank - 1; d >= 0; --d) {
      in += p.inStrides[d];
      if (++index[d] < p.outShape[d])
        break;
      in -= p.inStrides[d] * p.outShape[d];
      index[d] = 0;
    }
  }
}

} // namespace litec::generic
