#pragma once

// The sizes and variant of an UNIDIRECTIONAL_SEQUENCE_LSTM, read and checked once for its float
// and integer kernels.
//
// Operands: 0 input; 1-4 input-to-{input, forget, cell, output} weights; 5-8 recurrent-to-...;
// 9-11 cell-to-{input, forget, output} (peephole); 12-15 gate biases; 16 projection weights;
// 17 projection bias; 18 hidden state; 19 cell state; 20-23 layer norm coefficients.

#include "../KernelSupport.h"

namespace litec::ir::reference {

enum LstmGate { kInputGate = 0, kForgetGate = 1, kCellGate = 2, kOutputGate = 3 };
constexpr size_t kLstmHiddenState = 18, kLstmCellState = 19;

constexpr size_t lstmInputWeights(int gate) {
  return size_t(1 + gate);
}
constexpr size_t lstmRecurrentWeights(int gate) {
  return size_t(5 + gate);
}
constexpr size_t lstmBias(int gate) {
  return size_t(12 + gate);
}

struct LstmGeometry {
  int batches, steps, inputs, cells, outputs;
  bool timeMajor, cifg, peephole, projection, layerNorm;
  float cellClip, projClip;

  // Where the row of batch b at time `step` starts in the input (width inputs) or the output
  // (width outputs).
  int64_t rowIndex(int b, int step) const {
    return timeMajor ? int64_t(step) * batches + b : int64_t(b) * steps + step;
  }
};

// Reads the geometry from the op's operands and checks that every weight, bias and state has the
// shape it implies.
llvm::Expected<LstmGeometry> lstmGeometry(const Op &op);

llvm::Expected<KernelPtr> prepareIntegerLstm(const Op &op, const LstmGeometry &g);

} // namespace litec::ir::reference
