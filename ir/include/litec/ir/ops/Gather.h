#pragma once

// GATHER along an axis with batch_dims, any element type, int32 or int64 indices; an index
// outside the axis is refused when the op runs (TFLite's kernel reads out of bounds instead).

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct GatherParams {
  int32_t batches, outer, axisSize, inner, coords;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(batches);
    LITEC_PARAM(outer);
    LITEC_PARAM(axisSize);
    LITEC_PARAM(inner);
    LITEC_PARAM(coords);
  }
};

struct PreparedGather {
  GatherParams params;
  ElementType type, indexType;
};

llvm::Expected<PreparedGather> prepareGather(const Op &op);

} // namespace litec::ir::ops
