#include "Drawing.h"

#include <algorithm>

namespace sample {

namespace {
constexpr std::uint8_t kBoxColour[3] = {0, 255, 0};
constexpr std::uint8_t kPointColour[3] = {255, 0, 0};

// Fills the rectangle [x0, x1] x [y0, y1] (pixels, clipped to the image).
void fill(Image &image, int x0, int y0, int x1, int y1, const std::uint8_t (&colour)[3]) {
  x0 = std::max(x0, 0), y0 = std::max(y0, 0);
  x1 = std::min(x1, image.width - 1), y1 = std::min(y1, image.height - 1);
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x)
      std::copy(colour, colour + 3, image.pixel(x, y));
}
} // namespace

void drawDetection(Image &image, const Detection &d) {
  const int thickness = std::max(2, std::min(image.width, image.height) / 200);
  const int x0 = int(d.xmin * image.width), x1 = int(d.xmax * image.width);
  const int y0 = int(d.ymin * image.height), y1 = int(d.ymax * image.height);
  fill(image, x0, y0, x1, y0 + thickness - 1, kBoxColour);
  fill(image, x0, y1 - thickness + 1, x1, y1, kBoxColour);
  fill(image, x0, y0, x0 + thickness - 1, y1, kBoxColour);
  fill(image, x1 - thickness + 1, y0, x1, y1, kBoxColour);
  for (const auto &point : d.keypoints) {
    const int x = int(point[0] * image.width), y = int(point[1] * image.height);
    fill(image, x - thickness, y - thickness, x + thickness, y + thickness, kPointColour);
  }
}

} // namespace sample
