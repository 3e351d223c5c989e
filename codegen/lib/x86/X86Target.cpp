#include "X86Target.h"

#include "../simd/SimdTarget.h"
#include "litec/runtime/ConvolutionInt8Layout.h"
#include "litec/runtime/ConvolutionLayout.h"

#include <algorithm>
#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#endif
#include <span>
#if defined(__linux__)
#include <unistd.h>
#endif

namespace litec::codegen {

namespace x86 {
namespace {
// `native`: the tiles of the machine litec runs on (the build machine), by its CPU features.
bool hostHasAvx512() {
#if defined(__x86_64__) && defined(__GNUC__)
  return __builtin_cpu_supports("avx512f");
#else
  return false;
#endif
}

// AVX-VNNI is read from CPUID (leaf 7, subleaf 1, EAX bit 4): clang 14's
// __builtin_cpu_supports does not know the name "avxvnni".
bool hostHasVnni() {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512vnni"))
    return true;
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  return __builtin_cpu_supports("avx2") && __get_cpuid_count(7, 1, &eax, &ebx, &ecx, &edx) &&
         (eax & (1u << 4)) != 0;
#else
  return false;
#endif
}

// The build machine's caches, as the C library reads them (1 MiB of L2 and 16 MiB of L3 when it
// cannot).
CacheSizes hostCaches() {
  CacheSizes caches{32 * 1024, 1024 * 1024, 16 * 1024 * 1024};
#if defined(__linux__) && defined(_SC_LEVEL3_CACHE_SIZE)
  const long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE), l2 = sysconf(_SC_LEVEL2_CACHE_SIZE),
             l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
  if (l1 > 0 && l2 > 0) {
    caches.l1 = l1;
    caches.l2 = l2;
  }
  if (l3 > 0)
    caches.l3 = l3;
#endif
  return caches;
}

bool avx512Tiles(std::string_view cpu) {
  return cpu == "x86-64-v4" || cpu == "skylake-avx512" || cpu == "icelake-server" ||
         cpu == "znver4" || (cpu == "native" && hostHasAvx512());
}

// The register tiles a CPU's build can hold, each MR x NR with MR * NR / width accumulators.
// AVX2 has 16 vector registers of 8 floats: 12 accumulators, the panel's weight vectors and a
// broadcast. AVX-512 has 32 of 16: 24 accumulators (16 for NR = 64, whose 4 weight vectors stay
// in registers), the rest for weights and the compiler's use.
std::span<const Tiles> candidateTiles(std::string_view cpu) {
  static constexpr Tiles kAvx2[] = {{12, 8}, {6, 16}, {4, 24}, {3, 32}};
  static constexpr Tiles kAvx512[] = {{24, 16}, {12, 32}, {8, 48}, {4, 64}};
  if (avx512Tiles(cpu))
    return kAvx512;
  return kAvx2;
}

// The estimated cycles of a layer on a tile: per block of MR pixels and panel of NR channels,
// every step of the sums (a float input channel, or a group of four int8 ones) costs `step`
// cycles, and each block adds its gathering (a pointer per pixel and tap) and its epilogue
// (`epilogue` instructions per output vector). Padded pixels and channels are paid for in full:
// that is what makes a small layer choose a narrow tile.
template <class Step>
double tileCost(const ir::ops::ConvolutionParams &p, Tiles tile, int lanes, int64_t steps,
                double epilogue, Step &&step) {
  const int64_t vectors = (tile.nr + lanes - 1) / lanes;
  const int64_t blocks = runtime::convolutionBlocks(p, tile.mr);
  const int64_t panels = runtime::convolutionPanels(p, tile.nr);
  const double perBlock =
      double(p.filterH * p.filterW * tile.mr) +
      double(panels) * (double(steps) * step(tile.mr, vectors) + epilogue * tile.mr * vectors);
  return double(blocks) * perBlock;
}

template <class Cost> Tiles cheapest(std::span<const Tiles> candidates, Cost &&cost) {
  Tiles best{};
  double bestCost = 0;
  for (const Tiles &tile : candidates) {
    const double c = cost(tile);
    if (best.mr == 0 || c < bestCost) {
      best = tile;
      bestCost = c;
    }
  }
  return best;
}

// The int8 tiles, NR a multiple of 16. With VNNI a step is one VPDPBUSD per accumulator; without
// it four instructions (two VPMADDWD, two adds) and each operand's split into even and odd bytes,
// which also takes registers: AVX2's 16 then hold 4 x 16.
std::span<const Tiles> candidateInt8Tiles(bool avx512, bool vnni) {
  static constexpr Tiles kAvx2[] = {{4, 16}, {2, 32}};
  static constexpr Tiles kAvx2Vnni[] = {{6, 16}, {3, 32}};
  static constexpr Tiles kAvx512[] = {{8, 32}, {16, 16}, {4, 64}};
  static constexpr Tiles kAvx512Vnni[] = {{12, 32}, {24, 16}, {8, 48}, {6, 64}};
  if (avx512)
    return vnni ? std::span<const Tiles>(kAvx512Vnni) : std::span<const Tiles>(kAvx512);
  return vnni ? std::span<const Tiles>(kAvx2Vnni) : std::span<const Tiles>(kAvx2);
}
} // namespace

bool vnni(std::string_view cpu) {
  return cpu == "icelake-server" || cpu == "znver4" || cpu == "alderlake" ||
         (cpu == "native" && hostHasVnni());
}

// Float: a step's FMAs (two a cycle) or its loads (MR broadcasts and the panel's vectors, two a
// cycle), whichever is more.
Tiles tilesFor(std::string_view cpu, const ir::ops::ConvolutionParams &p) {
  const int lanes = avx512Tiles(cpu) ? 16 : 8;
  const int64_t steps = int64_t(p.filterH) * p.filterW * p.filterC;
  return cheapest(candidateTiles(cpu), [&](Tiles tile) {
    return tileCost(p, tile, lanes, steps, 4.0, [](int64_t mr, int64_t vectors) {
      return std::max(double(mr * vectors) / 2, double(mr + vectors) / 2);
    });
  });
}

// int8: the requantisation is about 20 instructions per output vector.
Tiles int8TilesFor(std::string_view cpu, const ir::ops::ConvolutionParams &p) {
  const bool wide = avx512Tiles(cpu), dot = vnni(cpu);
  const int lanes = wide ? 16 : 8;
  const int64_t steps = runtime::convolutionGroupsOf4(p);
  return cheapest(candidateInt8Tiles(wide, dot), [&](Tiles tile) {
    return tileCost(p, tile, lanes, steps, 20.0, [&](int64_t mr, int64_t vectors) {
      if (dot)
        return std::max(double(mr * vectors) / 2, double(mr + vectors) / 2);
      return double(4 * mr * vectors + 3 * (mr + vectors)) / 3;
    });
  });
}
} // namespace x86

