#pragma once

// What the generic kernels share: accumulator types, the quantised output stage and clamping.
// Kernels are templates over a parameter struct P of static constexpr members (shapes,
// strides, padding, bounds, multipliers), which the generated code defines per layer.

#include "litec/runtime/Alignment.h"
#include "litec/runtime/FixedPoint.h"
#include "litec/runtime/Params.h"

#include <cstdint>
#include <type_traits>

namespace litec::generic {

// 8-bit kernels accumulate modulo 2^32, as TFLite's int32 accumulators do wherever they do not
// overflow, and without undefined behaviour where hostile weights make them; 16x8 kernels
// (int16 activations) accumulate in int64 as TFLite does.
template <typename Out>
using Accumulator = std::conditional_t<sizeof(Out) == 2, std::int64_t, std::uint32_t>;

using runtime::copyBytes;

template <typename T> constexpr T clampTo(std::int32_t value, std::int32_t low, std::int32_t high) {
  return static_cast<T>(value < low ? low : (value > high ? high : value));
}

// Written as two selects, which compilers turn into max and min instructions (NaN stays NaN, as
// with std::clamp): a branch here mispredicts on every other element of a RELU.
constexpr float clampFloat(float value, float low, float high) {
  value = low > value ? low : value;
  return value > high ? high : value;
}

// The accumulator rescaled by a quantised multiplier: TFLite's 32-bit rescaling for 8-bit
// outputs, its 64-bit one for int16 outputs.
template <typename Out, typename Acc>
constexpr std::int32_t rescale(Acc acc, std::int32_t multiplier, int shift) {
  if constexpr (sizeof(Out) == 1)
    return runtime::multiplyByQuantizedMultiplier(static_cast<std::int32_t>(acc), multiplier,
                                                  shift);
  else
    return runtime::multiplyByQuantizedMultiplierWide(static_cast<std::int64_t>(acc), multiplier,
                                                      shift);
}

// The output stage of every weighted quantised kernel: channel c's rescaling, the output zero
// point, the activation bounds.
template <class P, typename Out, typename Acc> constexpr Out quantizedOutput(Acc acc, int channel) {
  const int c = P::perChannel ? channel : 0;
  return clampTo<Out>(rescale<Out>(acc, P::multipliers[c], P::shifts[c]) + P::outputOffset,
                      P::actMin, P::actMax);
}

// The output stage of every weighted quantised kernel (litec/ir/ops/Params.h's OutputStage
// fields): channel c's rescaling, the output zero point, the activation bounds.
template <typename Out, class P, typename Acc>
constexpr Out quantizedOutput(const P &p, Acc acc, int channel) {
  const auto &m = p.multipliers[p.perChannel ? channel : 0];
  return clampTo<Out>(rescale<Out>(acc, m.multiplier, m.shift) + p.outputOffset, p.outputRange.min,
                      p.outputRange.max);
}

// Calls f(o, a, b) for o over `count` elements in row-major order of `shape` (`rank` <= 8
// dimensions), with a and b the offsets of two operands read through their strides (0 along a
// dimension an operand repeats): the walk of every broadcasting kernel. Shape and strides are
// anything indexable.
template <typename Shape, typename Strides, typename F>
inline void forEachBroadcastPair(int count, int rank, const Shape &shape, const Strides &aStrides,
                                 const Strides &bStrides, F &&f) {
  constexpr int kMaxRank = 8;
  int index[kMaxRank] = {};
  int a = 0, b = 0;
  for (int o = 0; o < count; ++o) {
    f(o, a, b);
    for (int d = rank - 1; d >= 0; --d) {
      a += aStrides[d];
      b += bStrides[d];
      if (++index[d] < shape[d])
        break;
      a -= aStrides[d] * shape[d];
      b -= bStrides[d] * shape[d];
      index[d] = 0;
    }
  }
}

// The same walk for a rank known at compile time.
template <int Rank, typename F>
inline void forEachBroadcastPair(int count, const int (&shape)[Rank], const int (&aStrides)[Rank],
                                 const int (&bStrides)[Rank], F &&f) {
  static_assert(Rank <= 8, "at most 8 dimensions");
  forEachBroadcastPair(count, Rank, shape, aStrides, bStrides, static_cast<F &&>(f));
}

} // namespace litec::generic
