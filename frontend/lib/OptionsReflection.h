#pragma once

// Reads and writes operator options tables through the binary schema embedded in the
// library, so that the typed attributes of every TFLite operator come from one definition:
// frontend/tflite.fbs.

#include "litec/ir/Attribute.h"

#include <flatbuffers/flatbuffers.h>
#include <llvm/Support/Error.h>

#include <string_view>

namespace litec::frontend {

// The name of the table with union tag `tag` in options union 1 or 2 ("" if out of range).
std::string_view optionsTableForTag(int unionIndex, uint8_t tag);
// The union tag of `table` in options union 1 or 2 (0 if absent).
uint8_t tagForOptionsTable(int unionIndex, std::string_view table);

// Every non-deprecated field of the options table `tableName` at `table` (nullptr: all
// defaults), in declaration order. Enum fields become EnumAttr; an enum value the schema
// does not define is an error.
llvm::Expected<ir::AttrDict> readOptions(std::string_view tableName,
                                         const flatbuffers::Table *table);

// Builds the options table `tableName` from `attrs` (missing fields take their defaults; a
// name the table does not have is an error).
llvm::Expected<flatbuffers::Offset<void>> writeOptions(flatbuffers::FlatBufferBuilder &builder,
                                                       std::string_view tableName,
                                                       const ir::AttrDict &attrs);

} // namespace litec::frontend
