#pragma once

// Seeded pseudo-random inputs for `litec run` and `litec verify`: the same seed names the same
// data on every machine.

#include "litec/ir/Graph.h"

#include <cstdint>
#include <cstring>
#include <span>

namespace litec::compiler {

// SplitMix64: a tiny generator whose sequence is the same on every platform and library, so a
// seed names the same inputs everywhere (std::uniform_*_distribution does not promise that).
class SplitMix64 {
public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double unit() { return double(next() >> 11) * (1.0 / double(1ull << 53)); }

private:
  uint64_t state_;
};

template <typename T>
inline void fillIntegers(std::span<uint8_t> bytes, SplitMix64 &rng, int64_t lo, int64_t hi) {
  for (size_t i = 0; i + sizeof(T) <= bytes.size(); i += sizeof(T)) {
    T v = static_cast<T>(lo + int64_t(rng.next() % uint64_t(hi - lo + 1)));
    std::memcpy(bytes.data() + i, &v, sizeof(T));
  }
}

// Fills an input with values from its range: the full range of a quantised integer type,
// [-1, 1) for floats, small non-negative values for plain integers (indices, sizes).
inline void fillRandom(const ir::Value &value, std::span<uint8_t> bytes, SplitMix64 &rng) {
  switch (value.type) {
  case ir::ElementType::F32:
    for (size_t i = 0; i + 4 <= bytes.size(); i += 4) {
      float v = static_cast<float>(rng.unit() * 2.0 - 1.0);
      std::memcpy(bytes.data() + i, &v, 4);
    }
    return;
  case ir::ElementType::I8:
    return fillIntegers<int8_t>(bytes, rng, -128, 127);
  case ir::ElementType::U8:
    return fillIntegers<uint8_t>(bytes, rng, 0, 255);
  case ir::ElementType::I16:
    return fillIntegers<int16_t>(bytes, rng, -32768, 32767);
  case ir::ElementType::I32:
    return fillIntegers<int32_t>(bytes, rng, 0, 15);
  case ir::ElementType::I64:
    return fillIntegers<int64_t>(bytes, rng, 0, 15);
  case ir::ElementType::Bool:
    return fillIntegers<uint8_t>(bytes, rng, 0, 1);
  case ir::ElementType::F16:
    for (size_t i = 0; i + 2 <= bytes.size(); i += 2) {
      // Halves in [-1, 1): sign, exponent 1..14, random mantissa.
      uint16_t h = static_cast<uint16_t>(((rng.next() & 1) << 15) | ((1 + rng.next() % 14) << 10) |
                                         (rng.next() & 0x3ff));
      std::memcpy(bytes.data() + i, &h, 2);
    }
    return;
  }
}

} // namespace litec::compiler
