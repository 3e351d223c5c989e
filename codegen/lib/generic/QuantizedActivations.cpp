// Quantised activations: RELU, RELU6, RELU_N1_TO_1 (int8, uint8: a rescale and a clamp), int8
// LEAKY_RELU, int8 and int16 LOGISTIC / TANH, int8 / uint8 HARD_SWISH, with the parameters
// TFLite's Prepare derives (ir/QuantizationMath.h).

#include "Emitters.h"

#include "litec/ir/Shape.h"

namespace litec::codegen::generic {

namespace {
using T = ir::ElementType;
bool isRelu(ir::OpKind k) {
  return k == ir::OpKind::RELU || k == ir::OpKind::RELU6 || k == ir::OpKind::RELU_N1_TO_1;
}
bool isSigmoidal(ir::OpKind k) {
  return k == ir::OpKind::LOGISTIC || k == ir::OpKind::TANH;
}
} // namespace

bool isQuantizedActivation(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.operands[0]->type == T::F32)
    return false;
  return isRelu(op.kind) || isSigmoidal(op.kind) || op.kind == ir::OpKind::HARD_SWISH ||
         op.kind == ir::OpKind::LEAKY_RELU;
}

llvm::Error checkQuantizedActivation(const ir::Op &op) {
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  if (in.type != out.type || !in.quant.isQuantized() || !out.quant.isQuantized())
    return refuse("operand types or quantisation not supported");
  if ((isRelu(op.kind) || op.kind == ir::OpKind::HARD_SWISH) &&
      (in.type == T::I8 || in.type == T::U8)) {
    if (op.kind == ir::OpKind::HARD_SWISH && !ir::hardSwishRescaling(scaleOf(in), scaleOf(out)))
      return refuse("input scale above 128 times the output scale");
    return llvm::Error::success();
  }
  if (op.kind == ir::OpKind::LEAKY_RELU && in.type == T::I8)
    return llvm::Error::success();
  if (isSigmoidal(op.kind) && in.type == T::I8) {
    const bool tanh = op.kind == ir::OpKind::TANH;
    if (tanh ? (zeroPointOf(out) != 0 || scaleOf(out) != 1.f / 128)
             : (zeroPointOf(out) != -128 || scaleOf(out) != 1.f / 256))
      return refuse("int8 output other than TFLite's fixed quantisation");
    return llvm::Error::success();
  }
  if (isSigmoidal(op.kind) && in.type == T::I16) {
    int power = 0;
    if (zeroPointOf(in) != 0 || zeroPointOf(out) != 0 ||
        !ir::isPowerOfTwo(double(scaleOf(out)), &power) || power != -15)
      return refuse("int16 with zero points or an output scale other than 2^-15");
    if (!ir::int16SigmoidalRescaling(scaleOf(in), op.kind == ir::OpKind::TANH))
      return refuse("input scale above TFLite's 15-bit range");
    return llvm::Error::success();
  }
  return refuse("operand types not supported");
}

llvm::Error emitQuantizedActivation(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &in = *op.operands[0], &out = *op.results[0];
  layer.require("Activations.h");
  layer.param("count", ir::elementCount(in.shape).value_or(0));
  const std::string P = layer.paramsName(), Ty = cppType(in.type);
  const std::string io = fmt::format("{}, {}", layer.input(0), layer.output(0));
  if (isRelu(op.kind)) {
    const ir::QuantizedMultiplier m =
        ir::quantizeMultiplier(double(scaleOf(in)) / double(scaleOf(out)));
    ir::IntRange range{};
    ir::quantizedActivationRange(ir::opKindInfo(op.kind).name, scaleOf(out), zeroPointOf(out),
                                 out.type, &range);
    layer.param("inputZeroPoint", zeroPointOf(in));
    layer.param("outputZeroPoint", zeroPointOf(out));
    layer.multiplier("", m);
    layer.param("actMin", range.min);
    layer.param("actMax", range.max);
    layer.statement(fmt::format("litec::generic::reluQuantized<{}, {}>({});", P, Ty, io));
  } else if (op.kind == ir::OpKind::LEAKY_RELU) {
    const double alpha = op.attrs.getFloat("alpha").value_or(0);
    const ir::QuantizedMultiplier identity =
        ir::quantizeMultiplier(double(scaleOf(in)) / double(scaleOf(out)));
    const ir::QuantizedMultiplier slope =
        ir::quantizeMultiplier(double(scaleOf(in)) * double(float(alpha)) / double(scaleOf(out)));
    layer.param("inputZeroPoint", zeroPointOf(in));
    layer.param("outputZeroPoint", zeroPointOf(out));
    layer.multiplier("identity", identity);
    layer.multiplier("alpha", slope);
    layer.statement(fmt::format("litec::generic::leakyReluInt8<{}>({});", P, io));
  } else if (isSigmoidal(op.kind) && in.type == T::I8) {
    const ir::SigmoidalRescaling r = ir::int8SigmoidalRescaling(scaleOf(in));
    layer.param("inputZeroPoint", zeroPointOf(in));
    layer.param(fmt::format("std::int32_t multiplier = {}", r.multiplier));
    layer.param(fmt::format("std::int32_t leftShift = {}", r.leftShift));
    layer.param(fmt::format("std::int32_t radius = {}", r.radius));
    layer.statement(fmt::format("litec::generic::sigmoidalInt8<{}, {}>({});", P,
                                op.kind == ir::OpKind::TANH, io));
  } else if (isSigmoidal(op.kind)) {
    const auto r = *ir::int16SigmoidalRescaling(scaleOf(in), op.kind == ir::OpKind::TANH);
    layer.param(fmt::format("std::int32_t multiplier = {}", r.multiplier));
    layer.param(fmt::format("std::int32_t leftShift = {}", r.leftShift));
    layer.statement(fmt::format("litec::generic::sigmoidalInt16<{}, {}>({});", P,
                                op.kind == ir::OpKind::TANH, io));
  } else {
    const ir::HardSwishRescaling r = *ir::hardSwishRescaling(scaleOf(in), scaleOf(out));
    layer.param("inputZeroPoint", zeroPointOf(in));
    layer.param("outputZeroPoint", zeroPointOf(out));
    layer.param(fmt::format("std::int16_t outputMultiplier = {}", r.outputMultiplier));
    layer.param(fmt::format("std::int16_t reluishMultiplier = {}", r.reluishMultiplier));
    layer.param("outputExponent", r.outputExponent);
    layer.param("reluishExponent", r.reluishExponent);
    layer.statement(fmt::format("litec::generic::hardSwishQuantized<{}, {}>({});", P, Ty, io));
  }
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
