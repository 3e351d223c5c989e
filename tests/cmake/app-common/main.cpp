// Runs the two models litec_add_model compiled into this application: the int8 classifier
// through its C++ API, the float regressor through its C interface.
//   app CLASSIFIER_INPUT CLASSIFIER_OUTPUT REGRESSOR_OUTPUT
// reads the classifier's raw int8 input, writes both models' raw outputs (the regressor's for
// x = 1.5).

#include "classifier.h"
#include "regressor.h"

#include <cstdio>
#include <memory>
#include <vector>

namespace {
bool writeFile(const char *path, const void *bytes, std::size_t size) {
  std::FILE *out = std::fopen(path, "wb");
  const bool ok = out != nullptr && std::fwrite(bytes, 1, size, out) == size;
  return out != nullptr && std::fclose(out) == 0 && ok;
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 4)
    return 2;
  namespace classifier = app::classifier;
  std::vector<classifier::inputs::image::Element> image(classifier::inputs::image::kElementCount);
  std::FILE *in = std::fopen(argv[1], "rb");
  if (in == nullptr || std::fread(image.data(), 1, image.size(), in) != image.size())
    return 1;
  std::fclose(in);

  const std::size_t bytes = classifier::kArenaSize + classifier::kArenaAlignment;
  auto memory = std::make_unique<unsigned char[]>(bytes);
  void *arena = litec::runtime::alignedWithin(memory.get(), bytes, classifier::kArenaSize,
                                              classifier::kArenaAlignment);
  classifier::reset(arena);
  classifier::outputs::scores::Element scores[classifier::outputs::scores::kElementCount];
  if (classifier::invoke(arena, image.data(), scores) != litec::runtime::Status::kOk)
    return 1;
  if (!writeFile(argv[2], scores, sizeof scores))
    return 1;

  std::vector<unsigned char> regressorArena(regressor_arena_size() + regressor_arena_alignment());
  void *aligned =
      litec::runtime::alignedWithin(regressorArena.data(), regressorArena.size(),
                                    regressor_arena_size(), regressor_arena_alignment());
  regressor_reset(aligned);
  const float x = 1.5f;
  float y = 0.f;
  const void *inputs[] = {&x};
  void *outputs[] = {&y};
  if (regressor_invoke(aligned, inputs, outputs) != 0 || !writeFile(argv[3], &y, sizeof y))
    return 1;
  std::printf("classifier scores [%d %d %d %d %d], regressor(1.5) = %.6f\n", scores[0], scores[1],
              scores[2], scores[3], scores[4], double(y));
  return 0;
}
