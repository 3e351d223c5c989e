#pragma once

// BATCH_MATMUL: out[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n], with adj_x / adj_y
// transposing the last two dimensions of an operand and the batch dimensions broadcast.
// float32, and int8 ((l - zl) * (r - zr) summed, rescaled by scale_l * scale_r / scale_out,
// per-tensor rhs).

#include "litec/ir/ops/Params.h"

#include <vector>

namespace litec::ir::ops {

inline constexpr int kMaxBatchRank = 6;

struct BatchMatMulParams : OutputStage {
  int32_t m, k, n;
  bool adjX, adjY;
  int32_t batchCount;
  bool batchSameShape; // no broadcasting: batch i of each operand makes batch i
  int32_t batchRank;   // otherwise the output's batch shape and each operand's strides
  std::vector<int32_t> batchShape, lhsBatchStrides, rhsBatchStrides;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(m);
    LITEC_PARAM(k);
    LITEC_PARAM(n);
    LITEC_PARAM(adjX);
    LITEC_PARAM(adjY);
    LITEC_PARAM(batchCount);
    LITEC_PARAM(batchSameShape);
    LITEC_PARAM(batchRank);
    LITEC_PARAM(batchShape);
    LITEC_PARAM(lhsBatchStrides);
    LITEC_PARAM(rhsBatchStrides);
    OutputStage::visit(visitor);
  }
};

struct PreparedBatchMatMul {
  BatchMatMulParams params;
  ElementType type; // of both operands and the result
};

llvm::Expected<PreparedBatchMatMul> prepareBatchMatMul(const Op &op);

} // namespace litec::ir::ops
