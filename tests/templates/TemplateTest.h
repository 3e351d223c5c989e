#pragma once

// What the kernel template tests share: each builds single-op models over a matrix of shapes
// and parameters, prepares the op (litec/ir/ops/), runs the reference interpreter on seeded
// inputs and the template on the same inputs with the prepared parameters, and compares. The
// template runs with run-time parameters here (the prepared struct itself), where generated
// code hands it compile-time constants of the same names: the same code either way.

#include "GraphBuilder.h"
#include "litec/ir/Graph.h"

#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace litec::testing {

// The reference interpreter's run of a module's main graph on seeded random inputs (the whole
// range of integer types, [-2, 2) for floats).
struct ReferenceRun {
  std::vector<std::vector<uint8_t>> inputs, outputs;
};
// `adjust`, when given, may change input i's random bytes before the run (to keep a divisor off
// zero, say).
using InputAdjustment = std::function<void(size_t input, std::span<uint8_t> bytes)>;
ReferenceRun runReference(const ir::Module &module, uint32_t seed,
                          const InputAdjustment &adjust = {});

// The elements of a byte buffer as T (a copy: buffers carry no alignment promise).
template <typename T> std::vector<T> elementsOf(const std::vector<uint8_t> &bytes) {
  std::vector<T> out(bytes.size() / sizeof(T));
  if (!out.empty())
    std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
  return out;
}

// Element-wise comparison: exact, or within `tolerance` of the reference's range for floats.
// Returns "" when they match, else where they first differ.
template <typename T>
std::string compareOutputs(const std::vector<T> &ours, const std::vector<T> &reference,
                           double tolerance = 0) {
  if (ours.size() != reference.size())
    return "sizes differ: " + std::to_string(ours.size()) + " vs " +
           std::to_string(reference.size());
  double lo = 0, hi = 0;
  for (size_t i = 0; i < reference.size(); ++i) {
    lo = i ? std::min(lo, double(reference[i])) : double(reference[i]);
    hi = i ? std::max(hi, double(reference[i])) : double(reference[i]);
  }
  const double allowed = tolerance * (hi > lo ? hi - lo : 1);
  for (size_t i = 0; i < ours.size(); ++i) {
    const double d = double(ours[i]) - double(reference[i]);
    if (d > allowed || d < -allowed)
      return "element " + std::to_string(i) + ": " + std::to_string(double(ours[i])) +
             " vs the reference's " + std::to_string(double(reference[i]));
  }
  return "";
}

// Calls f(T()) with T the C++ type of `type` (bool as uint8_t, f16 as uint16_t).
template <typename F> auto withElementType(ir::ElementType type, F &&f) {
  switch (type) {
  case ir::ElementType::F32:
    return f(float());
  case ir::ElementType::I8:
    return f(int8_t());
  case ir::ElementType::U8:
  case ir::ElementType::Bool:
    return f(uint8_t());
  case ir::ElementType::I16:
    return f(int16_t());
  case ir::ElementType::F16:
    return f(uint16_t());
  case ir::ElementType::I32:
    return f(int32_t());
  case ir::ElementType::I64:
    return f(int64_t());
  }
  return f(uint8_t());
}

// A small deterministic generator for the matrices' random choices.
class Choices {
public:
  explicit Choices(uint32_t seed) : state_(seed * 2654435761u + 1) {}
  uint32_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  int range(int lo, int hi) { return lo + int(next() % uint32_t(hi - lo + 1)); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * double(next() % 1000001) / 1e6; }

private:
  uint32_t state_;
};

} // namespace litec::testing
