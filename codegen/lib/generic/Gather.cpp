// GATHER: the prepared GatherParams and templates/generic/Gather.h (indices checked).

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Gather.h"

namespace litec::codegen::generic {

llvm::Error checkGather(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareGather(op));
}

llvm::Error emitGather(LayerContext &layer) {
  auto prepared = ir::ops::prepareGather(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Gather.h");
  layer.setFallible();
  layer.statement(fmt::format("return litec::generic::gather<{}, {}>({}{{}}, {}, {}, {});",
                              cppType(prepared->type), cppType(prepared->indexType),
                              layer.paramsName(), layer.input(0), layer.input(1), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
