#pragma once

#include "litec/ir/passes/Pipeline.h"

#include <llvm/Support/Error.h>
#include <llvm/Support/raw_ostream.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace litec::compiler {

// `litec opt`: runs passes on a model (a .tflite file or the IR's text form) and writes the
// result, as IR text (to OUTPUT or standard output) or, for an OUTPUT ending in .tflite, as a
// model file.
struct OptOptions {
  std::optional<std::vector<std::string>> passes; // exactly these; absent: the pipeline
  ir::PipelineOptions pipeline;                   // the pipeline's -O and --disable-pass
  std::set<std::string> printIrAfter;
  bool printIrAfterAll = false;
  std::string output;
};
llvm::Error optimizeModel(ir::Module &module, const OptOptions &options, llvm::raw_ostream &out,
                          llvm::raw_ostream &irLog);

// One line per registered pass: its name, whether the pipeline keeps it at -O0, what it does.
void printPassList(llvm::raw_ostream &os);

} // namespace litec::compiler
