#pragma once

// What a reference kernel sees: its op and typed views of its operands and results.

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace litec::ir::reference {

class TensorViews {
public:
  TensorViews(const Op &op, const std::vector<std::span<uint8_t>> &views)
      : op_(op), views_(views) {}

  bool hasInput(size_t i) const { return i < op_.operands.size() && op_.operands[i]; }
  template <typename T> const T *input(size_t i) const {
    return reinterpret_cast<const T *>(views_[op_.operands[i]->id].data());
  }
  template <typename T> T *output(size_t i) const {
    return reinterpret_cast<T *>(views_[op_.results[i]->id].data());
  }
  // A variable operand (LSTM and SVDF state), which the op updates in place.
  template <typename T> T *state(size_t i) const {
    return reinterpret_cast<T *>(views_[op_.operands[i]->id].data());
  }
  std::span<const uint8_t> inputBytes(size_t i) const { return views_[op_.operands[i]->id]; }
  std::span<uint8_t> outputBytes(size_t i) const { return views_[op_.results[i]->id]; }

private:
  const Op &op_;
  const std::vector<std::span<uint8_t>> &views_;
};

// A prepared op: parameters computed once, then run on every invoke.
class Kernel {
public:
  virtual ~Kernel() = default;
  virtual llvm::Error run(const TensorViews &tensors) const = 0;
};

using KernelPtr = std::unique_ptr<Kernel>;

// Finds and prepares the kernel for `op`; an error says why none fits.
llvm::Expected<KernelPtr> prepareKernel(const Op &op);

} // namespace litec::ir::reference
