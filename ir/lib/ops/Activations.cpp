#include "litec/ir/ops/Activations.h"

#include "litec/ir/Shape.h"

#include <fmt/format.h>

namespace litec::ir::ops {

namespace {
using runtime::Activation;

std::optional<Activation> activationOp(OpKind kind) {
  switch (kind) {
  case OpKind::RELU:
    return Activation::kRelu;
  case OpKind::RELU6:
    return Activation::kRelu6;
  case OpKind::RELU_N1_TO_1:
    return Activation::kReluN1To1;
  case OpKind::RELU_0_TO_1:
    return Activation::kRelu0To1;
  case OpKind::LOGISTIC:
    return Activation::kLogistic;
  case OpKind::TANH:
    return Activation::kTanh;
  case OpKind::HARD_SWISH:
    return Activation::kHardSwish;
  case OpKind::LEAKY_RELU:
    return Activation::kLeakyRelu;
  default:
    return std::nullopt;
  }
}

// The RELU family's bounds, by the name of the fused activation with the same bounds
// (RELU_0_TO_1 has no fused-activation value; its bounds are computed the same way, as TFLite's
// QuantizedReluX does for all four).
const char *reluBoundsName(Activation op) {
  switch (op) {
  case Activation::kRelu:
    return "RELU";
  case Activation::kRelu6:
    return "RELU6";
  case Activation::kReluN1To1:
    return "RELU_N1_TO_1";
  default:
    return "RELU_0_TO_1";
  }
}

llvm::Error prepareSigmoidal(const Op &op, const Value &in, const Value &out,
                             PreparedActivation &prepared) {
  ActivationParams &p = prepared.params;
  const bool isTanh = prepared.op == Activation::kTanh;
  if (in.type == ElementType::I8) {
    if (isTanh ? (zeroPointOf(out) != 0 || scaleOf(out) != 1.f / 128)
               : (zeroPointOf(out) != -128 || scaleOf(out) != 1.f / 256))
      return unsupported(opName(op) +
                         " int8 output other than TFLite's fixed scale and zero point");
    const SigmoidalRescaling r = int8SigmoidalRescaling(scaleOf(in));
    prepared.kind = ActivationKind::Int8Sigmoidal;
    p.inputZeroPoint = zeroPointOf(in);
    p.multiplier = r.multiplier;
    p.leftShift = r.leftShift;
    p.radius = r.radius;
    return llvm::Error::success();
  }
  if (zeroPointOf(in) != 0 || zeroPointOf(out) != 0 || checkedLog2(scaleOf(out)) != -15)
    return unsupported(opName(op) + " int16 with zero points or an output scale other than 2^-15");
  const std::optional<Int16SigmoidalRescaling> r = int16SigmoidalRescaling(scaleOf(in), isTanh);
  if (!r)
    return unsupported(fmt::format("int16 {} with input scale {} (above TFLite's 15-bit range)",
                                   opName(op), scaleOf(in)));
  prepared.kind = ActivationKind::Int16Sigmoidal;
  p.multiplier = r->multiplier;
  p.leftShift = r->leftShift;
  return llvm::Error::success();
}
} // namespace

llvm::Expected<PreparedActivation> prepareActivation(const Op &op) {
  const std::optional<Activation> kind = activationOp(op.kind);
  if (!kind)
    return invalid("not an activation");
  if (op.operands.size() != 1 || !op.operands[0] || op.results.size() != 1)
    return invalid(opName(op) + " needs one operand and one result");
  const Value &in = *op.operands[0], &out = *op.results[0];
  if (in.shape != out.shape)
    return invalid(opName(op) + "'s result shape differs from its operand's");
  PreparedActivation prepared{};
  prepared.op = *kind;
  prepared.type = in.type;
  ActivationParams &p = prepared.params;
  p.count = int32_t(elementCount(out.shape).value_or(0));
  if (op.kind == OpKind::LEAKY_RELU) {
    auto options = optionsOf<options::LeakyReluOptions>(op);
    if (!options)
      return options.takeError();
    p.alpha = options->alpha;
  }
  if (in.type == ElementType::F32 && out.type == ElementType::F32) {
    prepared.kind = ActivationKind::Float;
    return prepared;
  }
  const bool relu = *kind == Activation::kRelu || *kind == Activation::kRelu6 ||
                    *kind == Activation::kReluN1To1 || *kind == Activation::kRelu0To1;
  const bool sigmoidal = *kind == Activation::kLogistic || *kind == Activation::kTanh;
  const bool eightBit = in.type == ElementType::I8 || in.type == ElementType::U8;
  if (in.type != out.type ||
      !((relu && eightBit) || (*kind == Activation::kHardSwish && eightBit) ||
        (*kind == Activation::kLeakyRelu && in.type == ElementType::I8) ||
        (sigmoidal && (in.type == ElementType::I8 || in.type == ElementType::I16))))
    return unsupported(opName(op) + " with types " + typeList(op));
  if (auto error = requireQuantized(in, "input"))
    return error;
  if (auto error = requireQuantized(out, "output"))
    return error;
  p.inputZeroPoint = zeroPointOf(in);
  p.outputZeroPoint = zeroPointOf(out);
  if (relu) {
    if (!quantizedActivationRange(reluBoundsName(*kind), scaleOf(out), zeroPointOf(out), out.type,
                                  &p.intRange))
      return invalid(opName(op) + " has no bounds");
    prepared.kind = ActivationKind::QuantizedRelu;
    p.rescale = quantizeMultiplier(double(scaleOf(in)) / double(scaleOf(out)));
    return prepared;
  }
  if (*kind == Activation::kLeakyRelu) {
    prepared.kind = ActivationKind::Int8LeakyRelu;
    p.rescale = quantizeMultiplier(double(scaleOf(in)) / double(scaleOf(out)));
    p.alphaRescale =
        quantizeMultiplier(double(scaleOf(in)) * double(p.alpha) / double(scaleOf(out)));
    return prepared;
  }
  if (sigmoidal) {
    if (auto error = prepareSigmoidal(op, in, out, prepared))
      return error;
    return prepared;
  }
  const std::optional<HardSwishRescaling> r = hardSwishRescaling(scaleOf(in), scaleOf(out));
  if (!r)
    return unsupported("HARD_SWISH whose input scale exceeds 128 times the output scale");
  prepared.kind = ActivationKind::QuantizedHardSwish;
  p.outputMultiplier = r->outputMultiplier;
  p.reluishMultiplier = r->reluishMultiplier;
  p.outputExponent = r->outputExponent;
  p.reluishExponent = r->reluishExponent;
  return prepared;
}

} // namespace litec::ir::ops
