#pragma once

#include "litec/codegen/Target.h"

namespace litec::codegen {

// Android Neural Networks API calls with CPU fallback (not built yet: the target is listed and
// refused).
const Target &nnapiTarget();

} // namespace litec::codegen
