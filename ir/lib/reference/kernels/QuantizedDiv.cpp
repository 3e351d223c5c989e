// Quantised DIV (int8, uint8, int16) as TFLite's reference kernel computes it: with a = in1 - z1
// and b = in2 - z2 (signs moved so that b > 0), a is shifted up by its headroom h, multiplied by
// the fixed-point reciprocal of b (1 / b = r * 2^k), and the quotient rescaled by
// scale1 / (scale2 * scale_out) with the shift (output shift - k - h); plus the output zero
// point, clamped to the fused activation. Tiny quotients push that shift beyond 31 bits, where
// TFLite's result follows the CPU's shift (runtime::roundingDivideByPOTBeyond31): reproduced,
// not corrected. TFLite refuses a divisor whose raw value is 0; a divisor equal to its zero
// point (a division by zero) is refused here as well.

#include "../KernelSupport.h"

#include "litec/runtime/QuantizedArithmetic.h"

namespace litec::ir::reference {

namespace {
template <typename T> class QuantizedDiv final : public Kernel {
public:
  explicit QuantizedDiv(QuantizedBinary p) : p_(std::move(p)) {}

  llvm::Error run(const TensorViews &t) const override {
    const T *a = t.input<T>(0), *b = t.input<T>(1);
    T *out = t.output<T>(0);
    bool rawZero = false, zeroDivisor = false;
    forEachBroadcast(p_.a, p_.b, p_.out, [&](int64_t o, int64_t i, int64_t j) {
      const int32_t numerator = int32_t(a[i]) + p_.aOffset, divisor = int32_t(b[j]) + p_.bOffset;
      rawZero |= b[j] == 0;
      zeroDivisor |= divisor == 0;
      if (b[j] == 0 || divisor == 0) {
        out[o] = 0;
        return;
      }
      const int32_t scaled = runtime::quantizedDivide(numerator, divisor, p_.multiplier.multiplier,
                                                      p_.multiplier.shift);
      out[o] = clampTo<T>(scaled + p_.outOffset, p_.range);
    });
    if (rawZero)
      return kernelError("DIV divisor holds the raw value 0, which TFLite refuses");
    if (zeroDivisor)
      return kernelError("DIV divisor equals its zero point: a division by zero");
    return llvm::Error::success();
  }

private:
  QuantizedBinary p_;
};

template <typename T>
KernelPtr makeQuantizedDiv(const Value &a, const Value &b, const Value &out, IntRange range) {
  // TFLite forms scale1 / (scale2 * scale_out) in float before widening it.
  const float real = scaleOf(a) / (scaleOf(b) * scaleOf(out));
  return std::make_unique<QuantizedDiv<T>>(
      quantizedBinary(a, b, out, quantizeMultiplier(double(real)), range));
}
} // namespace

llvm::Expected<KernelPtr> prepareQuantizedDiv(const Op &op) {
  const Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  if (a.type != b.type || a.type != out.type)
    return unsupported("DIV with types " + typeList(op));
  for (const Value *v : {&a, &b, &out})
    if (auto error = requireQuantized(*v, "DIV operand"))
      return error;
  auto range = intRangeOf(op, out);
  if (!range)
    return range.takeError();
  switch (a.type) {
  case ElementType::I8:
    return makeQuantizedDiv<int8_t>(a, b, out, *range);
  case ElementType::U8:
    return makeQuantizedDiv<uint8_t>(a, b, out, *range);
  case ElementType::I16:
    return makeQuantizedDiv<int16_t>(a, b, out, *range);
  default:
    return unsupported("DIV with types " + typeList(op));
  }
}

} // namespace litec::ir::reference
