#include "litec/codegen/Compile.h"

#include "SourceWriter.h"
#include "litec/codegen/EmbeddedFiles.h"
#include "litec/codegen/SafeText.h"
#include "litec/codegen/Target.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

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
  const Target *target = lookupTarget(name);
  if (!target) {
    std::string known;
    for (const Target *t : allTargets())
      known += (known.empty() ? "" : ", ") + std::string(t->name());
    return error(fmt::format("unknown target '{}' (targets: {})", commentText(name), known));
  }
  if (!target->available())
    return error(fmt::format("target '{}' ({}) is not available yet; use --target generic",
                             target->name(), target->description()));
  return target;
}

// The graph made ready for a target: constants folded, every op checked, memory planned.
struct PreparedGraph {
  const Target *target = nullptr;
  ir::Graph *graph = nullptr;
  MemoryPlan plan;
  unsigned foldedOps = 0;
};

// The module after the pipeline, checked and planned for the target.
llvm::Expected<PreparedGraph> prepare(ir::Module &module, std::string_view targetName) {
  auto target = findTarget(targetName);
  if (!target)
    return target.takeError();
  if (module.graphs.empty())
    return error("the model has no subgraph");
  PreparedGraph prepared;
  prepared.target = *target;
  prepared.graph = &module.mainGraph();
  ir::Graph &graph = *prepared.graph;
  std::vector<OpMemoryNeeds> needs;
  for (const auto &op : graph.ops) {
    if (auto why = prepared.target->checkLayer(*op))
      return error(fmt::format("op {} ({}): the {} target cannot compile it: {}", op->index,
                               commentText(op->displayName()), prepared.target->name(),
                               llvm::toString(std::move(why))));
    needs.push_back({prepared.target->scratchBytes(*op), prepared.target->inPlace(*op)});
  }
  auto plan = planMemory(graph, needs, prepared.target->arenaAlignment());
  if (!plan)
    return plan.takeError();
  prepared.plan = std::move(*plan);
  return prepared;
}

// How the API names a graph input or output: its signature name when the model has a signature
// for the main graph, else the tensor's name; always a unique identifier.
struct ApiTensor {
  const ir::Value *value;
  std::string identifier, description;
};

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

std::string namespaceOf(const CompileOptions &options) {
  return options.nameSpace.empty() ? options.name : options.nameSpace;
}

// The runtime type enumerator of an element type.
std::string runtimeType(ir::ElementType type) {
  switch (type) {
  case ir::ElementType::F32:
    return "kFloat32";
  case ir::ElementType::F16:
    return "kFloat16";
  case ir::ElementType::I8:
    return "kInt8";
  case ir::ElementType::U8:
    return "kUInt8";
  case ir::ElementType::I16:
    return "kInt16";
  case ir::ElementType::I32:
    return "kInt32";
  case ir::ElementType::I64:
    return "kInt64";
  case ir::ElementType::Bool:
    return "kBool";
  }
  return "kInt8";
}

struct EmitState {
  const CompileOptions &options;
  const ir::Module &module;
  const PreparedGraph &prepared;
  std::vector<ApiTensor> inputs, outputs;
  ConstantPool constants;
  std::vector<std::unique_ptr<LayerContext>> layers;
  std::set<std::string> headers;
};

