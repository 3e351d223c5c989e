#include "litec/ir/ResizeSampling.h"

#include <algorithm>
#include <cmath>

namespace litec::ir {

namespace {
float floatScale(int64_t in, int64_t out, bool alignCorners) {
  if (alignCorners && out > 1)
    return float(in - 1) / float(out - 1);
  return float(in) / float(out);
}
} // namespace

std::vector<ResizeSample<float>> floatResizeSamples(int64_t in, int64_t out, bool alignCorners,
                                                    bool halfPixelCenters) {
  const float scale = floatScale(in, out, alignCorners);
  std::vector<ResizeSample<float>> samples;
  for (int64_t i = 0; i < out; ++i) {
    const float coordinate = halfPixelCenters ? (float(i) + 0.5f) * scale - 0.5f : float(i) * scale;
    const int lower = std::max(static_cast<int>(std::floor(coordinate)), 0);
    const int upper = std::min(static_cast<int>(std::ceil(coordinate)), int(in) - 1);
    samples.push_back({lower, upper, coordinate - float(lower)});
  }
  return samples;
}

std::vector<ResizeSample<int64_t>> fixedResizeSamples(int64_t in, int64_t out, bool alignCorners,
                                                      bool halfPixelCenters) {
  constexpr int32_t kOne = 1 << 10;
  const int32_t scale = alignCorners && out > 1
                            ? int32_t((kOne * (in - 1) + (out - 1) / 2) / (out - 1))
                            : int32_t((kOne * in + out / 2) / out);
  std::vector<ResizeSample<int64_t>> samples;
  for (int32_t i = 0; i < int32_t(out); ++i) {
    const int32_t coordinate = halfPixelCenters ? i * scale + scale / 2 - kOne / 2 : i * scale;
    const int32_t lower = std::max(coordinate / kOne, int32_t(0));
    const int32_t upper = std::min((coordinate + kOne - 1) / kOne, int32_t(in) - 1);
    samples.push_back({lower, upper, int64_t(coordinate) - int64_t(kOne) * lower});
  }
  return samples;
}

std::vector<int> nearestResizeSources(int64_t in, int64_t out, bool alignCorners,
                                      bool halfPixelCenters) {
  const float scale = floatScale(in, out, alignCorners);
  std::vector<int> sources;
  for (int64_t i = 0; i < out; ++i) {
    const float scaled = (float(i) + (halfPixelCenters ? 0.5f : 0.f)) * scale;
    int source =
        std::min(alignCorners ? int(std::round(scaled)) : int(std::floor(scaled)), int(in) - 1);
    sources.push_back(halfPixelCenters ? std::max(source, 0) : source);
  }
  return sources;
}

} // namespace litec::ir
