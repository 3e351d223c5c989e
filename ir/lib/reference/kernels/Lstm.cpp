// UNIDIRECTIONAL_SEQUENCE_LSTM on float32 (litec/ir/ops/Lstm.h), as TFLite's reference LSTM
// computes each step. The hidden and cell states are the op's variable operands and persist
// across invokes. Integer LSTMs are prepared here too and run by IntegerLstm.cpp.

#include "Lstm.h"

#include <cmath>

namespace litec::ir::reference {

namespace {
float activate(runtime::LstmActivation activation, float x) {
  switch (activation) {
  case runtime::LstmActivation::kRelu:
    return std::max(x, 0.f);
  case runtime::LstmActivation::kRelu6:
    return std::clamp(x, 0.f, 6.f);
  case runtime::LstmActivation::kReluN1To1:
    return std::clamp(x, -1.f, 1.f);
  case runtime::LstmActivation::kTanh:
    return std::tanh(x);
  case runtime::LstmActivation::kNone:
    break;
  }
  return x;
}

float sigmoid(float x) {
  return 1.f / (1.f + std::exp(-x));
}

class FloatLstm final : public Kernel {
public:
  explicit FloatLstm(LstmParams p) : g_(std::move(p)) {
    const size_t cells = size_t(g_.batches) * size_t(g_.cells);
    for (auto &gate : gates_)
      gate.assign(cells, 0.f);
    hiddenScratch_.assign(size_t(g_.batches) * size_t(g_.cells), 0.f);
  }

  llvm::Error run(const TensorViews &t) const override {
    const float *input = t.input<float>(0);
    float *hidden = t.state<float>(kLstmHiddenState), *cell = t.state<float>(kLstmCellState);
    float *output = t.output<float>(0);
    for (int step = 0; step < g_.steps; ++step) {
      for (int gate = kInputGate; gate <= kCellGate; ++gate)
        if (!(gate == kInputGate && g_.cifg))
          computeGate(gate, t, input, step, hidden, cell);
      const size_t n = size_t(g_.batches) * size_t(g_.cells);
      float *outputGate = gates_[kOutputGate].data();
      for (size_t i = 0; i < n; ++i) {
        const float inputGate = g_.cifg ? 1.f - gates_[kForgetGate][i] : gates_[kInputGate][i];
        float c = gates_[kForgetGate][i] * cell[i] + inputGate * gates_[kCellGate][i];
        if (g_.cellClip > 0)
          c = std::clamp(c, -g_.cellClip, g_.cellClip);
        cell[i] = c;
      }
      // The output gate's peephole sees the new cell state.
      computeGate(kOutputGate, t, input, step, hidden, cell);
      for (size_t i = 0; i < n; ++i)
        hiddenScratch_[i] = outputGate[i] * activate(g_.activation, cell[i]);
      finishStep(t, hidden, output, step);
    }
    return llvm::Error::success();
  }

private:
  // gate = act(Wx x_t + Wh h (+ w_c . c) + b), with layer normalisation before the bias.
  void computeGate(int gate, const TensorViews &t, const float *input, int step,
                   const float *hidden, const float *cell) const {
    auto optional = [&](size_t i) { return t.hasInput(i) ? t.input<float>(i) : nullptr; };
    const float *wx = t.input<float>(lstmInputWeights(gate)),
                *wh = t.input<float>(lstmRecurrentWeights(gate)),
                *wc = gate == kCellGate ? nullptr : optional(lstmPeephole(gate)),
                *bias = optional(lstmBias(gate)), *norm = optional(lstmNorm(gate));
    std::vector<float> &out = gates_[size_t(gate)];
    for (int b = 0; b < g_.batches; ++b) {
      const float *x = input + lstmRow(g_, b, step) * g_.inputs;
      float *row = out.data() + size_t(b) * size_t(g_.cells);
      for (int c = 0; c < g_.cells; ++c) {
        float total = g_.layerNorm || !bias ? 0.f : bias[c];
        for (int i = 0; i < g_.inputs; ++i)
          total += wx[c * g_.inputs + i] * x[i];
        for (int o = 0; o < g_.outputs; ++o)
          total += wh[c * g_.outputs + o] * hidden[b * g_.outputs + o];
        if (wc && g_.peephole)
          total += wc[c] * cell[b * g_.cells + c];
        row[c] = total;
      }
      if (g_.layerNorm) {
        float sum = 0.f;
        for (int c = 0; c < g_.cells; ++c)
          sum += row[c];
        const float mean = sum / float(g_.cells);
        float squares = 0.f;
        for (int c = 0; c < g_.cells; ++c)
          squares += (row[c] - mean) * (row[c] - mean);
        const float inverse = 1.f / std::sqrt(squares / float(g_.cells) + 1e-8f);
        for (int c = 0; c < g_.cells; ++c)
          row[c] = (row[c] - mean) * inverse * (norm ? norm[c] : 1.f) + (bias ? bias[c] : 0.f);
      }
      for (int c = 0; c < g_.cells; ++c)
        row[c] = gate == kCellGate ? activate(g_.activation, row[c]) : sigmoid(row[c]);
    }
  }

  void finishStep(const TensorViews &t, float *hidden, float *output, int step) const {
    const float *projection =
        t.hasInput(kLstmProjection) ? t.input<float>(kLstmProjection) : nullptr;
    const float *projectionBias =
        t.hasInput(kLstmProjectionBias) ? t.input<float>(kLstmProjectionBias) : nullptr;
    for (int b = 0; b < g_.batches; ++b) {
      const float *h = hiddenScratch_.data() + size_t(b) * size_t(g_.cells);
      for (int o = 0; o < g_.outputs; ++o) {
        // Without a projection there are as many outputs as cells; with one, h has cells
        // values and the outputs are their projection.
        float value = projection ? 0.f : h[o];
        if (projection) {
          value = projectionBias ? projectionBias[o] : 0.f;
          for (int c = 0; c < g_.cells; ++c)
            value += projection[o * g_.cells + c] * h[c];
          if (g_.projClip > 0)
            value = std::clamp(value, -g_.projClip, g_.projClip);
        }
        hidden[b * g_.outputs + o] = value;
        output[lstmRow(g_, b, step) * g_.outputs + o] = value;
      }
    }
  }

  LstmParams g_;
  // Gate values of one step; kernels run one op at a time, so a prepared op may keep them.
  mutable std::vector<float> gates_[4];
  mutable std::vector<float> hiddenScratch_;
};

} // namespace

llvm::Expected<KernelPtr> prepareLstm(const Op &op) {
  auto prepared = ops::prepareLstm(op);
  if (!prepared)
    return prepared.takeError();
  if (prepared->isInteger)
    return makeIntegerLstm(prepared->params);
  return std::make_unique<FloatLstm>(prepared->params);
}

} // namespace litec::ir::reference
