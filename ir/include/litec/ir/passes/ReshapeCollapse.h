#pragma once

// Reshape clean-up: a RESHAPE, SQUEEZE or EXPAND_DIMS that gives back its input's shape is
// bypassed (its readers read the input), and a RESHAPE of the result of another of them reads
// that one's input instead, the chain becoming one reshape (the first goes with
// eliminate-dead-code when nothing else reads it). Exact: a reshape moves no element, so only
// the final shape matters; applied only where type and quantisation are the same along the
// chain.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "collapse-reshapes"; its statistic "collapsed" counts the reshapes bypassed or
// shortened.
std::unique_ptr<Pass> createReshapeCollapsePass();

} // namespace litec::ir
