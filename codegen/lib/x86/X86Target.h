#pragma once

#include "litec/codegen/Target.h"
#include "litec/ir/ops/Convolution.h"

namespace litec::codegen {

// AVX2/FMA and AVX-512 intrinsics for x86-64: convolutions as register-tiled microkernels of
// templates/x86/, float activations, element-wise ops, pooling and bilinear resizing on vector
// kernels; every other layer through the generic target.
const Target &x86Target();

namespace x86 {

// A register tile of the GEMM microkernel: MR pixels x NR output channels (NR a multiple of 8,
// AVX2's vector; AVX-512 builds mask a part-used last vector).
struct Tiles {
  int mr, nr;
};
// The tile for a convolution on `cpu`: of the tiles the CPU's registers hold, the one with the
// fewest estimated cycles for the layer's shape (a narrow panel for few output channels).
Tiles tilesFor(std::string_view cpu, const ir::ops::ConvolutionParams &p);
// The same for an int8 convolution (NR a multiple of 16).
Tiles int8TilesFor(std::string_view cpu, const ir::ops::ConvolutionParams &p);
// Whether `cpu` has VNNI (VPDPBUSD), which the int8 tiles are chosen for.
bool vnni(std::string_view cpu);

// Cache blocking of a GEMM's output channels: how many panels (of `panelBytes` packed weights
// each, `panels` in all) every block of pixels passes through before the next group, so that a
// group's weights stay in L2 of `cpu` while the pixels stream past them. 0 (every panel per
// block, no blocking) where all the weights stay in a quarter of L3 (streamed from there as fast)
// or there is one block of pixels.
int panelGroup(std::string_view cpu, int64_t panelBytes, int panels, int64_t pixelBlocks);

llvm::Error checkConvolution(const ir::Op &op);
llvm::Error emitConvolution(LayerContext &layer);

} // namespace x86
} // namespace litec::codegen
