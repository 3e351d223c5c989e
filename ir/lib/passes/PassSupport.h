#pragma once

// What the rewriting passes share: who reads a value, and renumbering ops after a rewrite.

#include "litec/ir/Graph.h"

#include <vector>

namespace litec::ir {

// For each value id, how many times it is read: once per operand slot naming it, once more if
// it is a graph output (a reader outside the graph).
std::vector<int> useCounts(const Graph &graph);

// Drops the ops marked in `erase` (by position) and renumbers the rest.
void eraseOps(Graph &graph, const std::vector<bool> &erase);

} // namespace litec::ir
