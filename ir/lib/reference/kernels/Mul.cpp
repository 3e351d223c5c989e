// MUL with TFLite's broadcasting and fused activation. float32, and int8, uint8 and int16: (a - za)
// * (b - zb) rescaled by scale_a * scale_b / scale_out, plus the output zero point, clamped.

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

template <typename T> class QuantizedMul final : public Kernel {
public:
  explicit QuantizedMul(QuantizedBinary p) : p_(std::move(p)) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *a = t.input<T>(0), *b = t.input<T>(1);
    T *out = t.output<T>(0);
    forEachBroadcast(p_.a, p_.b, p_.out, [&](int64_t o, int64_t i, int64_t j) {
      const int32_t product = (int32_t(a[i]) + p_.aOffset) * (int32_t(b[j]) + p_.bOffset);
      out[o] = clampTo<T>(runtime::multiplyByQuantizedMultiplier(product, p_.multiplier.multiplier,
                                                                 p_.multiplier.shift) +
                              p_.outOffset,
                          p_.range);
    });
    return llvm::Error::success();
  }

private:
  QuantizedBinary p_;
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
  if (a.type == b.type && a.type == out.type &&
      (a.type == ElementType::I8 || a.type == ElementType::U8 || a.type == ElementType::I16)) {
    auto range = intRangeOf(op, out);
    if (!range)
      return range.takeError();
    QuantizedBinary p = quantizedBinary(
        a, b, out,
        quantizeMultiplier(double(scaleOf(a)) * double(scaleOf(b)) / double(scaleOf(out))), *range);
    if (a.type == ElementType::U8)
      return std::make_unique<QuantizedMul<uint8_t>>(std::move(p));
    if (a.type == ElementType::I16)
      return std::make_unique<QuantizedMul<int16_t>>(std::move(p));
    return std::make_unique<QuantizedMul<int8_t>>(std::move(p));
  }
  return unsupported("MUL with types " + typeList(op));
}

} // namespace litec::ir::reference
