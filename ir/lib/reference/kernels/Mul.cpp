// MUL with TFLite's broadcasting and fused activation. float32, and int8: (a - za) * (b - zb)
// rescaled by scale_a * scale_b / scale_out, plus the output zero point, clamped.

#include "../KernelSupport.h"

namespace litec::ir::reference {

namespace {
class FloatMul final : public Kernel {
public:
  FloatMul(Shape a, Shape b, Shape out, FloatRange range)
      : a_(std::move(a)), b_(std::move(b)), out_(std::move(out)), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *a = t.input<float>(0), *b = t.input<float>(1);
    float *out = t.output<float>(0);
    forEachBroadcast(a_, b_, out_, [&](int64_t o, int64_t i, int64_t j) {
      out[o] = std::clamp(a[i] * b[j], range_.min, range_.max);
    });
    return llvm::Error::success();
  }

private:
  Shape a_, b_, out_;
  FloatRange range_;
};

class Int8Mul final : public Kernel {
public:
  Int8Mul(Shape a, Shape b, Shape out, int32_t aOffset, int32_t bOffset, int32_t outOffset,
          QuantizedMultiplier m, IntRange range)
      : a_(std::move(a)), b_(std::move(b)), out_(std::move(out)), aOffset_(aOffset),
        bOffset_(bOffset), outOffset_(outOffset), m_(m), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *a = t.input<int8_t>(0), *b = t.input<int8_t>(1);
    int8_t *out = t.output<int8_t>(0);
    forEachBroadcast(a_, b_, out_, [&](int64_t o, int64_t i, int64_t j) {
      const int32_t product = (int32_t(a[i]) + aOffset_) * (int32_t(b[j]) + bOffset_);
      out[o] = clampTo<int8_t>(
          runtime::multiplyByQuantizedMultiplier(product, m_.multiplier, m_.shift) + outOffset_,
          range_);
    });
    return llvm::Error::success();
  }

private:
  Shape a_, b_, out_;
  int32_t aOffset_, bOffset_, outOffset_;
  QuantizedMultiplier m_;
  IntRange range_;
};
} // namespace

llvm::Expected<KernelPtr> prepareMul(const Op &op) {
  const Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  if (a.type == ElementType::F32 && b.type == ElementType::F32 && out.type == ElementType::F32) {
    auto range = floatRangeOf(op);
    if (!range)
      return range.takeError();
    return std::make_unique<FloatMul>(a.shape, b.shape, out.shape, *range);
  }
  if (a.type == ElementType::I8 && b.type == ElementType::I8 && out.type == ElementType::I8) {
    auto range = intRangeOf(op, out);
    if (!range)
      return range.takeError();
    return std::make_unique<Int8Mul>(
        a.shape, b.shape, out.shape, -zeroPointOf(a), -zeroPointOf(b), zeroPointOf(out),
        quantizeMultiplier(double(scaleOf(a)) * double(scaleOf(b)) / double(scaleOf(out))), *range);
  }
  return unsupported("MUL with types " + typeList(op));
}

} // namespace litec::ir::reference
