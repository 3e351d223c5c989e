#include "litec/ir/ops/Params.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace litec::ir::ops {

llvm::Error unsupported(const std::string &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), what + " is not supported");
}

llvm::Error invalid(const std::string &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), what);
}

std::string typeList(const Op &op) {
  std::string text;
  for (const Value *v : op.operands)
    text += (text.empty() ? "" : ", ") + std::string(v ? elementTypeName(v->type) : "none");
  text += " -> ";
  for (size_t i = 0; i < op.results.size(); ++i)
    text += (i ? ", " : "") + std::string(elementTypeName(op.results[i]->type));
  return text;
}

std::string opName(const Op &op) {
  return std::string(opKindInfo(op.kind).name);
}

float scaleOf(const Value &value) {
  return value.quant.scales.empty() ? 1.f : value.quant.scales[0];
}

int32_t zeroPointOf(const Value &value) {
  return value.quant.zeroPoints.empty() ? 0 : static_cast<int32_t>(value.quant.zeroPoints[0]);
}

llvm::Error requireQuantized(const Value &value, const char *what) {
  if (!value.quant.isQuantized())
    return invalid(fmt::format("the {} %{} has no quantisation parameters", what, value.id));
  return llvm::Error::success();
}

std::optional<std::vector<int64_t>> constantInts(const Value *value) {
  if (!value || !value->isConstant() ||
      (value->type != ElementType::I32 && value->type != ElementType::I64))
    return std::nullopt;
  const std::span<const uint8_t> data = value->data();
  const size_t width = value->type == ElementType::I64 ? 8 : 4;
  std::vector<int64_t> out;
  for (size_t i = 0; i + width <= data.size(); i += width) {
    int64_t wide = 0;
    int32_t narrow = 0;
    if (width == 8)
      std::memcpy(&wide, data.data() + i, 8);
    else
      std::memcpy(&narrow, data.data() + i, 4);
    out.push_back(width == 8 ? wide : narrow);
  }
  return out;
}

bool allOfType(const Op &op, ElementType type) {
  for (const Value *v : op.operands)
    if (v && v->type != type)
      return false;
  for (const Value *v : op.results)
    if (v->type != type)
      return false;
  return true;
}

int32_t paddingBefore(options::Padding padding, int32_t stride, int32_t dilation, int32_t in,
                      int32_t filter, int32_t out) {
  if (padding != options::Padding::SAME)
    return 0;
  return int32_t(samePadding(in, filter, stride, dilation, out).before);
}

namespace {
std::string_view activationName(options::ActivationFunctionType activation) {
  switch (activation) {
  case options::ActivationFunctionType::NONE:
    return "NONE";
  case options::ActivationFunctionType::RELU:
    return "RELU";
  case options::ActivationFunctionType::RELU_N1_TO_1:
    return "RELU_N1_TO_1";
  case options::ActivationFunctionType::RELU6:
    return "RELU6";
  case options::ActivationFunctionType::TANH:
    return "TANH";
  case options::ActivationFunctionType::SIGN_BIT:
    return "SIGN_BIT";
  }
  return "?";
}
} // namespace

llvm::Expected<options::ActivationFunctionType> fusedActivationOf(const Op &op) {
  const AttrValue *value = op.attrs.find("fused_activation_function");
  if (!value)
    return options::ActivationFunctionType::NONE;
  const EnumAttr *e = std::get_if<EnumAttr>(value);
  if (!e || e->enumName != "ActivationFunctionType")
    return invalid(opName(op) + "'s fused_activation_function is not an ActivationFunctionType");
  return static_cast<options::ActivationFunctionType>(e->value);
}

llvm::Expected<FloatRange> floatActivation(options::ActivationFunctionType activation) {
  FloatRange range{};
  if (!floatActivationRange(activationName(activation), &range))
    return unsupported(fmt::format("fused activation {}", activationName(activation)));
  return range;
}

llvm::Expected<IntRange> quantizedActivation(options::ActivationFunctionType activation,
                                             const Value &output) {
  IntRange range{};
  if (!quantizedActivationRange(activationName(activation), scaleOf(output), zeroPointOf(output),
                                output.type, &range))
    return unsupported(fmt::format("fused activation {}", activationName(activation)));
  return range;
}

IntRange fullRange(const Value &output) {
  return {integerMin(output.type), integerMax(output.type)};
}

void setImageGeometry(ImageGeometry &p, const Shape &in, const Shape &out) {
  p = {int32_t(in[0]), int32_t(in[1]),  int32_t(in[2]),
       int32_t(in[3]), int32_t(out[1]), int32_t(out[2])};
}

void placeWindow(WindowPlacement &p, const SpatialWindow &window, int32_t inH, int32_t inW,
                 int32_t filterH, int32_t filterW, int32_t outH, int32_t outW) {
  p.strideH = window.strideH;
  p.strideW = window.strideW;
  p.padTop = int32_t(window.paddingAlong(0, inH, filterH, outH).before);
  p.padLeft = int32_t(window.paddingAlong(1, inW, filterW, outW).before);
}

