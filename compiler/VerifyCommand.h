#pragma once

#include "litec/ir/passes/Pipeline.h"

#include <llvm/Support/Error.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdint>
#include <string>

namespace litec::compiler {

struct VerifyOptions {
  std::string target;                    // empty: the default target
  std::string reference = "interpreter"; // or "tflite"
  unsigned runs = 3;
  uint64_t seed = 0;
  std::string inputsDir;    // DIR/input_<k>.bin for one run, instead of seeded data
  bool perLayer = false;    // compare every op result and name the first that diverges
  std::string workDir;      // build and run here and keep it (default: a temporary directory)
  std::string generatedDir; // test hook: verify this `litec compile --emit-main` output
  ir::PipelineOptions pipeline;
};

// `litec verify`: compiles the model, builds the generated code with $CXX (else c++), runs it and
// the reference on the same inputs and prints, per output, the largest difference, the largest
// in quantisation steps, RMSE, cosine similarity and PASS or FAIL against the stated tolerance.
// Returns whether every output passed; progress goes to `progress`.
llvm::Expected<bool> verifyModel(const std::string &modelPath, const VerifyOptions &options,
                                 llvm::raw_ostream &os, llvm::raw_ostream &progress);

} // namespace litec::compiler
