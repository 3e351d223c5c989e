#include "Letterbox.h"

#include <algorithm>
#include <cmath>

namespace sample {

namespace {
// Bilinear sample of channel c at a continuous position in pixel units (pixel centres at .5);
// positions beyond the border clamp to the edge pixels.
float sample(const Image &image, float x, float y, int c) {
  const float fx = std::clamp(x - 0.5f, 0.0f, float(image.width - 1));
  const float fy = std::clamp(y - 0.5f, 0.0f, float(image.height - 1));
  const int x0 = int(fx), y0 = int(fy);
  const int x1 = std::min(x0 + 1, image.width - 1), y1 = std::min(y0 + 1, image.height - 1);
  const float ax = fx - float(x0), ay = fy - float(y0);
  const float top = image.pixel(x0, y0)[c] * (1 - ax) + image.pixel(x1, y0)[c] * ax;
  const float bottom = image.pixel(x0, y1)[c] * (1 - ax) + image.pixel(x1, y1)[c] * ax;
  return top * (1 - ay) + bottom * ay;
}
} // namespace

Letterbox letterboxResize(const Image &image, int size, std::vector<float> &rgb) {
  rgb.assign(std::size_t(size) * size * 3, 0.0f);
  // The image's longer side fills the input; the shorter is centred between two pads.
  const float scale = float(size) / float(std::max(image.width, image.height));
  const float width = float(image.width) * scale, height = float(image.height) * scale;
  const float left = (float(size) - width) / 2, top = (float(size) - height) / 2;
  // When shrinking, average a few bilinear samples per output pixel so that detail finer than
  // the output grid does not alias.
  const int taps = std::max(1, int(std::ceil(1.0f / scale)));
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      float *out = rgb.data() + (std::size_t(y) * size + x) * 3;
      const bool inside =
          x + 0.5f >= left && x + 0.5f < left + width && y + 0.5f >= top && y + 0.5f < top + height;
      for (int c = 0; c < 3; ++c) {
        float value = 0;
        if (inside) {
          for (int ty = 0; ty < taps; ++ty)
            for (int tx = 0; tx < taps; ++tx) {
              const float sx = (float(x) + (float(tx) + 0.5f) / float(taps) - left) / scale;
              const float sy = (float(y) + (float(ty) + 0.5f) / float(taps) - top) / scale;
              value += sample(image, sx, sy, c);
            }
          value /= float(taps * taps);
        }
        out[c] = value;
      }
    }
  return {left / float(size), top / float(size), left / float(size), top / float(size)};
}

} // namespace sample
