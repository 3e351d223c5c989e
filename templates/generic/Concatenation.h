#pragma once

// CONCATENATION. p: litec/ir/ops/Concatenation.h's ConcatenationParams: inputs, outer (the
// product of the dimensions before the axis), widths[] (each input's elements per outer index),
// outWidth; uint8 inputs quantised differently from the output: rescale[], scales[], biases[],
// outputZeroPoint (TFLite's ConcatenationWithScaling).

#include "Common.h"
#include <cmath>
#include <cstdint>

namespace litec::generic {

// Copies each input's slice for every outer index; `inputs` are the inputs in order, nullptr
// for an input its producer already wrote into its slice of the output.
template <typename T, class P> void concatenate(const P &p, const T *const *inputs, T *output) {
  for (int outer = 0; outer < p.outer; ++outer) {
    T *out = output + outer * p.outWidth;
    for (int k = 0; k < p.inputs; ++k) {
      if (inputs[k] != nullptr)
        copyBytes(out, inputs[k] + outer * p.widths[k], sizeof(T) * p.widths[k]);
      out += p.widths[k];
    }
  }
}

// q_out = round(q * scale + bias) + zero point, in float, for the rescaled inputs; the others
// are copied.
template <class P>
void concatenateRescaled(const P &p, const std::uint8_t *const *inputs, std::uint8_t *output) {
  for (int outer = 0; outer < p.outer; ++outer)
    for (int k = 0; k < p.inputs; ++k) {
      const std::uint8_t *in = inputs[k] + outer * p.widths[k];
      if (!p.rescale[k]) {
        copyBytes(output, in, p.widths[k]);
      } else {
        for (int j = 0; j < p.widths[k]; ++j) {
          const std::int32_t value =
              std::int32_t(std::round(float(in[j]) * p.scales[k] + p.biases[k])) +
              p.outputZeroPoint;
          output[j] = std::uint8_t(value < 0 ? 0 : (value > 255 ? 255 : value));
        }
      }
      output += p.widths[k];
    }
}

} // namespace litec::generic
