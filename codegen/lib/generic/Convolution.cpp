// CONV_2D and DEPTHWISE_CONV_2D: the prepared ConvolutionParams and
// templates/generic/Convolution.h; the folded form where the preparation offers it.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Convolution.h"

namespace litec::codegen::generic {

namespace {
// The layer comment's word on a fused epilogue, and its operand argument ("" for none).
std::string epilogueArgument(LayerContext &layer, const ir::ops::ConvolutionParams &p) {
  using runtime::ConvolutionEpilogue;
  switch (ConvolutionEpilogue(p.epilogue)) {
  case ConvolutionEpilogue::kResidual:
    layer.note("kernel: the residual ADD in the epilogue, on each pixel's channels");
    return ", " + layer.input(3);
  case ConvolutionEpilogue::kPrelu:
    layer.note("kernel: PRELU in the epilogue, on each pixel's channels");
    return ", " + layer.input(3);
  case ConvolutionEpilogue::kHardSwish:
    layer.note("kernel: HARD_SWISH in the epilogue, on each pixel's channels");
    return "";
  case ConvolutionEpilogue::kNone:
    break;
  }
  return "";
}
} // namespace

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
  if (const int64_t stride = layer.resultPixelStride(0)) {
    // The result is a channel slice of a concatenation: its pixels are the concatenation's.
    const int32_t elements = int32_t(stride / int64_t(ir::elementByteSize(t.output)));
    prepared->params.outPixelStride = elements;
    if (prepared->folded)
      prepared->folded->outPixelStride = elements;
    layer.note(fmt::format("output: channels of a tensor of {} per pixel (a concatenation's slice, "
                           "written in place)",
                           elements));
  }
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
