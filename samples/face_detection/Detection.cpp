#include "Detection.h"

#include <algorithm>
#include <cmath>

namespace sample {

namespace {
float intersectionOverUnion(const Detection &a, const Detection &b) {
  const float w = std::min(a.xmax, b.xmax) - std::max(a.xmin, b.xmin);
  const float h = std::min(a.ymax, b.ymax) - std::max(a.ymin, b.ymin);
  if (w <= 0 || h <= 0)
    return 0;
  const float intersection = w * h;
  const float areaA = (a.xmax - a.xmin) * (a.ymax - a.ymin);
  const float areaB = (b.xmax - b.xmin) * (b.ymax - b.ymin);
  return intersection / (areaA + areaB - intersection);
}

// MediaPipe's WEIGHTED suppression: the best remaining detection and every other that overlaps
// it by more than the threshold are merged into one, their coordinates averaged with the scores
// as weights; the merged detection keeps the best score.
std::vector<Detection> weightedSuppression(std::vector<Detection> remaining, float threshold) {
  std::stable_sort(remaining.begin(), remaining.end(),
                   [](const Detection &a, const Detection &b) { return a.score > b.score; });
  std::vector<Detection> kept;
  while (!remaining.empty()) {
    const Detection best = remaining.front();
    std::vector<Detection> rest;
    Detection merged{};
    float weights = 0;
    for (const Detection &d : remaining) {
      if (intersectionOverUnion(best, d) <= threshold && &d != &remaining.front()) {
        rest.push_back(d);
        continue;
      }
      weights += d.score;
      merged.xmin += d.xmin * d.score, merged.ymin += d.ymin * d.score;
      merged.xmax += d.xmax * d.score, merged.ymax += d.ymax * d.score;
      for (std::size_t k = 0; k < d.keypoints.size(); ++k)
        for (int j = 0; j < 2; ++j)
          merged.keypoints[k][j] += d.keypoints[k][j] * d.score;
    }
    merged.xmin /= weights, merged.ymin /= weights, merged.xmax /= weights, merged.ymax /= weights;
    for (auto &point : merged.keypoints)
      point[0] /= weights, point[1] /= weights;
    merged.score = best.score;
    kept.push_back(merged);
    remaining = std::move(rest);
  }
  return kept;
}
} // namespace

std::vector<Anchor> shortRangeAnchors() {
  constexpr int kInputSize = 128;
  constexpr int kStrides[] = {8, 16, 16, 16};
  constexpr int kAnchorsPerLayer = 2; // aspect ratio 1 and the interpolated scale
  std::vector<Anchor> anchors;
  const int layers = int(std::size(kStrides));
  for (int layer = 0; layer < layers;) {
    int last = layer;
    while (last < layers && kStrides[last] == kStrides[layer])
      ++last;
    const int perCell = (last - layer) * kAnchorsPerLayer;
    const int cells = (kInputSize + kStrides[layer] - 1) / kStrides[layer];
    for (int y = 0; y < cells; ++y)
      for (int x = 0; x < cells; ++x)
        for (int k = 0; k < perCell; ++k)
          anchors.push_back({(float(x) + 0.5f) / float(cells), (float(y) + 0.5f) / float(cells)});
    layer = last;
  }
  return anchors;
}

std::vector<Detection> decodeFaces(const float *regressors, const float *scores,
                                   const std::vector<Anchor> &anchors, const Letterbox &letterbox,
                                   const DecodeOptions &options) {
  constexpr int kValuesPerAnchor = 16;
  const float s = options.inputSize;
  std::vector<Detection> candidates;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    const float logit = std::clamp(scores[i], -options.scoreClip, options.scoreClip);
    const float score = 1.0f / (1.0f + std::exp(-logit));
    if (score < options.minScore)
      continue;
    const float *r = regressors + i * kValuesPerAnchor;
    const Anchor &a = anchors[i];
    const float cx = r[0] / s + a.x, cy = r[1] / s + a.y, w = r[2] / s, h = r[3] / s;
    Detection d{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, {}, score};
    for (std::size_t k = 0; k < d.keypoints.size(); ++k)
      d.keypoints[k] = {r[4 + 2 * k] / s + a.x, r[5 + 2 * k] / s + a.y};
    candidates.push_back(d);
  }
  std::vector<Detection> faces = weightedSuppression(std::move(candidates), options.minSuppression);
  // From the letterboxed input's coordinates to the image's.
  const float width = 1 - letterbox.padLeft - letterbox.padRight;
  const float height = 1 - letterbox.padTop - letterbox.padBottom;
  auto toImageX = [&](float x) { return (x - letterbox.padLeft) / width; };
  auto toImageY = [&](float y) { return (y - letterbox.padTop) / height; };
  for (Detection &d : faces) {
    d.xmin = toImageX(d.xmin), d.xmax = toImageX(d.xmax);
    d.ymin = toImageY(d.ymin), d.ymax = toImageY(d.ymax);
    for (auto &point : d.keypoints)
      point = {toImageX(point[0]), toImageY(point[1])};
  }
  return faces;
}

} // namespace sample
