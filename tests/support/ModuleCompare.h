#pragma once

#include "litec/ir/Graph.h"

#include <string>

namespace litec::testing {

// Describes the first difference between two modules ("" when they hold the same graph):
// values with their shapes, types, quantisation, sparsity and bytes; ops with operands,
// results, attributes and custom options; inputs, outputs, signatures, metadata.
std::string describeDifference(const ir::Module &expected, const ir::Module &actual);

} // namespace litec::testing
