// SLICE and STRIDED_SLICE (the prepared axis gather), SPLIT, SPLIT_V, UNPACK and PACK (chunk
// moves): templates/generic/Slicing.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Slicing.h"

namespace litec::codegen::generic {

namespace {
llvm::Error emitSlice(LayerContext &layer) {
  auto prepared = ir::ops::prepareSlice(layer.op());
  if (!prepared)
    return prepared.takeError();
  emitAxisGather(layer, prepared->params, prepared->type);
  return llvm::Error::success();
}

llvm::Error emitChunks(LayerContext &layer) {
  auto prepared = ir::ops::prepareChunks(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Slicing.h");
  std::string pointers;
  const size_t pieces = size_t(prepared->params.pieces);
  for (size_t k = 0; k < pieces; ++k)
    pointers += fmt::format("{}reinterpret_cast<{}unsigned char *>({})", k ? ", " : "",
                            prepared->split ? "" : "const ",
                            prepared->split ? layer.output(k) : layer.input(k));
  const std::string P = layer.paramsName() + "{}";
  if (prepared->split) {
    layer.statement(fmt::format("unsigned char *const pieces[] = {{{}}};", pointers));
    layer.statement(fmt::format(
        "litec::generic::splitChunks({}, reinterpret_cast<const unsigned char *>({}), pieces);", P,
        layer.input(prepared->dataOperand)));
  } else {
    layer.statement(fmt::format("const unsigned char *const pieces[] = {{{}}};", pointers));
    layer.statement(fmt::format(
        "litec::generic::joinChunks({}, pieces, reinterpret_cast<unsigned char *>({}));", P,
        layer.output(0)));
  }
  return llvm::Error::success();
}
} // namespace

llvm::Error checkSlicing(const ir::Op &op) {
  return ir::ops::isChunking(op) ? preparedOrError(ir::ops::prepareChunks(op))
                                 : preparedOrError(ir::ops::prepareSlice(op));
}

llvm::Error emitSlicing(LayerContext &layer) {
  return ir::ops::isChunking(layer.op()) ? emitChunks(layer) : emitSlice(layer);
}

} // namespace litec::codegen::generic
