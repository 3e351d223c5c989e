#pragma once

// The static memory plan of a compiled model: every tensor that is not a constant lives in one
// arena at an offset fixed at compile time. Buffers live from the op that writes them to the
// last op that reads them (inputs from the start, outputs to the end, variable tensors always);
// reshape-like ops alias their input's buffer; kernels' scratch lives for its op only. Buffers
// are placed greedily, largest first, each in the smallest gap left by the buffers it overlaps
// in time (best fit). Element-wise ops write over an operand that dies with them. A
// concatenation whose kernel can skip an operand takes that operand's buffer into its result's
// buffer at the operand's slice, so the producer writes straight into the concatenated tensor.

#include "litec/ir/Graph.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <vector>

namespace litec::codegen {

struct ArenaBuffer {
  int64_t offset = 0, size = 0;
  int first = 0, last = 0; // op steps during which the buffer is live, inclusive
  // A buffer placed inside another (an operand written into its slice of a concatenation):
  // `offset` is parent's offset + offsetInParent, and the parent's lifetime covers this one.
  int parent = -1;
  int64_t offsetInParent = 0;
  // Nonzero for a buffer holding a channel slice of its parent (a concatenation along the
  // channels): its value's pixels are this many bytes apart, interleaved with its siblings'.
  int64_t pixelStride = 0;
};

struct MemoryPlan {
  std::vector<ArenaBuffer> buffers;
  std::vector<int> bufferOfValue; // by value id; -1 for constants and unused values
  std::vector<int> scratchOfOp;   // by op index; -1 when the op needs none
  std::vector<int> persistent;    // the buffers asked for beside the tensors, kept for the run
  int64_t alignment = 16;
  int64_t arenaSize = 0;
  // The most bytes live at once over the op order: no plan of these buffers can be smaller.
  int64_t lowerBound = 0;

  int64_t offsetOf(const ir::Value &value) const {
    return buffers[size_t(bufferOfValue[value.id])].offset;
  }
  // Bytes from one pixel of `value` to the next when it is written as a channel slice of a
  // wider tensor; 0 when it is dense.
  int64_t pixelStrideOf(const ir::Value &value) const {
    return inArena(value) ? buffers[size_t(bufferOfValue[value.id])].pixelStride : 0;
  }
  bool inArena(const ir::Value &value) const {
    return value.id < bufferOfValue.size() && bufferOfValue[value.id] >= 0;
  }
};

// Whether op's result may share its input's bytes (RESHAPE, SQUEEZE, EXPAND_DIMS).
bool isAliasOp(const ir::Op &op);

// What the target tells the planner about each op: its scratch bytes, and whether its kernel
// may write its result over its first operand (it reads element i of every operand before it
// writes element i of the result).
struct OpMemoryNeeds {
  int64_t scratchBytes = 0;
  bool inPlace = false;
  // For an op that gathers its operands into its result (CONCATENATION): where operand k's bytes
  // go in result 0, one byte offset per operand, when the kernel skips an operand already there;
  // empty when it cannot. With slicePixelStride, each operand is a run of channels in every
  // pixel of the result, pixels slicePixelStride bytes apart.
  std::vector<int64_t> operandSlices = {};
  int64_t slicePixelStride = 0;
  // Whether the op's kernel can write result 0 with its pixels further apart than its channels
  // (as a channel slice of a wider tensor).
  bool stridedResult = false;
  // Whether the op may run interleaved with the next one (by bands: LayerBands.h), so that its
  // operands must stay untouched until that op is done too.
  bool operandsLiveThroughNext = false;
};

// Plans `graph`. An in-place op takes over its first operand's buffer when that operand dies at
// the op (no later reader, not a graph output, not a variable) and has the result's size. An op
// with operandSlices takes each operand's buffer into its result's at the operand's slice when
// the operand's buffer dies at the op and holds no graph input or variable (its first use moves
// back to the operand's producer); a channel slice (slicePixelStride) only when the operand is
// its buffer's one value, the op its one reader and its producer can write it strided.
// `persistentBytes` asks for further buffers live for the whole run and kept between runs, as
// variables are (a partition's state); plan.persistent holds their buffer indices, in order.
llvm::Expected<MemoryPlan> planMemory(const ir::Graph &graph,
                                      const std::vector<OpMemoryNeeds> &needs, int64_t alignment,
                                      const std::vector<int64_t> &persistentBytes = {});

} // namespace litec::codegen
