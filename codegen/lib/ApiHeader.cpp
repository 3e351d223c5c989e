// NAME.h: the generated API (sizes, per-tensor facts, invoke, reset, the C interface).

#include "Emission.h"
#include "SourceWriter.h"
#include "litec/codegen/SafeText.h"

namespace litec::codegen {

namespace {
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

} // namespace

std::string invokeParameters(const EmitState &s, bool parallel) {
  std::string text = "void *arena";
  if (parallel)
    text += ", const litec::runtime::ParallelFor &parallel";
  for (const ApiTensor &t : s.inputs)
    text += fmt::format(", const {} *{}", cppType(t.value->type), t.identifier);
  for (const ApiTensor &t : s.outputs)
    text += fmt::format(", {} *{}", cppType(t.value->type), t.identifier);
  return text;
}

std::string apiHeader(const EmitState &s) {
  const std::string ns = namespaceOf(s.options);
  SourceWriter w;
  w("// {}.h: the API of a model compiled by litec (target {}) from {}.\n", s.options.name,
    s.prepared.target->name(), commentText(s.options.sourceName, 80));
  w("// Generated file: do not edit.\n//\n");
  w("// Call reset() once on a new arena, then invoke() as often as needed. The arena holds all\n"
    "// of the model's memory (activations and state); two arenas run independently.\n\n");
  w("#pragma once\n\n#include <cstddef>\n#include <cstdint>\n\n");
  w("#include \"litec/runtime/Alignment.h\"\n#include \"litec/runtime/ElementType.h\"\n"
    "#include \"litec/runtime/Parallel.h\"\n#include \"litec/runtime/Status.h\"\n\n");
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
  w("litec::runtime::Status invoke({});\n\n", invokeParameters(s));
  w("// The same, with the large layers split across the caller's parallel-for (Parallel.h;\n"
    "// ThreadPool.h is one): the same answers with any number of workers.\n");
  w("litec::runtime::Status invoke({});\n\n", invokeParameters(s, true));
  w("// Puts the model's state (LSTM and SVDF variables) to its initial values.\n");
  w("void reset(void *arena);\n\n}} // namespace {}\n\n", ns);
  const std::string &n = s.options.name;
  w("extern \"C\" {{\n");
  w("std::size_t {}_arena_size(void);\n", n);
  w("std::size_t {}_arena_alignment(void);\n", n);
  w("void {}_reset(void *arena);\n", n);
  w("int {}_invoke(void *arena, const void *const *inputs, void *const *outputs);\n", n);
  w("int {}_invoke_parallel(void *arena, const void *const *inputs, void *const *outputs,\n"
    "    litec_parallel_for_fn parallel_for, void *pool, int workers);\n",
    n);
  w("}}\n");
  return w.str();
}

} // namespace litec::codegen
