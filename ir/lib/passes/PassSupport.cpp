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

namespace {
class GraphPass final : public Pass {
public:
  GraphPass(std::string_view name, std::string_view statistic, int64_t (*transform)(Graph &))
      : name_(name), statistic_(statistic), transform_(transform) {}
  std::string_view name() const override { return name_; }
  llvm::Error run(Module &module, PassStatistics &statistics) override {
    for (std::unique_ptr<Graph> &graph : module.graphs)
      statistics.add(name_, statistic_, transform_(*graph));
    return llvm::Error::success();
  }

private:
  std::string_view name_, statistic_;
  int64_t (*transform_)(Graph &);
};
} // namespace

std::unique_ptr<Pass> makeGraphPass(std::string_view name, std::string_view statistic,
                                    int64_t (*transform)(Graph &graph)) {
  return std::make_unique<GraphPass>(name, statistic, transform);
}

bool replaceUses(Graph &graph, const Value &from, Value &to) {
  for (const Value *output : graph.outputs)
    if (output == &from)
      return false;
  for (std::unique_ptr<Op> &op : graph.ops)
    for (Value *&operand : op->operands)
      if (operand == &from)
        operand = &to;
  return true;
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
