#include "CalibrationInputs.h"

#include "RandomInputs.h"

#include <fmt/format.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#if LITEC_HAVE_STB
#include <stb_image.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstring>

namespace litec::compiler {

namespace {
llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

// An NHWC float input of 1 or 3 channels: the shape an image can fill.
bool takesImages(const ir::Value &input) {
  return input.type == ir::ElementType::F32 && input.shape.size() == 4 && input.shape[0] == 1 &&
         (input.shape[3] == 1 || input.shape[3] == 3);
}

std::vector<uint8_t> bytesOf(const std::vector<float> &values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(float));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}
} // namespace

bool isImageFile(const std::string &path) {
  const std::string extension = llvm::sys::path::extension(path).lower();
  return extension == ".png" || extension == ".jpg" || extension == ".jpeg" ||
         extension == ".ppm" || extension == ".pgm" || extension == ".bmp";
}

bool readsImages() {
  return LITEC_HAVE_STB != 0;
}

llvm::Expected<std::vector<float>> loadImageInput(const std::string &path, int height, int width,
                                                  int channels, float mean, float std) {
#if LITEC_HAVE_STB
  int imageWidth = 0, imageHeight = 0, imageChannels = 0;
  unsigned char *pixels = stbi_load(path.c_str(), &imageWidth, &imageHeight, &imageChannels, 3);
  if (!pixels) {
    const char *reason = stbi_failure_reason();
    return fail(fmt::format("{}: cannot read the image ({})", path, reason ? reason : "unknown"));
  }
  std::vector<float> values(size_t(height) * width * channels);
  const auto sample = [&](int x, int y, int c) {
    return float(pixels[(size_t(y) * imageWidth + x) * 3 + size_t(c)]);
  };
  for (int y = 0; y < height; ++y) {
    const float sy = std::clamp((float(y) + 0.5f) * float(imageHeight) / float(height) - 0.5f, 0.f,
                                float(imageHeight - 1));
    const int y0 = int(sy), y1 = std::min(y0 + 1, imageHeight - 1);
    const float fy = sy - float(y0);
    for (int x = 0; x < width; ++x) {
      const float sx = std::clamp((float(x) + 0.5f) * float(imageWidth) / float(width) - 0.5f, 0.f,
                                  float(imageWidth - 1));
      const int x0 = int(sx), x1 = std::min(x0 + 1, imageWidth - 1);
      const float fx = sx - float(x0);
      float rgb[3];
      for (int c = 0; c < 3; ++c)
        rgb[c] = (sample(x0, y0, c) * (1 - fx) + sample(x1, y0, c) * fx) * (1 - fy) +
                 (sample(x0, y1, c) * (1 - fx) + sample(x1, y1, c) * fx) * fy;
      float *out = &values[(size_t(y) * width + x) * size_t(channels)];
      if (channels == 3)
        for (int c = 0; c < 3; ++c)
          out[c] = (rgb[c] - mean) / std;
      else
        out[0] = ((rgb[0] + rgb[1] + rgb[2]) / 3.f - mean) / std;
    }
  }
  stbi_image_free(pixels);
  return values;
#else
  (void)height, (void)width, (void)channels, (void)mean, (void)std;
  return fail(fmt::format("{}: this litec was built without libstb-dev and reads no images "
                          "(give raw input files instead)",
                          path));
#endif
}

llvm::Expected<CalibrationSamples> loadCalibrationSamples(const ir::Graph &graph,
                                                          const CalibrationSource &source) {
  CalibrationSamples result;
  std::vector<size_t> inputBytes;
  for (const ir::Value *input : graph.inputs) {
    auto bytes = input->byteSize();
    if (!bytes)
      return fail(fmt::format("input '{}' has no static size to calibrate with", input->name));
    inputBytes.push_back(size_t(*bytes));
  }
  if (source.directory.empty()) {
    SplitMix64 rng(source.seed);
    const size_t count = source.samples ? source.samples : 10;
    for (size_t s = 0; s < count; ++s) {
      std::vector<std::vector<uint8_t>> inputs;
      for (size_t i = 0; i < graph.inputs.size(); ++i) {
        inputs.emplace_back(inputBytes[i]);
        fillRandom(*graph.inputs[i], inputs.back(), rng);
      }
      result.samples.push_back(std::move(inputs));
      result.names.push_back(fmt::format("random {}", s));
    }
    return result;
  }
  // The directory's files in name order: the same samples on every machine.
  std::vector<std::string> files;
  std::error_code error;
  for (llvm::sys::fs::directory_iterator it(source.directory, error), end; it != end && !error;
       it.increment(error))
    if (llvm::sys::fs::is_regular_file(it->path()))
      files.push_back(it->path());
  if (error)
    return fail(fmt::format("{}: {}", source.directory, error.message()));
  std::sort(files.begin(), files.end());
  if (files.empty())
    return fail(fmt::format("{}: no calibration files", source.directory));
  if (graph.inputs.size() != 1)
    return fail(fmt::format("{}: the model has {} inputs; a calibration directory gives one "
                            "input per file (calibrate multi-input models on random inputs)",
                            source.directory, graph.inputs.size()));
  const ir::Value &input = *graph.inputs[0];
  if (source.samples && files.size() > source.samples)
    files.resize(source.samples);
  for (const std::string &file : files) {
    if (isImageFile(file)) {
      if (!takesImages(input))
        return fail(fmt::format("{}: an image, but input '{}' is not a float NHWC tensor of 1 "
                                "or 3 channels",
                                file, input.name));
      auto values = loadImageInput(file, int(input.shape[1]), int(input.shape[2]),
                                   int(input.shape[3]), source.imageMean, source.imageStd);
      if (!values)
        return values.takeError();
      result.samples.push_back({bytesOf(*values)});
    } else {
      auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false);
      if (!buffer)
        return fail(fmt::format("{}: {}", file, buffer.getError().message()));
      if ((*buffer)->getBufferSize() != inputBytes[0])
        return fail(fmt::format("{}: {} bytes, but input '{}' takes {} (raw input files hold "
                                "the input's bytes exactly; images end in .png, .jpg, .ppm)",
                                file, (*buffer)->getBufferSize(), input.name, inputBytes[0]));
      const auto *begin = reinterpret_cast<const uint8_t *>((*buffer)->getBufferStart());
      result.samples.push_back({std::vector<uint8_t>(begin, begin + inputBytes[0])});
    }
    result.names.push_back(file);
  }
  return result;
}

} // namespace litec::compiler
