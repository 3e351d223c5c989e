// SVDF: the prepared SvdfParams and templates/generic/Svdf.h; the activation state is arena
// memory that persists across invokes.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Svdf.h"

namespace litec::codegen::generic {

llvm::Error checkSvdf(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareSvdf(op));
}

llvm::Error emitSvdf(LayerContext &layer) {
  auto prepared = ir::ops::prepareSvdf(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Svdf.h");
  const std::string name = layer.paramsName() + "{}";
  if (prepared->isFloat) {
    layer.statement(fmt::format("litec::generic::svdfFloat({}, {}, {}, {}, {}, {}, {});", name,
                                layer.input(0), layer.input(1), layer.input(2),
                                prepared->hasBias ? layer.input(3) : "nullptr", layer.state(4),
                                layer.output(0)));
    return llvm::Error::success();
  }
  layer.statement(fmt::format(
      "litec::generic::svdfInteger<{}>({}, {}, {}, {}, {}, {}, {});", cppType(prepared->stateType),
      name, layer.input(0), layer.input(1), layer.input(2),
      prepared->hasBias ? layer.input(3) : "static_cast<const std::int32_t *>(nullptr)",
      layer.state(4), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
