#include "litec/ir/ops/TransposeConvolution.h"

#include "litec/ir/Shape.h"

#include <fmt/format.h>

namespace litec::ir::ops {

namespace {
struct Window {
  options::Padding padding;
  int32_t strideW, strideH;
  options::ActivationFunctionType activation;
};

llvm::Expected<Window> windowOf(const Op &op) {
  if (op.kind == OpKind::CUSTOM) {
    auto o = convolution2DTransposeBiasOptions(op);
    if (!o)
      return o.takeError();
    return Window{o->padding, o->stride_w, o->stride_h, options::ActivationFunctionType::NONE};
  }
  auto o = optionsOf<options::TransposeConvOptions>(op);
  if (!o)
    return o.takeError();
  return Window{o->padding, o->stride_w, o->stride_h, o->fused_activation_function};
}
} // namespace

bool isTransposeConvolution(const Op &op) {
  return op.family() == OpFamily::TransposeConvolution;
}

llvm::Expected<PreparedTransposeConvolution> prepareTransposeConvolution(const Op &op) {
  if (!isTransposeConvolution(op))
    return invalid(op.kind == OpKind::CUSTOM ? "no kernel for this custom operator"
                                             : "not a transposed convolution");
  const bool custom = op.kind == OpKind::CUSTOM;
  const std::string name = custom ? "Convolution2DTransposeBias" : "TRANSPOSE_CONV";
  PreparedTransposeConvolution prepared{};
  prepared.operands = custom ? WeightedOperands{0, 1, 2} : WeightedOperands{2, 1, 3};
  if (custom && (op.operands.size() != 3 || !op.operands[2]))
    return invalid(name + " needs an input, weights and a bias");
  auto types = weightedTypes(op, prepared.operands);
  if (!types)
    return types.takeError();
  prepared.types = *types;
  if (custom && !types->isFloat)
    return unsupported(name + " with types " + typeList(op));
  const Value &input = *op.operands[prepared.operands.input],
              &weights = *op.operands[prepared.operands.weights], &output = *op.results[0];
  const Shape &in = input.shape, &w = weights.shape, &out = output.shape;
  if (in.size() != 4 || w.size() != 4 || out.size() != 4 || w[3] != in[3] || out[3] != w[0] ||
      out[0] != in[0] ||
      (types->hasBias &&
       elementCount(op.operands[prepared.operands.bias]->shape) != std::optional<int64_t>(w[0])))
    return invalid(fmt::format("{} input {}, weights {}, output {} do not fit a transposed "
                               "convolution",
                               name, formatShape(in), formatShape(w), formatShape(out)));
  if (!custom) {
    // The output shape operand, when constant, must say what the result's shape is.
    const std::optional<std::vector<int64_t>> shape = constantInts(op.operands[0]);
    if (!op.operands[0] || (shape && Shape(shape->begin(), shape->end()) != out))
      return invalid(name + "'s output shape operand disagrees with its result " +
                     formatShape(out));
  }
  auto window = windowOf(op);
  if (!window)
    return window.takeError();
  if (window->strideH <= 0 || window->strideW <= 0)
    return invalid(name + " needs positive strides");
  TransposeConvolutionParams &p = prepared.params;
  setWindowGeometry(p, in, w, out);
  p.strideH = window->strideH;
  p.strideW = window->strideW;
  p.outCount = int32_t(elementCount(out).value_or(0));
  // TFLite pads as a forward convolution from the output back to the input would.
  const bool same = window->padding == options::Padding::SAME;
  p.padTop = paddingBefore(window->padding, p.strideH, 1, p.outH, p.filterH,
                           int32_t(windowOutputSize(same, p.outH, p.filterH, p.strideH, 1)));
  p.padLeft = paddingBefore(window->padding, p.strideW, 1, p.outW, p.filterW,
                            int32_t(windowOutputSize(same, p.outW, p.filterW, p.strideW, 1)));
  auto stage = outputStage(types->isFloat, window->activation, input, weights, output, p.outC, 0);
  if (!stage)
    return stage.takeError();
  setOutputStage(p, std::move(*stage));
  if (types->isFloat)
    return prepared;
  prepared.accumulatorBytes = types->output == ElementType::I16 ? 8 : 4;
  prepared.scratchBytes = int64_t(prepared.accumulatorBytes) * p.outCount;
  return prepared;
}

} // namespace litec::ir::ops
