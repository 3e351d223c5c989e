// ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, POW, PRELU: the prepared
// BinaryParams and templates/generic/Binary.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Binary.h"

namespace litec::codegen::generic {

llvm::Error checkBinary(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareBinary(op));
}

llvm::Error emitBinary(LayerContext &layer) {
  auto prepared = ir::ops::prepareBinary(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Binary.h");
  const std::string T = cppType(prepared->type);
  const std::string io = fmt::format("{}{{}}, {}, {}, {}", layer.paramsName(), layer.input(0),
                                     layer.input(1), layer.output(0));
  using ir::ops::BinaryKind;
  switch (prepared->kind) {
  case BinaryKind::Float:
    layer.statement(fmt::format("litec::generic::binaryFloat<litec::runtime::BinaryOp::{}>({});",
                                runtime::name(prepared->op), io));
    break;
  case BinaryKind::QuantizedAdd:
    layer.note("kernel: both inputs rescaled to a common scale, then to the output");
    layer.statement(fmt::format("litec::generic::addQuantized<{}>({});", T, io));
    break;
  case BinaryKind::Int16PowerOfTwoAdd:
    layer.note("kernel: power-of-two scales, the finer input shifted onto the output's");
    layer.statement(fmt::format("litec::generic::addInt16PowerOfTwo({});", io));
    break;
  case BinaryKind::QuantizedMul:
    layer.statement(fmt::format("litec::generic::mulQuantized<{}>({});", T, io));
    break;
  case BinaryKind::QuantizedDiv:
    layer.setFallible();
    layer.statement(fmt::format("return litec::generic::divQuantized<{}>({});", T, io));
    break;
  case BinaryKind::QuantizedPrelu:
    layer.statement(fmt::format("litec::generic::preluQuantized<{}>({});", T, io));
    break;
  case BinaryKind::Int8SquaredDifference:
    layer.statement(fmt::format("litec::generic::squaredDifferenceInt8({});", io));
    break;
  case BinaryKind::RawMinMax:
    layer.note("kernel: raw values compared (the quantisation is shared)");
    layer.statement(fmt::format("litec::generic::minMaxRaw<{}, {}>({});",
                                prepared->op == runtime::BinaryOp::kMaximum, T, io));
    break;
  }
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
