// The integer UNIDIRECTIONAL_SEQUENCE_LSTM (int8 activations and weights, int16 cell state,
// int32 biases), as TFLite Micro's kernel computes each step:
//   gate   = act(FC(x) + FC(h)), both FCs rescaled to int16 on the scale 2^-12 and added with
//            saturation; act is the int16 sigmoid, or tanh for the cell gate (outputs on 2^-15);
//   cell   = sat(forget . cell) + sat(input . cellGate), rescaled multiplications to the cell
//            state's scale, added with saturation, then clipped to the quantised cell clip;
//   hidden = tanh(cell) . output, rescaled to the hidden state's int8 quantisation.
// The output row of each step is the new hidden state. Only the plain LSTM has an integer
// kernel in TFLite Micro: CIFG, peephole, projection and layer normalisation are refused. The
// intermediate tensors some converters attach are not read (their scales are fixed here).

#include "LstmGeometry.h"

#include "litec/runtime/FixedPoint.h"
#include "litec/runtime/Int16Activations.h"

#include <cmath>

namespace litec::ir::reference {

namespace {
struct RescaledProduct {
  QuantizedMultiplier multiplier;
  int32_t outputOffset;
  IntRange range;

  int32_t apply(int16_t a, int16_t b) const {
    const int32_t scaled = runtime::multiplyByQuantizedMultiplier(
        int32_t(a) * int32_t(b), multiplier.multiplier, multiplier.shift);
    return std::clamp(scaled + outputOffset, range.min, range.max);
  }
};

struct GateParameters {
  QuantizedMultiplier inputScale, recurrentScale;
};

struct IntegerLstmParameters {
  GateParameters gates[4];
  int32_t inputOffset, hiddenOffset, hiddenZeroPoint;
  RescaledProduct forgetTimesCell, inputTimesCellGate, tanhCellTimesOutput;
  int16_t cellClip; // 0: no clipping
  runtime::Int16SigmoidalScaling cellTanh;
};

int16_t saturatingAdd16(int32_t a, int32_t b) {
  return int16_t(std::clamp(a + b, -32768, 32767));
}

class Int8Lstm final : public Kernel {
public:
  Int8Lstm(LstmGeometry g, IntegerLstmParameters p) : g_(g), p_(p) {
    for (auto &gate : gates_)
      gate.assign(size_t(g.cells), 0);
  }

  llvm::Error run(const TensorViews &t) const override {
    const int8_t *input = t.input<int8_t>(0);
    int8_t *hidden = t.state<int8_t>(kLstmHiddenState);
    int16_t *cell = t.state<int16_t>(kLstmCellState);
    int8_t *output = t.output<int8_t>(0);
    const size_t cells = size_t(g_.cells);
    for (int step = 0; step < g_.steps; ++step)
      for (int b = 0; b < g_.batches; ++b) {
        const int8_t *x = input + g_.rowIndex(b, step) * g_.inputs;
        int8_t *h = hidden + int64_t(b) * g_.cells;
        int16_t *c = cell + int64_t(b) * g_.cells;
        for (int gate : {kForgetGate, kInputGate, kCellGate})
          computeGate(t, gate, x, h);
        for (size_t i = 0; i < cells; ++i) {
          const int32_t kept = p_.forgetTimesCell.apply(gates_[kForgetGate][i], c[i]);
          const int32_t added =
              p_.inputTimesCellGate.apply(gates_[kInputGate][i], gates_[kCellGate][i]);
          int16_t updated = saturatingAdd16(kept, added);
          if (p_.cellClip > 0)
            updated = std::clamp<int16_t>(updated, int16_t(-p_.cellClip), p_.cellClip);
          c[i] = updated;
        }
        // The output gate still sees the previous hidden state.
        computeGate(t, kOutputGate, x, h);
        int8_t *out = output + g_.rowIndex(b, step) * g_.cells;
        for (size_t i = 0; i < cells; ++i) {
          const int16_t squashed = runtime::tanhInt16(c[i], p_.cellTanh);
          h[i] = int8_t(p_.tanhCellTimesOutput.apply(squashed, gates_[kOutputGate][i]));
          out[i] = h[i];
        }
      }
    return llvm::Error::success();
  }

private:
  // One FULLY_CONNECTED to int16 (bias only on the input side), as TFLite's int8 x int8 -> int16
  // kernel computes it.
  int16_t fullyConnected(const int8_t *weights, const int8_t *x, int depth, int32_t offset,
                         const int32_t *bias, QuantizedMultiplier m) const {
    int64_t acc = 0;
    for (int d = 0; d < depth; ++d)
      acc += int32_t(weights[d]) * (int32_t(x[d]) + offset);
    if (bias)
      acc += *bias;
    const int32_t scaled =
        runtime::multiplyByQuantizedMultiplier(wrapToInt32(acc), m.multiplier, m.shift);
    return int16_t(std::clamp(scaled, -32768, 32767));
  }

