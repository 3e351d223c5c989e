#include "OptionsReflection.h"

#include "litec/frontend/Options.h"

#include "litec/frontend/tflite_bfbs_generated.h"

#include <flatbuffers/reflection.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace litec::frontend {

namespace {
const reflection::Schema &schema() {
  static const reflection::Schema *loaded =
      reflection::GetSchema(tflite::ModelBinarySchema::data());
  return *loaded;
}

llvm::Error fail(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

const reflection::Enum *optionsUnion(int unionIndex) {
  return schema().enums()->LookupByKey(unionIndex == 2 ? "tflite.BuiltinOptions2"
                                                       : "tflite.BuiltinOptions");
}

const reflection::Object *findTable(std::string_view tableName) {
  std::string qualified = "tflite." + std::string(tableName);
  return schema().objects()->LookupByKey(qualified.c_str());
}

// Fields in declaration order (the binary schema sorts them by name).
std::vector<const reflection::Field *> fieldsInOrder(const reflection::Object &object) {
  std::vector<const reflection::Field *> fields(object.fields()->begin(), object.fields()->end());
  std::sort(fields.begin(), fields.end(),
            [](const auto *a, const auto *b) { return a->id() < b->id(); });
  return fields;
}

bool isIntegerType(reflection::BaseType type) {
  return type >= reflection::Bool && type <= reflection::ULong;
}

bool isFloatType(reflection::BaseType type) {
  return type == reflection::Float || type == reflection::Double;
}

size_t scalarSize(reflection::BaseType type) {
  static constexpr size_t kSizes[] = {0, 0, 1, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8};
  return static_cast<size_t>(type) < std::size(kSizes) ? kSizes[type] : 0;
}

// Element `index` of a vector of scalars, converted to T. The verifier guarantees only 4-byte
// alignment of a vector, so elements are copied out bytewise rather than loaded in place.
template <typename T>
T readVectorElement(const flatbuffers::VectorOfAny *vector, reflection::BaseType element,
                    size_t index) {
  const uint8_t *at = vector->Data() + index * scalarSize(element);
  auto load = [at](auto zero) {
    decltype(zero) v;
    std::memcpy(&v, at, sizeof v);
    return static_cast<T>(v);
  };
  switch (element) {
  case reflection::Bool:
  case reflection::UByte:
    return load(uint8_t());
  case reflection::Byte:
    return load(int8_t());
  case reflection::Short:
    return load(int16_t());
  case reflection::UShort:
    return load(uint16_t());
  case reflection::Int:
    return load(int32_t());
  case reflection::UInt:
    return load(uint32_t());
  case reflection::Long:
    return load(int64_t());
  case reflection::ULong:
    return load(uint64_t());
  case reflection::Float:
    return load(float());
  case reflection::Double:
    return load(double());
  default:
    return T();
  }
}

llvm::Expected<ir::AttrValue> readEnum(const reflection::Field &field, int64_t value) {
  const reflection::Enum *enumDef = schema().enums()->Get(field.type()->index());
  const reflection::EnumVal *enumValue = enumDef->values()->LookupByKey(value);
  std::string enumName = enumDef->name()->str();
  if (enumName.rfind("tflite.", 0) == 0)
    enumName = enumName.substr(7);
  if (!enumValue)
    return fail(fmt::format("attribute {} has value {}, which {} does not define",
                            field.name()->str(), value, enumName));
  return ir::EnumAttr{enumName, enumValue->name()->str(), value};
}

llvm::Expected<ir::AttrValue> readField(const reflection::Field &field,
                                        const flatbuffers::Table *table) {
  reflection::BaseType type = field.type()->base_type();
  if (type == reflection::Bool)
    return ir::AttrValue(table ? flatbuffers::GetAnyFieldI(*table, field) != 0
                               : field.default_integer() != 0);
  if (isIntegerType(type)) {
    int64_t value = table ? flatbuffers::GetAnyFieldI(*table, field) : field.default_integer();
    if (field.type()->index() >= 0)
      return readEnum(field, value);
    return ir::AttrValue(value);
  }
  if (isFloatType(type))
    return ir::AttrValue(table ? flatbuffers::GetAnyFieldF(*table, field) : field.default_real());
  if (type == reflection::String) {
    const flatbuffers::String *text = table ? flatbuffers::GetFieldS(*table, field) : nullptr;
    return ir::AttrValue(text ? text->str() : std::string());
  }
  if (type == reflection::Vector) {
    reflection::BaseType element = field.type()->element();
    const flatbuffers::VectorOfAny *vector =
        table ? flatbuffers::GetFieldAnyV(*table, field) : nullptr;
    size_t size = vector ? vector->size() : 0;
    if (isFloatType(element)) {
      std::vector<double> values;
      for (size_t i = 0; i < size; ++i)
        values.push_back(readVectorElement<double>(vector, element, i));
      return ir::AttrValue(values);
    }
    if (isIntegerType(element)) {
      std::vector<int64_t> values;
      for (size_t i = 0; i < size; ++i)
        values.push_back(readVectorElement<int64_t>(vector, element, i));
      return ir::AttrValue(values);
    }
  }
  return fail(fmt::format("attribute {} has a type litec does not read", field.name()->str()));
}

template <typename T>
void addScalar(flatbuffers::FlatBufferBuilder &builder, const reflection::Field &field, T value,
               T defaultValue) {
  builder.AddElement<T>(field.offset(), value, defaultValue);
}

// Writes one scalar field with the width its schema type has.
void addScalarField(flatbuffers::FlatBufferBuilder &builder, const reflection::Field &field,
                    int64_t i, double f) {
  int64_t di = field.default_integer();
  switch (field.type()->base_type()) {
  case reflection::Bool:
  case reflection::UByte:
    return addScalar<uint8_t>(builder, field, uint8_t(i), uint8_t(di));
  case reflection::Byte:
    return addScalar<int8_t>(builder, field, int8_t(i), int8_t(di));
  case reflection::Short:
    return addScalar<int16_t>(builder, field, int16_t(i), int16_t(di));
  case reflection::UShort:
    return addScalar<uint16_t>(builder, field, uint16_t(i), uint16_t(di));
  case reflection::Int:
    return addScalar<int32_t>(builder, field, int32_t(i), int32_t(di));
  case reflection::UInt:
    return addScalar<uint32_t>(builder, field, uint32_t(i), uint32_t(di));
  case reflection::Long:
    return addScalar<int64_t>(builder, field, i, di);
  case reflection::ULong:
    return addScalar<uint64_t>(builder, field, uint64_t(i), uint64_t(di));
  case reflection::Float:
    return addScalar<float>(builder, field, float(f), float(field.default_real()));
  case reflection::Double:
    return addScalar<double>(builder, field, f, field.default_real());
  default:
    return;
  }
}

// Builds a vector field's contents; returns a null offset for an empty vector.
flatbuffers::uoffset_t writeVector(flatbuffers::FlatBufferBuilder &builder,
                                   reflection::BaseType element, const ir::AttrValue &value) {
  size_t width = scalarSize(element);
  std::vector<uint8_t> bytes;
  auto append = [&](int64_t i, double f) {
    uint8_t raw[8] = {};
    if (element == reflection::Float) {
      float v = float(f);
      std::memcpy(raw, &v, 4);
    } else if (element == reflection::Double) {
      std::memcpy(raw, &f, 8);
    } else {
      std::memcpy(raw, &i, width); // little-endian truncation
    }
    bytes.insert(bytes.end(), raw, raw + width);
  };
  if (const auto *ints = std::get_if<std::vector<int64_t>>(&value))
    for (int64_t i : *ints)
      append(i, double(i));
  if (const auto *floats = std::get_if<std::vector<double>>(&value))
    for (double f : *floats)
      append(int64_t(f), f);
  if (bytes.empty() || width == 0)
    return 0;
  builder.StartVector(bytes.size() / width, width);
  builder.PushBytes(bytes.data(), bytes.size());
  return builder.EndVector(bytes.size() / width);
}
} // namespace

std::string_view optionsTableForTag(int unionIndex, uint8_t tag) {
  const reflection::EnumVal *value = optionsUnion(unionIndex)->values()->LookupByKey(tag);
  if (!value || tag == 0)
    return "";
  return value->name()->string_view();
}

uint8_t tagForOptionsTable(int unionIndex, std::string_view table) {
  for (const reflection::EnumVal *value : *optionsUnion(unionIndex)->values())
    if (value->value() != 0 && value->name()->string_view() == table)
      return static_cast<uint8_t>(value->value());
  return 0;
}

llvm::Expected<ir::AttrDict> readOptions(std::string_view tableName,
                                         const flatbuffers::Table *table) {
  ir::AttrDict attrs;
  const reflection::Object *object = findTable(tableName);
  if (!object)
    return fail(fmt::format("options table {} is not in the schema", tableName));
  for (const reflection::Field *field : fieldsInOrder(*object)) {
    if (field->deprecated())
      continue;
    auto value = readField(*field, table);
    if (!value)
      return value.takeError();
    attrs.set(field->name()->str(), std::move(*value));
  }
  return attrs;
}

llvm::Expected<flatbuffers::Offset<void>> writeOptions(flatbuffers::FlatBufferBuilder &builder,
                                                       std::string_view tableName,
                                                       const ir::AttrDict &attrs) {
  const reflection::Object *object = findTable(tableName);
  if (!object)
    return fail(fmt::format("options table {} is not in the schema", tableName));
  for (const ir::NamedAttr &attr : attrs.entries())
    if (!object->fields()->LookupByKey(attr.name.c_str()))
      return fail(fmt::format("{} has no field {}", tableName, attr.name));

  // Offsets (strings, vectors) must be built before the table that refers to them.
  std::vector<std::pair<const reflection::Field *, flatbuffers::uoffset_t>> offsets;
  for (const reflection::Field *field : fieldsInOrder(*object)) {
    const ir::AttrValue *value = attrs.find(field->name()->string_view());
    if (!value || field->deprecated())
      continue;
    reflection::BaseType type = field->type()->base_type();
    flatbuffers::uoffset_t offset = 0;
    if (type == reflection::String) {
      const auto *text = std::get_if<std::string>(value);
      if (text && !text->empty())
        offset = builder.CreateString(*text).o;
    } else if (type == reflection::Vector) {
      offset = writeVector(builder, field->type()->element(), *value);
    }
    if (offset)
      offsets.emplace_back(field, offset);
  }

  flatbuffers::uoffset_t start = builder.StartTable();
  for (const auto &[field, offset] : offsets)
    builder.AddOffset(field->offset(), flatbuffers::Offset<void>(offset));
  for (const reflection::Field *field : fieldsInOrder(*object)) {
    const ir::AttrValue *value = attrs.find(field->name()->string_view());
    if (!value || field->deprecated())
      continue;
    int64_t i = 0;
    double f = 0;
    if (const auto *b = std::get_if<bool>(value))
      i = *b;
    else if (const auto *n = std::get_if<int64_t>(value))
      i = *n, f = double(*n);
    else if (const auto *d = std::get_if<double>(value))
      f = *d, i = int64_t(*d);
    else if (const auto *e = std::get_if<ir::EnumAttr>(value))
      i = e->value;
    else
      continue;
    addScalarField(builder, *field, i, f);
  }
  return flatbuffers::Offset<void>(builder.EndTable(start));
}

llvm::Expected<ir::EnumAttr> enumAttr(std::string_view enumName, std::string_view valueName) {
  const std::string qualified = "tflite." + std::string(enumName);
  const reflection::Enum *enumDef = schema().enums()->LookupByKey(qualified.c_str());
  if (!enumDef)
    return fail(fmt::format("the schema has no enum {}", enumName));
  std::string known;
  for (const reflection::EnumVal *value : *enumDef->values()) {
    if (value->name()->string_view() == valueName)
      return ir::EnumAttr{std::string(enumName), std::string(valueName), value->value()};
    known += (known.empty() ? "" : ", ") + value->name()->str();
  }
  return fail(fmt::format("{} has no value {} (it has {})", enumName, valueName, known));
}

llvm::Expected<ir::AttrDict> defaultOptions(ir::OpKind kind) {
  const ir::OpKindInfo &info = ir::opKindInfo(kind);
  if (info.optionsTable.empty())
    return ir::AttrDict();
  return readOptions(info.optionsTable, nullptr);
}

} // namespace litec::frontend
