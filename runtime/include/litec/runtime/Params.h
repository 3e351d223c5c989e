// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_PARAMS_H
#define LITEC_RUNTIME_PARAMS_H

// The value types of prepared layer parameters that kernels read: the compiler prepares them
// (litec/ir/ops/) and generated code holds them as compile-time constants. C++17, no heap.

#include <cstdint>

namespace litec::runtime {

// A real multiplier as multiplier * 2^shift / 2^31, multiplier in [2^30, 2^31) (or 0).
struct QuantizedMultiplier {
  std::int32_t multiplier = 0;
  int shift = 0;
  friend constexpr bool operator==(const QuantizedMultiplier &a, const QuantizedMultiplier &b) {
    return a.multiplier == b.multiplier && a.shift == b.shift;
  }
};

// The bounds a fused activation puts on an output: on the quantised values, or on floats.
struct IntRange {
  std::int32_t min, max;
};
struct FloatRange {
  float min, max;
};

} // namespace litec::runtime

#endif // LITEC_RUNTIME_PARAMS_H
