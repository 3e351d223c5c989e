#include "PassSupport.h"

namespace litec::ir {

std::vector<int> useCounts(const Graph &graph) {
  std::vector<int> uses(graph.values.size(), 0);
  for (const std::unique_ptr<Op> &op : graph.ops)
    for (const Value *operand : op->operands)
      if (operand)
        ++uses[operand->id];
  for (const Value *output : graph.outputs)
    ++uses[output->id];
  return uses;
}

void eraseOps(Graph &graph, const std::vector<bool> &erase) {
  std::vector<std::unique_ptr<Op>> kept;
  for (size_t i = 0; i < graph.ops.size(); ++i)
    if (!erase[i])
      kept.push_back(std::move(graph.ops[i]));
  graph.ops = std::move(kept);
  for (size_t i = 0; i < graph.ops.size(); ++i)
    graph.ops[i]->index = unsigned(i);
}

} // namespace litec::ir
