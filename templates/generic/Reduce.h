#pragma once

// MEAN, SUM, REDUCE_MAX and REDUCE_MIN over constant axes. P: rank, count (input elements),
// outputs, perOutput, inShape[], targetStrides[] (the output stride of each input dimension, 0
// along reduced ones). Float accumulates in input order. Integer MEAN and SUM (TFLite Micro's):
// raw values summed modulo 2^32 in `sums` (outputs words of scratch), the input zero point
// removed, one rescaling by P::multiplier / P::shift, the output zero point.

#include "Common.h"

#include <limits>

namespace litec::generic {

enum class Reduction { kSum, kMean, kMax, kMin };

// Calls f(inputIndex, outputIndex) for every input element, in order.
template <class P, typename F> inline void forEachReduced(F &&f) {
  int index[P::rank] = {};
  int target = 0;
  for (int i = 0; i < P::count; ++i) {
    f(i, target);
    for (int d = P::rank - 1; d >= 0; --d) {
      target += P::targetStrides[d];
      if (++index[d] < P::inShape[d])
        break;
      target -= P::targetStrides[d] * P::inShape[d];
      index[d] = 0;
    }
  }
}

template <class P, Reduction R, typename T> void reduceRaw(const T *input, T *output) {
  const T init = R == Reduction::kMax   ? std::numeric_limits<T>::lowest()
                 : R == Reduction::kMin ? std::numeric_limits<T>::max()
                                        : T(0);
  for (int o = 0; o < P::outputs; ++o)
    output[o] = init;
  forEachReduced<P>([&](int i, int o) {
    if constexpr (R == Reduction::kMax)
      output[o] = input[i] > output[o] ? input[i] : output[o];
    else if constexpr (R == Reduction::kMin)
      output[o] = input[i] < output[o] ? input[i] : output[o];
    else
      output[o] = T(output[o] + input[i]);
  });
  if constexpr (R == Reduction::kMean)
    for (int o = 0; o < P::outputs; ++o)
      output[o] /= T(P::perOutput);
}

template <class P, typename T>
void meanOrSumQuantized(const T *input, std::uint32_t *sums, T *output) {
  for (int o = 0; o < P::outputs; ++o)
    sums[o] = 0;
  forEachReduced<P>(
      [&](int i, int o) { sums[o] += static_cast<std::uint32_t>(std::int32_t(input[i])); });
  constexpr std::int32_t kLow = std::numeric_limits<T>::min(),
                         kHigh = std::numeric_limits<T>::max();
  for (int o = 0; o < P::outputs; ++o) {
    const auto centred = static_cast<std::int32_t>(
        sums[o] - static_cast<std::uint32_t>(P::inputZeroPoint) * std::uint32_t(P::perOutput));
    output[o] =
        clampTo<T>(runtime::multiplyByQuantizedMultiplier(centred, P::multiplier, P::shift) +
                       P::outputZeroPoint,
                   kLow, kHigh);
  }
}

} // namespace litec::generic
