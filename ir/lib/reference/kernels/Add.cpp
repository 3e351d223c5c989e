// ADD with TFLite's broadcasting (any rank) and fused activation: float32, and int8 / uint8 /
// int16 the way TFLite's integer kernel adds: both inputs rescaled to a common scale with 20
// (int16: 15) bits of headroom, summed, then rescaled to the output. Quantised SUB is the same
// with the difference. int16 ADD and SUB with power-of-two scales (and pot_scale_int16 set)
// take TFLite's shift-only kernel instead.

#include "../KernelSupport.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace litec::ir::reference {

namespace {
struct BroadcastShapes {
  Shape lhs, rhs, out;
};

class FloatAdd final : public Kernel {
public:
  FloatAdd(BroadcastShapes shapes, FloatRange range) : shapes_(std::move(shapes)), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *a = t.input<float>(0), *b = t.input<float>(1);
    float *out = t.output<float>(0);
    forEachBroadcast(shapes_.lhs, shapes_.rhs, shapes_.out, [&](int64_t o, int64_t i, int64_t j) {
      out[o] = std::clamp(a[i] + b[j], range_.min, range_.max);
    });
    return llvm::Error::success();
  }

private:
  BroadcastShapes shapes_;
  FloatRange range_;
};

struct QuantizedAddParams {
  bool subtract;
  int32_t input1Offset, input2Offset, outputOffset;
  int leftShift;
  QuantizedMultiplier input1, input2, output;
  IntRange range;
};

template <typename T> class QuantizedAdd final : public Kernel {
public:
  QuantizedAdd(BroadcastShapes shapes, QuantizedAddParams p) : shapes_(std::move(shapes)), p_(p) {}
  llvm::Error run(const TensorViews &t) const override {
    const T *a = t.input<T>(0), *b = t.input<T>(1);
    T *out = t.output<T>(0);
    auto scaled = [&](int32_t value, int32_t offset, QuantizedMultiplier m) {
      const int32_t shifted = (value + offset) * (1 << p_.leftShift);
      return runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(shifted, m.multiplier,
                                                                     m.shift);
    };
    forEachBroadcast(shapes_.lhs, shapes_.rhs, shapes_.out, [&](int64_t o, int64_t i, int64_t j) {
      const int32_t first = scaled(a[i], p_.input1Offset, p_.input1);
      const int32_t second = scaled(b[j], p_.input2Offset, p_.input2);
      const int32_t sum = p_.subtract ? first - second : first + second;
      const int32_t result = runtime::multiplyByQuantizedMultiplierSmallerThanOneExp(
                                 sum, p_.output.multiplier, p_.output.shift) +
                             p_.outputOffset;
      out[o] = clampTo<T>(result, p_.range);
    });
    return llvm::Error::success();
  }

private:
  BroadcastShapes shapes_;
  QuantizedAddParams p_;
};
// TFLite's int16 ADD and SUB for power-of-two scales: the input on the output's scale is taken
// as it is, the other (on a finer scale) is shifted right with rounding, and the two are added
// or subtracted with int16 saturation.
class PowerOfTwoInt16Add final : public Kernel {
public:
  PowerOfTwoInt16Add(int64_t count, int rightShift, bool shiftFirst, bool subtract, IntRange range)
      : count_(count), rightShift_(rightShift), shiftFirst_(shiftFirst), subtract_(subtract),
        range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const int16_t *a = t.input<int16_t>(0), *b = t.input<int16_t>(1);
    int16_t *out = t.output<int16_t>(0);
    for (int64_t i = 0; i < count_; ++i) {
      const int32_t first = shiftFirst_ ? runtime::roundingDivideByPOT(a[i], rightShift_) : a[i];
      const int32_t second = shiftFirst_ ? b[i] : runtime::roundingDivideByPOT(b[i], rightShift_);
      const int32_t sum = subtract_ ? first - second : first + second;
      out[i] = clampTo<int16_t>(std::clamp(sum, int32_t(INT16_MIN), int32_t(INT16_MAX)), range_);
    }
    return llvm::Error::success();
  }

private:
  int64_t count_;
  int rightShift_;
  bool shiftFirst_, subtract_;
  IntRange range_;
};

