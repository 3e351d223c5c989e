// The NEON kernels beyond convolution against the reference kernels, built on the host through
// SIMDe (LITEC_NEON_SIMDE), through the cases every SIMD target shares (../SimdElementwiseTests.h).
// The same kernels run on ARM through generated code in the codegen.neon.elementwise test.

#include "neon/Activations.h"
#include "neon/Binary.h"
#include "neon/Pad.h"
#include "neon/Pooling.h"
#include "neon/Quantization.h"
#include "neon/Reduce.h"
#include "neon/Resize.h"
#include "neon/Softmax.h"
#include "neon/TransposeConvolution.h"

#define LITEC_SIMD neon
#define LITEC_SIMD_NAME "neon"
#include "../SimdElementwiseTests.h"
