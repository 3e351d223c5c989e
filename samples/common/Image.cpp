#include "Image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cstring>

namespace sample {

bool readImage(const std::string &path, Image &image, std::string &error) {
  int width = 0, height = 0, channels = 0;
  stbi_uc *data = stbi_load(path.c_str(), &width, &height, &channels, 3);
  if (!data) {
    const char *reason = stbi_failure_reason();
    error = path + ": cannot read the image (" + (reason ? reason : "unknown reason") + ")";
    return false;
  }
  image.width = width;
  image.height = height;
  image.rgb.assign(data, data + std::size_t(width) * height * 3);
  stbi_image_free(data);
  return true;
}

bool writePng(const std::string &path, const Image &image, std::string &error) {
  if (!stbi_write_png(path.c_str(), image.width, image.height, 3, image.rgb.data(),
                      image.width * 3)) {
    error = path + ": cannot write the PNG file";
    return false;
  }
  return true;
}

} // namespace sample
