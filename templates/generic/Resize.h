#pragma once

// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR on NHWC. The emitter works out, once, which input
// rows and columns each output row and column reads (TFLite's coordinate mapping, clamping
// included). P: batches, inH, inW, depth, outH, outW; bilinear: rowLower[], rowUpper[],
// rowFraction[], and the same for columns; nearest: ySource[], xSource[].
//   Float fractions blend in float (uint8 truncates the float sum back, as TFLite's reference
//   kernel); int8/int16 fractions are in 2^-10 pixels and blend in int64 with rounding.

#include <cstdint>

namespace litec::generic {

template <typename T> struct FloatBlend {
  static T apply(float v00, float v10, float v01, float v11, float dy, float dx) {
    return static_cast<T>(v00 * (1 - dy) * (1 - dx) + v10 * dy * (1 - dx) + v01 * (1 - dy) * dx +
                          v11 * dy * dx);
  }
};

template <typename T> struct FixedBlend {
  static T apply(std::int64_t v00, std::int64_t v10, std::int64_t v01, std::int64_t v11,
                 std::int64_t dy, std::int64_t dx) {
    constexpr std::int64_t kOne = 1 << 10, kHalf = std::int64_t(1) << 19;
    const std::int64_t sum = v00 * (kOne - dy) * (kOne - dx) + v10 * dy * (kOne - dx) +
                             v01 * (kOne - dy) * dx + v11 * dy * dx;
    return static_cast<T>((sum + (sum > 0 ? kHalf : -kHalf)) / (std::int64_t(1) << 20));
  }
};

template <class P, class Blend, typename T> void resizeBilinear(const T *input, T *output) {
  auto at = [&](int b, int y, int x, int c) {
    return input[((b * P::inH + y) * P::inW + x) * P::depth + c];
  };
  for (int b = 0; b < P::batches; ++b)
    for (int oy = 0; oy < P::outH; ++oy) {
      const int y0 = P::rowLower[oy], y1 = P::rowUpper[oy];
      for (int ox = 0; ox < P::outW; ++ox) {
        const int x0 = P::columnLower[ox], x1 = P::columnUpper[ox];
        for (int c = 0; c < P::depth; ++c)
          output[((b * P::outH + oy) * P::outW + ox) * P::depth + c] =
              Blend::apply(at(b, y0, x0, c), at(b, y1, x0, c), at(b, y0, x1, c), at(b, y1, x1, c),
                           P::rowFraction[oy], P::columnFraction[ox]);
      }
    }
}

template <class P, typename T> void resizeNearest(const T *input, T *output) {
  for (int b = 0; b < P::batches; ++b)
    for (int oy = 0; oy < P::outH; ++oy)
      for (int ox = 0; ox < P::outW; ++ox)
        for (int c = 0; c < P::depth; ++c)
          output[((b * P::outH + oy) * P::outW + ox) * P::depth + c] =
              input[((b * P::inH + P::ySource[oy]) * P::inW + P::xSource[ox]) * P::depth + c];
}

} // namespace litec::generic
