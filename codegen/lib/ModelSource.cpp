// NAME.cpp: the layers (or partitions) of the model, invoke(), reset() and the C interface.

#include "Emission.h"
#include "SourceWriter.h"
#include "litec/codegen/SafeText.h"

namespace litec::codegen {

namespace {
std::string describeValue(const ir::Value &v) {
  std::string quant;
  if (v.quant.isPerChannel())
    quant = fmt::format(", per-channel ({} scales, axis {})", v.quant.scales.size(), v.quant.axis);
  else if (v.quant.isQuantized())
    quant = fmt::format(", scale {} zero point {}", v.quant.scales[0],
                        v.quant.zeroPoints.empty() ? 0 : v.quant.zeroPoints[0]);
  return fmt::format("%{} {} {}{}{}", v.id, ir::formatShape(v.shape), ir::elementTypeName(v.type),
                     v.isConstant() ? " constant" : "", quant);
}

// The layer's comment: op, operands, options, the target that emitted it (and why, when it is
// a fallback) and what its emitter noted about the kernel it chose.
std::string layerComment(const LayerContext &layer, const PreparedModel &prepared) {
  const ir::Op &op = layer.op();
  std::string text =
      fmt::format("// Layer {}: {} v{}\n", op.index, commentText(op.displayName()), op.version);
  for (const ir::Value *v : op.operands)
    if (v)
      text += "//   in  " + describeValue(*v) + "\n";
  for (const ir::Value *v : op.results)
    text += "//   out " + describeValue(*v) + "\n";
  std::string options;
  for (const ir::NamedAttr &attr : op.attrs.entries())
    options += fmt::format("{}{} = {}", options.empty() ? "" : ", ", attr.name,
                           commentText(ir::formatAttrValue(attr.value), 40));
  if (!options.empty())
    text += "//   " + commentText(options, 400) + "\n";
  const std::string &why = prepared.fallbackWhy[op.index];
  if (!why.empty())
    text += fmt::format("//   emitted by the {} target: {}\n", prepared.emitterOf[op.index]->name(),
                        commentText(why, 300));
  for (const std::string &note : layer.notes())
    text += "//   " + commentText(note, 300) + "\n";
  return text;
}

// A layer's prepared parameters as compile-time constants. Every field of the prepared struct
// is written and a kernel variant reads only some of them; [[maybe_unused]] keeps Clang's
// -Wunused-const-variable quiet about the others (the struct has internal linkage).
void writeParamsStruct(SourceWriter &w, const LayerContext &layer) {
  if (layer.params().empty())
    return;
  w("struct {} {{\n", layer.paramsName());
  for (const std::string &param : layer.params())
    w("  [[maybe_unused]] static constexpr {};\n", param);
  w("}};\n");
}

// The banded pair a layer is in, if any.
const BandedPair *bandedPairOf(const EmitState &s, const LayerContext &layer) {
  for (const BandedPair &pair : s.bandedPairs)
    if (pair.producer == &layer || pair.consumer == &layer)
      return &pair;
  return nullptr;
}

// A layer run by bands (LayerBands.h): its part as a function of its own, which both the usual
// parallel form and the pair's band loop call.
void writeBandedLayerFunctions(SourceWriter &w, const LayerContext &layer) {
  const unsigned index = layer.op().index;
  w("void layer{}_part(unsigned char *arena, litec::runtime::Part part) {{\n", index);
  for (const std::string &line : layer.body())
    w("  {}\n", line);
  w("}}\n");
  w("void layer{}(unsigned char *arena, const litec::runtime::ParallelFor &parallel) {{\n", index);
  w("  parallel.forEachPart({}, [&](litec::runtime::Part part) {{ layer{}_part(arena, part); "
    "}});\n",
    layer.parallelUnits(), index);
  w("}}\n\n");
}

// The pair's function: on one worker the producer's bands alternate with the consumer's, the
// consumer one band behind (planLayerBands checked that its band k reads only rows the
// producer's bands up to k + 1 wrote); split across workers, each layer whole as usual.
void writeBandedPairFunction(SourceWriter &w, const BandedPair &pair) {
  const unsigned a = pair.producer->op().index, b = pair.consumer->op().index;
  w("// Layers {} and {} by bands: {} bands of each, layer {} one band ahead.\n", a, b, pair.bands,
    a);
  w("void layers{}and{}(unsigned char *arena, const litec::runtime::ParallelFor &parallel) {{\n", a,
    b);
  w("  if (parallel.run != nullptr && parallel.workers > 1) {{\n"
    "    layer{0}(arena, parallel);\n    layer{1}(arena, parallel);\n    return;\n  }}\n",
    a, b);
  w("  constexpr int kBands = {};\n", pair.bands);
  w("  for (int band = 0; band <= kBands; ++band) {{\n"
    "    if (band < kBands)\n      layer{0}_part(arena, litec::runtime::Part{{band, kBands}});\n"
    "    if (band > 0)\n      layer{1}_part(arena, litec::runtime::Part{{band - 1, kBands}});\n"
    "  }}\n}}\n\n",
    a, b);
}

void writeLayerFunction(SourceWriter &w, const LayerContext &layer, const EmitState &s) {
  const PreparedModel &prepared = s.prepared;
  w("{}", layerComment(layer, prepared));
  writeParamsStruct(w, layer);
  if (const BandedPair *pair = bandedPairOf(s, layer)) {
    writeBandedLayerFunctions(w, layer);
    if (pair->consumer == &layer)
      writeBandedPairFunction(w, *pair);
    return;
  }
  if (layer.parallelUnits() > 0) {
    // Each part of the caller's parallel-for computes its share of the units.
    w("void layer{}(unsigned char *arena, const litec::runtime::ParallelFor &parallel) {{\n",
      layer.op().index);
    w("  parallel.forEachPart({}, [&](litec::runtime::Part part) {{\n", layer.parallelUnits());
    for (const std::string &line : layer.body())
      w("    {}\n", line);
    w("  }});\n}}\n\n");
    return;
  }
  w("{} layer{}(unsigned char *arena) {{\n", layer.fallible() ? "Status" : "void",
    layer.op().index);
  if (layer.body().empty())
    w("  (void)arena; // nothing to compute: the result already holds its bytes\n");
  for (const std::string &line : layer.body())
    w("  {}\n", line);
  w("}}\n\n");
}

// A partition its target emits as one unit: its layers' comments and parameters, then one
// function.
void writeUnitFunction(SourceWriter &w, const PartitionContext &p, const PreparedModel &prepared) {
  w("// Partition {}: layers", p.index());
  for (const LayerContext *layer : p.layers())
    w(" {}", layer->op().index);
  w(" as one unit ({} bytes of state at arena offset {})\n", p.stateBytes(), p.stateOffset());
  for (const LayerContext *layer : p.layers()) {
    w("{}", layerComment(*layer, prepared));
    writeParamsStruct(w, *layer);
  }
  w("{} partition{}(unsigned char *arena) {{\n", p.fallible() ? "Status" : "void", p.index());
  for (const std::string &line : p.body())
    w("  {}\n", line);
  w("}}\n\n");
}

// One call in invoke(): `function` returns a Status when fallible; `arguments` after the arena.
void writeCall(SourceWriter &w, const std::string &function, bool fallible,
               std::string_view arguments = "") {
  if (fallible)
    w("  if (Status status = {}(bytes{}); status != Status::kOk)\n    return status;\n", function,
      arguments);
  else
    w("  {}(bytes{});\n", function, arguments);
}

// The hooks after a layer: its results for LITEC_LAYER_RESULT (not a result written as a channel
// slice of a concatenation, whose bytes are not dense: the concatenation's result shows it).
void writeLayerResults(SourceWriter &w, const ir::Op &op, const MemoryPlan &plan) {
  for (const ir::Value *result : op.results)
    if (plan.inArena(*result) && plan.pixelStrideOf(*result) == 0)
      w("  LITEC_LAYER_RESULT({}, {}, bytes + {}, {});\n", op.index, result->id,
        plan.offsetOf(*result), result->byteSize().value_or(0));
}

void writeWeightsDeclarations(SourceWriter &w, const EmitState &s) {
  const std::string ns = namespaceOf(s.options);
  w("namespace {}::weights {{\n", ns);
  if (s.constants.format() == WeightsFormat::Array) {
    for (const ConstantPool::Array &a : s.constants.arrays())
      w("extern const {} {}[{}];\n", a.cppType, a.symbol, a.elements.size());
  } else {
    // One byte string holds every constant at a 16-byte aligned offset; each is read through a
    // typed pointer into it.
    w("extern const unsigned char kData[];\n");
    int64_t offset = 0;
    for (const ConstantPool::Array &a : s.constants.arrays()) {
      w("inline const {0} *{1}() {{ return reinterpret_cast<const {0} *>(kData + {2}); }}\n",
        a.cppType, a.symbol, offset);
      offset = weightsAlign(offset + int64_t(a.bytes.size()));
    }
  }
  w("}} // namespace {}::weights\n\n", ns);
}
} // namespace

std::string modelSource(const EmitState &s) {
  const std::string ns = namespaceOf(s.options);
  const PreparedModel &prepared = s.prepared;
  const MemoryPlan &plan = prepared.plan;
  const ir::Graph &graph = *prepared.graph;
  SourceWriter w;
  w("// {}.cpp: the layers of a model compiled by litec (target {}) from {}.\n", s.options.name,
    prepared.target->name(), commentText(s.options.sourceName, 80));
  w("// Generated file: do not edit. {} layers; arena {} bytes (peak of live tensors {} "
    "bytes).\n\n",
    s.layers.size(), plan.arenaSize, plan.lowerBound);
  w("#include \"{}.h\"\n\n#include \"litec/runtime/Alignment.h\"\n"
    "#include \"litec/runtime/Params.h\"\n#include \"litec/runtime/Profiling.h\"\n",
    s.options.name);
  for (const std::string &h : s.headers)
    w("#include \"{}\"\n", h);
  w("\n#include <cstdint>\n#include <cstring>\n#include <limits>\n\n");
  writeWeightsDeclarations(w, s);
  w("namespace {} {{\nnamespace {{\n\n", ns);
  w("using litec::runtime::Status;\n\n");
  for (const auto &p : s.partitions) {
    if (p->isUnit())
      writeUnitFunction(w, *p, prepared);
    else
      for (const LayerContext *layer : p->layers())
        writeLayerFunction(w, *layer, s);
  }
  w("}} // namespace\n\n");

  // invoke(), serial: the parallel form with no parallel-for.
  w("Status invoke({}) {{\n", invokeParameters(s));
  w("  return invoke(arena, litec::runtime::ParallelFor{{}}");
  for (const std::vector<ApiTensor> *tensors : {&s.inputs, &s.outputs})
    for (const ApiTensor &t : *tensors)
      w(", {}", t.identifier);
  w(");\n}}\n\n");

  // invoke() with the caller's parallel-for
  w("Status invoke({}) {{\n", invokeParameters(s, true));
  bool anyParallel = false;
  // A tensor of no elements is never read or written, so its pointer may be null (as the data()
  // of an empty std::vector is).
  auto hasBytes = [](const ApiTensor &t) { return t.value->byteSize().value_or(0) > 0; };
  std::string nullCheck = "arena == nullptr";
  for (const std::vector<ApiTensor> *tensors : {&s.inputs, &s.outputs})
    for (const ApiTensor &t : *tensors)
      if (hasBytes(t))
        nullCheck += fmt::format(" || {} == nullptr", t.identifier);
  for (const std::vector<ApiTensor> *tensors : {&s.inputs, &s.outputs})
    for (const ApiTensor &t : *tensors)
      if (!hasBytes(t))
        w("  (void){}; // no elements\n", t.identifier);
  w("  if ({})\n    return Status::kNullArgument;\n", nullCheck);
  w("  if (!litec::runtime::isAligned(arena, kArenaAlignment))\n"
    "    return Status::kMisalignedArena;\n");
  w("  auto *bytes = static_cast<unsigned char *>(arena);\n");
  for (const ApiTensor &t : s.inputs)
    if (plan.inArena(*t.value) && hasBytes(t))
      w("  std::memcpy(bytes + {}, {}, {});\n", plan.offsetOf(*t.value), t.identifier,
        t.value->byteSize().value_or(0));
  for (const auto &p : s.partitions) {
    if (p->isUnit()) {
      const unsigned first = p->layers().front()->op().index;
      w("  LITEC_PROFILE_LAYER_BEGIN({}, \"PARTITION\");\n", first);
      writeCall(w, fmt::format("partition{}", p->index()), p->fallible());
      w("  LITEC_PROFILE_LAYER_END({}, \"PARTITION\");\n", first);
      for (const LayerContext *layer : p->layers())
        writeLayerResults(w, layer->op(), plan);
      continue;
    }
    for (const LayerContext *layer : p->layers()) {
      const unsigned index = layer->op().index;
      // The builtin name only: a custom op's code comes from the model and stays out of strings.
      const std::string_view op = ir::opKindInfo(layer->op().kind).name;
      if (const BandedPair *pair = bandedPairOf(s, *layer)) {
        // The pair runs as one call at the producer's place; its time is the producer's.
        if (pair->consumer == layer)
          continue;
        const unsigned consumer = pair->consumer->op().index;
        w("  LITEC_PROFILE_LAYER_BEGIN({}, \"{}\");\n", index, op);
        w("  layers{}and{}(bytes, parallel);\n", index, consumer);
        w("  LITEC_PROFILE_LAYER_END({}, \"{}\");\n", index, op);
        writeLayerResults(w, layer->op(), plan);
        writeLayerResults(w, pair->consumer->op(), plan);
        anyParallel = true;
        continue;
      }
      w("  LITEC_PROFILE_LAYER_BEGIN({}, \"{}\");\n", index, op);
      anyParallel |= layer->parallelUnits() > 0;
      writeCall(w, fmt::format("layer{}", index), layer->fallible(),
                layer->parallelUnits() > 0 ? ", parallel" : "");
      w("  LITEC_PROFILE_LAYER_END({}, \"{}\");\n", index, op);
      writeLayerResults(w, layer->op(), plan);
    }
  }
  for (const ApiTensor &t : s.outputs) {
    const int64_t bytes = t.value->byteSize().value_or(0);
    if (bytes == 0)
      continue;
    if (t.value->isConstant())
      w("  std::memcpy({}, {}, {});\n", t.identifier, s.constants.arrayOf(*t.value), bytes);
    else
      w("  std::memcpy({}, bytes + {}, {});\n", t.identifier, plan.offsetOf(*t.value), bytes);
  }
  if (!anyParallel)
    w("  (void)parallel; // no layer large enough to split\n");
  w("  return Status::kOk;\n}}\n\n");

  // reset()
  w("void reset(void *arena) {{\n  if (arena == nullptr)\n    return;\n");
  w("  auto *bytes = static_cast<unsigned char *>(arena);\n");
  bool anyState = false;
  for (const auto &value : graph.values)
    if (value->isVariable && plan.inArena(*value)) {
      anyState = true;
      const int64_t size = value->byteSize().value_or(0);
      // A variable starts from its constant initial value when the file gives one; otherwise
      // from zero, which for an int8 tensor is its zero point (as TFLite Micro resets them).
      if (hasInitialValue(*value, plan))
        w("  std::memcpy(bytes + {}, {}, {}); // %{}\n", plan.offsetOf(*value),
          s.constants.arrayOf(*value), size, value->id);
      else if (value->type == ir::ElementType::I8 && !value->quant.zeroPoints.empty())
        w("  std::memset(bytes + {}, {}, {}); // %{}, its zero point\n", plan.offsetOf(*value),
          int(static_cast<uint8_t>(value->quant.zeroPoints[0])), size, value->id);
      else
        w("  std::memset(bytes + {}, 0, {}); // %{}\n", plan.offsetOf(*value), size, value->id);
    }
  for (const auto &p : s.partitions)
    if (!p->init().empty()) {
      anyState = true;
      w("  {{ // partition {}\n", p->index());
      w("    unsigned char *arena = bytes;\n    (void)arena;\n");
      for (const std::string &line : p->init())
        w("    {}\n", line);
      w("  }}\n");
    }
  if (!anyState)
    w("  (void)bytes; // the model has no state\n");
  w("}}\n\n}} // namespace {}\n\n", ns);

  // The C interface.
  const std::string &n = s.options.name;
  w("extern \"C\" {{\n\nstd::size_t {}_arena_size(void) {{ return {}::kArenaSize; }}\n\n", n, ns);
  w("std::size_t {}_arena_alignment(void) {{ return {}::kArenaAlignment; }}\n\n", n, ns);
  w("void {}_reset(void *arena) {{ {}::reset(arena); }}\n\n", n, ns);
  // The tensors of the C interface's arrays as invoke()'s typed arguments.
  auto writeCasts = [&] {
    for (size_t i = 0; i < s.inputs.size(); ++i)
      w(",\n      static_cast<const {} *>(inputs[{}])", cppType(s.inputs[i].value->type), i);
    for (size_t i = 0; i < s.outputs.size(); ++i)
      w(",\n      static_cast<{} *>(outputs[{}])", cppType(s.outputs[i].value->type), i);
  };
  w("int {}_invoke(void *arena, const void *const *inputs, void *const *outputs) {{\n", n);
  w("  if (inputs == nullptr || outputs == nullptr)\n"
    "    return static_cast<int>(litec::runtime::Status::kNullArgument);\n");
  w("  return static_cast<int>({}::invoke(arena", ns);
  writeCasts();
  w("));\n}}\n\n");
  w("int {}_invoke_parallel(void *arena, const void *const *inputs, void *const *outputs,\n"
    "    litec_parallel_for_fn parallel_for, void *pool, int workers) {{\n",
    n);
  w("  if (inputs == nullptr || outputs == nullptr)\n"
    "    return static_cast<int>(litec::runtime::Status::kNullArgument);\n");
  w("  const litec::runtime::ParallelFor parallel{{parallel_for, pool, workers}};\n");
  w("  return static_cast<int>({}::invoke(arena, parallel", ns);
  writeCasts();
  w("));\n}}\n\n}} // extern \"C\"\n");
  return w.str();
}

} // namespace litec::codegen
