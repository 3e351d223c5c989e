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

} // namespace

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
