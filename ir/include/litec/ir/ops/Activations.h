#pragma once

// RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1, LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU.
// - float32: every one;
// - int8 / uint8 RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1: x - z_in rescaled by s_in / s_out, plus
// z_out,
//   clamped to the activation's quantised bounds;
// - int8 LEAKY_RELU: x - z_in rescaled by s_in / s_out where non-negative, else by
//   s_in * alpha / s_out;
// - int8 LOGISTIC and TANH: the input rescaled into Q4.27, gemmlowp's fixed-point logistic or
//   tanh, rounded to TFLite's fixed output quantisation (LOGISTIC: 1/256 and -128; TANH: 1/128
//   and 0); inputs beyond the representable radius saturate;
// - int16 LOGISTIC and TANH: TFLite's table interpolation (runtime/Int16Activations.h), the
//   input brought to the table's scale by a shift or a 15-bit multiplier; zero points 0, output
//   scale 2^-15;
// - int8 / uint8 HARD_SWISH: TFLite's 16-bit fixed-point evaluation (runtime/
//   QuantizedActivations.h), with the Q15 multipliers and exponents of its Prepare.

#include "litec/ir/ops/Params.h"
#include "litec/runtime/Operators.h"

namespace litec::ir::ops {

struct ActivationParams {
  int32_t count;
  float alpha; // float LEAKY_RELU
  int32_t inputZeroPoint, outputZeroPoint;
  QuantizedMultiplier rescale;      // RELU family: s_in / s_out; LEAKY_RELU: its identity side
  QuantizedMultiplier alphaRescale; // LEAKY_RELU: s_in * alpha / s_out
  IntRange intRange;                // RELU family: the activation's bounds
  // LOGISTIC / TANH: int8, the Q4.27 multiplier, shift and input radius; int16, the table
  // scaling (multiplier 0: a shift alone).
  int32_t multiplier, leftShift, radius;
  // HARD_SWISH: the Q15 multipliers and their exponents.
  int32_t outputMultiplier, reluishMultiplier, outputExponent, reluishExponent;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(count);
    LITEC_PARAM(alpha);
    LITEC_PARAM(inputZeroPoint);
    LITEC_PARAM(outputZeroPoint);
    LITEC_PARAM(rescale);
    LITEC_PARAM(alphaRescale);
    LITEC_PARAM(intRange);
    LITEC_PARAM(multiplier);
    LITEC_PARAM(leftShift);
    LITEC_PARAM(radius);
    LITEC_PARAM(outputMultiplier);
    LITEC_PARAM(reluishMultiplier);
    LITEC_PARAM(outputExponent);
    LITEC_PARAM(reluishExponent);
  }
};

enum class ActivationKind {
  Float,
  QuantizedRelu,
  Int8LeakyRelu,
  Int8Sigmoidal,
  Int16Sigmoidal,
  QuantizedHardSwish,
};

struct PreparedActivation {
  ActivationParams params;
  ActivationKind kind;
  runtime::Activation op;
  ElementType type;
};

llvm::Expected<PreparedActivation> prepareActivation(const Op &op);

} // namespace litec::ir::ops
