#pragma once

// Requantisation merging: a QUANTIZE from int8 to int8 (or uint8 to uint8) after an op that
// rescales its accumulator to its output anyway (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,
// ADD, SUB, MUL), whose result nothing else reads, goes: the op writes the QUANTIZE's result
// with its quantisation. Only where that is bit for bit the same: the two scales are equal (the
// QUANTIZE's multiplier is exactly 1, so it only moves the zero point: q - z1 + z2, clamped to
// the type) and some fused activation gives, on the new output, exactly the bounds the op's
// clamp and the QUANTIZE's clamp give together. A QUANTIZE that changes the scale stays: the op
// would round once where TFLite rounds twice (round(round(a m1) m2) is not round(a m1 m2)), which
// is not bit-exact for some accumulators whatever the multipliers.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "merge-requantize"; its statistic "merged" counts the QUANTIZE ops merged away.
std::unique_ptr<Pass> createRequantizeMergePass();

} // namespace litec::ir
