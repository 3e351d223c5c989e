#include "litec/codegen/LayerContext.h"

#include <cmath>
#include <cstring>
#include <type_traits>

namespace litec::codegen {

std::string cppType(ir::ElementType type) {
  switch (type) {
  case ir::ElementType::F32:
    return "float";
  case ir::ElementType::F16:
    return "std::uint16_t"; // raw half-precision bits
  case ir::ElementType::I8:
    return "std::int8_t";
  case ir::ElementType::U8:
    return "std::uint8_t";
  case ir::ElementType::I16:
    return "std::int16_t";
  case ir::ElementType::I32:
    return "std::int32_t";
  case ir::ElementType::I64:
    return "std::int64_t";
  case ir::ElementType::Bool:
    return "bool";
  }
  return "unsigned char";
}

std::string floatLiteral(float value) {
  if (std::isnan(value))
    return "std::numeric_limits<float>::quiet_NaN()";
  if (std::isinf(value))
    return value > 0 ? "std::numeric_limits<float>::infinity()"
                     : "-std::numeric_limits<float>::infinity()";
  // The shortest decimal that reads back as the same float.
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  return text + "f";
}

namespace {
template <typename T> T load(const uint8_t *bytes) {
  T value;
  std::memcpy(&value, bytes, sizeof(T));
  return value;
}

std::vector<std::string> elementsOf(const ir::Value &v) {
  std::span<const uint8_t> data = v.data();
  const size_t size = ir::elementByteSize(v.type);
  std::vector<std::string> out;
  out.reserve(data.size() / size);
  for (size_t i = 0; i + size <= data.size(); i += size) {
    const uint8_t *p = data.data() + i;
    switch (v.type) {
    case ir::ElementType::F32:
      out.push_back(floatLiteral(load<float>(p)));
      break;
    case ir::ElementType::F16:
      out.push_back(fmt::format("{}", load<uint16_t>(p)));
      break;
    case ir::ElementType::I8:
      out.push_back(fmt::format("{}", load<int8_t>(p)));
      break;
    case ir::ElementType::U8:
      out.push_back(fmt::format("{}", load<uint8_t>(p)));
      break;
    case ir::ElementType::I16:
      out.push_back(fmt::format("{}", load<int16_t>(p)));
      break;
    case ir::ElementType::I32: {
      const int32_t x = load<int32_t>(p);
      // INT32_MIN has no literal of its own.
      out.push_back(x == INT32_MIN ? "(-2147483647 - 1)" : fmt::format("{}", x));
      break;
    }
    case ir::ElementType::I64: {
      const int64_t x = load<int64_t>(p);
      out.push_back(x == INT64_MIN ? "(-9223372036854775807LL - 1)" : fmt::format("{}LL", x));
      break;
    }
    case ir::ElementType::Bool:
      out.push_back(*p ? "true" : "false");
      break;
    }
  }
  return out;
}
} // namespace

std::string ConstantPool::valueArray(const ir::Value &v) {
  auto found = byValue_.find(v.id);
  if (found != byValue_.end())
    return reference(found->second);
  const std::span<const uint8_t> data = v.data();
  const std::string symbol =
      add(fmt::format("c{}", v.id), cppType(v.type), elementsOf(v),
          std::vector<uint8_t>(data.begin(), data.end()),
          fmt::format("%{} {}x{}", v.id, ir::formatShape(v.shape), ir::elementTypeName(v.type)));
  byValue_.emplace(v.id, symbol);
  return reference(symbol);
}

template <typename T>
std::string ConstantPool::addArray(std::string stem, const std::vector<T> &values,
                                   std::string comment) {
  std::vector<std::string> elements;
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!bytes.empty())
    std::memcpy(bytes.data(), values.data(), bytes.size());
  for (T x : values) {
    if constexpr (std::is_same_v<T, float>)
      elements.push_back(floatLiteral(x));
    else if (std::is_same_v<T, int32_t> && x == INT32_MIN) // no literal of its own
      elements.push_back("(-2147483647 - 1)");
    else
      elements.push_back(fmt::format("{}", x));
  }
  std::string type = std::is_same_v<T, float>     ? "float"
                     : std::is_same_v<T, int8_t>  ? "std::int8_t"
                     : std::is_same_v<T, int16_t> ? "std::int16_t"
                                                  : "std::int32_t";
  return reference(
      add(std::move(stem), std::move(type), std::move(elements), std::move(bytes), comment));
}
template std::string ConstantPool::addArray(std::string, const std::vector<int8_t> &, std::string);
template std::string ConstantPool::addArray(std::string, const std::vector<int16_t> &, std::string);
template std::string ConstantPool::addArray(std::string, const std::vector<int32_t> &, std::string);
template std::string ConstantPool::addArray(std::string, const std::vector<float> &, std::string);

std::string ConstantPool::add(std::string stem, std::string type, std::vector<std::string> elements,
                              std::vector<uint8_t> bytes, std::string comment) {
  std::string symbol = stem;
  for (int suffix = 2; symbols_.count(symbol); ++suffix)
    symbol = fmt::format("{}_{}", stem, suffix);
  symbols_.insert(symbol);
  if (elements.empty())
    elements.push_back(type == "float" ? "0.0f" : "0"); // C++ has no zero-length arrays
  arrays_.push_back(
      {symbol, std::move(type), std::move(comment), std::move(elements), std::move(bytes)});
  return symbol;
}

std::string ConstantPool::reference(const std::string &symbol) const {
  return format_ == WeightsFormat::String ? fmt::format("weights::{}()", symbol)
                                          : fmt::format("weights::{}", symbol);
}

std::string LayerContext::pointerTo(const ir::Value &v, bool mutableData) {
  if (v.isConstant())
    return constants_.valueArray(v);
  return fmt::format("reinterpret_cast<{}{} *>(arena + {})", mutableData ? "" : "const ",
                     cppType(v.type), plan_.offsetOf(v));
}

std::string LayerContext::input(size_t operand) {
  const ir::Value *v = operand < op_.operands.size() ? op_.operands[operand] : nullptr;
  return v ? pointerTo(*v, false) : "nullptr";
}

std::string LayerContext::output(size_t result) const {
  const ir::Value &v = *op_.results[result];
  return fmt::format("reinterpret_cast<{} *>(arena + {})", cppType(v.type), plan_.offsetOf(v));
}

std::string LayerContext::state(size_t operand) const {
  const ir::Value &v = *op_.operands[operand];
  return fmt::format("reinterpret_cast<{} *>(arena + {})", cppType(v.type), plan_.offsetOf(v));
}

std::string LayerContext::scratch(std::string_view cppElementType) const {
  const int buffer = plan_.scratchOfOp[op_.index];
  return fmt::format("reinterpret_cast<{} *>(arena + {})", cppElementType,
                     plan_.buffers[size_t(buffer)].offset);
}

} // namespace litec::codegen
