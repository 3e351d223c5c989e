#include "litec/frontend/TextReader.h"

#include "litec/frontend/Options.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/Shape.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace litec::frontend {

namespace {
// A recursive-descent reader over the text, one method per construct of the printer's grammar.
// Each method fails with the position it stopped at; the first failure ends the read.
class TextReader {
public:
  explicit TextReader(std::string_view text) : text_(text) {}

  llvm::Expected<std::unique_ptr<ir::Module>> readModule() {
    auto module = std::make_unique<ir::Module>();
    if (auto e = expectWord("module"))
      return e;
    if (auto e = expectWord("version"))
      return e;
    auto version = integer();
    if (!version)
      return version.takeError();
    module->schemaVersion = uint32_t(*version);
    if (peekWord("description")) {
      word();
      auto description = string();
      if (!description)
        return description.takeError();
      module->description = std::move(*description);
    }
    while (peekWord("signature"))
      if (auto e = readSignature(*module))
        return e;
    while (peekWord("graph"))
      if (auto e = readGraph(*module))
        return e;
    skipSpace();
    if (pos_ != text_.size())
      return fail("expected 'graph' or the end of the text");
    if (module->graphs.empty())
      return fail("the module has no graph");
    for (const ir::Signature &signature : module->signatures)
      if (signature.graphIndex >= module->graphs.size())
        return fail(
            fmt::format("a signature names graph {}, which is not defined", signature.graphIndex));
    return module;
  }

private:
  // --- characters and tokens ---
  void skipSpace() {
    while (pos_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//" || text_[pos_] == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n')
          ++pos_;
      } else {
        break;
      }
    }
  }

