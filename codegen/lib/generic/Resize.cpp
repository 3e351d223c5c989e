// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: the prepared ResizeParams (TFLite's samples)
// and templates/generic/Resize.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Resize.h"

namespace litec::codegen::generic {

llvm::Error checkResize(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareResize(op));
}

llvm::Error emitResize(LayerContext &layer) {
  auto prepared = ir::ops::prepareResize(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Resize.h");
  const std::string T = cppType(prepared->type), params = layer.paramsName() + "{}";
  const std::string io = fmt::format("{}, {}, {}", params, layer.input(0), layer.output(0));
  switch (prepared->kind) {
  case ir::ops::ResizeKind::Nearest:
    layer.note("kernel: nearest neighbour through the prepared source rows and columns");
    layer.statement(fmt::format("litec::generic::resizeNearest<{}>({});", T, io));
    break;
  case ir::ops::ResizeKind::FixedBilinear:
    layer.note("kernel: bilinear in 10-bit fixed point, as TFLite's integer kernel");
    layer.statement(fmt::format(
        "litec::generic::resizeBilinear<litec::generic::FixedBlend<{}>, {}>({});", T, T, io));
    break;
  case ir::ops::ResizeKind::FloatBilinear:
    layer.note("kernel: bilinear in float");
    layer.statement(fmt::format(
        "litec::generic::resizeBilinear<litec::generic::FloatBlend<{}>, {}>({});", T, T, io));
    break;
  }
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
