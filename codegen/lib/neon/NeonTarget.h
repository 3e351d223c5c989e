#pragma once

#include "litec/codegen/Target.h"

namespace litec::codegen {

// NEON intrinsics for AArch64 and ARMv7 (not built yet: the target is listed and refused).
const Target &neonTarget();

} // namespace litec::codegen
