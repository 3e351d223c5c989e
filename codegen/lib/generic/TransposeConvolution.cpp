// TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias: the prepared
// TransposeConvolutionParams and templates/generic/TransposeConvolution.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/TransposeConvolution.h"

namespace litec::codegen::generic {

llvm::Error checkTransposeConvolution(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareTransposeConvolution(op));
}

int64_t transposeConvolutionScratch(const ir::Op &op) {
  auto prepared = ir::ops::prepareTransposeConvolution(op);
  if (!prepared) {
    llvm::consumeError(prepared.takeError());
    return 0;
  }
  return prepared->scratchBytes;
}

llvm::Error emitTransposeConvolution(LayerContext &layer) {
  auto prepared = ir::ops::prepareTransposeConvolution(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("TransposeConvolution.h");
  const ir::ops::WeightedTypes &t = prepared->types;
  const ir::ops::WeightedOperands &o = prepared->operands;
  const std::string name = layer.paramsName() + "{}";
  const std::string input = layer.input(o.input), weights = layer.input(o.weights);
  if (t.isFloat) {
    layer.statement(fmt::format("litec::generic::transposeConvolutionFloat({}, {}, {}, {}, {});",
                                name, input, weights, t.hasBias ? layer.input(o.bias) : "nullptr",
                                layer.output(0)));
    return llvm::Error::success();
  }
  const WeightedBias bias = weightedBias(layer, t, o.bias, nullptr, 0);
  layer.statement(fmt::format(
      "litec::generic::transposeConvolutionQuantized<{}, {}, {}, {}>(\n      {}, {}, {}, {}, {}, "
      "{});",
      cppType(t.input), cppType(t.weights), bias.type, cppType(t.output), name, input, weights,
      bias.expression,
      layer.scratch(prepared->accumulatorBytes == 8 ? "std::int64_t" : "std::uint32_t"),
      layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
