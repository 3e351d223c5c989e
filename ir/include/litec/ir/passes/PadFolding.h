#pragma once

// Pad folding: a PAD (or PADV2 by the data's zero) of the height and width of a 4-D tensor in
// front of a CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D or AVERAGE_POOL_2D becomes the consumer's
// explicit padding (the attribute explicit_padding, [top, bottom, left, right]: the PAD's sizes
// plus the consumer's own SAME padding of the padded input), and the consumer reads the PAD's
// input. Applied only where the result is exactly the same:
// - convolutions always: a padded tap adds zero times its weight (float) or (zero point - zero
//   point) times its weight (quantised), which is what a tap outside the input adds;
// - MAX_POOL_2D where the padded value cannot win: its input comes from a RELU, RELU6 or
//   RELU_0_TO_1 (an op or a fused activation), so every value is at least the padded zero, and
//   every window still overlaps the input (a window of padding alone would give the type's
//   lowest value, not zero);
// - AVERAGE_POOL_2D only where no window reaches the PAD's padding (TFLite divides by the
//   pixels inside the input, the PAD's among them: folded, they would not be counted).
// The PAD goes when nothing else reads it.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "fold-pads"; its statistic "folded" counts the consumers that took a PAD in.
std::unique_ptr<Pass> createPadFoldingPass();

} // namespace litec::ir
