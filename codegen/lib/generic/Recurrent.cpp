// SVDF (float32; int8 with int8 or int16 state) and UNIDIRECTIONAL_SEQUENCE_LSTM (float32 in
// every variant; int8 with int16 cell state as TFLite Micro's integer kernel). Their state is
// arena memory that persists across invokes. Shapes and types are validated by preparing the
// reference interpreter's kernel for the op, so that the two accept exactly the same layers.

#include "Emitters.h"

#include "litec/ir/Shape.h"
#include "litec/ir/reference/Kernel.h"

namespace litec::codegen::generic {

namespace {
constexpr size_t kHidden = 18, kCell = 19;

bool isIntegerLstm(const ir::Op &op) {
  return op.operands[0]->type == ir::ElementType::I8;
}

const ir::Value *operand(const ir::Op &op, size_t i) {
  return i < op.operands.size() ? op.operands[i] : nullptr;
}
} // namespace

llvm::Error checkRecurrent(const ir::Op &op) {
  if (op.operands.empty() || !op.operands[0] || op.results.size() != 1)
    return refuse("needs an input and one result");
  auto kernel = ir::reference::prepareKernel(op);
  if (!kernel)
    return kernel.takeError();
  return llvm::Error::success();
}

int64_t recurrentScratch(const ir::Op &op) {
  if (op.kind != ir::OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM || !operand(op, 2))
    return 0;
  const int64_t cells = operand(op, 2)->shape[0];
  if (isIntegerLstm(op))
    return 4 * cells * 2;
  const ir::Value &input = *op.operands[0];
  const bool timeMajor = op.attrs.getBool("time_major").value_or(false);
  return 5 * input.shape[timeMajor ? 1 : 0] * cells * 4;
}

namespace {
std::string pointerOrNull(LayerContext &layer, size_t i) {
  return operand(layer.op(), i) ? layer.input(i) : "nullptr";
}

llvm::Error emitLstm(LayerContext &layer) {
  const ir::Op &op = layer.op();
  const ir::Value &input = *op.operands[0];
  const bool timeMajor = op.attrs.getBool("time_major").value_or(false);
  const int64_t cells = operand(op, 2)->shape[0];
  const bool projection = operand(op, 16) != nullptr;
  layer.param("batches", input.shape[timeMajor ? 1 : 0]);
  layer.param("steps", input.shape[timeMajor ? 0 : 1]);
  layer.param("inputs", input.shape[2]);
  layer.param("cells", cells);
  layer.param(fmt::format("bool timeMajor = {}", timeMajor));
  layer.require("Recurrent.h");
  const std::string P = layer.paramsName();
  if (!isIntegerLstm(op)) {
    layer.param("outputs", projection ? operand(op, 16)->shape[0] : cells);
    layer.param(fmt::format("bool cifg = {}", operand(op, 1) == nullptr));
    layer.param(fmt::format("bool peephole = {}", operand(op, 11) != nullptr));
    layer.param(fmt::format("bool projection = {}", projection));
    layer.param(fmt::format("bool layerNorm = {}", operand(op, 21) != nullptr));
    layer.param("float cellClip = " +
                floatLiteral(float(op.attrs.getFloat("cell_clip").value_or(0))));
    layer.param("float projClip = " +
                floatLiteral(float(op.attrs.getFloat("proj_clip").value_or(0))));
    const std::string activation = activationOf(op);
    const char *kind = activation == "RELU"           ? "kRelu"
                       : activation == "RELU6"        ? "kRelu6"
                       : activation == "RELU_N1_TO_1" ? "kReluN1To1"
                       : activation == "TANH"         ? "kTanh"
                                                      : "kNone";
    layer.param(fmt::format("litec::generic::LstmActivation activation = "
                            "litec::generic::LstmActivation::{}",
                            kind));
    auto group = [&](size_t first, int count) {
      std::string text;
      for (int k = 0; k < count; ++k)
        text += fmt::format("{}{}", k ? ", " : "", pointerOrNull(layer, first + size_t(k)));
      return "{" + text + "}";
    };
    // Peephole weights exist for the input, forget and output gates (operands 9, 10, 11).
    const std::string peephole = fmt::format("{{{}, {}, nullptr, {}}}", pointerOrNull(layer, 9),
                                             pointerOrNull(layer, 10), pointerOrNull(layer, 11));
    layer.statement(fmt::format(
        "const litec::generic::FloatLstmTensors tensors = {{{}, {}, {}, {}, {}, {}, {}}};",
        group(1, 4), group(5, 4), peephole, group(12, 4), group(20, 4), pointerOrNull(layer, 16),
        pointerOrNull(layer, 17)));
    layer.statement(fmt::format("litec::generic::lstmFloat<{}>({}, tensors, {}, {}, {}, {});", P,
                                layer.input(0), layer.state(kHidden), layer.state(kCell),
                                layer.scratch("float"), layer.output(0)));
    return llvm::Error::success();
  }
  const ir::Value &hidden = *op.operands[kHidden], &cell = *op.operands[kCell];
  float inputWeightScales[4], recurrentWeightScales[4];
  for (int gate = 0; gate < 4; ++gate) {
    inputWeightScales[gate] = scaleOf(*op.operands[size_t(1 + gate)]);
    recurrentWeightScales[gate] = scaleOf(*op.operands[size_t(5 + gate)]);
  }
  const std::optional<ir::IntegerLstmRescaling> r = ir::integerLstmRescaling(
      scaleOf(input), scaleOf(hidden), scaleOf(cell), inputWeightScales, recurrentWeightScales,
      float(op.attrs.getFloat("cell_clip").value_or(0)));
  if (!r)
    return refuse("the cell state's scale is not a power of two");
  std::vector<int32_t> inM, inS, recM, recS;
  for (int gate = 0; gate < 4; ++gate) {
    inM.push_back(r->inputToGate[gate].multiplier);
    inS.push_back(r->inputToGate[gate].shift);
    recM.push_back(r->recurrentToGate[gate].multiplier);
    recS.push_back(r->recurrentToGate[gate].shift);
  }
  layer.param("inputOffset", -zeroPointOf(input));
  layer.param("hiddenOffset", -zeroPointOf(hidden));
  layer.param("hiddenZeroPoint", zeroPointOf(hidden));
  layer.param(fmt::format("std::int32_t inputMultipliers[4] = {}", braced(inM)));
  layer.param(fmt::format("int inputShifts[4] = {}", braced(inS)));
  layer.param(fmt::format("std::int32_t recurrentMultipliers[4] = {}", braced(recM)));
  layer.param(fmt::format("int recurrentShifts[4] = {}", braced(recS)));
  layer.multiplier("forgetCell", r->forgetTimesCell);
  layer.multiplier("inputCellGate", r->inputTimesCellGate);
  layer.multiplier("output", r->tanhCellTimesOutput);
  layer.param(fmt::format("std::int32_t cellTanhMultiplier = {}", r->cellTanhMultiplier));
  layer.param(fmt::format("std::int32_t cellTanhShift = {}", r->cellTanhShift));
  layer.param(fmt::format("std::int16_t cellClip = {}", r->cellClip));
  std::string weights[2], biases;
  for (int gate = 0; gate < 4; ++gate) {
    weights[0] += fmt::format("{}{}", gate ? ", " : "", layer.input(size_t(1 + gate)));
    weights[1] += fmt::format("{}{}", gate ? ", " : "", layer.input(size_t(5 + gate)));
    biases += fmt::format("{}{}", gate ? ", " : "", layer.input(size_t(12 + gate)));
  }
  layer.statement(
      fmt::format("const litec::generic::IntegerLstmTensors tensors = {{{{{}}}, {{{}}}, {{{}}}}};",
                  weights[0], weights[1], biases));
  layer.statement(fmt::format("litec::generic::lstmInteger<{}>({}, tensors, {}, {}, {}, {});", P,
                              layer.input(0), layer.state(kHidden), layer.state(kCell),
                              layer.scratch("std::int16_t"), layer.output(0)));
  return llvm::Error::success();
}
} // namespace

llvm::Error emitRecurrent(LayerContext &layer) {
  return emitLstm(layer);
}

} // namespace litec::codegen::generic
