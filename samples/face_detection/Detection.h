// Face detections from the SSD-style outputs of MediaPipe's BlazeFace models: anchors, box and
// keypoint decoding, scores, weighted non-maximum suppression, and the letterbox taken off.
#pragma once

#include "Letterbox.h"

#include <array>
#include <vector>

namespace sample {

// One anchor: a centre in the input's normalised coordinates (the models use fixed-size
// anchors, so there is no anchor width or height).
struct Anchor {
  float x, y;
};

// The anchors of the short-range model (MediaPipe's SsdAnchorsCalculator options in
// face_detection_short_range.pbtxt): a 128x128 input, feature maps of strides 8, 16, 16, 16,
// two anchors per layer and cell, layers of equal stride sharing a grid; 896 anchors.
std::vector<Anchor> shortRangeAnchors();

// A face: its box and six keypoints (eyes, nose tip, mouth, ear tragions) in the image's
// normalised coordinates ([0, 1] across its width and height), and the score.
struct Detection {
  float xmin, ymin, xmax, ymax;
  std::array<std::array<float, 2>, 6> keypoints;
  float score;
};

struct DecodeOptions {
  float inputSize = 128;       // x_scale, y_scale, w_scale, h_scale
  float minScore = 0.5f;       // min_score_thresh
  float scoreClip = 100;       // score_clipping_thresh
  float minSuppression = 0.3f; // min_suppression_threshold (IoU)
};

// From the raw outputs (`regressors`: per anchor x, y, w, h then six x, y keypoint pairs,
// relative to the anchor and in input pixels; `scores`: one logit per anchor), the faces,
// best first, mapped from the letterboxed input to the image.
std::vector<Detection> decodeFaces(const float *regressors, const float *scores,
                                   const std::vector<Anchor> &anchors, const Letterbox &letterbox,
                                   const DecodeOptions &options = {});

} // namespace sample
