// Element-wise unary layers: float activations and math, int8 RSQRT, and the quantised
// activations (QuantizedActivations.cpp).

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

} // namespace

llvm::Error checkElementwise(const ir::Op &op) {
  if (op.results.size() != 1 || op.operands.empty() || !op.operands[0])
    return refuse("needs operands and one result");
  if (allOfType(op, ir::ElementType::F32))
    return llvm::Error::success();
  if (isQuantizedActivation(op))
    return checkQuantizedActivation(op);
  // The quantised and integer forms are the reference interpreter's, with its reasons.
  return checkWithReference(op);
}

namespace {
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
  return refuse("no integer kernel for this operator");
}
} // namespace

llvm::Error emitElementwise(LayerContext &layer) {
  const ir::Op &op = layer.op();
  if (isQuantizedActivation(op))
    return emitQuantizedActivation(layer);
  if (!allOfType(op, ir::ElementType::F32)) {
    return emitOtherQuantized(layer);
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
  return refuse("no kernel for this operator");
}

bool isElementwise(ir::OpKind kind) {
  return unaryOps().count(kind) != 0;
}

} // namespace litec::codegen::generic
