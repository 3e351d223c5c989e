#pragma once

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

namespace litec::ir {

// Checks the structural invariants of a module and the per-op shape and type rules:
// operand counts from the op table, value references, dimension sanity, quantisation
// parameters, and the result shapes against static shape inference. The first violation is
// returned as "subgraph G, op I (NAME): what is wrong".
llvm::Error verifyModule(const Module &module);
llvm::Error verifyGraph(const Graph &graph, unsigned graphIndex);

} // namespace litec::ir
