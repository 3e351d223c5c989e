#pragma once

// CONCATENATION along one axis (negative axes count from the end), no fused activation. Any
// element type; inputs that share the output's scale and zero point are copied. uint8 inputs
// quantised differently are rescaled as TFLite's ConcatenationWithScaling does it (in float,
// rounded half away from zero, clamped); TFLite refuses int8 and int16 inputs that differ, and
// so does this.

#include "litec/ir/ops/Params.h"

#include <vector>

namespace litec::ir::ops {

struct ConcatenationParams {
  int32_t inputs;
  int32_t outer;               // the product of the dimensions before the axis
  int32_t outWidth;            // output elements per outer index
  std::vector<int32_t> widths; // each input's elements per outer index
  // uint8 inputs rescaled: q_out = round(q * scale + bias) + outputZeroPoint.
  std::vector<int32_t> rescale; // 1 for an input that is rescaled
  std::vector<float> scales, biases;
  int32_t outputZeroPoint;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(inputs);
    LITEC_PARAM(outer);
    LITEC_PARAM(outWidth);
    LITEC_PARAM(widths);
    LITEC_PARAM(rescale);
    LITEC_PARAM(scales);
    LITEC_PARAM(biases);
    LITEC_PARAM(outputZeroPoint);
  }
};

struct PreparedConcatenation {
  ConcatenationParams params; // rescale, scales, biases empty when no input is rescaled
  ElementType type;
  bool rescaled() const { return !params.rescale.empty(); }
};

llvm::Expected<PreparedConcatenation> prepareConcatenation(const Op &op);

// Where each input's bytes start in the output when every input is one contiguous slice of it
// and none is rescaled (everything before the axis is 1): then a producer can write its result
// straight into its slice and the concatenation has nothing to copy for it. Empty otherwise.
std::vector<int64_t> contiguousSlices(const PreparedConcatenation &prepared);

} // namespace litec::ir::ops
