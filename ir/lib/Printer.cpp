#include "litec/ir/Printer.h"

#include <fmt/format.h>

#include <cctype>

namespace litec::ir {

std::string quoteString(std::string_view text) {
  std::string out = "\"";
  char previous = 0;
  bool afterHexEscape = false;
  for (unsigned char c : text) {
    // A hex digit right after "\xNN" would extend that escape in C and C++: escape it too.
    bool escapeAsHex = c < 0x20 || c >= 0x7f || (afterHexEscape && std::isxdigit(c));
    afterHexEscape = false;
    // "??/" and friends are trigraphs to older C and C++ compilers: break every "??" pair.
    if (c == '?' && previous == '?') {
      out += "\\?";
    } else if (c == '"' || c == '\\') {
      out += fmt::format("\\{}", static_cast<char>(c));
    } else if (escapeAsHex) {
      out += fmt::format("\\x{:02x}", c);
      afterHexEscape = true;
    } else {
      out += static_cast<char>(c);
    }
    previous = static_cast<char>(c);
  }
  return out + "\"";
}

std::string opLabel(const Op &op) {
  if (op.kind == OpKind::CUSTOM)
    return "CUSTOM " + quoteString(op.customCode);
  return std::string(opKindInfo(op.kind).name);
}

std::string formatValueType(const Value &value) {
  std::string shape = formatShape(value.shape, value.dynamicDims());
  std::string type(elementTypeName(value.type));
  return shape.empty() ? type : shape + "x" + type;
}

std::string formatQuantization(const Quantization &quant) {
  if (!quant.isQuantized())
    return "";
  if (!quant.isPerChannel())
    return fmt::format("scale={} zp={}", quant.scales[0],
                       quant.zeroPoints.empty() ? 0 : quant.zeroPoints[0]);
  return fmt::format("per-axis(axis={}, {} scales in [{}, {}])", quant.axis, quant.scales.size(),
                     *std::min_element(quant.scales.begin(), quant.scales.end()),
                     *std::max_element(quant.scales.begin(), quant.scales.end()));
}

namespace {
std::string valueRef(const Value *value) {
  return value ? fmt::format("%{}", value->id) : std::string("none");
}

std::string valueList(const std::vector<Value *> &values) {
  std::vector<std::string> refs;
  for (const Value *value : values)
    refs.push_back(valueRef(value));
  return fmt::format("{}", fmt::join(refs, ", "));
}

void printValue(const Value &value, llvm::raw_ostream &os) {
  const char *kind = value.isConstant() ? "const" : value.isVariable ? "var" : "value";
  os << "  " << kind << " %" << value.id << " " << quoteString(value.name) << " : "
     << formatValueType(value);
  if (value.quant.isQuantized())
    os << " {" << formatQuantization(value.quant) << "}";
  if (value.sparsity)
    os << " sparse";
  if (value.isConstant())
    os << " [" << value.data().size() << " bytes]";
  os << "\n";
}

void printOp(const Op &op, llvm::raw_ostream &os) {
  os << "  " << op.index << ": ";
  if (!op.results.empty())
    os << valueList(op.results) << " = ";
  os << opLabel(op);
  os << " v" << op.version << "(" << valueList(op.operands) << ")";
  if (!op.attrs.empty()) {
    std::vector<std::string> attrs;
    for (const NamedAttr &attr : op.attrs.entries())
      attrs.push_back(attr.name + " = " + formatAttrValue(attr.value));
    os << " {" << fmt::format("{}", fmt::join(attrs, ", ")) << "}";
  }
  if (!op.customOptions.empty())
    os << " custom_options[" << op.customOptions.size() << " bytes]";
  if (!op.intermediates.empty())
    os << " intermediates(" << valueList(op.intermediates) << ")";
  os << "\n";
}
} // namespace

void printGraph(const Graph &graph, unsigned graphIndex, llvm::raw_ostream &os) {
  os << "graph " << graphIndex << " " << quoteString(graph.name) << " (" << valueList(graph.inputs)
     << ") -> (" << valueList(graph.outputs) << ") {\n";
  for (const auto &value : graph.values)
    printValue(*value, os);
  for (const auto &op : graph.ops)
    printOp(*op, os);
  os << "}\n";
}

void printModule(const Module &module, llvm::raw_ostream &os) {
  os << "module version " << module.schemaVersion;
  if (!module.description.empty())
    os << " description " << quoteString(module.description);
  os << "\n";
  for (const Signature &signature : module.signatures) {
    os << "signature " << quoteString(signature.key) << " graph " << signature.graphIndex
       << " inputs(";
    for (size_t i = 0; i < signature.inputs.size(); ++i)
      os << (i ? ", " : "") << quoteString(signature.inputs[i].name) << ": %"
         << signature.inputs[i].valueId;
    os << ") outputs(";
    for (size_t i = 0; i < signature.outputs.size(); ++i)
      os << (i ? ", " : "") << quoteString(signature.outputs[i].name) << ": %"
         << signature.outputs[i].valueId;
    os << ")\n";
  }
  for (size_t i = 0; i < module.graphs.size(); ++i)
    printGraph(*module.graphs[i], static_cast<unsigned>(i), os);
}

} // namespace litec::ir
