#pragma once

// TRANSPOSE_CONV (operands: the output shape, OHWI weights, the input, an optional bias) and
// MediaPipe's custom Convolution2DTransposeBias (the input, OHWI weights, the bias; float32,
// no activation). Every input pixel scatters its weighted window into the output; the padding
// is the one a forward convolution from the output back to the input would have, as TFLite
// derives it. The types of WeightedTypes (Params.h); quantised, the scattered products of
// centred inputs and weights are summed in wide accumulators (scratch), then the bias and the
// OutputStage (per-channel weights along axis 0).

#include "litec/ir/ops/Params.h"

#include <vector>

namespace litec::ir::ops {

struct TransposeConvolutionParams : WindowGeometry, WindowPlacement, OutputStage {
  int32_t outCount;

  template <typename V> void visit(V &&visitor) const {
    WindowGeometry::visit(visitor);
    WindowPlacement::visit(visitor);
    LITEC_PARAM(outCount);
    OutputStage::visit(visitor);
  }
};

struct PreparedTransposeConvolution {
  TransposeConvolutionParams params;
  WeightedTypes types;
  WeightedOperands operands; // where the input, weights and bias are among the op's operands
  int64_t scratchBytes;      // quantised: one accumulator per output element
  int32_t accumulatorBytes;  // 4 (int32, 8-bit outputs) or 8 (int64, int16 outputs)
};

// TRANSPOSE_CONV, or CUSTOM with the code Convolution2DTransposeBias.
bool isTransposeConvolution(const Op &op);
llvm::Expected<PreparedTransposeConvolution> prepareTransposeConvolution(const Op &op);

} // namespace litec::ir::ops
