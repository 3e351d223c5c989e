#include "litec/ir/ops/Pooling.h"

namespace litec::ir::ops {

llvm::Expected<PreparedPooling> preparePooling(const Op &op) {
  if (op.kind != OpKind::AVERAGE_POOL_2D && op.kind != OpKind::MAX_POOL_2D)
    return invalid("not a pooling op");
  if (op.operands.size() != 1 || !op.operands[0] || op.results.size() != 1)
    return invalid("pooling needs one input and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (input.shape.size() != 4 || output.shape.size() != 4)
    return unsupported("pooling of rank " + std::to_string(input.shape.size()));
  auto window = spatialWindowOf(op);
  if (!window)
    return window.takeError();
  if (window->filterH <= 0 || window->filterW <= 0 || window->strideH <= 0 || window->strideW <= 0)
    return invalid("pooling needs positive filter sizes and strides");
  PreparedPooling prepared{};
  PoolingParams &p = prepared.params;
  setImageGeometry(p, input.shape, output.shape);
  p.filterH = window->filterH;
  p.filterW = window->filterW;
  placeWindow(p, *window, p.inH, p.inW, p.filterH, p.filterW, p.outH, p.outW);
  prepared.isMax = op.kind == OpKind::MAX_POOL_2D;
  prepared.type = input.type;
  if (input.type == ElementType::F32 && output.type == ElementType::F32) {
    auto range = floatActivation(window->activation);
    if (!range)
      return range.takeError();
    p.floatRange = *range;
    p.intRange = {0, 0};
    return prepared;
  }
  if (input.type == output.type &&
      (input.type == ElementType::I8 || input.type == ElementType::U8 ||
       input.type == ElementType::I16)) {
    auto range = quantizedActivation(window->activation, output);
    if (!range)
      return range.takeError();
    p.intRange = *range;
    p.floatRange = {0, 0};
    return prepared;
  }
  return unsupported("pooling with types " + typeList(op));
}

} // namespace litec::ir::ops
