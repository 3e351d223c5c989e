// TRANSPOSE: the prepared TransposeParams and templates/generic/Transpose.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Transpose.h"

namespace litec::codegen::generic {

llvm::Error checkTranspose(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareTranspose(op));
}

llvm::Error emitTranspose(LayerContext &layer) {
  auto prepared = ir::ops::prepareTranspose(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Transpose.h");
  layer.statement(fmt::format("litec::generic::transpose<{}>({}{{}}, {}, {});",
                              cppType(prepared->type), layer.paramsName(), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
