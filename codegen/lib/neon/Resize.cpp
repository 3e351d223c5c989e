// Float RESIZE_BILINEAR on the NEON kernel of templates/neon/Resize.h, from the prepared
// ResizeParams (TFLite's samples); nearest neighbour and the integer blends run on the generic
// kernels.

#include "NeonTarget.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Resize.h"

namespace litec::codegen::neon {

llvm::Error checkResize(const ir::Op &op) {
  auto prepared = ir::ops::prepareResize(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->kind != ir::ops::ResizeKind::FloatBilinear ||
      prepared->type != ir::ElementType::F32)
    return generic::refuse("no NEON kernel for nearest-neighbour or integer resizing yet");
  return llvm::Error::success();
}

llvm::Error emitResize(LayerContext &layer) {
  auto prepared = ir::ops::prepareResize(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Resize.h");
  layer.note("kernel: NEON f32 bilinear, 16 channels per step, the four weights of each output "
             "pixel in registers");
  layer.statement(fmt::format("litec::neon::resizeBilinearF32({}{{}}, {}, {});", layer.paramsName(),
                              layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::neon
