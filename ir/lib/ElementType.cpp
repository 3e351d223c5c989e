#include "litec/ir/ElementType.h"

#include <array>

namespace litec::ir {

namespace {
struct TypeRow {
  ElementType type;
  std::string_view name;
  size_t bytes;
};
constexpr std::array<TypeRow, 8> kTypes = {{
    {ElementType::F32, "f32", 4},
    {ElementType::F16, "f16", 2},
    {ElementType::I8, "i8", 1},
    {ElementType::U8, "u8", 1},
    {ElementType::I16, "i16", 2},
    {ElementType::I32, "i32", 4},
    {ElementType::I64, "i64", 8},
    {ElementType::Bool, "bool", 1},
}};
} // namespace

std::string_view elementTypeName(ElementType type) {
  return kTypes[static_cast<size_t>(type)].name;
}

std::optional<ElementType> parseElementType(std::string_view name) {
  for (const TypeRow &row : kTypes)
    if (row.name == name)
      return row.type;
  return std::nullopt;
}

size_t elementByteSize(ElementType type) {
  return kTypes[static_cast<size_t>(type)].bytes;
}

bool isFloat(ElementType type) {
  return type == ElementType::F32 || type == ElementType::F16;
}

bool isInteger(ElementType type) {
  return !isFloat(type) && type != ElementType::Bool;
}

} // namespace litec::ir
