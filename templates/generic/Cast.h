#pragma once

// CAST as litec/ir/ops/Cast.h says: through double (int64 directly), float to integer
// truncating toward zero and saturating, anything to bool as "not zero". p: count.

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace litec::generic {

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

template <typename From, typename To, class P>
void cast(const P &p, const From *input, To *output) {
  for (int i = 0; i < p.count; ++i)
    output[i] = castElement<To>(input[i]);
}

} // namespace litec::generic
