#pragma once

// Dead code: an op none of whose results is read (by another op or as a graph output) and that
// keeps no state (OpTrait::Stateful) is removed, then the ops that only it read, and so on.
// Values it wrote stay declared (value ids are the file's tensor indices), written by nothing.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "eliminate-dead-code"; its statistic "removed" counts the ops removed.
std::unique_ptr<Pass> createDeadCodeEliminationPass();

} // namespace litec::ir
