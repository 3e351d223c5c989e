#pragma once

// Data movement along axes, any element type: SLICE and STRIDED_SLICE (begin/end/shrink masks,
// offset, ellipsis, new axes; constant begin, end and strides), which read each output
// dimension's input positions from a table (an axis gather, also MIRROR_PAD's form), and
// SPLIT, SPLIT_V, UNPACK and PACK, which move one chunk per piece for each block before the
// axis.

#include "litec/ir/ops/Params.h"

#include <vector>

namespace litec::ir::ops {

inline constexpr int kMaxGatherRank = 8;

// Output dimension d reads the input elements offsets[starts[d] + i] (positions already
// multiplied by the input's stride), summed over the dimensions.
struct AxisGatherParams {
  int32_t rank, count;
  std::vector<int32_t> outShape, starts, offsets;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(rank);
    LITEC_PARAM(count);
    LITEC_PARAM(outShape);
    LITEC_PARAM(starts);
    LITEC_PARAM(offsets);
  }
};
// The table for an input of `inShape` whose output dimension d reads positions sources[d].
AxisGatherParams axisGather(const Shape &inShape, const std::vector<std::vector<int64_t>> &sources);

struct PreparedSlice {
  AxisGatherParams params;
  ElementType type;
};
llvm::Expected<PreparedSlice> prepareSlice(const Op &op);

// `outer` blocks, each made of one chunk (chunks[k] bytes) per piece, in piece order.
struct ChunkParams {
  int32_t outer, pieces;
  std::vector<int32_t> chunks;

  template <typename V> void visit(V &&visitor) const {
    LITEC_PARAM(outer);
    LITEC_PARAM(pieces);
    LITEC_PARAM(chunks);
  }
};

struct PreparedChunks {
  ChunkParams params;
  bool split;         // SPLIT, SPLIT_V, UNPACK: the data operand into the results
  size_t dataOperand; // the operand split (SPLIT's is its second)
};
// True for SPLIT, SPLIT_V, UNPACK and PACK (chunks), false for SLICE and STRIDED_SLICE.
bool isChunking(const Op &op);
llvm::Expected<PreparedChunks> prepareChunks(const Op &op);

} // namespace litec::ir::ops
