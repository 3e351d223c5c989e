#include "litec/ir/QuantizationMath.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace litec::ir {

QuantizedMultiplier quantizeMultiplier(double realMultiplier) {
  if (realMultiplier == 0.0 || !std::isfinite(realMultiplier))
    return {0, 0};
  int shift = 0;
  const double fraction = std::frexp(realMultiplier, &shift);
  int64_t fixed = static_cast<int64_t>(std::round(fraction * double(int64_t(1) << 31)));
  if (fixed == (int64_t(1) << 31)) {
    fixed /= 2;
    ++shift;
  }
  if (shift < -31)
    return {0, 0};
  return {static_cast<int32_t>(fixed), shift};
}

int32_t integerMin(ElementType type) {
  switch (type) {
  case ElementType::I8:
    return std::numeric_limits<int8_t>::min();
  case ElementType::U8:
    return 0;
  case ElementType::I16:
    return std::numeric_limits<int16_t>::min();
  default:
    return std::numeric_limits<int32_t>::min();
  }
}

int32_t integerMax(ElementType type) {
  switch (type) {
  case ElementType::I8:
    return std::numeric_limits<int8_t>::max();
  case ElementType::U8:
    return std::numeric_limits<uint8_t>::max();
  case ElementType::I16:
    return std::numeric_limits<int16_t>::max();
  default:
    return std::numeric_limits<int32_t>::max();
  }
}

bool quantizedActivationRange(std::string_view activation, float scale, int32_t zeroPoint,
                              ElementType type, IntRange *range) {
  FloatRange bounds;
  if (!floatActivationRange(activation, &bounds))
    return false;
  const int32_t qmin = integerMin(type), qmax = integerMax(type);
  // TFLite quantises the finite bounds in float: zero_point + round(f / scale).
  auto quantize = [&](float f) { return zeroPoint + static_cast<int32_t>(std::round(f / scale)); };
  *range = {std::isinf(bounds.min) ? qmin : std::max(qmin, quantize(bounds.min)),
            std::isinf(bounds.max) ? qmax : std::min(qmax, quantize(bounds.max))};
  return true;
}

bool floatActivationRange(std::string_view activation, FloatRange *range) {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  if (activation == "NONE")
    *range = {-kInf, kInf};
  else if (activation == "RELU")
    *range = {0.f, kInf};
  else if (activation == "RELU6")
    *range = {0.f, 6.f};
  else if (activation == "RELU_N1_TO_1")
    *range = {-1.f, 1.f};
  else if (activation == "RELU_0_TO_1") // the op only; no fused slot has this value
    *range = {0.f, 1.f};
  else
    return false;
  return true;
}

SoftmaxScaling softmaxScaling(double beta, double inputScale) {
  constexpr int kScaledDiffIntegerBits = 5;
  // The input difference is scaled into Q5.26; cap the multiplier below 2^31.
  const double real =
      std::min(beta * inputScale * double(int64_t(1) << (31 - kScaledDiffIntegerBits)),
               double((int64_t(1) << 31) - 1));
  QuantizedMultiplier q = quantizeMultiplier(real);
  // The largest input difference whose rescaled value still fits: (2^5 - 1) * 2^26 / 2^shift.
  // (A negative shift, beta * scale below 2^-26, is computed without UB here; the kernels refuse
  // it, as TFLite's does.)
  const double maxInputRescaled =
      std::ldexp(double((1 << kScaledDiffIntegerBits) - 1), 31 - kScaledDiffIntegerBits - q.shift);
  return {q.multiplier, q.shift,
          -static_cast<int32_t>(std::min(std::floor(maxInputRescaled), double(INT32_MAX)))};
}

Int16LookupTable int16LookupTable(double (*f)(double), double min, double max) {
  constexpr int kSteps = 512;
  constexpr double kScale = 32768.0; // Q0.15: 65536 levels over the output range [-1, 1]
  auto clampToInt16 = [](double v) { return int16_t(std::clamp(v, -32768.0, 32767.0)); };
  const double step = (max - min) / kSteps;
  Int16LookupTable table{};
  for (int i = 0; i < kSteps; ++i) {
    const double value = f(min + i * step), next = f(min + (i + 1) * step);
    const double midpoint = f(min + i * step + step / 2);
    const double sample = std::round(value * kScale);
    const double interpolated = std::round((next * kScale + sample) / 2);
    const double bias = std::round((interpolated - std::round(midpoint * kScale)) / 2);
    table[size_t(i)] = clampToInt16(sample - bias);
  }
  table[kSteps] = clampToInt16(std::round(f(max) * kScale));
  return table;
}

Int16SoftmaxParameters int16SoftmaxParameters(float beta, float inputScale) {
  Int16SoftmaxParameters p;
  p.exp = int16LookupTable([](double x) { return std::exp(x); }, -10.0, 0.0);
  p.oneOverOnePlusX = int16LookupTable([](double x) { return 1.0 / (1.0 + x); }, 0.0, 1.0);
  // TFLite multiplies the scale by beta in float before widening.
  p.inputScale = quantizeMultiplier(double(inputScale * beta) / (10.0 / 65535.0));
  return p;
}

