#pragma once

// RESIZE_BILINEAR on float32 NHWC for x86, a vector of channels at a time, four per step. p:
// litec/ir/ops/Resize.h's ResizeParams (TFLite's samples, worked out at compile time).
//   Each output is the four input pixels weighted by (1 - dy)(1 - dx), dy(1 - dx), (1 - dy)dx and
// dy dx, multiplied and added in that order (fused); the reference (runtime::bilinearFloat) rounds
// each product of three separately, so the two differ by a few roundings of the output.

#include "Common.h"

#include "litec/runtime/Parallel.h"

namespace litec::x86 {

// `part`: this call's share of the output rows (Parallel.h).
template <class P>
void resizeBilinearF32(const P &p, const float *input, float *output, runtime::Part part = {}) {
  const int channels = p.channels;
  const int inRow = p.inW * channels;
  const int rows = p.batches * p.outH;
  for (int row = part.begin(rows); row < part.end(rows); ++row) {
    const int b = row / p.outH, oy = row - b * p.outH;
    const float *image = input + std::int64_t(b) * p.inH * inRow;
    float *out = output + std::int64_t(row) * p.outW * channels;
    const float *upper = image + std::int64_t(p.rowLower[oy]) * inRow;
    const float *lower = image + std::int64_t(p.rowUpper[oy]) * inRow;
    const float dy = p.rowFraction[oy];
    for (int ox = 0; ox < p.outW; ++ox, out += channels) {
      const int left = p.columnLower[ox] * channels, right = p.columnUpper[ox] * channels;
      const float dx = p.columnFraction[ox];
      const F32::V w00 = F32::broadcast((1 - dy) * (1 - dx)), w10 = F32::broadcast(dy * (1 - dx)),
                   w01 = F32::broadcast((1 - dy) * dx), w11 = F32::broadcast(dy * dx);
      storeEachVector(out, channels, [&](int c, int count) LITEC_X86_INLINE_LAMBDA {
        F32::V sum = F32::mul(F32::loadUpTo(upper + left + c, count), w00);
        sum = F32::fma(F32::loadUpTo(lower + left + c, count), w10, sum);
        sum = F32::fma(F32::loadUpTo(upper + right + c, count), w01, sum);
        return F32::fma(F32::loadUpTo(lower + right + c, count), w11, sum);
      });
    }
  }
}

} // namespace litec::x86
