// SOFTMAX along the last dimension. float32 (exp of the difference to the row's maximum,
// times beta); int8 input to int8 or int16 output and uint8 to uint8 with TFLite's fixed-point
// exp and reciprocal (gemmlowp's), bit for bit.

#include "../KernelSupport.h"

#include <cmath>
#include <limits>

namespace litec::ir::reference {

namespace {
struct Rows {
  int64_t count, depth;
};

Rows rowsOf(const Value &input) {
  int64_t depth = input.shape.empty() ? 1 : input.shape.back();
  return {elementCount(input.shape).value_or(0) / std::max<int64_t>(depth, 1), depth};
}

class FloatSoftmax final : public Kernel {
public:
  FloatSoftmax(Rows rows, float beta) : rows_(rows), beta_(beta) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0);
    float *output = t.output<float>(0);
    for (int64_t r = 0; r < rows_.count; ++r) {
      const float *in = input + r * rows_.depth;
      float *out = output + r * rows_.depth;
      float max = std::numeric_limits<float>::lowest();
      for (int64_t c = 0; c < rows_.depth; ++c)
        max = std::max(max, in[c]);
      float sum = 0.f;
      for (int64_t c = 0; c < rows_.depth; ++c) {
        out[c] = std::exp((in[c] - max) * beta_);
        sum += out[c];
      }
      for (int64_t c = 0; c < rows_.depth; ++c)
        out[c] /= sum;
    }
    return llvm::Error::success();
  }

private:
  Rows rows_;
  float beta_;
};

template <typename InT, typename OutT> class QuantizedSoftmax final : public Kernel {
public:
  QuantizedSoftmax(Rows rows, SoftmaxScaling scaling) : rows_(rows), scaling_(scaling) {}
  llvm::Error run(const TensorViews &t) const override {
    using runtime::FixedPoint;
    constexpr int kScaledDiffIntegerBits = 5, kAccumulationIntegerBits = 12;
    const InT *input = t.input<InT>(0);
    OutT *output = t.output<OutT>(0);
    auto scaledDiff = [&](int32_t diff) {
      return FixedPoint<kScaledDiffIntegerBits>::fromRaw(
          runtime::multiplyByQuantizedMultiplierGreaterThanOne(diff, scaling_.multiplier,
                                                               scaling_.leftShift));
    };
    for (int64_t r = 0; r < rows_.count; ++r) {
      const InT *in = input + r * rows_.depth;
      OutT *out = output + r * rows_.depth;
      InT max = std::numeric_limits<InT>::min();
      for (int64_t c = 0; c < rows_.depth; ++c)
        max = std::max(max, in[c]);
      FixedPoint<kAccumulationIntegerBits> sum = FixedPoint<kAccumulationIntegerBits>::zero();
      for (int64_t c = 0; c < rows_.depth; ++c) {
        int32_t diff = int32_t(in[c]) - max;
        if (diff >= scaling_.diffMin)
          sum = sum + runtime::rescale<kAccumulationIntegerBits>(
                          runtime::expOnNegativeValues(scaledDiff(diff)));
      }
      int bitsOverUnit = 0;
      const FixedPoint<0> shiftedScale = FixedPoint<0>::fromRaw(
          runtime::reciprocal(sum.raw, kAccumulationIntegerBits, &bitsOverUnit));
      const int exponent = bitsOverUnit + 31 - int(sizeof(OutT) * 8);
      for (int64_t c = 0; c < rows_.depth; ++c) {
        int32_t diff = int32_t(in[c]) - max;
        if (diff < scaling_.diffMin) {
          out[c] = std::numeric_limits<OutT>::min();
          continue;
        }
        const FixedPoint<0> exp = runtime::expOnNegativeValues(scaledDiff(diff));
        const int32_t unsaturated =
            runtime::roundingDivideByPOT((shiftedScale * exp).raw, exponent);
        out[c] = static_cast<OutT>(std::clamp<int32_t>(
            unsaturated + std::numeric_limits<OutT>::min(), std::numeric_limits<OutT>::min(),
            std::numeric_limits<OutT>::max()));
      }
    }
    return llvm::Error::success();
  }

private:
  Rows rows_;
  SoftmaxScaling scaling_;
};
} // namespace

llvm::Expected<KernelPtr> prepareSoftmax(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  const double beta = op.attrs.getFloat("beta").value_or(1.0);
  const Rows rows = rowsOf(input);
  if (input.type == ElementType::F32 && output.type == ElementType::F32)
    return std::make_unique<FloatSoftmax>(rows, float(beta));
  if (input.type == ElementType::I8 && softmaxScaling(beta, scaleOf(input)).leftShift < 0)
    return unsupported("int8 SOFTMAX whose input scale times beta is this small");
  if (input.type == ElementType::I8 && output.type == ElementType::I8) {
    if (zeroPointOf(output) != -128 || scaleOf(output) != 1.f / 256)
      return unsupported("int8 SOFTMAX output other than scale 1/256, zero point -128");
    return std::make_unique<QuantizedSoftmax<int8_t, int8_t>>(rows,
                                                              softmaxScaling(beta, scaleOf(input)));
  }
  if (input.type == ElementType::I8 && output.type == ElementType::I16) {
    if (zeroPointOf(output) != -32768)
      return unsupported("int16 SOFTMAX output with zero point other than -32768");
    return std::make_unique<QuantizedSoftmax<int8_t, int16_t>>(
        rows, softmaxScaling(beta, scaleOf(input)));
  }
  if (input.type == ElementType::U8 && output.type == ElementType::U8) {
    if (zeroPointOf(output) != 0 || scaleOf(output) != 1.f / 256)
      return unsupported("uint8 SOFTMAX output other than scale 1/256, zero point 0");
    if (softmaxScaling(beta, scaleOf(input)).leftShift < 0)
      return unsupported("uint8 SOFTMAX whose input scale times beta is this small");
    return std::make_unique<QuantizedSoftmax<uint8_t, uint8_t>>(
        rows, softmaxScaling(beta, scaleOf(input)));
  }
  return unsupported("SOFTMAX with types " + typeList(op));
}

} // namespace litec::ir::reference
