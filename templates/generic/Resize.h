#pragma once

// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR on NHWC. p: litec/ir/ops/Resize.h's ResizeParams:
// batches, inH, inW, channels, outH, outW; bilinear: rowLower[], rowUpper[], columnLower[],
// columnUpper[] and the fractions (rowFraction[], columnFraction[] in float; int8 and int16:
// rowFixedFraction[], columnFixedFraction[] in 2^-10 pixels); nearest: ySource[], xSource[].
//   Float fractions blend in float (uint8 truncates the float sum back, as TFLite's reference
//   kernel); fixed fractions blend in int64 with rounding.

#include "litec/runtime/Bilinear.h"

#include <cstdint>

namespace litec::generic {

template <typename T> struct FloatBlend {
  static T apply(float v00, float v10, float v01, float v11, float dy, float dx) {
    return static_cast<T>(runtime::bilinearFloat(v00, v10, v01, v11, dy, dx));
  }
  template <class P> static float row(const P &p, int y) { return p.rowFraction[y]; }
  template <class P> static float column(const P &p, int x) { return p.columnFraction[x]; }
};

template <typename T> struct FixedBlend {
  static T apply(std::int64_t v00, std::int64_t v10, std::int64_t v01, std::int64_t v11,
                 std::int64_t dy, std::int64_t dx) {
    return static_cast<T>(runtime::bilinearFixed(v00, v10, v01, v11, dy, dx));
  }
  template <class P> static std::int64_t row(const P &p, int y) { return p.rowFixedFraction[y]; }
  template <class P> static std::int64_t column(const P &p, int x) {
    return p.columnFixedFraction[x];
  }
};

template <class Blend, typename T, class P>
void resizeBilinear(const P &p, const T *input, T *output) {
  auto at = [&](int b, int y, int x, int c) {
    return input[((b * p.inH + y) * p.inW + x) * p.channels + c];
  };
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.outH; ++oy) {
      const int y0 = p.rowLower[oy], y1 = p.rowUpper[oy];
      for (int ox = 0; ox < p.outW; ++ox) {
        const int x0 = p.columnLower[ox], x1 = p.columnUpper[ox];
        for (int c = 0; c < p.channels; ++c)
          output[((b * p.outH + oy) * p.outW + ox) * p.channels + c] =
              Blend::apply(at(b, y0, x0, c), at(b, y1, x0, c), at(b, y0, x1, c), at(b, y1, x1, c),
                           Blend::row(p, oy), Blend::column(p, ox));
      }
    }
}

template <typename T, class P> void resizeNearest(const P &p, const T *input, T *output) {
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.outH; ++oy)
      for (int ox = 0; ox < p.outW; ++ox)
        for (int c = 0; c < p.channels; ++c)
          output[((b * p.outH + oy) * p.outW + ox) * p.channels + c] =
              input[((b * p.inH + p.ySource[oy]) * p.inW + p.xSource[ox]) * p.channels + c];
}

} // namespace litec::generic
