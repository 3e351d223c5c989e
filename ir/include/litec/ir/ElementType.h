#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace litec::ir {

// The element types a litec value can hold.
enum class ElementType : uint8_t { F32, F16, I8, U8, I16, I32, I64, Bool };

// Short name used by the printer and the JSON output: f32, f16, i8, u8, i16, i32, i64, bool.
std::string_view elementTypeName(ElementType type);
std::optional<ElementType> parseElementType(std::string_view name);
size_t elementByteSize(ElementType type);
bool isFloat(ElementType type);
bool isInteger(ElementType type);

// IEEE 754 binary16 to binary32, exact for every value (subnormals, infinities, NaNs).
float halfToFloat(uint16_t bits);

// Element `index` of a dense tensor of `type` as a double: exact but for int64 values beyond
// 2^53; f16 through halfToFloat, bool as 0 or 1.
double loadAsDouble(const uint8_t *data, ElementType type, int64_t index);

} // namespace litec::ir
