// PAD and PADV2: the prepared PadParams and templates/generic/Pad.h; the paddings and PADV2's
// value must be constant.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Pad.h"

namespace litec::codegen::generic {

namespace {
llvm::Expected<ir::ops::PreparedPad> prepareForGeneric(const ir::Op &op) {
  auto prepared = ir::ops::preparePad(op);
  if (prepared && !prepared->constantPaddings())
    return refuse("paddings that are not constant");
  if (prepared && prepared->padValue.empty())
    return refuse("a PADV2 value that is not constant");
  return prepared;
}
} // namespace

llvm::Error checkPad(const ir::Op &op) {
  return preparedOrError(prepareForGeneric(op));
}

llvm::Error emitPad(LayerContext &layer) {
  auto prepared = prepareForGeneric(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Pad.h");
  const std::string T = cppType(prepared->type);
  layer.statement(fmt::format(
      "litec::generic::pad<{}>({}{{}}, {}, {}({}), {});", T, layer.paramsName(), layer.input(0), T,
      elementLiteral(prepared->type, prepared->padValue.data()), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
