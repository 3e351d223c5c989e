#pragma once

// PAD and PADV2 for any element type T. p: litec/ir/ops/Pad.h's PadParams: rank, outCount,
// inShape[], outShape[], before[] (the padding before each dimension); the value padded with
// is an argument (the zero point, or PADV2's constant).

#include <cstdint>

namespace litec::generic {

template <typename T, class P> void pad(const P &p, const T *input, T padValue, T *output) {
  constexpr int kMaxRank = 8;
  int index[kMaxRank] = {};
  for (int o = 0; o < p.outCount; ++o) {
    bool inside = true;
    int in = 0;
    for (int d = 0; d < p.rank; ++d) {
      const int i = index[d] - p.before[d];
      inside = inside && i >= 0 && i < p.inShape[d];
      in = in * p.inShape[d] + i;
    }
    output[o] = inside ? input[in] : padValue;
    for (int d = p.rank - 1; d >= 0; --d) {
      if (++index[d] < p.outShape[d])
        break;
      index[d] = 0;
    }
  }
}

} // namespace litec::generic
