// The x86 kernels beyond convolution against the reference kernels, natively (built for AVX2/FMA
// and for AVX-512 as the convolution tests are), through the cases every SIMD target shares
// (../SimdElementwiseTests.h).

#include "x86/Activations.h"
#include "x86/Binary.h"
#include "x86/Pad.h"
#include "x86/Pooling.h"
#include "x86/Quantization.h"
#include "x86/Reduce.h"
#include "x86/Resize.h"
#include "x86/Softmax.h"
#include "x86/TransposeConvolution.h"

#define LITEC_SIMD x86
#define LITEC_SIMD_NAME "x86"
#include "../SimdElementwiseTests.h"
