// Float AVERAGE_POOL_2D and MAX_POOL_2D on a SIMD target's kernel of templates/<target>/Pooling.h;
// integer pools run on the generic kernel.

#include "SimdKernels.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Pooling.h"

namespace litec::codegen::simd {

llvm::Error checkPooling(const ir::Op &op, const KernelSet &kernels) {
  auto prepared = ir::ops::preparePooling(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->type != ir::ElementType::F32)
    return generic::refuse(fmt::format("no {} kernel for integer pooling yet", kernels.target));
  return llvm::Error::success();
}

llvm::Error emitPooling(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::preparePooling(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Pooling.h");
  layer.note(fmt::format("kernel: {} f32 {} pool, {}, the reference's order (bit-exact)",
                         kernels.target, prepared->isMax ? "max" : "average", kernels.poolStep));
  const ir::ops::PoolingParams &p = prepared->params;
  const int rows = p.batches * p.outH;
  const std::string part = generic::splitAcrossWorkers(
      layer, int64_t(rows) * p.outW * p.channels * p.filterH * p.filterW, rows, "output rows");
  layer.statement(fmt::format("{}::poolF32<{}>({}{{}}, {}, {}{});", kernels.ns, prepared->isMax,
                              layer.paramsName(), layer.input(0), layer.output(0), part));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
