#pragma once

// What the SIMD targets (neon, x86) have in common as targets: a table of kernel families, the
// generic target as fallback, element-wise layers in place and convolution results strided.

#include "../generic/GenericTarget.h"
#include "SimdKernels.h"

#include "litec/codegen/Target.h"

#include <fmt/format.h>

namespace litec::codegen::simd {

class SimdTarget : public Target {
public:
  SimdTarget(const KernelSet &kernels, std::span<const Family> families)
      : kernels_(kernels), families_(families) {}

  const Target *fallback() const override { return &genericTarget(); }
  llvm::Error checkLayer(const ir::Op &op) const override {
    const Family *family = familyFor(families_, op);
    if (!family)
      return noKernel();
    return family->check(op);
  }
  // The element-wise kernels read element i of every operand before they write element i, as
  // the generic ones do.
  bool inPlace(const ir::Op &op) const override {
    return op.family() != ir::OpFamily::Convolution && genericTarget().inPlace(op);
  }
  // The convolution microkernels step through their output by ConvolutionParams::outPixelStride.
  bool stridedResult(const ir::Op &op) const override {
    return op.family() == ir::OpFamily::Convolution && op.results.size() == 1 &&
           op.results[0]->shape.size() == 4;
  }
  bool splitsByPixels(const ir::Op &op) const override {
    return op.family() == ir::OpFamily::Convolution;
  }
  llvm::Error emitLayer(LayerContext &layer) const override {
    const Family *family = familyFor(families_, layer.op());
    if (!family)
      return noKernel();
    return family->emit(layer);
  }

private:
  llvm::Error noKernel() const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   fmt::format("no {} kernel for this op", kernels_.target));
  }

  const KernelSet &kernels_;
  std::span<const Family> families_;
};

} // namespace litec::codegen::simd
