// Float AVERAGE_POOL_2D and MAX_POOL_2D on the NEON kernel of templates/neon/Pooling.h; integer
// pools run on the generic kernel.

#include "NeonTarget.h"

#include "../generic/EmitSupport.h"
#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Pooling.h"

namespace litec::codegen::neon {

llvm::Error checkPooling(const ir::Op &op) {
  auto prepared = ir::ops::preparePooling(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->type != ir::ElementType::F32)
    return generic::refuse("no NEON kernel for integer pooling yet");
  return llvm::Error::success();
}

llvm::Error emitPooling(LayerContext &layer) {
  auto prepared = ir::ops::preparePooling(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Pooling.h");
  layer.note(fmt::format("kernel: NEON f32 {} pool, 8 channels per step, the reference's order "
                         "(bit-exact)",
                         prepared->isMax ? "max" : "average"));
  layer.statement(fmt::format("litec::neon::poolF32<{}>({}{{}}, {}, {});", prepared->isMax,
                              layer.paramsName(), layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::neon
