#include "litec/ir/ops/Convolution.h"

#include "litec/ir/Shape.h"
#include "litec/ir/ops/Activations.h"
#include "litec/ir/ops/Binary.h"

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

// The op a fused convolution's epilogue replaced, reading the convolution's result (its
// intermediate) and writing the fused op's result: what the epilogue's parameters are prepared
// from, so that they are the unfused op's.
Op epilogueOp(const Op &fused, OpKind kind, const Value &convolutionResult) {
  Op epilogue;
  epilogue.index = fused.index;
  epilogue.kind = kind;
  epilogue.operands = {const_cast<Value *>(&convolutionResult)};
  if (fused.operands.size() > 3)
    epilogue.operands.push_back(fused.operands[3]);
  epilogue.results = fused.results;
  if (kind == OpKind::ADD)
    if (const EnumAttr *activation = fused.attrs.getEnum("fused_activation_function"))
      epilogue.attrs.set("fused_activation_function", *activation);
  return epilogue;
}

// The epilogue's parameters (ConvolutionParams::epilogue*) for fused convolution `op`.
llvm::Error prepareEpilogue(const Op &op, OpKind kind, const SpatialWindow &window,
                            const Value &convolutionResult, bool isFloat, ConvolutionParams &p) {
  using runtime::ConvolutionEpilogue;
  const std::string name = opName(op);
  const Value *operand = op.operands.size() > 3 ? op.operands[3] : nullptr;
  const Value &output = *op.results[0];
  if (kind != OpKind::ADD && window.activation != options::ActivationFunctionType::NONE)
    return invalid(name + " applies no activation after its epilogue");
  if (kind == OpKind::ADD) {
    const Shape &out = output.shape;
    if (!operand || operand->type != output.type || operand->shape.size() != 4 ||
        operand->shape[0] != out[0] || operand->shape[1] != out[1] || operand->shape[2] != out[2] ||
        operand->shape[3] < 1 || operand->shape[3] > out[3])
      return invalid(name + " needs a residual of the output's type, batches, height and width "
                            "and at most its channels");
    p.epilogue = int32_t(ConvolutionEpilogue::kResidual);
    p.epilogueChannels = int32_t(operand->shape[3]);
    if (isFloat) {
      auto range = floatActivation(window.activation);
      if (!range)
        return range.takeError();
      p.epilogueRange = *range;
      return llvm::Error::success();
    }
    if (operand->shape[3] != out[3])
      return unsupported("a quantised residual with fewer channels than the output");
  } else if (kind == OpKind::PRELU) {
    if (!operand)
      return invalid(name + " needs the PRELU slopes");
    p.epilogue = int32_t(ConvolutionEpilogue::kPrelu);
    p.epilogueChannels = int32_t(elementCount(operand->shape).value_or(0));
    if (p.epilogueChannels != 1 && p.epilogueChannels != p.outC)
      return invalid(name + " needs one PRELU slope per output channel or one for all");
  } else {
    p.epilogue = int32_t(ConvolutionEpilogue::kHardSwish);
  }
  // The unfused op's own preparation checks the types and quantisations, as it would have.
  const Op epilogue = epilogueOp(op, kind, convolutionResult);
  if (kind == OpKind::HARD_SWISH) {
    auto prepared = prepareActivation(epilogue);
    if (!prepared)
      return prepared.takeError();
    if (isFloat)
      return llvm::Error::success();
    if (prepared->kind != ActivationKind::QuantizedHardSwish)
      return unsupported("this HARD_SWISH epilogue");
    const ActivationParams &a = prepared->params;
    p.epilogueHardSwish = {a.inputZeroPoint,
                           a.outputZeroPoint,
                           int16_t(a.outputMultiplier),
                           int16_t(a.reluishMultiplier),
                           a.outputExponent,
                           a.reluishExponent};
    return llvm::Error::success();
  }
  auto prepared = prepareBinary(epilogue);
  if (!prepared)
    return prepared.takeError();
  if (isFloat)
    return llvm::Error::success();
  const BinaryParams &b = prepared->params;
  if (kind == OpKind::ADD) {
    if (prepared->kind != BinaryKind::QuantizedAdd)
      return unsupported("this quantised residual epilogue");
    p.epilogueAdd = {b.input1Offset, b.input2Offset, b.leftShift,    b.input1,
                     b.input2,       b.output,       b.outputOffset, b.intRange};
  } else {
    if (prepared->kind != BinaryKind::QuantizedPrelu)
      return unsupported("this quantised PRELU epilogue");
    p.epiloguePrelu = {b.input1Offset, b.input2Offset, b.positive,
                       b.output,       b.outputOffset, b.intRange};
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<PreparedConvolution> prepareConvolution(const Op &op) {
  const OpKind base = convolutionBase(op.kind);
  if (base != OpKind::CONV_2D && base != OpKind::DEPTHWISE_CONV_2D)
    return invalid("not a convolution");
  const std::optional<FusedConvolution> fused = fusedConvolution(op.kind);
  auto types = weightedTypes(op);
  if (!types)
    return types.takeError();
  const std::string name = opName(op);
  const Value &input = *op.operands[0], &filter = *op.operands[1], &output = *op.results[0];
  const Shape &in = input.shape, &w = filter.shape, &out = output.shape;
  // A fused convolution's own result: its intermediate (which carries the quantisation the
  // output stage rescales to), or for float the output itself.
  const Value *convolutionResult = &output;
  if (fused && !op.intermediates.empty() && op.intermediates[0])
    convolutionResult = op.intermediates[0];
  if (fused && (convolutionResult->shape != out || convolutionResult->type != output.type ||
                (!types->isFloat && convolutionResult == &output)))
    return invalid(name + " needs the convolution's result, of the output's shape and type, as "
                          "intermediate 0");
  if (in.size() != 4 || w.size() != 4 || out.size() != 4)
    return invalid(name + " needs 4-D input, filter and output");
  auto window = spatialWindowOf(op);
  if (!window)
    return window.takeError();
  if (window->strideH <= 0 || window->strideW <= 0 || window->dilationH <= 0 ||
      window->dilationW <= 0)
    return invalid(name + " needs positive strides and dilations");
  PreparedConvolution prepared{};
  prepared.depthwise = base == OpKind::DEPTHWISE_CONV_2D;
  prepared.types = *types;
  ConvolutionParams &p = prepared.params;
  setWindowGeometry(p, in, w, out);
  p.outPixelStride = p.outC;
  if (out[0] != in[0])
    return invalid(name + " output batches differ from the input's");
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
  auto stage = outputStage(types->isFloat,
                           fused ? options::ActivationFunctionType::NONE : window->activation,
                           input, filter, *convolutionResult, p.outC, prepared.depthwise ? 3 : 0);
  if (!stage)
    return stage.takeError();
  setOutputStage(p, std::move(*stage));
  if (fused)
    if (auto error =
            prepareEpilogue(op, fused->epilogue, *window, *convolutionResult, types->isFloat, p))
      return error;
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
