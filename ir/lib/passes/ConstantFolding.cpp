#include "litec/ir/passes/ConstantFolding.h"

#include "litec/ir/reference/Kernel.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::ir {

// Ops worth running at compile time: their results are no bigger than a few times their
// inputs, and they carry no state.
namespace {
// Whether `op` is a kind worth running at compile time and `isConstant` holds for its operands.
template <typename IsConstant> bool foldableWith(const Op &op, IsConstant isConstant) {
  if (!hasTrait(op.kind, OpTrait::Foldable))
    return false;
  if (op.results.empty())
    return false;
  for (const Value *v : op.operands)
    if (v && (!isConstant(v) || v->isVariable))
      return false;
  return true;
}
} // namespace

bool isFoldable(const Op &op) {
  return foldableWith(op, [](const Value *v) { return v->isConstant(); });
}

std::set<const Op *> opsFoldedAway(const Graph &graph) {
  std::set<const Op *> folded;
  std::set<const Value *> constantResults;
  for (const auto &op : graph.ops) {
    if (!foldableWith(
            *op, [&](const Value *v) { return v->isConstant() || constantResults.count(v) != 0; }))
      continue;
    folded.insert(op.get());
    constantResults.insert(op->results.begin(), op->results.end());
  }
  return folded;
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
  std::vector<std::unique_ptr<Op>> kept;
  for (std::unique_ptr<Op> &op : graph.ops) {
    if (isFoldable(*op)) {
      if (auto error = fold(graph, *op))
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       fmt::format("op {} ({}): folding failed: {}", op->index,
                                                   op->displayName(),
                                                   llvm::toString(std::move(error))));
      ++stats.foldedOps;
      continue;
    }
    kept.push_back(std::move(op));
  }
  graph.ops = std::move(kept);
  for (size_t i = 0; i < graph.ops.size(); ++i)
    graph.ops[i]->index = unsigned(i);
  return stats;
}

} // namespace litec::ir
