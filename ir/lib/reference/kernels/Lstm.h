#pragma once

// What the float (Lstm.cpp) and integer (IntegerLstm.cpp) UNIDIRECTIONAL_SEQUENCE_LSTM kernels
// share: the prepared parameters and operand positions of litec/ir/ops/Lstm.h.

#include "../KernelSupport.h"
#include "litec/ir/ops/Lstm.h"

namespace litec::ir::reference {

using ops::kCellGate;
using ops::kForgetGate;
using ops::kInputGate;
using ops::kLstmCellState;
using ops::kLstmHiddenState;
using ops::kLstmProjection;
using ops::kLstmProjectionBias;
using ops::kOutputGate;
using ops::lstmBias;
using ops::lstmInputWeights;
using ops::lstmNorm;
using ops::LstmParams;
using ops::lstmPeephole;
using ops::lstmRecurrentWeights;
using ops::lstmRow;

KernelPtr makeIntegerLstm(const LstmParams &p);

} // namespace litec::ir::reference