void setWindowGeometry(WindowGeometry &p, const Shape &in, const Shape &filter, const Shape &out) {
  p = {int32_t(in[0]),  int32_t(in[1]),  int32_t(in[2]),     int32_t(in[3]),    int32_t(out[1]),
       int32_t(out[2]), int32_t(out[3]), int32_t(filter[1]), int32_t(filter[2])};
}

llvm::Expected<OutputStage> outputStage(bool isFloat, options::ActivationFunctionType activation,
                                        const Value &input, const Value &weights,
                                        const Value &output, int64_t channels,
                                        int32_t channelAxis) {
  OutputStage stage{};
  if (isFloat) {
    auto range = floatActivation(activation);
    if (!range)
      return range.takeError();
    stage.floatRange = *range;
    return stage;
  }
  for (auto [value, what] :
       {std::pair{&input, "input"}, std::pair{&weights, "weights"}, std::pair{&output, "output"}})
    if (auto error = requireQuantized(*value, what))
      return error;
  const Quantization &q = weights.quant;
  if (q.isPerChannel() &&
      (q.axis != channelAxis || static_cast<int64_t>(q.scales.size()) != channels))
    return invalid(fmt::format("per-channel weights must have {} scales along dimension {}, "
                               "have {} along {}",
                               channels, channelAxis, q.scales.size(), q.axis));
  stage.inputOffset = -zeroPointOf(input);
  stage.weightsOffset = -zeroPointOf(weights);
  stage.perChannel = q.isPerChannel();
  const int64_t count = q.isPerChannel() ? channels : 1;
  for (int64_t c = 0; c < count; ++c)
    stage.multipliers.push_back(quantizeMultiplier(
        double(scaleOf(input)) * double(q.scales[size_t(c)]) / double(scaleOf(output))));
  stage.outputOffset = zeroPointOf(output);
  auto range = quantizedActivation(activation, output);
  if (!range)
    return range.takeError();
  stage.outputRange = *range;
  return stage;
}

llvm::Expected<WeightedTypes> weightedTypes(const Op &op, WeightedOperands operands) {
  auto present = [&](size_t i) { return i < op.operands.size() && op.operands[i]; };
  if (!present(operands.input) || !present(operands.weights) || op.results.size() != 1)
    return invalid(opName(op) + " needs an input, weights and one result");
  WeightedTypes t{};
  t.input = op.operands[operands.input]->type;
  t.weights = op.operands[operands.weights]->type;
  t.output = op.results[0]->type;
  t.hasBias = present(operands.bias);
  t.bias = t.hasBias ? op.operands[operands.bias]->type : ElementType::I32;
  using T = ElementType;
  t.isFloat = t.input == T::F32 && t.weights == T::F32 && t.output == T::F32 &&
              (!t.hasBias || t.bias == T::F32);
  const bool quantized =
      t.output == t.input &&
      ((t.input == T::I8 && t.weights == T::I8 && t.bias == T::I32) ||
       (t.input == T::U8 && t.weights == T::U8 && t.bias == T::I32) ||
       (t.input == T::I16 && t.weights == T::I8 && (t.bias == T::I64 || t.bias == T::I32)));
  if (!t.isFloat && !quantized)
    return unsupported(opName(op) + " with types " + typeList(op));
  return t;
}

std::optional<std::vector<int32_t>>
foldInputZeroPoint(const Op &op, const WeightedTypes &types, int64_t channels,
                   int64_t (*channelOf)(const Shape &weights, int64_t index)) {
  const Value &weights = *op.operands[1];
  const Value *bias = types.hasBias ? op.operands[2] : nullptr;
  const int32_t inputZeroPoint = zeroPointOf(*op.operands[0]);
  if (types.input != ElementType::I8 || inputZeroPoint == 0 || weights.type != ElementType::I8 ||
      !weights.isConstant() ||
      (bias && (bias->type != ElementType::I32 || !bias->isConstant() ||
                bias->data().size() != size_t(channels) * 4)))
    return std::nullopt;
  for (int64_t z : weights.quant.zeroPoints)
    if (z != 0)
      return std::nullopt;
  std::vector<int64_t> sums(size_t(channels), 0);
  const std::span<const uint8_t> data = weights.data();
  for (size_t i = 0; i < data.size(); ++i) {
    const int64_t c = channelOf(weights.shape, int64_t(i));
    if (c < 0 || c >= channels)
      return std::nullopt;
    sums[size_t(c)] += int8_t(data[i]);
  }
  std::vector<int32_t> folded;
  for (int64_t c = 0; c < channels; ++c) {
    int32_t b = 0;
    if (bias)
      std::memcpy(&b, bias->data().data() + 4 * c, 4);
    const int64_t value = int64_t(b) - int64_t(inputZeroPoint) * sums[size_t(c)];
    folded.push_back(static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(value))));
  }
  return folded;
}

} // namespace litec::ir::ops
