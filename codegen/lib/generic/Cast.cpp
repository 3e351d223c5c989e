// CAST: templates/generic/Cast.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Cast.h"

namespace litec::codegen::generic {

llvm::Error checkCast(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareCast(op));
}

llvm::Error emitCast(LayerContext &layer) {
  auto prepared = ir::ops::prepareCast(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Cast.h");
  layer.statement(fmt::format("litec::generic::cast<{}, {}>({}{{}}, {}, {});",
                              cppType(prepared->from), cppType(prepared->to), layer.paramsName(),
                              layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
