#pragma once

// The quantisation parameters TFLite derives from scales at preparation time: multipliers and
// shifts, activation bounds, softmax scaling. Computed once per layer by the reference
// interpreter and by code generation, never in inner loops.

#include "litec/ir/ElementType.h"

#include <cstdint>
#include <string_view>

namespace litec::ir {

// A real multiplier m as multiplier * 2^shift / 2^31, multiplier in [2^30, 2^31) (or 0).
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int shift = 0;
  bool operator==(const QuantizedMultiplier &) const = default;
};

// TFLite's QuantizeMultiplier: frexp, round half away from zero, renormalise 2^31, flush
// multipliers below 2^-31 to zero.
QuantizedMultiplier quantizeMultiplier(double realMultiplier);

// The range of an integer type.
int32_t integerMin(ElementType type);
int32_t integerMax(ElementType type);

struct IntRange {
  int32_t min, max;
};
struct FloatRange {
  float min, max;
};

// Bounds a fused activation (NONE, RELU, RELU_N1_TO_1, RELU6) puts on an output quantised with
// (scale, zeroPoint) of `type`, as TFLite computes them (in float, rounding half away from
// zero). Returns false for activations with no bounds form (TANH, SIGN_BIT).
bool quantizedActivationRange(std::string_view activation, float scale, int32_t zeroPoint,
                              ElementType type, IntRange *range);
bool floatActivationRange(std::string_view activation, FloatRange *range);

// Softmax's input scaling for int8/uint8 inputs (TFLite's PreprocessSoftmaxScaling with 5
// integer bits) and the smallest input difference that still contributes (diff_min).
struct SoftmaxScaling {
  int32_t multiplier;
  int leftShift;
  int32_t diffMin;
};
SoftmaxScaling softmaxScaling(double beta, double inputScale);

} // namespace litec::ir
