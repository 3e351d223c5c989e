#include "litec/ir/passes/EpilogueFusion.h"

#include "PassSupport.h"

namespace litec::ir {

namespace {
// The PRELU slopes `op` reads when they broadcast along the channels alone (one per channel, or
// one); nullptr otherwise. Slopes of any other shape vary along the height or width, which the
// epilogue's per-channel slope does not.
Value *channelSlopes(const Op &op) {
  if (op.operands.size() != 2 || !op.operands[1])
    return nullptr;
  Value &slopes = *op.operands[1];
  const Shape &x = op.operands[0]->shape;
  if (slopes.shape.size() > x.size()) // broadcasting would widen the result's rank
    return nullptr;
  if (slopes.shape.empty())
    return &slopes;
  for (size_t d = 0; d + 1 < slopes.shape.size(); ++d)
    if (slopes.shape[d] != 1)
      return nullptr;
  const int64_t last = slopes.shape.back();
  return x.size() == 4 && (last == 1 || last == x[3]) ? &slopes : nullptr;
}

int64_t fuseEpilogues(Graph &graph) {
  const std::vector<int> uses = useCounts(graph);
  std::vector<bool> erase(graph.ops.size(), false);
  int64_t fused = 0;
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    const Op &op = *graph.ops[i];
    if ((op.kind != OpKind::PRELU && op.kind != OpKind::HARD_SWISH) || op.operands.empty() ||
        !op.operands[0] || op.results.size() != 1)
      continue;
    Op *conv = op.operands[0]->producer;
    if (!isFusableConvolution(conv, uses))
      continue;
    Value *slopes = nullptr;
    if (op.kind == OpKind::PRELU && !(slopes = channelSlopes(op)))
      continue;
    std::optional<Op> fusedOp = fusedConvolutionOp(*conv, op, slopes);
    if (!fusedOp)
      continue;
    replaceByFused(graph, *conv, i, std::move(*fusedOp), erase);
    ++fused;
  }
  eraseOps(graph, erase);
  return fused;
}
} // namespace

std::unique_ptr<Pass> createEpilogueFusionPass() {
  return makeGraphPass("fuse-epilogues", "fused", fuseEpilogues);
}

} // namespace litec::ir
