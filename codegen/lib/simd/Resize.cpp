// Float RESIZE_BILINEAR on a SIMD target's kernel of templates/<target>/Resize.h, from the prepared
// ResizeParams (TFLite's samples); nearest neighbour and the integer blends run on the generic
// kernels.

#include "SimdKernels.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Resize.h"

namespace litec::codegen::simd {

llvm::Error checkResize(const ir::Op &op, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareResize(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->kind != ir::ops::ResizeKind::FloatBilinear ||
      prepared->type != ir::ElementType::F32)
    return generic::refuse(
        fmt::format("no {} kernel for nearest-neighbour or integer resizing yet", kernels.target));
  return llvm::Error::success();
}

llvm::Error emitResize(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareResize(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Resize.h");
  layer.note(fmt::format("kernel: {} f32 bilinear, {}, the four weights of each output pixel in "
                         "registers",
                         kernels.target, kernels.resizeStep));
  // Each output reads four input pixels.
  const ir::ops::ResizeParams &p = prepared->params;
  const int rows = p.batches * p.outH;
  const std::string part = generic::splitAcrossWorkers(
      layer, 4 * int64_t(rows) * p.outW * p.channels, rows, "output rows");
  layer.statement(fmt::format("{}::resizeBilinearF32({}{{}}, {}, {}{});", kernels.ns,
                              layer.paramsName(), layer.input(0), layer.output(0), part));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
