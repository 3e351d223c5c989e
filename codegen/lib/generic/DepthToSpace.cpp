// DEPTH_TO_SPACE and SPACE_TO_DEPTH: the prepared DepthToSpaceParams and
// templates/generic/DepthToSpace.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/DepthToSpace.h"

namespace litec::codegen::generic {

llvm::Error checkDepthToSpace(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareDepthToSpace(op));
}

llvm::Error emitDepthToSpace(LayerContext &layer) {
  auto prepared = ir::ops::prepareDepthToSpace(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("DepthToSpace.h");
  layer.statement(fmt::format("litec::generic::rearrangeBlocks<{}, {}>({}{{}}, {}, {});",
                              prepared->toSpace, cppType(prepared->type), layer.paramsName(),
                              layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
