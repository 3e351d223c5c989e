#pragma once

// CAST between float32, int8, uint8, int16, int32, int64 and bool: through double (int64
// directly), float to integer truncating toward zero and saturating (C++ leaves that
// undefined), anything to bool as "not zero".

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct CastParams {
  int32_t count;

  template <typename V> void visit(V &&visitor) const { LITEC_PARAM(count); }
};

struct PreparedCast {
  CastParams params;
  ElementType from, to;
};

llvm::Expected<PreparedCast> prepareCast(const Op &op);

} // namespace litec::ir::ops
