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

// The families the generic target has kernels for (every family but Densify, whose constant
// input constant folding always turns into a dense constant).
const std::map<ir::OpFamily, Family> &families() {
  using namespace generic;
  using F = ir::OpFamily;
  static const std::map<ir::OpFamily, Family> table = {
      {F::Activations, {checkActivations, emitActivations}},
      {F::ArgMinMax, {checkArgMinMax, emitArgMinMax}},
      {F::BatchMatMul, {checkBatchMatMul, emitBatchMatMul}},
      {F::Binary, {checkBinary, emitBinary}},
      {F::Cast, {checkCast, emitCast}},
      {F::Concatenation, {checkConcatenation, emitConcatenation}},
      {F::Convolution, {checkConvolution, emitConvolution}},
      {F::DepthToSpace, {checkDepthToSpace, emitDepthToSpace}},
      {F::FullyConnected, {checkFullyConnected, emitFullyConnected}},
      {F::Gather, {checkGather, emitGather}},
      {F::Lstm, {checkLstm, emitLstm, lstmScratch}},
      {F::MirrorPad, {checkMirrorPad, emitMirrorPad}},
      {F::Pad, {checkPad, emitPad}},
      {F::Pooling, {checkPooling, emitPooling}},
      {F::Quantization, {checkQuantization, emitQuantization}},
      {F::Reduce, {checkReduce, emitReduce, reduceScratch}},
      {F::Reshape, {checkReshape, emitReshape}},
      {F::Resize, {checkResize, emitResize}},
      {F::Slicing, {checkSlicing, emitSlicing}},
      {F::Softmax, {checkSoftmax, emitSoftmax}},
      {F::Svdf, {checkSvdf, emitSvdf}},
      {F::Transpose, {checkTranspose, emitTranspose}},
      {F::TransposeConvolution,
       {checkTransposeConvolution, emitTransposeConvolution, transposeConvolutionScratch}},
      {F::Unary, {checkUnary, emitUnary}},
  };
  return table;
}

const Family *familyFor(const ir::Op &op) {
  auto found = families().find(op.family());
  return found == families().end() ? nullptr : &found->second;
}

class GenericTarget final : public Target {
public:
  std::string_view name() const override { return "generic"; }
  std::string_view description() const override { return "portable C++17"; }
  llvm::Error checkLayer(const ir::Op &op) const override {
    const Family *family = familyFor(op);
    if (!family)
      return generic::refuse(op.kind == ir::OpKind::CUSTOM ? "no kernel for this custom operator"
                                                           : "no kernel for this operator yet");
    return family->check(op);
  }
  int64_t scratchBytes(const ir::Op &op) const override {
    const Family *family = familyFor(op);
    return family && family->scratch ? family->scratch(op) : 0;
  }
  // Element-wise kernels read element i of every operand before they write element i, so an
  // operand of the result's shape and element size can share its buffer.
  bool inPlace(const ir::Op &op) const override {
    if (!ir::hasTrait(op.kind, ir::OpTrait::Unary) && !ir::hasTrait(op.kind, ir::OpTrait::Binary))
      return false;
    if (op.results.size() != 1 || op.operands.empty() || !familyFor(op))
      return false;
    const ir::Value &result = *op.results[0];
    for (const ir::Value *v : op.operands)
      if (!v || v->shape != result.shape ||
          ir::elementByteSize(v->type) != ir::elementByteSize(result.type))
        return false;
    return true;
  }
  OperandSlices operandSlices(const ir::Op &op) const override {
    return op.kind == ir::OpKind::CONCATENATION ? generic::concatenationSlices(op)
                                                : OperandSlices{};
  }
  // The convolution kernels step through their output by ConvolutionParams::outPixelStride.
  bool stridedResult(const ir::Op &op) const override {
    const ir::OpKind base = ir::convolutionBase(op.kind);
    return (base == ir::OpKind::CONV_2D || base == ir::OpKind::DEPTHWISE_CONV_2D) &&
           op.results.size() == 1 && op.results[0]->shape.size() == 4;
  }
  llvm::Error emitLayer(LayerContext &layer) const override {
    const Family *family = familyFor(layer.op());
    if (!family)
      return generic::refuse("no kernel for this operator yet");
    return family->emit(layer);
  }
};
} // namespace

const Target &genericTarget() {
  static const GenericTarget target;
  return target;
}

} // namespace litec::codegen
