#pragma once

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <string>
#include <vector>

namespace litec::compiler {

struct RunOptions {
  std::vector<std::string> inputFiles; // raw little-endian, in the model's input order
  std::string outputDir;               // "" to write nothing
  uint64_t seed = 0;                   // for inputs not given
  unsigned invokes = 1;                // runs on the same inputs; outputs are the last run's
  // An image given as an input (.png, .jpg, .ppm, .bmp) is resized to the input's height and
  // width and scaled as (pixel - imageMean) / imageStd; with outputDir, the floats it became are
  // written there as input_<k>.bin.
  float imageMean = 127.5f, imageStd = 127.5f;
  // Every tensor the run computed, written as DIR/value_<id>.bin (ids of graph 0); "" for none.
  std::string dumpValuesDir;
};

// `litec run`: runs the reference interpreter once on subgraph 0 and prints one line per
// output. Errors are "WHERE: WHAT" (the caller adds the file).
llvm::Error runModel(const ir::Module &module, const RunOptions &options, llvm::raw_ostream &os);

} // namespace litec::compiler
