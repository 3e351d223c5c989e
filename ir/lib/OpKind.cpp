#include "litec/ir/OpKind.h"

#include <algorithm>
#include <array>

namespace litec::ir {

namespace {
// The trait names OpKinds.def spells, as bits.
namespace trait_bits {
constexpr uint32_t Unary = uint32_t(OpTrait::Unary), Binary = uint32_t(OpTrait::Binary),
                   Activation = uint32_t(OpTrait::Activation),
                   SameType = uint32_t(OpTrait::SameType), Alias = uint32_t(OpTrait::Alias),
                   Foldable = uint32_t(OpTrait::Foldable),
                   Commutative = uint32_t(OpTrait::Commutative),
                   Stateful = uint32_t(OpTrait::Stateful),
                   Comparison = uint32_t(OpTrait::Comparison),
                   SameShape = uint32_t(OpTrait::SameShape),
                   FusedActivation = uint32_t(OpTrait::FusedActivation);
} // namespace trait_bits

constexpr OpKindInfo kOpKinds[] = {
#define LITEC_OP(NAME, CODE, OPTIONS, UNION, MIN_IN, MAX_IN, MIN_OUT, MAX_OUT, TRAITS, FAMILY)     \
  {OpKind::NAME,                                                                                   \
   #NAME,                                                                                          \
   OPTIONS,                                                                                        \
   UNION,                                                                                          \
   MIN_IN,                                                                                         \
   MAX_IN,                                                                                         \
   MIN_OUT,                                                                                        \
   MAX_OUT,                                                                                        \
   [] {                                                                                            \
     using namespace trait_bits;                                                                   \
     return uint32_t(TRAITS);                                                                      \
   }(),                                                                                            \
   OpFamily::FAMILY},
#include "litec/ir/OpKinds.def"
};

constexpr int32_t kMaxCode = [] {
  int32_t m = 0;
  for (const OpKindInfo &info : kOpKinds)
    m = std::max(m, static_cast<int32_t>(info.kind));
  return m;
}();

// Dense lookup by code; codes without an operator map to nullptr.
const std::array<const OpKindInfo *, kMaxCode + 1> &byCode() {
  static const auto table = [] {
    std::array<const OpKindInfo *, kMaxCode + 1> t{};
    for (const OpKindInfo &info : kOpKinds)
      if (info.name != "PLACEHOLDER_FOR_GREATER_OP_CODES")
        t[static_cast<size_t>(info.kind)] = &info;
    return t;
  }();
  return table;
}

const OpKindInfo *infoOf(int32_t code) {
  if (code < 0 || code > kMaxCode)
    return nullptr;
  return byCode()[static_cast<size_t>(code)];
}
} // namespace

const OpKindInfo *lookupOpKind(int32_t code) {
  return code >= kFirstPrivateOpCode ? nullptr : infoOf(code);
}

const OpKindInfo &opKindInfo(OpKind kind) {
  return *infoOf(static_cast<int32_t>(kind));
}

namespace {
constexpr FusedConvolution kFusedConvolutions[] = {
    {OpKind::LITEC_CONV_2D_RESIDUAL, OpKind::CONV_2D, OpKind::ADD},
    {OpKind::LITEC_DEPTHWISE_CONV_2D_RESIDUAL, OpKind::DEPTHWISE_CONV_2D, OpKind::ADD},
    {OpKind::LITEC_CONV_2D_PRELU, OpKind::CONV_2D, OpKind::PRELU},
    {OpKind::LITEC_DEPTHWISE_CONV_2D_PRELU, OpKind::DEPTHWISE_CONV_2D, OpKind::PRELU},
    {OpKind::LITEC_CONV_2D_HARD_SWISH, OpKind::CONV_2D, OpKind::HARD_SWISH},
    {OpKind::LITEC_DEPTHWISE_CONV_2D_HARD_SWISH, OpKind::DEPTHWISE_CONV_2D, OpKind::HARD_SWISH},
};
} // namespace

std::optional<FusedConvolution> fusedConvolution(OpKind kind) {
  for (const FusedConvolution &fused : kFusedConvolutions)
    if (fused.kind == kind)
      return fused;
  return std::nullopt;
}

std::optional<OpKind> fusedConvolutionKind(OpKind convolution, OpKind epilogue) {
  for (const FusedConvolution &fused : kFusedConvolutions)
    if (fused.convolution == convolution && fused.epilogue == epilogue)
      return fused.kind;
  return std::nullopt;
}

OpKind convolutionBase(OpKind kind) {
  const std::optional<FusedConvolution> fused = fusedConvolution(kind);
  return fused ? fused->convolution : kind;
}

std::optional<OpKind> parseOpKind(std::string_view name) {
  for (const OpKindInfo &info : kOpKinds)
    if (info.name == name)
      return info.kind;
  return std::nullopt;
}

std::string_view opFamilyName(OpFamily family) {
  switch (family) {
  case OpFamily::None:
    return "None";
#define LITEC_OP_FAMILY_CASE(F)                                                                    \
  case OpFamily::F:                                                                                \
    return #F;
    LITEC_OP_FAMILIES(LITEC_OP_FAMILY_CASE)
#undef LITEC_OP_FAMILY_CASE
  }
  return "?";
}

int32_t maxOpKindCode() {
  return kMaxCode;
}

} // namespace litec::ir
