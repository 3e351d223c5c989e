#pragma once

// The host reference interpreter: runs an IR graph with plain, obviously correct kernels whose
// numerics follow TensorFlow Lite's reference kernels (rounding, padding, saturation). It is
// the reference that generated code is compared with.

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace litec::ir::reference {

class Kernel;

class Interpreter {
public:
  // Prepares every op of subgraph `graphIndex` (kernel choice, quantisation parameters) and
  // allocates every tensor once. An op or type combination without a kernel is an error
  // naming the op.
  static llvm::Expected<std::unique_ptr<Interpreter>> create(const Module &module,
                                                             unsigned graphIndex = 0);
  ~Interpreter();

  const Graph &graph() const { return graph_; }
  // The bytes of a graph input (to fill before invoke) or output (to read after it).
  std::span<uint8_t> inputData(size_t index);
  std::span<const uint8_t> outputData(size_t index) const;
  std::span<const uint8_t> valueData(const Value &value) const;

  // Runs the ops in order. Variable tensors (LSTM and SVDF state) keep their values from one
  // invoke to the next until reset().
  llvm::Error invoke();
  // Puts the variable tensors back to their initial values.
  void reset();

private:
  explicit Interpreter(const Graph &graph);

  const Graph &graph_;
  std::vector<std::vector<uint8_t>> storage_; // per value id; empty for constants
  std::vector<std::span<uint8_t>> views_;     // per value id
  std::vector<std::unique_ptr<Kernel>> kernels_;
};

} // namespace litec::ir::reference
