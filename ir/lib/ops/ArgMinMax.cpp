#include "litec/ir/ops/ArgMinMax.h"

#include "litec/ir/Shape.h"

namespace litec::ir::ops {

llvm::Expected<PreparedArgMinMax> prepareArgMinMax(const Op &op) {
  if (op.operands.size() != 2 || !op.operands[0] || op.results.size() != 1)
    return invalid(opName(op) + " needs an input, an axis and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  auto axisValue = constantInts(op.operands[1]);
  if (!axisValue || axisValue->size() != 1)
    return unsupported("an arg max/min whose axis is not constant");
  if (input.type == ElementType::F16 || input.type == ElementType::Bool ||
      (output.type != ElementType::I32 && output.type != ElementType::I64))
    return unsupported("arg max/min with types " + typeList(op));
  const int64_t rank = int64_t(input.shape.size());
  const int64_t axisIndex = (*axisValue)[0];
  if (axisIndex < -rank || axisIndex >= rank)
    return invalid(opName(op) + " axis " + std::to_string(axisIndex) + " is out of range");
  const size_t axis = size_t(normalizedAxis(axisIndex, size_t(rank)));
  PreparedArgMinMax prepared{};
  prepared.isMax = op.kind == OpKind::ARG_MAX;
  prepared.type = input.type;
  prepared.indexType = output.type;
  prepared.params = {int32_t(dimensionProduct(input.shape, 0, axis)), int32_t(input.shape[axis]),
                     int32_t(dimensionProduct(input.shape, axis + 1, input.shape.size()))};
  return prepared;
}

} // namespace litec::ir::ops
