#pragma once

#include "litec/ir/Graph.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace litec::compiler {

// What `litec inspect` reports about a model, computed once and printed as text or JSON.
struct OpSummary {
  const ir::Op *op;
  int64_t macs;
  int64_t weightBytes;
};

struct ModelSummary {
  std::vector<OpSummary> ops;                 // main subgraph, in execution order
  std::map<std::string, int64_t> opHistogram; // main subgraph
  int64_t totalMacs = 0;
  std::map<std::string, int64_t> paramBytesByType; // all subgraphs
  int64_t paramBytes = 0;
  int64_t peakActivationBytes = 0;
  unsigned peakOpIndex = 0;
  std::vector<const ir::Value *> dynamicValues; // values with -1 in shape_signature
};

ModelSummary summarizeModel(const ir::Module &module);

} // namespace litec::compiler
