#pragma once

// Affine folding (float): a MUL or ADD by a constant, per output channel or scalar, after a
// CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED whose result it alone reads and which has no
// activation, is folded into the weighted op: MUL scales each output channel's weights and bias
// (new constants: the originals may be shared), ADD adds to the bias (one is made when the op
// has none); the weighted op takes the MUL's or ADD's activation and result.
// Not bit-exact, and documented as the one reassociation among the passes: (sum + b) * s
// becomes sum(w s x) + b s, and (sum + b) + d becomes sum + (b + d), each rounding once where
// the graph rounded twice. The property test measures the difference on random graphs
// (`templates: affine folding stays within float rounding`); no real model here has the
// pattern.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "fold-affine"; its statistic "folded" counts the MULs and ADDs folded away.
std::unique_ptr<Pass> createAffineFoldingPass();

} // namespace litec::ir
