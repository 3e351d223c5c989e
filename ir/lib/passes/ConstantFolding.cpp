#include "litec/ir/passes/ConstantFolding.h"

#include "PassSupport.h"

#include "litec/ir/reference/Kernel.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::ir {

// Ops worth running at compile time (the Foldable trait: their results are no bigger than a few
// times their inputs, and they carry no state) whose operands are all constant.
bool isFoldable(const Op &op) {
  if (!hasTrait(op.kind, OpTrait::Foldable) || op.results.empty())
    return false;
  for (const Value *v : op.operands)
    if (v && (!v->isConstant() || v->isVariable))
      return false;
  return true;
}

namespace {
llvm::Error fold(Graph &graph, Op &op) {
  auto kernel = reference::prepareKernel(op);
  if (!kernel)
    return kernel.takeError();
  std::vector<std::vector<uint8_t>> resultBytes;
  for (const Value *result : op.results) {
    const std::optional<int64_t> bytes = result->byteSize();
    if (!bytes)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "a folded result's size overflows");
    resultBytes.emplace_back(size_t(*bytes));
  }
  std::vector<std::span<uint8_t>> views(graph.values.size());
  for (const Value *operand : op.operands)
    if (operand) {
      std::span<const uint8_t> data = operand->data();
      // Kernels only read their operands; TensorViews hands out mutable spans for results.
      views[operand->id] = {const_cast<uint8_t *>(data.data()), data.size()};
    }
  for (size_t i = 0; i < op.results.size(); ++i)
    views[op.results[i]->id] = resultBytes[i];
  if (auto error = (*kernel)->run(reference::TensorViews(op, views)))
    return error;
  for (size_t i = 0; i < op.results.size(); ++i) {
    op.results[i]->setOwnedData(std::move(resultBytes[i]));
    op.results[i]->producer = nullptr;
  }
  return llvm::Error::success();
}
} // namespace

llvm::Expected<FoldingStats> foldConstants(Graph &graph) {
  FoldingStats stats;
  std::vector<bool> folded(graph.ops.size(), false);
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    Op &op = *graph.ops[i];
    if (!isFoldable(op))
      continue;
    if (auto error = fold(graph, op))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     fmt::format("op {} ({}): folding failed: {}", op.index,
                                                 op.displayName(),
                                                 llvm::toString(std::move(error))));
    folded[i] = true;
    ++stats.foldedOps;
  }
  eraseOps(graph, folded);
  return stats;
}

namespace {
class ConstantFoldingPass final : public Pass {
public:
  std::string_view name() const override { return "fold-constants"; }
  llvm::Error run(Module &module, PassStatistics &statistics) override {
    for (size_t g = 0; g < module.graphs.size(); ++g) {
      auto folded = foldConstants(*module.graphs[g]);
      if (!folded)
        return g == 0 ? folded.takeError()
                      : llvm::createStringError(
                            llvm::inconvertibleErrorCode(),
                            fmt::format("subgraph {}: {}", g, llvm::toString(folded.takeError())));
      statistics.add(name(), "folded-ops", folded->foldedOps);
    }
    return llvm::Error::success();
  }
};
} // namespace

std::unique_ptr<Pass> createConstantFoldingPass() {
  return std::make_unique<ConstantFoldingPass>();
}

} // namespace litec::ir
