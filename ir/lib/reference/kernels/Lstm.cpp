// UNIDIRECTIONAL_SEQUENCE_LSTM on float32, as TFLite's reference LSTM computes each step: every
// gate is W_x x + W_h h (+ peephole w_c . c) + bias, optionally layer-normalised (then scaled by
// its coefficients, then biased), then activated; the cell state is f . c + i . g (CIFG: i = 1 -
// f), clipped; the hidden state is o . act(c), optionally projected and clipped. The hidden and
// cell states are the op's variable operands and persist across invokes. Integer LSTMs are
// prepared here too and run by IntegerLstm.cpp.

#include "LstmGeometry.h"

#include <cmath>

namespace litec::ir::reference {

namespace {
float activate(const std::string &activation, float x) {
  if (activation == "RELU")
    return std::max(x, 0.f);
  if (activation == "RELU6")
    return std::clamp(x, 0.f, 6.f);
  if (activation == "RELU_N1_TO_1")
    return std::clamp(x, -1.f, 1.f);
  if (activation == "TANH")
    return std::tanh(x);
  return x;
}

float sigmoid(float x) {
  return 1.f / (1.f + std::exp(-x));
}

class FloatLstm final : public Kernel {
public:
  FloatLstm(LstmGeometry g, std::string activation) : g_(g), activation_(std::move(activation)) {
    const size_t cells = size_t(g.batches) * size_t(g.cells);
    for (auto &gate : gates_)
      gate.assign(cells, 0.f);
    hiddenScratch_.assign(size_t(g.batches) * size_t(g.cells), 0.f);
  }

  llvm::Error run(const TensorViews &t) const override {
    auto optional = [&](size_t i) { return t.hasInput(i) ? t.input<float>(i) : nullptr; };
    const float *input = t.input<float>(0);
    float *hidden = t.state<float>(18), *cell = t.state<float>(19);
    float *output = t.output<float>(0);
    for (int step = 0; step < g_.steps; ++step) {
      for (int gate = kInputGate; gate <= kCellGate; ++gate) {
        if (gate == kInputGate && g_.cifg)
          continue;
        computeGate(gate, t, input, step, hidden, cell, optional(size_t(1 + gate)),
                    optional(size_t(5 + gate)),
                    gate == kCellGate ? nullptr
                                      : optional(size_t(gate == kOutputGate ? 11 : 9 + gate)),
                    optional(size_t(12 + gate)), optional(size_t(20 + gate)));
      }
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
      computeGate(kOutputGate, t, input, step, hidden, cell, optional(4), optional(8),
                  g_.peephole ? optional(11) : nullptr, optional(15), optional(23));
      for (size_t i = 0; i < n; ++i)
        hiddenScratch_[i] = outputGate[i] * activate(activation_, cell[i]);
      finishStep(t, hidden, output, step);
    }
    return llvm::Error::success();
  }

private:
  // gate = act(Wx x_t + Wh h (+ w_c . c) + b), with layer normalisation before the bias.
  void computeGate(int gate, const TensorViews &, const float *input, int step, const float *hidden,
                   const float *cell, const float *wx, const float *wh, const float *wc,
                   const float *bias, const float *norm) const {
    std::vector<float> &out = gates_[size_t(gate)];
    for (int b = 0; b < g_.batches; ++b) {
      const float *x = input + g_.rowIndex(b, step) * g_.inputs;
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
        row[c] = gate == kCellGate ? activate(activation_, row[c]) : sigmoid(row[c]);
    }
  }

  void finishStep(const TensorViews &t, float *hidden, float *output, int step) const {
    const float *projection = t.hasInput(16) ? t.input<float>(16) : nullptr;
    const float *projectionBias = t.hasInput(17) ? t.input<float>(17) : nullptr;
    for (int b = 0; b < g_.batches; ++b) {
      const float *h = hiddenScratch_.data() + size_t(b) * size_t(g_.cells);
      for (int o = 0; o < g_.outputs; ++o) {
        float value = h[o];
        if (projection) {
          value = projectionBias ? projectionBias[o] : 0.f;
          for (int c = 0; c < g_.cells; ++c)
            value += projection[o * g_.cells + c] * h[c];
          if (g_.projClip > 0)
            value = std::clamp(value, -g_.projClip, g_.projClip);
        }
        hidden[b * g_.outputs + o] = value;
        output[g_.rowIndex(b, step) * g_.outputs + o] = value;
      }
    }
  }

