#include "litec/ir/passes/ReshapeCollapse.h"

#include "PassSupport.h"

namespace litec::ir {

namespace {
bool isReshape(const Op &op) {
  return (op.kind == OpKind::RESHAPE || op.kind == OpKind::SQUEEZE ||
          op.kind == OpKind::EXPAND_DIMS) &&
         !op.operands.empty() && op.operands[0] && op.results.size() == 1;
}

// Whether b holds a's elements as they are: the same type and per-tensor quantisation (a
// per-channel axis would mean another thing in another shape).
bool sameElements(const Value &a, const Value &b) {
  return a.type == b.type && !a.quant.isPerChannel() && a.quant.scales == b.quant.scales &&
         a.quant.zeroPoints == b.quant.zeroPoints;
}

int64_t collapseReshapes(Graph &graph) {
  int64_t collapsed = 0;
  for (std::unique_ptr<Op> &op : graph.ops) {
    if (!isReshape(*op))
      continue;
    Value &input = *op->operands[0];
    Value &result = *op->results[0];
    if (!sameElements(input, result))
      continue;
    if (input.shape == result.shape) {
      collapsed += replaceUses(graph, result, input) ? 1 : 0;
      continue;
    }
    // RESHAPE takes its shape from its own operand or options, not from its input's: it may
    // read the first reshape's input directly.
    const Op *first = input.producer;
    if (op->kind == OpKind::RESHAPE && first && isReshape(*first) &&
        sameElements(*first->operands[0], result)) {
      op->operands[0] = first->operands[0];
      ++collapsed;
    }
  }
  return collapsed;
}
} // namespace

std::unique_ptr<Pass> createReshapeCollapsePass() {
  return makeGraphPass("collapse-reshapes", "collapsed", collapseReshapes);
}

} // namespace litec::ir
