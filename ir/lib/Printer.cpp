#include "litec/ir/Printer.h"

#include <fmt/format.h>

#include <cctype>
#include <cstring>

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

// Lists up to this long are printed in full, so the text reads back (litec opt, the IR
// parser); longer ones are summarised and cannot be parsed.
constexpr size_t kMaxPrintedElements = 16;

// The IR's quantisation: per tensor as inspect prints it, per axis with every scale and zero
// point (or inspect's summary for more than kMaxPrintedElements channels).
std::string irQuantization(const Quantization &quant) {
  if (!quant.isPerChannel() || quant.scales.size() > kMaxPrintedElements)
    return formatQuantization(quant);
  return fmt::format("per-axis(axis={}, scales=[{}], zps=[{}])", quant.axis,
                     fmt::join(quant.scales, ", "), fmt::join(quant.zeroPoints, ", "));
}

// A constant's elements ("[1, -2.5, 3]"), or its size ("[4096 bytes]") when it is long.
std::string constantData(const Value &value) {
  const std::span<const uint8_t> data = value.data();
  const size_t width = elementByteSize(value.type);
  const size_t count = width ? data.size() / width : 0;
  if (value.sparsity || count > kMaxPrintedElements || count * width != data.size())
    return fmt::format("[{} bytes]", data.size());
  std::vector<std::string> items;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t *at = data.data() + i * width;
    if (value.type == ElementType::I64) { // beyond what a double holds exactly
      int64_t x;
      std::memcpy(&x, at, 8);
      items.push_back(fmt::format("{}", x));
    } else if (value.type == ElementType::F16) { // the raw half bits
      items.push_back(fmt::format("{}", unsigned(at[0] | (at[1] << 8))));
    } else {
      const double x = loadAsDouble(data.data(), value.type, int64_t(i));
      items.push_back(value.type == ElementType::F32    ? fmt::format("{}", float(x))
                      : value.type == ElementType::Bool ? (x != 0 ? "true" : "false")
                                                        : fmt::format("{}", int64_t(x)));
    }
  }
  return fmt::format("= [{}]", fmt::join(items, ", "));
}

void printValue(const Value &value, llvm::raw_ostream &os) {
  const char *kind = value.isVariable ? "var" : value.isConstant() ? "const" : "value";
  os << "  " << kind << " %" << value.id << " " << quoteString(value.name) << " : "
     << formatValueType(value);
  if (value.quant.isQuantized())
    os << " {" << irQuantization(value.quant) << "}";
  if (value.sparsity)
    os << " sparse";
  if (value.isConstant())
    os << " " << constantData(value);
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
  if (!op.customOptions.empty() && op.customOptions.size() <= 4 * kMaxPrintedElements) {
    os << " custom_options = x\"";
    for (uint8_t byte : op.customOptions)
      os << fmt::format("{:02x}", byte);
    os << "\"";
  } else if (!op.customOptions.empty()) {
    os << " custom_options[" << op.customOptions.size() << " bytes]";
  }
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
