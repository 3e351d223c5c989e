#pragma once

// PAD and PADV2: any element type, any rank up to 8. The padding value is PADV2's constant
// operand, or for PAD zero (the output's zero point when it is quantised). The paddings are a
// [rank, 2] int32 or int64 tensor; when they (or PADV2's value) are not constant, the
// reference interpreter reads them when it runs, and no code generation target takes the op.

#include "litec/ir/ops/Params.h"

#include <vector>

namespace litec::ir::ops {

inline constexpr int kMaxPadRank = 8;

struct PadParams {
  int32_t rank, outCount;
  std::vector<int32_t> inShape, outShape, before; // before: the padding before each dimension

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(rank);
    LITEC_PARAM(outCount);
    LITEC_PARAM(inShape);
    LITEC_PARAM(outShape);
    LITEC_PARAM(before);
  }
};

struct PreparedPad {
  PadParams params; // `before` is empty when the paddings are not constant
  ElementType type;
  std::vector<uint8_t> padValue; // one element; empty when PADV2's value is not constant
  bool constantPaddings() const { return !params.before.empty() || params.rank == 0; }
};

llvm::Expected<PreparedPad> preparePad(const Op &op);

} // namespace litec::ir::ops
