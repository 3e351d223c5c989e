// int8 and uint8 RELU, RELU6 and RELU_N1_TO_1 (a rescale to the output and a clamp), and int8
// LOGISTIC and TANH as TFLite's integer kernels compute them: the input rescaled into
// Q4.27, gemmlowp's fixed-point logistic or tanh, rounded to the fixed output quantisation
// (LOGISTIC: scale 1/256, zero point -128; TANH: scale 1/128, zero point 0). Inputs beyond
// the representable radius saturate. int8 LEAKY_RELU: x - zero point rescaled by the identity
// or the alpha multiplier. int8 / uint8 HARD_SWISH: TFLite's 16-bit fixed-point evaluation
// (input on a 2^-7 finer scale, a "reluish" factor in [0, 1] on the scale 3/32768, a truncating
// final product), whose rounding is part of the result. int16 LOGISTIC and TANH: TFLite's table
// interpolation (runtime/Int16Activations.h), the input brought to the table's scale by a
// power-of-two shift or a 15-bit multiplier.

#include "../KernelSupport.h"

#include "litec/runtime/Int16Activations.h"
#include "litec/runtime/QuantizedActivations.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace litec::ir::reference {

namespace {
class Int8Sigmoidal final : public Kernel {
public:
  Int8Sigmoidal(int64_t count, runtime::SigmoidalRescale r, bool isTanh)
      : count_(count), r_(r), isTanh_(isTanh) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *in = t.input<int8_t>(0);
    int8_t *out = t.output<int8_t>(0);
    for (int64_t i = 0; i < count_; ++i)
      out[i] = isTanh_ ? runtime::int8Sigmoidal<true>(in[i], r_)
                       : runtime::int8Sigmoidal<false>(in[i], r_);
    return llvm::Error::success();
  }

private:
  int64_t count_;
  runtime::SigmoidalRescale r_;
  bool isTanh_;
};

class Int16Sigmoidal final : public Kernel {
public:
  Int16Sigmoidal(int64_t count, runtime::Int16SigmoidalScaling scaling, bool isTanh)
      : count_(count), scaling_(scaling), isTanh_(isTanh) {}
  llvm::Error run(const TensorViews &t) const override {
    const int16_t *in = t.input<int16_t>(0);
    int16_t *out = t.output<int16_t>(0);
    for (int64_t i = 0; i < count_; ++i)
      out[i] =
          isTanh_ ? runtime::tanhInt16(in[i], scaling_) : runtime::logisticInt16(in[i], scaling_);
    return llvm::Error::success();
  }

private:
  int64_t count_;
  runtime::Int16SigmoidalScaling scaling_;
  bool isTanh_;
};

class Int8LeakyRelu final : public Kernel {
public:
  Int8LeakyRelu(int64_t count, int32_t inputZeroPoint, int32_t outputZeroPoint,
                QuantizedMultiplier identity, QuantizedMultiplier alpha)
      : count_(count), inputZeroPoint_(inputZeroPoint), outputZeroPoint_(outputZeroPoint),
        identity_(identity), alpha_(alpha) {}
  llvm::Error run(const TensorViews &t) const override {
    const int8_t *in = t.input<int8_t>(0);
    int8_t *out = t.output<int8_t>(0);
    for (int64_t i = 0; i < count_; ++i) {
      const int32_t x = int32_t(in[i]) - inputZeroPoint_;
      const QuantizedMultiplier &m = x >= 0 ? identity_ : alpha_;
      const int32_t value =
          outputZeroPoint_ + runtime::multiplyByQuantizedMultiplier(x, m.multiplier, m.shift);
      out[i] = static_cast<int8_t>(std::clamp(value, -128, 127));
    }
    return llvm::Error::success();
  }

private:
  int64_t count_;
  int32_t inputZeroPoint_, outputZeroPoint_;
  QuantizedMultiplier identity_, alpha_;
};
template <typename T> class QuantizedHardSwish final : public Kernel {
public:
  QuantizedHardSwish(int64_t count, runtime::HardSwishRescale p) : count_(count), p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *in = t.input<T>(0);
    T *out = t.output<T>(0);
    for (int64_t i = 0; i < count_; ++i)
      out[i] = runtime::hardSwish<T>(in[i], p_);
    return llvm::Error::success();
  }

private:
  int64_t count_;
  runtime::HardSwishRescale p_;
};

// RELU, RELU6, RELU_N1_TO_1 on int8 / uint8: rescale to the output, then clamp to the bounds.
template <typename T> class QuantizedRelu final : public Kernel {
public:
  QuantizedRelu(int64_t count, int32_t inputZeroPoint, int32_t outputZeroPoint,
                QuantizedMultiplier m, IntRange range)
      : count_(count), inputZeroPoint_(inputZeroPoint), outputZeroPoint_(outputZeroPoint), m_(m),
        range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *in = t.input<T>(0);
    T *out = t.output<T>(0);
    for (int64_t i = 0; i < count_; ++i)
      out[i] = clampTo<T>(outputZeroPoint_ +
                              runtime::multiplyByQuantizedMultiplier(
                                  int32_t(in[i]) - inputZeroPoint_, m_.multiplier, m_.shift),
                          range_);
    return llvm::Error::success();
  }

