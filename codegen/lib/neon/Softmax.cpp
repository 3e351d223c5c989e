// Float SOFTMAX on the NEON kernel of templates/neon/Softmax.h; the quantised forms (TFLite's
// fixed-point exp) run on the generic kernels.

#include "NeonTarget.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Softmax.h"

namespace litec::codegen::neon {

llvm::Error checkSoftmax(const ir::Op &op) {
  auto prepared = ir::ops::prepareSoftmax(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->kind != ir::ops::SoftmaxKind::Float)
    return generic::refuse("no NEON kernel for quantised SOFTMAX yet");
  return llvm::Error::success();
}

llvm::Error emitSoftmax(LayerContext &layer) {
  auto prepared = ir::ops::prepareSoftmax(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Softmax.h");
  layer.note("kernel: NEON f32 SOFTMAX, 4 lanes a step: the row's maximum, e^x by range "
             "reduction and a degree-6 polynomial, a division by the sum");
  layer.statement(fmt::format("litec::neon::softmaxF32({}{{}}, {}, {});", layer.paramsName(),
                              layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::neon
