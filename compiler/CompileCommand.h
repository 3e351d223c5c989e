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

// The arena the generic target plans for the model file at `path` (read afresh: planning folds
// constants), for `litec inspect`.
struct ArenaEstimate {
  bool planned = false;
  int64_t bytes = 0, lowerBound = 0;
  std::string why; // when not planned
};
ArenaEstimate estimateArena(llvm::StringRef path);

} // namespace litec::compiler