std::string header(const EmitState &s) {
  const std::string ns = namespaceOf(s.options);
  SourceWriter w;
  w("// {}.h: the API of a model compiled by litec (target {}) from {}.\n", s.options.name,
    s.prepared.target->name(), commentText(s.options.sourceName, 80));
  w("// Generated file: do not edit.\n//\n");
  w("// Call reset() once on a new arena, then invoke() as often as needed. The arena holds all\n"
    "// of the model's memory (activations and state); two arenas run independently.\n\n");
  w("#pragma once\n\n#include <cstddef>\n#include <cstdint>\n\n");
  w("#include \"litec/Alignment.h\"\n#include \"litec/ElementType.h\"\n#include "
    "\"litec/Status.h\"\n\n");
  w("namespace {} {{\n\n", ns);
  w("inline constexpr std::size_t kArenaSize = {};\n", s.prepared.plan.arenaSize);
  w("inline constexpr std::size_t kArenaAlignment = {};\n", s.prepared.plan.alignment);
  w("inline constexpr int kInputCount = {};\n", s.inputs.size());
  w("inline constexpr int kOutputCount = {};\n", s.outputs.size());
  auto describe = [&](const char *group, const std::vector<ApiTensor> &tensors) {
    for (size_t i = 0; i < tensors.size(); ++i) {
      const ApiTensor &t = tensors[i];
      const ir::Value &v = *t.value;
      w("\n// {} {}: {}\nnamespace {}::{} {{\n", group, i, t.description, group, t.identifier);
      w("inline constexpr int kIndex = {};\n", i);
      w("inline constexpr int kRank = {};\n", v.shape.size());
      std::string dims;
      for (int64_t d : v.shape)
        dims += fmt::format("{}{}", dims.empty() ? "" : ", ", d);
      w("inline constexpr std::int32_t kShape[] = {{{}}};\n", v.shape.empty() ? "1" : dims);
      w("inline constexpr std::size_t kElementCount = {};\n",
        ir::elementCount(v.shape).value_or(0));
      w("inline constexpr litec::runtime::ElementType kType = litec::runtime::ElementType::{};\n",
        runtimeType(v.type));
      w("using Element = {};\n", cppType(v.type));
      if (v.quant.isQuantized() && !v.quant.isPerChannel()) {
        w("inline constexpr float kScale = {};\n", floatLiteral(v.quant.scales[0]));
        w("inline constexpr std::int32_t kZeroPoint = {};\n",
          v.quant.zeroPoints.empty() ? 0 : v.quant.zeroPoints[0]);
      }
      w("}} // namespace {}::{}\n", group, t.identifier);
    }
  };
  describe("inputs", s.inputs);
  describe("outputs", s.outputs);
  w("\n// Runs the model: inputs and outputs in the model's order, each a dense array of its\n"
    "// element type. Returns kOk, or why it could not run.\n");
  w("litec::runtime::Status invoke(void *arena");
  for (const ApiTensor &t : s.inputs)
    w(", const {} *{}", cppType(t.value->type), t.identifier);
  for (const ApiTensor &t : s.outputs)
    w(", {} *{}", cppType(t.value->type), t.identifier);
  w(");\n\n// Puts the model's state (LSTM and SVDF variables) to its initial values.\n");
  w("void reset(void *arena);\n\n}} // namespace {}\n\n", ns);
  const std::string &n = s.options.name;
  w("extern \"C\" {{\n");
  w("std::size_t {}_arena_size(void);\n", n);
  w("std::size_t {}_arena_alignment(void);\n", n);
  w("void {}_reset(void *arena);\n", n);
  w("int {}_invoke(void *arena, const void *const *inputs, void *const *outputs);\n", n);
  w("}}\n");
  return w.str();
}

std::string layerComment(const LayerContext &layer) {
  const ir::Op &op = layer.op();
  std::string text =
      fmt::format("// Layer {}: {} v{}\n", op.index, commentText(op.displayName()), op.version);
  auto describe = [&](const char *role, const ir::Value *v) {
    if (!v)
      return;
    std::string quant;
    if (v->quant.isPerChannel())
      quant =
          fmt::format(", per-channel ({} scales, axis {})", v->quant.scales.size(), v->quant.axis);
    else if (v->quant.isQuantized())
      quant = fmt::format(", scale {} zero point {}", v->quant.scales[0],
                          v->quant.zeroPoints.empty() ? 0 : v->quant.zeroPoints[0]);
    text += fmt::format("//   {} %{} {} {}{}{}\n", role, v->id, ir::formatShape(v->shape),
                        ir::elementTypeName(v->type), v->isConstant() ? " constant" : "", quant);
  };
  for (const ir::Value *v : op.operands)
    describe("in ", v);
  for (const ir::Value *v : op.results)
    describe("out", v);
  std::string options;
  for (const ir::NamedAttr &attr : op.attrs.entries())
    options += fmt::format("{}{} = {}", options.empty() ? "" : ", ", attr.name,
                           commentText(ir::formatAttrValue(attr.value), 40));
  if (!options.empty())
    text += "//   " + commentText(options, 400) + "\n";
  return text;
}

// Whether variable `value` starts from an initial value the model file gives.
bool hasInitialValue(const ir::Value &value, const MemoryPlan &plan) {
  return value.isVariable && plan.inArena(value) && value.isConstant() &&
         value.byteSize() == std::optional<int64_t>(int64_t(value.data().size()));
}

