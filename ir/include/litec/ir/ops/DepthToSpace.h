#pragma once

// DEPTH_TO_SPACE and SPACE_TO_DEPTH on NHWC, any element type: depth d = (by * block + bx) *
// wideC + c of a deep pixel (few pixels, many channels) is the wide pixel at offset (by, bx).

#include "litec/ir/ops/Params.h"

namespace litec::ir::ops {

struct DepthToSpaceParams {
  int32_t block, batches, wideH, wideW, wideC, deepH, deepW, deepC;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(block);
    LITEC_PARAM(batches);
    LITEC_PARAM(wideH);
    LITEC_PARAM(wideW);
    LITEC_PARAM(wideC);
    LITEC_PARAM(deepH);
    LITEC_PARAM(deepW);
    LITEC_PARAM(deepC);
  }
};

struct PreparedDepthToSpace {
  DepthToSpaceParams params;
  bool toSpace; // DEPTH_TO_SPACE; SPACE_TO_DEPTH otherwise
  ElementType type;
};

llvm::Expected<PreparedDepthToSpace> prepareDepthToSpace(const Op &op);

} // namespace litec::ir::ops
