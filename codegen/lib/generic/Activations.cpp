// RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1, LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU: the prepared
// ActivationParams and templates/generic/Activations.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Activations.h"

namespace litec::codegen::generic {

llvm::Error checkActivations(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareActivation(op));
}

llvm::Error emitActivations(LayerContext &layer) {
  auto prepared = ir::ops::prepareActivation(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Activations.h");
  const std::string T = cppType(prepared->type);
  const std::string io =
      fmt::format("{}{{}}, {}, {}", layer.paramsName(), layer.input(0), layer.output(0));
  const bool isTanh = prepared->op == runtime::Activation::kTanh;
  using ir::ops::ActivationKind;
  switch (prepared->kind) {
  case ActivationKind::Float:
    layer.statement(
        fmt::format("litec::generic::activationFloat<litec::runtime::Activation::{}>({});",
                    runtime::name(prepared->op), io));
    break;
  case ActivationKind::QuantizedRelu:
    layer.note("kernel: rescaled to the output and clamped to the activation's bounds");
    layer.statement(fmt::format("litec::generic::reluQuantized<{}>({});", T, io));
    break;
  case ActivationKind::Int8LeakyRelu:
    layer.statement(fmt::format("litec::generic::leakyReluInt8({});", io));
    break;
  case ActivationKind::Int8Sigmoidal:
    layer.note("kernel: gemmlowp's fixed-point function on the input in Q4.27");
    layer.statement(fmt::format("litec::generic::sigmoidalInt8<{}>({});", isTanh, io));
    break;
  case ActivationKind::Int16Sigmoidal:
    layer.note("kernel: TFLite's interpolated int16 table");
    layer.statement(fmt::format("litec::generic::sigmoidalInt16<{}>({});", isTanh, io));
    break;
  case ActivationKind::QuantizedHardSwish:
    layer.note("kernel: TFLite's 16-bit fixed-point evaluation");
    layer.statement(fmt::format("litec::generic::hardSwishQuantized<{}>({});", T, io));
    break;
  }
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