std::string source(const EmitState &s) {
  const std::string ns = namespaceOf(s.options);
  const MemoryPlan &plan = s.prepared.plan;
  const ir::Graph &graph = *s.prepared.graph;
  SourceWriter w;
  w("// {}.cpp: the layers of a model compiled by litec (target {}) from {}.\n", s.options.name,
    s.prepared.target->name(), commentText(s.options.sourceName, 80));
  w("// Generated file: do not edit. {} layers; arena {} bytes (peak of live tensors {} "
    "bytes).\n\n",
    s.layers.size(), plan.arenaSize, plan.lowerBound);
  w("#include \"{}.h\"\n\n#include \"litec/Alignment.h\"\n#include \"litec/Profiling.h\"\n",
    s.options.name);
  for (const std::string &h : s.headers)
    w("#include \"litec/{}\"\n", h);
  w("\n#include <cstdint>\n#include <cstring>\n#include <limits>\n\n");
  w("namespace {}::weights {{\n", ns);
  for (const ConstantPool::Array &a : s.constants.arrays())
    w("extern const {} {}[{}];\n", a.cppType, a.symbol, a.elements.size());
  w("}} // namespace {}::weights\n\nnamespace {} {{\nnamespace {{\n\n", ns, ns);
  w("using litec::runtime::Status;\n\n");
  for (const auto &layer : s.layers) {
    w("{}", layerComment(*layer));
    if (!layer->params().empty()) {
      w("struct {} {{\n", layer->paramsName());
      for (const std::string &p : layer->params())
        w("  static constexpr {};\n", p);
      w("}};\n");
    }
    w("{} layer{}(unsigned char *arena) {{\n", layer->fallible() ? "Status" : "void",
      layer->op().index);
    if (layer->body().empty())
      w("  (void)arena; // an alias: the result shares its input's bytes\n");
    for (const std::string &line : layer->body())
      w("  {}\n", line);
    w("}}\n\n");
  }
  w("}} // namespace\n\n");
  // invoke()
  w("Status invoke(void *arena");
  for (const ApiTensor &t : s.inputs)
    w(", const {} *{}", cppType(t.value->type), t.identifier);
  for (const ApiTensor &t : s.outputs)
    w(", {} *{}", cppType(t.value->type), t.identifier);
  w(") {{\n");
  // A tensor of no elements is never read or written, so its pointer may be null (as the data()
  // of an empty std::vector is).
  auto hasBytes = [](const ApiTensor &t) { return t.value->byteSize().value_or(0) > 0; };
  std::string nullCheck = "arena == nullptr";
  for (const ApiTensor &t : s.inputs)
    if (hasBytes(t))
      nullCheck += fmt::format(" || {} == nullptr", t.identifier);
  for (const ApiTensor &t : s.outputs)
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
  for (const auto &layer : s.layers) {
    const unsigned index = layer->op().index;
    // The builtin name only: a custom op's code comes from the model and stays out of strings.
    const std::string_view op = ir::opKindInfo(layer->op().kind).name;
    w("  LITEC_PROFILE_LAYER_BEGIN({}, \"{}\");\n", index, op);
    if (layer->fallible())
      w("  if (Status status = layer{}(bytes); status != Status::kOk)\n    return status;\n",
        index);
    else
      w("  layer{}(bytes);\n", index);
    w("  LITEC_PROFILE_LAYER_END({}, \"{}\");\n", index, op);
    for (const ir::Value *result : layer->op().results)
      if (plan.inArena(*result))
        w("  LITEC_LAYER_RESULT({}, {}, bytes + {}, {});\n", index, result->id,
          plan.offsetOf(*result), result->byteSize().value_or(0));
  }
  for (const ApiTensor &t : s.outputs) {
    const int64_t bytes = t.value->byteSize().value_or(0);
    if (bytes == 0)
      continue;
    if (t.value->isConstant())
      w("  std::memcpy({}, weights::{}, {});\n", t.identifier, s.constants.arrayOf(*t.value),
        bytes);
    else
      w("  std::memcpy({}, bytes + {}, {});\n", t.identifier, plan.offsetOf(*t.value), bytes);
  }
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
        w("  std::memcpy(bytes + {}, weights::{}, {}); // %{}\n", plan.offsetOf(*value),
          s.constants.arrayOf(*value), size, value->id);
      else if (value->type == ir::ElementType::I8 && !value->quant.zeroPoints.empty())
        w("  std::memset(bytes + {}, {}, {}); // %{}, its zero point\n", plan.offsetOf(*value),
          int(static_cast<uint8_t>(value->quant.zeroPoints[0])), size, value->id);
      else
        w("  std::memset(bytes + {}, 0, {}); // %{}\n", plan.offsetOf(*value), size, value->id);
    }
  if (!anyState)
    w("  (void)bytes; // the model has no state\n");
  w("}}\n\n}} // namespace {}\n\n", ns);
  // The C interface.
  const std::string &n = s.options.name;
  w("extern \"C\" {{\n\nstd::size_t {}_arena_size(void) {{ return {}::kArenaSize; }}\n\n", n, ns);
  w("std::size_t {}_arena_alignment(void) {{ return {}::kArenaAlignment; }}\n\n", n, ns);
  w("void {}_reset(void *arena) {{ {}::reset(arena); }}\n\n", n, ns);
  w("int {}_invoke(void *arena, const void *const *inputs, void *const *outputs) {{\n", n);
  w("  if (inputs == nullptr || outputs == nullptr)\n"
    "    return static_cast<int>(litec::runtime::Status::kNullArgument);\n");
  w("  return static_cast<int>({}::invoke(arena", ns);
  for (size_t i = 0; i < s.inputs.size(); ++i)
    w(",\n      static_cast<const {} *>(inputs[{}])", cppType(s.inputs[i].value->type), i);
  for (size_t i = 0; i < s.outputs.size(); ++i)
    w(",\n      static_cast<{} *>(outputs[{}])", cppType(s.outputs[i].value->type), i);
  w("));\n}}\n\n}} // extern \"C\"\n");
  return w.str();
}

