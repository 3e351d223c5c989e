#include "litec/ir/quantize/Parameters.h"

#include "litec/ir/QuantizationMath.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace litec::ir::quantize {

namespace {
constexpr int32_t kWeightMax = 127;
constexpr int64_t kBiasMax = std::numeric_limits<int32_t>::max();

// Per channel along `axis` of `shape`: the channel of flat index i is (i / inner) % channels.
struct Channels {
  int64_t count = 1, inner = 1;
  int64_t of(size_t index) const { return (int64_t(index) / inner) % count; }
};
Channels channelsOf(std::span<const int64_t> shape, int axis) {
  Channels channels;
  if (axis < 0 || size_t(axis) >= shape.size())
    return channels;
  channels.count = std::max<int64_t>(1, shape[size_t(axis)]);
  for (size_t d = size_t(axis) + 1; d < shape.size(); ++d)
    channels.inner *= shape[d];
  return channels;
}
} // namespace

AffineParameters asymmetricParameters(Range range, int32_t qmin, int32_t qmax) {
  const float low = std::min(range.min, 0.f), high = std::max(range.max, 0.f);
  const float lowLevel = float(qmin), highLevel = float(qmax);
  const float scale = (high - low) / (highLevel - lowLevel);
  if (!(scale > 0) || !std::isfinite(scale))
    return {1.f, qmin < 0 && qmax > 0 ? 0 : qmin};
  const float zeroFromMin = lowLevel - low / scale;
  int32_t zeroPoint;
  if (zeroFromMin < lowLevel)
    zeroPoint = qmin;
  else if (zeroFromMin > highLevel)
    zeroPoint = qmax;
  else
    zeroPoint = int32_t(std::round(zeroFromMin));
  return {scale, zeroPoint};
}

AffineParameters symmetricParameters(Range range, int32_t qmax) {
  const float half = std::max(std::abs(range.min), std::abs(range.max));
  const float scale = half / float(qmax);
  if (!(scale > 0) || !std::isfinite(scale))
    return {1.f, 0};
  return {scale, 0};
}

AffineParameters activationParameters(Range range, ElementType type) {
  if (type == ElementType::I16)
    return symmetricParameters(range, integerMax(type));
  return asymmetricParameters(range, integerMin(type), integerMax(type));
}

int64_t quantizeValue(float value, float scale, int64_t low, int64_t high) {
  if (scale == 0)
    return 0;
  // TfLiteRound: half away from zero, in float as the converter computes value * (1 / scale).
  const float scaled = value * (1.0f / scale);
  if (std::isnan(scaled))
    return 0;
  const double rounded = std::round(double(scaled));
  return int64_t(std::clamp(rounded, double(low), double(high)));
}

std::vector<int8_t> quantizeWithScales(std::span<const float> weights,
                                       std::span<const int64_t> shape, int axis,
                                       std::span<const float> scales) {
  const Channels channels = scales.size() > 1 ? channelsOf(shape, axis) : Channels{};
  std::vector<int8_t> values(weights.size());
  for (size_t i = 0; i < weights.size(); ++i) {
    const float scale = scales[size_t(channels.of(i))];
    values[i] = int8_t(quantizeValue(weights[i], scale, -kWeightMax, kWeightMax));
  }
  return values;
}

SymmetricWeights quantizeWeights(std::span<const float> weights, std::span<const int64_t> shape,
                                 int axis) {
  const Channels channels = channelsOf(shape, axis);
  std::vector<float> absMax(size_t(channels.count), 0.f);
  for (size_t i = 0; i < weights.size(); ++i)
    if (std::isfinite(weights[i]))
      absMax[size_t(channels.of(i))] =
          std::max(absMax[size_t(channels.of(i))], std::abs(weights[i]));
  SymmetricWeights result;
  for (const float half : absMax)
    result.scales.push_back(symmetricParameters({-half, half}, kWeightMax).scale);
  result.values = quantizeWithScales(weights, shape, axis, result.scales);
  return result;
}

QuantizedBias quantizeBias(std::span<const float> bias, float inputScale,
                           std::span<const float> weightScales) {
  QuantizedBias result;
  for (size_t c = 0; c < bias.size(); ++c) {
    const float weightScale = weightScales.size() > 1 ? weightScales[c] : weightScales[0];
    result.scales.push_back(inputScale * weightScale);
    result.values.push_back(
        int32_t(quantizeValue(bias[c], result.scales.back(), -kBiasMax, kBiasMax)));
  }
  if (weightScales.size() <= 1 && !result.scales.empty())
    result.scales.resize(1);
  return result;
}

bool widenWeightScalesForBias(std::span<const float> bias, float inputScale,
                              std::vector<float> &weightScales) {
  bool changed = false;
  const auto widen = [&](float biasHalf, float &weightScale) {
    if (double(biasHalf) >= 0.5 * double(inputScale) * double(weightScale) * double(kBiasMax)) {
      weightScale = float(2.0 * double(biasHalf) / double(kBiasMax) / double(inputScale));
      changed = true;
    }
  };
  if (weightScales.size() > 1) {
    for (size_t c = 0; c < weightScales.size() && c < bias.size(); ++c)
      widen(std::abs(bias[c]), weightScales[c]);
  } else if (!weightScales.empty()) {
    float half = 0;
    for (const float b : bias)
      half = std::max(half, std::abs(b));
    widen(half, weightScales[0]);
  }
  return changed;
}

} // namespace litec::ir::quantize
