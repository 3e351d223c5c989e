#pragma once

// ARG_MAX and ARG_MIN along a constant axis: the first index wins ties; int32 or int64 output;
// any input type but float16 and bool.

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct ArgMinMaxParams {
  int32_t outer, axisSize, inner;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(outer);
    LITEC_PARAM(axisSize);
    LITEC_PARAM(inner);
  }
};

struct PreparedArgMinMax {
  ArgMinMaxParams params;
  bool isMax;
  ElementType type, indexType;
};

llvm::Expected<PreparedArgMinMax> prepareArgMinMax(const Op &op);

} // namespace litec::ir::ops
