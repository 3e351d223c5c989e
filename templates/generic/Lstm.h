#pragma once

// UNIDIRECTIONAL_SEQUENCE_LSTM. Its state lives in the arena and persists across invokes
// (reset() restores it). p: litec/ir/ops/Lstm.h's LstmParams (batches, steps, inputs, cells,
// outputs, timeMajor and the variant flags; float: cellClip, projClip, activation; integer: the
// rescalings of TFLite Micro's integer kernel).

#include "Common.h"
#include "litec/runtime/Int16Activations.h"
#include "litec/runtime/Operators.h"

#include <cmath>

namespace litec::generic {

// Gate indices, as ops::LstmGate.
inline constexpr int kLstmInputGate = 0, kLstmForgetGate = 1, kLstmCellGate = 2,
                     kLstmOutputGate = 3;

// The tensors of a float LSTM; absent optional ones are nullptr. Per gate: input, forget, cell,
// output (the cell gate has no peephole).
struct FloatLstmTensors {
  const float *inputWeights[4], *recurrentWeights[4], *peephole[4], *bias[4], *norm[4];
  const float *projection, *projectionBias;
};

inline float lstmActivate(runtime::LstmActivation activation, float x) {
  switch (activation) {
  case runtime::LstmActivation::kRelu:
    return x > 0.f ? x : 0.f;
  case runtime::LstmActivation::kRelu6:
    return clampFloat(x, 0.f, 6.f);
  case runtime::LstmActivation::kReluN1To1:
    return clampFloat(x, -1.f, 1.f);
  case runtime::LstmActivation::kTanh:
    return std::tanh(x);
  case runtime::LstmActivation::kNone:
    break;
  }
  return x;
}

// Where the row of batch b at time `step` starts, in rows of the input or the output.
template <class P> inline int lstmRow(const P &p, int b, int step) {
  return p.timeMajor ? step * p.batches + b : b * p.steps + step;
}

// gate = act(Wx x_t + Wh h (+ w_c . c) + b), layer-normalised before the bias when asked.
template <class P>
void floatLstmGate(const P &p, int gate, const FloatLstmTensors &t, const float *input, int step,
                   const float *hidden, const float *cell, float *out) {
  const float *wx = t.inputWeights[gate], *wh = t.recurrentWeights[gate];
  const float *wc = gate == kLstmCellGate ? nullptr : t.peephole[gate], *bias = t.bias[gate];
  for (int b = 0; b < p.batches; ++b) {
    const float *x = input + lstmRow(p, b, step) * p.inputs;
    float *row = out + b * p.cells;
    for (int c = 0; c < p.cells; ++c) {
      float total = p.layerNorm || bias == nullptr ? 0.f : bias[c];
      for (int i = 0; i < p.inputs; ++i)
        total += wx[c * p.inputs + i] * x[i];
      for (int o = 0; o < p.outputs; ++o)
        total += wh[c * p.outputs + o] * hidden[b * p.outputs + o];
      if (wc != nullptr && p.peephole)
        total += wc[c] * cell[b * p.cells + c];
      row[c] = total;
    }
    if (p.layerNorm) {
      float sum = 0.f;
      for (int c = 0; c < p.cells; ++c)
        sum += row[c];
      const float mean = sum / float(p.cells);
      float squares = 0.f;
      for (int c = 0; c < p.cells; ++c)
        squares += (row[c] - mean) * (row[c] - mean);
      const float inverse = 1.f / std::sqrt(squares / float(p.cells) + 1e-8f);
      const float *norm = t.norm[gate];
      for (int c = 0; c < p.cells; ++c)
        row[c] = (row[c] - mean) * inverse * (norm != nullptr ? norm[c] : 1.f) +
                 (bias != nullptr ? bias[c] : 0.f);
    }
    for (int c = 0; c < p.cells; ++c)
      row[c] = gate == kLstmCellGate ? lstmActivate(p.activation, row[c])
                                     : 1.f / (1.f + std::exp(-row[c]));
  }
}

// scratch: 5 * batches * cells floats (four gates and the unprojected hidden state).
template <class P>
void lstmFloat(const P &p, const float *input, const FloatLstmTensors &t, float *hidden,
               float *cell, float *scratch, float *output) {
  const int n = p.batches * p.cells;
  float *gates[4] = {scratch, scratch + n, scratch + 2 * n, scratch + 3 * n};
  float *hiddenScratch = scratch + 4 * n;
  for (int step = 0; step < p.steps; ++step) {
    for (int gate = kLstmInputGate; gate <= kLstmCellGate; ++gate)
      if (!(gate == kLstmInputGate && p.cifg))
        floatLstmGate(p, gate, t, input, step, hidden, cell, gates[gate]);
    for (int i = 0; i < n; ++i) {
      const float inputGate = p.cifg ? 1.f - gates[kLstmForgetGate][i] : gates[kLstmInputGate][i];
      float c = gates[kLstmForgetGate][i] * cell[i] + inputGate * gates[kLstmCellGate][i];
      if (p.cellClip > 0)
        c = clampFloat(c, -p.cellClip, p.cellClip);
      cell[i] = c;
    }
    // The output gate's peephole sees the new cell state.
    floatLstmGate(p, kLstmOutputGate, t, input, step, hidden, cell, gates[kLstmOutputGate]);
    for (int i = 0; i < n; ++i)
      hiddenScratch[i] = gates[kLstmOutputGate][i] * lstmActivate(p.activation, cell[i]);
    for (int b = 0; b < p.batches; ++b) {
      const float *h = hiddenScratch + b * p.cells;
      for (int o = 0; o < p.outputs; ++o) {
        // Without a projection there are as many outputs as cells; with one, h has cells
        // values and the outputs are their projection.
        float value = p.projection ? 0.f : h[o];
        if (p.projection) {
          value = t.projectionBias != nullptr ? t.projectionBias[o] : 0.f;
          for (int c = 0; c < p.cells; ++c)
            value += t.projection[o * p.cells + c] * h[c];
          if (p.projClip > 0)
            value = clampFloat(value, -p.projClip, p.projClip);
        }
        hidden[b * p.outputs + o] = value;
        output[lstmRow(p, b, step) * p.outputs + o] = value;
      }
    }
  }
}

struct IntegerLstmTensors {
  const std::int8_t *inputWeights[4], *recurrentWeights[4];
  const std::int32_t *bias[4];
};

inline std::int16_t saturatingAdd16(std::int32_t a, std::int32_t b) {
  return clampTo<std::int16_t>(a + b, -32768, 32767);
}

// One fully connected part of a gate, to int16 as TFLite's int8 x int8 -> int16 kernel.
inline std::int16_t lstmProduct(const std::int8_t *weights, const std::int8_t *x, int depth,
                                std::int32_t offset, const std::int32_t *bias,
                                runtime::QuantizedMultiplier m) {
  std::uint32_t acc = bias != nullptr ? static_cast<std::uint32_t>(*bias) : 0u;
  for (int d = 0; d < depth; ++d)
    acc += static_cast<std::uint32_t>(std::int32_t(weights[d]) * (std::int32_t(x[d]) + offset));
  return clampTo<std::int16_t>(
      runtime::multiplyByQuantizedMultiplier(static_cast<std::int32_t>(acc), m.multiplier, m.shift),
      -32768, 32767);
}

template <class P>
inline void integerLstmGate(const P &p, int gate, const IntegerLstmTensors &t, const std::int8_t *x,
                            const std::int8_t *h, std::int16_t *out) {
  for (int c = 0; c < p.cells; ++c) {
    const std::int16_t fromInput =
        lstmProduct(t.inputWeights[gate] + c * p.inputs, x, p.inputs, p.inputOffset,
                    t.bias[gate] + c, p.inputToGate[gate]);
    const std::int16_t fromHidden = lstmProduct(t.recurrentWeights[gate] + c * p.cells, h, p.cells,
                                                p.hiddenOffset, nullptr, p.recurrentToGate[gate]);
    const std::int16_t sum = saturatingAdd16(fromInput, fromHidden);
    out[c] = gate == kLstmCellGate ? runtime::tanhInt16(sum, {0, 0})
                                   : runtime::logisticInt16(sum, {0, 0});
  }
}

inline std::int32_t rescaledProduct(std::int16_t a, std::int16_t b, runtime::QuantizedMultiplier m,
                                    std::int32_t offset, std::int32_t low, std::int32_t high) {
  const std::int32_t scaled = runtime::multiplyByQuantizedMultiplier(
                                  std::int32_t(a) * std::int32_t(b), m.multiplier, m.shift) +
                              offset;
  return scaled < low ? low : (scaled > high ? high : scaled);
}

// scratch: 4 * cells int16 (the gates of one row).
template <class P>
void lstmInteger(const P &p, const std::int8_t *input, const IntegerLstmTensors &t,
                 std::int8_t *hidden, std::int16_t *cell, std::int16_t *scratch,
                 std::int8_t *output) {
  std::int16_t *gates[4] = {scratch, scratch + p.cells, scratch + 2 * p.cells,
                            scratch + 3 * p.cells};
  for (int step = 0; step < p.steps; ++step)
    for (int b = 0; b < p.batches; ++b) {
      const int row = lstmRow(p, b, step);
      const std::int8_t *x = input + row * p.inputs;
      std::int8_t *h = hidden + b * p.cells;
      std::int16_t *c = cell + b * p.cells;
      // TFLite Micro's order: forget, input, cell.
      const int order[] = {kLstmForgetGate, kLstmInputGate, kLstmCellGate};
      for (int gate : order)
        integerLstmGate(p, gate, t, x, h, gates[gate]);
      for (int i = 0; i < p.cells; ++i) {
        const std::int32_t kept =
            rescaledProduct(gates[kLstmForgetGate][i], c[i], p.forgetTimesCell, 0, -32768, 32767);
        const std::int32_t added =
            rescaledProduct(gates[kLstmInputGate][i], gates[kLstmCellGate][i], p.inputTimesCellGate,
                            0, -32768, 32767);
        std::int16_t updated = saturatingAdd16(kept, added);
        if (p.quantizedCellClip > 0)
          updated = clampTo<std::int16_t>(updated, -p.quantizedCellClip, p.quantizedCellClip);
        c[i] = updated;
      }
      // The output gate still sees the previous hidden state.
      integerLstmGate(p, kLstmOutputGate, t, x, h, gates[kLstmOutputGate]);
      std::int8_t *out = output + row * p.cells;
      for (int i = 0; i < p.cells; ++i) {
        const std::int16_t squashed =
            runtime::tanhInt16(c[i], {p.cellTanhMultiplier, p.cellTanhShift});
        h[i] = static_cast<std::int8_t>(rescaledProduct(squashed, gates[kLstmOutputGate][i],
                                                        p.tanhCellTimesOutput, p.hiddenZeroPoint,
                                                        -128, 127));
        out[i] = h[i];
      }
    }
}

} // namespace litec::generic
