// AVERAGE_POOL_2D and MAX_POOL_2D: the prepared PoolingParams and templates/generic/Pooling.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Pooling.h"

namespace litec::codegen::generic {

llvm::Error checkPooling(const ir::Op &op) {
  return preparedOrError(ir::ops::preparePooling(op));
}

llvm::Error emitPooling(LayerContext &layer) {
  auto prepared = ir::ops::preparePooling(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Pooling.h");
  layer.note(fmt::format("kernel: {} pool, {}", prepared->isMax ? "max" : "average",
                         ir::elementTypeName(prepared->type)));
  layer.statement(fmt::format("litec::generic::pool<{}, {}>({}{{}}, {}, {});", prepared->isMax,
                              cppType(prepared->type), layer.paramsName(), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
