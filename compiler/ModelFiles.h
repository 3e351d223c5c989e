#pragma once

#include "litec/ir/Graph.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <memory>

namespace litec::compiler {

// A model from a .tflite file or from the IR's text form (what `litec inspect --print-ir` and
// `litec opt` print; it starts with "module" after any comment lines), verified either way.
llvm::Expected<std::unique_ptr<ir::Module>> readModelOrText(llvm::StringRef path);

} // namespace litec::compiler
