#pragma once

// Small models the project makes itself, so that the tests which need "a real model" but no
// particular one (the CMake integration, reentrancy, sanitizers, edge cases) run on a bare
// clone. Weights come from a fixed seed: the same bytes on every machine.

#include "litec/ir/Graph.h"

#include <string_view>

namespace litec::testing {

// int8 image classifier: CONV_2D (per-channel, stride 2, RELU) -> DEPTHWISE_CONV_2D (RELU6) ->
// AVERAGE_POOL_2D -> RESHAPE -> FULLY_CONNECTED -> SOFTMAX, 1x8x8x3 int8 in, 1x5 int8 out.
void buildSmallInt8Classifier(ir::Module &module);

// Float regressor of one value (the shape of TFLite Micro's hello_world): FULLY_CONNECTED 16
// RELU -> FULLY_CONNECTED 16 RELU -> FULLY_CONNECTED 1, 1x1 float in and out.
void buildSmallFloatRegressor(ir::Module &module);

// A stateful float model: SVDF (rank 2, state carried across invokes) -> TANH.
void buildStatefulSvdf(ir::Module &module);

// A stateful float model: UNIDIRECTIONAL_SEQUENCE_LSTM with peephole connections.
void buildStatefulLstm(ir::Module &module);

// Outputs that are not plain op results: a float and an int32 constant, an input passed
// straight through, and an op's result that a later op also reads.
void buildUnusualOutputs(ir::Module &module);

// Tensors with no elements: a 0x3 input, a 0x3 intermediate and output (ADD of a constant),
// a 0x3 constant, a CONCATENATION of those with a 2x3 input, and a RESHAPE to a scalar by a
// shape tensor with no elements.
void buildZeroElementTensors(ir::Module &module);

// The builder called `name` ("small-int8", ...), or nullptr.
using ModelBuilder = void (*)(ir::Module &);
ModelBuilder findTestModel(std::string_view name);
// The names findTestModel knows, separated by '|'.
const char *testModelNames();

} // namespace litec::testing
