#include "litec/ir/ops/Cast.h"

#include "litec/ir/Shape.h"

namespace litec::ir::ops {

llvm::Expected<PreparedCast> prepareCast(const Op &op) {
  if (op.operands.size() != 1 || !op.operands[0] || op.results.size() != 1)
    return invalid("CAST needs one input and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (input.type == ElementType::F16 || output.type == ElementType::F16)
    return unsupported("CAST with types " + typeList(op));
  return PreparedCast{{int32_t(elementCount(input.shape).value_or(0))}, input.type, output.type};
}

} // namespace litec::ir::ops
