// RSQRT, SQRT, EXP, LOG, ABS, NEG, FLOOR, CEIL, ROUND, SQUARE, SIN, COS (litec/ir/ops/Unary.h).

#include "litec/ir/ops/Unary.h"
#include "../KernelSupport.h"

#include "litec/runtime/QuantizedArithmetic.h"

#include <cmath>

namespace litec::ir::reference {

namespace {
using runtime::UnaryOp;

// TFLite's ROUND rounds half to even.
float roundHalfToEven(float x) {
  const float floor = std::floor(x), diff = x - floor;
  if (diff < 0.5f || (diff == 0.5f && std::fmod(floor, 2.f) == 0.f))
    return floor;
  return floor + 1.f;
}

float applyFloat(UnaryOp op, float x) {
  switch (op) {
  case UnaryOp::kRsqrt:
    return 1.f / std::sqrt(x);
  case UnaryOp::kSqrt:
    return std::sqrt(x);
  case UnaryOp::kExp:
    return std::exp(x);
  case UnaryOp::kLog:
    return std::log(x);
  case UnaryOp::kAbs:
    return std::fabs(x);
  case UnaryOp::kNeg:
    return -x;
  case UnaryOp::kFloor:
    return std::floor(x);
  case UnaryOp::kCeil:
    return std::ceil(x);
  case UnaryOp::kRound:
    return roundHalfToEven(x);
  case UnaryOp::kSquare:
    return x * x;
  case UnaryOp::kSin:
    return std::sin(x);
  case UnaryOp::kCos:
    return std::cos(x);
  }
  return 0.f;
}

class Int8Rsqrt final : public Kernel {
public:
  explicit Int8Rsqrt(ops::UnaryParams p) : p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *in = t.input<int8_t>(0);
    int8_t *out = t.output<int8_t>(0);
    for (int64_t i = 0; i < p_.count; ++i) {
      const int32_t value = int32_t(in[i]) - p_.inputZeroPoint;
      if (value < 0)
        return kernelError("RSQRT is only defined for positive values; element " +
                           std::to_string(i) + " is below the input zero point");
      if (value == 0) {
        out[i] = 127;
        continue;
      }
      const int32_t scaled =
          runtime::quantizedInverseSqrt(value, p_.rescale.multiplier, p_.rescale.shift);
      out[i] = int8_t(std::clamp(scaled + p_.outputZeroPoint, -128, 127));
    }
    return llvm::Error::success();
  }

private:
  ops::UnaryParams p_;
};
} // namespace

llvm::Expected<KernelPtr> prepareUnary(const Op &op) {
  auto prepared = ops::prepareUnary(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->kind == ops::UnaryKind::Int8Rsqrt)
    return std::make_unique<Int8Rsqrt>(prepared->params);
  return mapKernel<float, float>(prepared->params.count,
                                 [op = prepared->op](float x) { return applyFloat(op, x); });
}

} // namespace litec::ir::reference
