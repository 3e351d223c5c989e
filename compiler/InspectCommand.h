#pragma once

#include "litec/ir/Graph.h"

#include <llvm/Support/raw_ostream.h>

namespace litec::compiler {

// `litec inspect`: per-op report and model summary, as text for people or JSON for tools.
void printInspectText(const ir::Module &module, llvm::StringRef path, llvm::raw_ostream &os);
void printInspectJson(const ir::Module &module, llvm::StringRef path, llvm::raw_ostream &os);

} // namespace litec::compiler
