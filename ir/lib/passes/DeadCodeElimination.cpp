#include "litec/ir/passes/DeadCodeElimination.h"

#include "PassSupport.h"

namespace litec::ir {

namespace {
int64_t eliminateDeadCode(Graph &graph) {
  std::vector<int> uses = useCounts(graph);
  std::vector<bool> erase(graph.ops.size(), false);
  int64_t removed = 0;
  // Backwards: removing an op can leave its operands' producers, which come earlier, unread.
  for (size_t i = graph.ops.size(); i-- > 0;) {
    Op &op = *graph.ops[i];
    if (hasTrait(op.kind, OpTrait::Stateful) || op.results.empty())
      continue;
    bool read = false;
    for (const Value *result : op.results)
      read = read || uses[result->id] > 0;
    if (read)
      continue;
    for (const Value *operand : op.operands)
      if (operand)
        --uses[operand->id];
    for (Value *result : op.results)
      result->producer = nullptr;
    erase[i] = true;
    ++removed;
  }
  eraseOps(graph, erase);
  return removed;
}

} // namespace

std::unique_ptr<Pass> createDeadCodeEliminationPass() {
  return makeGraphPass("eliminate-dead-code", "removed", eliminateDeadCode);
}

} // namespace litec::ir
