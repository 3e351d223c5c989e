// ARG_MAX and ARG_MIN: the prepared ArgMinMaxParams and templates/generic/ArgMinMax.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/ArgMinMax.h"

namespace litec::codegen::generic {

llvm::Error checkArgMinMax(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareArgMinMax(op));
}

llvm::Error emitArgMinMax(LayerContext &layer) {
  auto prepared = ir::ops::prepareArgMinMax(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("ArgMinMax.h");
  layer.statement(fmt::format("litec::generic::argReduce<{}, {}, {}>({}{{}}, {}, {});",
                              prepared->isMax, cppType(prepared->type),
                              cppType(prepared->indexType), layer.paramsName(), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
