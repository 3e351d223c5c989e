#include "InspectCommand.h"

#include "JsonWriter.h"
#include "ModelSummary.h"
#include "litec/ir/Printer.h"

#include <fmt/format.h>

namespace litec::compiler {

namespace {
using ir::quoteString;

std::string describeValue(const ir::Value &value) {
  std::string text =
      fmt::format("%{} {} {}", value.id, quoteString(value.name), ir::formatValueType(value));
  if (value.quant.isQuantized())
    text += " {" + ir::formatQuantization(value.quant) + "}";
  if (value.isConstant())
    text += fmt::format(" const[{} B]", value.data().size());
  if (value.isVariable)
    text += " variable";
  if (value.sparsity)
    text += " sparse";
  return text;
}

std::string formatBytes(int64_t bytes) {
  if (bytes >= 10 * 1024 * 1024)
    return fmt::format("{} ({:.1f} MiB)", bytes, double(bytes) / (1024 * 1024));
  if (bytes >= 10 * 1024)
    return fmt::format("{} ({:.1f} KiB)", bytes, double(bytes) / 1024);
  return std::to_string(bytes);
}

void writeAttr(JsonWriter &json, const ir::AttrValue &value) {
  struct Visitor {
    JsonWriter &json;
    void operator()(bool b) const { json.value(b); }
    void operator()(int64_t i) const { json.value(i); }
    void operator()(double d) const { json.value(d); }
    void operator()(const std::string &s) const { json.value(s); }
    void operator()(const std::vector<int64_t> &v) const { json.array(v); }
    void operator()(const std::vector<double> &v) const { json.array(v); }
    void operator()(const ir::EnumAttr &e) const { json.value(e.valueName); }
  };
  std::visit(Visitor{json}, value);
}

void writeValue(JsonWriter &json, const ir::Value *value) {
  if (!value) {
    json.null();
    return;
  }
  json.objectBegin();
  json.field("index", int64_t(value->id));
  json.field("name", value->name);
  json.key("shape");
  json.array(value->shape);
  if (value->isDynamic()) {
    json.key("shape_signature");
    json.array(value->shapeSignature);
  }
  json.field("type", ir::elementTypeName(value->type));
  json.key("quantization");
  if (value->quant.isQuantized()) {
    json.objectBegin();
    json.key("scale");
    json.array(std::vector<double>(value->quant.scales.begin(), value->quant.scales.end()));
    json.key("zero_point");
    json.array(value->quant.zeroPoints);
    json.field("axis", int64_t(value->quant.axis));
    json.objectEnd();
  } else {
    json.null();
  }
  json.field("constant", value->isConstant());
  json.field("variable", value->isVariable);
  json.objectEnd();
}

void writeValues(JsonWriter &json, const std::vector<ir::Value *> &values) {
  json.arrayBegin();
  for (const ir::Value *value : values)
    writeValue(json, value);
  json.arrayEnd();
}

// "inputs": [...], "outputs": [...] of an op or of the graph.
void writeInputsAndOutputs(JsonWriter &json, const std::vector<ir::Value *> &inputs,
                           const std::vector<ir::Value *> &outputs) {
  json.key("inputs");
  writeValues(json, inputs);
  json.key("outputs");
  writeValues(json, outputs);
}

void writeOp(JsonWriter &json, const OpSummary &entry) {
  const ir::Op &op = *entry.op;
  json.objectBegin();
  json.field("index", int64_t(op.index));
  json.field("name", op.displayName());
  json.field("version", int64_t(op.version));
  writeInputsAndOutputs(json, op.operands, op.results);
  json.key("attributes");
  json.objectBegin();
  for (const ir::NamedAttr &attr : op.attrs.entries()) {
    json.key(attr.name);
    writeAttr(json, attr.value);
  }
  json.objectEnd();
  if (!op.customOptions.empty()) {
    json.field("custom_options_bytes", int64_t(op.customOptions.size()));
  }
  json.field("macs", entry.macs);
  json.field("weight_bytes", entry.weightBytes);
  json.objectEnd();
}

void writeCounts(JsonWriter &json, const std::map<std::string, int64_t> &counts) {
  json.objectBegin();
  for (const auto &[name, count] : counts) {
    json.key(name);
    json.value(count);
  }
  json.objectEnd();
}
} // namespace

void printInspectText(const ir::Module &module, llvm::StringRef path, const TargetReport &target,
                      llvm::raw_ostream &os) {
  ModelSummary summary = summarizeModel(module);
  const ir::Graph &graph = module.mainGraph();
  os << "model " << path << ": schema version " << module.schemaVersion << ", "
     << module.graphs.size() << (module.graphs.size() == 1 ? " subgraph" : " subgraphs") << ", "
     << graph.ops.size() << " ops in subgraph 0\n";
  if (!module.description.empty())
    os << "description " << quoteString(module.description) << "\n";
  for (const ir::Signature &signature : module.signatures) {
    os << "signature " << quoteString(signature.key) << " (subgraph " << signature.graphIndex
       << "):";
    for (const ir::SignatureTensor &t : signature.inputs)
      os << " in " << quoteString(t.name) << "=%" << t.valueId;
    for (const ir::SignatureTensor &t : signature.outputs)
      os << " out " << quoteString(t.name) << "=%" << t.valueId;
    os << "\n";
  }
  for (const ir::Value *input : graph.inputs)
    os << "input  " << describeValue(*input) << "\n";
  for (const ir::Value *output : graph.outputs)
    os << "output " << describeValue(*output) << "\n";

  os << "\nops:\n";
  for (const OpSummary &entry : summary.ops) {
    const ir::Op &op = *entry.op;
    os << fmt::format("#{} {} v{}  macs={} weights={}B\n", op.index, ir::opLabel(op), op.version,
                      entry.macs, entry.weightBytes);
    for (const ir::Value *operand : op.operands)
      os << "    in  " << (operand ? describeValue(*operand) : std::string("(absent)")) << "\n";
    for (const ir::Value *result : op.results)
      os << "    out " << describeValue(*result) << "\n";
    if (!op.attrs.empty()) {
      std::vector<std::string> attrs;
      for (const ir::NamedAttr &attr : op.attrs.entries())
        attrs.push_back(attr.name + "=" + ir::formatAttrValue(attr.value));
      os << "    attrs " << fmt::format("{}", fmt::join(attrs, " ")) << "\n";
    }
    if (!op.customOptions.empty())
      os << "    custom_options " << op.customOptions.size() << " B\n";
  }

  os << "\nsummary:\n  op histogram:";
  for (const auto &[name, count] : summary.opHistogram)
    os << " " << (name.rfind("CUSTOM:", 0) == 0 ? "CUSTOM:" + quoteString(name.substr(7)) : name)
       << "=" << count;
  os << "\n  total MACs: " << summary.totalMacs << "\n";
  os << "  parameter bytes: " << formatBytes(summary.paramBytes);
  for (const auto &[type, bytes] : summary.paramBytesByType)
    os << " " << type << "=" << bytes;
  os << "\n  peak activation bytes: " << formatBytes(summary.peakActivationBytes) << " (at op #"
     << summary.peakOpIndex << ", ops in file order)\n";
  if (!target.pipelineError.empty())
    os << "  pass pipeline: failed: " << target.pipelineError << "\n";
  os << "  not compilable yet (target " << target.target << "):";
  if (target.unsupportedOps.empty())
    os << (target.pipelineError.empty() ? " none" : " unknown");
  for (const std::string &name : target.unsupportedOps)
    os << " " << quoteString(name);
  os << "\n";
  if (target.planned)
    os << "  arena (target " << target.target << "): " << formatBytes(target.arenaBytes)
       << ", peak of live tensors " << formatBytes(target.lowerBound) << "\n";
  else
    os << "  arena (target " << target.target << "): not planned (" << target.why << ")\n";
  for (const ir::Value *value : summary.dynamicValues)
    os << "  dynamic shape: " << describeValue(*value) << " (shape_signature ["
       << fmt::format("{}", fmt::join(value->shapeSignature, ", ")) << "])\n";
}

void printInspectJson(const ir::Module &module, llvm::StringRef path, const TargetReport &target,
                      llvm::raw_ostream &os) {
  ModelSummary summary = summarizeModel(module);
  const ir::Graph &graph = module.mainGraph();
  JsonWriter json(os);
  json.objectBegin();
  json.field("model", std::string_view(path));
  json.field("schema_version", int64_t(module.schemaVersion));
  json.field("subgraphs", int64_t(module.graphs.size()));
  writeInputsAndOutputs(json, graph.inputs, graph.outputs);
  json.key("signatures");
  json.arrayBegin();
  for (const ir::Signature &signature : module.signatures) {
    json.objectBegin();
    json.field("key", signature.key);
    json.field("subgraph", int64_t(signature.graphIndex));
    for (auto [name, tensors] :
         {std::pair{"inputs", &signature.inputs}, std::pair{"outputs", &signature.outputs}}) {
      json.key(name);
      json.objectBegin();
      for (const ir::SignatureTensor &t : *tensors) {
        json.key(t.name);
        json.value(int64_t(t.valueId));
      }
      json.objectEnd();
    }
    json.objectEnd();
  }
  json.arrayEnd();
  json.key("ops");
  json.arrayBegin();
  for (const OpSummary &entry : summary.ops)
    writeOp(json, entry);
  json.arrayEnd();
  json.key("op_histogram");
  writeCounts(json, summary.opHistogram);
  json.field("total_macs", summary.totalMacs);
  json.field("param_bytes", summary.paramBytes);
  json.key("param_bytes_by_type");
  writeCounts(json, summary.paramBytesByType);
  json.field("peak_activation_bytes", summary.peakActivationBytes);
  json.key("unsupported_ops");
  json.array(target.unsupportedOps);
  if (!target.pipelineError.empty())
    json.field("pipeline_error", target.pipelineError);
  json.key("arena");
  json.objectBegin();
  json.field("target", target.target);
  json.field("planned", target.planned);
  json.field("bytes", target.arenaBytes);
  json.field("lower_bound", target.lowerBound);
  json.objectEnd();
  json.key("dynamic_tensors");
  json.arrayBegin();
  for (const ir::Value *value : summary.dynamicValues)
    writeValue(json, value);
  json.arrayEnd();
  json.key("warnings");
  json.array(module.warnings);
  json.objectEnd();
}

} // namespace litec::compiler
