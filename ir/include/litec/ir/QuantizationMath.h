#pragma once

// The quantisation parameters TFLite derives from scales at preparation time: multipliers and
// shifts, activation bounds, softmax scaling. Computed once per layer by the reference
// interpreter and by code generation, never in inner loops.

#include "litec/ir/ElementType.h"
#include "litec/runtime/Params.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace litec::ir {

// A real multiplier m as multiplier * 2^shift / 2^31, multiplier in [2^30, 2^31) (or 0); the
// bounds of a fused activation. The runtime's types: kernels read them as they are.
using runtime::FloatRange;
using runtime::IntRange;
using runtime::QuantizedMultiplier;

// TFLite's QuantizeMultiplier: frexp, round half away from zero, renormalise 2^31, flush
// multipliers below 2^-31 to zero.
QuantizedMultiplier quantizeMultiplier(double realMultiplier);

// The range of an integer type.
int32_t integerMin(ElementType type);
int32_t integerMax(ElementType type);

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

// int8 LOGISTIC / TANH: the input (minus its zero point) rescaled into Q4.27 by
// multiplier * 2^leftShift; inputs beyond `radius` saturate (TFLite's Prepare).
struct SigmoidalRescaling {
  int32_t multiplier, leftShift, radius;
};
SigmoidalRescaling int8SigmoidalRescaling(float inputScale);

// int16 LOGISTIC / TANH: how the input reaches the sigmoid table's scale 1 / (3 * 4096): a
// shift for the power-of-two scales TFLite special-cases (multiplier 0), else a 15-bit
// multiplier with a right shift. nullopt for input scales beyond that range.
struct Int16SigmoidalRescaling {
  int32_t multiplier, leftShift;
};
std::optional<Int16SigmoidalRescaling> int16SigmoidalRescaling(float inputScale, bool isTanh);

// int8 / uint8 HARD_SWISH's Q15 multipliers and exponents (TFLite's Prepare); nullopt when the
// input scale exceeds 128 times the output scale, which TFLite does not handle.
struct HardSwishRescaling {
  int16_t outputMultiplier, reluishMultiplier;
  int outputExponent, reluishExponent;
};
std::optional<HardSwishRescaling> hardSwishRescaling(float inputScale, float outputScale);

// log2 of `scale` when it is a power of two to within TFLite's tolerance (1e-3 in the
// exponent, computed in float as TFLite's CheckedLog2); nullopt otherwise.
std::optional<int> checkedLog2(float scale);

// The rescalings of TFLite Micro's integer LSTM (int8 input and hidden state, int16 cell state):
// each gate's two fully connected parts go to int16 on the scale 2^-12, gate outputs are on
// 2^-15; the cell state's scale must be a power of two 2^power in [2^-30, 1], which tanh reads as
// a shift (multiplier 0, left shift 12 + power) or, below 2^-12, as multiplier 3 with a right
// shift. The quantised cell clip is 0 when there is none. nullopt for another cell scale.
struct IntegerLstmRescaling {
  QuantizedMultiplier inputToGate[4], recurrentToGate[4]; // gates: input, forget, cell, output
  QuantizedMultiplier forgetTimesCell, inputTimesCellGate, tanhCellTimesOutput;
  int32_t cellTanhMultiplier = 0, cellTanhShift = 0;
  int16_t cellClip = 0;
};
std::optional<IntegerLstmRescaling> integerLstmRescaling(float inputScale, float hiddenScale,
                                                         float cellScale,
                                                         const float (&inputWeightScales)[4],
                                                         const float (&recurrentWeightScales)[4],
                                                         float cellClip);

} // namespace litec::ir
