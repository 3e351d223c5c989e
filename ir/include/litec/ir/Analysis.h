#pragma once

#include "litec/ir/Graph.h"

#include <cstdint>
#include <map>
#include <string>

namespace litec::ir {

// Multiply-accumulates of one op for the ops that are dominated by them (convolutions,
// fully connected, matrix products); 0 for the rest.
int64_t countMacs(const Op &op);

// Bytes of the constant operands of one op (weights, biases, tables).
int64_t weightBytes(const Op &op);

struct ActivationMemory {
  int64_t peakBytes = 0;    // the most bytes live at once
  unsigned peakOpIndex = 0; // the op during which the peak occurs
};

// The peak of live non-constant tensors when ops run in the graph's order: a value is live
// from the op that produces it (or the start, for inputs and variables) to its last use (or
// the end, for outputs and variables). A lower bound for any memory plan.
ActivationMemory peakActivationMemory(const Graph &graph);

// Histogram of op names ("CONV_2D", "CUSTOM:<code>") over a graph.
std::map<std::string, int64_t> opHistogram(const Graph &graph);

// Bytes of all constant tensors of the module, by element type name.
std::map<std::string, int64_t> parameterBytesByType(const Module &module);

} // namespace litec::ir
