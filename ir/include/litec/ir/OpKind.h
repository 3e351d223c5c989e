#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace litec::ir {

// Every TensorFlow Lite builtin operator, with its code in .tflite files as the value.
// Custom operators are OpKind::CUSTOM with a custom code on the op.
enum class OpKind : int32_t {
#define LITEC_OP(NAME, CODE, OPTIONS, UNION, MIN_IN, MAX_IN, MIN_OUT, MAX_OUT) NAME = CODE,
#include "litec/ir/OpKinds.def"
};

// One row of OpKinds.def.
struct OpKindInfo {
  OpKind kind;
  std::string_view name;         // as in TFLite's BuiltinOperator enum, e.g. "CONV_2D"
  std::string_view optionsTable; // "" when the op has no options
  int optionsUnion;              // 0 none, 1 builtin_options, 2 builtin_options_2
  int minInputs, maxInputs, minOutputs, maxOutputs; // -1: not checked
};

// nullptr for a code that names no operator (including the placeholder code 127).
const OpKindInfo *lookupOpKind(int32_t code);
const OpKindInfo &opKindInfo(OpKind kind);
std::optional<OpKind> parseOpKind(std::string_view name);
int32_t maxOpKindCode();

} // namespace litec::ir
