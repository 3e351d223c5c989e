#pragma once

// What the generated option readers (Options.cpp) share: one reader per table that takes each
// field from the attributes with its schema type and keeps the first problem as the error.

#include "litec/ir/Attribute.h"

#include <fmt/format.h>
#include <llvm/Support/Error.h>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace litec::ir::options {

class OptionReader {
public:
  OptionReader(const AttrDict &attrs, std::string_view table) : attrs_(attrs), table_(table) {}

  void boolean(std::string_view name, bool &out) {
    if (const bool *v = get<bool>(name, "a bool"))
      out = *v;
  }
  template <typename Int> void integer(std::string_view name, Int &out) {
    if (const int64_t *v = get<int64_t>(name, "an integer"))
      out = narrowed<Int>(name, *v);
  }
  template <typename Float> void real(std::string_view name, Float &out) {
    if (const double *v = get<double>(name, "a number"))
      out = Float(*v);
  }
  void text(std::string_view name, std::string &out) {
    if (const std::string *v = get<std::string>(name, "a string"))
      out = *v;
  }
  template <typename Int> void integers(std::string_view name, std::vector<Int> &out) {
    if (const auto *v = get<std::vector<int64_t>>(name, "a list of integers"))
      for (int64_t element : *v)
        out.push_back(narrowed<Int>(name, element));
  }
  void reals(std::string_view name, std::vector<float> &out) {
    if (const auto *v = get<std::vector<double>>(name, "a list of numbers"))
      for (double element : *v)
        out.push_back(float(element));
  }
  template <typename Enum>
  void enumeration(std::string_view name, std::string_view enumName, Enum &out) {
    const EnumAttr *v = get<EnumAttr>(name, "an enum value");
    if (!v)
      return;
    if (v->enumName != enumName)
      return fail(fmt::format("attribute {} of {} is a {} value, expected {}", name, table_,
                              v->enumName, enumName));
    out = static_cast<Enum>(v->value);
  }

  llvm::Error takeError() {
    if (problem_.empty())
      return llvm::Error::success();
    return llvm::createStringError(llvm::inconvertibleErrorCode(), problem_);
  }

private:
  template <typename T> const T *get(std::string_view name, const char *what) {
    const AttrValue *value = attrs_.find(name);
    if (!value) {
      fail(fmt::format("attribute {} of {} is missing", name, table_));
      return nullptr;
    }
    const T *typed = std::get_if<T>(value);
    if (!typed)
      fail(fmt::format("attribute {} of {} is {}, expected {}", name, table_,
                       formatAttrValue(*value), what));
    return typed;
  }
  template <typename Int> Int narrowed(std::string_view name, int64_t value) {
    if (value < int64_t(std::numeric_limits<Int>::min()) ||
        value > int64_t(std::numeric_limits<Int>::max())) {
      fail(fmt::format("attribute {} of {} is {}, out of range", name, table_, value));
      return Int();
    }
    return Int(value);
  }
  void fail(std::string message) {
    if (problem_.empty())
      problem_ = std::move(message);
  }

  const AttrDict &attrs_;
  std::string_view table_;
  std::string problem_;
};

} // namespace litec::ir::options
