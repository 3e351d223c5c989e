#include "litec/codegen/ParamWriter.h"

#include <fmt/format.h>

namespace litec::codegen {

namespace {
std::string intLiteral(int64_t value) {
  // The most negative values have no literal of their own.
  if (value == INT64_MIN)
    return "(-9223372036854775807LL - 1)";
  if (value == INT32_MIN)
    return "(-2147483647 - 1)";
  return fmt::format("{}", value);
}

template <typename T, typename F>
std::string arrayDeclaration(std::string_view type, std::string_view name,
                             const std::vector<T> &values, F &&element) {
  std::string list;
  for (const T &v : values)
    list += (list.empty() ? "" : ", ") + element(v);
  // C++ has no empty arrays: an empty list is one unused zero.
  return fmt::format("{} {}[{}] = {{{}}}", type, name, std::max<size_t>(values.size(), 1),
                     values.empty() ? element(T{}) : list);
}

std::string multiplierLiteral(const runtime::QuantizedMultiplier &m) {
  return fmt::format("{{{}, {}}}", intLiteral(m.multiplier), m.shift);
}
std::string rangeLiteral(const runtime::IntRange &r) {
  return fmt::format("{{{}, {}}}", intLiteral(r.min), intLiteral(r.max));
}

// A rescaling struct's declaration from the literal of its fields; `{}` for one left zero (a
// layer without that epilogue), so that those stay one short line.
template <typename T, typename F>
std::string structDeclaration(std::string_view type, std::string_view name, const T &value,
                              F &&literal) {
  const std::string text = literal(value);
  return fmt::format("litec::runtime::{} {} = {}", type, name, text == literal(T{}) ? "{}" : text);
}
} // namespace

std::string paramDeclaration(std::string_view name, bool value) {
  return fmt::format("bool {} = {}", name, value);
}

std::string paramDeclaration(std::string_view name, int32_t value) {
  return fmt::format("std::int32_t {} = {}", name, intLiteral(value));
}

std::string paramDeclaration(std::string_view name, int64_t value) {
  return fmt::format("std::int64_t {} = {}", name, intLiteral(value));
}

std::string paramDeclaration(std::string_view name, float value) {
  return fmt::format("float {} = {}", name, floatLiteral(value));
}

std::string paramDeclaration(std::string_view name, double value) {
  // The shortest text that reads back as the same double.
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".en") == std::string::npos)
    text += ".0";
  return fmt::format("double {} = {}", name, text);
}

std::string paramDeclaration(std::string_view name, const runtime::QuantizedMultiplier &value) {
  return fmt::format("litec::runtime::QuantizedMultiplier {} = {}", name, multiplierLiteral(value));
}

std::string paramDeclaration(std::string_view name, const runtime::IntRange &value) {
  return fmt::format("litec::runtime::IntRange {} = {}", name, rangeLiteral(value));
}

std::string paramDeclaration(std::string_view name, const runtime::FloatRange &value) {
  return fmt::format("litec::runtime::FloatRange {} = {{{}, {}}}", name, floatLiteral(value.min),
                     floatLiteral(value.max));
}

std::string paramDeclaration(std::string_view name, const runtime::AddRescale &value) {
  return structDeclaration("AddRescale", name, value, [](const runtime::AddRescale &r) {
    return fmt::format("{{{}, {}, {}, {}, {}, {}, {}, {}}}", intLiteral(r.input1Offset),
                       intLiteral(r.input2Offset), r.leftShift, multiplierLiteral(r.input1),
                       multiplierLiteral(r.input2), multiplierLiteral(r.output),
                       intLiteral(r.outputOffset), rangeLiteral(r.range));
  });
}

std::string paramDeclaration(std::string_view name, const runtime::PreluRescale &value) {
  return structDeclaration("PreluRescale", name, value, [](const runtime::PreluRescale &r) {
    return fmt::format("{{{}, {}, {}, {}, {}, {}}}", intLiteral(r.inputOffset),
                       intLiteral(r.alphaOffset), multiplierLiteral(r.positive),
                       multiplierLiteral(r.negative), intLiteral(r.outputOffset),
                       rangeLiteral(r.range));
  });
}

std::string paramDeclaration(std::string_view name, const runtime::HardSwishRescale &value) {
  return structDeclaration("HardSwishRescale", name, value, [](const runtime::HardSwishRescale &r) {
    return fmt::format("{{{}, {}, {}, {}, {}, {}}}", intLiteral(r.inputZeroPoint),
                       intLiteral(r.outputZeroPoint), r.outputMultiplier, r.reluishMultiplier,
                       r.outputExponent, r.reluishExponent);
  });
}

std::string paramDeclaration(std::string_view name, runtime::LstmActivation value) {
  return fmt::format("litec::runtime::LstmActivation {} = litec::runtime::LstmActivation::{}", name,
                     runtime::name(value));
}

std::string paramDeclaration(std::string_view name, const std::vector<int32_t> &values) {
  return arrayDeclaration("std::int32_t", name, values, [](int32_t v) { return intLiteral(v); });
}

std::string paramDeclaration(std::string_view name, const std::vector<int64_t> &values) {
  return arrayDeclaration("std::int64_t", name, values, [](int64_t v) { return intLiteral(v); });
}

std::string paramDeclaration(std::string_view name, const std::vector<float> &values) {
  return arrayDeclaration("float", name, values, [](float v) { return floatLiteral(v); });
}

std::string paramDeclaration(std::string_view name,
                             const std::vector<runtime::QuantizedMultiplier> &values) {
  return arrayDeclaration("litec::runtime::QuantizedMultiplier", name, values, multiplierLiteral);
}

} // namespace litec::codegen
