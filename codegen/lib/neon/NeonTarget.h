#pragma once

#include "litec/codegen/Target.h"

namespace litec::codegen {

// NEON intrinsics for AArch64 and 32-bit ARM: convolutions as register-tiled microkernels of
// templates/neon/, element-wise and other memory-bound layers as vector loops; every other layer
// through the generic target.
const Target &neonTarget();

namespace neon {

// The register tiles a CPU gets (`--cpu`): MR x NR for the GEMM microkernels, CT channels for
// the depthwise ones, PT pixels for the sparse pointwise one.
struct Tiles {
  int mr, nr, ct, pt;
};
Tiles tilesFor(std::string_view cpu);

llvm::Error checkConvolution(const ir::Op &op);
llvm::Error emitConvolution(LayerContext &layer);

} // namespace neon
} // namespace litec::codegen
