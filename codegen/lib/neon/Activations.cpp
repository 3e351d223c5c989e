// Float RELU family, LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU on the NEON kernel of
// templates/neon/Activations.h; the quantised activations run on the generic kernels.

#include "NeonTarget.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Activations.h"

namespace litec::codegen::neon {

llvm::Error checkActivations(const ir::Op &op) {
  auto prepared = ir::ops::prepareActivation(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->kind != ir::ops::ActivationKind::Float)
    return generic::refuse("no NEON kernel for quantised activations yet");
  return llvm::Error::success();
}

llvm::Error emitActivations(LayerContext &layer) {
  auto prepared = ir::ops::prepareActivation(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Activations.h");
  const runtime::Activation op = prepared->op;
  const bool usesExp = op == runtime::Activation::kLogistic || op == runtime::Activation::kTanh;
  layer.note(fmt::format("kernel: NEON f32 element-wise, 16 lanes per step{}",
                         usesExp ? "; e^x by range reduction and a degree-6 polynomial" : ""));
  layer.statement(fmt::format("litec::neon::activationF32<litec::runtime::Activation::{}>({}{{}}, "
                              "{}, {});",
                              runtime::name(op), layer.paramsName(), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::neon