private:
  int64_t count_;
  int32_t inputZeroPoint_, outputZeroPoint_;
  QuantizedMultiplier m_;
  IntRange range_;
};
} // namespace

llvm::Expected<KernelPtr> prepareQuantizedRelu(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  const std::string name(opKindInfo(op.kind).name);
  if (input.type != output.type || (input.type != ElementType::I8 && input.type != ElementType::U8))
    return unsupported(name + " with types " + typeList(op));
  if (auto error = requireQuantized(input, "input"))
    return error;
  if (auto error = requireQuantized(output, "output"))
    return error;
  IntRange range{};
  quantizedActivationRange(name, scaleOf(output), zeroPointOf(output), output.type, &range);
  const QuantizedMultiplier m =
      quantizeMultiplier(double(scaleOf(input)) / double(scaleOf(output)));
  const int64_t count = elementCount(input.shape).value_or(0);
  if (input.type == ElementType::U8)
    return std::make_unique<QuantizedRelu<uint8_t>>(count, zeroPointOf(input), zeroPointOf(output),
                                                    m, range);
  return std::make_unique<QuantizedRelu<int8_t>>(count, zeroPointOf(input), zeroPointOf(output), m,
                                                 range);
}

namespace {
llvm::Expected<KernelPtr> prepareInt16Sigmoidal(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  const bool isTanh = op.kind == OpKind::TANH;
  if (auto error = requireQuantized(input, "input"))
    return error;
  if (auto error = requireQuantized(output, "output"))
    return error;
  int outputPower = 0;
  if (zeroPointOf(input) != 0 || zeroPointOf(output) != 0 ||
      !isPowerOfTwo(double(scaleOf(output)), &outputPower) || outputPower != -15)
    return unsupported(std::string(opKindInfo(op.kind).name) +
                       " int16 with zero points or an output scale other than 2^-15");
  const std::optional<Int16SigmoidalRescaling> r = int16SigmoidalRescaling(scaleOf(input), isTanh);
  if (!r)
    return unsupported(fmt::format("int16 {} with input scale {} (above TFLite's 15-bit range)",
                                   isTanh ? "TANH" : "LOGISTIC", scaleOf(input)));
  return std::make_unique<Int16Sigmoidal>(
      elementCount(input.shape).value_or(0),
      runtime::Int16SigmoidalScaling{r->multiplier, r->leftShift}, isTanh);
}
} // namespace

llvm::Expected<KernelPtr> prepareIntegerActivation(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  const std::string name(opKindInfo(op.kind).name);
  if (input.type == ElementType::I16 && output.type == ElementType::I16 &&
      op.kind != OpKind::LEAKY_RELU)
    return prepareInt16Sigmoidal(op);
  if (input.type != ElementType::I8 || output.type != ElementType::I8)
    return unsupported(name + " with types " + typeList(op));
  if (auto error = requireQuantized(input, "input"))
    return error;
  if (auto error = requireQuantized(output, "output"))
    return error;
  const int64_t count = elementCount(input.shape).value_or(0);
  if (op.kind == OpKind::LEAKY_RELU) {
    const double alpha = op.attrs.getFloat("alpha").value_or(0);
    return std::make_unique<Int8LeakyRelu>(
        count, zeroPointOf(input), zeroPointOf(output),
        quantizeMultiplier(double(scaleOf(input)) / double(scaleOf(output))),
        quantizeMultiplier(double(scaleOf(input)) * double(float(alpha)) /
                           double(scaleOf(output))));
  }
  const bool isTanh = op.kind == OpKind::TANH;
  if (isTanh ? (zeroPointOf(output) != 0 || scaleOf(output) != 1.f / 128)
             : (zeroPointOf(output) != -128 || scaleOf(output) != 1.f / 256))
    return unsupported(name + " int8 output other than TFLite's fixed scale and zero point");
  const SigmoidalRescaling r = int8SigmoidalRescaling(scaleOf(input));
  return std::make_unique<Int8Sigmoidal>(
      count, runtime::SigmoidalRescale{zeroPointOf(input), r.multiplier, r.leftShift, r.radius},
      isTanh);
}

llvm::Expected<KernelPtr> prepareQuantizedHardSwish(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (input.type != output.type || (input.type != ElementType::I8 && input.type != ElementType::U8))
    return unsupported("HARD_SWISH with types " + typeList(op));
  if (auto error = requireQuantized(input, "input"))
    return error;
  if (auto error = requireQuantized(output, "output"))
    return error;
  const std::optional<HardSwishRescaling> r = hardSwishRescaling(scaleOf(input), scaleOf(output));
  if (!r)
    return unsupported("HARD_SWISH whose input scale exceeds 128 times the output scale");
  const runtime::HardSwishRescale p{zeroPointOf(input),   zeroPointOf(output), r->outputMultiplier,
                                    r->reluishMultiplier, r->outputExponent,   r->reluishExponent};
  const int64_t count = elementCount(input.shape).value_or(0);
  if (input.type == ElementType::U8)
    return std::make_unique<QuantizedHardSwish<uint8_t>>(count, p);
  return std::make_unique<QuantizedHardSwish<int8_t>>(count, p);
}

} // namespace litec::ir::reference
