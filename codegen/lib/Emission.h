#pragma once

// What the parts of `litec compile` share (Compile.cpp prepares the model; ApiHeader.cpp,
// ModelSource.cpp, WeightsSource.cpp, RunnerSource.cpp and SupportFiles.cpp each write one kind
// of generated file from it).

#include "LayerBands.h"
#include "litec/codegen/Compile.h"
#include "litec/codegen/LayerContext.h"
#include "litec/codegen/MemoryPlan.h"
#include "litec/codegen/Target.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace litec::codegen {

// How the API names a graph input or output: its signature name when the model has a signature
// for the main graph, else the tensor's name; always a unique identifier.
struct ApiTensor {
  const ir::Value *value;
  std::string identifier, description;
};

// A partition: consecutive layers one target emits as a unit (one layer for most targets).
struct Partition {
  const Target *target = nullptr;
  std::vector<const ir::Op *> ops;
  int64_t stateBytes = 0;
  int stateBuffer = -1; // in the memory plan, when stateBytes > 0
};

// The main graph after the pipeline, each op assigned to the target that emits it (the one
// asked for, or its fallback and why), grouped into partitions, memory planned.
struct PreparedModel {
  const Target *target = nullptr;
  std::string cpu; // the --cpu choice for the target (its default when none was given)
  ir::Graph *graph = nullptr;
  std::vector<const Target *> emitterOf; // by op index
  std::vector<std::string> fallbackWhy;  // by op index; empty when the asked target emits it
  std::vector<Partition> partitions;
  MemoryPlan plan;
  unsigned foldedOps = 0;
};

struct EmitState {
  const CompileOptions &options;
  const ir::Module &module;
  const PreparedModel &prepared;
  std::vector<ApiTensor> inputs, outputs;
  ConstantPool constants;
  std::vector<std::unique_ptr<LayerContext>> layers; // by op index
  std::vector<std::unique_ptr<PartitionContext>> partitions;
  std::set<std::string> headers; // kernel headers the layers include ("litec/generic/X.h")
  std::vector<BandedPair> bandedPairs;
};

std::string namespaceOf(const CompileOptions &options);
// Constants start at 16-byte aligned offsets of the weights string (WeightsFormat::String).
inline int64_t weightsAlign(int64_t offset) {
  return (offset + 15) / 16 * 16;
}
// Whether variable `value` starts from an initial value the model file gives.
bool hasInitialValue(const ir::Value &value, const MemoryPlan &plan);

// "void *arena, const float *input, float *output": invoke()'s parameters, in the API header
// and in the model source.
// invoke()'s parameters; with `parallel`, the caller's parallel-for after the arena.
std::string invokeParameters(const EmitState &s, bool parallel = false);

std::string apiHeader(const EmitState &s);     // NAME.h
std::string modelSource(const EmitState &s);   // NAME.cpp
std::string weightsSource(const EmitState &s); // NAME_weights.cpp
std::string runnerSource(const EmitState &s);  // NAME_main.cpp
// The embedded files `required` names and those they include in turn, at their paths
// ("litec/runtime/Status.h"), includes rewritten relative to each file.
std::vector<GeneratedFile> supportFiles(const std::set<std::string> &required);

} // namespace litec::codegen
