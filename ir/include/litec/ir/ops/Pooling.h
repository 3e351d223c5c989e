#pragma once

// AVERAGE_POOL_2D and MAX_POOL_2D over NHWC windows clipped to the input (padding positions are
// not counted): float32, and int8, uint8, int16 with the same quantisation in and out.

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct PoolingParams {
  int32_t batches, inH, inW, channels, outH, outW;
  int32_t filterH, filterW, strideH, strideW, padTop, padLeft;
  FloatRange floatRange; // float pools
  IntRange intRange;     // integer pools

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(batches);
    LITEC_PARAM(inH);
    LITEC_PARAM(inW);
    LITEC_PARAM(channels);
    LITEC_PARAM(outH);
    LITEC_PARAM(outW);
    LITEC_PARAM(filterH);
    LITEC_PARAM(filterW);
    LITEC_PARAM(strideH);
    LITEC_PARAM(strideW);
    LITEC_PARAM(padTop);
    LITEC_PARAM(padLeft);
    LITEC_PARAM(floatRange);
    LITEC_PARAM(intRange);
  }
};

struct PreparedPooling {
  PoolingParams params;
  bool isMax;
  ElementType type; // of input and output
};

llvm::Expected<PreparedPooling> preparePooling(const Op &op);

} // namespace litec::ir::ops
