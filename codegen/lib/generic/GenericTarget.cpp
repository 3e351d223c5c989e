#include "GenericTarget.h"

#include "Emitters.h"

#include <map>

namespace litec::codegen {

namespace {
struct Family {
  llvm::Error (*check)(const ir::Op &);
  llvm::Error (*emit)(LayerContext &);
  int64_t (*scratch)(const ir::Op &) = nullptr;
};

const std::map<ir::OpKind, Family> &families() {
  using namespace generic;
  static const std::map<ir::OpKind, Family> table = [] {
    std::map<ir::OpKind, Family> t = {
        {ir::OpKind::CONV_2D, {checkConvolution, emitConvolution}},
        {ir::OpKind::DEPTHWISE_CONV_2D, {checkConvolution, emitConvolution}},
        {ir::OpKind::FULLY_CONNECTED, {checkFullyConnected, emitFullyConnected}},
        {ir::OpKind::RESHAPE, {checkReshape, emitReshape}},
        {ir::OpKind::SQUEEZE, {checkReshape, emitReshape}},
        {ir::OpKind::EXPAND_DIMS, {checkReshape, emitReshape}},
        {ir::OpKind::SOFTMAX, {checkSoftmax, emitSoftmax}},
        {ir::OpKind::AVERAGE_POOL_2D, {checkPooling, emitPooling}},
        {ir::OpKind::MAX_POOL_2D, {checkPooling, emitPooling}},
        {ir::OpKind::PAD, {checkPad, emitPad}},
        {ir::OpKind::PADV2, {checkPad, emitPad}},
        {ir::OpKind::TRANSPOSE, {checkTranspose, emitTranspose}},
        {ir::OpKind::CONCATENATION, {checkConcatenation, emitConcatenation}},
        {ir::OpKind::QUANTIZE, {checkQuantization, emitQuantization}},
        {ir::OpKind::DEQUANTIZE, {checkQuantization, emitQuantization}},
        {ir::OpKind::DEPTH_TO_SPACE, {checkDepthToSpace, emitDepthToSpace}},
        {ir::OpKind::SPACE_TO_DEPTH, {checkDepthToSpace, emitDepthToSpace}},
        {ir::OpKind::RESIZE_BILINEAR, {checkResize, emitResize}},
        {ir::OpKind::RESIZE_NEAREST_NEIGHBOR, {checkResize, emitResize}},
        {ir::OpKind::TRANSPOSE_CONV,
         {checkTransposeConvolution, emitTransposeConvolution, transposeConvolutionScratch}},
        {ir::OpKind::CUSTOM,
         {checkTransposeConvolution, emitTransposeConvolution, transposeConvolutionScratch}},
        {ir::OpKind::SVDF, {checkSvdf, emitSvdf}},
        {ir::OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM, {checkLstm, emitLstm, lstmScratch}},
        {ir::OpKind::SLICE, {checkSlice, emitSlice}},
        {ir::OpKind::STRIDED_SLICE, {checkSlice, emitSlice}},
        {ir::OpKind::MIRROR_PAD, {checkMirrorPad, emitMirrorPad}},
        {ir::OpKind::SPLIT, {checkChunks, emitChunks}},
        {ir::OpKind::SPLIT_V, {checkChunks, emitChunks}},
        {ir::OpKind::UNPACK, {checkChunks, emitChunks}},
        {ir::OpKind::PACK, {checkChunks, emitChunks}},
        {ir::OpKind::GATHER, {checkGather, emitGather}},
        {ir::OpKind::CAST, {checkCast, emitCast}},
        {ir::OpKind::ARG_MAX, {checkArgMinMax, emitArgMinMax}},
        {ir::OpKind::ARG_MIN, {checkArgMinMax, emitArgMinMax}},
        {ir::OpKind::BATCH_MATMUL, {checkBatchMatMul, emitBatchMatMul}},
        {ir::OpKind::MEAN, {checkReduce, emitReduce, reduceScratch}},
        {ir::OpKind::SUM, {checkReduce, emitReduce, reduceScratch}},
        {ir::OpKind::REDUCE_MAX, {checkReduce, emitReduce, reduceScratch}},
        {ir::OpKind::REDUCE_MIN, {checkReduce, emitReduce, reduceScratch}},
        {ir::OpKind::ADD, {checkBinary, emitBinary}},
        {ir::OpKind::SUB, {checkBinary, emitBinary}},
        {ir::OpKind::MUL, {checkBinary, emitBinary}},
        {ir::OpKind::DIV, {checkBinary, emitBinary}},
        {ir::OpKind::MAXIMUM, {checkBinary, emitBinary}},
        {ir::OpKind::MINIMUM, {checkBinary, emitBinary}},
        {ir::OpKind::SQUARED_DIFFERENCE, {checkBinary, emitBinary}},
        {ir::OpKind::POW, {checkBinary, emitBinary}},
        {ir::OpKind::PRELU, {checkBinary, emitBinary}},
    };
    for (ir::OpKind kind :
         {ir::OpKind::RSQRT, ir::OpKind::SQRT, ir::OpKind::EXP, ir::OpKind::LOG, ir::OpKind::ABS,
          ir::OpKind::NEG, ir::OpKind::FLOOR, ir::OpKind::CEIL, ir::OpKind::ROUND,
          ir::OpKind::SQUARE, ir::OpKind::SIN, ir::OpKind::COS})
      t.emplace(kind, Family{checkUnary, emitUnary});
    for (ir::OpKind kind :
         {ir::OpKind::RELU, ir::OpKind::RELU6, ir::OpKind::RELU_N1_TO_1, ir::OpKind::LOGISTIC,
          ir::OpKind::TANH, ir::OpKind::HARD_SWISH, ir::OpKind::LEAKY_RELU})
      t.emplace(kind, Family{checkActivation, emitActivation});
    return t;
  }();
  return table;
}

class GenericTarget final : public Target {
public:
  std::string_view name() const override { return "generic"; }
  std::string_view description() const override { return "portable C++17"; }
  llvm::Error checkLayer(const ir::Op &op) const override {
    auto found = families().find(op.kind);
    if (found == families().end())
      return generic::refuse("no kernel for this operator yet");
    return found->second.check(op);
  }
  int64_t scratchBytes(const ir::Op &op) const override {
    auto found = families().find(op.kind);
    return found != families().end() && found->second.scratch ? found->second.scratch(op) : 0;
  }
  // Element-wise kernels read element i of every operand before they write element i, so an
  // operand of the result's shape and element size can share its buffer.
  bool inPlace(const ir::Op &op) const override {
    if (!ir::hasTrait(op.kind, ir::OpTrait::Unary) && !ir::hasTrait(op.kind, ir::OpTrait::Binary))
      return false;
    if (op.results.size() != 1 || op.operands.empty() || !families().count(op.kind))
      return false;
    const ir::Value &result = *op.results[0];
    for (const ir::Value *v : op.operands)
      if (!v || v->shape != result.shape ||
          ir::elementByteSize(v->type) != ir::elementByteSize(result.type))
        return false;
    return true;
  }
  llvm::Error emitLayer(LayerContext &layer) const override {
    return families().at(layer.op().kind).emit(layer);
  }
};
} // namespace

const Target &genericTarget() {
  static const GenericTarget target;
  return target;
}

} // namespace litec::codegen
