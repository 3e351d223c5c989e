#include "litec/ir/ops/BatchMatMul.h"

#include "litec/ir/Shape.h"

namespace litec::ir::ops {

llvm::Expected<PreparedBatchMatMul> prepareBatchMatMul(const Op &op) {
  if (op.operands.size() != 2 || !op.operands[0] || !op.operands[1] || op.results.size() != 1)
    return invalid("BATCH_MATMUL needs two operands and one result");
  const Value &lhs = *op.operands[0], &rhs = *op.operands[1], &out = *op.results[0];
  if (lhs.shape.size() < 2 || rhs.shape.size() < 2 || out.shape.size() < 2)
    return invalid("BATCH_MATMUL needs operands of rank 2 or more");
  if (out.shape.size() - 2 > size_t(kMaxBatchRank))
    return unsupported("BATCH_MATMUL with more than " + std::to_string(kMaxBatchRank) +
                       " batch dimensions");
  auto options = optionsOf<options::BatchMatMulOptions>(op);
  if (!options)
    return options.takeError();
  PreparedBatchMatMul prepared{};
  BatchMatMulParams &p = prepared.params;
  p.adjX = options->adj_x;
  p.adjY = options->adj_y;
  const size_t lr = lhs.shape.size(), rr = rhs.shape.size();
  p.m = int32_t(lhs.shape[lr - (p.adjX ? 1 : 2)]);
  p.k = int32_t(lhs.shape[lr - (p.adjX ? 2 : 1)]);
  p.n = int32_t(rhs.shape[rr - (p.adjY ? 2 : 1)]);
  const Shape lhsBatch(lhs.shape.begin(), lhs.shape.end() - 2),
      rhsBatch(rhs.shape.begin(), rhs.shape.end() - 2),
      outBatch(out.shape.begin(), out.shape.end() - 2);
  p.batchCount = int32_t(elementCount(outBatch).value_or(1));
  p.batchSameShape = lhsBatch == outBatch && rhsBatch == outBatch;
  p.batchRank = int32_t(outBatch.size());
  for (size_t d = 0; d < outBatch.size(); ++d) {
    p.batchShape.push_back(int32_t(outBatch[d]));
    p.lhsBatchStrides.push_back(int32_t(broadcastStrides(lhsBatch, outBatch)[d]));
    p.rhsBatchStrides.push_back(int32_t(broadcastStrides(rhsBatch, outBatch)[d]));
  }
  prepared.type = lhs.type;
  if (allOfType(op, ElementType::F32))
    return prepared;
  if (allOfType(op, ElementType::I8) && !rhs.quant.isPerChannel()) {
    auto stage = outputStage(false, options::ActivationFunctionType::NONE, lhs, rhs, out, 1, 0);
    if (!stage)
      return stage.takeError();
    setOutputStage(p, std::move(*stage));
    return prepared;
  }
  return unsupported("BATCH_MATMUL with types " + typeList(op));
}

} // namespace litec::ir::ops
