#pragma once

// The calibration samples of `litec quantize`: files from a directory (raw input bytes, or
// PNG/JPEG/PPM/BMP images resized to the input and scaled as (pixel - mean) / std), or seeded
// random inputs in each input's range.

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace litec::compiler {

struct CalibrationSource {
  std::string directory; // empty: random inputs
  size_t samples = 0;    // 0: every file of the directory (random: 10)
  uint64_t seed = 0;
  float imageMean = 127.5f, imageStd = 127.5f;
};

// Every sample's input bytes (samples[s][i]: input i of sample s), made once so that the
// calibration passes and the report read the same data.
struct CalibrationSamples {
  std::vector<std::vector<std::vector<uint8_t>>> samples;
  std::vector<std::string> names; // the file (or "random <n>") each sample came from
};

llvm::Expected<CalibrationSamples> loadCalibrationSamples(const ir::Graph &graph,
                                                          const CalibrationSource &source);

// Whether `path` names an image by its extension (.png, .jpg, .jpeg, .ppm, .pgm, .bmp).
bool isImageFile(const std::string &path);

// Whether this build reads images (libstb-dev was found).
bool readsImages();

// An image file resized (bilinear, half-pixel centres) to `height` x `width` with `channels`
// (3: RGB, 1: the mean of R, G and B) and scaled as (pixel - mean) / std, NHWC floats.
llvm::Expected<std::vector<float>> loadImageInput(const std::string &path, int height, int width,
                                                  int channels, float mean, float std);

} // namespace litec::compiler
