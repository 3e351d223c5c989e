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

// `count` random elements of `type` as bytes: floats in [-1, 1), integers over their whole
// range, or within [-limit, limit] when a limit is given (biases).
std::vector<uint8_t> randomElements(Choices &choose, ir::ElementType type, int64_t count,
                                    int64_t limit = 0);

// Weights quantised per tensor or, with `perChannel`, with one scale per slice along `axis`
// (zero points 0, as TFLite's symmetric int8 weights; uint8 weights get one zero point).
ir::Quantization weightQuantization(Choices &choose, ir::ElementType type, int64_t channels,
                                    int32_t axis, bool perChannel);

// The element types of ops with weights (litec/ir/ops/Params.h's WeightedTypes): float, int8,
// uint8, 16x8 with int64 bias and with int32 bias.
struct WeightedTypeSet {
  ir::ElementType input, weights, bias;
};
inline constexpr WeightedTypeSet kWeightedTypeSets[] = {
    {ir::ElementType::F32, ir::ElementType::F32, ir::ElementType::F32},
    {ir::ElementType::I8, ir::ElementType::I8, ir::ElementType::I32},
    {ir::ElementType::U8, ir::ElementType::U8, ir::ElementType::I32},
    {ir::ElementType::I16, ir::ElementType::I8, ir::ElementType::I64},
    {ir::ElementType::I16, ir::ElementType::I8, ir::ElementType::I32}};

// Calls f(In(), Weight(), Bias()) with the C++ types of a weighted type set.
template <typename F> auto withWeightedTypes(const WeightedTypeSet &types, F &&f) {
  switch (types.input) {
  case ir::ElementType::F32:
    return f(float(), float(), float());
  case ir::ElementType::I8:
    return f(int8_t(), int8_t(), int32_t());
  case ir::ElementType::U8:
    return f(uint8_t(), uint8_t(), int32_t());
  default:
    return types.bias == ir::ElementType::I64 ? f(int16_t(), int8_t(), int64_t())
                                              : f(int16_t(), int8_t(), int32_t());
  }
}

// A random per-tensor quantisation for activations of `type`: int16 symmetric, int8 and uint8
// with zero points around the middle of their range; none for float.
ir::Quantization activationQuantization(Choices &choose, ir::ElementType type);

// The bytes of a constant operand (empty when the operand is absent).
std::vector<uint8_t> constantBytes(const ir::Op &op, size_t operand);

// A PAD (PADV2 when `v2`: its value a constant of the type) of a random input of `rank`
// dimensions, each 1 to 4 long and padded by 0 to 2 on either side, the last 1 to `lastWidth`
// long and padded by 0 to `lastPadding`; int8 and uint8 quantised (the zero point pads). The
// graph's one op; a description of the case in `name`.
void buildPad(Choices &choose, ir::Module &module, ir::ElementType type, int rank, bool v2,
              int lastWidth, int lastPadding, std::string &name);

} // namespace litec::testing
