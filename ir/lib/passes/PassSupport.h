#pragma once

// What the rewriting passes share: who reads a value, and renumbering ops after a rewrite.

#include "litec/ir/Graph.h"
#include "litec/ir/OpOptions.h"
#include "litec/ir/passes/Pass.h"

#include <optional>
#include <vector>

namespace litec::ir {

// For each value id, how many times it is read: once per operand slot naming it, once more if
// it is a graph output (a reader outside the graph).
std::vector<int> useCounts(const Graph &graph);

// Makes every op that reads `from` read `to` instead; false (and nothing changed) when `from`
// is a graph output, which must stay written by its producer.
bool replaceUses(Graph &graph, const Value &from, Value &to);

// A pass named `name` that runs `transform` on every graph of the module and adds what it
// returns to the statistic `statistic`.
std::unique_ptr<Pass> makeGraphPass(std::string_view name, std::string_view statistic,
                                    int64_t (*transform)(Graph &graph));

// A PAD or PADV2 with constant paddings that pads with the data's zero: +0.0 for float, the zero
// point for quantised data (PAD's input and output then share one per-tensor quantisation, and
// PADV2's constant is the zero point).
struct ZeroPad {
  Op *op;
  Value *source;                 // what is padded
  std::vector<int64_t> paddings; // before and after for each dimension
};
// `padded`'s producer as a ZeroPad; nullopt when it is none.
std::optional<ZeroPad> zeroPadOf(const Value &padded);

// Whether the reference interpreter prepares `op` as it now stands: a rewritten op must still be
// one its kernels take (and so one every target's preparation takes), else the rewrite is undone.
bool referenceAccepts(const Op &op);

// Makes `producer` write `result` (its only result) with fused activation `activation`; false
// (and the op as it was) when its kernel would not take that, or it has no activation slot and
// `activation` is not NONE.
bool writeWithActivation(Op &producer, Value &result, options::ActivationFunctionType activation);

// A CONV_2D or DEPTHWISE_CONV_2D with no activation whose result only `epilogue` reads: the
// convolution a fused convolution can start from.
bool isFusableConvolution(const Op *conv, const std::vector<int> &uses);

// `conv` fused with the op `epilogue` that reads its result (LITEC_*CONV_2D_* of OpKinds.def):
// the convolution's options and operands 0-2, `operand` (the residual or the PRELU slopes) as
// operand 3 when given, the epilogue's activation (ADD) and results, the convolution's result
// as intermediate 0. nullopt when litec has no such fused op or its kernel would not take it.
std::optional<Op> fusedConvolutionOp(const Op &conv, const Op &epilogue, Value *operand);

// Puts `fused` (made from `conv` and the op at position `epilogueAt`) where the epilogue op ran,
// since the epilogue's operand may be computed after the convolution, and marks the other
// position in `erase`.
void replaceByFused(Graph &graph, Op &conv, size_t epilogueAt, Op fused, std::vector<bool> &erase);

// Drops the ops marked in `erase` (by position) and renumbers the rest.
void eraseOps(Graph &graph, const std::vector<bool> &erase);

} // namespace litec::ir
