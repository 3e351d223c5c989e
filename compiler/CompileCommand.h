#pragma once

#include "litec/codegen/Compile.h"

#include <llvm/Support/Error.h>
#include <llvm/Support/raw_ostream.h>

#include <string>
#include <vector>

namespace litec::compiler {

// `litec compile`: compiles MODEL and writes the files into `outputDir` (created if needed),
// then prints one summary line.
llvm::Error compileToDirectory(ir::Module &module, const codegen::CompileOptions &options,
                               const std::string &outputDir, llvm::raw_ostream &os);

// What a target makes of a model after the pass pipeline, for `litec inspect`: the ops it
// cannot compile and, when there are none, the arena it plans. The module is changed (the
// pipeline runs on it).
struct TargetReport {
  std::string target;
  std::string pipelineError;               // the pipeline failed: why (nothing else is known)
  std::vector<std::string> unsupportedOps; // distinct names, sorted
  bool planned = false;
  int64_t arenaBytes = 0, lowerBound = 0;
  std::string why; // when not planned
};
TargetReport reportForTarget(ir::Module &module, const ir::PipelineOptions &pipeline,
                             std::string_view target);

} // namespace litec::compiler
