// BATCH_MATMUL: the prepared BatchMatMulParams and templates/generic/BatchMatMul.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/BatchMatMul.h"

namespace litec::codegen::generic {

llvm::Error checkBatchMatMul(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareBatchMatMul(op));
}

llvm::Error emitBatchMatMul(LayerContext &layer) {
  auto prepared = ir::ops::prepareBatchMatMul(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("BatchMatMul.h");
  const std::string T = cppType(prepared->type);
  layer.statement(fmt::format("litec::generic::batchMatMul<{}, {}>({}{{}}, {}, {}, {});", T, T,
                              layer.paramsName(), layer.input(0), layer.input(1), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
