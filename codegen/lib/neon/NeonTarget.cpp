#include "NeonTarget.h"

#include "../generic/GenericTarget.h"

namespace litec::codegen {

namespace neon {
// AArch64 has 32 vector registers: a 6x8 float tile is 12 accumulators, 6 input and 2 weight
// vectors; a depthwise tile of 8 channels keeps a 3x3 window's 18 weight vectors in registers.
// 32-bit ARM has 16: 4x8 (8 accumulators) and tiles of 4 channels.
Tiles tilesFor(std::string_view cpu) {
  if (cpu == "armv7")
    return {4, 8, 4};
  return {6, 8, 8};
}
} // namespace neon

namespace {
class NeonTarget final : public Target {
public:
  std::string_view name() const override { return "neon"; }
  std::string_view description() const override {
    return "NEON intrinsics for AArch64 and 32-bit ARM";
  }
  const Target *fallback() const override { return &genericTarget(); }
  std::vector<std::string_view> cpus() const override {
    return {"generic-armv8", "cortex-a53", "cortex-a55", "cortex-a76", "armv7"};
  }
  llvm::Error checkLayer(const ir::Op &op) const override {
    if (op.family() == ir::OpFamily::Convolution)
      return neon::checkConvolution(op);
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "no NEON kernel for this op");
  }
  // Both microkernels step through their output by ConvolutionParams::outPixelStride.
  bool stridedResult(const ir::Op &op) const override {
    return op.family() == ir::OpFamily::Convolution && op.results.size() == 1 &&
           op.results[0]->shape.size() == 4;
  }
  llvm::Error emitLayer(LayerContext &layer) const override { return neon::emitConvolution(layer); }
};
} // namespace

const Target &neonTarget() {
  static const NeonTarget target;
  return target;
}

} // namespace litec::codegen
