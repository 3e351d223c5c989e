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

#include <algorithm>
#include <cmath>
#include <limits>

namespace litec::ir::reference {

namespace {
constexpr int kInputIntegerBits = 4;

struct Q4Rescale {
  int32_t inputZeroPoint, multiplier, leftShift, radius;
};

Q4Rescale q4RescaleOf(const Value &input) {
  int leftShift = 0;
  const double fraction =
      std::frexp(double(scaleOf(input)) * double(1 << (31 - kInputIntegerBits)), &leftShift);
  const double multiplier =
      std::min(std::round(fraction * double(int64_t(1) << 31)), double(INT32_MAX));
  // The largest |input| whose rescaled value fits Q4.27: (2^4 - 1) * 2^27 / 2^leftShift.
  const double radius =
      std::ldexp(double((1 << kInputIntegerBits) - 1), 31 - kInputIntegerBits - leftShift);
  return {zeroPointOf(input), int32_t(multiplier), leftShift,
          int32_t(std::min(std::floor(radius), double(INT32_MAX)))};
}

class Int8Sigmoidal final : public Kernel {
public:
  Int8Sigmoidal(int64_t count, Q4Rescale r, bool isTanh) : count_(count), r_(r), isTanh_(isTanh) {}
  llvm::Error run(const TensorViews &t) const override {
    using runtime::FixedPoint;
    const int8_t *in = t.input<int8_t>(0);
    int8_t *out = t.output<int8_t>(0);
    for (int64_t i = 0; i < count_; ++i) {
      const int32_t x = int32_t(in[i]) - r_.inputZeroPoint;
      if (x <= -r_.radius) {
        out[i] = -128;
        continue;
      }
      if (x >= r_.radius) {
        out[i] = 127;
        continue;
      }
      const auto q4 = FixedPoint<kInputIntegerBits>::fromRaw(
          runtime::multiplyByQuantizedMultiplier(x, r_.multiplier, r_.leftShift));
      int32_t value;
      if (isTanh_) {
        // Q0.31 to the output's 1/128 steps.
        value = runtime::roundingDivideByPOT(runtime::tanh(q4).raw, 31 - 7);
      } else {
        // Q0.31 to 1/256 steps, then to the zero point -128.
        value = runtime::roundingDivideByPOT(runtime::logistic(q4).raw, 31 - 8) - 128;
      }
      out[i] = static_cast<int8_t>(std::clamp(value, -128, 127));
    }
    return llvm::Error::success();
  }

private:
  int64_t count_;
  Q4Rescale r_;
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

// Whether `scale` is 2^power (to within TFLite's tolerance of 1e-3 in the exponent).
bool isPowerOfTwo(double scale, int *power) {
  const double exponent = std::log2(scale);
  *power = int(std::round(exponent));
  return std::abs(exponent - *power) < 1e-3;
}

// How TFLite brings an int16 input to the table's scale 1/(3 * 4096): a shift when the input
// scale is 2^-12 (or 2^-11 for TANH), else the largest multiplier below 2^15 with a shift.
llvm::Expected<runtime::Int16SigmoidalScaling> int16SigmoidalScaling(const Value &input,
                                                                     bool isTanh) {
  const double scale = double(scaleOf(input));
  int power = 0;
  const bool powerOfTwo = isPowerOfTwo(scale, &power);
  const int leftShift = 12 + power;
  if (powerOfTwo && (leftShift == 0 || (isTanh && leftShift == 1)))
    return runtime::Int16SigmoidalScaling{0, leftShift};
  double multiplier = scale * 4096.0 * 3.0;
  int shift = 0;
  while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    multiplier *= 2.0;
  }
  if (multiplier > 32767.0)
    return unsupported(fmt::format("int16 {} with input scale {} (above TFLite's 15-bit range)",
                                   isTanh ? "TANH" : "LOGISTIC", scale));
  return runtime::Int16SigmoidalScaling{int32_t(multiplier), shift};
}

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
// The int16 arithmetic of TFLite's quantised HARD_SWISH.
int16_t saturatingRoundingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN)
    return INT16_MAX;
  const int32_t product = int32_t(a) * int32_t(b);
  const int32_t nudge = product >= 0 ? (1 << 14) : (1 - (1 << 14));
  return int16_t((product + nudge) / (1 << 15));
}
// Truncating: rounding here would bias the product (TFLite measured the accuracy cost).
int16_t saturatingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN)
    return INT16_MAX;
  return int16_t((int32_t(a) * int32_t(b)) / (1 << 15));
}
int16_t saturatingLeftShift16(int16_t x, int shift) {
  return int16_t(
      std::clamp(int32_t(x) * (int32_t(1) << shift), int32_t(INT16_MIN), int32_t(INT16_MAX)));
}
// A Q31 multiplier rounded to Q15, saturating where rounding would overflow.
int16_t toQ15Multiplier(int32_t q31) {
  constexpr int32_t kRoundingOffset = 1 << 15;
  if (q31 >= INT32_MAX - kRoundingOffset)
    return INT16_MAX;
  return int16_t((q31 + kRoundingOffset) >> 16);
}

