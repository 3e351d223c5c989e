#include "litec/ir/ops/DepthToSpace.h"

namespace litec::ir::ops {

llvm::Expected<PreparedDepthToSpace> prepareDepthToSpace(const Op &op) {
  if (op.operands.size() != 1 || !op.operands[0] || op.results.size() != 1)
    return invalid(opName(op) + " needs one input and one result");
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (input.type != output.type || input.shape.size() != 4 || output.shape.size() != 4)
    return unsupported("a block rearrangement with types " + typeList(op));
  const bool toSpace = op.kind == OpKind::DEPTH_TO_SPACE;
  auto blockSize = blockSizeOf(op);
  if (!blockSize)
    return blockSize.takeError();
  const int32_t block = *blockSize;
  if (block < 1)
    return invalid(opName(op) + " needs a block size of at least 1");
  const Shape &deep = toSpace ? input.shape : output.shape;
  const Shape &wide = toSpace ? output.shape : input.shape;
  PreparedDepthToSpace prepared{};
  prepared.toSpace = toSpace;
  prepared.type = input.type;
  prepared.params = {block,
                     int32_t(wide[0]),
                     int32_t(wide[1]),
                     int32_t(wide[2]),
                     int32_t(wide[3]),
                     int32_t(deep[1]),
                     int32_t(deep[2]),
                     int32_t(deep[3])};
  return prepared;
}

} // namespace litec::ir::ops
