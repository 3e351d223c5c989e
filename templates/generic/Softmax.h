#pragma once

// SOFTMAX along the last dimension. P: rows, depth.
//   Float: beta. 8-bit input (int8, uint8) to 8- or 16-bit output: TFLite's fixed-point exp and
//   reciprocal (gemmlowp's), with P::multiplier, P::leftShift (the input scaled into Q5.26) and
//   P::diffMin (differences below it contribute nothing). int16: TFLite's interpolated exp and
//   1 / (1 + x) tables, P::inputMultiplier, P::inputShift.

#include "Common.h"
#include "litec/runtime/Int16Activations.h"

#include <cmath>
#include <limits>

namespace litec::generic {

template <class P> void softmaxFloat(const float *input, float *output) {
  for (int r = 0; r < P::rows; ++r) {
    const float *in = input + r * P::depth;
    float *out = output + r * P::depth;
    float max = in[0];
    for (int c = 1; c < P::depth; ++c)
      max = in[c] > max ? in[c] : max;
    float sum = 0.f;
    for (int c = 0; c < P::depth; ++c) {
      out[c] = std::exp((in[c] - max) * P::beta);
      sum += out[c];
    }
    for (int c = 0; c < P::depth; ++c)
      out[c] /= sum;
  }
}

template <class P, typename In, typename Out> void softmaxQuantized(const In *input, Out *output) {
  using runtime::FixedPoint;
  constexpr int kScaledDiffIntegerBits = 5, kAccumulationIntegerBits = 12;
  auto scaledDiff = [](std::int32_t diff) {
    return FixedPoint<kScaledDiffIntegerBits>::fromRaw(
        runtime::multiplyByQuantizedMultiplierGreaterThanOne(diff, P::multiplier, P::leftShift));
  };
  for (int r = 0; r < P::rows; ++r) {
    const In *in = input + r * P::depth;
    Out *out = output + r * P::depth;
    In max = in[0];
    for (int c = 1; c < P::depth; ++c)
      max = in[c] > max ? in[c] : max;
    auto sum = FixedPoint<kAccumulationIntegerBits>::zero();
    for (int c = 0; c < P::depth; ++c) {
      const std::int32_t diff = std::int32_t(in[c]) - max;
      if (diff >= P::diffMin)
        sum = sum + runtime::rescale<kAccumulationIntegerBits>(
                        runtime::expOnNegativeValues(scaledDiff(diff)));
    }
    int bitsOverUnit = 0;
    const auto shiftedScale = FixedPoint<0>::fromRaw(
        runtime::reciprocal(sum.raw, kAccumulationIntegerBits, &bitsOverUnit));
    const int exponent = bitsOverUnit + 31 - int(sizeof(Out) * 8);
    constexpr std::int32_t kLow = std::numeric_limits<Out>::min();
    constexpr std::int32_t kHigh = std::numeric_limits<Out>::max();
    for (int c = 0; c < P::depth; ++c) {
      const std::int32_t diff = std::int32_t(in[c]) - max;
      if (diff < P::diffMin) {
        out[c] = Out(kLow);
        continue;
      }
      const auto exp = runtime::expOnNegativeValues(scaledDiff(diff));
      const std::int32_t unsaturated =
          runtime::roundingDivideByPOT((shiftedScale * exp).raw, exponent);
      out[c] = clampTo<Out>(unsaturated + kLow, kLow, kHigh);
    }
  }
}

template <class P>
void softmaxInt16(const std::int16_t *input, const std::int16_t *expTable,
                  const std::int16_t *reciprocalTable, std::int16_t *output) {
  for (int r = 0; r < P::rows; ++r) {
    const std::int16_t *in = input + r * P::depth;
    std::int16_t *out = output + r * P::depth;
    std::int16_t max = in[0];
    for (int c = 1; c < P::depth; ++c)
      max = in[c] > max ? in[c] : max;
    std::int32_t sum = 0;
    for (int c = 0; c < P::depth; ++c) {
      const std::int32_t scaled = runtime::multiplyByQuantizedMultiplier(
          std::int32_t(in[c]) - max, P::inputMultiplier, P::inputShift);
      out[c] =
          runtime::lookupInt16Table(clampTo<std::int16_t>(scaled + 32767, -32768, 32767), expTable);
      sum += out[c];
    }
    const int headroomPlusOne = runtime::countLeadingZeros(static_cast<std::uint32_t>(sum));
    const auto shifted = static_cast<std::int32_t>(
        ((static_cast<std::int64_t>(sum) << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
    const std::int16_t x = clampTo<std::int16_t>(shifted - ((1 << 15) + (1 << 16)), -32768, 32767);
    const std::int32_t reciprocal = runtime::lookupInt16Table(x, reciprocalTable);
    const int rightShift = 31 - headroomPlusOne;
    const std::int64_t round = std::int64_t(1) << (rightShift - 1);
    for (int c = 0; c < P::depth; ++c) {
      const auto result =
          static_cast<std::int32_t>((std::int64_t(out[c]) * reciprocal + round) >> rightShift);
      out[c] = clampTo<std::int16_t>(result, 0, 32767);
    }
  }
}

} // namespace litec::generic
