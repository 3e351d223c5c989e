// PAD and PADV2 on a SIMD target's kernel of templates/<target>/Pad.h (row by row, the padding
// stored from a register); the paddings and PADV2's value must be constant, as for the generic
// kernel.

#include "SimdKernels.h"

#include "../generic/Emitters.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Pad.h"

namespace litec::codegen::simd {

llvm::Error checkPad(const ir::Op &op, const KernelSet &kernels) {
  // The generic kernel's limits (constant paddings and PADV2 value) are this kernel's too.
  if (llvm::Error error = generic::checkPad(op))
    return error;
  auto prepared = ir::ops::preparePad(op);
  if (!prepared)
    return prepared.takeError();
  const size_t size = ir::elementByteSize(prepared->type);
  if (size == 0 || 16 % size != 0)
    return generic::refuse(
        fmt::format("no {} kernel for padding elements of this size", kernels.target));
  return llvm::Error::success();
}

llvm::Error emitPad(LayerContext &layer, const KernelSet &kernels) {
  auto prepared = ir::ops::preparePad(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Pad.h");
  layer.note(fmt::format("kernel: {} PAD, row by row: the input row copied, the padding stored {}",
                         kernels.target, kernels.padStep));
  const std::string T = cppType(prepared->type);
  layer.statement(fmt::format(
      "{}::pad<{}>({}{{}}, {}, {}({}), {});", kernels.ns, T, layer.paramsName(), layer.input(0), T,
      generic::elementLiteral(prepared->type, prepared->padValue.data()), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::simd
