#pragma once

// TRANSPOSE_CONV (and MediaPipe's Convolution2DTransposeBias): every input pixel scatters its
// weighted window into the output. P: batches, inH, inW, inC, outH, outW, outC, filterH,
// filterW, strideH, strideW, padTop, padLeft, outCount; float: actMin, actMax; quantised: as
// FullyConnected.h (inputOffset, weightsOffset, outputOffset, bounds, multipliers), with the
// accumulators in scratch.

#include "Common.h"

namespace litec::generic {

// Calls f(inputIndex, filterIndex, outputIndex) for each product landing inside the output.
template <class P, typename F> inline void forEachScatter(F &&f) {
  for (int b = 0; b < P::batches; ++b)
    for (int iy = 0; iy < P::inH; ++iy)
      for (int ix = 0; ix < P::inW; ++ix)
        for (int ic = 0; ic < P::inC; ++ic) {
          const int in = ((b * P::inH + iy) * P::inW + ix) * P::inC + ic;
          for (int fy = 0; fy < P::filterH; ++fy) {
            const int oy = iy * P::strideH - P::padTop + fy;
            if (oy < 0 || oy >= P::outH)
              continue;
            for (int fx = 0; fx < P::filterW; ++fx) {
              const int ox = ix * P::strideW - P::padLeft + fx;
              if (ox < 0 || ox >= P::outW)
                continue;
              const int out = ((b * P::outH + oy) * P::outW + ox) * P::outC;
              for (int oc = 0; oc < P::outC; ++oc)
                f(in, ((oc * P::filterH + fy) * P::filterW + fx) * P::inC + ic, out + oc);
            }
          }
        }
}

template <class P>
void transposeConvFloat(const float *input, const float *filter, const float *bias, float *output) {
  for (int i = 0; i < P::outCount; ++i)
    output[i] = 0.f;
  forEachScatter<P>([&](int in, int f, int out) { output[out] += input[in] * filter[f]; });
  for (int i = 0; i < P::outCount; ++i)
    output[i] =
        clampFloat(output[i] + (bias != nullptr ? bias[i % P::outC] : 0.f), P::actMin, P::actMax);
}

template <class P, typename In, typename W, typename Bias, typename Out>
void transposeConvQuantized(const In *input, const W *filter, const Bias *bias,
                            Accumulator<Out> *accumulators, Out *output) {
  using Acc = Accumulator<Out>;
  for (int i = 0; i < P::outCount; ++i)
    accumulators[i] = 0;
  forEachScatter<P>([&](int in, int f, int out) {
    accumulators[out] += static_cast<Acc>((std::int32_t(filter[f]) + P::weightsOffset) *
                                          (std::int32_t(input[in]) + P::inputOffset));
  });
  for (int i = 0; i < P::outCount; ++i) {
    const int channel = i % P::outC;
    output[i] = quantizedOutput<P, Out>(
        accumulators[i] + (bias != nullptr ? static_cast<Acc>(bias[channel]) : Acc(0)), channel);
  }
}

} // namespace litec::generic
