#pragma once

// RESIZE_BILINEAR on float32 NHWC, four channels per vector, up to 16 per step. p:
// litec/ir/ops/Resize.h's ResizeParams (batches, inH, inW, channels, outH, outW; rowLower[],
// rowUpper[], rowFraction[], columnLower[], columnUpper[], columnFraction[]: TFLite's samples,
// worked out at compile time).
//   Each output is the four input pixels weighted by (1 - dy)(1 - dx), dy(1 - dx), (1 - dy)dx and
// dy dx, multiplied and added in that order; the reference (runtime::bilinearFloat) rounds each
// product of three separately, so the two differ by a few roundings of the output.

#include "Common.h"

#include "litec/runtime/Parallel.h"

namespace litec::neon {

// `part`: this call's share of the output rows (Parallel.h).
template <class P>
void resizeBilinearF32(const P &p, const float *input, float *output, runtime::Part part = {}) {
  const int channels = p.channels;
  const int inRow = p.inW * channels;
  const int rows = p.batches * p.outH;
  for (int row = part.begin(rows); row < part.end(rows); ++row) {
    const int b = row / p.outH, oy = row - b * p.outH;
    const float *image = input + b * p.inH * inRow;
    float *out = output + row * p.outW * channels;
    const float *upper = image + p.rowLower[oy] * inRow;
    const float *lower = image + p.rowUpper[oy] * inRow;
    const float dy = p.rowFraction[oy];
    for (int ox = 0; ox < p.outW; ++ox, out += channels) {
      const int left = p.columnLower[ox] * channels, right = p.columnUpper[ox] * channels;
      const float dx = p.columnFraction[ox];
      const float32x4_t w00 = vdupq_n_f32((1 - dy) * (1 - dx)), w10 = vdupq_n_f32(dy * (1 - dx)),
                        w01 = vdupq_n_f32((1 - dy) * dx), w11 = vdupq_n_f32(dy * dx);
      auto blend = [&](int c, int count) {
        float32x4_t sum = vmulq_f32(loadUpTo(upper + left + c, count), w00);
        sum = multiplyAdd(sum, loadUpTo(lower + left + c, count), w10);
        sum = multiplyAdd(sum, loadUpTo(upper + right + c, count), w01);
        return multiplyAdd(sum, loadUpTo(lower + right + c, count), w11);
      };
      storeEachVector(out, channels, blend);
    }
  }
}

} // namespace litec::neon
