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
// - the fused convolutions (LITEC_*CONV_2D_RESIDUAL / _PRELU / _HARD_SWISH, OpKinds.def): the
//   convolution computed with no activation into its intermediate's type and quantisation, then
//   the epilogue with the parameters the unfused ADD, PRELU or HARD_SWISH would have prepared
//   (prepareBinary, prepareActivation on that op), so that the pair's arithmetic is unchanged:
//   float residual r + conv clamped to the ADD's activation; quantised residual TFLite's int8 ADD
//   of the two (runtime::quantizedAdd); PRELU and HARD_SWISH as their kernels compute them.

#include "litec/ir/ops/Params.h"
#include "litec/runtime/Operators.h"

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
  // The fused epilogue (runtime::ConvolutionEpilogue) applied to the output stage's result,
  // and what it reads: the residual's channels (a float residual's further channels add 0) or
  // the PRELU slopes (1: one for every channel); the float ADD's activation bounds; the
  // quantised ADD's, PRELU's or HARD_SWISH's rescaling.
  int32_t epilogue;
  int32_t epilogueChannels;
  FloatRange epilogueRange;
  runtime::AddRescale epilogueAdd;
  runtime::PreluRescale epiloguePrelu;
  runtime::HardSwishRescale epilogueHardSwish;
  // Elements from one output pixel to the next: outC, unless the code generator has the layer
  // write a channel slice of a wider tensor (a concatenation's operand written in place).
  int32_t outPixelStride;

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
    OutputStage::visit(visitor);
    LITEC_PARAM(epilogue);
    LITEC_PARAM(epilogueChannels);
    LITEC_PARAM(epilogueRange);
    LITEC_PARAM(epilogueAdd);
    LITEC_PARAM(epiloguePrelu);
    LITEC_PARAM(epilogueHardSwish);
    LITEC_PARAM(outPixelStride);
  }
};

// `folded` reads padding as the zero point (padWithZeroPoint), so the folded sum stays exact at
// the borders.
struct PreparedConvolution : PreparedWeighted<ConvolutionParams> {
  bool depthwise;
};

llvm::Expected<PreparedConvolution> prepareConvolution(const Op &op);

} // namespace litec::ir::ops
