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
  bool alongLastAxis; // then widths[] are channel counts and outer counts pixels
  bool rescaled() const { return !params.rescale.empty(); }
};

llvm::Expected<PreparedConcatenation> prepareConcatenation(const Op &op);

// Where a producer could write an input straight into the output, so that the concatenation has
// nothing to copy for it (no input rescaled): with everything before the axis 1, each input is
// one contiguous slice (pixelStride 0); along the last axis, each input is a run of channels in
// every pixel of the output, pixelStride bytes apart. offsets: each input's first byte.
struct ConcatenationSlices {
  std::vector<int64_t> offsets;
  int64_t pixelStride = 0;
};
std::optional<ConcatenationSlices> concatenationSlices(const PreparedConcatenation &prepared);

} // namespace litec::ir::ops
