// Compiled with -std=c++17 -fno-exceptions -fno-rtti: the runtime headers must stay usable in
// generated code built that way. The static_asserts run at compile time.
#include "litec/runtime/Alignment.h"
#include "litec/runtime/ElementType.h"
#include "litec/runtime/FixedPoint.h"
#include "litec/runtime/Int16Activations.h"
#include "litec/runtime/Profiling.h"
#include "litec/runtime/QuantizedActivations.h"
#include "litec/runtime/QuantizedArithmetic.h"
#include "litec/runtime/Status.h"

static_assert(static_cast<int>(litec::runtime::Status::kOk) == 0);
static_assert(litec::runtime::statusName(litec::runtime::Status::kOk)[0] == 'o');
static_assert(litec::runtime::multiplyByQuantizedMultiplier(6, 1 << 30, 0) == 3);
// sigmoid(0) = 1/2 and tanh(0) = 0 on the output scale 2^-15.
static_assert(litec::runtime::logisticInt16(0, {0, 0}) == 16384);
static_assert(litec::runtime::tanhInt16(0, {0, 0}) == 0);
static_assert(litec::runtime::alignUp(17, 16) == 32);
static_assert(litec::runtime::leadingSignBits(0) == 31);
