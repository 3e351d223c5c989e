#pragma once

#include "litec/codegen/Target.h"

namespace litec::codegen {

// Portable C++17: each layer calls a kernel template of templates/generic specialised with the
// layer's shapes, strides, padding, bounds and quantised multipliers as compile-time constants.
const Target &genericTarget();

} // namespace litec::codegen
