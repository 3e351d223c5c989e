#pragma once

// The generic target's layer emitters, one operator family per file (OpKinds.def's FAMILY column
// says which ops a family has): checkX says whether the family's kernel takes the op (and why
// not), emitX writes the layer.

#include "EmitSupport.h"

namespace litec::codegen::generic {

llvm::Error checkConvolution(const ir::Op &op);
llvm::Error emitConvolution(LayerContext &layer);

llvm::Error checkFullyConnected(const ir::Op &op);
llvm::Error emitFullyConnected(LayerContext &layer);

llvm::Error checkReshape(const ir::Op &op);
llvm::Error emitReshape(LayerContext &layer);

llvm::Error checkUnary(const ir::Op &op);
llvm::Error emitUnary(LayerContext &layer);

llvm::Error checkActivations(const ir::Op &op);
llvm::Error emitActivations(LayerContext &layer);

llvm::Error checkBinary(const ir::Op &op);
llvm::Error emitBinary(LayerContext &layer);

llvm::Error checkSoftmax(const ir::Op &op);
llvm::Error emitSoftmax(LayerContext &layer);

llvm::Error checkPooling(const ir::Op &op);
llvm::Error emitPooling(LayerContext &layer);

llvm::Error checkPad(const ir::Op &op);
llvm::Error emitPad(LayerContext &layer);

llvm::Error checkTranspose(const ir::Op &op);
llvm::Error emitTranspose(LayerContext &layer);

llvm::Error checkConcatenation(const ir::Op &op);
llvm::Error emitConcatenation(LayerContext &layer);

llvm::Error checkDepthToSpace(const ir::Op &op);
llvm::Error emitDepthToSpace(LayerContext &layer);

llvm::Error checkQuantization(const ir::Op &op);
llvm::Error emitQuantization(LayerContext &layer);

llvm::Error checkReduce(const ir::Op &op);
int64_t reduceScratch(const ir::Op &op);
llvm::Error emitReduce(LayerContext &layer);

llvm::Error checkResize(const ir::Op &op);
llvm::Error emitResize(LayerContext &layer);

llvm::Error checkTransposeConvolution(const ir::Op &op);
int64_t transposeConvolutionScratch(const ir::Op &op);
llvm::Error emitTransposeConvolution(LayerContext &layer);

llvm::Error checkSvdf(const ir::Op &op);
llvm::Error emitSvdf(LayerContext &layer);

llvm::Error checkLstm(const ir::Op &op);
int64_t lstmScratch(const ir::Op &op);
llvm::Error emitLstm(LayerContext &layer);

llvm::Error checkSlicing(const ir::Op &op);
llvm::Error emitSlicing(LayerContext &layer);

llvm::Error checkMirrorPad(const ir::Op &op);
llvm::Error emitMirrorPad(LayerContext &layer);

llvm::Error checkGather(const ir::Op &op);
llvm::Error emitGather(LayerContext &layer);

llvm::Error checkCast(const ir::Op &op);
llvm::Error emitCast(LayerContext &layer);

llvm::Error checkArgMinMax(const ir::Op &op);
llvm::Error emitArgMinMax(LayerContext &layer);

llvm::Error checkBatchMatMul(const ir::Op &op);
llvm::Error emitBatchMatMul(LayerContext &layer);

} // namespace litec::codegen::generic
