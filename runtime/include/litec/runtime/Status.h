// Include guards, not #pragma once: every generated model carries its own copy of these
// headers, and an application including two models must see one definition.
#ifndef LITEC_RUNTIME_STATUS_H
#define LITEC_RUNTIME_STATUS_H

// Status codes returned by generated code. C++17, no exceptions, no RTTI, no heap: this header
// is compiled into applications together with the generated model.

namespace litec::runtime {

enum class Status : int {
  kOk = 0,
  kNullArgument = 1,    // a required pointer (arena, input, output) was null
  kMisalignedArena = 2, // the arena does not have the alignment the model requires
  kUnsupported = 3,     // the model needs something this build does not provide
  kIndexOutOfRange = 4, // an index input (GATHER) points outside its tensor
  kInvalidInput = 5,    // an input the op is undefined for (division by zero, RSQRT of < 0)
};

constexpr const char *statusName(Status status) {
  switch (status) {
  case Status::kOk:
    return "ok";
  case Status::kNullArgument:
    return "null argument";
  case Status::kMisalignedArena:
    return "misaligned arena";
  case Status::kUnsupported:
    return "unsupported";
  case Status::kIndexOutOfRange:
    return "index out of range";
  case Status::kInvalidInput:
    return "invalid input";
  }
  return "unknown status";
}

} // namespace litec::runtime

#endif // LITEC_RUNTIME_STATUS_H
