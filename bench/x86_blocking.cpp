// Benchmark (run by hand, not by ctest): what the x86 GEMM's cache blocking of output channels
// (x86::panelGroup in codegen/lib/x86/Convolution.cpp, the PanelGroup argument of
// templates/x86/Convolution.h) saves on layers whose packed weights outgrow L2. Each layer runs
// with every panel per block of pixels (no blocking) and with its panels in groups whose weights
// take a quarter, a half (litec's choice) and all of this core's L2, in alternating rounds;
// prints the median time of each and its ratio to the unblocked run. The sums are the same
// either way; the program checks that the outputs agree bit for bit. litec blocks a layer only
// where its weights outgrow a quarter of L3: these figures are why (README, "Cache blocking").
//
// Build and run (from the repository's root):
//   g++ -std=c++17 -O2 -march=native -Itemplates -Iruntime/include
//       bench/x86_blocking.cpp -o /tmp/x86_blocking && /tmp/x86_blocking [ROUNDS]

#include "x86/Convolution.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <utility>
#include <vector>

namespace {

// The fields of ConvolutionParams the float GEMM reads (the generated code's layer structs carry
// them as constants; here they are run-time values, as in the template tests).
struct Layer {
  int batches = 1, inH, inW, inC, outH, outW, outC, filterH = 1, filterW = 1, filterC;
  int strideH = 1, strideW = 1, padTop = 0, padLeft = 0, dilationH = 1, dilationW = 1;
  int groupSize, depthMultiplier = 1, epilogue = 0, epilogueChannels = 0, outPixelStride;
  litec::runtime::FloatRange floatRange{0.0f, std::numeric_limits<float>::infinity()}; // RELU
  litec::runtime::FloatRange epilogueRange{};
};

Layer pointwise(int height, int width, int inC, int outC) {
  Layer p;
  p.inH = p.outH = height;
  p.inW = p.outW = width;
  p.inC = p.filterC = inC;
  p.outC = p.groupSize = p.outPixelStride = outC;
  return p;
}

// The tile litec gives wide 1x1 layers at -march=x86-64-v3 (6 pixels x 16 channels).
constexpr int kMR = 6, kNR = 16;
using Kernel = void (*)(const Layer &, const float *, const float *, float *, const float *,
                        litec::runtime::Part);
// The panel groups measured; 0 is no blocking.
constexpr int kGroups[] = {0, 1, 2, 4, 8, 16, 32, 64, 128};
template <size_t... I> constexpr auto kernelsFor(std::index_sequence<I...>) {
  return std::array<Kernel, sizeof...(I)>{
      litec::x86::convolutionF32<kMR, kNR, 1, kGroups[I], Layer>...};
}
constexpr auto kKernels = kernelsFor(std::make_index_sequence<std::size(kGroups)>());

// The largest measured group whose panels fit in `bytes` (at least 1).
size_t groupIndexFor(int64_t bytes, int64_t panelBytes) {
  size_t best = 1;
  for (size_t i = 1; i < std::size(kGroups); ++i)
    if (kGroups[i] * panelBytes <= bytes)
      best = i;
  return best;
}

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void measure(const char *name, const Layer &p, int64_t l2, int rounds) {
  std::mt19937 random(7);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> filter(size_t(p.outC) * p.filterC), bias(size_t(p.outC)),
      input(size_t(p.inH) * p.inW * p.inC);
  for (float &x : filter)
    x = uniform(random);
  for (float &x : bias)
    x = uniform(random);
  for (float &x : input)
    x = uniform(random);
  std::vector<float> packed(size_t(litec::runtime::convolutionPackedFloats(p, kNR)));
  litec::runtime::packConvolutionWeights(p, kNR, filter.data(), bias.data(), packed.data());
  const int64_t panelBytes = litec::runtime::convolutionPanelFloats(p, kNR) * 4;
  const int panels = litec::runtime::convolutionPanels(p, kNR);
  // Unblocked, then groups taking about L2/4, L2/2 and L2 (fewer where the layer has fewer
  // panels).
  std::vector<size_t> variants = {0};
  for (int64_t bytes : {l2 / 4, l2 / 2, l2}) {
    const size_t v = groupIndexFor(bytes, panelBytes);
    if (kGroups[v] < panels && std::find(variants.begin(), variants.end(), v) == variants.end())
      variants.push_back(v);
  }
  const int64_t macs = int64_t(p.outH) * p.outW * p.outC * p.filterC;
  const int repeats = int(std::max<int64_t>(1, 2'000'000'000 / (macs * 10)));
  std::vector<std::vector<double>> times(variants.size());
  std::vector<float> reference(size_t(p.outH) * p.outW * p.outC), output(reference.size());
  for (int round = 0; round < rounds; ++round)
    for (size_t v = 0; v < variants.size(); ++v) {
      const Kernel kernel = kKernels[variants[v]];
      kernel(p, input.data(), packed.data(), output.data(), nullptr, {}); // warm
      const double start = seconds();
      for (int r = 0; r < repeats; ++r)
        kernel(p, input.data(), packed.data(), output.data(), nullptr, {});
      times[v].push_back((seconds() - start) / repeats);
      if (v == 0)
        reference = output;
      else if (std::memcmp(reference.data(), output.data(), output.size() * 4) != 0) {
        std::fprintf(stderr, "%s: panels in groups of %d differ from the unblocked result\n", name,
                     kGroups[variants[v]]);
        std::exit(1);
      }
    }
  const double base = median(times[0]);
  std::printf("| %s | %lld KiB | %d |", name, (long long)(panels * panelBytes / 1024), panels);
  for (size_t v = 0; v < variants.size(); ++v) {
    const double t = median(times[v]);
    std::printf(" %s %.3f ms (%.2fx, %.1f GMAC/s)", v == 0 ? "none" : "", t * 1e3, t / base,
                double(macs) / t * 1e-9);
    if (v > 0)
      std::printf(" groups of %d (%lld KiB)", kGroups[variants[v]],
                  (long long)(kGroups[variants[v]] * panelBytes / 1024));
    std::printf(v + 1 < variants.size() ? ";" : " |\n");
  }
}

} // namespace

int main(int argc, char **argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
  const long cache = sysconf(_SC_LEVEL2_CACHE_SIZE);
  const int64_t l2 = cache > 0 ? cache : 1024 * 1024;
  std::printf("L2 of this core: %lld KiB; %d-float vectors; tile %dx%d; %d rounds, medians\n\n",
              (long long)(l2 / 1024), litec::x86::F32::kLanes, kMR, kNR, rounds);
  std::printf(
      "| layer (1x1, f32) | weights | panels | time by panel group |\n|---|---:|---:|---|\n");
  measure("28x28, 256 to 512", pointwise(28, 28, 256, 512), l2, rounds);
  measure("14x14, 512 to 1024", pointwise(14, 14, 512, 1024), l2, rounds);
  measure("14x14, 1024 to 1024", pointwise(14, 14, 1024, 1024), l2, rounds);
  measure("14x14, 1024 to 1536", pointwise(14, 14, 1024, 1536), l2, rounds);
  measure("14x14, 1024 to 2048", pointwise(14, 14, 1024, 2048), l2, rounds);
  measure("14x14, 1536 to 2048", pointwise(14, 14, 1536, 2048), l2, rounds);
  measure("14x14, 2048 to 2048", pointwise(14, 14, 2048, 2048), l2, rounds);
  measure("7x7, 2048 to 2048", pointwise(7, 7, 2048, 2048), l2, rounds);
  return 0;
}
