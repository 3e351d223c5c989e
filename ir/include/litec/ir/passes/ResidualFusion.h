#pragma once

// Residual epilogue: a float ADD of a CONV_2D's result (no activation, read by nothing else)
// and another tensor of the ADD's shape becomes one LITEC_CONV_2D_RESIDUAL, whose kernel adds
// the residual before the ADD's activation; a channel-only PAD in front of the residual (zeros
// after the last channels, read by nothing else) folds in too, the kernel adding 0 past the
// residual's channels. Exactly equivalent: the same additions of the same values (float
// addition commutes exactly), and 0 + x as the ADD of a padded zero computes it.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "fuse-residual-add"; statistics "fused" (ADDs folded away) and "pads" (PADs folded
// away).
std::unique_ptr<Pass> createResidualFusionPass();

} // namespace litec::ir
