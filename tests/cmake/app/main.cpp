// Runs two models compiled by litec_add_model in one program: micro_speech on the raw input file
// given, hello_world (sine) on x = 1.5, through the C++ and the C interfaces.
//   app INPUT OUTPUT   writes micro_speech's output to OUTPUT and prints sin's estimate

#include "sine.h"
#include "speech.h"

#include <cstdio>
#include <memory>
#include <vector>

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  std::vector<std::int8_t> input(app::speech::inputs::Reshape_1::kElementCount);
  std::FILE *in = std::fopen(argv[1], "rb");
  if (in == nullptr || std::fread(input.data(), 1, input.size(), in) != input.size())
    return 1;
  std::fclose(in);

  auto arena = std::make_unique<unsigned char[]>(app::speech::kArenaSize + 16);
  void *aligned =
      litec::runtime::alignedWithin(arena.get(), app::speech::kArenaSize + 16,
                                    app::speech::kArenaSize, app::speech::kArenaAlignment);
  app::speech::reset(aligned);
  std::int8_t scores[app::speech::outputs::labels_softmax::kElementCount];
  if (app::speech::invoke(aligned, input.data(), scores) != litec::runtime::Status::kOk)
    return 1;
  std::FILE *out = std::fopen(argv[2], "wb");
  std::fwrite(scores, 1, sizeof scores, out);
  std::fclose(out);

  // The C interface of the second model.
  std::vector<unsigned char> sineArena(sine_arena_size() + sine_arena_alignment());
  void *sineMemory = litec::runtime::alignedWithin(sineArena.data(), sineArena.size(),
                                                   sine_arena_size(), sine_arena_alignment());
  sine_reset(sineMemory);
  const float x = 1.5f;
  float y = 0.f;
  const void *inputs[] = {&x};
  void *outputs[] = {&y};
  if (sine_invoke(sineMemory, inputs, outputs) != 0)
    return 1;
  std::printf("sine(1.5) ~ %.2f\n", y);
  return 0;
}
