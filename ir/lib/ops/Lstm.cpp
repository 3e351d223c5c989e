#include "litec/ir/ops/Lstm.h"

#include "litec/ir/Shape.h"

#include <fmt/format.h>

namespace litec::ir::ops {

namespace {
const Value *operandAt(const Op &op, size_t i) {
  return i < op.operands.size() ? op.operands[i] : nullptr;
}

bool hasShape(const Value *v, const Shape &shape) {
  return v && v->shape == shape;
}

// The sizes and variant, with every weight, bias and state checked against them.
llvm::Error prepareGeometry(const Op &op, const options::UnidirectionalSequenceLSTMOptions &o,
                            LstmParams &p) {
  const std::string name = "UNIDIRECTIONAL_SEQUENCE_LSTM";
  if (op.operands.size() < 20 || op.results.size() != 1)
    return invalid(name + " needs at least 20 operands and one result");
  auto operand = [&](size_t i) { return operandAt(op, i); };
  const Value *input = operand(0), *hidden = operand(kLstmHiddenState),
              *cell = operand(kLstmCellState);
  if (!input || input->shape.size() != 3 || !hidden || !cell || !hidden->isVariable ||
      !cell->isVariable || !operand(2) || !operand(3) || !operand(4) || !operand(6) ||
      !operand(7) || !operand(8))
    return invalid(name + " lacks its input, weights or variable states");
  p.timeMajor = o.time_major;
  p.steps = int32_t(input->shape[p.timeMajor ? 0 : 1]);
  p.batches = int32_t(input->shape[p.timeMajor ? 1 : 0]);
  p.inputs = int32_t(input->shape[2]);
  p.cells = int32_t(operand(2)->shape.empty() ? 0 : operand(2)->shape[0]);
  p.projection = operand(kLstmProjection) != nullptr;
  p.outputs = p.projection && !operand(kLstmProjection)->shape.empty()
                  ? int32_t(operand(kLstmProjection)->shape[0])
                  : p.cells;
  p.cifg = operand(lstmInputWeights(kInputGate)) == nullptr;
  p.peephole = operand(lstmPeephole(kOutputGate)) != nullptr;
  p.layerNorm = operand(lstmNorm(kForgetGate)) != nullptr;
  p.cellClip = o.cell_clip;
  p.projClip = o.proj_clip;
  const int64_t B = p.batches, I = p.inputs, C = p.cells, O = p.outputs;
  bool ok = elementCount(hidden->shape) == B * O && elementCount(cell->shape) == B * C &&
            op.results[0]->shape == (p.timeMajor ? Shape{p.steps, B, O} : Shape{B, p.steps, O});
  for (int gate = kInputGate; gate <= kOutputGate; ++gate) {
    if (gate == kInputGate && p.cifg)
      continue;
    ok = ok && hasShape(operand(lstmInputWeights(gate)), {C, I}) &&
         hasShape(operand(lstmRecurrentWeights(gate)), {C, O}) &&
         hasShape(operand(lstmBias(gate)), {C});
    if (p.layerNorm)
      ok = ok && hasShape(operand(lstmNorm(gate)), {C});
  }
  if (p.peephole)
    ok = ok && (p.cifg || hasShape(operand(lstmPeephole(kInputGate)), {C})) &&
         hasShape(operand(lstmPeephole(kForgetGate)), {C}) &&
         hasShape(operand(lstmPeephole(kOutputGate)), {C});
  if (p.projection)
    ok = ok && hasShape(operand(kLstmProjection), {O, C}) &&
         (!operand(kLstmProjectionBias) || hasShape(operand(kLstmProjectionBias), {O}));
  if (!ok)
    return invalid(name + " weights, states and output do not agree in shape");
  return llvm::Error::success();
}

llvm::Error prepareInteger(const Op &op, float cellClip, LstmParams &p) {
  if (p.cifg || p.peephole || p.projection || p.layerNorm)
    return unsupported("the integer LSTM with CIFG, peephole, projection or layer normalisation "
                       "(TFLite Micro's integer kernel runs only the plain LSTM)");
  const Value &input = *op.operands[0], &hidden = *op.operands[kLstmHiddenState],
              &cell = *op.operands[kLstmCellState], &output = *op.results[0];
  bool typesOk = hidden.type == ElementType::I8 && cell.type == ElementType::I16 &&
                 output.type == ElementType::I8;
  for (int gate = kInputGate; gate <= kOutputGate; ++gate)
    typesOk = typesOk && op.operands[lstmInputWeights(gate)]->type == ElementType::I8 &&
              op.operands[lstmRecurrentWeights(gate)]->type == ElementType::I8 &&
              op.operands[lstmBias(gate)]->type == ElementType::I32;
  if (!typesOk)
    return unsupported("UNIDIRECTIONAL_SEQUENCE_LSTM with operand types " + typeList(op) +
                       " (the integer kernel takes int8 input, weights and hidden state, int16 "
                       "cell state and int32 biases)");
  if (p.activation != runtime::LstmActivation::kTanh)
    return unsupported("the integer LSTM with a cell activation other than TANH");
  for (const Value *v : {&input, &hidden, &cell, &output})
    if (auto error = requireQuantized(*v, "LSTM tensor"))
      return error;
  float inputWeightScales[4], recurrentWeightScales[4];
  for (int gate = kInputGate; gate <= kOutputGate; ++gate) {
    const Value &wx = *op.operands[lstmInputWeights(gate)];
    const Value &wh = *op.operands[lstmRecurrentWeights(gate)];
    if (auto error = requireQuantized(wx, "LSTM weights"))
      return error;
    if (auto error = requireQuantized(wh, "LSTM weights"))
      return error;
    if (wx.quant.isPerChannel() || wh.quant.isPerChannel() || zeroPointOf(wx) != 0 ||
        zeroPointOf(wh) != 0)
      return unsupported("the integer LSTM with per-channel or asymmetric weights");
    inputWeightScales[gate] = scaleOf(wx);
    recurrentWeightScales[gate] = scaleOf(wh);
  }
  const std::optional<IntegerLstmRescaling> r =
      integerLstmRescaling(scaleOf(input), scaleOf(hidden), scaleOf(cell), inputWeightScales,
                           recurrentWeightScales, cellClip);
  if (!r)
    return unsupported(fmt::format("the integer LSTM with cell state scale {} (not a power of "
                                   "two in [2^-30, 1])",
                                   scaleOf(cell)));
  for (int gate = kInputGate; gate <= kOutputGate; ++gate) {
    p.inputToGate.push_back(r->inputToGate[gate]);
    p.recurrentToGate.push_back(r->recurrentToGate[gate]);
  }
  p.inputOffset = -zeroPointOf(input);
  p.hiddenOffset = -zeroPointOf(hidden);
  p.hiddenZeroPoint = zeroPointOf(hidden);
  p.forgetTimesCell = r->forgetTimesCell;
  p.inputTimesCellGate = r->inputTimesCellGate;
  p.tanhCellTimesOutput = r->tanhCellTimesOutput;
  p.cellTanhMultiplier = r->cellTanhMultiplier;
  p.cellTanhShift = r->cellTanhShift;
  p.quantizedCellClip = r->cellClip;
  return llvm::Error::success();
}
} // namespace

llvm::Expected<PreparedLstm> prepareLstm(const Op &op) {
  if (op.kind != OpKind::UNIDIRECTIONAL_SEQUENCE_LSTM)
    return invalid("not UNIDIRECTIONAL_SEQUENCE_LSTM");
  auto options = optionsOf<options::UnidirectionalSequenceLSTMOptions>(op);
  if (!options)
    return options.takeError();
  PreparedLstm prepared{};
  LstmParams &p = prepared.params;
  if (auto error = prepareGeometry(op, *options, p))
    return error;
  using options::ActivationFunctionType;
  switch (options->fused_activation_function) {
  case ActivationFunctionType::NONE:
    p.activation = runtime::LstmActivation::kNone;
    break;
  case ActivationFunctionType::RELU:
    p.activation = runtime::LstmActivation::kRelu;
    break;
  case ActivationFunctionType::RELU6:
    p.activation = runtime::LstmActivation::kRelu6;
    break;
  case ActivationFunctionType::RELU_N1_TO_1:
    p.activation = runtime::LstmActivation::kReluN1To1;
    break;
  case ActivationFunctionType::TANH:
    p.activation = runtime::LstmActivation::kTanh;
    break;
  default:
    return unsupported("LSTM activation " +
                       std::string(options::enumName(options->fused_activation_function)));
  }
  if (op.operands[0]->type == ElementType::I8) {
    if (auto error = prepareInteger(op, options->cell_clip, p))
      return error;
    prepared.isInteger = true;
    prepared.scratchBytes = 4 * int64_t(p.cells) * 2;
    return prepared;
  }
  for (const Value *v : op.operands)
    if (v && v->type != ElementType::F32)
      return unsupported("UNIDIRECTIONAL_SEQUENCE_LSTM with operand types " + typeList(op));
  if (op.results[0]->type != ElementType::F32)
    return unsupported("UNIDIRECTIONAL_SEQUENCE_LSTM with operand types " + typeList(op));
  prepared.scratchBytes = 5 * int64_t(p.batches) * p.cells * 4;
  return prepared;
}

} // namespace litec::ir::ops
