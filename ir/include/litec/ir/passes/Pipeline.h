#pragma once

// The one pass pipeline: what `litec compile`, `litec inspect --optimized` and `litec verify`
// run between import and code generation, so that none of them predicts or redoes it.

#include "litec/ir/passes/Pass.h"

#include <string>
#include <vector>

namespace litec::ir {

struct PipelineOptions {
  // 0: only the passes code generation depends on; 1 (default): every optimisation as well.
  unsigned optLevel = 1;
  // Passes left out by name (each must be a registered pass).
  std::vector<std::string> disabled;
};

llvm::Expected<PassManager> buildPipeline(const PipelineOptions &options);

// A pipeline of the passes named, in that order (`litec opt --passes=a,b`).
llvm::Expected<PassManager> buildPassList(const std::vector<std::string> &names);

} // namespace litec::ir
