#pragma once

// Reads the IR's text form (what ir::printModule writes) back into a module, so that passes are
// tested on a few lines of IR written in the test (`litec opt`), as MLIR's are. Everything the
// printer writes in full reads back: values, constants of up to 16 elements, per-tensor and
// per-axis quantisation, ops with every attribute, custom options, signatures. What it
// summarises (longer constants, more than 16 channel scales, sparsity) is refused with a clear
// error: read such models from their .tflite file instead.
//
// Attributes an op line leaves out take the schema's defaults, as an absent options table does
// in a .tflite file. Lines may carry `//` comments. The module is not verified here.

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <memory>
#include <string_view>

namespace litec::frontend {

// Errors read "line L, column C: what is wrong".
llvm::Expected<std::unique_ptr<ir::Module>> readModuleText(std::string_view text);

} // namespace litec::frontend
