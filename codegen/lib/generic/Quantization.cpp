// QUANTIZE and DEQUANTIZE: the prepared QuantizationParams and
// templates/generic/Quantization.h. A float16 DEQUANTIZE is left to constant folding.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Quantization.h"

namespace litec::codegen::generic {

namespace {
llvm::Expected<ir::ops::PreparedQuantization> prepareForGeneric(const ir::Op &op) {
  auto prepared = ir::ops::prepareQuantization(op);
  if (prepared && prepared->kind == ir::ops::QuantizationKind::HalfToFloat)
    return refuse("DEQUANTIZE of float16 at run time (constant folding takes constant ones)");
  return prepared;
}
} // namespace

llvm::Error checkQuantization(const ir::Op &op) {
  return preparedOrError(prepareForGeneric(op));
}

llvm::Error emitQuantization(LayerContext &layer) {
  auto prepared = prepareForGeneric(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Quantization.h");
  const std::string io =
      fmt::format("{}{{}}, {}, {}", layer.paramsName(), layer.input(0), layer.output(0));
  const std::string in = cppType(prepared->inputType), out = cppType(prepared->outputType);
  switch (prepared->kind) {
  case ir::ops::QuantizationKind::Dequantize:
    layer.statement(fmt::format("litec::generic::dequantize<{}>({});", in, io));
    break;
  case ir::ops::QuantizationKind::Quantize:
    layer.statement(fmt::format("litec::generic::quantizeFloat<{}>({});", out, io));
    break;
  default:
    layer.statement(fmt::format("litec::generic::requantize<{}, {}>({});", in, out, io));
    break;
  }
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
