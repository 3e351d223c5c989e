#!/usr/bin/env python3
"""Prints the text IR of tests/lit/compile-cache-blocking.test's model."""
# Two convolutions whose packed weights outgrow a quarter of x86-64-v3's L3 (16 MiB): a float 1x1
# of 1024 to 1040 channels (4.1 MiB of weights) and an int8 3x3 of 512 to 1024 channels
# (4.5 MiB), each over 8x8 pixels (several blocks of a register tile).
def consts(n, period, scale=1):
    return ", ".join(str(((i * 7) % period - period // 2) * scale) for i in range(n))
print("module version 3")
print('graph 0 "main" (%0, %4) -> (%3, %7) {')
print('  value %0 "x" : 1x8x8x1024xf32')
print('  const %1 "w" : 1040x1x1x1024xf32 = [' + consts(1040 * 1024, 13, 0.0625) + ']')
print('  const %2 "b" : 1040xf32 = [' + consts(1040, 11, 0.5) + ']')
print('  value %3 "y" : 1x8x8x1040xf32')
print('  value %4 "q" : 1x8x8x512xi8 {scale=0.05 zp=3}')
scales = ", ".join(str(0.001 + 0.0001 * (i % 7)) for i in range(1024))
zps = ", ".join("0" for _ in range(1024))
print('  const %5 "qw" : 1024x3x3x512xi8 {per-axis(axis=0, scales=[' + scales + '], zps=[' + zps +
      '])} = [' + consts(1024 * 9 * 512, 255) + ']')
print('  const %6 "qb" : 1024xi32 = [' + consts(1024, 2001) + ']')
print('  value %7 "qy" : 1x8x8x1024xi8 {scale=0.2 zp=-4}')
print('  0: %3 = CONV_2D v1(%0, %1, %2) {padding = VALID, stride_w = 1, stride_h = 1, fused_activation_function = RELU}')
print('  1: %7 = CONV_2D v1(%4, %5, %6) {padding = SAME, stride_w = 1, stride_h = 1}')
print('}')
