#pragma once

// What the rewriting passes share: who reads a value, and renumbering ops after a rewrite.

#include "litec/ir/Graph.h"
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

// Drops the ops marked in `erase` (by position) and renumbers the rest.
void eraseOps(Graph &graph, const std::vector<bool> &erase);

} // namespace litec::ir
