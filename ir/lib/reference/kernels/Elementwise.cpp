// Element-wise float32 ops: unary (RSQRT, SQRT, EXP, LOG, ABS, NEG, FLOOR, CEIL, ROUND, SQUARE,
// SIN, COS, LEAKY_RELU) and broadcasting binary (SUB, DIV, MAXIMUM, MINIMUM,
// SQUARED_DIFFERENCE, POW, PRELU), plus int8 MAXIMUM/MINIMUM, which compare raw values when
// the quantisation is shared.

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

class FloatBinaryOp final : public Kernel {
public:
  FloatBinaryOp(Shape a, Shape b, Shape out, OpKind kind, FloatRange range)
      : a_(std::move(a)), b_(std::move(b)), out_(std::move(out)), kind_(kind), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *a = t.input<float>(0), *b = t.input<float>(1);
    float *out = t.output<float>(0);
    forEachBroadcast(a_, b_, out_, [&](int64_t o, int64_t i, int64_t j) {
      out[o] = std::clamp(apply(a[i], b[j]), range_.min, range_.max);
    });
    return llvm::Error::success();
  }

private:
  float apply(float x, float y) const {
    switch (kind_) {
    case OpKind::SUB:
      return x - y;
    case OpKind::DIV:
      return x / y;
    case OpKind::MAXIMUM:
      return std::max(x, y);
    case OpKind::MINIMUM:
      return std::min(x, y);
    case OpKind::SQUARED_DIFFERENCE:
      return (x - y) * (x - y);
    case OpKind::POW:
      return std::pow(x, y);
    default: // PRELU: y is the slope
      return x >= 0 ? x : x * y;
    }
  }

  Shape a_, b_, out_;
  OpKind kind_;
  FloatRange range_;
};

template <typename T> class RawMinMax final : public Kernel {
public:
  RawMinMax(Shape a, Shape b, Shape out, bool isMax)
      : a_(std::move(a)), b_(std::move(b)), out_(std::move(out)), isMax_(isMax) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *a = t.input<T>(0), *b = t.input<T>(1);
    T *out = t.output<T>(0);
    forEachBroadcast(a_, b_, out_, [&](int64_t o, int64_t i, int64_t j) {
      out[o] = isMax_ ? std::max(a[i], b[j]) : std::min(a[i], b[j]);
    });
    return llvm::Error::success();
  }

private:
  Shape a_, b_, out_;
  bool isMax_;
};

bool sameQuantization(const Value &a, const Value &b) {
  return scaleOf(a) == scaleOf(b) && zeroPointOf(a) == zeroPointOf(b);
}
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

llvm::Expected<KernelPtr> prepareElementwiseBinary(const Op &op) {
  const Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  const std::string name(opKindInfo(op.kind).name);
  if (a.type == ElementType::F32 && b.type == ElementType::F32 && out.type == ElementType::F32) {
    FloatRange range{-INFINITY, INFINITY};
    if (op.attrs.find("fused_activation_function")) {
      auto fused = floatRangeOf(op);
      if (!fused)
        return fused.takeError();
      range = *fused;
    }
    return std::make_unique<FloatBinaryOp>(a.shape, b.shape, out.shape, op.kind, range);
  }
  const bool minMax = op.kind == OpKind::MAXIMUM || op.kind == OpKind::MINIMUM;
  if (minMax && a.type == b.type && a.type == out.type && sameQuantization(a, out) &&
      sameQuantization(b, out)) {
    const bool isMax = op.kind == OpKind::MAXIMUM;
    switch (a.type) {
    case ElementType::I8:
      return std::make_unique<RawMinMax<int8_t>>(a.shape, b.shape, out.shape, isMax);
    case ElementType::U8:
      return std::make_unique<RawMinMax<uint8_t>>(a.shape, b.shape, out.shape, isMax);
    case ElementType::I16:
      return std::make_unique<RawMinMax<int16_t>>(a.shape, b.shape, out.shape, isMax);
    case ElementType::I32:
      return std::make_unique<RawMinMax<int32_t>>(a.shape, b.shape, out.shape, isMax);
    case ElementType::I64:
      return std::make_unique<RawMinMax<int64_t>>(a.shape, b.shape, out.shape, isMax);
    default:
      break;
    }
  }
  return unsupported(name + " with types " + typeList(op));
}

} // namespace litec::ir::reference
