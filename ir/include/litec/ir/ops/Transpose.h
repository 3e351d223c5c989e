#pragma once

// TRANSPOSE: output dimension i is input dimension perm[i] (negative entries count from the
// back). Any element type, any rank up to 8, a constant permutation.

#include "litec/ir/ops/Params.h"

#include <vector>

namespace litec::ir::ops {

inline constexpr int kMaxTransposeRank = 8;

struct TransposeParams {
  int32_t rank, count;
  std::vector<int32_t> outShape, inStrides; // inStrides: the input stride of each output dim

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(rank);
    LITEC_PARAM(count);
    LITEC_PARAM(outShape);
    LITEC_PARAM(inStrides);
  }
};

struct PreparedTranspose {
  TransposeParams params;
  ElementType type;
};

llvm::Expected<PreparedTranspose> prepareTranspose(const Op &op);

} // namespace litec::ir::ops
