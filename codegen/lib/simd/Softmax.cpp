// Float SOFTMAX on a SIMD target's kernel of templates/<target>/Softmax.h; the quantised forms
// (TFLite's fixed-point exp) run on the generic kernels.

#include "SimdKernels.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Softmax.h"

namespace litec::codegen::simd {

llvm::Error checkSoftmax(const ir::Op &op, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareSoftmax(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->kind != ir::ops::SoftmaxKind::Float)
    return generic::refuse(fmt::format("no {} kernel for quantised SOFTMAX yet", kernels.target));
  return llvm::Error::success();
}

llvm::Error emitSoftmax(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareSoftmax(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Softmax.h");
  layer.note(fmt::format("kernel: {} f32 SOFTMAX, {}: the row's maximum, e^x by range reduction "
                         "and a degree-6 polynomial, a division by the sum",
                         kernels.target, kernels.vectorStep));
  layer.statement(fmt::format("{}::softmaxF32({}{{}}, {}, {});", kernels.ns, layer.paramsName(),
                              layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
