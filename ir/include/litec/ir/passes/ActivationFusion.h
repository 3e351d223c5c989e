#pragma once

// Activation fusion: a RELU, RELU6 or RELU_N1_TO_1 whose input is the only use of a result of an
// op with a fused-activation slot (OpTrait::FusedActivation) left at NONE becomes that slot, and
// the producer writes the activation's result directly. Applied only where the result is
// exactly the same: float always (TFLite clamps the sum with the same bounds); quantised when
// the activation's input and output have the same quantisation (its rescaling is then the
// identity), as whichever slot applies the clamp's integer bounds to that output (a RELU6 whose
// 6.0 lies past the type's top becomes RELU).

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "fuse-activations"; its statistic "fused" counts the activations folded away.
std::unique_ptr<Pass> createActivationFusionPass();

} // namespace litec::ir
