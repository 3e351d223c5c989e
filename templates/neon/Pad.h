#pragma once

// PAD and PADV2 for any element type T of 1, 2, 4 or 8 bytes, row by row. p:
// litec/ir/ops/Pad.h's PadParams (rank, outCount, inShape[], outShape[], before[]: the padding
// before each dimension), row by row as runtime::padRows walks them; padding is stored 16 bytes
// a step from a register holding the value repeated. The reference works element by element.

#include "Common.h"

#include "litec/runtime/PadRows.h"

#include <cstring>

namespace litec::neon {

template <typename T, class P> void pad(const P &p, const T *input, T padValue, T *output) {
  static_assert(16 % sizeof(T) == 0, "elements of 1, 2, 4 or 8 bytes");
  std::uint8_t lanes[16];
  for (unsigned k = 0; k < 16; k += sizeof(T))
    std::memcpy(lanes + k, &padValue, sizeof(T));
  const uint8x16_t pattern = vld1q_u8(lanes);
  runtime::padRows(p, input, output, [&](T *to, int n) {
    std::uint8_t *bytes = reinterpret_cast<std::uint8_t *>(to);
    const int size = n * int(sizeof(T));
    int i = 0;
    for (; i + 16 <= size; i += 16)
      vst1q_u8(bytes + i, pattern);
    for (; i < size; i += int(sizeof(T)))
      std::memcpy(bytes + i, &padValue, sizeof(T));
  });
}

} // namespace litec::neon
