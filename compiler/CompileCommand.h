#pragma once

#include "litec/codegen/Compile.h"

#include <llvm/Support/Error.h>
#include <llvm/Support/raw_ostream.h>

#include <string>

namespace litec::compiler {

// `litec compile`: compiles MODEL and writes the files into `outputDir` (created if needed),
// then prints one summary line.
llvm::Error compileToDirectory(ir::Module &module, const codegen::CompileOptions &options,
                               const std::string &outputDir, llvm::raw_ostream &os);

// The arena the generic target would plan for the model file at `path`, as one line for
// `litec inspect` ("arena (target generic): N bytes, lower bound M bytes" or why not).
std::string arenaLine(llvm::StringRef path);

} // namespace litec::compiler
