#include "litec/ir/ops/Convolution.h"

#include "litec/ir/Shape.h"

#include <fmt/format.h>

namespace litec::ir::ops {

namespace {
// The output channel of flat weight index i: OHWI filters hold one channel per leading slice,
// 1HWO filters cycle through the channels along the last dimension.
int64_t convolutionChannel(const Shape &weights, int64_t index) {
  const int64_t perChannel = weights[1] * weights[2] * weights[3];
  return perChannel > 0 ? index / perChannel : 0;
}
int64_t depthwiseChannel(const Shape &weights, int64_t index) {
  return weights[3] > 0 ? index % weights[3] : 0;
}

} // namespace

llvm::Expected<PreparedConvolution> prepareConvolution(const Op &op) {
  if (op.kind != OpKind::CONV_2D && op.kind != OpKind::DEPTHWISE_CONV_2D &&
      op.kind != OpKind::LITEC_CONV_2D_RESIDUAL)
    return invalid("not a convolution");
  auto types = weightedTypes(op);
  if (!types)
    return types.takeError();
  const std::string name = opName(op);
  const Value &input = *op.operands[0], &filter = *op.operands[1], &output = *op.results[0];
  const Shape &in = input.shape, &w = filter.shape, &out = output.shape;
  if (in.size() != 4 || w.size() != 4 || out.size() != 4)
    return invalid(name + " needs 4-D input, filter and output");
  auto window = spatialWindowOf(op);
  if (!window)
    return window.takeError();
  if (window->strideH <= 0 || window->strideW <= 0 || window->dilationH <= 0 ||
      window->dilationW <= 0)
    return invalid(name + " needs positive strides and dilations");
  PreparedConvolution prepared{};
  prepared.depthwise = op.kind == OpKind::DEPTHWISE_CONV_2D;
  prepared.types = *types;
  ConvolutionParams &p = prepared.params;
  setWindowGeometry(p, in, w, out);
  if (out[0] != in[0])
    return invalid(name + " output batches differ from the input's");
  if (op.kind == OpKind::LITEC_CONV_2D_RESIDUAL) {
    const Value *residual = op.operands.size() > 3 ? op.operands[3] : nullptr;
    if (!types->isFloat)
      return unsupported("a quantised residual epilogue");
    if (!residual || residual->type != ElementType::F32 || residual->shape.size() != 4 ||
        residual->shape[0] != out[0] || residual->shape[1] != out[1] ||
        residual->shape[2] != out[2] || residual->shape[3] < 1 || residual->shape[3] > out[3])
      return invalid(name + " needs a float residual of the output's batches, height and width "
                            "and at most its channels");
    p.residualChannels = int32_t(residual->shape[3]);
  }
  if (prepared.depthwise) {
    if (w[0] != 1 || w[3] != out[3] || in[3] <= 0 || out[3] % in[3] != 0)
      return invalid(fmt::format("{} filter {} does not fit input channels {} and output "
                                 "channels {}",
                                 name, formatShape(w), in[3], out[3]));
    p.depthMultiplier = p.outC / p.inC;
  } else {
    if (w[0] != out[3] || w[3] <= 0 || in[3] % w[3] != 0 || out[3] % (in[3] / w[3]) != 0)
      return invalid(fmt::format("{} filter {} does not fit input channels {} and output "
                                 "channels {}",
                                 name, formatShape(w), in[3], out[3]));
    p.filterC = int32_t(w[3]);
    p.groupSize = p.outC / (p.inC / p.filterC);
  }
  if (types->hasBias && elementCount(op.operands[2]->shape) != std::optional<int64_t>(out[3]))
    return invalid(fmt::format("{} bias has {} elements for {} output channels", name,
                               elementCount(op.operands[2]->shape).value_or(-1), out[3]));
  p.dilationH = window->dilationH;
  p.dilationW = window->dilationW;
  placeWindow(p, *window, p.inH, p.inW, p.filterH, p.filterW, p.outH, p.outW);
  auto stage = outputStage(types->isFloat, window->activation, input, filter, output, p.outC,
                           prepared.depthwise ? 3 : 0);
  if (!stage)
    return stage.takeError();
  setOutputStage(p, std::move(*stage));
  if (types->isFloat)
    return prepared;
  if (auto bias = foldInputZeroPoint(op, *types, p.outC,
                                     prepared.depthwise ? depthwiseChannel : convolutionChannel)) {
    prepared.folded = p;
    prepared.folded->inputOffset = 0;
    prepared.folded->padWithZeroPoint = true;
    prepared.folded->padValue = zeroPointOf(input);
    prepared.foldedBias = std::move(*bias);
  }
  return prepared;
}

} // namespace litec::ir::ops
