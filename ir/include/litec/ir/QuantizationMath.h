#pragma once

// The quantisation parameters TFLite derives from scales at preparation time: multipliers and
// shifts, activation bounds, softmax scaling. Computed once per layer by the reference
// interpreter and by code generation, never in inner loops.

#include "litec/ir/ElementType.h"

#include <array>
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

// TFLite's interpolation tables for int16 kernels (gen_lut): f sampled at 512 even steps over
// [min, max] into Q0.15 (outputs in [-1, 1]), each entry lowered by half the error its linear
// interpolation would make at the step's midpoint, plus f(max) as the 513th entry for the last
// slope. Read with runtime::lookupInt16Table.
using Int16LookupTable = std::array<int16_t, 513>;
Int16LookupTable int16LookupTable(double (*f)(double), double min, double max);

// int16 SOFTMAX's tables (exp on [-10, 0] and 1 / (1 + x) on [0, 1]) and the multiplier that
// brings (input - max) * beta to the exp table's input scale 10 / 65535.
struct Int16SoftmaxParameters {
  Int16LookupTable exp, oneOverOnePlusX;
  QuantizedMultiplier inputScale;
};
Int16SoftmaxParameters int16SoftmaxParameters(float beta, float inputScale);

} // namespace litec::ir