std::optional<IntegerLstmRescaling> integerLstmRescaling(float inputScale, float hiddenScale,
                                                         float cellScale,
                                                         const float (&inputWeightScales)[4],
                                                         const float (&recurrentWeightScales)[4],
                                                         float cellClip) {
  constexpr double kGateInputScale = 1.0 / 4096.0, kGateOutputScale = 1.0 / 32768.0;
  const double log2Scale = std::log2(double(cellScale));
  const double power = std::round(log2Scale);
  if (!(std::abs(log2Scale - power) < 1e-3) || power < -30 || power > 0)
    return std::nullopt;
  IntegerLstmRescaling r;
  for (int gate = 0; gate < 4; ++gate) {
    r.inputToGate[gate] =
        quantizeMultiplier(double(inputScale) * double(inputWeightScales[gate]) / kGateInputScale);
    r.recurrentToGate[gate] = quantizeMultiplier(
        double(hiddenScale) * double(recurrentWeightScales[gate]) / kGateInputScale);
  }
  r.forgetTimesCell = quantizeMultiplier(kGateOutputScale * double(cellScale) / double(cellScale));
  r.inputTimesCellGate =
      quantizeMultiplier(kGateOutputScale * kGateOutputScale / double(cellScale));
  r.tanhCellTimesOutput =
      quantizeMultiplier(kGateOutputScale * kGateOutputScale / double(hiddenScale));
  // tanh's table wants the input on the scale 2^-12 / 3.
  const int tanhLeftShift = 15 + int(power) - 3;
  r.cellTanhMultiplier = tanhLeftShift >= 0 ? 0 : 3;
  r.cellTanhShift = tanhLeftShift >= 0 ? tanhLeftShift : -tanhLeftShift;
  if (cellClip > 0)
    r.cellClip = int16_t(std::clamp(double(cellClip) / double(cellScale), -32768.0, 32767.0));
  return r;
}

SigmoidalRescaling int8SigmoidalRescaling(float inputScale) {
  constexpr int kInputIntegerBits = 4;
  int leftShift = 0;
  const double fraction =
      std::frexp(double(inputScale) * double(1 << (31 - kInputIntegerBits)), &leftShift);
  const double multiplier =
      std::min(std::round(fraction * double(int64_t(1) << 31)), double(INT32_MAX));
  // The largest |input| whose rescaled value fits Q4.27: (2^4 - 1) * 2^27 / 2^leftShift.
  const double radius =
      std::ldexp(double((1 << kInputIntegerBits) - 1), 31 - kInputIntegerBits - leftShift);
  return {int32_t(multiplier), leftShift, int32_t(std::min(std::floor(radius), double(INT32_MAX)))};
}

std::optional<int> checkedLog2(float scale) {
  // In float, as TFLite's CheckedLog2 computes it.
  const float exponent = std::log(scale) * (1.0f / std::log(2.0f));
  const float rounded = std::round(exponent);
  if (!(std::abs(exponent - rounded) < 1e-3f))
    return std::nullopt;
  return int(rounded);
}

std::optional<Int16SigmoidalRescaling> int16SigmoidalRescaling(float inputScale, bool isTanh) {
  const double scale = double(inputScale);
  const std::optional<int> log2 = checkedLog2(inputScale);
  const bool powerOfTwo = log2.has_value();
  const int power = log2.value_or(0);
  const int leftShift = 12 + power;
  if (powerOfTwo && (leftShift == 0 || (isTanh && leftShift == 1)))
    return Int16SigmoidalRescaling{0, leftShift};
  double multiplier = scale * 4096.0 * 3.0;
  int shift = 0;
  while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    multiplier *= 2.0;
  }
  if (multiplier > 32767.0)
    return std::nullopt;
  return Int16SigmoidalRescaling{int32_t(multiplier), shift};
}

namespace {
// A Q31 multiplier rounded to Q15, saturating where rounding would overflow.
int16_t toQ15Multiplier(int32_t q31) {
  constexpr int32_t kRoundingOffset = 1 << 15;
  if (q31 >= INT32_MAX - kRoundingOffset)
    return INT16_MAX;
  return int16_t((q31 + kRoundingOffset) >> 16);
}
} // namespace

std::optional<HardSwishRescaling> hardSwishRescaling(float inputScale, float outputScale) {
  // TFLite forms these ratios in float before widening them.
  const float hiresInputScale = (1.0f / 128.0f) * inputScale;
  const float reluishScale = 3.0f / 32768.0f;
  const QuantizedMultiplier output = quantizeMultiplier(double(hiresInputScale / outputScale));
  const QuantizedMultiplier reluish = quantizeMultiplier(double(hiresInputScale / reluishScale));
  if (output.shift > 0)
    return std::nullopt;
  return HardSwishRescaling{toQ15Multiplier(output.multiplier), toQ15Multiplier(reluish.multiplier),
                            output.shift, reluish.shift};
}

} // namespace litec::ir
