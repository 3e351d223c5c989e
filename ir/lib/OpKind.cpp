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
