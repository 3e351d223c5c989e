#include "NeonTarget.h"

#include "../simd/SimdTarget.h"

namespace litec::codegen {

namespace neon {
// AArch64 has 32 vector registers: a 6x8 float tile is 12 accumulators, 6 input and 2 weight
// vectors; a depthwise tile of 8 channels keeps a 3x3 window's 18 weight vectors in registers;
// the sparse kernel's 4 channels x 16 pixels are 16 accumulators, 4 input and 1 weight vectors.
// 32-bit ARM has 16: 4x8 (8 accumulators), tiles of 4 channels and of 8 pixels.
Tiles tilesFor(std::string_view cpu) {
  if (cpu == "armv7")
    return {4, 8, 4, 8};
  return {6, 8, 8, 16};
}
} // namespace neon

namespace {
constexpr simd::KernelSet kKernels{"NEON",
                                   "litec::neon",
                                   "16 lanes per step",
                                   "8 channels per step",
                                   "16 channels per step",
                                   "4 lanes a step",
                                   "8 values a step",
                                   "16 bytes a step",
                                   "one output channel"};

using Kernels = simd::Bound<kKernels>;

// The families with NEON kernels; a layer of another family, or one its family's check
// refuses, runs on the generic kernels.
constexpr simd::Family kFamilies[] = {
    {ir::OpFamily::Activations, Kernels::checkActivations, Kernels::emitActivations},
    {ir::OpFamily::Binary, Kernels::checkBinary, Kernels::emitBinary},
    {ir::OpFamily::Convolution, neon::checkConvolution, neon::emitConvolution},
    {ir::OpFamily::Pad, Kernels::checkPad, Kernels::emitPad},
    {ir::OpFamily::Pooling, Kernels::checkPooling, Kernels::emitPooling},
    {ir::OpFamily::Quantization, Kernels::checkQuantization, Kernels::emitQuantization},
    {ir::OpFamily::Reduce, Kernels::checkReduce, Kernels::emitReduce},
    {ir::OpFamily::Resize, Kernels::checkResize, Kernels::emitResize},
    {ir::OpFamily::Softmax, Kernels::checkSoftmax, Kernels::emitSoftmax},
    {ir::OpFamily::TransposeConvolution, Kernels::checkTransposeConvolution,
     Kernels::emitTransposeConvolution},
};

class NeonTarget final : public simd::SimdTarget {
public:
  NeonTarget() : SimdTarget(kKernels, kFamilies) {}
  std::string_view name() const override { return "neon"; }
  std::string_view description() const override {
    return "NEON intrinsics for AArch64 and 32-bit ARM";
  }
  std::vector<std::string_view> cpus() const override {
    return {"generic-armv8", "cortex-a53", "cortex-a55", "cortex-a76", "armv7"};
  }
  // The NEON depthwise kernel takes a one-channel input's window in fewer instructions than the
  // int8 GEMM, which pads each tap's one channel to a group of four: micro_speech's first layer
  // as a convolution executed 640 k instructions an invoke on cortex-a76 against 434 k
  // (arm-insn-count).
  std::vector<std::string_view> unprofitablePasses() const override {
    return {"depthwise-as-convolution"};
  }
};
} // namespace

const Target &neonTarget() {
  static const NeonTarget target;
  return target;
}

} // namespace litec::codegen
