#include "litec/ir/ops/Unary.h"

#include "litec/ir/Shape.h"

#include <cmath>

namespace litec::ir::ops {

namespace {
std::optional<runtime::UnaryOp> unaryOp(OpKind kind) {
  using runtime::UnaryOp;
  switch (kind) {
  case OpKind::RSQRT:
    return UnaryOp::kRsqrt;
  case OpKind::SQRT:
    return UnaryOp::kSqrt;
  case OpKind::EXP:
    return UnaryOp::kExp;
  case OpKind::LOG:
    return UnaryOp::kLog;
  case OpKind::ABS:
    return UnaryOp::kAbs;
  case OpKind::NEG:
    return UnaryOp::kNeg;
  case OpKind::FLOOR:
    return UnaryOp::kFloor;
  case OpKind::CEIL:
    return UnaryOp::kCeil;
  case OpKind::ROUND:
    return UnaryOp::kRound;
  case OpKind::SQUARE:
    return UnaryOp::kSquare;
  case OpKind::SIN:
    return UnaryOp::kSin;
  case OpKind::COS:
    return UnaryOp::kCos;
  default:
    return std::nullopt;
  }
}
} // namespace

llvm::Expected<PreparedUnary> prepareUnary(const Op &op) {
  const std::optional<runtime::UnaryOp> kind = unaryOp(op.kind);
  if (!kind)
    return invalid("not a unary element-wise op");
  if (op.operands.size() != 1 || !op.operands[0] || op.results.size() != 1)
    return invalid(opName(op) + " needs one operand and one result");
  const Value &in = *op.operands[0], &out = *op.results[0];
  if (in.shape != out.shape)
    return invalid(opName(op) + "'s result shape differs from its operand's");
  PreparedUnary prepared{};
  prepared.op = *kind;
  prepared.params.count = int32_t(elementCount(out.shape).value_or(0));
  if (in.type == ElementType::F32 && out.type == ElementType::F32) {
    prepared.kind = UnaryKind::Float;
    return prepared;
  }
  if (op.kind != OpKind::RSQRT || in.type != ElementType::I8 || out.type != ElementType::I8)
    return unsupported(opName(op) + " with types " + typeList(op));
  if (auto error = requireQuantized(in, "input"))
    return error;
  if (auto error = requireQuantized(out, "output"))
    return error;
  prepared.kind = UnaryKind::Int8Rsqrt;
  prepared.params.inputZeroPoint = zeroPointOf(in);
  prepared.params.outputZeroPoint = zeroPointOf(out);
  // TFLite's float square root and product.
  const float denominator = std::sqrt(scaleOf(in)) * scaleOf(out);
  prepared.params.rescale = quantizeMultiplier(1.0 / double(denominator));
  return prepared;
}

} // namespace litec::ir::ops
