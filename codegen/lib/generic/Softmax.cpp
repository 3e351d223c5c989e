// SOFTMAX: the prepared SoftmaxParams (the int16 tables go to the weights) and
// templates/generic/Softmax.h.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Softmax.h"

namespace litec::codegen::generic {

llvm::Error checkSoftmax(const ir::Op &op) {
  return preparedOrError(ir::ops::prepareSoftmax(op));
}

llvm::Error emitSoftmax(LayerContext &layer) {
  auto prepared = ir::ops::prepareSoftmax(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Softmax.h");
  const std::string params = layer.paramsName() + "{}";
  switch (prepared->kind) {
  case ir::ops::SoftmaxKind::Float:
    layer.note("kernel: float softmax");
    layer.statement(fmt::format("litec::generic::softmaxFloat({}, {}, {});", params, layer.input(0),
                                layer.output(0)));
    break;
  case ir::ops::SoftmaxKind::Int16: {
    auto table = [&](const char *stem, const ir::Int16LookupTable &values, const char *what) {
      return layer.table(stem, std::vector<int16_t>(values.begin(), values.end()), what);
    };
    const std::string exp = table("exp", prepared->exp, "TFLite's exp table on [-10, 0], Q0.15");
    const std::string reciprocal =
        table("reciprocal", prepared->reciprocal, "TFLite's 1 / (1 + x) table on [0, 1], Q0.15");
    layer.note("kernel: int16 softmax through TFLite's interpolation tables");
    layer.statement(fmt::format("litec::generic::softmaxInt16({}, {}, {}, {}, {});", params,
                                layer.input(0), exp, reciprocal, layer.output(0)));
    break;
  }
  case ir::ops::SoftmaxKind::Quantized:
    layer.note("kernel: 8-bit softmax, TFLite's fixed-point exp and reciprocal");
    layer.statement(fmt::format("litec::generic::softmaxQuantized<{}, {}>({}, {}, {});",
                                cppType(prepared->inputType), cppType(prepared->outputType), params,
                                layer.input(0), layer.output(0)));
    break;
  }
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
