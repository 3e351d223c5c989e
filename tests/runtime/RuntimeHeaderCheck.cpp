// Compiled with -std=c++17 -fno-exceptions -fno-rtti: the runtime headers must stay usable in
// generated code built that way. The static_asserts run at compile time.
#include "litec/runtime/Status.h"

static_assert(static_cast<int>(litec::runtime::Status::kOk) == 0);
static_assert(litec::runtime::statusName(litec::runtime::Status::kOk)[0] == 'o');
