#pragma once

// CONV_2D and DEPTHWISE_CONV_2D on NHWC data, SAME or VALID padding, strides, dilation, fused
// activation, optional bias, the types of WeightedTypes (Params.h).
// - CONV_2D: OHWI filter; grouped when the filter sees fewer channels than the input has
//   (filterC divides inC, each group of outC / groups output channels reads its slice);
// - DEPTHWISE_CONV_2D: 1HWO filter, output channel oc reads input channel oc / depthMultiplier
//   (depthMultiplier = outC / inC, as TFLite's kernels derive it).
// Quantised: sum_k (w + weightsOffset) (x + inputOffset) + bias, through the OutputStage (one
// multiplier per output channel for per-channel weights, along axis 0 for CONV_2D and 3 for
// DEPTHWISE_CONV_2D).

#include "litec/ir/ops/Params.h"

#include <optional>
#include <vector>

namespace litec::ir::ops {

struct ConvolutionParams : WindowGeometry, WindowPlacement, OutputStage {
  int32_t filterC, groupSize; // CONV_2D: channels a filter sees, output channels per group
  int32_t depthMultiplier;    // DEPTHWISE_CONV_2D
  int32_t dilationH, dilationW;
  // With the input zero point folded into the bias (PreparedConvolution::folded), taps outside
  // the input read padValue (the zero point) instead of being skipped: the same sum.
  bool padWithZeroPoint;
  int32_t padValue;
  // LITEC_CONV_2D_RESIDUAL: the residual's channels (the rest add zero) added before the
  // activation; 0 for none.
  int32_t residualChannels;

  template <typename V> void visit(V &&visitor) const {
    WindowGeometry::visit(visitor);
    LITEC_PARAM(filterC);
    LITEC_PARAM(groupSize);
    LITEC_PARAM(depthMultiplier);
    WindowPlacement::visit(visitor);
    LITEC_PARAM(dilationH);
    LITEC_PARAM(dilationW);
    LITEC_PARAM(padWithZeroPoint);
    LITEC_PARAM(padValue);
    LITEC_PARAM(residualChannels);
    OutputStage::visit(visitor);
  }
};

// `folded` reads padding as the zero point (padWithZeroPoint), so the folded sum stays exact at
// the borders.
struct PreparedConvolution : PreparedWeighted<ConvolutionParams> {
  bool depthwise;
};

llvm::Expected<PreparedConvolution> prepareConvolution(const Op &op);

} // namespace litec::ir::ops
