#include "X86Target.h"

#include "../simd/SimdTarget.h"

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

} // namespace

// AVX2 has 16 vector registers of 8 floats: a 6x16 tile is 12 accumulators, 2 weight vectors
// and a broadcast. AVX-512 has 32 of 16: 8x32 is 16 accumulators, 2 weight vectors and a
// broadcast, leaving room for the compiler's addresses and the next weights.
Tiles tilesFor(std::string_view cpu) {
  const bool avx512 =
      cpu == "x86-64-v4" || cpu == "skylake-avx512" || (cpu == "native" && hostHasAvx512());
  return avx512 ? Tiles{8, 32} : Tiles{6, 16};
}
} // namespace x86

namespace {
constexpr simd::KernelSet kKernels{
    "x86", "litec::x86", "4 vectors (32 lanes with AVX2, 64 with AVX-512) per step",
    "2 vectors of channels per step", "4 vectors of channels per step"};
using Kernels = simd::Bound<kKernels>;

// The families with x86 kernels; a layer of another family, or one its family's check refuses,
// runs on the generic kernels.
constexpr simd::Family kFamilies[] = {
    {ir::OpFamily::Activations, Kernels::checkActivations, Kernels::emitActivations},
    {ir::OpFamily::Binary, Kernels::checkBinary, Kernels::emitBinary},
    {ir::OpFamily::Convolution, x86::checkConvolution, x86::emitConvolution},
    {ir::OpFamily::Pooling, Kernels::checkPooling, Kernels::emitPooling},
    {ir::OpFamily::Resize, Kernels::checkResize, Kernels::emitResize},
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
