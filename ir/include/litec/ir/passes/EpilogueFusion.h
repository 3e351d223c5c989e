#pragma once

// PRELU and HARD_SWISH epilogues: a PRELU (slopes one per channel, or one for all) or a
// HARD_SWISH of a CONV_2D's or DEPTHWISE_CONV_2D's result (no activation, read by nothing else)
// becomes one LITEC_CONV_2D_PRELU / _HARD_SWISH (or the DEPTHWISE_ form), whose kernel applies
// it to each output pixel after the output stage. Exactly equivalent: the convolution still
// rounds to its own result's type and quantisation (kept as the fused op's intermediate), then
// the same PRELU or HARD_SWISH arithmetic runs on the same values (float, and int8 / uint8 with
// TFLite's quantised kernels), only without the round trip through memory.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "fuse-epilogues"; its statistic "fused" counts the PRELU and HARD_SWISH ops folded
// away.
std::unique_ptr<Pass> createEpilogueFusionPass();

} // namespace litec::ir
