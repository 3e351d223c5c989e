#pragma once

// SVDF: a rank-decomposed fully connected layer over time (operands: input, feature weights,
// time weights, optional bias, the variable activation state). Each invoke shifts the state
// one step back in time, writes the feature projection of the new input into its newest
// column, applies the time weights, sums each unit's rank filters and adds the bias. float32
// with the fused activation; int8 input with int8 or int16 state and time weights as TFLite
// Micro computes it (the feature projection rescaled by s_in s_features / s_state onto the
// state, the output by s_state s_time / s_out; clamped to int8, no fused activation).

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct SvdfParams {
  int32_t batches, inputs, filters, units, rank, memory;
  FloatRange floatRange;
  int32_t inputZeroPoint, stateZeroPoint, outputZeroPoint;
  QuantizedMultiplier feature, output;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(batches);
    LITEC_PARAM(inputs);
    LITEC_PARAM(filters);
    LITEC_PARAM(units);
    LITEC_PARAM(rank);
    LITEC_PARAM(memory);
    LITEC_PARAM(floatRange);
    LITEC_PARAM(inputZeroPoint);
    LITEC_PARAM(stateZeroPoint);
    LITEC_PARAM(outputZeroPoint);
    LITEC_PARAM(feature);
    LITEC_PARAM(output);
  }
};

struct PreparedSvdf {
  SvdfParams params;
  bool isFloat;
  ElementType stateType; // integer: int8 or int16 (the time weights' type too)
  bool hasBias;
};

llvm::Expected<PreparedSvdf> prepareSvdf(const Op &op);

} // namespace litec::ir::ops
