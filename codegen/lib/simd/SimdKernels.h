#pragma once

// The float element-wise layers (activations, binary ops, pooling, bilinear resizing) of the SIMD
// targets: the checks and emitters that the neon and x86 targets share. Both have kernels of the
// same names and template arguments in their own namespace (templates/<target>/), so a target
// only says which kernels it calls and how wide their steps are.

#include "litec/codegen/LayerContext.h"

#include <llvm/Support/Error.h>

#include <span>
#include <string_view>

namespace litec::codegen::simd {

// What a SIMD target's kernels are called and how the layer comments describe their steps.
struct KernelSet {
  std::string_view target;     // in refusals and notes: "NEON", "x86"
  std::string_view ns;         // the kernels' namespace: "litec::neon"
  std::string_view lanesStep;  // element-wise and activation kernels: "16 lanes per step"
  std::string_view poolStep;   // pooling: "8 channels per step"
  std::string_view resizeStep; // bilinear resizing: "16 channels per step"
};

llvm::Error checkActivations(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitActivations(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkBinary(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitBinary(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkPooling(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitPooling(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkResize(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitResize(LayerContext &layer, const KernelSet &kernels);

// The four above bound to one target's kernels, as plain functions for a target's table.
template <const KernelSet &Kernels> struct Bound {
  static llvm::Error checkActivations(const ir::Op &op) {
    return simd::checkActivations(op, Kernels);
  }
  static llvm::Error emitActivations(LayerContext &layer) {
    return simd::emitActivations(layer, Kernels);
  }
  static llvm::Error checkBinary(const ir::Op &op) { return simd::checkBinary(op, Kernels); }
  static llvm::Error emitBinary(LayerContext &layer) { return simd::emitBinary(layer, Kernels); }
  static llvm::Error checkPooling(const ir::Op &op) { return simd::checkPooling(op, Kernels); }
  static llvm::Error emitPooling(LayerContext &layer) { return simd::emitPooling(layer, Kernels); }
  static llvm::Error checkResize(const ir::Op &op) { return simd::checkResize(op, Kernels); }
  static llvm::Error emitResize(LayerContext &layer) { return simd::emitResize(layer, Kernels); }
};

// A SIMD target's kernels, by op family: a layer of another family, or one its family's check
// refuses, runs on the fallback target's kernels.
struct Family {
  ir::OpFamily family;
  llvm::Error (*check)(const ir::Op &);
  llvm::Error (*emit)(LayerContext &);
};

inline const Family *familyFor(std::span<const Family> families, const ir::Op &op) {
  for (const Family &f : families)
    if (f.family == op.family())
      return &f;
  return nullptr;
}

} // namespace litec::codegen::simd