std::string weightsSource(const EmitState &s) {
  const std::string ns = namespaceOf(s.options);
  SourceWriter w;
  w("// {}_weights.cpp: the constants of a model compiled by litec from {}.\n", s.options.name,
    commentText(s.options.sourceName, 80));
  w("// Generated file: do not edit.\n\n#include <cstdint>\n#include <limits>\n\n");
  w("namespace {}::weights {{\n", ns);
  for (const ConstantPool::Array &a : s.constants.arrays()) {
    w("\n// {}\nextern const {} {}[{}];\n", a.comment, a.cppType, a.symbol, a.elements.size());
    w("alignas(16) const {} {}[{}] = {{", a.cppType, a.symbol, a.elements.size());
    for (size_t i = 0; i < a.elements.size(); ++i)
      w("{}{}", i % 12 == 0 ? "\n    " : " ",
        a.elements[i] + (i + 1 < a.elements.size() ? "," : ""));
    w("\n}};\n");
  }
  w("\n}} // namespace {}::weights\n", ns);
  return w.str();
}

std::string mainSource(const EmitState &s);

// The support headers the layers include, and those they include in turn, copied flat into
// DIR/litec/ with their includes rewritten to match.
std::vector<GeneratedFile> supportHeaders(const std::set<std::string> &required) {
  std::set<std::string> wanted = required;
  for (const EmbeddedFile &file : embeddedFiles())
    if (file.path.rfind("litec/runtime/", 0) == 0)
      wanted.insert(std::string(file.path));
  std::vector<GeneratedFile> files;
  std::set<std::string> done;
  while (!wanted.empty()) {
    const std::string path = *wanted.begin();
    wanted.erase(wanted.begin());
    if (!done.insert(path).second)
      continue;
    const EmbeddedFile *file = findEmbeddedFile(path);
    if (!file)
      continue;
    std::string text(file->contents);
    std::string rewritten;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos)
        end = text.size();
      std::string line = text.substr(start, end - start);
      for (const char *prefix : {"#include \"litec/runtime/", "#include \"generic/"})
        if (line.rfind(prefix, 0) == 0) {
          const std::string included = line.substr(10, line.size() - 11);
          wanted.insert(included);
          line = "#include \"" + included.substr(included.rfind('/') + 1) + "\"";
        }
      rewritten += line + "\n";
      start = end + 1;
    }
    files.push_back({"litec/" + path.substr(path.rfind('/') + 1), rewritten});
  }
  std::sort(files.begin(), files.end(),
            [](const GeneratedFile &a, const GeneratedFile &b) { return a.path < b.path; });
  return files;
}
} // namespace

