// The integer UNIDIRECTIONAL_SEQUENCE_LSTM (int8 activations and weights, int16 cell state,
// int32 biases), as TFLite Micro's kernel computes each step:
//   gate   = act(FC(x) + FC(h)), both FCs rescaled to int16 on the scale 2^-12 and added with
//            saturation; act is the int16 sigmoid, or tanh for the cell gate (outputs on 2^-15);
//   cell   = sat(forget . cell) + sat(input . cellGate), rescaled multiplications to the cell
//            state's scale, added with saturation, then clipped to the quantised cell clip;
//   hidden = tanh(cell) . output, rescaled to the hidden state's int8 quantisation.
// The output row of each step is the new hidden state. The intermediate tensors some converters
// attach are not read (their scales are fixed; litec/ir/ops/Lstm.h prepares the parameters).

#include "Lstm.h"

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

int16_t saturatingAdd16(int32_t a, int32_t b) {
  return int16_t(std::clamp(a + b, -32768, 32767));
}

class Int8Lstm final : public Kernel {
public:
  explicit Int8Lstm(LstmParams p) : g_(std::move(p)) {
    const IntRange cellRange{-32768, 32767}, hiddenRange{-128, 127};
    forgetTimesCell_ = {g_.forgetTimesCell, 0, cellRange};
    inputTimesCellGate_ = {g_.inputTimesCellGate, 0, cellRange};
    tanhCellTimesOutput_ = {g_.tanhCellTimesOutput, g_.hiddenZeroPoint, hiddenRange};
    for (auto &gate : gates_)
      gate.assign(size_t(g_.cells), 0);
  }

  llvm::Error run(const TensorViews &t) const override {
    const int8_t *input = t.input<int8_t>(0);
    int8_t *hidden = t.state<int8_t>(kLstmHiddenState);
    int16_t *cell = t.state<int16_t>(kLstmCellState);
    int8_t *output = t.output<int8_t>(0);
    const size_t cells = size_t(g_.cells);
    for (int step = 0; step < g_.steps; ++step)
      for (int b = 0; b < g_.batches; ++b) {
        const int8_t *x = input + lstmRow(g_, b, step) * g_.inputs;
        int8_t *h = hidden + int64_t(b) * g_.cells;
        int16_t *c = cell + int64_t(b) * g_.cells;
        for (int gate : {kForgetGate, kInputGate, kCellGate})
          computeGate(t, gate, x, h);
        for (size_t i = 0; i < cells; ++i) {
          const int32_t kept = forgetTimesCell_.apply(gates_[kForgetGate][i], c[i]);
          const int32_t added =
              inputTimesCellGate_.apply(gates_[kInputGate][i], gates_[kCellGate][i]);
          int16_t updated = saturatingAdd16(kept, added);
          if (g_.quantizedCellClip > 0)
            updated =
                int16_t(std::clamp<int32_t>(updated, -g_.quantizedCellClip, g_.quantizedCellClip));
          c[i] = updated;
        }
        // The output gate still sees the previous hidden state.
        computeGate(t, kOutputGate, x, h);
        int8_t *out = output + lstmRow(g_, b, step) * g_.cells;
        for (size_t i = 0; i < cells; ++i) {
          const int16_t squashed =
              runtime::tanhInt16(c[i], {g_.cellTanhMultiplier, g_.cellTanhShift});
          h[i] = int8_t(tanhCellTimesOutput_.apply(squashed, gates_[kOutputGate][i]));
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
    std::vector<int16_t> &out = gates_[size_t(gate)];
    for (int c = 0; c < g_.cells; ++c) {
      const int16_t fromInput =
          fullyConnected(inputWeights + int64_t(c) * g_.inputs, x, g_.inputs, g_.inputOffset,
                         bias + c, g_.inputToGate[size_t(gate)]);
      const int16_t fromHidden =
          fullyConnected(recurrentWeights + int64_t(c) * g_.cells, h, g_.cells, g_.hiddenOffset,
                         nullptr, g_.recurrentToGate[size_t(gate)]);
      const int16_t sum = saturatingAdd16(fromInput, fromHidden);
      out[size_t(c)] =
          gate == kCellGate ? runtime::tanhInt16(sum, {0, 0}) : runtime::logisticInt16(sum, {0, 0});
    }
  }

  LstmParams g_;
  RescaledProduct forgetTimesCell_, inputTimesCellGate_, tanhCellTimesOutput_;
  // Gate outputs of one row; kernels run one op at a time, so a prepared op may keep them.
  mutable std::vector<int16_t> gates_[4];
};

} // namespace

KernelPtr makeIntegerLstm(const LstmParams &p) {
  return std::make_unique<Int8Lstm>(p);
}

} // namespace litec::ir::reference
