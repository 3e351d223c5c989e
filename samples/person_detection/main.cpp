// Person detection with TFLite Micro's int8 person_detect model (MobileNet v1 0.25, 96x96 grey,
// Visual Wake Words) compiled by litec at build time: reads photos, makes each the model's
// int8 input and prints the person and no-person scores.
//
//   person_detection IMAGE... [--save-input FILE]
//
// --save-input writes the last image's input tensor (raw int8), for `litec run` to run the same
// input on the reference interpreter.
#include "Image.h"
#include "Letterbox.h"
#include "person_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace model = person_detector;
namespace input = model::inputs::input;
namespace output = model::outputs::MobilenetV1_Predictions_Reshape_1;

alignas(model::kArenaAlignment) unsigned char arena[model::kArenaSize];

// TFLite Micro's person detection example: class 0 is "no person", class 1 "person".
constexpr int kNoPerson = 0, kPerson = 1;

int fail(const std::string &message) {
  std::fprintf(stderr, "person_detection: error: %s\n", message.c_str());
  return 1;
}

// The grey 96x96 image as the model's int8 input: luminance in [0, 255] mapped to [-1, 1]
// (how the model was trained), then quantised with the input's scale and zero point.
std::vector<std::int8_t> makeInput(const sample::Image &image) {
  const int size = input::kShape[1];
  std::vector<float> rgb;
  sample::letterboxResize(image, size, rgb);
  std::vector<std::int8_t> tensor(input::kElementCount);
  for (std::size_t i = 0; i < tensor.size(); ++i) {
    const float grey = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
    const float real = grey / 127.5f - 1.0f;
    const long q = std::lround(real / input::kScale) + input::kZeroPoint;
    tensor[i] = std::int8_t(std::clamp(q, -128L, 127L));
  }
  return tensor;
}

float dequantize(std::int8_t q) {
  return float(q - output::kZeroPoint) * output::kScale;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> images;
  std::string saveInputPath;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--save-input" && i + 1 < argc)
      saveInputPath = argv[++i];
    else if (!arg.empty() && arg[0] != '-')
      images.push_back(arg);
    else
      return fail("usage: person_detection IMAGE... [--save-input FILE]");
  }
  if (images.empty())
    return fail("usage: person_detection IMAGE... [--save-input FILE]");

  for (const std::string &path : images) {
    sample::Image image;
    std::string error;
    if (!sample::readImage(path, image, error))
      return fail(error);
    const std::vector<std::int8_t> tensor = makeInput(image);
    if (!saveInputPath.empty()) {
      std::ofstream out(saveInputPath, std::ios::binary);
      out.write(reinterpret_cast<const char *>(tensor.data()), std::streamsize(tensor.size()));
      if (!out)
        return fail(saveInputPath + ": cannot write");
    }
    std::int8_t scores[output::kElementCount];
    model::reset(arena);
    const litec::runtime::Status status = model::invoke(arena, tensor.data(), scores);
    if (status != litec::runtime::Status::kOk)
      return fail(std::string("the model did not run: ") + litec::runtime::statusName(status));
    const float person = dequantize(scores[kPerson]), noPerson = dequantize(scores[kNoPerson]);
    std::printf("%s: %s (person %.3f, no person %.3f; raw %d %d)\n", path.c_str(),
                person > noPerson ? "person" : "no person", person, noPerson, scores[kPerson],
                scores[kNoPerson]);
  }
  return 0;
}
