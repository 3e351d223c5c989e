// Element-wise float32 unary ops: RSQRT, SQRT, EXP, LOG, ABS, NEG, FLOOR, CEIL, ROUND, SQUARE,
// SIN, COS, LEAKY_RELU.

#include "../KernelSupport.h"

#include <cmath>

namespace litec::ir::reference {

namespace {
// TFLite's ROUND rounds half to even.
float roundHalfToEven(float x) {
  const float floor = std::floor(x), diff = x - floor;
  if (diff < 0.5f || (diff == 0.5f && std::fmod(floor, 2.f) == 0.f))
    return floor;
  return floor + 1.f;
}

class FloatUnaryOp final : public Kernel {
public:
  FloatUnaryOp(int64_t count, OpKind kind, float alpha)
      : count_(count), kind_(kind), alpha_(alpha) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *in = t.input<float>(0);
    float *out = t.output<float>(0);
    for (int64_t i = 0; i < count_; ++i)
      out[i] = apply(in[i]);
    return llvm::Error::success();
  }

private:
  float apply(float x) const {
    switch (kind_) {
    case OpKind::RSQRT:
      return 1.f / std::sqrt(x);
    case OpKind::SQRT:
      return std::sqrt(x);
    case OpKind::EXP:
      return std::exp(x);
    case OpKind::LOG:
      return std::log(x);
    case OpKind::ABS:
      return std::fabs(x);
    case OpKind::NEG:
      return -x;
    case OpKind::FLOOR:
      return std::floor(x);
    case OpKind::CEIL:
      return std::ceil(x);
    case OpKind::ROUND:
      return roundHalfToEven(x);
    case OpKind::SQUARE:
      return x * x;
    case OpKind::SIN:
      return std::sin(x);
    case OpKind::COS:
      return std::cos(x);
    default: // LEAKY_RELU
      return x > 0 ? x : alpha_ * x;
    }
  }

  int64_t count_;
  OpKind kind_;
  float alpha_;
};

} // namespace

llvm::Expected<KernelPtr> prepareFloatUnary(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (op.kind == OpKind::LEAKY_RELU && input.type == ElementType::I8)
    return prepareIntegerActivation(op);
  if (op.kind == OpKind::RSQRT && input.type == ElementType::I8)
    return prepareInt8Rsqrt(op);
  if (input.type != ElementType::F32 || output.type != ElementType::F32)
    return unsupported(std::string(opKindInfo(op.kind).name) + " with types " + typeList(op));
  return std::make_unique<FloatUnaryOp>(elementCount(input.shape).value_or(0), op.kind,
                                        float(op.attrs.getFloat("alpha").value_or(0)));
}

} // namespace litec::ir::reference
