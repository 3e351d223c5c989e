#include "litec/ir/ElementType.h"

#include <array>
#include <cmath>
#include <cstring>
#include <limits>

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

// IEEE 754 binary16 to binary32, exact for every value (subnormals, infinities, NaNs).
float halfToFloat(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000) << 16;
  const uint32_t exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  float magnitude;
  if (exponent == 0)
    magnitude = std::ldexp(float(mantissa), -24);
  else if (exponent == 31)
    magnitude =
        mantissa ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
  else
    magnitude = std::ldexp(float(mantissa | 0x400), int(exponent) - 25);
  uint32_t bits;
  std::memcpy(&bits, &magnitude, 4);
  bits |= sign;
  float result;
  std::memcpy(&result, &bits, 4);
  return result;
}

double loadAsDouble(const uint8_t *data, ElementType type, int64_t index) {
  auto load = [&]<typename T>(T) {
    T v;
    std::memcpy(&v, data + int64_t(sizeof(T)) * index, sizeof(T));
    return v;
  };
  switch (type) {
  case ElementType::F32:
    return load(float{});
  case ElementType::F16:
    return halfToFloat(load(uint16_t{}));
  case ElementType::I8:
    return load(int8_t{});
  case ElementType::U8:
  case ElementType::Bool:
    return load(uint8_t{});
  case ElementType::I16:
    return load(int16_t{});
  case ElementType::I32:
    return load(int32_t{});
  case ElementType::I64:
    return double(load(int64_t{}));
  }
  return 0;
}

} // namespace litec::ir
