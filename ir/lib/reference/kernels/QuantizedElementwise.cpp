// Quantised element-wise ops with TFLite's integer arithmetic:
// - PRELU (int8, uint8, int16): x - z_x rescaled by s_x / s_out where it is non-negative, else
//   its product with the centred slope rescaled by s_x * s_alpha / s_out;
// - int8 SQUARED_DIFFERENCE: both inputs shifted up 7 bits and brought to a common scale (half
//   the larger input scale), the difference squared and rescaled to the output;
// - int8 RSQRT: 1 / sqrt(x - z_x) by TFLite's fixed-point Newton iteration, rescaled by
//   1 / (sqrt(s_x) * s_out); x at the zero point gives the largest output, x below it is an
//   error (TFLite: "Rsqrt is only defined for positive values").

#include "../KernelSupport.h"

#include "litec/runtime/QuantizedArithmetic.h"

namespace litec::ir::reference {

namespace {
template <typename T> class QuantizedPrelu final : public Kernel {
public:
  QuantizedPrelu(QuantizedBinary p, QuantizedMultiplier positive)
      : p_(std::move(p)), positive_(positive) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *x = t.input<T>(0), *alpha = t.input<T>(1);
    T *out = t.output<T>(0);
    forEachBroadcast(p_.a, p_.b, p_.out, [&](int64_t o, int64_t i, int64_t j) {
      const int32_t value = int32_t(x[i]) + p_.aOffset;
      const int32_t scaled =
          value >= 0
              ? runtime::multiplyByQuantizedMultiplier(value, positive_.multiplier, positive_.shift)
              : runtime::multiplyByQuantizedMultiplier(value * (int32_t(alpha[j]) + p_.bOffset),
                                                       p_.multiplier.multiplier,
                                                       p_.multiplier.shift);
      out[o] = clampTo<T>(scaled + p_.outOffset, p_.range);
    });
    return llvm::Error::success();
  }

private:
  QuantizedBinary p_; // multiplier: the negative side's
  QuantizedMultiplier positive_;
};

class Int8SquaredDifference final : public Kernel {
public:
  static constexpr int kLeftShift = 7;
  Int8SquaredDifference(QuantizedBinary p, QuantizedMultiplier aScale, QuantizedMultiplier bScale)
      : p_(std::move(p)), aScale_(aScale), bScale_(bScale) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *a = t.input<int8_t>(0), *b = t.input<int8_t>(1);
    int8_t *out = t.output<int8_t>(0);
    auto onCommonScale = [](int32_t centred, QuantizedMultiplier m) {
      return runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(centred * (1 << kLeftShift),
                                                                     m.multiplier, m.shift);
    };
    forEachBroadcast(p_.a, p_.b, p_.out, [&](int64_t o, int64_t i, int64_t j) {
      const int32_t difference = onCommonScale(int32_t(a[i]) + p_.aOffset, aScale_) -
                                 onCommonScale(int32_t(b[j]) + p_.bOffset, bScale_);
      const int32_t scaled = runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(
          difference * difference, p_.multiplier.multiplier, p_.multiplier.shift);
      out[o] = clampTo<int8_t>(scaled + p_.outOffset, p_.range);
    });
    return llvm::Error::success();
  }

private:
  QuantizedBinary p_;
  QuantizedMultiplier aScale_, bScale_;
};

class Int8Rsqrt final : public Kernel {
public:
  Int8Rsqrt(int64_t count, int32_t inputZeroPoint, int32_t outputZeroPoint, QuantizedMultiplier m)
      : count_(count), inputZeroPoint_(inputZeroPoint), outputZeroPoint_(outputZeroPoint), m_(m) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *in = t.input<int8_t>(0);
    int8_t *out = t.output<int8_t>(0);
    for (int64_t i = 0; i < count_; ++i) {
      const int32_t value = int32_t(in[i]) - inputZeroPoint_;
      if (value < 0)
        return kernelError("RSQRT is only defined for positive values; element " +
                           std::to_string(i) + " is below the input zero point");
      if (value == 0) {
        out[i] = 127;
        continue;
      }
      const int32_t scaled = runtime::quantizedInverseSqrt(value, m_.multiplier, m_.shift);
      out[i] = int8_t(std::clamp(scaled + outputZeroPoint_, -128, 127));
    }
    return llvm::Error::success();
  }

