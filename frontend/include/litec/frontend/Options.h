#pragma once

#include "litec/ir/Attribute.h"
#include "litec/ir/OpKind.h"

#include <llvm/Support/Error.h>

namespace litec::frontend {

// The attributes an op of `kind` has when its file gives no options table: every field of its
// options table at the schema's default. Empty for ops without options. Code that builds ops
// (tests, passes) starts from these and overrides what it sets.
llvm::Expected<ir::AttrDict> defaultOptions(ir::OpKind kind);

// The value `valueName` of the schema's enum `enumName` ("Padding", "SAME"), or an error listing
// what the enum defines.
llvm::Expected<ir::EnumAttr> enumAttr(std::string_view enumName, std::string_view valueName);

} // namespace litec::frontend
