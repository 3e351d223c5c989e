#pragma once

// AVERAGE_POOL_2D and MAX_POOL_2D over NHWC windows clipped to the input (padding positions are
// not counted): float32, and int8, uint8, int16 with the same quantisation in and out.

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct PoolingParams : ImageGeometry, WindowPlacement {
  int32_t filterH, filterW;
  FloatRange floatRange; // float pools
  IntRange intRange;     // integer pools

  template <typename V> void visit(V &&visitor) const {
    ImageGeometry::visit(visitor);
    LITEC_PARAM(filterH);
    LITEC_PARAM(filterW);
    WindowPlacement::visit(visitor);
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
