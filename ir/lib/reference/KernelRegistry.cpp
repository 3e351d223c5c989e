#include "KernelSupport.h"

namespace litec::ir::reference {

// Every family has its reference kernel: a family is what one preparation and one kernel handle.
llvm::Expected<KernelPtr> prepareKernel(const Op &op) {
  switch (op.family()) {
  case OpFamily::None:
    return kernelError(op.kind == OpKind::CUSTOM
                           ? "the reference interpreter has no kernel for this custom operator"
                           : "the reference interpreter has no kernel for this operator yet");
#define LITEC_PREPARE_FAMILY(FAMILY)                                                               \
  case OpFamily::FAMILY:                                                                           \
    return prepare##FAMILY(op);
    LITEC_OP_FAMILIES(LITEC_PREPARE_FAMILY)
#undef LITEC_PREPARE_FAMILY
  }
  return kernelError("unknown operator family");
}

} // namespace litec::ir::reference
