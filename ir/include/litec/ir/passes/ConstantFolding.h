#pragma once

// Constant folding: ops whose operands are all constants run once, at compile time, with the
// reference interpreter's kernels (so folded values are bit-exact with running them), and
// their results become constants. Code generation relies on it to turn fp16 weights behind
// DEQUANTIZE into float32 constants, sparse weights behind DENSIFY into dense ones, and
// reshapes of constants into constants of the new shape.

#include "litec/ir/Graph.h"
#include "litec/ir/passes/Pass.h"

#include <llvm/Support/Error.h>

namespace litec::ir {

struct FoldingStats {
  unsigned foldedOps = 0;
};

// Whether foldConstants would fold `op` (its operands are constants and it is a kind worth
// running at compile time).
bool isFoldable(const Op &op);

// Folds every op of `graph` whose operands are constant and which has no state, in order (a
// folded result can make the next op foldable). The graph's op indices are renumbered.
llvm::Expected<FoldingStats> foldConstants(Graph &graph);

// The pass "fold-constants": foldConstants on every graph of the module; its statistic
// "folded-ops" counts the ops folded away.
std::unique_ptr<Pass> createConstantFoldingPass();

} // namespace litec::ir
