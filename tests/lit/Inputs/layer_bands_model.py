#!/usr/bin/env python3
"""Prints the text IR of tests/lit/compile-layer-bands.test's model."""
# A 64x64 image through a 1x1 expansion, a depthwise 3x3 and a 1x1 projection added to the image
# (an inverted residual block): the tensors between them (512 KiB) outgrow half of x86-64-v3's
# L2, and the image stays live to the end, so the plain memory plan already keeps the
# depthwise layer's result off the expansion's input.
def consts(n, scale):
    return ", ".join(str(((i * 7) % 13 - 6) * scale) for i in range(n))
print("module version 3")
print('graph 0 "main" (%0) -> (%8) {')
print('  value %0 "x" : 1x64x64x8xf32')
print('  const %1 "expand" : 32x1x1x8xf32 = [' + consts(256, 0.125) + ']')
print('  value %2 "expanded" : 1x64x64x32xf32')
print('  const %3 "dw" : 1x3x3x32xf32 = [' + consts(288, 0.0625) + ']')
print('  value %4 "filtered" : 1x64x64x32xf32')
print('  const %5 "project" : 8x1x1x32xf32 = [' + consts(256, 0.25) + ']')
print('  const %6 "bias" : 8xf32 = [' + consts(8, 0.5) + ']')
print('  value %7 "projected" : 1x64x64x8xf32')
print('  value %8 "y" : 1x64x64x8xf32')
print('  0: %2 = CONV_2D v1(%0, %1) {padding = VALID, stride_w = 1, stride_h = 1, fused_activation_function = RELU6}')
print('  1: %4 = DEPTHWISE_CONV_2D v1(%2, %3) {padding = SAME, stride_w = 1, stride_h = 1, depth_multiplier = 1, fused_activation_function = RELU6}')
print('  2: %7 = CONV_2D v1(%4, %5, %6) {padding = VALID, stride_w = 1, stride_h = 1}')
print('  3: %8 = ADD v1(%7, %0)')
print('}')
