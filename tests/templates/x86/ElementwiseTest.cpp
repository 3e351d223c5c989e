// The x86 float kernels beyond convolution against the reference kernels, natively (built for
// AVX2/FMA and for AVX-512 as the convolution tests are): binary ops, activations, pools and
// bilinear resizing, through the cases every SIMD target shares.

#include "x86/Activations.h"
#include "x86/Binary.h"
#include "x86/Pooling.h"
#include "x86/Resize.h"

#define LITEC_SIMD x86
#define LITEC_SIMD_NAME "x86"
#include "../SimdElementwiseTests.h"
