#pragma once

// PAD's walk over the output row by row (the last dimension), written once for the SIMD targets'
// kernels: each output row is either all padding, or the padding before it, the input row copied
// and the padding after it. A kernel only says how it stores padding.

#include <cstdint>
#include <cstring>

namespace litec::runtime {

// p: litec/ir/ops/Pad.h's PadParams (rank, outCount, inShape[], outShape[], before[]).
// fill(T *to, int n) stores n elements of padding at `to`.
template <typename T, class P, class Fill>
inline void padRows(const P &p, const T *input, T *output, Fill &&fill) {
  if (p.rank == 0) {
    output[0] = input[0];
    return;
  }
  constexpr int kMaxRank = 8;
  const int last = p.rank - 1;
  const int width = p.outShape[last], inWidth = p.inShape[last], before = p.before[last];
  if (width == 0)
    return;
  const int after = width - before - inWidth;
  const int rows = p.outCount / width;
  int index[kMaxRank] = {}; // the row's index in the output's leading dimensions
  for (int r = 0; r < rows; ++r) {
    T *out = output + std::int64_t(r) * width;
    bool inside = true;
    std::int64_t in = 0;
    for (int d = 0; d < last; ++d) {
      const int i = index[d] - p.before[d];
      inside = inside && i >= 0 && i < p.inShape[d];
      in = in * p.inShape[d] + i;
    }
    if (inside) {
      fill(out, before);
      std::memcpy(out + before, input + in * inWidth, sizeof(T) * std::size_t(inWidth));
      fill(out + before + inWidth, after);
    } else {
      fill(out, width);
    }
    for (int d = last - 1; d >= 0; --d) {
      if (++index[d] < p.outShape[d])
        break;
      index[d] = 0;
    }
  }
}

} // namespace litec::runtime
