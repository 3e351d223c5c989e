// Float RELU family, LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU on a SIMD target's kernel of
// templates/<target>/Activations.h; the quantised activations run on the generic kernels.

#include "SimdKernels.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Activations.h"

namespace litec::codegen::simd {

llvm::Error checkActivations(const ir::Op &op, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareActivation(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->kind != ir::ops::ActivationKind::Float)
    return generic::refuse(
        fmt::format("no {} kernel for quantised activations yet", kernels.target));
  return llvm::Error::success();
}

llvm::Error emitActivations(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareActivation(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Activations.h");
  const runtime::Activation op = prepared->op;
  const bool usesExp = op == runtime::Activation::kLogistic || op == runtime::Activation::kTanh;
  layer.note(fmt::format("kernel: {} f32 element-wise, {}{}", kernels.target, kernels.lanesStep,
                         usesExp ? "; e^x by range reduction and a degree-6 polynomial" : ""));
  layer.statement(fmt::format("{}::activationF32<litec::runtime::Activation::{}>({}{{}}, {}, {});",
                              kernels.ns, runtime::name(op), layer.paramsName(), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
