#include "X86Target.h"

#include "../simd/SimdTarget.h"
#include "litec/runtime/ConvolutionLayout.h"

#include <algorithm>
#include <span>

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

bool avx512Tiles(std::string_view cpu) {
  return cpu == "x86-64-v4" || cpu == "skylake-avx512" || (cpu == "native" && hostHasAvx512());
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
// every tap and input channel costs the larger of its FMAs (two a cycle) and its loads (MR
// broadcasts and the panel's vectors, two a cycle), and each block adds its gathering (a pointer
// per pixel and tap) and its epilogue (a few instructions per output vector). Padded pixels and
// channels are paid for in full: that is what makes a small layer choose a narrow tile.
double tileCost(const ir::ops::ConvolutionParams &p, Tiles tile, int lanes) {
  const int64_t vectors = (tile.nr + lanes - 1) / lanes;
  const int64_t blocks = runtime::convolutionBlocks(p, tile.mr);
  const int64_t panels = runtime::convolutionPanels(p, tile.nr);
  const int64_t depth = int64_t(p.filterH) * p.filterW * p.filterC;
  const double step = std::max(double(tile.mr * vectors) / 2, double(tile.mr + vectors) / 2);
  const double perBlock = double(p.filterH * p.filterW * tile.mr) +
                          double(panels) * (double(depth) * step + 4.0 * tile.mr * vectors);
  return double(blocks) * perBlock;
}
} // namespace

Tiles tilesFor(std::string_view cpu, const ir::ops::ConvolutionParams &p) {
  const int lanes = avx512Tiles(cpu) ? 16 : 8;
  Tiles best{};
  double bestCost = 0;
  for (const Tiles &tile : candidateTiles(cpu)) {
    const double cost = tileCost(p, tile, lanes);
    if (best.mr == 0 || cost < bestCost) {
      best = tile;
      bestCost = cost;
    }
  }
  return best;
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
    return {"x86-64-v3", "x86-64-v4", "znver3", "skylake-avx512", "native"};
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
