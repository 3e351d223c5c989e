#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace litec::ir {

// Every TensorFlow Lite builtin operator, with its code in .tflite files as the value.
// Custom operators are OpKind::CUSTOM with a custom code on the op.
enum class OpKind : int32_t {
#define LITEC_OP(NAME, CODE, OPTIONS, UNION, MIN_IN, MAX_IN, MIN_OUT, MAX_OUT, TRAITS, FAMILY)     \
  NAME = CODE,
#include "litec/ir/OpKinds.def"
};

// What passes, the verifier and targets may rely on about an operator kind (OpKinds.def's
// TRAITS column says which kinds have which; its header says what each means).
enum class OpTrait : uint32_t {
  Unary = 1u << 0,
  Binary = 1u << 1,
  Activation = 1u << 2,
  SameType = 1u << 3,
  Alias = 1u << 4,
  Foldable = 1u << 5,
  Commutative = 1u << 6,
  Stateful = 1u << 7,
  Comparison = 1u << 8,
  SameShape = 1u << 9,
  FusedActivation = 1u << 10,
};

// The operator families of OpKinds.def's FAMILY column: the ops one preparation, one reference
// kernel and one emitter per target handle together (CONV_2D and DEPTHWISE_CONV_2D are
// Convolution). A family's files carry its name in every folder. OpFamily::None: no kernel yet.
// clang-format off
#define LITEC_OP_FAMILIES(X) \
  X(Activations) \
  X(ArgMinMax) \
  X(BatchMatMul) \
  X(Binary) \
  X(Cast) \
  X(Concatenation) \
  X(Convolution) \
  X(Densify) \
  X(DepthToSpace) \
  X(FullyConnected) \
  X(Gather) \
  X(Lstm) \
  X(MirrorPad) \
  X(Pad) \
  X(Pooling) \
  X(Quantization) \
  X(Reduce) \
  X(Reshape) \
  X(Resize) \
  X(Slicing) \
  X(Softmax) \
  X(Svdf) \
  X(Transpose) \
  X(TransposeConvolution) \
  X(Unary)
// clang-format on
enum class OpFamily : uint8_t {
  None,
#define LITEC_OP_FAMILY_ENUMERATOR(F) F,
  LITEC_OP_FAMILIES(LITEC_OP_FAMILY_ENUMERATOR)
#undef LITEC_OP_FAMILY_ENUMERATOR
};
std::string_view opFamilyName(OpFamily family);

// One row of OpKinds.def.
struct OpKindInfo {
  OpKind kind;
  std::string_view name;         // as in TFLite's BuiltinOperator enum, e.g. "CONV_2D"
  std::string_view optionsTable; // "" when the op has no options
  int optionsUnion;              // 0 none, 1 builtin_options, 2 builtin_options_2
  int minInputs, maxInputs, minOutputs, maxOutputs; // -1: not checked
  uint32_t traits;                                  // OpTrait bits
  OpFamily family;

  bool has(OpTrait trait) const { return (traits & static_cast<uint32_t>(trait)) != 0; }
};

// litec's private operators, the fused ops its passes make, have codes from here up (rows at
// the end of OpKinds.def): they are reached by name (the IR text form), never from a .tflite
// file's code, and the writer refuses them.
inline constexpr int32_t kFirstPrivateOpCode = 1000;
inline bool isPrivateOpKind(OpKind kind) {
  return static_cast<int32_t>(kind) >= kFirstPrivateOpCode;
}

// A fused convolution (the LITEC_*CONV_2D_* rows of OpKinds.def): the builtin convolution whose
// options, operands 0-2 and shape rules it keeps, and the op its epilogue computes (ADD, PRELU
// or HARD_SWISH).
struct FusedConvolution {
  OpKind kind, convolution, epilogue;
};
std::optional<FusedConvolution> fusedConvolution(OpKind kind);
// The fused kind for a convolution followed by `epilogue`, if litec has one.
std::optional<OpKind> fusedConvolutionKind(OpKind convolution, OpKind epilogue);
// CONV_2D or DEPTHWISE_CONV_2D for those and their fused forms; `kind` itself otherwise.
OpKind convolutionBase(OpKind kind);

// The builtin operator of a .tflite file's code; nullptr for a code that names none (including
// the placeholder code 127 and litec's private codes).
const OpKindInfo *lookupOpKind(int32_t code);
const OpKindInfo &opKindInfo(OpKind kind);
inline bool hasTrait(OpKind kind, OpTrait trait) {
  return opKindInfo(kind).has(trait);
}
std::optional<OpKind> parseOpKind(std::string_view name);
int32_t maxOpKindCode();

} // namespace litec::ir
