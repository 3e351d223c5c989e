// FULLY_CONNECTED: the prepared FullyConnectedParams and templates/generic/FullyConnected.h;
// the folded form where the preparation offers it.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/FullyConnected.h"

namespace litec::codegen::generic {

llvm::Error checkFullyConnected(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareFullyConnected(op));
}

llvm::Error emitFullyConnected(LayerContext &layer) {
  auto prepared = ir::ops::prepareFullyConnected(layer.op());
  if (!prepared)
    return prepared.takeError();
  layer.require("FullyConnected.h");
  const ir::ops::WeightedTypes &t = prepared->types;
  const std::string name = layer.paramsName() + "{}";
  if (t.isFloat) {
    writeParams(layer, prepared->params);
    layer.statement(fmt::format("litec::generic::fullyConnectedFloat({}, {}, {}, {}, {});", name,
                                layer.input(0), layer.input(1),
                                t.hasBias ? layer.input(2) : "nullptr", layer.output(0)));
    return llvm::Error::success();
  }
  writeParams(layer, prepared->folded ? *prepared->folded : prepared->params);
  if (prepared->folded)
    layer.note("kernel: the input zero point folded into the bias");
  const WeightedBias bias =
      weightedBias(layer, t, 2, prepared->folded ? &prepared->foldedBias : nullptr,
                   -prepared->params.inputOffset);
  layer.statement(fmt::format(
      "litec::generic::fullyConnectedQuantized<{}, {}, {}, {}>(\n      {}, {}, {}, {}, {});",
      cppType(t.input), cppType(t.weights), bias.type, cppType(t.output), name, layer.input(0),
      layer.input(1), bias.expression, layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