// log2 of a scale when it is a power of two within TFLite's tolerance (1e-3 in the exponent).
std::optional<int> checkedLog2(float scale) {
  const float exponent = std::log(scale) * (1.0f / std::log(2.0f));
  const float rounded = std::round(exponent);
  if (!(std::abs(exponent - rounded) < 1e-3f))
    return std::nullopt;
  return int(rounded);
}

// shift1, shift2: log2 of each input's scale over the output's.
llvm::Expected<KernelPtr> preparePowerOfTwoInt16Add(const Op &op, int shift1, int shift2) {
  const Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  const std::string name(opKindInfo(op.kind).name);
  if (a.shape != b.shape || a.shape != out.shape)
    return unsupported("int16 " + name + " with power-of-two scales and broadcasting");
  if (shift1 > 0 || shift2 > 0 || (shift1 != 0 && shift2 != 0))
    return unsupported("int16 " + name +
                       " with power-of-two scales needs one input on the output's scale and the "
                       "other on a finer one");
  auto range = intRangeOf(op, out);
  if (!range)
    return range.takeError();
  const bool shiftFirst = shift1 != 0;
  return std::make_unique<PowerOfTwoInt16Add>(elementCount(out.shape).value_or(0),
                                              shiftFirst ? -shift1 : -shift2, shiftFirst,
                                              op.kind == OpKind::SUB, *range);
}
} // namespace

llvm::Expected<KernelPtr> prepareAdd(const Op &op) {
  const Value &a = *op.operands[0], &b = *op.operands[1], &out = *op.results[0];
  BroadcastShapes shapes{a.shape, b.shape, out.shape};
  if (a.type == ElementType::F32 && b.type == ElementType::F32 && out.type == ElementType::F32) {
    auto range = floatRangeOf(op);
    if (!range)
      return range.takeError();
    return std::make_unique<FloatAdd>(std::move(shapes), *range);
  }
  const bool int16 = a.type == ElementType::I16;
  if (a.type == b.type && a.type == out.type &&
      (a.type == ElementType::I8 || a.type == ElementType::U8 || int16)) {
    if (int16) {
      if (zeroPointOf(a) != 0 || zeroPointOf(b) != 0 || zeroPointOf(out) != 0)
        return unsupported("int16 " + std::string(opKindInfo(op.kind).name) +
                           " with a non-zero zero point");
      // pot_scale_int16 (true unless the converter cleared it) with power-of-two scales selects
      // TFLite's older shift-only kernel.
      std::optional<int> log2A = checkedLog2(scaleOf(a)), log2B = checkedLog2(scaleOf(b)),
                         log2Out = checkedLog2(scaleOf(out));
      if (op.attrs.getBool("pot_scale_int16").value_or(true) && log2A && log2B && log2Out) {
        return preparePowerOfTwoInt16Add(op, *log2A - *log2Out, *log2B - *log2Out);
      }
    }
    QuantizedAddParams p{};
    p.subtract = op.kind == OpKind::SUB;
    p.input1Offset = -zeroPointOf(a);
    p.input2Offset = -zeroPointOf(b);
    p.outputOffset = zeroPointOf(out);
    // Headroom for the rescaled inputs: 20 bits above an 8-bit value, 15 above a 16-bit one.
    p.leftShift = int16 ? 15 : 20;
    const double twiceMaxInputScale = 2 * double(std::max(scaleOf(a), scaleOf(b)));
    p.input1 = quantizeMultiplier(double(scaleOf(a)) / twiceMaxInputScale);
    p.input2 = quantizeMultiplier(double(scaleOf(b)) / twiceMaxInputScale);
    p.output =
        quantizeMultiplier(twiceMaxInputScale / (double(1 << p.leftShift) * double(scaleOf(out))));
    if (p.input1.shift > 0 || p.input2.shift > 0 || p.output.shift > 0)
      return unsupported("quantised ADD whose rescaling multipliers exceed one");
    auto range = intRangeOf(op, out);
    if (!range)
      return range.takeError();
    p.range = *range;
    if (a.type == ElementType::U8)
      return std::make_unique<QuantizedAdd<uint8_t>>(std::move(shapes), p);
    if (int16)
      return std::make_unique<QuantizedAdd<int16_t>>(std::move(shapes), p);
    return std::make_unique<QuantizedAdd<int8_t>>(std::move(shapes), p);
  }
  return unsupported(std::string(opKindInfo(op.kind).name) + " with types " + typeList(op));
}

} // namespace litec::ir::reference
