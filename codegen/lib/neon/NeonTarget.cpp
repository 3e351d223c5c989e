#include "NeonTarget.h"

#include "../PlannedTarget.h"

namespace litec::codegen {

const Target &neonTarget() {
  static const PlannedTarget target("neon", "NEON intrinsics for AArch64 and ARMv7");
  return target;
}

} // namespace litec::codegen
