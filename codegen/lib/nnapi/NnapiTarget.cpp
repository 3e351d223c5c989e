#include "NnapiTarget.h"

#include "../PlannedTarget.h"

namespace litec::codegen {

const Target &nnapiTarget() {
  static const PlannedTarget target("nnapi", "Android Neural Networks API with CPU fallback");
  return target;
}

} // namespace litec::codegen
