#pragma once

// TRANSPOSE for any element type T. p: litec/ir/ops/Transpose.h's TransposeParams: rank,
// count, outShape[], inStrides[] (the input stride of each output dimension).

#include <cstdint>

namespace litec::generic {

// The two innermost output dimensions are plain nested loops (their sizes and strides are the
// layer's compile-time constants, so the innermost one unrolls: NCHW to NHWC copies 3 channels
// of a pixel straight); an odometer steps the outer ones.
template <typename T, class P> void transpose(const P &p, const T *input, T *output) {
  constexpr int kMaxRank = 8;
  if (p.count == 0)
    return;
  if (p.rank == 0) {
    output[0] = input[0];
    return;
  }
  const int inner = p.outShape[p.rank - 1], innerStride = p.inStrides[p.rank - 1];
  const int outer = p.rank >= 2 ? p.outShape[p.rank - 2] : 1;
  const int outerStride = p.rank >= 2 ? p.inStrides[p.rank - 2] : 0;
  const int outerRank = p.rank >= 2 ? p.rank - 2 : 0;
  int index[kMaxRank] = {};
  int in = 0;
  for (int o = 0; o < p.count; o += inner * outer) {
    for (int j = 0; j < outer; ++j)
      for (int i = 0; i < inner; ++i)
        output[o + j * inner + i] = input[in + j * outerStride + i * innerStride];
    for (int d = outerRank - 1; d >= 0; --d) {
      in += p.inStrides[d];
      if (++index[d] < p.outShape[d])
        break;
      in -= p.inStrides[d] * p.outShape[d];
      index[d] = 0;
    }
  }
}

} // namespace litec::generic