namespace {
constexpr simd::KernelSet kKernels{"x86",
                                   "litec::x86",
                                   "4 vectors (32 lanes with AVX2, 64 with AVX-512) per step",
                                   "2 vectors of channels per step",
                                   "4 vectors of channels per step",
                                   "8 lanes a step (16 with AVX-512)",
                                   "8 values a step (16 with AVX-512)",
                                   "32 bytes a step",
                                   "one output channel for 4 output pixels at a time"};
using Kernels = simd::Bound<kKernels>;

// The families with x86 kernels; a layer of another family, or one its family's check refuses,
// runs on the generic kernels.
constexpr simd::Family kFamilies[] = {
    {ir::OpFamily::Activations, Kernels::checkActivations, Kernels::emitActivations},
    {ir::OpFamily::Binary, Kernels::checkBinary, Kernels::emitBinary},
    {ir::OpFamily::Convolution, x86::checkConvolution, x86::emitConvolution},
    {ir::OpFamily::Pad, Kernels::checkPad, Kernels::emitPad},
    {ir::OpFamily::Pooling, Kernels::checkPooling, Kernels::emitPooling},
    {ir::OpFamily::Quantization, Kernels::checkQuantization, Kernels::emitQuantization},
    {ir::OpFamily::Reduce, Kernels::checkReduce, Kernels::emitReduce},
    {ir::OpFamily::Resize, Kernels::checkResize, Kernels::emitResize},
    {ir::OpFamily::Softmax, Kernels::checkSoftmax, Kernels::emitSoftmax},
    {ir::OpFamily::TransposeConvolution, Kernels::checkTransposeConvolution,
     Kernels::emitTransposeConvolution},
};

class X86Target final : public simd::SimdTarget {
public:
  X86Target() : SimdTarget(kKernels, kFamilies) {}
  std::string_view name() const override { return "x86"; }
  std::string_view description() const override {
    return "AVX2/FMA and AVX-512 intrinsics for x86-64";
  }
  std::vector<std::string_view> cpus() const override {
    return {"x86-64-v3", "x86-64-v4",      "znver3",    "skylake-avx512",
            "znver4",    "icelake-server", "alderlake", "native"};
  }
  // The intrinsics need the instruction sets enabled: the host's own for `litec verify`.
  std::vector<std::string> hostBuildFlags() const override { return {"-march=native"}; }
  // L1 and L2 per core, L3 of the chip (of a Zen CCD); the generic levels a common part's.
  // `native`: the build machine's.
  CacheSizes cacheSizes(std::string_view cpu) const override {
    constexpr int64_t KiB = 1024, MiB = 1024 * KiB;
    if (cpu == "native")
      return x86::hostCaches();
    if (cpu == "icelake-server")
      return {48 * KiB, 1280 * KiB, 32 * MiB};
    if (cpu == "alderlake")
      return {48 * KiB, 1280 * KiB, 30 * MiB};
    if (cpu == "znver4")
      return {32 * KiB, 1024 * KiB, 32 * MiB};
    if (cpu == "x86-64-v4" || cpu == "skylake-avx512")
      return {32 * KiB, 1024 * KiB, 16 * MiB};
    if (cpu == "znver3")
      return {32 * KiB, 512 * KiB, 32 * MiB};
    return {32 * KiB, 512 * KiB, 16 * MiB}; // x86-64-v3
  }
  // The kernels load any alignment; the arena's buffers on 64 bytes keep a vector of 16 floats
  // inside one cache line.
  int64_t arenaAlignment() const override { return 64; }
};
} // namespace

const Target &x86Target() {
  static const X86Target target;
  return target;
}

} // namespace litec::codegen
