#pragma once

// RESIZE_BILINEAR on float32 NHWC for x86, a vector of channels at a time, four per step. p:
// litec/ir/ops/Resize.h's ResizeParams (TFLite's samples, worked out at compile time).
//   Each output is the four input pixels weighted by (1 - dy)(1 - dx), dy(1 - dx), (1 - dy)dx and
// dy dx, multiplied and added in that order (fused); the reference (runtime::bilinearFloat) rounds
// each product of three separately, so the two differ by a few roundings of the output.

#include "Common.h"

namespace litec::x86 {

template <class P> void resizeBilinearF32(const P &p, const float *input, float *output) {
  const int channels = p.channels;
  const int inRow = p.inW * channels;
  for (int b = 0; b < p.batches; ++b) {
    const float *image = input + std::int64_t(b) * p.inH * inRow;
    for (int oy = 0; oy < p.outH; ++oy) {
      const float *upper = image + std::int64_t(p.rowLower[oy]) * inRow;
      const float *lower = image + std::int64_t(p.rowUpper[oy]) * inRow;
      const float dy = p.rowFraction[oy];
      for (int ox = 0; ox < p.outW; ++ox, output += channels) {
        const int left = p.columnLower[ox] * channels, right = p.columnUpper[ox] * channels;
        const float dx = p.columnFraction[ox];
        const F32::V w00 = F32::broadcast((1 - dy) * (1 - dx)), w10 = F32::broadcast(dy * (1 - dx)),
                     w01 = F32::broadcast((1 - dy) * dx), w11 = F32::broadcast(dy * dx);
        storeEachVector(output, channels, [&](int c, int count) LITEC_X86_INLINE_LAMBDA {
          F32::V sum = F32::mul(F32::loadUpTo(upper + left + c, count), w00);
          sum = F32::fma(F32::loadUpTo(lower + left + c, count), w10, sum);
          sum = F32::fma(F32::loadUpTo(upper + right + c, count), w01, sum);
          return F32::fma(F32::loadUpTo(lower + right + c, count), w11, sum);
        });
      }
    }
  }
}

} // namespace litec::x86
