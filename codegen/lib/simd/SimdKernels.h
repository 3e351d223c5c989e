#pragma once

// The layers other than convolutions of the SIMD targets (activations, binary ops, pooling,
// bilinear resizing, PAD, QUANTIZE/DEQUANTIZE, reductions, SOFTMAX, transposed convolutions): the
// checks and emitters that the neon and x86 targets share. Both have kernels of the
// same names and template arguments in their own namespace (templates/<target>/), so a target
// only says which kernels it calls and how wide their steps are.

#include "litec/codegen/LayerContext.h"

#include <llvm/Support/Error.h>

#include <span>
#include <string_view>

namespace litec::codegen::simd {

// What a SIMD target's kernels are called and how the layer comments describe their steps.
struct KernelSet {
  std::string_view target;       // in refusals and notes: "NEON", "x86"
  std::string_view ns;           // the kernels' namespace: "litec::neon"
  std::string_view lanesStep;    // element-wise and activation kernels: "16 lanes per step"
  std::string_view poolStep;     // pooling: "8 channels per step"
  std::string_view resizeStep;   // bilinear resizing: "16 channels per step"
  std::string_view vectorStep;   // SOFTMAX: "4 lanes a step"
  std::string_view quantizeStep; // QUANTIZE and DEQUANTIZE: "8 values a step"
  std::string_view padStep;      // PAD's padding: "16 bytes a step"
  // A transposed convolution's output channels past the last group of four: "one output channel"
  std::string_view transposeRest;
};

llvm::Error checkActivations(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitActivations(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkBinary(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitBinary(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkPooling(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitPooling(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkResize(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitResize(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkPad(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitPad(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkQuantization(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitQuantization(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkReduce(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitReduce(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkSoftmax(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitSoftmax(LayerContext &layer, const KernelSet &kernels);
llvm::Error checkTransposeConvolution(const ir::Op &op, const KernelSet &kernels);
llvm::Error emitTransposeConvolution(LayerContext &layer, const KernelSet &kernels);

// The functions above bound to one target's kernels, as plain functions for a target's table.
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
  static llvm::Error checkPad(const ir::Op &op) { return simd::checkPad(op, Kernels); }
  static llvm::Error emitPad(LayerContext &layer) { return simd::emitPad(layer, Kernels); }
  static llvm::Error checkQuantization(const ir::Op &op) {
    return simd::checkQuantization(op, Kernels);
  }
  static llvm::Error emitQuantization(LayerContext &layer) {
    return simd::emitQuantization(layer, Kernels);
  }
  static llvm::Error checkReduce(const ir::Op &op) { return simd::checkReduce(op, Kernels); }
  static llvm::Error emitReduce(LayerContext &layer) { return simd::emitReduce(layer, Kernels); }
  static llvm::Error checkSoftmax(const ir::Op &op) { return simd::checkSoftmax(op, Kernels); }
  static llvm::Error emitSoftmax(LayerContext &layer) { return simd::emitSoftmax(layer, Kernels); }
  static llvm::Error checkTransposeConvolution(const ir::Op &op) {
    return simd::checkTransposeConvolution(op, Kernels);
  }
  static llvm::Error emitTransposeConvolution(LayerContext &layer) {
    return simd::emitTransposeConvolution(layer, Kernels);
  }
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
