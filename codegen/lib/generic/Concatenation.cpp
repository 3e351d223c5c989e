// CONCATENATION: the prepared ConcatenationParams and templates/generic/Concatenation.h.

#include "Emitters.h"

#include <algorithm>

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Concatenation.h"

namespace litec::codegen::generic {

llvm::Error checkConcatenation(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareConcatenation(op));
}

Target::OperandSlices concatenationSlices(const ir::Op &op) {
  auto prepared = ir::ops::prepareConcatenation(op);
  if (!prepared) {
    llvm::consumeError(prepared.takeError());
    return {};
  }
  const std::optional<ir::ops::ConcatenationSlices> slices =
      ir::ops::concatenationSlices(*prepared);
  if (!slices)
    return {};
  return {slices->offsets, slices->pixelStride};
}

llvm::Error emitConcatenation(LayerContext &layer) {
  auto prepared = ir::ops::prepareConcatenation(layer.op());
  if (!prepared)
    return prepared.takeError();
  const size_t inputs = layer.op().operands.size();
  // The inputs the memory plan put in their slices of the output: their producers wrote them
  // there, and the kernel skips them (a null pointer).
  std::vector<bool> placed(inputs, false);
  std::string which;
  if (const auto slices = ir::ops::concatenationSlices(*prepared))
    for (size_t k = 0; k < inputs; ++k)
      if (layer.operandInResult(k, slices->offsets[k], slices->pixelStride)) {
        placed[k] = true;
        which += fmt::format("{}{}", which.empty() ? "" : ", ", k);
      }
  if (std::count(placed.begin(), placed.end(), true) == int64_t(inputs)) {
    layer.note("kernel: none, every input was written into its slice of the output by its "
               "producer");
    return llvm::Error::success();
  }
  writeParams(layer, prepared->params);
  layer.require("Concatenation.h");
  if (!which.empty())
    layer.note(fmt::format("kernel: a copy of each input but {} (written into its slice of the "
                           "output by its producer)",
                           which));
  std::string pointers;
  for (size_t k = 0; k < inputs; ++k)
    pointers += fmt::format("{}{}", k ? ", " : "", placed[k] ? "nullptr" : layer.input(k));
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
