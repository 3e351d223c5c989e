#pragma once

#include <cstdint>
#include <vector>

namespace litec::ir {

// Affine quantisation: real = scale * (quantized - zero_point). One (scale, zero point) pair
// for the whole tensor, or one per slice along `axis` (per-channel).
struct Quantization {
  std::vector<float> scales;
  std::vector<int64_t> zeroPoints;
  int32_t axis = 0;
  // The calibration range some converters record; kept so that export is lossless.
  std::vector<float> min;
  std::vector<float> max;

  bool isQuantized() const { return !scales.empty(); }
  bool isPerChannel() const { return scales.size() > 1; }
  bool operator==(const Quantization &) const = default;
};

} // namespace litec::ir
