// Float TRANSPOSE_CONV and Convolution2DTransposeBias on the NEON kernel of
// templates/neon/TransposeConvolution.h (output-stationary dot products over the input
// channels); the quantised forms run on the generic kernels.

#include "NeonTarget.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/TransposeConvolution.h"

namespace litec::codegen::neon {

llvm::Error checkTransposeConvolution(const ir::Op &op) {
  auto prepared = ir::ops::prepareTransposeConvolution(op);
  if (!prepared)
    return prepared.takeError();
  if (!prepared->types.isFloat)
    return generic::refuse("no NEON kernel for quantised transposed convolutions yet");
  return llvm::Error::success();
}

llvm::Error emitTransposeConvolution(LayerContext &layer) {
  auto prepared = ir::ops::prepareTransposeConvolution(layer.op());
  if (!prepared)
    return prepared.takeError();
  const ir::ops::TransposeConvolutionParams &p = prepared->params;
  writeParams(layer, p);
  layer.require("TransposeConvolution.h");
  const ir::ops::WeightedOperands &o = prepared->operands;
  layer.note(fmt::format("kernel: NEON f32 transposed convolution, output-stationary: each output "
                         "pixel's taps (stride {}x{}) as dot products over {} input channels, {}",
                         p.strideH, p.strideW, p.inC,
                         p.outC >= 4 ? "4 output channels at a time" : "one output channel"));
  layer.statement(fmt::format("litec::neon::transposeConvolutionF32({}{{}}, {}, {}, {}, {});",
                              layer.paramsName(), layer.input(o.input), layer.input(o.weights),
                              prepared->types.hasBias ? layer.input(o.bias) : "nullptr",
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::neon
