#pragma once

// `litec compile`: a model to standalone C++ source for a target. The result is a set of files
// (the API header, the layers, the weights, the runtime and kernel headers they include, and
// optionally a runner) that any C++17 compiler builds with no special flags. The same model
// and options always give the same bytes.

#include "litec/codegen/LayerContext.h"
#include "litec/ir/Graph.h"
#include "litec/ir/passes/Pipeline.h"

#include <llvm/Support/Error.h>

#include <set>
#include <string>
#include <vector>

namespace litec::codegen {

struct CompileOptions {
  std::string name = "model"; // file stem and C symbol prefix: a C identifier
  std::string nameSpace;      // C++ namespace of the API ("a::b" allowed); defaults to name
  std::string target;         // a registered target's name; empty: the default target
  std::string cpu;            // the CPU the target tunes for (Target::cpus); empty: its default
  WeightsFormat weightsFormat = WeightsFormat::String;
  bool emitMain = false;  // also write NAME_main.cpp, a command-line runner
  bool layerBands = true; // run pairs of large layers band by band (LayerBands.h) where it pays
  std::string sourceName; // the model's file name, for comments
  ir::PipelineOptions pipeline;
  // The IR after the passes named here (all of them with printIrAfterAll) goes to irOutput.
  std::set<std::string> printIrAfter;
  bool printIrAfterAll = false;
  llvm::raw_ostream *irOutput = nullptr;
};

struct GeneratedFile {
  std::string path; // relative to the output directory
  std::string contents;
};

struct CompiledModel {
  std::string target; // the target compiled for
  std::vector<GeneratedFile> files;
  int64_t arenaSize = 0, lowerBound = 0, alignment = 0;
  unsigned layers = 0, foldedOps = 0;
  // The pairs of layers run band by band: "1+2 (1152 KiB between them, 10 bands)".
  std::vector<std::string> bandedPairs;
};

// Runs the pass pipeline (ir::buildPipeline with options.pipeline) on the module, printing the
// IR after the passes options.printIrAfter* name; returns the passes' statistics.
llvm::Expected<ir::PassStatistics> runPipeline(ir::Module &module, const CompileOptions &options);

// Compiles the module's main graph: runs the pass pipeline on the module, which it changes,
// then plans memory and emits every layer.
llvm::Expected<CompiledModel> compileModel(ir::Module &module, const CompileOptions &options);

// The arena a target plans for a module the pipeline has already run on, without emitting
// anything (for `litec inspect`); an error when the target cannot compile the graph.
llvm::Expected<CompiledModel> planOptimizedModel(ir::Module &module, std::string_view target);

} // namespace litec::codegen
