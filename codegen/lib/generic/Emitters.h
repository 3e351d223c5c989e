#pragma once

// The generic target's layer emitters, one family per file: checkX says whether the family's
// kernel takes the op (and why not), emitX writes the layer.

#include "EmitSupport.h"

namespace litec::codegen::generic {

llvm::Error checkConvolution(const ir::Op &op); // CONV_2D, DEPTHWISE_CONV_2D
llvm::Error emitConvolution(LayerContext &layer);

llvm::Error checkFullyConnected(const ir::Op &op);
llvm::Error emitFullyConnected(LayerContext &layer);

llvm::Error checkReshape(const ir::Op &op); // RESHAPE, SQUEEZE, EXPAND_DIMS
llvm::Error emitReshape(LayerContext &layer);

// RSQRT, SQRT, EXP, LOG, ABS, NEG, FLOOR, CEIL, ROUND, SQUARE, SIN, COS
llvm::Error checkUnary(const ir::Op &op);
llvm::Error emitUnary(LayerContext &layer);

// RELU, RELU6, RELU_N1_TO_1, LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU
llvm::Error checkActivation(const ir::Op &op);
llvm::Error emitActivation(LayerContext &layer);

// ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, POW, PRELU
llvm::Error checkBinary(const ir::Op &op);
llvm::Error emitBinary(LayerContext &layer);

llvm::Error checkSoftmax(const ir::Op &op);
llvm::Error emitSoftmax(LayerContext &layer);

llvm::Error checkPooling(const ir::Op &op); // AVERAGE_POOL_2D, MAX_POOL_2D
llvm::Error emitPooling(LayerContext &layer);

llvm::Error checkPad(const ir::Op &op); // PAD, PADV2
llvm::Error emitPad(LayerContext &layer);

llvm::Error checkTranspose(const ir::Op &op);
llvm::Error emitTranspose(LayerContext &layer);

llvm::Error checkConcatenation(const ir::Op &op);
llvm::Error emitConcatenation(LayerContext &layer);

llvm::Error checkDepthToSpace(const ir::Op &op); // DEPTH_TO_SPACE, SPACE_TO_DEPTH
llvm::Error emitDepthToSpace(LayerContext &layer);

llvm::Error checkQuantization(const ir::Op &op); // QUANTIZE, DEQUANTIZE
llvm::Error emitQuantization(LayerContext &layer);

llvm::Error checkReduce(const ir::Op &op); // MEAN, SUM, REDUCE_MAX, REDUCE_MIN
int64_t reduceScratch(const ir::Op &op);
llvm::Error emitReduce(LayerContext &layer);

llvm::Error checkResize(const ir::Op &op); // RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR
llvm::Error emitResize(LayerContext &layer);

// TRANSPOSE_CONV and the custom Convolution2DTransposeBias
llvm::Error checkTransposeConvolution(const ir::Op &op);
int64_t transposeConvolutionScratch(const ir::Op &op);
llvm::Error emitTransposeConvolution(LayerContext &layer);

llvm::Error checkSvdf(const ir::Op &op);
llvm::Error emitSvdf(LayerContext &layer);

llvm::Error checkLstm(const ir::Op &op); // UNIDIRECTIONAL_SEQUENCE_LSTM
int64_t lstmScratch(const ir::Op &op);
llvm::Error emitLstm(LayerContext &layer);

llvm::Error checkSlice(const ir::Op &op); // SLICE, STRIDED_SLICE
llvm::Error emitSlice(LayerContext &layer);

llvm::Error checkChunks(const ir::Op &op); // SPLIT, SPLIT_V, UNPACK, PACK
llvm::Error emitChunks(LayerContext &layer);

llvm::Error checkMirrorPad(const ir::Op &op);
llvm::Error emitMirrorPad(LayerContext &layer);

llvm::Error checkGather(const ir::Op &op);
llvm::Error emitGather(LayerContext &layer);

llvm::Error checkCast(const ir::Op &op);
llvm::Error emitCast(LayerContext &layer);

llvm::Error checkArgMinMax(const ir::Op &op); // ARG_MAX, ARG_MIN
llvm::Error emitArgMinMax(LayerContext &layer);

llvm::Error checkBatchMatMul(const ir::Op &op);
llvm::Error emitBatchMatMul(LayerContext &layer);

} // namespace litec::codegen::generic
