// UNIDIRECTIONAL_SEQUENCE_LSTM: the prepared LstmParams and templates/generic/Lstm.h (float32 in
// every variant; int8 with an int16 cell state as TFLite Micro's integer kernel). The hidden and
// cell states are arena memory that persists across invokes.

#include "Emitters.h"

#include "litec/codegen/ParamWriter.h"
#include "litec/ir/ops/Lstm.h"

namespace litec::codegen::generic {

using namespace ir::ops;

llvm::Error checkLstm(const ir::Op &op) {
  return preparedOrError(prepareLstm(op));
}

int64_t lstmScratch(const ir::Op &op) {
  auto prepared = prepareLstm(op);
  if (!prepared) {
    llvm::consumeError(prepared.takeError());
    return 0;
  }
  return prepared->scratchBytes;
}

llvm::Error emitLstm(LayerContext &layer) {
  auto prepared = prepareLstm(layer.op());
  if (!prepared)
    return prepared.takeError();
  writeParams(layer, prepared->params);
  layer.require("Lstm.h");
  const std::string params = layer.paramsName() + "{}";
  // "{a, b, c, d}": one operand per gate (absent ones nullptr).
  auto perGate = [&](size_t (*operandOf)(int)) {
    std::string text;
    for (int gate = kInputGate; gate <= kOutputGate; ++gate)
      text += fmt::format("{}{}", gate == kInputGate ? "" : ", ", layer.input(operandOf(gate)));
    return "{" + text + "}";
  };
  if (!prepared->isInteger) {
    // The cell gate has no peephole.
    const std::string peephole =
        fmt::format("{{{}, {}, nullptr, {}}}", layer.input(lstmPeephole(kInputGate)),
                    layer.input(lstmPeephole(kForgetGate)), layer.input(lstmPeephole(kOutputGate)));
    layer.statement(fmt::format(
        "const litec::generic::FloatLstmTensors tensors = {{{}, {}, {}, {}, {}, {}, {}}};",
        perGate(lstmInputWeights), perGate(lstmRecurrentWeights), peephole, perGate(lstmBias),
        perGate(lstmNorm), layer.input(kLstmProjection), layer.input(kLstmProjectionBias)));
    layer.statement(fmt::format("litec::generic::lstmFloat({}, {}, tensors, {}, {}, {}, {});",
                                params, layer.input(0), layer.state(kLstmHiddenState),
                                layer.state(kLstmCellState), layer.scratch("float"),
                                layer.output(0)));
    return llvm::Error::success();
  }
  layer.statement(fmt::format("const litec::generic::IntegerLstmTensors tensors = {{{}, {}, {}}};",
                              perGate(lstmInputWeights), perGate(lstmRecurrentWeights),
                              perGate(lstmBias)));
  layer.statement(fmt::format("litec::generic::lstmInteger({}, {}, tensors, {}, {}, {}, {});",
                              params, layer.input(0), layer.state(kLstmHiddenState),
                              layer.state(kLstmCellState), layer.scratch("std::int16_t"),
                              layer.output(0)));
  return llvm::Error::success();
}

} // namespace litec::codegen::generic
