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
  auto prepared = prepareForGeneric(op);
  return prepared ? llvm::Error::success() : prepared.takeError();
}

llvm::Error emitMirrorPad(LayerContext &layer) {
  auto prepared = prepareForGeneric(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Slicing.h");
  layer.statement(fmt::format("litec::generic::gatherAxes<{}>({}{{}}, {}, {});",
                              cppType(prepared->type), layer.paramsName(), layer.input(0),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
