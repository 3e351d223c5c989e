//===- StridedSlice.h - What a STRIDED_SLICE selects ------------------------------------------===//
//
// STRIDED_SLICE's begin/end/strides and five masks describe a selection in a language of its own
// (an ellipsis standing for any number of whole dimensions, new axes of size one, shrunk axes).
// Shape inference and the kernels need the same answer, so it is worked out once, here, into
// one plain range per input dimension.
//
//===-------------------------------------------------------------------------------------------===//

#ifndef LITEC_IR_STRIDEDSLICE_H
#define LITEC_IR_STRIDEDSLICE_H

#include "litec/ir/Graph.h"
#include "litec/ir/Shape.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace litec::ir {

struct StridedSliceSpec {
  std::vector<int64_t> begin, end, strides;
  int64_t beginMask = 0, endMask = 0, ellipsisMask = 0, newAxisMask = 0, shrinkAxisMask = 0;
  bool offset = false; // end is relative to begin
};

struct ResolvedSlice {
  // Per input dimension: first index, step (never 0) and number of elements taken.
  std::vector<int64_t> start, step, count;
  // The result: the counts of the dimensions kept, with the new axes (size 1) in place.
  Shape resultShape;
};

// TFLite's reading of the spec: indices counted from the end when negative, clamped to the
// dimension, masks applied; a single ellipsis expands to the dimensions the other entries leave,
// a new axis at the ellipsis' position has no effect, and dimensions after the spec are whole.
llvm::Expected<ResolvedSlice> resolveStridedSlice(const Shape &input, const StridedSliceSpec &spec);

// The spec of a STRIDED_SLICE op: its masks and offset attributes with the given (constant)
// begin, end and strides (an error when the op's options are missing or of another table).
llvm::Expected<StridedSliceSpec> stridedSliceSpecOf(const Op &op, std::vector<int64_t> begin,
                                                    std::vector<int64_t> end,
                                                    std::vector<int64_t> strides);

} // namespace litec::ir

#endif // LITEC_IR_STRIDEDSLICE_H
