#include "litec/ir/Attribute.h"

#include <fmt/format.h>

namespace litec::ir {

void AttrDict::set(std::string name, AttrValue value) {
  for (NamedAttr &entry : entries_) {
    if (entry.name == name) {
      entry.value = std::move(value);
      return;
    }
  }
  entries_.push_back({std::move(name), std::move(value)});
}

const AttrValue *AttrDict::find(std::string_view name) const {
  for (const NamedAttr &entry : entries_)
    if (entry.name == name)
      return &entry.value;
  return nullptr;
}

std::optional<int64_t> AttrDict::getInt(std::string_view name) const {
  const AttrValue *value = find(name);
  if (!value)
    return std::nullopt;
  if (const auto *i = std::get_if<int64_t>(value))
    return *i;
  if (const auto *e = std::get_if<EnumAttr>(value))
    return e->value;
  return std::nullopt;
}

std::optional<double> AttrDict::getFloat(std::string_view name) const {
  const AttrValue *value = find(name);
  if (const auto *f = value ? std::get_if<double>(value) : nullptr)
    return *f;
  return std::nullopt;
}

std::optional<bool> AttrDict::getBool(std::string_view name) const {
  const AttrValue *value = find(name);
  if (const auto *b = value ? std::get_if<bool>(value) : nullptr)
    return *b;
  return std::nullopt;
}

const EnumAttr *AttrDict::getEnum(std::string_view name) const {
  const AttrValue *value = find(name);
  return value ? std::get_if<EnumAttr>(value) : nullptr;
}

const std::vector<int64_t> *AttrDict::getInts(std::string_view name) const {
  const AttrValue *value = find(name);
  return value ? std::get_if<std::vector<int64_t>>(value) : nullptr;
}

namespace {
struct AttrFormatter {
  std::string operator()(bool b) const { return b ? "true" : "false"; }
  std::string operator()(int64_t i) const { return std::to_string(i); }
  // Shortest text that reads back as the same float (attributes are float32 in files).
  std::string operator()(double d) const { return fmt::format("{}", static_cast<float>(d)); }
  std::string operator()(const std::string &s) const {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"' || c == '\\')
        out += fmt::format("\\{}", static_cast<char>(c));
      else if (c >= 0x20 && c < 0x7f)
        out += static_cast<char>(c);
      else
        out += fmt::format("\\x{:02x}", c);
    }
    return out + "\"";
  }
  std::string operator()(const std::vector<int64_t> &v) const {
    return fmt::format("[{}]", fmt::join(v, ", "));
  }
  std::string operator()(const std::vector<double> &v) const {
    std::vector<std::string> items;
    for (double d : v)
      items.push_back((*this)(d));
    return fmt::format("[{}]", fmt::join(items, ", "));
  }
  std::string operator()(const EnumAttr &e) const { return e.valueName; }
};
} // namespace

std::string formatAttrValue(const AttrValue &value) {
  return std::visit(AttrFormatter{}, value);
}

} // namespace litec::ir
