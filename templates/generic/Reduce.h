#pragma once

// MEAN, SUM, REDUCE_MAX and REDUCE_MIN over constant axes. p: litec/ir/ops/Reduce.h's
// ReduceParams: rank, count (input elements), outputs, perOutput, inShape[], targetStrides[]
// (the output stride of each input dimension, 0 along reduced ones); integer MEAN and SUM
// (TFLite Micro's): raw values summed modulo 2^32 in `sums` (outputs words of scratch), the
// input zero point removed, one rescaling by `rescale`, the output zero point.

#include "Common.h"

#include <limits>

namespace litec::generic {

enum class Reduction { kSum, kMean, kMax, kMin };

// Calls f(inputIndex, outputIndex) for every input element, in order.
template <class P, typename F> inline void forEachReduced(const P &p, F &&f) {
  constexpr int kMaxRank = 8;
  int index[kMaxRank] = {};
  int target = 0;
  for (int i = 0; i < p.count; ++i) {
    f(i, target);
    for (int d = p.rank - 1; d >= 0; --d) {
      target += p.targetStrides[d];
      if (++index[d] < p.inShape[d])
        break;
      target -= p.targetStrides[d] * p.inShape[d];
      index[d] = 0;
    }
  }
}

template <Reduction R, typename T, class P> void reduceRaw(const P &p, const T *input, T *output) {
  const T init = R == Reduction::kMax   ? std::numeric_limits<T>::lowest()
                 : R == Reduction::kMin ? std::numeric_limits<T>::max()
                                        : T(0);
  for (int o = 0; o < p.outputs; ++o)
    output[o] = init;
  forEachReduced(p, [&](int i, int o) {
    if constexpr (R == Reduction::kMax)
      output[o] = input[i] > output[o] ? input[i] : output[o];
    else if constexpr (R == Reduction::kMin)
      output[o] = input[i] < output[o] ? input[i] : output[o];
    else
      output[o] = T(output[o] + input[i]);
  });
  if constexpr (R == Reduction::kMean)
    for (int o = 0; o < p.outputs; ++o)
      output[o] /= T(p.perOutput);
}

template <typename T, class P>
void meanOrSumQuantized(const P &p, const T *input, std::uint32_t *sums, T *output) {
  for (int o = 0; o < p.outputs; ++o)
    sums[o] = 0;
  forEachReduced(
      p, [&](int i, int o) { sums[o] += static_cast<std::uint32_t>(std::int32_t(input[i])); });
  constexpr std::int32_t kLow = std::numeric_limits<T>::min(),
                         kHigh = std::numeric_limits<T>::max();
  for (int o = 0; o < p.outputs; ++o) {
    const auto centred = static_cast<std::int32_t>(
        sums[o] - static_cast<std::uint32_t>(p.inputZeroPoint) * std::uint32_t(p.perOutput));
    output[o] = clampTo<T>(
        runtime::multiplyByQuantizedMultiplier(centred, p.rescale.multiplier, p.rescale.shift) +
            p.outputZeroPoint,
        kLow, kHigh);
  }
}

} // namespace litec::generic
