// Float MEAN, SUM, REDUCE_MAX and REDUCE_MIN over one run of neighbouring axes on a SIMD target's
// kernel of templates/<target>/Reduce.h; integer reductions and scattered axes run on the generic
// kernels.

#include "SimdKernels.h"

#include "../generic/EmitSupport.h"
#include "litec/ir/ops/Reduce.h"

namespace litec::codegen::simd {

namespace {
const char *reduceOpName(ir::ops::Reduction r) {
  using ir::ops::Reduction;
  return r == Reduction::Mean  ? "kMean"
         : r == Reduction::Sum ? "kSum"
         : r == Reduction::Max ? "kMax"
                               : "kMin";
}
} // namespace

llvm::Error checkReduce(const ir::Op &op, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareReduce(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->type != ir::ElementType::F32)
    return generic::refuse(fmt::format("no {} kernel for integer reductions yet", kernels.target));
  if (!ir::ops::reducedRun(prepared->params))
    return generic::refuse("the reduced axes are not neighbours");
  return llvm::Error::success();
}

llvm::Error emitReduce(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::prepareReduce(layer.op());
  if (!prepared)
    return prepared.takeError();
  const std::optional<ir::ops::ReducedRun> view = ir::ops::reducedRun(prepared->params);
  if (!view)
    return generic::refuse("the reduced axes are not neighbours");
  layer.require("Reduce.h");
  layer.note(fmt::format("kernel: {} f32 reduction, the input as {} x {} rows x {} values: each "
                         "output a lane, in the reference's order (bit-exact)",
                         kernels.target, view->outer, view->reduced, view->inner));
  layer.statement(fmt::format("{}::reduceF32<{}::ReduceOp::{}>({}, {}, {}, {}, {});", kernels.ns,
                              kernels.ns, reduceOpName(prepared->reduction), view->outer,
                              view->reduced, view->inner, layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
