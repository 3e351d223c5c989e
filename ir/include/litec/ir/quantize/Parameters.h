#pragma once

// Scales and zero points from ranges, and constants quantised with them, as TFLite's converter
// (tensorflow/lite/tools/optimize's quantisation utilities) chooses them, so that the result is
// what TFLite's int8 kernels expect:
// - activations: asymmetric over [qmin, qmax] of the type, the range first widened to hold 0,
//   the zero point the rounded qmin - min / scale (clamped); int16 activations symmetric, zero
//   point 0 (the 16x8 scheme);
// - weights: symmetric, scale = max |w| / 127 (per output channel or per tensor), values
//   rounded half away from zero and clamped to [-127, 127], zero point 0;
// - biases: int32, scale = input scale x weight scale (per channel), zero point 0.
// Where TFLite's converter would write a zero scale (an all-zero range), the scale is 1 instead:
// TFLite's kernels reject a zero scale, and any scale represents zero exactly.

#include "litec/ir/ElementType.h"
#include "litec/ir/quantize/Ranges.h"

#include <cstdint>
#include <span>
#include <vector>

namespace litec::ir::quantize {

struct AffineParameters {
  float scale = 1.f;
  int32_t zeroPoint = 0;
};

// An activation of `type` (I8, U8 or I16) covering `range`.
AffineParameters activationParameters(Range range, ElementType type);
// TFLite's asymmetric choice over [qmin, qmax].
AffineParameters asymmetricParameters(Range range, int32_t qmin, int32_t qmax);
// Symmetric over [-qmax, qmax]: scale = max(|min|, |max|) / qmax, zero point 0.
AffineParameters symmetricParameters(Range range, int32_t qmax);

// A float constant quantised symmetrically to int8 along `axis` (per channel: one scale per
// index of that dimension) or as one tensor (axis < 0).
struct SymmetricWeights {
  std::vector<int8_t> values;
  std::vector<float> scales;
};
SymmetricWeights quantizeWeights(std::span<const float> weights, std::span<const int64_t> shape,
                                 int axis);

// Rounds value / scale half away from zero (TFLite's TfLiteRound) and clamps to [low, high];
// a zero scale gives 0.
int64_t quantizeValue(float value, float scale, int64_t low, int64_t high);

// A float bias quantised to int32 with scale inputScale x weightScales[c] for channel c (one
// weight scale: every channel's), clamped to [-(2^31 - 1), 2^31 - 1] as TFLite clamps it.
struct QuantizedBias {
  std::vector<int32_t> values;
  std::vector<float> scales;
};
QuantizedBias quantizeBias(std::span<const float> bias, float inputScale,
                           std::span<const float> weightScales);

// TFLite's check that a bias fits in int32 with the scales chosen: where |bias[c]| reaches half
// of int32's range in units of inputScale x weightScales[c], that weight scale is widened to
// 2 |bias[c]| / (2^31 - 1) / inputScale (AdjustWeightsForBiasScale). Returns whether any scale
// changed; the weights must then be quantised again with the scales given.
bool widenWeightScalesForBias(std::span<const float> bias, float inputScale,
                              std::vector<float> &weightScales);

// Quantises a float constant along `axis` with the given per-channel (or one) symmetric scales.
std::vector<int8_t> quantizeWithScales(std::span<const float> weights,
                                       std::span<const int64_t> shape, int axis,
                                       std::span<const float> scales);

} // namespace litec::ir::quantize
