// Element-wise layers: float unary ops (activations and math), float binary ops with TFLite's
// broadcasting, and quantised ADD, SUB and MUL (int8, uint8, int16).

#include "Emitters.h"

#include "litec/ir/Shape.h"

#include <cmath>
#include <map>

namespace litec::codegen::generic {

namespace {
const std::map<ir::OpKind, const char *> &unaryOps() {
  static const std::map<ir::OpKind, const char *> ops = {{ir::OpKind::RELU, "kRelu"},
                                                         {ir::OpKind::RELU6, "kRelu6"},
                                                         {ir::OpKind::RELU_N1_TO_1, "kReluN1To1"},
                                                         {ir::OpKind::LOGISTIC, "kLogistic"},
                                                         {ir::OpKind::TANH, "kTanh"},
                                                         {ir::OpKind::HARD_SWISH, "kHardSwish"},
                                                         {ir::OpKind::RSQRT, "kRsqrt"},
                                                         {ir::OpKind::SQRT, "kSqrt"},
                                                         {ir::OpKind::EXP, "kExp"},
                                                         {ir::OpKind::LOG, "kLog"},
                                                         {ir::OpKind::ABS, "kAbs"},
                                                         {ir::OpKind::NEG, "kNeg"},
                                                         {ir::OpKind::FLOOR, "kFloor"},
                                                         {ir::OpKind::CEIL, "kCeil"},
                                                         {ir::OpKind::ROUND, "kRound"},
                                                         {ir::OpKind::SQUARE, "kSquare"},
                                                         {ir::OpKind::SIN, "kSin"},
                                                         {ir::OpKind::COS, "kCos"},
                                                         {ir::OpKind::LEAKY_RELU, "kLeakyRelu"}};
  return ops;
}

const std::map<ir::OpKind, const char *> &binaryOps() {
  static const std::map<ir::OpKind, const char *> ops = {
      {ir::OpKind::ADD, "kAdd"},
      {ir::OpKind::SUB, "kSub"},
      {ir::OpKind::MUL, "kMul"},
      {ir::OpKind::DIV, "kDiv"},
      {ir::OpKind::MAXIMUM, "kMaximum"},
      {ir::OpKind::MINIMUM, "kMinimum"},
      {ir::OpKind::SQUARED_DIFFERENCE, "kSquaredDifference"},
      {ir::OpKind::POW, "kPow"}};
  return ops;
}

// Binary ops broadcast their operands; PRELU (its own kernels) included.
bool isBinary(ir::OpKind kind) {
  return binaryOps().count(kind) != 0 || kind == ir::OpKind::PRELU;
}

bool isQuantizedAddMul(const ir::Op &op) {
  const ir::ElementType t = op.operands[0]->type;
  return (op.kind == ir::OpKind::ADD || op.kind == ir::OpKind::SUB || op.kind == ir::OpKind::MUL) &&
         (t == ir::ElementType::I8 || t == ir::ElementType::U8 || t == ir::ElementType::I16) &&
         allOfType(op, t);
}

void emitBroadcast(LayerContext &layer) {
  const ir::Value &a = *layer.op().operands[0], &b = *layer.op().operands[1],
                  &out = *layer.op().results[0];
  layer.param("count", ir::elementCount(out.shape).value_or(0));
  const bool same = a.shape == out.shape && b.shape == out.shape;
  layer.param(fmt::format("bool sameShape = {}", same));
  if (same)
    return;
  layer.param("rank", out.shape.size());
  layer.param(fmt::format("int outShape[{}] = {}", out.shape.size(), braced(out.shape)));
  layer.param(fmt::format("int aStrides[{}] = {}", out.shape.size(),
                          braced(ir::broadcastStrides(a.shape, out.shape))));
  layer.param(fmt::format("int bStrides[{}] = {}", out.shape.size(),
                          braced(ir::broadcastStrides(b.shape, out.shape))));
}

llvm::Error emitQuantizedAddMul(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  emitBroadcast(layer);
  if (auto e = integerBounds(layer, out))
    return e;
  layer.param("input1Offset", -zeroPointOf(a));
  layer.param("input2Offset", -zeroPointOf(b));
  layer.param("outputOffset", zeroPointOf(out));
  const std::string P = layer.paramsName(), T = cppType(a.type);
  layer.require("Elementwise.h");
  if (op.kind == ir::OpKind::MUL) {
    const ir::QuantizedMultiplier m =
        ir::quantizeMultiplier(double(scaleOf(a)) * double(scaleOf(b)) / double(scaleOf(out)));
    layer.multiplier("output", m);
    layer.statement(fmt::format("litec::generic::mulQuantized<{}, {}>({}, {}, {});", P, T,
                                layer.input(0), layer.input(1), layer.output(0)));
    return llvm::Error::success();
  }
  // Headroom for the rescaled inputs: 20 bits above an 8-bit value, 15 above a 16-bit one.
  const int leftShift = a.type == ir::ElementType::I16 ? 15 : 20;
  const double twiceMax = 2 * double(std::max(scaleOf(a), scaleOf(b)));
  const ir::QuantizedMultiplier m1 = ir::quantizeMultiplier(double(scaleOf(a)) / twiceMax);
  const ir::QuantizedMultiplier m2 = ir::quantizeMultiplier(double(scaleOf(b)) / twiceMax);
  const ir::QuantizedMultiplier mo =
      ir::quantizeMultiplier(twiceMax / (double(1 << leftShift) * double(scaleOf(out))));
  layer.param("leftShift", leftShift);
  layer.multiplier("input1", m1);
  layer.multiplier("input2", m2);
  layer.multiplier("output", mo);
  layer.param(fmt::format("bool subtract = {}", op.kind == ir::OpKind::SUB));
  layer.statement(fmt::format("litec::generic::addQuantized<{}, {}>({}, {}, {});", P, T,
                              layer.input(0), layer.input(1), layer.output(0)));
  return llvm::Error::success();
}
} // namespace

llvm::Error checkElementwise(const ir::Op &op) {
  if (op.results.size() != 1 || op.operands.empty() || !op.operands[0])
    return refuse("needs operands and one result");
  const bool binary = isBinary(op.kind);
  if (binary && (op.operands.size() < 2 || !op.operands[1]))
    return refuse("needs two operands");
  if (binary && !ir::broadcastShapes(op.operands[0]->shape, op.operands[1]->shape))
    return refuse("operand shapes do not broadcast");
  if (binary && op.results[0]->shape.size() > 6)
    return refuse("broadcasting above 6 dimensions");
  if (allOfType(op, ir::ElementType::F32))
    return llvm::Error::success();
  if (isQuantizedActivation(op))
    return checkQuantizedActivation(op);
  // The quantised and integer forms are the reference interpreter's, with its reasons.
  return checkWithReference(op);
}

namespace {
bool isPowerOfTwoInt16Add(const ir::Op &op) {
  const ir::Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  int pa = 0, pb = 0, po = 0;
  return (op.kind == ir::OpKind::ADD || op.kind == ir::OpKind::SUB) &&
         a.type == ir::ElementType::I16 && op.attrs.getBool("pot_scale_int16").value_or(true) &&
         ir::isPowerOfTwo(double(scaleOf(a)), &pa) && ir::isPowerOfTwo(double(scaleOf(b)), &pb) &&
         ir::isPowerOfTwo(double(scaleOf(out)), &po);
}

// Quantised and integer forms beyond ADD/SUB/MUL and the activations.
llvm::Error emitOtherQuantized(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &a = *op.operands[0], &out = *op.results[0];
  const std::string P = layer.paramsName(), T = cppType(a.type);
  layer.require("Elementwise.h");
  if (op.kind == ir::OpKind::RSQRT) {
    layer.param("count", ir::elementCount(a.shape).value_or(0));
    const float denominator = std::sqrt(scaleOf(a)) * scaleOf(out);
    const ir::QuantizedMultiplier m = ir::quantizeMultiplier(1.0 / double(denominator));
    layer.param("inputZeroPoint", zeroPointOf(a));
    layer.param("outputZeroPoint", zeroPointOf(out));
    layer.multiplier("", m);
    layer.setFallible();
    layer.statement(fmt::format("return litec::generic::rsqrtInt8<{}>({}, {});", P, layer.input(0),
                                layer.output(0)));
    return llvm::Error::success();
  }
  const ir::Value &b = *op.operands[1];
  const std::string io = fmt::format("{}, {}, {}", layer.input(0), layer.input(1), layer.output(0));
  if (isPowerOfTwoInt16Add(op)) {
    int pa = 0, pb = 0, po = 0;
    ir::isPowerOfTwo(double(scaleOf(a)), &pa);
    ir::isPowerOfTwo(double(scaleOf(b)), &pb);
    ir::isPowerOfTwo(double(scaleOf(out)), &po);
    const bool shiftFirst = pa != po;
    layer.param("count", ir::elementCount(out.shape).value_or(0));
    layer.param("rightShift", shiftFirst ? po - pa : po - pb);
    layer.param(fmt::format("bool shiftFirst = {}", shiftFirst));
    layer.param(fmt::format("bool subtract = {}", op.kind == ir::OpKind::SUB));
    if (auto e = integerBounds(layer, out))
      return e;
    layer.statement(fmt::format("litec::generic::addInt16PowerOfTwo<{}>({});", P, io));
    return llvm::Error::success();
  }
  emitBroadcast(layer);
  if (op.kind == ir::OpKind::MAXIMUM || op.kind == ir::OpKind::MINIMUM) {
    layer.statement(fmt::format("litec::generic::minMaxRaw<{}, {}, {}>({});", P,
                                op.kind == ir::OpKind::MAXIMUM, T, io));
    return llvm::Error::success();
  }
  layer.param("input1Offset", -zeroPointOf(a));
  layer.param("input2Offset", -zeroPointOf(b));
  layer.param("outputOffset", zeroPointOf(out));
  if (op.kind == ir::OpKind::SQUARED_DIFFERENCE) {
    const double twiceMax = double(2 * std::max(scaleOf(a), scaleOf(b)));
    const ir::QuantizedMultiplier m1 = ir::quantizeMultiplier(double(scaleOf(a)) / twiceMax);
    const ir::QuantizedMultiplier m2 = ir::quantizeMultiplier(double(scaleOf(b)) / twiceMax);
    const ir::QuantizedMultiplier mo =
        ir::quantizeMultiplier(twiceMax * twiceMax / double(float(1 << 14) * scaleOf(out)));
    layer.multiplier("input1", m1);
    layer.multiplier("input2", m2);
    layer.multiplier("output", mo);
    layer.statement(fmt::format("litec::generic::squaredDifferenceInt8<{}>({});", P, io));
    return llvm::Error::success();
  }
  if (op.kind == ir::OpKind::PRELU) {
    // TFLite forms both ratios in float before widening them.
    const ir::QuantizedMultiplier positive =
        ir::quantizeMultiplier(double(scaleOf(a) / scaleOf(out)));
    const ir::QuantizedMultiplier negative =
        ir::quantizeMultiplier(double(scaleOf(a) * scaleOf(b) / scaleOf(out)));
    layer.multiplier("positive", positive);
    layer.multiplier("output", negative);
    layer.param("actMin", ir::integerMin(out.type));
    layer.param("actMax", ir::integerMax(out.type));
    layer.statement(fmt::format("litec::generic::preluQuantized<{}, {}>({});", P, T, io));
    return llvm::Error::success();
  }
  // DIV: TFLite forms scale1 / (scale2 * scale_out) in float.
  const ir::QuantizedMultiplier m =
      ir::quantizeMultiplier(double(scaleOf(a) / (scaleOf(b) * scaleOf(out))));
  layer.multiplier("output", m);
  if (auto e = integerBounds(layer, out))
    return e;
  layer.setFallible();
  layer.statement(fmt::format("return litec::generic::divQuantized<{}, {}>({});", P, T, io));
  return llvm::Error::success();
}
} // namespace

llvm::Error emitElementwise(LayerContext &layer) {
  const ir::Op &op = layer.op();
  if (isQuantizedActivation(op))
    return emitQuantizedActivation(layer);
  if (!allOfType(op, ir::ElementType::F32)) {
    if (isQuantizedAddMul(op) && !isPowerOfTwoInt16Add(op))
      return emitQuantizedAddMul(layer);
    return emitOtherQuantized(layer);
  }
  if (op.kind == ir::OpKind::PRELU) {
    emitBroadcast(layer);
    layer.require("Elementwise.h");
    layer.statement(fmt::format("litec::generic::preluFloat<{}>({}, {}, {});", layer.paramsName(),
                                layer.input(0), layer.input(1), layer.output(0)));
    return llvm::Error::success();
  }
  const std::string P = layer.paramsName();
  layer.require("Elementwise.h");
  if (auto unary = unaryOps().find(op.kind); unary != unaryOps().end()) {
    layer.param("count", ir::elementCount(op.results[0]->shape).value_or(0));
    layer.param(
        fmt::format("litec::generic::UnaryOp op = litec::generic::UnaryOp::{}", unary->second));
    layer.param("float alpha = " + floatLiteral(float(op.attrs.getFloat("alpha").value_or(0))));
    layer.statement(
        fmt::format("litec::generic::unaryFloat<{}>({}, {});", P, layer.input(0), layer.output(0)));
    return llvm::Error::success();
  }
  emitBroadcast(layer);
  if (op.attrs.find("fused_activation_function")) {
    if (auto e = floatBounds(layer))
      return e;
  } else {
    layer.param("float actMin = -std::numeric_limits<float>::infinity()");
    layer.param("float actMax = std::numeric_limits<float>::infinity()");
  }
  layer.param(fmt::format("litec::generic::BinaryOp op = litec::generic::BinaryOp::{}",
                          binaryOps().at(op.kind)));
  layer.statement(fmt::format("litec::generic::binaryFloat<{}>({}, {}, {});", P, layer.input(0),
                              layer.input(1), layer.output(0)));
  return llvm::Error::success();
}

bool isElementwiseInPlace(const ir::Op &op) {
  if (!isElementwise(op.kind) || op.results.size() != 1 || op.operands.empty() || !op.operands[0])
    return false;
  for (const ir::Value *v : op.operands)
    if (!v || v->shape != op.results[0]->shape)
      return false;
  return true;
}

bool isElementwise(ir::OpKind kind) {
  return unaryOps().count(kind) || isBinary(kind);
}

} // namespace litec::codegen::generic
