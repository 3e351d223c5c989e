// An 8-bit RGB image in memory, read from PNG, JPEG or PPM and written as PNG (stb_image, from
// Debian's libstb-dev).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sample {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb; // row-major, 3 bytes per pixel

  std::uint8_t *pixel(int x, int y) { return &rgb[(std::size_t(y) * width + x) * 3]; }
  const std::uint8_t *pixel(int x, int y) const { return &rgb[(std::size_t(y) * width + x) * 3]; }
};

// Reads an image; on failure returns false and says why in `error`.
bool readImage(const std::string &path, Image &image, std::string &error);
bool writePng(const std::string &path, const Image &image, std::string &error);

} // namespace sample
