#pragma once

// SVDF. Its state lives in the arena and persists across invokes (reset() restores it). p:
// litec/ir/ops/Svdf.h's SvdfParams (batches, inputs, filters, units, rank, memory; float:
// floatRange; integer: inputZeroPoint, stateZeroPoint, outputZeroPoint, the feature and output
// multipliers).

#include "Common.h"

#include <limits>

namespace litec::generic {

// Moves every state value one step back in time; the newest column is overwritten next.
template <class P, typename T> inline void shiftSvdfState(const P &p, T *state) {
  const int total = p.batches * p.filters * p.memory;
  for (int i = 0; i + 1 < total; ++i)
    state[i] = state[i + 1];
}

template <class P>
void svdfFloat(const P &p, const float *input, const float *features, const float *time,
               const float *bias, float *state, float *output) {
  shiftSvdfState(p, state);
  for (int b = 0; b < p.batches; ++b)
    for (int f = 0; f < p.filters; ++f) {
      float dot = 0.f;
      for (int i = 0; i < p.inputs; ++i)
        dot += features[f * p.inputs + i] * input[b * p.inputs + i];
      state[(b * p.filters + f) * p.memory + p.memory - 1] = dot;
    }
  for (int b = 0; b < p.batches; ++b)
    for (int u = 0; u < p.units; ++u) {
      float sum = bias != nullptr ? bias[u] : 0.f;
      for (int r = 0; r < p.rank; ++r) {
        const int f = u * p.rank + r;
        float dot = 0.f;
        for (int m = 0; m < p.memory; ++m)
          dot += time[f * p.memory + m] * state[(b * p.filters + f) * p.memory + m];
        sum += dot;
      }
      output[b * p.units + u] = clampFloat(sum, p.floatRange.min, p.floatRange.max);
    }
}

// int8 input, State (int8 or int16) state and time weights; sums in int32 modulo 2^32 as
// TFLite's accumulators.
template <typename State, class P>
void svdfInteger(const P &p, const std::int8_t *input, const std::int8_t *features,
                 const State *time, const std::int32_t *bias, State *state, std::int8_t *output) {
  shiftSvdfState(p, state);
  constexpr std::int32_t kLow = std::numeric_limits<State>::min();
  constexpr std::int32_t kHigh = std::numeric_limits<State>::max();
  for (int b = 0; b < p.batches; ++b)
    for (int f = 0; f < p.filters; ++f) {
      std::uint32_t dot = 0;
      for (int i = 0; i < p.inputs; ++i)
        dot +=
            static_cast<std::uint32_t>(std::int32_t(features[f * p.inputs + i]) *
                                       (std::int32_t(input[b * p.inputs + i]) - p.inputZeroPoint));
      const std::int32_t value =
          runtime::multiplyByQuantizedMultiplier(static_cast<std::int32_t>(dot),
                                                 p.feature.multiplier, p.feature.shift) +
          p.stateZeroPoint;
      state[(b * p.filters + f) * p.memory + p.memory - 1] = clampTo<State>(value, kLow, kHigh);
    }
  for (int b = 0; b < p.batches; ++b)
    for (int u = 0; u < p.units; ++u) {
      std::uint32_t sum = bias != nullptr ? static_cast<std::uint32_t>(bias[u]) : 0u;
      for (int r = 0; r < p.rank; ++r) {
        const int f = u * p.rank + r;
        std::uint32_t dot = 0;
        for (int m = 0; m < p.memory; ++m)
          dot += static_cast<std::uint32_t>(
              std::int32_t(time[f * p.memory + m]) *
              (std::int32_t(state[(b * p.filters + f) * p.memory + m]) - p.stateZeroPoint));
        sum += dot;
      }
      const std::int32_t value =
          runtime::multiplyByQuantizedMultiplier(static_cast<std::int32_t>(sum),
                                                 p.output.multiplier, p.output.shift) +
          p.outputZeroPoint;
      output[b * p.units + u] = clampTo<std::int8_t>(value, -128, 127);
    }
}

} // namespace litec::generic
