// Float TRANSPOSE_CONV and Convolution2DTransposeBias on a SIMD target's kernel
// of templates/<target>/TransposeConvolution.h (output-stationary dot products over the input
// channels); the quantised forms run on the generic kernels.

#include "SimdKernels.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/TransposeConvolution.h"

namespace litec::codegen::simd {

llvm::Error checkTransposeConvolution(const ir::Op &op, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareTransposeConvolution(op);
  if (!prepared)
    return prepared.takeError();
  if (!prepared->types.isFloat)
    return generic::refuse(
        fmt::format("no {} kernel for quantised transposed convolutions yet", kernels.target));
  return llvm::Error::success();
}

llvm::Error emitTransposeConvolution(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareTransposeConvolution(layer.op());
  if (!prepared)
    return prepared.takeError();
  const ir::ops::TransposeConvolutionParams &p = prepared->params;
  writeParams(layer, p);
  layer.require("TransposeConvolution.h");
  const ir::ops::WeightedOperands &o = prepared->operands;
  layer.note(fmt::format("kernel: {} f32 transposed convolution, output-stationary: each output "
                         "pixel's taps (stride {}x{}) as dot products over {} input channels, {}",
                         kernels.target, p.strideH, p.strideW, p.inC,
                         p.outC >= 4 ? "4 output channels at a time" : kernels.transposeRest));
  layer.statement(fmt::format("{}::transposeConvolutionF32({}{{}}, {}, {}, {}, {});", kernels.ns,
                              layer.paramsName(), layer.input(o.input), layer.input(o.weights),
                              prepared->types.hasBias ? layer.input(o.bias) : "nullptr",
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
