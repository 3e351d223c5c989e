#pragma once

// SOFTMAX along the last dimension. p: litec/ir/ops/Softmax.h's SoftmaxParams (rows, depth;
// float: beta; 8-bit input to 8- or 16-bit output, TFLite's fixed-point exp and reciprocal
// (gemmlowp's): multiplier and leftShift scale the input difference into Q5.26, differences
// below diffMin contribute nothing; int16: TFLite's interpolated exp and 1 / (1 + x) tables
// with the `input` multiplier).

#include "Common.h"
#include "litec/runtime/Int16Activations.h"

#include <cmath>
#include <limits>

namespace litec::generic {

template <class P> void softmaxFloat(const P &p, const float *input, float *output) {
  if (p.depth == 0)
    return;
  for (int r = 0; r < p.rows; ++r) {
    const float *in = input + r * p.depth;
    float *out = output + r * p.depth;
    float max = in[0];
    for (int c = 1; c < p.depth; ++c)
      max = in[c] > max ? in[c] : max;
    float sum = 0.f;
    for (int c = 0; c < p.depth; ++c) {
      out[c] = std::exp((in[c] - max) * p.beta);
      sum += out[c];
    }
    for (int c = 0; c < p.depth; ++c)
      out[c] /= sum;
  }
}

template <typename In, typename Out, class P>
void softmaxQuantized(const P &p, const In *input, Out *output) {
  using runtime::FixedPoint;
  constexpr int kScaledDiffIntegerBits = 5, kAccumulationIntegerBits = 12;
  auto scaledDiff = [&](std::int32_t diff) {
    return FixedPoint<kScaledDiffIntegerBits>::fromRaw(
        runtime::multiplyByQuantizedMultiplierGreaterThanOne(diff, p.multiplier, p.leftShift));
  };
  if (p.depth == 0)
    return;
  for (int r = 0; r < p.rows; ++r) {
    const In *in = input + r * p.depth;
    Out *out = output + r * p.depth;
    In max = in[0];
    for (int c = 1; c < p.depth; ++c)
      max = in[c] > max ? in[c] : max;
    auto sum = FixedPoint<kAccumulationIntegerBits>::zero();
    for (int c = 0; c < p.depth; ++c) {
      const std::int32_t diff = std::int32_t(in[c]) - max;
      if (diff >= p.diffMin)
        sum = sum + runtime::rescale<kAccumulationIntegerBits>(
                        runtime::expOnNegativeValues(scaledDiff(diff)));
    }
    int bitsOverUnit = 0;
    const auto shiftedScale = FixedPoint<0>::fromRaw(
        runtime::reciprocal(sum.raw, kAccumulationIntegerBits, &bitsOverUnit));
    const int exponent = bitsOverUnit + 31 - int(sizeof(Out) * 8);
    constexpr std::int32_t kLow = std::numeric_limits<Out>::min();
    constexpr std::int32_t kHigh = std::numeric_limits<Out>::max();
    for (int c = 0; c < p.depth; ++c) {
      const std::int32_t diff = std::int32_t(in[c]) - max;
      if (diff < p.diffMin) {
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
void softmaxInt16(const P &p, const std::int16_t *input, const std::int16_t *expTable,
                  const std::int16_t *reciprocalTable, std::int16_t *output) {
  if (p.depth == 0)
    return;
  for (int r = 0; r < p.rows; ++r) {
    const std::int16_t *in = input + r * p.depth;
    std::int16_t *out = output + r * p.depth;
    std::int16_t max = in[0];
    for (int c = 1; c < p.depth; ++c)
      max = in[c] > max ? in[c] : max;
    std::int32_t sum = 0;
    for (int c = 0; c < p.depth; ++c) {
      const std::int32_t scaled = runtime::multiplyByQuantizedMultiplier(
          std::int32_t(in[c]) - max, p.input.multiplier, p.input.shift);
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
    for (int c = 0; c < p.depth; ++c) {
      const auto result =
          static_cast<std::int32_t>((std::int64_t(out[c]) * reciprocal + round) >> rightShift);
      out[c] = clampTo<std::int16_t>(result, 0, 32767);
    }
  }
}

} // namespace litec::generic