  llvm::Error fail(const std::string &what) const {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "line %zu, column %zu: %s", line,
                                   column, what.c_str());
  }

  bool peek(std::string_view literal) {
    skipSpace();
    return text_.substr(pos_, literal.size()) == literal;
  }
  bool accept(std::string_view literal) {
    if (!peek(literal))
      return false;
    pos_ += literal.size();
    return true;
  }
  llvm::Error expect(std::string_view literal) {
    if (accept(literal))
      return llvm::Error::success();
    return fail(fmt::format("expected '{}'", literal));
  }

  static bool isWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
           c == '?' || c == '+';
  }
  // A run of letters, digits and _-.?+ (names, numbers, types).
  std::string_view word() {
    skipSpace();
    const size_t start = pos_;
    while (pos_ < text_.size() && isWordChar(text_[pos_]))
      ++pos_;
    return text_.substr(start, pos_ - start);
  }
  bool peekWord(std::string_view expected) {
    const size_t saved = pos_;
    const bool match = word() == expected;
    pos_ = saved;
    return match;
  }
  llvm::Error expectWord(std::string_view expected) {
    const size_t saved = pos_;
    if (word() == expected)
      return llvm::Error::success();
    pos_ = saved;
    skipSpace();
    return fail(fmt::format("expected '{}'", expected));
  }

  llvm::Expected<int64_t> integer() {
    skipSpace();
    const size_t start = pos_;
    const std::string_view w = word();
    int64_t value = 0;
    auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), value);
    if (w.empty() || ec != std::errc() || end != w.data() + w.size()) {
      pos_ = start;
      return fail(fmt::format("expected an integer, found '{}'", w));
    }
    return value;
  }

  llvm::Expected<double> number() {
    skipSpace();
    const size_t start = pos_;
    const std::string w(word());
    if (w == "inf" || w == "+inf")
      return std::numeric_limits<double>::infinity();
    if (w == "-inf")
      return -std::numeric_limits<double>::infinity();
    if (w == "nan" || w == "-nan")
      return std::numeric_limits<double>::quiet_NaN();
    char *end = nullptr;
    const double value = w.empty() ? 0 : std::strtod(w.c_str(), &end);
    if (w.empty() || end != w.c_str() + w.size()) {
      pos_ = start;
      return fail(fmt::format("expected a number, found '{}'", w));
    }
    return value;
  }

  // A string literal as ir::quoteString writes it: \" \\ \? and \xNN escapes.
  llvm::Expected<std::string> string() {
    if (!accept("\""))
      return fail("expected a string literal");
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c == '\n')
        return fail("a string literal ends at the end of the line");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size())
        break;
      c = text_[pos_++];
      if (c == 'x') {
        unsigned byte = 0;
        auto [end, ec] = std::from_chars(text_.data() + pos_,
                                         text_.data() + std::min(pos_ + 2, text_.size()), byte, 16);
        if (ec != std::errc() || end != text_.data() + pos_ + 2)
          return fail("\\x needs two hex digits");
        pos_ += 2;
        out += static_cast<char>(byte);
      } else if (c == '"' || c == '\\' || c == '?') {
        out += c;
      } else {
        return fail(fmt::format("unknown escape \\{}", c));
      }
    }
    if (!accept("\""))
      return fail("a string literal is not closed");
    return out;
  }

  // "%N", unchecked.
  llvm::Expected<int64_t> valueId() {
    if (auto e = expect("%"))
      return e;
    return integer();
  }

  // "%N", checked against the values the graph has declared.
  llvm::Expected<ir::Value *> valueRef(ir::Graph &graph) {
    const size_t start = (skipSpace(), pos_);
    if (!accept("%"))
      return fail("expected a value (%N)");
    auto id = integer();
    if (!id)
      return id.takeError();
    if (*id < 0 || size_t(*id) >= graph.values.size()) {
      pos_ = start;
      return fail(fmt::format("%{} is not declared", *id));
    }
    return graph.values[size_t(*id)].get();
  }

  // "(%1, %2)" or, with allowNone, "(%1, none)".
  llvm::Expected<std::vector<ir::Value *>> valueList(ir::Graph &graph, bool allowNone) {
    std::vector<ir::Value *> values;
    if (auto e = expect("("))
      return e;
    if (accept(")"))
      return values;
    do {
      if (allowNone && peekWord("none")) {
        word();
        values.push_back(nullptr);
        continue;
      }
      auto v = valueRef(graph);
      if (!v)
        return v.takeError();
      values.push_back(*v);
    } while (accept(","));
    if (auto e = expect(")"))
      return e;
    return values;
  }

  // --- module parts ---
  llvm::Error readSignature(ir::Module &module) {
    word();
    ir::Signature signature;
    auto key = string();
    if (!key)
      return key.takeError();
    signature.key = std::move(*key);
    if (auto e = expectWord("graph"))
      return e;
    auto graph = integer();
    if (!graph)
      return graph.takeError();
    signature.graphIndex = unsigned(*graph);
    for (auto [label, list] :
         {std::pair{"inputs", &signature.inputs}, std::pair{"outputs", &signature.outputs}}) {
      if (auto e = expectWord(label))
        return e;
      if (auto e = expect("("))
        return e;
      while (!accept(")")) {
        if (!list->empty())
          if (auto e = expect(","))
            return e;
        auto name = string();
        if (!name)
          return name.takeError();
        if (auto e = expect(":"))
          return e;
        auto id = valueId();
        if (!id)
          return id.takeError();
        list->push_back({std::move(*name), unsigned(*id)});
      }
    }
    module.signatures.push_back(std::move(signature));
    return llvm::Error::success();
  }

  llvm::Error readGraph(ir::Module &module) {
    word();
    auto index = integer();
    if (!index)
      return index.takeError();
    if (size_t(*index) != module.graphs.size())
      return fail(fmt::format("graph {} where graph {} comes next", *index, module.graphs.size()));
    ir::Graph &graph = module.addGraph();
    auto name = string();
    if (!name)
      return name.takeError();
    graph.name = std::move(*name);
    // The inputs and outputs refer to values declared below: read their ids now, resolve them
    // after the values.
    std::vector<int64_t> ids[2];
    for (int side = 0; side < 2; ++side) {
      if (side == 1)
        if (auto e = expect("->"))
          return e;
      if (auto e = expect("("))
        return e;
      while (!accept(")")) {
        if (!ids[side].empty())
          if (auto e = expect(","))
            return e;
        auto id = valueId();
        if (!id)
          return id.takeError();
        ids[side].push_back(*id);
      }
    }
    if (auto e = expect("{"))
      return e;
    while (peekWord("value") || peekWord("const") || peekWord("var"))
      if (auto e = readValue(graph))
        return e;
    while (!accept("}")) {
      if (pos_ >= text_.size())
        return fail("the graph is not closed with '}'");
      if (auto e = readOp(graph))
        return e;
    }
    for (int side = 0; side < 2; ++side)
      for (int64_t id : ids[side]) {
        if (id < 0 || size_t(id) >= graph.values.size())
          return fail(fmt::format("graph {} {} %{}, which is not declared", *index,
                                  side ? "returns" : "takes", id));
        (side ? graph.outputs : graph.inputs).push_back(graph.values[size_t(id)].get());
      }
    return llvm::Error::success();
  }

  // "1x8x8x3xi8", "?x1xf32", "f32": the shape (a "?" dimension is 1 with -1 in the signature)
  // and the element type.
  llvm::Error readType(ir::Value &value) {
    const size_t start = (skipSpace(), pos_);
    const std::string_view w = word();
    std::vector<std::string_view> parts;
    size_t from = 0;
    for (size_t x = w.find('x'); x != std::string_view::npos; x = w.find('x', from)) {
      parts.push_back(w.substr(from, x - from));
      from = x + 1;
    }
    const std::string_view typeName = w.substr(from);
    const auto type = ir::parseElementType(typeName);
    if (!type) {
      pos_ = start;
      return fail(fmt::format("'{}' is not a type (dimensions joined by x, then an element "
                              "type such as f32 or i8)",
                              w));
    }
    value.type = *type;
    bool dynamic = false;
    for (std::string_view dim : parts) {
      if (dim == "?") {
        dynamic = true;
        value.shape.push_back(1);
        value.shapeSignature.push_back(-1);
        continue;
      }
      int64_t size = 0;
      auto [end, ec] = std::from_chars(dim.data(), dim.data() + dim.size(), size);
      if (dim.empty() || ec != std::errc() || end != dim.data() + dim.size() || size < 0) {
        pos_ = start;
        return fail(fmt::format("'{}' is not a dimension of '{}'", dim, w));
      }
      value.shape.push_back(size);
      value.shapeSignature.push_back(size);
    }
    if (!dynamic)
      value.shapeSignature.clear();
    if (!value.byteSize())
      return fail(fmt::format("shape {} overflows", w));
    return llvm::Error::success();
  }

  template <typename T> llvm::Expected<std::vector<T>> numberList() {
    std::vector<T> out;
    if (auto e = expect("["))
      return e;
    if (accept("]"))
      return out;
    do {
      if constexpr (std::is_floating_point_v<T>) {
        auto n = number();
        if (!n)
          return n.takeError();
        out.push_back(T(*n));
      } else {
        auto n = integer();
        if (!n)
          return n.takeError();
        out.push_back(T(*n));
      }
    } while (accept(","));
    if (auto e = expect("]"))
      return e;
    return out;
  }

  llvm::Error readQuantization(ir::Value &value) {
    ir::Quantization &q = value.quant;
    if (peek("per-axis(")) {
      pos_ += std::strlen("per-axis(");
      if (auto e = expect("axis="))
        return e;
      auto axis = integer();
      if (!axis)
        return axis.takeError();
      q.axis = int32_t(*axis);
      if (auto e = expect(","))
        return e;
      if (!peek("scales="))
        return fail("the per-axis scales are summarised, not listed: read this model from its "
                    ".tflite file");
      pos_ += std::strlen("scales=");
      auto scales = numberList<float>();
      if (!scales)
        return scales.takeError();
      if (auto e = expect(","))
        return e;
      if (auto e = expect("zps="))
        return e;
      auto zps = numberList<int64_t>();
      if (!zps)
        return zps.takeError();
      q.scales = std::move(*scales);
      q.zeroPoints = std::move(*zps);
      return expect(")");
    }
    if (auto e = expect("scale="))
      return e;
    auto scale = number();
    if (!scale)
      return scale.takeError();
    if (auto e = expect("zp="))
      return e;
    auto zp = integer();
    if (!zp)
      return zp.takeError();
    q.scales = {float(*scale)};
    q.zeroPoints = {*zp};
    return llvm::Error::success();
  }

  // "= [1, 2.5]" as the bytes of value's type.
  llvm::Error readConstantData(ir::Value &value) {
    const int64_t count = ir::elementCount(value.shape).value_or(-1);
    std::vector<uint8_t> bytes;
    auto append = [&](const auto &x) {
      const auto *p = reinterpret_cast<const uint8_t *>(&x);
      bytes.insert(bytes.end(), p, p + sizeof x);
    };
    if (auto e = expect("["))
      return e;
    int64_t read = 0;
    if (!accept("]")) {
      do {
        ++read;
        switch (value.type) {
        case ir::ElementType::F32: {
          auto n = number();
          if (!n)
            return n.takeError();
          append(float(*n));
          break;
        }
        case ir::ElementType::Bool: {
          const std::string_view w = word();
          if (w != "true" && w != "false")
            return fail("expected true or false");
          append(uint8_t(w == "true"));
          break;
        }
        default: {
          auto n = integer();
          if (!n)
            return n.takeError();
          switch (value.type) {
          case ir::ElementType::I8:
            append(int8_t(*n));
            break;
          case ir::ElementType::U8:
            append(uint8_t(*n));
            break;
          case ir::ElementType::I16:
            append(int16_t(*n));
            break;
          case ir::ElementType::F16:
            append(uint16_t(*n)); // the raw half bits, as the printer writes them
            break;
          case ir::ElementType::I32:
            append(int32_t(*n));
            break;
          default:
            append(int64_t(*n));
            break;
          }
        }
        }
      } while (accept(","));
      if (auto e = expect("]"))
        return e;
    }
    if (read != count)
      return fail(
          fmt::format("constant %{} has {} elements, its shape needs {}", value.id, read, count));
    value.setOwnedData(std::move(bytes));
    return llvm::Error::success();
  }

  llvm::Error readValue(ir::Graph &graph) {
    const std::string_view kind = word();
    const size_t start = (skipSpace(), pos_);
    if (auto e = expect("%"))
      return e;
    auto id = integer();
    if (!id)
      return id.takeError();
    if (size_t(*id) != graph.values.size()) {
      pos_ = start;
      return fail(fmt::format("value %{} where %{} comes next (values are declared in order)", *id,
                              graph.values.size()));
    }
    ir::Value &value = graph.addValue();
    value.isVariable = kind == "var";
    auto name = string();
    if (!name)
      return name.takeError();
    value.name = std::move(*name);
    if (auto e = expect(":"))
      return e;
    if (auto e = readType(value))
      return e;
    if (accept("{")) {
      if (auto e = readQuantization(value))
        return e;
      if (auto e = expect("}"))
        return e;
    }
    if (peekWord("sparse"))
      return fail("sparse constants are summarised: read this model from its .tflite file");
    if (accept("=")) {
      if (kind == "value")
        return fail(fmt::format("%{} is a value, not a constant: it has no data", value.id));
      return readConstantData(value);
    }
    if (peek("[")) {
      const size_t saved = pos_;
      accept("[");
      const std::string_view size = word();
      pos_ = saved;
      return fail(fmt::format("the data of constant %{} ({} bytes) is not printed: read this "
                              "model from its .tflite file",
                              value.id, size));
    }
    if (kind == "const")
      return fail(fmt::format("constant %{} has no data (= [...])", value.id));
    return llvm::Error::success();
  }

  // One attribute value, read as the type its default has.
  llvm::Expected<ir::AttrValue> readAttrValue(const ir::AttrValue &like) {
    if (std::holds_alternative<bool>(like)) {
      const std::string_view w = word();
      if (w != "true" && w != "false")
        return fail("expected true or false");
      return ir::AttrValue(w == "true");
    }
    if (std::holds_alternative<int64_t>(like)) {
      auto n = integer();
      if (!n)
        return n.takeError();
      return ir::AttrValue(*n);
    }
    if (std::holds_alternative<double>(like)) {
      auto n = number();
      if (!n)
        return n.takeError();
      return ir::AttrValue(*n);
    }
    if (std::holds_alternative<std::string>(like)) {
      auto s = string();
      if (!s)
        return s.takeError();
      return ir::AttrValue(std::move(*s));
    }
    if (std::holds_alternative<std::vector<int64_t>>(like)) {
      auto list = numberList<int64_t>();
      if (!list)
        return list.takeError();
      return ir::AttrValue(std::move(*list));
    }
    if (std::holds_alternative<std::vector<double>>(like)) {
      auto list = numberList<double>();
      if (!list)
        return list.takeError();
      return ir::AttrValue(std::move(*list));
    }
    const ir::EnumAttr &e = std::get<ir::EnumAttr>(like);
    const size_t start = (skipSpace(), pos_);
    auto value = enumAttr(e.enumName, word());
    if (!value) {
      pos_ = start;
      return fail(llvm::toString(value.takeError()));
    }
    return ir::AttrValue(std::move(*value));
  }

  llvm::Error readAttributes(ir::Op &op) {
    const ir::OpKindInfo &info = ir::opKindInfo(op.kind);
    do {
      const size_t start = (skipSpace(), pos_);
      const std::string name(word());
      const ir::AttrValue *like = op.attrs.find(name);
      // litec's own attribute, which no options table defines: a list of sizes.
      static const ir::AttrValue kSizes = std::vector<int64_t>{};
      if (!like && name == ir::kExplicitPaddingAttr && ir::hasSpatialWindow(op.kind))
        like = &kSizes;
      if (!like) {
        pos_ = start;
        return fail(fmt::format(
            "{} has no attribute '{}'{}", info.name, name,
            info.optionsTable.empty() ? "" : fmt::format(" ({} defines them)", info.optionsTable)));
      }
      if (auto e = expect("="))
        return e;
      auto value = readAttrValue(*like);
      if (!value)
        return value.takeError();
      op.attrs.set(name, std::move(*value));
    } while (accept(","));
    return expect("}");
  }

  llvm::Error readOp(ir::Graph &graph) {
    auto index = integer();
    if (!index)
      return index.takeError();
    if (size_t(*index) != graph.ops.size())
      return fail(fmt::format("op {} where op {} comes next (ops are listed in order)", *index,
                              graph.ops.size()));
    if (auto e = expect(":"))
      return e;
    std::vector<ir::Value *> results;
    if (peek("%")) {
      do {
        auto v = valueRef(graph);
        if (!v)
          return v.takeError();
        results.push_back(*v);
      } while (accept(","));
      if (auto e = expect("="))
        return e;
    }
    const size_t nameAt = (skipSpace(), pos_);
    const std::string_view name = word();
    const std::optional<ir::OpKind> kind = ir::parseOpKind(name);
    if (!kind) {
      pos_ = nameAt;
      return fail(fmt::format("'{}' is not an operator", name));
    }
    ir::Op &op = graph.addOp(*kind);
    op.index = unsigned(*index);
    if (*kind == ir::OpKind::CUSTOM) {
      auto code = string();
      if (!code)
        return code.takeError();
      op.customCode = std::move(*code);
    }
    skipSpace();
    if (!accept("v"))
      return fail("expected the op's version (v1)");
    auto version = integer();
    if (!version)
      return version.takeError();
    op.version = int32_t(*version);
    auto operands = valueList(graph, true);
    if (!operands)
      return operands.takeError();
    op.operands = std::move(*operands);
    for (ir::Value *result : results) {
      if (result->producer || result->isConstant())
        return fail(fmt::format("%{} is written twice, or is a constant", result->id));
      result->producer = &op;
    }
    op.results = std::move(results);
    auto defaults = defaultOptions(*kind);
    if (!defaults)
      return defaults.takeError();
    op.attrs = std::move(*defaults);
    if (accept("{"))
      if (auto e = readAttributes(op))
        return e;
    if (peekWord("custom_options")) {
      word();
      if (auto e = expect("="))
        return e;
      if (!accept("x\""))
        return fail("the custom options are summarised: read this model from its .tflite file");
      while (!accept("\"")) {
        unsigned byte = 0;
        auto [end, ec] = std::from_chars(text_.data() + pos_,
                                         text_.data() + std::min(pos_ + 2, text_.size()), byte, 16);
        if (ec != std::errc() || end != text_.data() + pos_ + 2)
          return fail("custom options are pairs of hex digits");
        pos_ += 2;
        op.customOptions.push_back(uint8_t(byte));
      }
    }
    if (peekWord("intermediates")) {
      word();
      auto intermediates = valueList(graph, false);
      if (!intermediates)
        return intermediates.takeError();
      op.intermediates = std::move(*intermediates);
    }
    return llvm::Error::success();
  }

  std::string_view text_;
  size_t pos_ = 0;
};
} // namespace

llvm::Expected<std::unique_ptr<ir::Module>> readModuleText(std::string_view text) {
  return TextReader(text).readModule();
}

} // namespace litec::frontend
