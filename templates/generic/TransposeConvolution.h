#pragma once

// TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias: every input pixel scatters its
// weighted window into the output. p: litec/ir/ops/TransposeConvolution.h's
// TransposeConvolutionParams (batches, inH, inW, inC, outH, outW, outC, filterH, filterW,
// strideH, strideW, padTop, padLeft, outCount; float: floatRange; quantised: inputOffset,
// weightsOffset and the output stage), the quantised accumulators in scratch.

#include "Common.h"

namespace litec::generic {

// Calls f(inputIndex, filterIndex, outputIndex) for each product landing inside the output.
template <class P, typename F> inline void forEachScatter(const P &p, F &&f) {
  for (int b = 0; b < p.batches; ++b)
    for (int iy = 0; iy < p.inH; ++iy)
      for (int ix = 0; ix < p.inW; ++ix)
        for (int ic = 0; ic < p.inC; ++ic) {
          const int in = ((b * p.inH + iy) * p.inW + ix) * p.inC + ic;
          for (int fy = 0; fy < p.filterH; ++fy) {
            const int oy = iy * p.strideH - p.padTop + fy;
            if (oy < 0 || oy >= p.outH)
              continue;
            for (int fx = 0; fx < p.filterW; ++fx) {
              const int ox = ix * p.strideW - p.padLeft + fx;
              if (ox < 0 || ox >= p.outW)
                continue;
              const int out = ((b * p.outH + oy) * p.outW + ox) * p.outC;
              for (int oc = 0; oc < p.outC; ++oc)
                f(in, ((oc * p.filterH + fy) * p.filterW + fx) * p.inC + ic, out + oc);
            }
          }
        }
}

template <class P>
void transposeConvolutionFloat(const P &p, const float *input, const float *filter,
                               const float *bias, float *output) {
  for (int i = 0; i < p.outCount; ++i)
    output[i] = 0.f;
  forEachScatter(p, [&](int in, int f, int out) { output[out] += input[in] * filter[f]; });
  for (int i = 0; i < p.outCount; ++i)
    output[i] = clampFloat(output[i] + (bias != nullptr ? bias[i % p.outC] : 0.f), p.floatRange.min,
                           p.floatRange.max);
}

template <typename In, typename W, typename Bias, typename Out, class P>
void transposeConvolutionQuantized(const P &p, const In *input, const W *filter, const Bias *bias,
                                   Accumulator<Out> *accumulators, Out *output) {
  using Acc = Accumulator<Out>;
  for (int i = 0; i < p.outCount; ++i)
    accumulators[i] = 0;
  forEachScatter(p, [&](int in, int f, int out) {
    accumulators[out] += static_cast<Acc>((std::int32_t(filter[f]) + p.weightsOffset) *
                                          (std::int32_t(input[in]) + p.inputOffset));
  });
  for (int i = 0; i < p.outCount; ++i) {
    const int channel = i % p.outC;
    output[i] = quantizedOutput<Out>(
        p, accumulators[i] + (bias != nullptr ? static_cast<Acc>(bias[channel]) : Acc(0)), channel);
  }
}

} // namespace litec::generic
