// QUANTIZE and DEQUANTIZE (litec/ir/ops/Quantization.h).

#include "litec/ir/ops/Quantization.h"
#include "../KernelSupport.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace litec::ir::reference {

namespace {
template <typename Q> class QuantizeKernel final : public Kernel {
public:
  QuantizeKernel(int64_t count, float scale, int32_t zeroPoint, IntRange range)
      : count_(count), scale_(scale), zeroPoint_(zeroPoint), range_(range) {}
  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0);
    Q *output = t.output<Q>(0);
    for (int64_t i = 0; i < count_; ++i) {
      // round(x / scale) in float as TFLite, clamped before the conversion to stay defined.
      const double q = double(std::round(input[i] / scale_)) + zeroPoint_;
      output[i] = std::isnan(q)
                      ? Q(zeroPoint_)
                      : clampTo<Q>(int32_t(std::clamp(q, -2147483648.0, 2147483647.0)), range_);
    }
    return llvm::Error::success();
  }

private:
  int64_t count_;
  float scale_;
  int32_t zeroPoint_;
  IntRange range_;
};

// Integer to integer: (q - input zero point) rescaled by input_scale / output_scale, plus the
// output zero point, clamped.
template <typename In, typename Out> class RequantizeKernel final : public Kernel {
public:
  RequantizeKernel(int64_t count, QuantizedMultiplier m, int32_t inZeroPoint, int32_t outZeroPoint)
      : count_(count), m_(m), inZeroPoint_(inZeroPoint), outZeroPoint_(outZeroPoint) {}
  llvm::Error run(const TensorViews &t) const override {
    const In *input = t.input<In>(0);
    Out *output = t.output<Out>(0);
    for (int64_t i = 0; i < count_; ++i) {
      const int32_t value = runtime::multiplyByQuantizedMultiplier(int32_t(input[i]) - inZeroPoint_,
                                                                   m_.multiplier, m_.shift) +
                            outZeroPoint_;
      output[i] = static_cast<Out>(std::clamp<int64_t>(value, std::numeric_limits<Out>::min(),
                                                       std::numeric_limits<Out>::max()));
    }
    return llvm::Error::success();
  }

private:
  int64_t count_;
  QuantizedMultiplier m_;
  int32_t inZeroPoint_, outZeroPoint_;
};

template <typename In>
llvm::Expected<KernelPtr> makeRequantize(const ops::PreparedQuantization &prepared) {
  const ops::QuantizationParams &p = prepared.params;
  const int32_t zi = p.inputZeroPoint, zo = p.outputZeroPoint;
  switch (prepared.outputType) {
  case ElementType::I8:
    return std::make_unique<RequantizeKernel<In, int8_t>>(p.count, p.rescale, zi, zo);
  case ElementType::U8:
    return std::make_unique<RequantizeKernel<In, uint8_t>>(p.count, p.rescale, zi, zo);
  case ElementType::I16:
    return std::make_unique<RequantizeKernel<In, int16_t>>(p.count, p.rescale, zi, zo);
  default:
    return std::make_unique<RequantizeKernel<In, int32_t>>(p.count, p.rescale, zi, zo);
  }
}

template <typename Q> class DequantizeKernel final : public Kernel {
public:
  DequantizeKernel(int64_t count, double scale, int32_t zeroPoint)
      : count_(count), scale_(scale), zeroPoint_(zeroPoint) {}
  llvm::Error run(const TensorViews &t) const override {
    const Q *input = t.input<Q>(0);
    float *output = t.output<float>(0);
    for (int64_t i = 0; i < count_; ++i)
      output[i] = static_cast<float>(scale_ * (int32_t(input[i]) - zeroPoint_));
    return llvm::Error::success();
  }

private:
  int64_t count_;
  double scale_;
  int32_t zeroPoint_;
};

class HalfToFloatKernel final : public Kernel {
public:
  explicit HalfToFloatKernel(int64_t count) : count_(count) {}
  llvm::Error run(const TensorViews &t) const override {
    const uint16_t *input = t.input<uint16_t>(0);
    float *output = t.output<float>(0);
    for (int64_t i = 0; i < count_; ++i)
      output[i] = halfToFloat(input[i]);
    return llvm::Error::success();
  }

private:
  int64_t count_;
};
} // namespace

namespace {
llvm::Expected<KernelPtr> makeQuantize(const ops::PreparedQuantization &prepared) {
  const ops::QuantizationParams &p = prepared.params;
  if (prepared.kind == ops::QuantizationKind::Quantize) {
    const IntRange range{integerMin(prepared.outputType), integerMax(prepared.outputType)};
    switch (prepared.outputType) {
    case ElementType::U8:
      return std::make_unique<QuantizeKernel<uint8_t>>(p.count, p.scale, p.zeroPoint, range);
    case ElementType::I16:
      return std::make_unique<QuantizeKernel<int16_t>>(p.count, p.scale, p.zeroPoint, range);
    default:
      return std::make_unique<QuantizeKernel<int8_t>>(p.count, p.scale, p.zeroPoint, range);
    }
  }
  switch (prepared.inputType) {
  case ElementType::U8:
    return makeRequantize<uint8_t>(prepared);
  case ElementType::I16:
    return makeRequantize<int16_t>(prepared);
  default:
    return makeRequantize<int8_t>(prepared);
  }
}

llvm::Expected<KernelPtr> makeDequantize(const ops::PreparedQuantization &prepared) {
  const ops::QuantizationParams &p = prepared.params;
  if (prepared.kind == ops::QuantizationKind::HalfToFloat)
    return std::make_unique<HalfToFloatKernel>(p.count);
  switch (prepared.inputType) {
  case ElementType::U8:
    return std::make_unique<DequantizeKernel<uint8_t>>(p.count, p.dequantizeScale, p.zeroPoint);
  case ElementType::I16:
    return std::make_unique<DequantizeKernel<int16_t>>(p.count, p.dequantizeScale, p.zeroPoint);
  default:
    return std::make_unique<DequantizeKernel<int8_t>>(p.count, p.dequantizeScale, p.zeroPoint);
  }
}
} // namespace

llvm::Expected<KernelPtr> prepareQuantization(const Op &op) {
  auto prepared = ops::prepareQuantization(op);
  if (!prepared)
    return prepared.takeError();
  return op.kind == OpKind::QUANTIZE ? makeQuantize(*prepared) : makeDequantize(*prepared);
}

} // namespace litec::ir::reference
