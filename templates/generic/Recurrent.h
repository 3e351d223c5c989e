#pragma once

// UNIDIRECTIONAL_SEQUENCE_LSTM. Its state lives in the arena and persists across invokes
// (reset() restores it).
//   Float LSTM P: batches, steps, inputs, cells, outputs, timeMajor, cifg, peephole, projection,
//   layerNorm, cellClip, projClip, activation; integer LSTM P: the rescalings of TFLite Micro's
//   integer kernel (see ir::integerLstmRescaling).

#include "Common.h"
#include "litec/runtime/Int16Activations.h"

#include <cmath>
#include <limits>

namespace litec::generic {

// The tensors of a float LSTM; absent optional ones are nullptr. Gates: input, forget, cell,
// output.
struct FloatLstmTensors {
  const float *inputWeights[4], *recurrentWeights[4], *peephole[4], *bias[4], *norm[4];
  const float *projection, *projectionBias;
};

enum class LstmActivation { kNone, kRelu, kRelu6, kReluN1To1, kTanh };

template <LstmActivation A> inline float lstmActivate(float x) {
  if constexpr (A == LstmActivation::kRelu)
    return x > 0.f ? x : 0.f;
  else if constexpr (A == LstmActivation::kRelu6)
    return clampFloat(x, 0.f, 6.f);
  else if constexpr (A == LstmActivation::kReluN1To1)
    return clampFloat(x, -1.f, 1.f);
  else if constexpr (A == LstmActivation::kTanh)
    return std::tanh(x);
  else
    return x;
}

inline int lstmRow(bool timeMajor, int batches, int steps, int b, int step) {
  return timeMajor ? step * batches + b : b * steps + step;
}

// gate = act(Wx x_t + Wh h (+ w_c . c) + b), layer-normalised before the bias when asked.
template <class P>
void floatLstmGate(int gate, const FloatLstmTensors &t, const float *input, int step,
                   const float *hidden, const float *cell, float *out) {
  const float *wx = t.inputWeights[gate], *wh = t.recurrentWeights[gate];
  const float *wc = gate == 2 ? nullptr : t.peephole[gate], *bias = t.bias[gate];
  for (int b = 0; b < P::batches; ++b) {
    const float *x = input + lstmRow(P::timeMajor, P::batches, P::steps, b, step) * P::inputs;
    float *row = out + b * P::cells;
    for (int c = 0; c < P::cells; ++c) {
      float total = P::layerNorm || bias == nullptr ? 0.f : bias[c];
      for (int i = 0; i < P::inputs; ++i)
        total += wx[c * P::inputs + i] * x[i];
      for (int o = 0; o < P::outputs; ++o)
        total += wh[c * P::outputs + o] * hidden[b * P::outputs + o];
      if (wc != nullptr && P::peephole)
        total += wc[c] * cell[b * P::cells + c];
      row[c] = total;
    }
    if constexpr (P::layerNorm) {
      float sum = 0.f;
      for (int c = 0; c < P::cells; ++c)
        sum += row[c];
      const float mean = sum / float(P::cells);
      float squares = 0.f;
      for (int c = 0; c < P::cells; ++c)
        squares += (row[c] - mean) * (row[c] - mean);
      const float inverse = 1.f / std::sqrt(squares / float(P::cells) + 1e-8f);
      const float *norm = t.norm[gate];
      for (int c = 0; c < P::cells; ++c)
        row[c] = (row[c] - mean) * inverse * (norm != nullptr ? norm[c] : 1.f) +
                 (bias != nullptr ? bias[c] : 0.f);
    }
    for (int c = 0; c < P::cells; ++c)
      row[c] = gate == 2 ? lstmActivate<P::activation>(row[c]) : 1.f / (1.f + std::exp(-row[c]));
  }
}

// scratch: 5 * batches * cells floats (four gates and the unprojected hidden state).
template <class P>
void lstmFloat(const float *input, const FloatLstmTensors &t, float *hidden, float *cell,
               float *scratch, float *output) {
  constexpr int kN = P::batches * P::cells;
  float *gates[4] = {scratch, scratch + kN, scratch + 2 * kN, scratch + 3 * kN};
  float *hiddenScratch = scratch + 4 * kN;
  for (int step = 0; step < P::steps; ++step) {
    for (int gate = 0; gate <= 2; ++gate)
      if (!(gate == 0 && P::cifg))
        floatLstmGate<P>(gate, t, input, step, hidden, cell, gates[gate]);
    for (int i = 0; i < kN; ++i) {
      const float inputGate = P::cifg ? 1.f - gates[1][i] : gates[0][i];
      float c = gates[1][i] * cell[i] + inputGate * gates[2][i];
      if (P::cellClip > 0)
        c = clampFloat(c, -P::cellClip, P::cellClip);
      cell[i] = c;
    }
    // The output gate's peephole sees the new cell state.
    floatLstmGate<P>(3, t, input, step, hidden, cell, gates[3]);
    for (int i = 0; i < kN; ++i)
      hiddenScratch[i] = gates[3][i] * lstmActivate<P::activation>(cell[i]);
    for (int b = 0; b < P::batches; ++b) {
      const float *h = hiddenScratch + b * P::cells;
      for (int o = 0; o < P::outputs; ++o) {
        float value = h[o];
        if constexpr (P::projection) {
          value = t.projectionBias != nullptr ? t.projectionBias[o] : 0.f;
          for (int c = 0; c < P::cells; ++c)
            value += t.projection[o * P::cells + c] * h[c];
          if (P::projClip > 0)
            value = clampFloat(value, -P::projClip, P::projClip);
        }
        hidden[b * P::outputs + o] = value;
        output[lstmRow(P::timeMajor, P::batches, P::steps, b, step) * P::outputs + o] = value;
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
template <int Depth>
inline std::int16_t lstmProduct(const std::int8_t *weights, const std::int8_t *x,
                                std::int32_t offset, const std::int32_t *bias,
                                std::int32_t multiplier, int shift) {
  std::uint32_t acc = bias != nullptr ? static_cast<std::uint32_t>(*bias) : 0u;
  for (int d = 0; d < Depth; ++d)
    acc += static_cast<std::uint32_t>(std::int32_t(weights[d]) * (std::int32_t(x[d]) + offset));
  return clampTo<std::int16_t>(
      runtime::multiplyByQuantizedMultiplier(static_cast<std::int32_t>(acc), multiplier, shift),
      -32768, 32767);
}

template <class P>
inline void integerLstmGate(int gate, const IntegerLstmTensors &t, const std::int8_t *x,
                            const std::int8_t *h, std::int16_t *out) {
  for (int c = 0; c < P::cells; ++c) {
    const std::int16_t fromInput =
        lstmProduct<P::inputs>(t.inputWeights[gate] + c * P::inputs, x, P::inputOffset,
                               t.bias[gate] + c, P::inputMultipliers[gate], P::inputShifts[gate]);
    const std::int16_t fromHidden =
        lstmProduct<P::cells>(t.recurrentWeights[gate] + c * P::cells, h, P::hiddenOffset, nullptr,
                              P::recurrentMultipliers[gate], P::recurrentShifts[gate]);
    const std::int16_t sum = saturatingAdd16(fromInput, fromHidden);
    out[c] = gate == 2 ? runtime::tanhInt16(sum, {0, 0}) : runtime::logisticInt16(sum, {0, 0});
  }
}

inline std::int32_t rescaledProduct(std::int16_t a, std::int16_t b, std::int32_t multiplier,
                                    int shift, std::int32_t offset, std::int32_t low,
                                    std::int32_t high) {
  const std::int32_t scaled =
      runtime::multiplyByQuantizedMultiplier(std::int32_t(a) * std::int32_t(b), multiplier, shift);
  return scaled + offset < low ? low : (scaled + offset > high ? high : scaled + offset);
}

// scratch: 4 * cells int16 (the gates of one row).
template <class P>
void lstmInteger(const std::int8_t *input, const IntegerLstmTensors &t, std::int8_t *hidden,
                 std::int16_t *cell, std::int16_t *scratch, std::int8_t *output) {
  std::int16_t *gates[4] = {scratch, scratch + P::cells, scratch + 2 * P::cells,
                            scratch + 3 * P::cells};
  for (int step = 0; step < P::steps; ++step)
    for (int b = 0; b < P::batches; ++b) {
      const int row = lstmRow(P::timeMajor, P::batches, P::steps, b, step);
      const std::int8_t *x = input + row * P::inputs;
      std::int8_t *h = hidden + b * P::cells;
      std::int16_t *c = cell + b * P::cells;
      integerLstmGate<P>(1, t, x, h, gates[1]);
      integerLstmGate<P>(0, t, x, h, gates[0]);
      integerLstmGate<P>(2, t, x, h, gates[2]);
      for (int i = 0; i < P::cells; ++i) {
        const std::int32_t kept = rescaledProduct(gates[1][i], c[i], P::forgetCellMultiplier,
                                                  P::forgetCellShift, 0, -32768, 32767);
        const std::int32_t added =
            rescaledProduct(gates[0][i], gates[2][i], P::inputCellGateMultiplier,
                            P::inputCellGateShift, 0, -32768, 32767);
        std::int16_t updated = saturatingAdd16(kept, added);
        if (P::cellClip > 0)
          updated = clampTo<std::int16_t>(updated, -P::cellClip, P::cellClip);
        c[i] = updated;
      }
      // The output gate still sees the previous hidden state.
      integerLstmGate<P>(3, t, x, h, gates[3]);
      std::int8_t *out = output + row * P::cells;
      for (int i = 0; i < P::cells; ++i) {
        const std::int16_t squashed =
            runtime::tanhInt16(c[i], {P::cellTanhMultiplier, P::cellTanhShift});
        h[i] = static_cast<std::int8_t>(rescaledProduct(squashed, gates[3][i], P::outputMultiplier,
                                                        P::outputShift, P::hiddenZeroPoint, -128,
                                                        127));
        out[i] = h[i];
      }
    }
}

} // namespace litec::generic
