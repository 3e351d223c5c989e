#pragma once

// Writes a prepared parameter struct (litec/ir/ops/) into a layer's parameter struct: one
// `static constexpr` member per field the struct's visit() names, with the field's name and
// type, so that a kernel template reads p.field in generated code exactly as it reads it from
// the prepared struct in its unit test. No target writes parameters by hand.

#include "litec/codegen/LayerContext.h"
#include "litec/runtime/Operators.h"
#include "litec/runtime/Params.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
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
std::string paramDeclaration(std::string_view name, const runtime::AddRescale &value);
std::string paramDeclaration(std::string_view name, const runtime::PreluRescale &value);
std::string paramDeclaration(std::string_view name, const runtime::HardSwishRescale &value);
std::string paramDeclaration(std::string_view name, runtime::LstmActivation value);
template <size_t N>
std::string paramDeclaration(std::string_view name, const std::array<int32_t, N> &values) {
  return paramDeclaration(name, std::vector<int32_t>(values.begin(), values.end()));
}

// Every field is written, so that any kernel compiles against any prepared struct; an empty
// list (a field the kernel variant does not use, or a dimension list of a scalar) becomes one
// unused zero, C++ having no empty arrays.
template <typename Params> void writeParams(LayerContext &layer, const Params &params) {
  params.visit(
      [&](const char *name, const auto &value) { layer.param(paramDeclaration(name, value)); });
}

} // namespace litec::codegen
