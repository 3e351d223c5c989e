#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace litec::ir {

// A value of an enumeration from the model format (Padding, ActivationFunctionType, ...):
// the numeric value is what the semantics use, the name is what people read.
struct EnumAttr {
  std::string enumName;
  std::string valueName;
  int64_t value = 0;
  bool operator==(const EnumAttr &) const = default;
};

using AttrValue = std::variant<bool, int64_t, double, std::string, std::vector<int64_t>,
                               std::vector<double>, EnumAttr>;

struct NamedAttr {
  std::string name;
  AttrValue value;
  bool operator==(const NamedAttr &) const = default;
};

// An operator's typed attributes, in the order of its options table's fields.
class AttrDict {
public:
  void set(std::string name, AttrValue value);
  const AttrValue *find(std::string_view name) const;

  std::optional<int64_t> getInt(std::string_view name) const;
  std::optional<double> getFloat(std::string_view name) const;
  std::optional<bool> getBool(std::string_view name) const;
  const EnumAttr *getEnum(std::string_view name) const;
  const std::vector<int64_t> *getInts(std::string_view name) const;

  const std::vector<NamedAttr> &entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  bool operator==(const AttrDict &) const = default;

private:
  std::vector<NamedAttr> entries_;
};

// "3", "1.5", "true", "SAME", "[1, 2]", "\"text\"": the printer's and inspect's notation.
std::string formatAttrValue(const AttrValue &value);

} // namespace litec::ir