  void computeGate(const TensorViews &t, int gate, const int8_t *x, const int8_t *h) const {
    const int8_t *inputWeights = t.input<int8_t>(lstmInputWeights(gate));
    const int8_t *recurrentWeights = t.input<int8_t>(lstmRecurrentWeights(gate));
    const int32_t *bias = t.input<int32_t>(lstmBias(gate));
    const GateParameters &params = p_.gates[gate];
    std::vector<int16_t> &out = gates_[size_t(gate)];
    for (int c = 0; c < g_.cells; ++c) {
      const int16_t fromInput = fullyConnected(inputWeights + int64_t(c) * g_.inputs, x, g_.inputs,
                                               p_.inputOffset, bias + c, params.inputScale);
      const int16_t fromHidden =
          fullyConnected(recurrentWeights + int64_t(c) * g_.cells, h, g_.cells, p_.hiddenOffset,
                         nullptr, params.recurrentScale);
      const int16_t sum = saturatingAdd16(fromInput, fromHidden);
      out[size_t(c)] =
          gate == kCellGate ? runtime::tanhInt16(sum, {0, 0}) : runtime::logisticInt16(sum, {0, 0});
    }
  }

  LstmGeometry g_;
  IntegerLstmParameters p_;
  // Gate outputs of one row; kernels run one op at a time, so a prepared op may keep them.
  mutable std::vector<int16_t> gates_[4];
};

} // namespace

llvm::Expected<KernelPtr> prepareIntegerLstm(const Op &op, const LstmGeometry &g) {
  if (g.cifg || g.peephole || g.projection || g.layerNorm)
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
  if (activationOf(op) != "TANH")
    return unsupported("the integer LSTM with cell activation " + activationOf(op));
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
                           recurrentWeightScales, g.cellClip);
  if (!r)
    return unsupported(fmt::format("the integer LSTM with cell state scale {} (not a power of "
                                   "two in [2^-30, 1])",
                                   scaleOf(cell)));
  IntegerLstmParameters p{};
  for (int gate = kInputGate; gate <= kOutputGate; ++gate)
    p.gates[gate] = {r->inputToGate[gate], r->recurrentToGate[gate]};
  p.inputOffset = -zeroPointOf(input);
  p.hiddenOffset = -zeroPointOf(hidden);
  p.hiddenZeroPoint = zeroPointOf(hidden);
  p.cellTanh = {r->cellTanhMultiplier, r->cellTanhShift};
  const IntRange cellRange{-32768, 32767}, hiddenRange{-128, 127};
  p.forgetTimesCell = {r->forgetTimesCell, 0, cellRange};
  p.inputTimesCellGate = {r->inputTimesCellGate, 0, cellRange};
  p.tanhCellTimesOutput = {r->tanhCellTimesOutput, zeroPointOf(hidden), hiddenRange};
  p.cellClip = r->cellClip;
  return std::make_unique<Int8Lstm>(g, p);
}

} // namespace litec::ir::reference
