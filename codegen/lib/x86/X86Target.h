#pragma once

#include "litec/codegen/Target.h"

namespace litec::codegen {

// AVX2/FMA and AVX-512 intrinsics for x86-64: convolutions as register-tiled microkernels of
// templates/x86/; every other layer through the generic target.
const Target &x86Target();

namespace x86 {

// The register tiles a CPU gets (`--cpu`): MR x NR for the GEMM microkernel (NR a multiple of
// the vector width of the build the CPU implies).
struct Tiles {
  int mr, nr;
};
Tiles tilesFor(std::string_view cpu);

llvm::Error checkConvolution(const ir::Op &op);
llvm::Error emitConvolution(LayerContext &layer);

} // namespace x86
} // namespace litec::codegen
