#pragma once

// Inverse pairs: an op that undoes the op before it is bypassed, its readers reading the first
// op's input instead (eliminate-dead-code then removes what nobody reads). Two such pairs, both
// exact: a TRANSPOSE of a TRANSPOSE whose permutations compose to the identity, and a QUANTIZE
// of a DEQUANTIZE back to the same type, scale and zero point (per tensor): (q - z) * s / s
// rounds back to q - z for every 8- and 16-bit q.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "cancel-inverse-pairs"; its statistic "bypassed" counts the pairs.
std::unique_ptr<Pass> createInversePairsPass();

} // namespace litec::ir
