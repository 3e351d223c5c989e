// Face detection with MediaPipe's short-range BlazeFace model compiled by litec at build time:
// reads a photo, makes the model's input, runs the generated code, decodes and merges the
// detections, prints them and draws them.
//
//   face_detection IMAGE [--output OUT.png] [--save-input FILE] [--model-outputs DIR]
//
// --save-input writes the input tensor (raw float32) and --model-outputs DIR decodes
// DIR/output_0.bin and output_1.bin instead of running the model: with `litec run` in between,
// the same pipeline runs on the reference interpreter, which is how the sample is tested.
#include "Detection.h"
#include "Drawing.h"
#include "Image.h"
#include "Letterbox.h"
#include "face_detector.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace model = face_detector;

alignas(model::kArenaAlignment) unsigned char arena[model::kArenaSize];

int fail(const std::string &message) {
  std::fprintf(stderr, "face_detection: error: %s\n", message.c_str());
  return 1;
}

bool readFloats(const std::string &path, std::vector<float> &values, std::string &error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open";
    return false;
  }
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() != values.size() * sizeof(float)) {
    error = path + ": " + std::to_string(bytes.size()) + " bytes, expected " +
            std::to_string(values.size() * sizeof(float));
    return false;
  }
  std::memcpy(values.data(), bytes.data(), bytes.size());
  return true;
}

} // namespace

int main(int argc, char **argv) {
  std::string imagePath, outputPath, saveInputPath, modelOutputsDir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string &target) {
      if (i + 1 >= argc)
        return false;
      target = argv[++i];
      return true;
    };
    bool ok = true;
    if (arg == "--output")
      ok = value(outputPath);
    else if (arg == "--save-input")
      ok = value(saveInputPath);
    else if (arg == "--model-outputs")
      ok = value(modelOutputsDir);
    else if (!arg.empty() && arg[0] != '-' && imagePath.empty())
      imagePath = arg;
    else
      ok = false;
    if (!ok)
      return fail("usage: face_detection IMAGE [--output OUT.png] [--save-input FILE] "
                  "[--model-outputs DIR]");
  }
  if (imagePath.empty())
    return fail("usage: face_detection IMAGE [--output OUT.png]");

  sample::Image image;
  std::string error;
  if (!sample::readImage(imagePath, image, error))
    return fail(error);

  const int size = model::inputs::input::kShape[1];
  // The model takes RGB in [-1, 1].
  std::vector<float> input;
  const sample::Letterbox letterbox = sample::letterboxResize(image, size, input);
  for (float &value : input)
    value = value / 127.5f - 1.0f;
  if (!saveInputPath.empty()) {
    std::ofstream out(saveInputPath, std::ios::binary);
    out.write(reinterpret_cast<const char *>(input.data()), std::streamsize(input.size() * 4));
    if (!out)
      return fail(saveInputPath + ": cannot write");
  }

  std::vector<float> regressors(model::outputs::regressors::kElementCount);
  std::vector<float> scores(model::outputs::classificators::kElementCount);
  double milliseconds = 0;
  if (modelOutputsDir.empty()) {
    model::reset(arena);
    const auto start = std::chrono::steady_clock::now();
    const litec::runtime::Status status =
        model::invoke(arena, input.data(), regressors.data(), scores.data());
    milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (status != litec::runtime::Status::kOk)
      return fail(std::string("the model did not run: ") + litec::runtime::statusName(status));
  } else if (!readFloats(modelOutputsDir + "/output_0.bin", regressors, error) ||
             !readFloats(modelOutputsDir + "/output_1.bin", scores, error)) {
    return fail(error);
  }

  const std::vector<sample::Detection> faces =
      sample::decodeFaces(regressors.data(), scores.data(), sample::shortRangeAnchors(), letterbox);
  std::printf("image %s: %dx%d\n", imagePath.c_str(), image.width, image.height);
  if (modelOutputsDir.empty())
    std::printf("model: face_detection_short_range, %dx%d input, %.2f ms\n", size, size,
                milliseconds);
  std::printf("faces: %zu\n", faces.size());
  for (std::size_t i = 0; i < faces.size(); ++i) {
    const sample::Detection &d = faces[i];
    std::printf("face %zu: score %.4f box x %.4f..%.4f y %.4f..%.4f (pixels %d,%d to %d,%d)\n", i,
                d.score, d.xmin, d.xmax, d.ymin, d.ymax, int(d.xmin * image.width),
                int(d.ymin * image.height), int(d.xmax * image.width), int(d.ymax * image.height));
    std::printf("  keypoints");
    for (const auto &point : d.keypoints)
      std::printf(" (%.4f, %.4f)", point[0], point[1]);
    std::printf("\n");
  }
  if (!outputPath.empty()) {
    for (const sample::Detection &d : faces)
      sample::drawDetection(image, d);
    if (!sample::writePng(outputPath, image, error))
      return fail(error);
    std::printf("wrote %s\n", outputPath.c_str());
  }
  return 0;
}
