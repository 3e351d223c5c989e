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

// Quantised ADD and SUB as TFLite's integer kernel computes them: each operand centred (plus its
// offset, minus its zero point), shifted up by leftShift bits of headroom and rescaled to a
// common scale (input1, input2), summed, rescaled to the output (output), plus outputOffset,
// clamped to range.
struct AddRescale {
  std::int32_t input1Offset, input2Offset;
  int leftShift;
  QuantizedMultiplier input1, input2, output;
  std::int32_t outputOffset;
  IntRange range;
};

// Quantised PRELU: x centred (inputOffset) and rescaled by `positive` where it is not negative,
// else its product with the centred slope (alphaOffset) rescaled by `negative`; plus
// outputOffset, clamped to range.
struct PreluRescale {
  std::int32_t inputOffset, alphaOffset;
  QuantizedMultiplier positive, negative;
  std::int32_t outputOffset;
  IntRange range;
};

// Quantised HARD_SWISH (TFLite's 16-bit evaluation): the zero points, the Q15 multipliers of the
// output and of the "reluish" factor, and their exponents.
struct HardSwishRescale {
  std::int32_t inputZeroPoint, outputZeroPoint;
  std::int16_t outputMultiplier, reluishMultiplier;
  int outputExponent, reluishExponent;
};

} // namespace litec::runtime

#endif // LITEC_RUNTIME_PARAMS_H
