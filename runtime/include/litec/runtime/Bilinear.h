#pragma once

// RESIZE_BILINEAR's blend of the four input pixels around a sample, as TFLite computes it; the
// reference interpreter and every target's kernel call these, so the formula is written once.

#include <cstdint>

namespace litec::runtime {

// Float weights (float32 and uint8 data; uint8 truncates the sum back, as TFLite's reference
// kernel does). Each product is rounded to float before the additions, as TFLite's kernel
// (built without contraction) rounds them: a compiler allowed to contract (GCC's default in its
// GNU modes on a CPU with FMA, e.g. -march=native) would otherwise fuse a product into the next
// addition, and a uint8 sum near a whole number can then truncate the other way. The volatile
// store is the portable way to forbid that fusion for these four terms only.
inline float bilinearFloat(float v00, float v10, float v01, float v11, float dy, float dx) {
  volatile float terms[4] = {v00 * (1 - dy) * (1 - dx), v10 * dy * (1 - dx), v01 * (1 - dy) * dx,
                             v11 * dy * dx};
  return terms[0] + terms[1] + terms[2] + terms[3];
}

// Fixed-point weights in 2^-10 pixels (int8 and int16, as TFLite's integer kernel): the sum in
// units of 2^-20, rounded half away from zero.
inline std::int64_t bilinearFixed(std::int64_t v00, std::int64_t v10, std::int64_t v01,
                                  std::int64_t v11, std::int64_t dy, std::int64_t dx) {
  constexpr std::int64_t kOne = 1 << 10, kHalf = std::int64_t(1) << 19;
  const std::int64_t sum = v00 * (kOne - dy) * (kOne - dx) + v10 * dy * (kOne - dx) +
                           v01 * (kOne - dy) * dx + v11 * dy * dx;
  return (sum + (sum > 0 ? kHalf : -kHalf)) / (std::int64_t(1) << 20);
}

} // namespace litec::runtime
