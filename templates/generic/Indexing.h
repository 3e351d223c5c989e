#pragma once

// Layers that pick elements by index, for any element type T:
//   gatherAxes (SLICE, STRIDED_SLICE, MIRROR_PAD): each output dimension d reads the input
//   elements offsets[starts[d] + i] (already multiplied by the input stride), summed over d.
//   P: rank, count, outShape[], starts[], offsets[].
//   splitChunks / joinChunks (SPLIT, SPLIT_V, UNPACK / PACK): P::outer blocks, each made of one
//   chunk (P::chunks[k] bytes) per piece.
//   gather (GATHER): P::batches, outer, axisSize, inner, coords; indices checked (fallible).
//   cast (CAST): P::count; argReduce (ARG_MAX, ARG_MIN): P::outer, axisSize, inner.

#include "litec/runtime/Status.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace litec::generic {

template <class P, typename T> void gatherAxes(const T *input, T *output) {
  int index[P::rank] = {};
  int source = 0;
  for (int d = 0; d < P::rank; ++d)
    source += P::offsets[P::starts[d]];
  for (int o = 0; o < P::count; ++o) {
    output[o] = input[source];
    for (int d = P::rank - 1; d >= 0; --d) {
      source -= P::offsets[P::starts[d] + index[d]];
      if (++index[d] < P::outShape[d]) {
        source += P::offsets[P::starts[d] + index[d]];
        break;
      }
      index[d] = 0;
      source += P::offsets[P::starts[d]];
    }
  }
}

template <class P> void splitChunks(const unsigned char *input, unsigned char *const *outputs) {
  for (int o = 0; o < P::outer; ++o)
    for (int k = 0; k < P::pieces; ++k) {
      std::memcpy(outputs[k] + o * P::chunks[k], input, P::chunks[k]);
      input += P::chunks[k];
    }
}

template <class P> void joinChunks(const unsigned char *const *inputs, unsigned char *output) {
  for (int o = 0; o < P::outer; ++o)
    for (int k = 0; k < P::pieces; ++k) {
      std::memcpy(output, inputs[k] + o * P::chunks[k], P::chunks[k]);
      output += P::chunks[k];
    }
}

template <class P, typename T, typename Index>
runtime::Status gather(const T *params, const Index *indices, T *output) {
  for (int b = 0; b < P::batches; ++b)
    for (int o = 0; o < P::outer; ++o)
      for (int k = 0; k < P::coords; ++k) {
        const Index index = indices[b * P::coords + k];
        if (index < 0 || index >= P::axisSize)
          return runtime::Status::kIndexOutOfRange;
        std::memcpy(output + ((b * P::outer + o) * P::coords + k) * P::inner,
                    params + ((b * P::outer + o) * P::axisSize + index) * P::inner,
                    sizeof(T) * P::inner);
      }
  return runtime::Status::kOk;
}

// CAST as the reference interpreter converts: through double (int64 directly), float to
// integer truncating toward zero and saturating, anything to bool as "not zero".
template <typename To, typename From> inline To castElement(From x) {
  if constexpr (std::is_same_v<From, std::int64_t>) {
    return static_cast<To>(x);
  } else {
    const double v = static_cast<double>(x);
    if constexpr (std::is_same_v<To, bool>) {
      return v != 0;
    } else if constexpr (std::is_same_v<To, float>) {
      return static_cast<float>(v);
    } else if constexpr (std::is_same_v<From, float>) {
      if (std::isnan(v))
        return To(0);
      const double t = std::trunc(v);
      const double low = double(std::numeric_limits<To>::lowest());
      const double high = double(std::numeric_limits<To>::max());
      return static_cast<To>(t < low ? low : (t > high ? high : t));
    } else {
      return static_cast<To>(static_cast<std::int64_t>(v));
    }
  }
}

template <class P, typename From, typename To> void cast(const From *input, To *output) {
  for (int i = 0; i < P::count; ++i)
    output[i] = castElement<To>(input[i]);
}

// The index of the largest (smallest) value along the axis; the first one wins ties.
template <class P, bool IsMax, typename T, typename Index>
void argReduce(const T *input, Index *output) {
  for (int o = 0; o < P::outer; ++o)
    for (int i = 0; i < P::inner; ++i) {
      int best = 0;
      double bestValue = double(input[o * P::axisSize * P::inner + i]);
      for (int a = 1; a < P::axisSize; ++a) {
        const double v = double(input[(o * P::axisSize + a) * P::inner + i]);
        if (IsMax ? v > bestValue : v < bestValue)
          best = a, bestValue = v;
      }
      output[o * P::inner + i] = static_cast<Index>(best);
    }
}

} // namespace litec::generic
