// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_ELEMENT_TYPE_H
#define LITEC_RUNTIME_ELEMENT_TYPE_H

// The element types a generated model's inputs and outputs can have, for the constexpr tensor
// descriptions in the generated API. C++17, header-only.

namespace litec::runtime {

enum class ElementType : int {
  kFloat32 = 0,
  kInt8 = 1,
  kUInt8 = 2,
  kInt16 = 3,
  kInt32 = 4,
  kInt64 = 5,
  kBool = 6,
  kFloat16 = 7,
};

} // namespace litec::runtime

#endif // LITEC_RUNTIME_ELEMENT_TYPE_H
