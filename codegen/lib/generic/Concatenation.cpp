// CONCATENATION: the prepared ConcatenationParams and templates/generic/Concatenation.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Concatenation.h"

namespace litec::codegen::generic {

llvm::Error checkConcatenation(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareConcatenation(op));
}

std::vector<int64_t> concatenationSlices(const ir::Op &op) {
  auto prepared = ir::ops::prepareConcatenation(op);
  if (!prepared) {
    llvm::consumeError(prepared.takeError());
    return {};
  }
  return ir::ops::contiguousSlices(*prepared);
}

llvm::Error emitConcatenation(LayerContext &layer) {
  auto prepared = ir::ops::prepareConcatenation(layer.op());
  if (!prepared)
    return prepared.takeError();
  const std::vector<int64_t> slices = ir::ops::contiguousSlices(*prepared);
  std::vector<size_t> placed;
  for (size_t k = 0; k < slices.size(); ++k)
    if (layer.operandInResult(k, slices[k]))
      placed.push_back(k);
  if (!placed.empty()) {
    // Each input is one contiguous slice of the output: the inputs the memory plan put in their
    // slices were written there by their producers; the others are copied.
    if (placed.size() == slices.size()) {
      layer.note("kernel: none, every input was written into its slice of the output by its "
                 "producer");
      return llvm::Error::success();
    }
    std::string which;
    for (size_t k : placed)
      which += fmt::format("{}{}", which.empty() ? "" : ", ", k);
    layer.note(fmt::format("kernel: a copy of each input but {} (written into its slice of the "
                           "output by its producer)",
                           which));
    layer.require("Concatenation.h");
    const int64_t elementBytes = ir::elementByteSize(prepared->type);
    for (size_t k = 0, next = 0; k < slices.size(); ++k) {
      if (next < placed.size() && placed[next] == k) {
        ++next;
        continue;
      }
      layer.statement(fmt::format("litec::generic::copyBytes({} + {}, {}, {});", layer.output(0),
                                  slices[k] / elementBytes, layer.input(k),
                                  prepared->params.widths[k] * elementBytes));
    }
    return llvm::Error::success();
  }
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