private:
  int64_t count_;
  int32_t inputZeroPoint_, outputZeroPoint_;
  QuantizedMultiplier m_;
};

llvm::Error requireAllQuantized(const Op &op) {
  for (const Value *v : op.operands)
    if (auto error = requireQuantized(*v, "operand"))
      return error;
  return requireQuantized(*op.results[0], "result");
}

IntRange fullRange(ElementType type) {
  return {integerMin(type), integerMax(type)};
}
} // namespace

llvm::Expected<KernelPtr> prepareQuantizedPrelu(const Op &op) {
  const Value &x = *op.operands[0], &alpha = *op.operands[1], &out = *op.results[0];
  if (x.type != alpha.type || x.type != out.type)
    return unsupported("PRELU with types " + typeList(op));
  if (auto error = requireAllQuantized(op))
    return error;
  // TFLite forms both ratios in float before widening them.
  const QuantizedMultiplier positive = quantizeMultiplier(double(scaleOf(x) / scaleOf(out)));
  const QuantizedMultiplier negative =
      quantizeMultiplier(double(scaleOf(x) * scaleOf(alpha) / scaleOf(out)));
  QuantizedBinary p = quantizedBinary(x, alpha, out, negative, fullRange(out.type));
  switch (x.type) {
  case ElementType::I8:
    return std::make_unique<QuantizedPrelu<int8_t>>(std::move(p), positive);
  case ElementType::U8:
    return std::make_unique<QuantizedPrelu<uint8_t>>(std::move(p), positive);
  case ElementType::I16:
    return std::make_unique<QuantizedPrelu<int16_t>>(std::move(p), positive);
  default:
    return unsupported("PRELU with types " + typeList(op));
  }
}

llvm::Expected<KernelPtr> prepareInt8SquaredDifference(const Op &op) {
  const Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  if (a.type != ElementType::I8 || b.type != ElementType::I8 || out.type != ElementType::I8)
    return unsupported("SQUARED_DIFFERENCE with types " + typeList(op));
  if (auto error = requireAllQuantized(op))
    return error;
  // TFLite's common scale is twice the larger input scale (a float), and its output
  // multiplier divides by 2^14 times the output scale, also formed in float.
  const double twiceMax = double(2 * std::max(scaleOf(a), scaleOf(b)));
  const double outputReal =
      twiceMax * twiceMax /
      double(float(1 << (2 * Int8SquaredDifference::kLeftShift)) * scaleOf(out));
  const QuantizedMultiplier output = quantizeMultiplier(outputReal);
  if (output.shift > 0)
    return unsupported("int8 SQUARED_DIFFERENCE whose output scale is below (2 max(s_a, s_b))^2 / "
                       "2^14 (TFLite requires a multiplier below one)");
  return std::make_unique<Int8SquaredDifference>(
      quantizedBinary(a, b, out, output, fullRange(ElementType::I8)),
      quantizeMultiplier(double(scaleOf(a)) / twiceMax),
      quantizeMultiplier(double(scaleOf(b)) / twiceMax));
}

llvm::Expected<KernelPtr> prepareInt8Rsqrt(const Op &op) {
  const Value &x = *op.operands[0], &out = *op.results[0];
  if (x.type != ElementType::I8 || out.type != ElementType::I8)
    return unsupported("RSQRT with types " + typeList(op));
  if (auto error = requireAllQuantized(op))
    return error;
  // 1 / (sqrt(s_x) * s_out) with TFLite's float square root and product.
  const float denominator = std::sqrt(scaleOf(x)) * scaleOf(out);
  return std::make_unique<Int8Rsqrt>(elementCount(x.shape).value_or(0), zeroPointOf(x),
                                     zeroPointOf(out),
                                     quantizeMultiplier(1.0 / double(denominator)));
}

} // namespace litec::ir::reference
