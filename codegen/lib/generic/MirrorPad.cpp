// MIRROR_PAD: the prepared axis gather (constant paddings) and templates/generic/Slicing.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/MirrorPad.h"

namespace litec::codegen::generic {

namespace {
llvm::Expected<ir::ops::PreparedMirrorPad> prepareForGeneric(const ir::Op &op) {
  auto prepared = ir::ops::prepareMirrorPad(op);
  if (prepared && !prepared->constantPaddings)
    return refuse("paddings that are not constant");
  return prepared;
}
} // namespace

llvm::Error checkMirrorPad(const ir::Op &op) {
  return preparedOrError(prepareForGeneric(op));
}

llvm::Error emitMirrorPad(LayerContext &layer) {
  auto prepared = prepareForGeneric(layer.op());
  if (!prepared)
    return prepared.takeError();
  emitAxisGather(layer, prepared->params, prepared->type);
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
