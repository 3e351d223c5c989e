// MEAN, SUM, REDUCE_MAX and REDUCE_MIN: the prepared ReduceParams and
// templates/generic/Reduce.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Reduce.h"

namespace litec::codegen::generic {

llvm::Error checkReduce(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareReduce(op));
}

int64_t reduceScratch(const ir::Op &op) {
  auto prepared = ir::ops::prepareReduce(op);
  if (!prepared) {
    llvm::consumeError(prepared.takeError());
    return 0;
  }
  return prepared->scratchBytes;
}

llvm::Error emitReduce(LayerContext &layer) {
  auto prepared = ir::ops::prepareReduce(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Reduce.h");
  const std::string T = cppType(prepared->type), params = layer.paramsName() + "{}";
  if (prepared->quantizedMeanOrSum) {
    layer.note("kernel: integer mean or sum, summed in int32 and rescaled once");
    layer.statement(fmt::format("litec::generic::meanOrSumQuantized<{}>({}, {}, {}, {});", T,
                                params, layer.input(0), layer.scratch("std::uint32_t"),
                                layer.output(0)));
    return llvm::Error::success();
  }
  using ir::ops::Reduction;
  const char *reduction = prepared->reduction == Reduction::Mean  ? "kMean"
                          : prepared->reduction == Reduction::Sum ? "kSum"
                          : prepared->reduction == Reduction::Max ? "kMax"
                                                                  : "kMin";
  layer.note(fmt::format("kernel: {} of raw values", reduction + 1));
  layer.statement(fmt::format("litec::generic::reduceRaw<litec::generic::Reduction::{}, {}>({}, "
                              "{}, {});",
                              reduction, T, params, layer.input(0), layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
