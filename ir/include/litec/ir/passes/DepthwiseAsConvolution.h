#pragma once

// Depthwise as convolution: a DEPTHWISE_CONV_2D of an input with one channel (every output
// channel that channel's window times its own weights, as in a keyword spotter's first layer)
// becomes the CONV_2D of one input channel with the filter's channels moved first
// ([1, KH, KW, M] to [M, KH, KW, 1]; a per-channel quantisation's axis from 3 to 0). The same
// products summed in the same order, the same bias and per-channel requantisation: the same bits
// in the reference kernels. The targets' convolution GEMMs take all M channels of a window at
// once (a gathered row of KH x KW taps) where their depthwise kernels walk the window tap by tap
// with every vector lane reading the one input channel.

#include "litec/ir/passes/Pass.h"

namespace litec::ir {

// The pass "depthwise-as-convolution"; its statistic "converted" counts the ops it rewrote.
std::unique_ptr<Pass> createDepthwiseAsConvolutionPass();

} // namespace litec::ir
