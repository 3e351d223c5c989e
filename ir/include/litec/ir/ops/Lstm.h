#pragma once

// UNIDIRECTIONAL_SEQUENCE_LSTM. Operands: 0 input; 1-4 input-to-{input, forget, cell, output}
// weights; 5-8 recurrent-to-...; 9-11 cell-to-{input, forget, output} (peephole); 12-15 gate
// biases; 16 projection weights; 17 projection bias; 18 hidden state; 19 cell state (both
// variable, persisting across invokes); 20-23 layer norm coefficients.
// - float32, as TFLite's reference LSTM computes each step: every gate is W_x x + W_h h
//   (+ peephole w_c . c) + bias, optionally layer-normalised (then scaled by its coefficients,
//   then biased), then activated; the cell state is f . c + i . g (CIFG: i = 1 - f), clipped;
//   the hidden state is o . act(c), optionally projected and clipped;
// - int8 activations and weights with an int16 cell state and int32 biases, as TFLite Micro's
//   integer kernel (the plain LSTM only): gates from two FCs rescaled to int16 on 2^-12 and
//   added with saturation, the int16 sigmoid or tanh; the cell update from rescaled products
//   (ir::integerLstmRescaling); the hidden state tanh(cell) . output rescaled to int8.

#include "litec/ir/ops/Params.h"
#include "litec/runtime/Operators.h"

#include <vector>

namespace litec::ir::ops {

enum LstmGate { kInputGate = 0, kForgetGate = 1, kCellGate = 2, kOutputGate = 3 };
inline constexpr size_t kLstmHiddenState = 18, kLstmCellState = 19, kLstmProjection = 16,
                        kLstmProjectionBias = 17;
constexpr size_t lstmInputWeights(int gate) {
  return size_t(1 + gate);
}
constexpr size_t lstmRecurrentWeights(int gate) {
  return size_t(5 + gate);
}
// Peepholes exist for the input, forget and output gates (operands 9, 10, 11).
constexpr size_t lstmPeephole(int gate) {
  return gate == kOutputGate ? 11 : size_t(9 + gate);
}
constexpr size_t lstmBias(int gate) {
  return size_t(12 + gate);
}
constexpr size_t lstmNorm(int gate) {
  return size_t(20 + gate);
}

struct LstmParams {
  int32_t batches, steps, inputs, cells, outputs;
  bool timeMajor, cifg, peephole, projection, layerNorm;
  float cellClip, projClip; // float: 0 for no clipping
  runtime::LstmActivation activation;
  // Integer: the gates' FC rescalings, the offsets and the cell update's rescalings.
  std::vector<QuantizedMultiplier> inputToGate, recurrentToGate; // one per gate
  int32_t inputOffset, hiddenOffset, hiddenZeroPoint;
  QuantizedMultiplier forgetTimesCell, inputTimesCellGate, tanhCellTimesOutput;
  int32_t cellTanhMultiplier, cellTanhShift;
  int32_t quantizedCellClip; // on the cell state's int16 scale, 0 for no clipping

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(batches);
    LITEC_PARAM(steps);
    LITEC_PARAM(inputs);
    LITEC_PARAM(cells);
    LITEC_PARAM(outputs);
    LITEC_PARAM(timeMajor);
    LITEC_PARAM(cifg);
    LITEC_PARAM(peephole);
    LITEC_PARAM(projection);
    LITEC_PARAM(layerNorm);
    LITEC_PARAM(cellClip);
    LITEC_PARAM(projClip);
    LITEC_PARAM(activation);
    LITEC_PARAM(inputToGate);
    LITEC_PARAM(recurrentToGate);
    LITEC_PARAM(inputOffset);
    LITEC_PARAM(hiddenOffset);
    LITEC_PARAM(hiddenZeroPoint);
    LITEC_PARAM(forgetTimesCell);
    LITEC_PARAM(inputTimesCellGate);
    LITEC_PARAM(tanhCellTimesOutput);
    LITEC_PARAM(cellTanhMultiplier);
    LITEC_PARAM(cellTanhShift);
    LITEC_PARAM(quantizedCellClip);
  }
};

// Where the row of batch b at time `step` starts, in rows of the input or the output.
inline int64_t lstmRow(const LstmParams &p, int b, int step) {
  return p.timeMajor ? int64_t(step) * p.batches + b : int64_t(b) * p.steps + step;
}

struct PreparedLstm {
  LstmParams params;
  bool isInteger;
  int64_t scratchBytes; // float: 5 * batches * cells floats; integer: 4 * cells int16
};

llvm::Expected<PreparedLstm> prepareLstm(const Op &op);

} // namespace litec::ir::ops
