#pragma once

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <optional>
#include <vector>

namespace litec::ir {

// Computes the static result shapes of `op` from its operand shapes, attributes and constant
// operands. Returns nullopt when litec has no shape rule for the op or the result depends on
// non-constant data (e.g. a RESHAPE whose shape is computed at run time); returns an error
// when the operands are inconsistent (e.g. a convolution whose channels do not match).
llvm::Expected<std::optional<std::vector<Shape>>> inferResultShapes(const Op &op);

// Reads a constant integer operand (i32 or i64) as a list, e.g. a shape or axis tensor.
std::optional<std::vector<int64_t>> constantInts(const Value *value);

} // namespace litec::ir
