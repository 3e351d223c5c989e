// QUANTIZE and DEQUANTIZE (litec/ir/ops/Quantization.h).

#include "litec/ir/ops/Quantization.h"
#include "../KernelSupport.h"

#include <cmath>
#include <limits>

namespace litec::ir::reference {

namespace {
// Float to Q: round(x / scale) in float as TFLite, plus the zero point, clamped to Q's range
// before the conversion to stay defined (NaN gives the zero point).
template <typename Q> KernelPtr makeQuantize(const ops::QuantizationParams &p) {
  const IntRange range{std::numeric_limits<Q>::min(), std::numeric_limits<Q>::max()};
  return mapKernel<float, Q>(p.count, [p, range](float x) {
    const double q = double(std::round(x / p.scale)) + p.zeroPoint;
    return std::isnan(q) ? Q(p.zeroPoint)
                         : clampTo<Q>(int32_t(std::clamp(q, -2147483648.0, 2147483647.0)), range);
  });
}

// Integer to integer: (q - input zero point) rescaled by input_scale / output_scale, plus the
// output zero point, clamped.
template <typename In, typename Out> KernelPtr makeRequantize(const ops::QuantizationParams &p) {
  return mapKernel<In, Out>(p.count, [p](In x) {
    const int32_t value =
        runtime::multiplyByQuantizedMultiplier(int32_t(x) - p.inputZeroPoint, p.rescale.multiplier,
                                               p.rescale.shift) +
        p.outputZeroPoint;
    return static_cast<Out>(std::clamp<int64_t>(value, std::numeric_limits<Out>::min(),
                                                std::numeric_limits<Out>::max()));
  });
}

template <typename In> KernelPtr makeRequantizeFrom(const ops::PreparedQuantization &prepared) {
  switch (prepared.outputType) {
  case ElementType::I8:
    return makeRequantize<In, int8_t>(prepared.params);
  case ElementType::U8:
    return makeRequantize<In, uint8_t>(prepared.params);
  case ElementType::I16:
    return makeRequantize<In, int16_t>(prepared.params);
  default:
    return makeRequantize<In, int32_t>(prepared.params);
  }
}

// Q to float: scale * (q - zero point), the product in double as TFLite.
template <typename Q> KernelPtr makeDequantize(const ops::QuantizationParams &p) {
  return mapKernel<Q, float>(p.count, [p](Q x) {
    return static_cast<float>(p.dequantizeScale * (int32_t(x) - p.zeroPoint));
  });
}

KernelPtr makeQuantization(const ops::PreparedQuantization &prepared) {
  const ops::QuantizationParams &p = prepared.params;
  switch (prepared.kind) {
  case ops::QuantizationKind::Quantize:
    switch (prepared.outputType) {
    case ElementType::U8:
      return makeQuantize<uint8_t>(p);
    case ElementType::I16:
      return makeQuantize<int16_t>(p);
    default:
      return makeQuantize<int8_t>(p);
    }
  case ops::QuantizationKind::Requantize:
    switch (prepared.inputType) {
    case ElementType::U8:
      return makeRequantizeFrom<uint8_t>(prepared);
    case ElementType::I16:
      return makeRequantizeFrom<int16_t>(prepared);
    default:
      return makeRequantizeFrom<int8_t>(prepared);
    }
  case ops::QuantizationKind::HalfToFloat:
    return mapKernel<uint16_t, float>(p.count, [](uint16_t x) { return halfToFloat(x); });
  case ops::QuantizationKind::Dequantize:
    break;
  }
  switch (prepared.inputType) {
  case ElementType::U8:
    return makeDequantize<uint8_t>(p);
  case ElementType::I16:
    return makeDequantize<int16_t>(p);
  default:
    return makeDequantize<int8_t>(p);
  }
}
} // namespace

llvm::Expected<KernelPtr> prepareQuantization(const Op &op) {
  auto prepared = ops::prepareQuantization(op);
  if (!prepared)
    return prepared.takeError();
  return makeQuantization(*prepared);
}

} // namespace litec::ir::reference