  LstmGeometry g_;
  std::string activation_;
  // Gate values of one step; kernels run one op at a time, so a prepared op may keep them.
  mutable std::vector<float> gates_[4];
  mutable std::vector<float> hiddenScratch_;
};

bool hasShape(const Value *v, Shape shape) {
  return v && v->shape == shape;
}
} // namespace

llvm::Expected<LstmGeometry> lstmGeometry(const Op &op) {
  if (op.operands.size() < 20)
    return kernelError("UNIDIRECTIONAL_SEQUENCE_LSTM needs at least 20 operands");
  auto operand = [&](size_t i) { return i < op.operands.size() ? op.operands[i] : nullptr; };
  const Value *input = operand(0), *hidden = operand(kLstmHiddenState),
              *cell = operand(kLstmCellState);
  const Value &output = *op.results[0];
  if (!input || input->shape.size() != 3 || !hidden || !cell || !hidden->isVariable ||
      !cell->isVariable || !operand(2) || !operand(3) || !operand(4) || !operand(6) ||
      !operand(7) || !operand(8))
    return kernelError("UNIDIRECTIONAL_SEQUENCE_LSTM lacks its input, weights or variable states");
  LstmGeometry g{};
  g.timeMajor = op.attrs.getBool("time_major").value_or(false);
  g.steps = int(input->shape[g.timeMajor ? 0 : 1]);
  g.batches = int(input->shape[g.timeMajor ? 1 : 0]);
  g.inputs = int(input->shape[2]);
  g.cells = int(operand(2)->shape.empty() ? 0 : operand(2)->shape[0]);
  g.projection = operand(16) != nullptr;
  g.outputs = g.projection ? int(operand(16)->shape[0]) : g.cells;
  g.cifg = operand(1) == nullptr;
  g.peephole = operand(11) != nullptr;
  g.layerNorm = operand(21) != nullptr;
  g.cellClip = float(op.attrs.getFloat("cell_clip").value_or(0));
  g.projClip = float(op.attrs.getFloat("proj_clip").value_or(0));
  // Every weight, bias and state must have the shape the geometry implies.
  const int64_t B = g.batches, I = g.inputs, C = g.cells, O = g.outputs;
  bool ok = elementCount(hidden->shape) == B * O && elementCount(cell->shape) == B * C &&
            output.shape == (g.timeMajor ? Shape{g.steps, B, O} : Shape{B, g.steps, O});
  for (int gate = kInputGate; gate <= kOutputGate; ++gate) {
    if (gate == kInputGate && g.cifg)
      continue;
    ok = ok && hasShape(operand(lstmInputWeights(gate)), {C, I}) &&
         hasShape(operand(lstmRecurrentWeights(gate)), {C, O}) &&
         hasShape(operand(lstmBias(gate)), {C});
    if (g.layerNorm)
      ok = ok && hasShape(operand(size_t(20 + gate)), {C});
  }
  if (g.peephole)
    ok = ok && (g.cifg || hasShape(operand(9), {C})) && hasShape(operand(10), {C}) &&
         hasShape(operand(11), {C});
  if (g.projection)
    ok = ok && hasShape(operand(16), {O, C}) && (!operand(17) || hasShape(operand(17), {O}));
  if (!ok)
    return kernelError("UNIDIRECTIONAL_SEQUENCE_LSTM weights, states and output do not agree in "
                       "shape");
  return g;
}

llvm::Expected<KernelPtr> prepareLstm(const Op &op) {
  auto g = lstmGeometry(op);
  if (!g)
    return g.takeError();
  if (op.operands[0]->type == ElementType::I8)
    return prepareIntegerLstm(op, *g);
  for (const Value *v : op.operands)
    if (v && v->type != ElementType::F32)
      return unsupported("UNIDIRECTIONAL_SEQUENCE_LSTM with operand types " + typeList(op));
  const std::string activation = activationOf(op);
  if (activation == "SIGN_BIT")
    return unsupported("LSTM activation SIGN_BIT");
  return std::make_unique<FloatLstm>(*g, activation);
}

} // namespace litec::ir::reference
