#pragma once

// Residual epilogue: an ADD of a CONV_2D's or DEPTHWISE_CONV_2D's result (no activation, read by
// nothing else) and another tensor of the ADD's shape becomes one LITEC_CONV_2D_RESIDUAL or
// LITEC_DEPTHWISE_CONV_2D_RESIDUAL, whose kernel adds the residual to each output pixel as the
// ADD did, then applies the ADD's activation. Float: the same additions of the same values
// (float addition commutes exactly); a channel-only PAD in front of the residual (zeros after the
// last channels, read by nothing else) folds in too, the kernel adding 0 past the residual's
// channels as the ADD of a padded zero computed it. Quantised (int8, uint8, int16 with TFLite's
// general ADD): the convolution still rounds to its own output quantisation (kept as the fused
// op's intermediate), then TFLite's quantised ADD of the two: bit for bit the unfused pair.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "fuse-residual-add"; statistics "fused" (ADDs folded away) and "pads" (PADs folded
// away).
std::unique_ptr<Pass> createResidualFusionPass();

} // namespace litec::ir
