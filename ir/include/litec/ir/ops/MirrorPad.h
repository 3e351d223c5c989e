#pragma once

// MIRROR_PAD, any element type: REFLECT mirrors without repeating the border element,
// SYMMETRIC repeats it. With constant paddings the source of every output position is worked
// out once (an axis gather, litec/ir/ops/Slicing.h); otherwise the reference interpreter reads
// them when it runs.

#include "litec/ir/ops/Slicing.h"

namespace litec::ir::ops {

struct PreparedMirrorPad {
  AxisGatherParams params; // empty when the paddings are not constant
  bool constantPaddings, symmetric;
  ElementType type;
};

llvm::Expected<PreparedMirrorPad> prepareMirrorPad(const Op &op);

// The input position output position o of a dimension of n elements reads, padded by `before`;
// nullopt when the padding is larger than the mirror allows.
std::optional<int64_t> mirrorSource(int64_t o, int64_t before, int64_t n, bool symmetric);

} // namespace litec::ir::ops
