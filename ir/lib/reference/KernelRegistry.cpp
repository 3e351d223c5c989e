#include "KernelSupport.h"

#include "litec/ir/ops/TransposeConvolution.h"

namespace litec::ir::reference {

llvm::Expected<KernelPtr> prepareKernel(const Op &op) {
  switch (op.kind) {
  case OpKind::CONV_2D:
  case OpKind::DEPTHWISE_CONV_2D:
    return prepareConvolution(op);
  case OpKind::FULLY_CONNECTED:
    return prepareFullyConnected(op);
  case OpKind::AVERAGE_POOL_2D:
  case OpKind::MAX_POOL_2D:
    return preparePool2D(op);
  case OpKind::SOFTMAX:
    return prepareSoftmax(op);
  case OpKind::RESHAPE:
  case OpKind::SQUEEZE:
  case OpKind::EXPAND_DIMS:
    return prepareCopy(op);
  case OpKind::PAD:
  case OpKind::PADV2:
    return preparePad(op);
  case OpKind::MEAN:
  case OpKind::SUM:
  case OpKind::REDUCE_MAX:
  case OpKind::REDUCE_MIN:
    return prepareReduce(op);
  case OpKind::RSQRT:
  case OpKind::SQRT:
  case OpKind::EXP:
  case OpKind::LOG:
  case OpKind::ABS:
  case OpKind::NEG:
  case OpKind::FLOOR:
  case OpKind::CEIL:
  case OpKind::ROUND:
  case OpKind::SQUARE:
  case OpKind::SIN:
  case OpKind::COS:
    return prepareUnary(op);
  case OpKind::ADD:
  case OpKind::SUB:
  case OpKind::MUL:
  case OpKind::DIV:
  case OpKind::MAXIMUM:
  case OpKind::MINIMUM:
  case OpKind::SQUARED_DIFFERENCE:
  case OpKind::POW:
  case OpKind::PRELU:
    return prepareBinary(op);
  case OpKind::SLICE:
  case OpKind::STRIDED_SLICE:
    return prepareSlice(op);
  case OpKind::SPLIT:
  case OpKind::SPLIT_V:
  case OpKind::PACK:
  case OpKind::UNPACK:
    return prepareSplitOrPack(op);
  case OpKind::GATHER:
    return prepareGather(op);
  case OpKind::CAST:
    return prepareCast(op);
  case OpKind::ARG_MAX:
  case OpKind::ARG_MIN:
    return prepareArgMinMax(op);
  case OpKind::MIRROR_PAD:
    return prepareMirrorPad(op);
  case OpKind::RESIZE_NEAREST_NEIGHBOR:
    return prepareResizeNearestNeighbor(op);
  case OpKind::BATCH_MATMUL:
    return prepareBatchMatMul(op);
  case OpKind::TRANSPOSE:
    return prepareTranspose(op);
  case OpKind::QUANTIZE:
    return prepareQuantize(op);
  case OpKind::DEQUANTIZE:
    return prepareDequantize(op);
  case OpKind::RESIZE_BILINEAR:
    return prepareResizeBilinear(op);
  case OpKind::DENSIFY:
    return prepareDensify(op);
  case OpKind::DEPTH_TO_SPACE:
  case OpKind::SPACE_TO_DEPTH:
    return prepareBlockRearrange(op);
  case OpKind::TRANSPOSE_CONV:
    return prepareTransposeConvolution(op);
  case OpKind::CUSTOM:
    if (ops::isTransposeConvolution(op))
      return prepareTransposeConvolution(op);
    return kernelError("the reference interpreter has no kernel for this custom operator");
  case OpKind::CONCATENATION:
    return prepareConcatenation(op);
  case OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM:
    return prepareLstm(op);
  case OpKind::SVDF:
    return prepareSvdf(op);
  case OpKind::RELU:
  case OpKind::RELU6:
  case OpKind::RELU_N1_TO_1:
  case OpKind::LOGISTIC:
  case OpKind::TANH:
  case OpKind::HARD_SWISH:
  case OpKind::LEAKY_RELU:
    return prepareActivation(op);
  default:
    return kernelError("the reference interpreter has no kernel for this operator yet");
  }
}

} // namespace litec::ir::reference
