// ADD with TFLite's broadcasting (any rank) and fused activation: float32, and int8 / uint8 /
// int16 the way TFLite's integer kernel adds: both inputs rescaled to a common scale with 20
// (int16: 15) bits of headroom, summed, then rescaled to the output. Quantised SUB is the same
// with the difference.

#include "../KernelSupport.h"

#include <cmath>

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
      // TFLite's older shift-only kernel, which this interpreter does not have.
      auto isPowerOfTwo = [](float scale) {
        int exponent = 0;
        return std::frexp(scale, &exponent) == 0.5f;
      };
      if (op.attrs.getBool("pot_scale_int16").value_or(true) && isPowerOfTwo(scaleOf(a)) &&
          isPowerOfTwo(scaleOf(b)) && isPowerOfTwo(scaleOf(out)))
        return unsupported("int16 " + std::string(opKindInfo(op.kind).name) +
                           " with power-of-two scales (TFLite's shift-only kernel)");
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