struct HardSwishParams {
  int32_t inputZeroPoint, outputZeroPoint;
  int16_t outputMultiplier, reluishMultiplier;
  int outputExponent, reluishExponent;
};

template <typename T> class QuantizedHardSwish final : public Kernel {
public:
  QuantizedHardSwish(int64_t count, HardSwishParams p) : count_(count), p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *in = t.input<T>(0);
    T *out = t.output<T>(0);
    for (int64_t i = 0; i < count_; ++i)
      out[i] = evaluate(in[i]);
    return llvm::Error::success();
  }

private:
  T evaluate(T x) const {
    const auto hires = int16_t((int32_t(x) - p_.inputZeroPoint) * (1 << 7));
    const int16_t onPreshiftOutputScale =
        saturatingRoundingDoublingHighMul16(hires, p_.outputMultiplier);
    // The reluish factor: hires rescaled to [-1, 1] in Q0.15 (3 maps to 1), the shift split
    // around the multiply so that only the last bit of it can saturate.
    int16_t reluish = hires;
    if (p_.reluishExponent > 0)
      reluish = saturatingLeftShift16(reluish, p_.reluishExponent - 1);
    reluish = saturatingRoundingDoublingHighMul16(reluish, p_.reluishMultiplier);
    if (p_.reluishExponent > 0)
      reluish = saturatingLeftShift16(reluish, 1);
    if (p_.reluishExponent < 0)
      reluish = int16_t(runtime::roundingDivideByPOT(reluish, -p_.reluishExponent));
    // [-1, 1] to [0, 1].
    reluish = int16_t((int32_t(reluish) + (1 << 15)) >> 1);
    const int16_t preshift = saturatingDoublingHighMul16(reluish, onPreshiftOutputScale);
    const int32_t value =
        runtime::roundingDivideByPOT(preshift, -p_.outputExponent) + p_.outputZeroPoint;
    return static_cast<T>(std::clamp(value, int32_t(std::numeric_limits<T>::min()),
                                     int32_t(std::numeric_limits<T>::max())));
  }

  int64_t count_;
  HardSwishParams p_;
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
  auto scaling = int16SigmoidalScaling(input, isTanh);
  if (!scaling)
    return scaling.takeError();
  return std::make_unique<Int16Sigmoidal>(elementCount(input.shape).value_or(0), *scaling, isTanh);
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
  return std::make_unique<Int8Sigmoidal>(count, q4RescaleOf(input), isTanh);
}

llvm::Expected<KernelPtr> prepareQuantizedHardSwish(const Op &op) {
  const Value &input = *op.operands[0], &output = *op.results[0];
  if (input.type != output.type || (input.type != ElementType::I8 && input.type != ElementType::U8))
    return unsupported("HARD_SWISH with types " + typeList(op));
  if (auto error = requireQuantized(input, "input"))
    return error;
  if (auto error = requireQuantized(output, "output"))
    return error;
  // TFLite forms these ratios in float before widening them.
  const float hiresInputScale = (1.0f / 128.0f) * scaleOf(input);
  const float reluishScale = 3.0f / 32768.0f;
  const QuantizedMultiplier outputM = quantizeMultiplier(double(hiresInputScale / scaleOf(output)));
  const QuantizedMultiplier reluishM = quantizeMultiplier(double(hiresInputScale / reluishScale));
  if (outputM.shift > 0)
    return unsupported("HARD_SWISH whose input scale exceeds 128 times the output scale");
  const HardSwishParams p{zeroPointOf(input),
                          zeroPointOf(output),
                          toQ15Multiplier(outputM.multiplier),
                          toQ15Multiplier(reluishM.multiplier),
                          outputM.shift,
                          reluishM.shift};
  const int64_t count = elementCount(input.shape).value_or(0);
  if (input.type == ElementType::U8)
    return std::make_unique<QuantizedHardSwish<uint8_t>>(count, p);
  return std::make_unique<QuantizedHardSwish<int8_t>>(count, p);
}

} // namespace litec::ir::reference
