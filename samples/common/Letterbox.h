// An image fitted into a model's square input, as MediaPipe's graphs do it: scaled to fit keeping
// its aspect ratio (letterbox, the rest padded with black) and resampled bilinearly.
#pragma once

#include "Image.h"

#include <vector>

namespace sample {

// Where the image lies in the model's input, as fractions of the input's width and height.
struct Letterbox {
  float padLeft = 0, padTop = 0, padRight = 0, padBottom = 0;
};

// Fills `rgb` with size x size x 3 floats in [0, 255] (HWC, RGB).
Letterbox letterboxResize(const Image &image, int size, std::vector<float> &rgb);

} // namespace sample
