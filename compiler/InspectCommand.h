#pragma once

#include "CompileCommand.h"
#include "litec/ir/Graph.h"

#include <llvm/Support/raw_ostream.h>

namespace litec::compiler {

// `litec inspect`: per-op report and model summary, as text for people or JSON for tools. The
// module is the one reported on (as imported, or after the pipeline); `target` says what the
// code generation target makes of the model after the pipeline.
void printInspectText(const ir::Module &module, llvm::StringRef path, const TargetReport &target,
                      llvm::raw_ostream &os);
void printInspectJson(const ir::Module &module, llvm::StringRef path, const TargetReport &target,
                      llvm::raw_ostream &os);

} // namespace litec::compiler
