// Detections drawn on an image: the box as a rectangle, keypoints as small squares.
#pragma once

#include "Detection.h"
#include "Image.h"

namespace sample {

void drawDetection(Image &image, const Detection &detection);

} // namespace sample
