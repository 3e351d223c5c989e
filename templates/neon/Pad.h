#pragma once

// PAD and PADV2 for any element type T of 1, 2, 4 or 8 bytes, row by row. p:
// litec/ir/ops/Pad.h's PadParams (rank, outCount, inShape[], outShape[], before[]: the padding
// before each dimension). Each output row (the last dimension) is either all padding, or the
// padding before it, the input row copied, and the padding after it; padding is stored 16 bytes
// a step from a register holding the value repeated. The reference works element by element.

#include "Common.h"

#include <cstring>

namespace litec::neon {

template <typename T, class P> void pad(const P &p, const T *input, T padValue, T *output) {
  static_assert(16 % sizeof(T) == 0, "elements of 1, 2, 4 or 8 bytes");
  if (p.rank == 0) {
    output[0] = input[0];
    return;
  }
  std::uint8_t lanes[16];
  for (unsigned k = 0; k < 16; k += sizeof(T))
    std::memcpy(lanes + k, &padValue, sizeof(T));
  const uint8x16_t pattern = vld1q_u8(lanes);
  // n elements of padding at `to`.
  auto fill = [&](T *to, int n) {
    std::uint8_t *bytes = reinterpret_cast<std::uint8_t *>(to);
    const int size = n * int(sizeof(T));
    int i = 0;
    for (; i + 16 <= size; i += 16)
      vst1q_u8(bytes + i, pattern);
    for (; i < size; i += int(sizeof(T)))
      std::memcpy(bytes + i, &padValue, sizeof(T));
  };
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

} // namespace litec::neon
