// RSQRT, SQRT, EXP, LOG, ABS, NEG, FLOOR, CEIL, ROUND, SQUARE, SIN, COS: the prepared
// UnaryParams and templates/generic/Unary.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Unary.h"

namespace litec::codegen::generic {

llvm::Error checkUnary(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareUnary(op));
}

llvm::Error emitUnary(LayerContext &layer) {
  auto prepared = ir::ops::prepareUnary(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Unary.h");
  const std::string io =
      fmt::format("{}{{}}, {}, {}", layer.paramsName(), layer.input(0), layer.output(0));
  if (prepared->kind == ir::ops::UnaryKind::Int8Rsqrt) {
    layer.note("kernel: TFLite's fixed-point inverse square root");
    layer.setFallible();
    layer.statement(fmt::format("return litec::generic::rsqrtInt8({});", io));
    return llvm::Error::success();
  }
  layer.statement(fmt::format("litec::generic::unaryFloat<litec::runtime::UnaryOp::{}>({});",
                              runtime::name(prepared->op), io));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