llvm::Expected<ir::PassStatistics> runPipeline(ir::Module &module, const CompileOptions &options) {
  auto pipeline = ir::buildPipeline(options.pipeline);
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
  auto prepared = prepare(module, options.target);
  if (!prepared)
    return prepared.takeError();
  prepared->foldedOps = unsigned(statistics->get("fold-constants", "folded-ops"));
  EmitState s{options, module, *prepared, {}, {}, {}, {}, {}};
  IdentifierScope scope;
  for (const char *reserved : {"arena", "bytes", "status", "inputs", "outputs", "weights"})
    scope.unique(reserved);
  s.inputs = apiTensors(module, prepared->graph->inputs, true, scope);
  s.outputs = apiTensors(module, prepared->graph->outputs, false, scope);
  for (const auto &op : prepared->graph->ops) {
    auto layer = std::make_unique<LayerContext>(*op, prepared->plan, s.constants);
    if (auto e = prepared->target->emitLayer(*layer))
      return error(fmt::format("op {} ({}): {}", op->index, commentText(op->displayName()),
                               llvm::toString(std::move(e))));
    s.headers.insert(layer->headers().begin(), layer->headers().end());
    s.layers.push_back(std::move(layer));
  }
  CompiledModel result;
  result.arenaSize = prepared->plan.arenaSize;
  result.lowerBound = prepared->plan.lowerBound;
  result.alignment = prepared->plan.alignment;
  result.layers = unsigned(s.layers.size());
  result.foldedOps = prepared->foldedOps;
  // The constants invoke() and reset() copy themselves (constant outputs, initial state) join
  // the pool before any file is written, so that the model source declares them too.
  for (const ApiTensor &t : s.outputs)
    if (t.value->isConstant() && t.value->byteSize().value_or(0) > 0)
      s.constants.valueArray(*t.value);
  for (const auto &value : prepared->graph->values)
    if (hasInitialValue(*value, prepared->plan))
      s.constants.valueArray(*value);
  result.files.push_back({options.name + ".h", header(s)});
  result.files.push_back({options.name + ".cpp", source(s)});
  result.files.push_back({options.name + "_weights.cpp", weightsSource(s)});
  if (options.emitMain)
    result.files.push_back({options.name + "_main.cpp", mainSource(s)});
  std::set<std::string> required;
  for (const std::string &h : s.headers)
    required.insert("generic/" + h);
  if (options.emitMain)
    required.insert("runner/Runner.h");
  for (GeneratedFile &f : supportHeaders(required))
    result.files.push_back(std::move(f));
  return result;
}

namespace {
// The runner: the model's sizes and C interface handed to litec/Runner.h, which holds the
// command line itself.
std::string mainSource(const EmitState &s) {
  SourceWriter w;
  w("// {}_main.cpp: a command-line runner for the model compiled by litec from {}.\n",
    s.options.name, commentText(s.options.sourceName, 80));
  w("// Generated file: do not edit. Usage and conventions: litec/Runner.h.\n\n");
  w("#include \"{}.h\"\n\n#include \"litec/Runner.h\"\n\n", s.options.name);
  // C++ has no empty arrays: a model without inputs (or outputs) gets one unused entry.
  auto sizes = [&](const char *name, const std::vector<ApiTensor> &tensors) {
    std::string list;
    for (const ApiTensor &t : tensors)
      list += fmt::format("{}{}", list.empty() ? "" : ", ", t.value->byteSize().value_or(0));
    w("constexpr std::size_t {}[] = {{{}}};\n", name, list.empty() ? "0" : list);
  };
  w("namespace {{\n");
  sizes("kInputBytes", s.inputs);
  sizes("kOutputBytes", s.outputs);
  w("}} // namespace\n\n");
  const std::string &n = s.options.name;
  w("int main(int argc, char **argv) {{\n");
  w("  const litec::runner::Model model{{{0}_arena_size(), {0}_arena_alignment(), kInputBytes, "
    "{1},\n"
    "                                  kOutputBytes, {2}, {0}_reset, {0}_invoke}};\n",
    n, s.inputs.size(), s.outputs.size());
  w("  return litec::runner::run(model, argc, argv);\n}}\n");
  return w.str();
}
} // namespace

} // namespace litec::codegen
