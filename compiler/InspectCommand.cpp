#include "InspectCommand.h"

#include "ModelSummary.h"
#include "litec/ir/Printer.h"

#include <fmt/format.h>
#include <llvm/Support/JSON.h>

namespace litec::compiler {

namespace {
using ir::quoteString;

std::string describeValue(const ir::Value &value) {
  std::string text = fmt::format("%{} {} {}", value.id, quoteString(value.name),
                                 ir::formatValueType(value));
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

llvm::json::Value attrToJson(const ir::AttrValue &value) {
  struct Visitor {
    llvm::json::Value operator()(bool b) const { return b; }
    llvm::json::Value operator()(int64_t i) const { return i; }
    llvm::json::Value operator()(double d) const { return d; }
    llvm::json::Value operator()(const std::string &s) const { return llvm::json::fixUTF8(s); }
    llvm::json::Value operator()(const std::vector<int64_t> &v) const {
      return llvm::json::Array(v);
    }
    llvm::json::Value operator()(const std::vector<double> &v) const {
      return llvm::json::Array(v);
    }
    llvm::json::Value operator()(const ir::EnumAttr &e) const { return e.valueName; }
  };
  return std::visit(Visitor{}, value);
}

llvm::json::Value valueToJson(const ir::Value *value) {
  if (!value)
    return nullptr;
  llvm::json::Object object{
      {"index", value->id},
      {"name", llvm::json::fixUTF8(value->name)},
      {"shape", llvm::json::Array(value->shape)},
      {"type", std::string(ir::elementTypeName(value->type))},
      {"constant", value->isConstant()},
      {"variable", value->isVariable},
  };
  if (value->isDynamic())
    object["shape_signature"] = llvm::json::Array(value->shapeSignature);
  if (value->quant.isQuantized()) {
    llvm::json::Array scales, zeroPoints;
    for (float s : value->quant.scales)
      scales.push_back(double(s));
    for (int64_t z : value->quant.zeroPoints)
      zeroPoints.push_back(z);
    object["quantization"] = llvm::json::Object{
        {"scale", std::move(scales)},
        {"zero_point", std::move(zeroPoints)},
        {"axis", value->quant.axis},
    };
  } else {
    object["quantization"] = nullptr;
  }
  return object;
}

llvm::json::Array valuesToJson(const std::vector<ir::Value *> &values) {
  llvm::json::Array array;
  for (const ir::Value *value : values)
    array.push_back(valueToJson(value));
  return array;
}

llvm::json::Object opToJson(const OpSummary &entry) {
  const ir::Op &op = *entry.op;
  llvm::json::Object attributes;
  for (const ir::NamedAttr &attr : op.attrs.entries())
    attributes[attr.name] = attrToJson(attr.value);
  llvm::json::Object object{
      {"index", op.index},
      {"name", llvm::json::fixUTF8(op.displayName())},
      {"version", op.version},
      {"inputs", valuesToJson(op.operands)},
      {"outputs", valuesToJson(op.results)},
      {"attributes", std::move(attributes)},
      {"macs", entry.macs},
      {"weight_bytes", entry.weightBytes},
  };
  if (!op.customOptions.empty())
    object["custom_options_bytes"] = static_cast<int64_t>(op.customOptions.size());
  return object;
}
} // namespace

void printInspectText(const ir::Module &module, llvm::StringRef path, llvm::raw_ostream &os) {
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
    os << fmt::format("#{} {} v{}  macs={} weights={}B\n", op.index,
                      ir::opLabel(op),
                      op.version, entry.macs, entry.weightBytes);
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
  os << "\n  peak activation bytes: " << formatBytes(summary.peakActivationBytes)
     << " (at op #" << summary.peakOpIndex << ", ops in file order)\n";
  os << "  not compilable yet (target generic):";
  if (summary.unsupportedOps.empty())
    os << " none";
  for (const std::string &name : summary.unsupportedOps)
    os << " " << quoteString(name);
  os << "\n";
  for (const ir::Value *value : summary.dynamicValues)
    os << "  dynamic shape: " << describeValue(*value) << " (shape_signature ["
       << fmt::format("{}", fmt::join(value->shapeSignature, ", ")) << "])\n";
}

void printInspectJson(const ir::Module &module, llvm::StringRef path, llvm::raw_ostream &os) {
  ModelSummary summary = summarizeModel(module);
  const ir::Graph &graph = module.mainGraph();
  llvm::json::Array ops;
  for (const OpSummary &entry : summary.ops)
    ops.push_back(opToJson(entry));
  llvm::json::Object histogram, paramBytes;
  for (const auto &[name, count] : summary.opHistogram)
    histogram[llvm::json::fixUTF8(name)] = count;
  for (const auto &[type, bytes] : summary.paramBytesByType)
    paramBytes[type] = bytes;
  llvm::json::Array unsupported, dynamic, signatures, warnings;
  for (const std::string &name : summary.unsupportedOps)
    unsupported.push_back(llvm::json::fixUTF8(name));
  for (const ir::Value *value : summary.dynamicValues)
    dynamic.push_back(valueToJson(value));
  for (const ir::Signature &signature : module.signatures) {
    llvm::json::Object inputs, outputs;
    for (const ir::SignatureTensor &t : signature.inputs)
      inputs[llvm::json::fixUTF8(t.name)] = t.valueId;
    for (const ir::SignatureTensor &t : signature.outputs)
      outputs[llvm::json::fixUTF8(t.name)] = t.valueId;
    signatures.push_back(llvm::json::Object{{"key", llvm::json::fixUTF8(signature.key)},
                                            {"subgraph", signature.graphIndex},
                                            {"inputs", std::move(inputs)},
                                            {"outputs", std::move(outputs)}});
  }
  for (const std::string &warning : module.warnings)
    warnings.push_back(llvm::json::fixUTF8(warning));

  llvm::json::Object root{
      {"model", llvm::json::fixUTF8(path.str())},
      {"schema_version", module.schemaVersion},
      {"subgraphs", static_cast<int64_t>(module.graphs.size())},
      {"inputs", valuesToJson(graph.inputs)},
      {"outputs", valuesToJson(graph.outputs)},
      {"signatures", std::move(signatures)},
      {"ops", std::move(ops)},
      {"op_histogram", std::move(histogram)},
      {"total_macs", summary.totalMacs},
      {"param_bytes", summary.paramBytes},
      {"param_bytes_by_type", std::move(paramBytes)},
      {"peak_activation_bytes", summary.peakActivationBytes},
      {"unsupported_ops", std::move(unsupported)},
      {"dynamic_tensors", std::move(dynamic)},
      {"warnings", std::move(warnings)},
  };
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
}

} // namespace litec::compiler
