#pragma once

// PAD and PADV2 for any element type T of 1, 2, 4 or 8 bytes, row by row. p:
// litec/ir/ops/Pad.h's PadParams (rank, outCount, inShape[], outShape[], before[]: the padding
// before each dimension), row by row as runtime::padRows walks them; padding is stored 32 bytes
// a step from a register holding the value repeated. The reference works element by element.

#include "Common.h"

#include "litec/runtime/PadRows.h"

#include <cstring>

namespace litec::x86 {

template <typename T, class P> void pad(const P &p, const T *input, T padValue, T *output) {
  static_assert(32 % sizeof(T) == 0, "elements of 1, 2, 4 or 8 bytes");
  std::uint8_t lanes[32];
  for (unsigned k = 0; k < 32; k += sizeof(T))
    std::memcpy(lanes + k, &padValue, sizeof(T));
  const __m256i pattern = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(lanes));
  runtime::padRows(p, input, output, [&](T *to, int n) {
    std::uint8_t *bytes = reinterpret_cast<std::uint8_t *>(to);
    const int size = n * int(sizeof(T));
    int i = 0;
    for (; i + 32 <= size; i += 32)
      _mm256_storeu_si256(reinterpret_cast<__m256i *>(bytes + i), pattern);
    for (; i < size; i += int(sizeof(T)))
      std::memcpy(bytes + i, &padValue, sizeof(T));
  });
}

} // namespace litec::x86
