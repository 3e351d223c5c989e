// CONCATENATION: the prepared ConcatenationParams and templates/generic/Concatenation.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Concatenation.h"

namespace litec::codegen::generic {

llvm::Error checkConcatenation(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareConcatenation(op));
}

llvm::Error emitConcatenation(LayerContext &layer) {
  auto prepared = ir::ops::prepareConcatenation(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Concatenation.h");
  std::string pointers;
  for (size_t k = 0; k < layer.op().operands.size(); ++k)
    pointers += fmt::format("{}{}", k ? ", " : "", layer.input(k));
  const std::string P = layer.paramsName() + "{}";
  if (prepared->rescaled()) {
    layer.note("kernel: uint8 inputs rescaled to the output's quantisation, as TFLite's "
               "ConcatenationWithScaling");
    layer.statement(fmt::format("const std::uint8_t *const inputs[] = {{{}}};", pointers));
    layer.statement(
        fmt::format("litec::generic::concatenateRescaled({}, inputs, {});", P, layer.output(0)));
    return llvm::Error::success();
  }
  const std::string T = cppType(prepared->type);
  layer.statement(fmt::format("const {} *const inputs[] = {{{}}};", T, pointers));
  layer.statement(
      fmt::format("litec::generic::concatenate<{}>({}, inputs, {});", T, P, layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
