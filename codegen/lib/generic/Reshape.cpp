// RESHAPE, SQUEEZE and EXPAND_DIMS change only the shape: the memory plan gives the result its
// input's bytes (an alias, no code), and where it cannot (the input is a constant, or the byte
// sizes differ, which the verifier rejects anyway) the layer copies.

#include "Emitters.h"

#include "litec/codegen/MemoryPlan.h"

namespace litec::codegen::generic {

llvm::Error checkReshape(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.results.size() != 1)
    return refuse("needs an input and one result");
  if (op.operands[0]->type != op.results[0]->type ||
      op.operands[0]->byteSize() != op.results[0]->byteSize())
    return refuse("input and result differ in type or size");
  return llvm::Error::success();
}

llvm::Error emitReshape(LayerContext &layer) {
  const ir::Op &op = layer.op();
  if (isAliasOp(op))
    return llvm::Error::success();
  layer.statement(fmt::format("std::memcpy({}, {}, {});", layer.output(0), layer.input(0),
                              op.results[0]->byteSize().value_or(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
