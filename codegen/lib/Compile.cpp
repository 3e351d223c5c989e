// `litec compile` from the module to the set of files: the pass pipeline, each op's target
// (the one asked for, or its fallback), partitions, the memory plan, then each kind of file.

#include "Emission.h"
#include "litec/codegen/SafeText.h"

#include <fmt/format.h>

#include <algorithm>

namespace litec::codegen {

namespace {
llvm::Error error(std::string message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

bool isIdentifier(std::string_view text) {
  return !text.empty() && identifierFrom(text) == text && text.find("__") == std::string::npos;
}

llvm::Error checkOptions(const CompileOptions &options) {
  if (!isIdentifier(options.name))
    return error(fmt::format("--name '{}' is not a C identifier (letters, digits and single "
                             "underscores, not starting with a digit, not a keyword)",
                             commentText(options.name)));
  std::string_view ns = options.nameSpace;
  while (!ns.empty()) {
    const size_t colons = ns.find("::");
    if (!isIdentifier(ns.substr(0, colons)))
      return error(fmt::format("--namespace '{}' is not a C++ namespace name",
                               commentText(options.nameSpace)));
    ns = colons == std::string_view::npos ? std::string_view() : ns.substr(colons + 2);
  }
  return llvm::Error::success();
}

llvm::Expected<const Target *> findTarget(std::string_view name) {
  if (name.empty())
    return &defaultTarget();
  const Target *target = lookupTarget(name);
  if (!target)
    return error(
        fmt::format("unknown target '{}' (targets: {})", commentText(name), targetNames()));
  if (!target->available())
    return error(fmt::format("target '{}' ({}) is not available yet; use --target {}",
                             target->name(), target->description(), defaultTarget().name()));
  return target;
}

// Which target emits `op`: the one asked for, else the first of its fallbacks that can, with
// the reason the others could not.
llvm::Error assignTarget(const Target &target, const ir::Op &op, PreparedModel &prepared) {
  std::string why;
  for (const Target *t = &target; t; t = t->fallback()) {
    llvm::Error refusal = t->checkLayer(op);
    if (!refusal) {
      prepared.emitterOf[op.index] = t;
      prepared.fallbackWhy[op.index] = why;
      return llvm::Error::success();
    }
    why += fmt::format("{}the {} target cannot compile it: {}", why.empty() ? "" : "; ", t->name(),
                       llvm::toString(std::move(refusal)));
  }
  return error(fmt::format("op {} ({}): {}", op.index, commentText(op.displayName()), why));
}

// The module after the pipeline, its ops assigned and partitioned, its memory planned.
// layerBands: keep what pairs of layers that may run by bands read for both (LayerBands.h).
llvm::Expected<PreparedModel> prepare(ir::Module &module, std::string_view targetName,
                                      std::string_view cpu = {}, bool layerBands = true) {
  auto target = findTarget(targetName);
  if (!target)
    return target.takeError();
  const std::vector<std::string_view> cpus = (*target)->cpus();
  if (!cpu.empty() && std::find(cpus.begin(), cpus.end(), cpu) == cpus.end()) {
    std::string names;
    for (std::string_view name : cpus)
      names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
    return error(cpus.empty() ? fmt::format("target '{}' takes no --cpu", (*target)->name())
                              : fmt::format("unknown --cpu '{}' for target '{}' (CPUs: {})",
                                            commentText(cpu), (*target)->name(), names));
  }
  if (module.graphs.empty())
    return error("the model has no subgraph");
  PreparedModel prepared;
  prepared.target = *target;
  prepared.cpu = cpu.empty() && !cpus.empty() ? cpus.front() : cpu;
  prepared.graph = &module.mainGraph();
  const ir::Graph &graph = *prepared.graph;
  prepared.emitterOf.assign(graph.ops.size(), nullptr);
  prepared.fallbackWhy.assign(graph.ops.size(), "");
  std::vector<OpMemoryNeeds> needs;
  for (const auto &op : graph.ops) {
    if (auto e = assignTarget(**target, *op, prepared))
      return e;
    const Target &emitter = *prepared.emitterOf[op->index];
    Target::OperandSlices slices = emitter.operandSlices(*op);
    needs.push_back({emitter.scratchBytes(*op), emitter.inPlace(*op), std::move(slices.offsets),
                     slices.pixelStride, emitter.stridedResult(*op)});
  }
  // Pairs that may run by bands keep the first layer's operands through the second, unless
  // that makes the arena larger: then only the pairs the plain plan already separates run so.
  std::vector<OpMemoryNeeds> bandNeeds = needs;
  bool anyBands = false;
  if (layerBands) {
    const CacheSizes caches = prepared.target->cacheSizes(prepared.cpu);
    for (size_t i = 0; i + 1 < graph.ops.size(); ++i) {
      const ir::Op &a = *graph.ops[i], &b = *graph.ops[i + 1];
      if (prepared.emitterOf[i]->splitsByPixels(a) &&
          prepared.emitterOf[i + 1]->splitsByPixels(b) && bandCandidates(a, b, caches)) {
        bandNeeds[i].operandsLiveThroughNext = anyBands = true;
        ++i; // a layer in one pair at most, as planLayerBands pairs them
      }
    }
  }
  // Runs of consecutive layers with one emitter, each split by that target.
  std::vector<int64_t> stateBytes;
  for (size_t first = 0; first < graph.ops.size();) {
    const Target *emitter = prepared.emitterOf[first];
    size_t last = first;
    while (last + 1 < graph.ops.size() && prepared.emitterOf[last + 1] == emitter)
      ++last;
    std::vector<const ir::Op *> run;
    for (size_t i = first; i <= last; ++i)
      run.push_back(graph.ops[i].get());
    for (std::vector<const ir::Op *> &ops : emitter->partition(run)) {
      Partition p{emitter, std::move(ops), 0, -1};
      p.stateBytes = emitter->partitionStateBytes(p.ops);
      if (p.stateBytes > 0) {
        p.stateBuffer = int(stateBytes.size());
        stateBytes.push_back(p.stateBytes);
      }
      prepared.partitions.push_back(std::move(p));
    }
    first = last + 1;
  }
  auto plan = planMemory(graph, needs, (*target)->arenaAlignment(), stateBytes);
  if (!plan)
    return plan.takeError();
  prepared.plan = std::move(*plan);
  if (anyBands) {
    auto banded = planMemory(graph, bandNeeds, (*target)->arenaAlignment(), stateBytes);
    if (!banded)
      return banded.takeError();
    if (banded->arenaSize <= prepared.plan.arenaSize)
      prepared.plan = std::move(*banded);
  }
  return prepared;
}

std::vector<ApiTensor> apiTensors(const ir::Module &module, const std::vector<ir::Value *> &values,
                                  bool inputs, IdentifierScope &scope) {
  const ir::Signature *signature = nullptr;
  for (const ir::Signature &s : module.signatures)
    if (s.graphIndex == 0)
      signature = &s;
  std::vector<ApiTensor> out;
  for (const ir::Value *value : values) {
    std::string name = value->name;
    if (signature)
      for (const ir::SignatureTensor &t : inputs ? signature->inputs : signature->outputs)
        if (t.valueId == value->id)
          name = t.name;
    const std::string quantization =
        value->quant.isPerChannel() ? fmt::format(", {} scales along dimension {}",
                                                  value->quant.scales.size(), value->quant.axis)
        : value->quant.isQuantized()
            ? fmt::format(", scale {}, zero point {}", value->quant.scales[0],
                          value->quant.zeroPoints.empty() ? 0 : value->quant.zeroPoints[0])
            : "";
    out.push_back(
        {value, scope.unique(name),
         fmt::format("\"{}\" {} {}{}", commentText(name, 60), ir::formatShape(value->shape),
                     ir::elementTypeName(value->type), quantization)});
  }
  return out;
}

// Emits every partition through its target; the layers' contexts end up in s.layers.
llvm::Error emitPartitions(EmitState &s) {
  const PreparedModel &prepared = s.prepared;
  s.layers.resize(prepared.graph->ops.size());
  for (size_t i = 0; i < prepared.partitions.size(); ++i) {
    const Partition &p = prepared.partitions[i];
    std::vector<LayerContext *> layers;
    for (const ir::Op *op : p.ops) {
      s.layers[op->index] = std::make_unique<LayerContext>(*op, prepared.plan, s.constants,
                                                           p.target->templateFolder());
      if (p.target == prepared.target)
        s.layers[op->index]->setCpu(prepared.cpu);
      layers.push_back(s.layers[op->index].get());
    }
    const int64_t stateOffset =
        p.stateBuffer >= 0
            ? prepared.plan.buffers[size_t(prepared.plan.persistent[size_t(p.stateBuffer)])].offset
            : 0;
    auto context =
        std::make_unique<PartitionContext>(unsigned(i), layers, stateOffset, p.stateBytes);
    if (auto e = p.target->emitPartition(*context)) {
      const ir::Op &op = *p.ops.front();
      return error(fmt::format("op {} ({}): {}", op.index, commentText(op.displayName()),
                               llvm::toString(std::move(e))));
    }
    for (LayerContext *layer : layers)
      s.headers.insert(layer->headers().begin(), layer->headers().end());
    s.partitions.push_back(std::move(context));
  }
  return llvm::Error::success();
}

// The pairs of layers to run band by band, among each run of layers emitted one by one (a
// partition emitted as a unit ends a run); each layer's comment says so.
void planBands(EmitState &s) {
  const CacheSizes caches = s.prepared.target->cacheSizes(s.prepared.cpu);
  std::vector<const LayerContext *> run;
  const auto planRun = [&] {
    for (const BandedPair &pair : planLayerBands(run, s.prepared.plan, caches)) {
      s.layers[pair.producer->op().index]->note(bandNote(pair, true));
      s.layers[pair.consumer->op().index]->note(bandNote(pair, false));
      s.bandedPairs.push_back(pair);
    }
    run.clear();
  };
  for (const auto &partition : s.partitions) {
    if (partition->isUnit()) {
      planRun();
      continue;
    }
    run.insert(run.end(), partition->layers().begin(), partition->layers().end());
  }
  planRun();
}
} // namespace

std::string namespaceOf(const CompileOptions &options) {
  return options.nameSpace.empty() ? options.name : options.nameSpace;
}

bool hasInitialValue(const ir::Value &value, const MemoryPlan &plan) {
  return value.isVariable && plan.inArena(value) && value.isConstant() &&
         value.byteSize() == std::optional<int64_t>(int64_t(value.data().size()));
}

llvm::Expected<ir::PassStatistics> runPipeline(ir::Module &module, const CompileOptions &options) {
  ir::PipelineOptions pipelineOptions = options.pipeline;
  if (const Target *target = lookupTarget(options.target))
    for (std::string_view pass : target->unprofitablePasses())
      pipelineOptions.disabled.emplace_back(pass);
  auto pipeline = ir::buildPipeline(pipelineOptions);
  if (!pipeline)
    return pipeline.takeError();
  if (options.irOutput)
    pipeline->printAfter(options.printIrAfter, options.printIrAfterAll, *options.irOutput);
  if (auto e = pipeline->run(module))
    return e;
  return pipeline->statistics();
}

llvm::Expected<CompiledModel> planOptimizedModel(ir::Module &module, std::string_view target) {
  auto prepared = prepare(module, target);
  if (!prepared)
    return prepared.takeError();
  CompiledModel result;
  result.target = prepared->target->name();
  result.arenaSize = prepared->plan.arenaSize;
  result.lowerBound = prepared->plan.lowerBound;
  result.alignment = prepared->plan.alignment;
  result.layers = unsigned(prepared->graph->ops.size());
  return result;
}

llvm::Expected<CompiledModel> compileModel(ir::Module &module, const CompileOptions &options) {
  if (auto e = checkOptions(options))
    return e;
  // Dimensions the file marks as dynamic (-1 in shape_signature, usually the batch) are
  // compiled at the size its shape gives, as TFLite allocates them until a resize.
  auto statistics = runPipeline(module, options);
  if (!statistics)
    return statistics.takeError();
  auto prepared = prepare(module, options.target, options.cpu, options.layerBands);
  if (!prepared)
    return prepared.takeError();
  prepared->foldedOps = unsigned(statistics->get("fold-constants", "folded-ops"));
  EmitState s{options, module, *prepared, {}, {}, ConstantPool(options.weightsFormat),
              {},      {},     {},        {}};
  IdentifierScope scope;
  for (const char *reserved :
       {"arena", "bytes", "status", "inputs", "outputs", "weights", "parallel"})
    scope.unique(reserved);
  s.inputs = apiTensors(module, prepared->graph->inputs, true, scope);
  s.outputs = apiTensors(module, prepared->graph->outputs, false, scope);
  if (auto e = emitPartitions(s))
    return e;
  if (options.layerBands)
    planBands(s);
  // The constants invoke() and reset() copy themselves (constant outputs, initial state) join
  // the pool before any file is written, so that the model source declares them too.
  for (const ApiTensor &t : s.outputs)
    if (t.value->isConstant() && t.value->byteSize().value_or(0) > 0)
      s.constants.valueArray(*t.value);
  for (const auto &value : prepared->graph->values)
    if (hasInitialValue(*value, prepared->plan))
      s.constants.valueArray(*value);

  CompiledModel result;
  result.target = prepared->target->name();
  result.arenaSize = prepared->plan.arenaSize;
  result.lowerBound = prepared->plan.lowerBound;
  result.alignment = prepared->plan.alignment;
  result.layers = unsigned(s.layers.size());
  result.foldedOps = prepared->foldedOps;
  for (const BandedPair &pair : s.bandedPairs)
    result.bandedPairs.push_back(fmt::format("{}+{} ({} KiB between them, {} bands)",
                                             pair.producer->op().index, pair.consumer->op().index,
                                             (pair.intermediateBytes + 1023) / 1024, pair.bands));
  result.files.push_back({options.name + ".h", apiHeader(s)});
  result.files.push_back({options.name + ".cpp", modelSource(s)});
  result.files.push_back({options.name + "_weights.cpp", weightsSource(s)});
  std::set<std::string> required = s.headers;
  required.insert({"litec/runtime/Alignment.h", "litec/runtime/ElementType.h",
                   "litec/runtime/Status.h", "litec/runtime/Profiling.h", "litec/runtime/Params.h",
                   "litec/runtime/Parallel.h", "litec/runtime/ThreadPool.h"});
  if (options.emitMain) {
    result.files.push_back({options.name + "_main.cpp", runnerSource(s)});
    required.insert("litec/runner/Runner.h");
  }
  for (GeneratedFile &f : supportFiles(required))
    result.files.push_back(std::move(f));
  return result;
}

} // namespace litec::codegen
