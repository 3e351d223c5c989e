#pragma once

// Writes a prepared parameter struct (litec/ir/ops/) into a layer's parameter struct: one
// `static constexpr` member per field the struct's visit() names, with the field's name and
// type, so that a kernel template reads p.field in generated code exactly as it reads it from
// the prepared struct in its unit test. No target writes parameters by hand.

#include "litec/codegen/LayerContext.h"
#include "litec/runtime/Params.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace litec::codegen {

// The declaration of one member ("std::int32_t padTop = 1").
std::string paramDeclaration(std::string_view name, bool value);
std::string paramDeclaration(std::string_view name, int32_t value);
std::string paramDeclaration(std::string_view name, int64_t value);
std::string paramDeclaration(std::string_view name, float value);
std::string paramDeclaration(std::string_view name, double value);
std::string paramDeclaration(std::string_view name, const runtime::QuantizedMultiplier &value);
std::string paramDeclaration(std::string_view name, const runtime::IntRange &value);
std::string paramDeclaration(std::string_view name, const runtime::FloatRange &value);
std::string paramDeclaration(std::string_view name, const std::vector<int32_t> &values);
std::string paramDeclaration(std::string_view name, const std::vector<int64_t> &values);
std::string paramDeclaration(std::string_view name, const std::vector<float> &values);
std::string paramDeclaration(std::string_view name,
                             const std::vector<runtime::QuantizedMultiplier> &values);
template <size_t N>
std::string paramDeclaration(std::string_view name, const std::array<int32_t, N> &values) {
  return paramDeclaration(name, std::vector<int32_t>(values.begin(), values.end()));
}

template <typename T> struct IsVector : std::false_type {};
template <typename T> struct IsVector<std::vector<T>> : std::true_type {};

// Empty lists are left out: a field a kernel variant does not use stays empty (a nearest
// resize has no bilinear samples), and that kernel does not name it.
template <typename Params> void writeParams(LayerContext &layer, const Params &params) {
  params.visit([&](const char *name, const auto &value) {
    if constexpr (IsVector<std::decay_t<decltype(value)>>::value)
      if (value.empty())
        return;
    layer.param(paramDeclaration(name, value));
  });
}

} // namespace litec::codegen
