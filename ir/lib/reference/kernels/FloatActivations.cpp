// RELU, RELU6, RELU_N1_TO_1, LOGISTIC, TANH and HARD_SWISH on float32.

#include "../KernelSupport.h"

#include <cmath>

namespace litec::ir::reference {

namespace {
class FloatUnary final : public Kernel {
public:
  FloatUnary(int64_t count, float (*f)(float)) : count_(count), f_(f) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0);
    float *output = t.output<float>(0);
    for (int64_t i = 0; i < count_; ++i)
      output[i] = f_(input[i]);
    return llvm::Error::success();
  }

private:
  int64_t count_;
  float (*f_)(float);
};

float relu(float x) {
  return std::max(x, 0.f);
}
float relu6(float x) {
  return std::clamp(x, 0.f, 6.f);
}
float reluN1To1(float x) {
  return std::clamp(x, -1.f, 1.f);
}
float logistic(float x) {
  return 1.f / (1.f + std::exp(-x));
}
float tanhOf(float x) {
  return std::tanh(x);
}
float hardSwish(float x) {
  return x * std::min(6.f, std::max(0.f, x + 3.f)) / 6.f;
}
} // namespace

llvm::Expected<KernelPtr> prepareFloatActivation(const Op &op) {
  if ((op.operands[0]->type == ElementType::I8 || op.operands[0]->type == ElementType::I16) &&
      (op.kind == OpKind::LOGISTIC || op.kind == OpKind::TANH))
    return prepareIntegerActivation(op);
  if (op.kind == OpKind::HARD_SWISH && op.operands[0]->type != ElementType::F32)
    return prepareQuantizedHardSwish(op);
  const bool reluFamily =
      op.kind == OpKind::RELU || op.kind == OpKind::RELU6 || op.kind == OpKind::RELU_N1_TO_1;
  if (reluFamily && op.operands[0]->type != ElementType::F32)
    return prepareQuantizedRelu(op);
  if (op.operands[0]->type != ElementType::F32 || op.results[0]->type != ElementType::F32)
    return unsupported(std::string(opKindInfo(op.kind).name) + " with types " + typeList(op));
  const int64_t count = elementCount(op.operands[0]->shape).value_or(0);
  switch (op.kind) {
  case OpKind::RELU:
    return std::make_unique<FloatUnary>(count, relu);
  case OpKind::RELU6:
    return std::make_unique<FloatUnary>(count, relu6);
  case OpKind::RELU_N1_TO_1:
    return std::make_unique<FloatUnary>(count, reluN1To1);
  case OpKind::LOGISTIC:
    return std::make_unique<FloatUnary>(count, logistic);
  case OpKind::HARD_SWISH:
    return std::make_unique<FloatUnary>(count, hardSwish);
  default:
    return std::make_unique<FloatUnary>(count, tanhOf);
  }
}

} // namespace litec::ir::reference
