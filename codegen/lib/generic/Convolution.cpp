// CONV_2D and DEPTHWISE_CONV_2D: the prepared ConvolutionParams and
// templates/generic/Convolution.h; the folded form where the preparation offers it.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Convolution.h"

namespace litec::codegen::generic {

llvm::Error checkConvolution(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareConvolution(op));
}

llvm::Error emitConvolution(LayerContext &layer) {
  auto prepared = ir::ops::prepareConvolution(layer.op());
  if (!prepared)
    return prepared.takeError();
  layer.require("Convolution.h");
  const ir::ops::WeightedTypes &t = prepared->types;
  const std::string depthwise = prepared->depthwise ? "true" : "false";
  const std::string name = layer.paramsName() + "{}";
  placeResult(layer, *prepared);
  if (t.isFloat) {
    writeParams(layer, prepared->params);
    const std::string extra = epilogueArgument(layer, prepared->params);
    layer.statement(fmt::format("litec::generic::convolutionFloat<{}>({}, {}, {}, {}, {}{});",
                                depthwise, name, layer.input(0), layer.input(1),
                                t.hasBias ? layer.input(2) : "nullptr", layer.output(0), extra));
    return llvm::Error::success();
  }
  const ir::ops::ConvolutionParams &params =
      prepared->folded ? *prepared->folded : prepared->params;
  writeParams(layer, params);
  if (prepared->folded)
    layer.note("kernel: the input zero point folded into the bias, padding read as it");
  const std::string extra = epilogueArgument(layer, params);
  const WeightedBias bias = weightedBias(
      layer, t, 2, prepared->folded ? &prepared->foldedBias : nullptr, params.padValue);
  layer.statement(fmt::format(
      "litec::generic::convolutionQuantized<{}, {}, {}, {}, {}>(\n      {}, {}, {}, {}, {}{});",
      depthwise, cppType(t.input), cppType(t.weights), bias.type, cppType(t.output), name,
      layer.input(0), layer.input(1), bias.expression, layer.output(0), extra));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
